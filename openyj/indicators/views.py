"""The performance dashboard and the drill-down from every figure to what was counted."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from openyj.core.audit import audit, audit_shown, child_id_of
from openyj.core.models import AuditEvent
from openyj.core.pages import form_page, posted, save_form
from openyj.core.permissions import require
from openyj.core.roles import Action, role_allows
from openyj.indicators import downloads, figures, presenters, registry, selectors, services
from openyj.indicators.forms import FreezeForm


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
        "figure_set": fs, "has_figures": bool(fs.summary.get("indicators")),
        "stale": fs.status in (fs.Status.STALE, fs.Status.QUEUED) and bool(fs.summary.get("indicators")),
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
    frozen_sets = selectors.frozen_sets(request.user, request.service).filter(
        period_kind=fs.period_kind, period_start=fs.period_start, period_end=fs.period_end)
    return render(request, "indicators/dashboard.html", {
        **context, "groups": groups, "frozen_sets": frozen_sets,
        "may_freeze": role_allows(request.role, Action.VIEW_FIGURES) and fs.is_current(
            figures.records_changed_at(request.service.pk))})


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


def _drill(request, indicator: str):
    """The list behind one figure (or one count of a breakdown), from the stored set; None when the
    figures are still being computed. 404 for an unknown indicator or list."""
    if registry.get(indicator) is None:
        raise Http404("No such indicator.")
    fs, context = _figures(request)
    if not context["has_figures"]:
        return fs, context, None
    result = presenters.results(fs).get(indicator)
    if result is None:
        raise Http404("No such indicator.")
    found = selectors.drill_list(result, which=request.GET.get("list"), table=request.GET.get("table"),
                                 row=request.GET.get("row"), column=request.GET.get("column"))
    if found is None:
        raise Http404("No such list.")
    description, ids, which = found
    records = list(selectors.records(request.user, request.service, ids, which))
    # Which children were shown (or downloaded), one audit event each.
    audit_shown(user=request.user, service=request.service, child_ids=[child_id_of(r) for r in records],
                where=f"the drill-down of {result.name} ({description}), {result.period.label}")
    rows = presenters.drill_rows(records, which, result=result, names=role_allows(request.role, Action.VIEW_CASE))
    return fs, context, (result, description, which, rows)


@require(Action.VIEW_FIGURES)
def drilldown(request, indicator: str):
    """The children (or offences, remands, outcomes, reviews …) counted in one figure, or in one
    count of its breakdown tables: identities, audited."""
    fs, context, found = _drill(request, indicator)
    if found is None:
        return render(request, "indicators/indicator.html", {**context, "declared": registry.get(indicator),
                                                              "card": None})
    result, description, which, rows = found
    audit(user=request.user, verb=AuditEvent.Verb.VIEW, service=request.service,
          object_type="indicator drill-down", object_id=indicator,
          summary=f"Viewed the {len(rows)} {which} counted in {result.name} ({description}), {result.period.label}")
    value = context["period_value"]
    query = urlencode({k: v for k, v in request.GET.items() if k in ("period", "list", "table", "row", "column")})
    return render(request, "indicators/drilldown.html", {
        **context, "result": result, "which": which, "description": description, "rows": rows,
        "reoffenders": set(result.extra.get("reoffender_ids", [])),
        "other_list": (None if request.GET.get("table") or result.ids_kind == "children" else
                       ("children" if which != "children" else result.ids_kind)),
        "other_url": presenters.drill_url(indicator, value, list="children" if which != "children" else None),
        "download_url": f"{reverse('indicator_download', args=[indicator, 'list'])}?{query}",
    })


FORMATS = ("csv", "xlsx")


def _download(request, table, name: str, what: str, indicator: str = ""):
    fmt = request.GET.get("format", "csv")
    if fmt not in FORMATS:
        raise Http404("No such format.")
    if table is None:
        raise Http404("Nothing to download.")
    audit(user=request.user, verb=AuditEvent.Verb.EXPORT, service=request.service,
          object_type="indicator download", object_id=indicator or "summary",
          summary=f"Downloaded {what} as {fmt.upper()}"
                  f"{' (aggregate figures only)' if not role_allows(request.role, Action.VIEW_FIGURES) else ''}")
    return downloads.response(table, name, fmt)


@require(Action.VIEW_AGGREGATE)
def download_summary(request):
    """The summary table as CSV or XLSX (suppressed for aggregate-only roles, as on the page)."""
    fs, context = _figures(request)
    if not context["has_figures"]:
        raise Http404("The figures are still being computed.")
    groups = presenters.summary(fs, aggregate_only=context["aggregate_only"], threshold=context["threshold"])
    period = context["period"]
    return _download(request, downloads.summary_table(groups, period.label), f"performance-{period.end}",
                     f"the performance summary, {period.label}")


@require(Action.VIEW_AGGREGATE)
def download(request, indicator: str, what: str):
    """One of an indicator's tables as CSV or XLSX: ``trend``, ``comparators``, a breakdown (by its
    id) or ``list`` (the drill-down list: only for roles that may see children)."""
    if what == "list":
        if not role_allows(request.role, Action.VIEW_FIGURES):
            raise PermissionDenied("Board members download aggregate figures only.")
        fs, context, found = _drill(request, indicator)
        if found is None:
            raise Http404("The figures are still being computed.")
        result, description, which, rows = found
        table = downloads.list_table(f"{result.name}, {result.period.label}: {description}", rows)
        return _download(request, table, f"{indicator}-{which}-{result.period.end}",
                         f"the {len(rows)} {which} counted in {result.name} ({description})", indicator)
    if registry.get(indicator) is None:
        raise Http404("No such indicator.")
    fs, context = _figures(request)
    r = presenters.results(fs).get(indicator) if context["has_figures"] else None
    if r is None:
        raise Http404("The figures are still being computed.")
    card = presenters.card(fs, r, aggregate_only=context["aggregate_only"], threshold=context["threshold"])
    if what == "trend":
        table = downloads.trend_table(card)
    elif what == "comparators":
        table = downloads.comparators_table(card)
    else:
        shown = next((t for t in card["tables"] if t["id"] == f"{indicator}-{what}"), None)
        table = downloads.breakdown_table(shown) if shown else None
    return _download(request, table, f"{indicator}-{what}-{r.period.end}", f"{r.name}: {what}, {r.period.label}",
                     indicator)


@require(Action.VIEW_FIGURES)
def freeze(request):
    """Freeze the chosen period's figures as they stand, for a return, a report or a plan."""
    fs, context = _figures(request)
    form = FreezeForm(posted(request))

    def save(data):
        return services.figure_set_freeze(user=request.user, figure_set=fs, purpose=data["purpose"])
    done = save_form(request, form, save, success=lambda copy: f"Figures for {copy.period.label} frozen: "
                                                                f"{copy.frozen_for}",
                     to=lambda copy: reverse("frozen_figures", args=[copy.pk]))
    return done or form_page(request, "indicators/freeze.html", form, **context)


@require(Action.VIEW_AGGREGATE)
def frozen(request, pk: int):
    """A frozen figure set's summary, exactly as it was frozen."""
    fs = get_object_or_404(selectors.frozen_sets(request.user, request.service), pk=pk)
    aggregate_only = not role_allows(request.role, Action.VIEW_FIGURES)
    groups = presenters.summary(fs, aggregate_only=aggregate_only, threshold=_threshold())
    return render(request, "indicators/frozen.html", {"figure_set": fs, "period": fs.period, "groups": groups,
                                                      "aggregate_only": aggregate_only, "threshold": _threshold()})
