"""The performance dashboard and the drill-down from every figure to what was counted."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from openyj.core.audit import audit, audit_shown, child_id_of
from openyj.core.models import AuditEvent
from openyj.core.permissions import require
from openyj.core.roles import Action, role_allows
from openyj.indicators import selectors, tables
from openyj.indicators.comparators import change_unit
from openyj.indicators.periods import last_quarters
from openyj.indicators.rag import LABELS as RAG_LABELS
from openyj.indicators.suite import SuiteCache, compute_suite, service_tables, with_comparators


def _threshold() -> int:
    return getattr(settings, "OPENYJ_SMALL_NUMBER_THRESHOLD", 5)


def _drill_url(indicator: str, period_value: str, **params) -> str:
    query = urlencode({"period": period_value, **{k: v for k, v in params.items() if v}})
    return f"{reverse('indicator_drilldown', args=[indicator])}?{query}"


@require(Action.VIEW_AGGREGATE)
def dashboard(request):
    """One card per indicator for the chosen period, with comparators, RAG, an 8-quarter trend and
    the breakdown tables (each checked to add up before it is shown)."""
    service = request.service
    period = selectors.parse_period(request.GET.get("period"))
    period_value = f"{period.kind}:{period.end}"
    aggregate_only = not role_allows(request.role, Action.VIEW_FIGURES)
    threshold = _threshold()
    t = service_tables(service)
    suites = SuiteCache(t)  # the period, the previous one and a year earlier are often trend quarters too
    results = with_comparators(service, period, t, cache=suites)
    per_quarter = {q: suites(q)[service.pk] for q in last_quarters(period.end, 8)}
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

        def drill(table, row, column, key=key):
            return _drill_url(key, period_value, table=table, row=row, column=column)

        cards.append({
            "id": key, "result": r, "shown": shown, "comparators": comparators,
            "change_unit": change_unit(r), "trend": rows,
            "chart_id": f"chart-{key}", "chart_spec": selectors.trend_spec(rows, r.name, r.unit),
            # no chart without a single value to draw (Vega would leave an unlabelled empty image)
            "chart_drawn": any(row["chart_value"] is not None for row in rows),
            "drill": not aggregate_only,
            "tables": tables.tables_for(r, aggregate_only=aggregate_only, threshold=threshold,
                                        drill_url=None if aggregate_only else drill),
            "concentration": selectors.concentration_shown(r, aggregate_only=aggregate_only, threshold=threshold),
            "looked_after": (selectors.looked_after_shown(r, aggregate_only=aggregate_only, threshold=threshold)
                             if key.startswith("looked_after") else None),
            "links": {name: _drill_url(key, period_value, list=name)
                      for name in ("children", "reoffenders", "top_reoffenders", "remand_only")},
        })
    return render(request, "indicators/dashboard.html", {
        "period": period, "period_value": period_value, "choices": selectors.period_choices(),
        "cards": cards, "aggregate_only": aggregate_only, "threshold": threshold,
    })


@require(Action.VIEW_FIGURES)
def drilldown(request, indicator: str):
    """The children (or offences, remands, outcomes, reviews …) counted in one figure, or in one
    count of its breakdown tables: identities, audited."""
    service = request.service
    period = selectors.parse_period(request.GET.get("period"))
    results = compute_suite(service_tables(service), period)[service.pk]
    result = results.get(indicator)
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
          summary=f"Viewed the {len(records)} {which} counted in {result.name} ({description}), {period.label}")
    audit_shown(user=request.user, service=service, child_ids=[child_id_of(r) for r in records],
                where=f"the drill-down of {result.name} ({description}), {period.label}")
    period_value = f"{period.kind}:{period.end}"
    return render(request, "indicators/drilldown.html", {
        "result": result, "period": period, "period_value": period_value, "which": which,
        "description": description, "records": records, "reoffenders": reoffenders,
        "breakdown": bool(request.GET.get("table")),
        "other_list": (None if request.GET.get("table") or result.ids_kind == "children" else
                       ("children" if which != "children" else result.ids_kind)),
        "other_url": _drill_url(indicator, period_value, list="children" if which != "children" else None),
    })
