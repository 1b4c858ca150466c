"""The performance dashboard and the drill-down from every figure to what was counted."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import render

from openyj.core.audit import audit
from openyj.core.models import AuditEvent
from openyj.core.permissions import require
from openyj.core.roles import Action, role_allows
from openyj.indicators import presenters, registry, selectors, services


def _threshold() -> int:
    return getattr(settings, "OPENYJ_SMALL_NUMBER_THRESHOLD", 5)


def _figures(request):
    """The chosen period and its stored figure set (queued for computing when missing or out of date),
    with what the pages say about it: when and from which records it was computed."""
    period = selectors.parse_period(request.GET.get("period"))
    fs = services.figure_set_request(user=request.user, service=request.service, period=period)
    fs = services.figure_set_stalled(fs)
    context = {
        "period": period, "period_value": presenters.period_value(period), "choices": selectors.period_choices(),
        "figure_set": fs, "has_figures": bool(fs.figures.get("indicators")),
        "stale": fs.status in (fs.Status.STALE, fs.Status.QUEUED) and bool(fs.figures.get("indicators")),
        "computing": fs.status in (fs.Status.QUEUED, fs.Status.STALE),
        "failed": fs.status == fs.Status.FAILED,
        "aggregate_only": not role_allows(request.role, Action.VIEW_FIGURES), "threshold": _threshold(),
    }
    return fs, context


@require(Action.VIEW_AGGREGATE)
def dashboard(request):
    """A summary table of every indicator for the chosen period, from the stored figures: value,
    counts, period, the most relevant comparable comparator and its RAG, provisional flag."""
    fs, context = _figures(request)
    groups = presenters.summary(fs, aggregate_only=context["aggregate_only"], threshold=context["threshold"]) \
        if context["has_figures"] else []
    return render(request, "indicators/dashboard.html", {**context, "groups": groups})


@require(Action.VIEW_AGGREGATE)
def indicator(request, indicator: str):
    """One indicator: its figure, comparators, trend, breakdowns, drill-down and definition."""
    declared = registry.get(indicator)
    if declared is None:
        raise Http404("No such indicator.")
    fs, context = _figures(request)
    card = None
    if context["has_figures"]:
        r = presenters.results(fs).get(indicator)
        if r is not None:
            card = presenters.card(fs, r, aggregate_only=context["aggregate_only"], threshold=context["threshold"])
    return render(request, "indicators/indicator.html", {**context, "declared": declared, "card": card})


@require(Action.VIEW_FIGURES)
def drilldown(request, indicator: str):
    """The children (or offences, remands, outcomes, reviews …) counted in one figure, or in one
    count of its breakdown tables: identities, audited."""
    service = request.service
    if registry.get(indicator) is None:
        raise Http404("No such indicator.")
    fs, context = _figures(request)
    period = context["period"]
    if not context["has_figures"]:
        return render(request, "indicators/indicator.html", {**context, "declared": registry.get(indicator),
                                                              "card": None})
    result = presenters.results(fs).get(indicator)
    if result is None:
        raise Http404("No such indicator.")
    found = selectors.drill_list(result, which=request.GET.get("list"), table=request.GET.get("table"),
                                 row=request.GET.get("row"), column=request.GET.get("column"))
    if found is None:
        raise Http404("No such list.")
    description, ids, which = found
    records = list(selectors.records(request.user, service, ids, which))
    reoffenders = set(result.extra.get("reoffender_ids", []))
    audit(user=request.user, verb=AuditEvent.Verb.VIEW, service=service, object_type="indicator drill-down",
          object_id=indicator,
          summary=f"Viewed the {len(records)} {which} counted in {result.name} ({description}), "
                  f"{result.period.label}")
    period_value = presenters.period_value(period)
    return render(request, "indicators/drilldown.html", {
        "result": result, "period": period, "period_value": period_value, "which": which,
        "description": description, "records": records, "reoffenders": reoffenders,
        "breakdown": bool(request.GET.get("table")),
        "other_list": (None if request.GET.get("table") or result.ids_kind == "children" else
                       ("children" if which != "children" else result.ids_kind)),
        "other_url": presenters.drill_url(indicator, period_value, list="children" if which != "children" else None),
        "figure_set": fs,
    })
