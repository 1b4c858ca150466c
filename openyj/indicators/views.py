"""The performance dashboard and the drill-down from every figure to what was counted."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404
from django.shortcuts import render

from openyj.core.audit import audit
from openyj.core.models import AuditEvent
from openyj.core.permissions import require
from openyj.core.roles import Action, role_allows
from openyj.indicators import selectors
from openyj.indicators.comparators import change_unit
from openyj.indicators.periods import last_quarters
from openyj.indicators.rag import LABELS as RAG_LABELS
from openyj.indicators.suite import compute_suite, service_tables, with_comparators


def _threshold() -> int:
    return getattr(settings, "OPENYJ_SMALL_NUMBER_THRESHOLD", 5)


@require(Action.VIEW_AGGREGATE)
def dashboard(request):
    """One card per indicator for the chosen period, with comparators, RAG and an 8-quarter trend."""
    service = request.service
    period = selectors.parse_period(request.GET.get("period"))
    aggregate_only = not role_allows(request.role, Action.VIEW_FIGURES)
    threshold = _threshold()
    t = service_tables(service)
    results = with_comparators(service, period, t)
    per_quarter = {q: compute_suite(t, q)[service.pk] for q in last_quarters(period.end, 8)}
    cards = []
    for key in selectors.CARD_ORDER:
        r = results.get(key)
        if r is None:
            continue
        shown = selectors.suppress(r, aggregate_only=aggregate_only, threshold=threshold)
        comparators = []
        for c in r.comparators:
            local = c.kind in ("previous", "year_earlier")
            small = aggregate_only and local and selectors.is_small(c.numerator, threshold)
            comparators.append({
                "label": c.label, "kind": c.kind, "period": (c.period_start, c.period_end),
                "value": "suppressed" if small else (
                    f"{c.value:,.{r.places}f}" if c.value is not None else "not available"),
                "numerator": None if small or c.numerator is None else f"{c.numerator:,.0f}",
                "source": c.source, "published_on": c.published_on,
                "change_absolute": None if small else c.change_absolute,
                "change_relative": None if small else c.change_relative,
                # RAG only with both numbers on show
                "rag": None if (small or shown["small"]) else c.rag,
                "rag_label": RAG_LABELS.get(c.rag or "", ""),
            })
        rows = selectors.trend_rows(per_quarter, key, aggregate_only=aggregate_only, threshold=threshold)
        cards.append({
            "id": key, "result": r, "shown": shown, "comparators": comparators,
            "change_unit": change_unit(r), "trend": rows,
            "chart_id": f"chart-{key}", "chart_spec": selectors.trend_spec(rows, r.name, r.unit),
            "drill": not aggregate_only,
        })
    return render(request, "indicators/dashboard.html", {
        "period": period, "period_value": f"{period.kind}:{period.end}", "choices": selectors.period_choices(),
        "cards": cards, "aggregate_only": aggregate_only, "threshold": threshold,
    })


@require(Action.VIEW_FIGURES)
def drilldown(request, indicator: str):
    """The children (or offences, remands, outcomes) counted in one figure: identities, audited."""
    service = request.service
    period = selectors.parse_period(request.GET.get("period"))
    results = compute_suite(service_tables(service), period)[service.pk]
    result = results.get(indicator)
    if result is None:
        raise Http404("No such indicator.")
    which = request.GET.get("list", result.ids_kind)
    if which not in ("children", result.ids_kind):
        raise Http404("No such list.")
    records = list(selectors.drilldown_records(request.user, service, result, which))
    reoffenders = set(result.extra.get("reoffender_ids", []))
    audit(user=request.user, verb=AuditEvent.Verb.VIEW, service=service, object_type="indicator drill-down",
          object_id=indicator,
          summary=f"Viewed the {len(records)} {which} counted in {result.name}, {period.label}")
    return render(request, "indicators/drilldown.html", {
        "result": result, "period": period, "period_value": f"{period.kind}:{period.end}", "which": which,
        "records": records, "reoffenders": reoffenders, "has_children_list": result.ids_kind != "children",
    })
