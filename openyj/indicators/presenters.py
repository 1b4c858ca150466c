"""What the performance pages show, built from a stored figure set: the summary table's rows and one
indicator's card (figure, counts, comparators, trend, breakdowns), with small numbers suppressed for
aggregate-only roles (:mod:`openyj.indicators.suppression`)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from openyj.indicators import registry, selectors, tables
from openyj.indicators.comparators import change_unit, headline
from openyj.indicators.figure_models import FigureSet
from openyj.indicators.rag import LABELS as RAG_LABELS
from openyj.indicators.results import Comparator, Result


def period_value(period) -> str:
    return f"{period.kind}:{period.end}"


def drill_url(indicator: str, value: str, **params) -> str:
    query = urlencode({"period": value, **{k: v for k, v in params.items() if v}})
    return f"{reverse('indicator_drilldown', args=[indicator])}?{query}"


def results(fs: FigureSet, *, light: bool = False) -> dict[str, Result]:
    """The stored results, in the registry's order (an indicator added since is simply absent);
    ``light``: without their lists and breakdowns (the summary's, quicker to read)."""
    stored = (fs.summary if light else fs.figures).get("indicators", {})
    return {code: Result.from_dict(stored[code]) for code in registry.indicators() if code in stored}


def _comparator_small(c: Comparator, aggregate_only: bool, threshold: int) -> bool:
    local = c.kind in ("previous_period", "year_earlier")
    return aggregate_only and local and (selectors.is_small(c.numerator, threshold)
                                         or selectors.is_small(c.denominator, threshold))


def comparator_row(r: Result, c: Comparator, shown: dict, *, aggregate_only: bool, threshold: int) -> dict:
    small = _comparator_small(c, aggregate_only, threshold)
    rated = c.rag if (c.comparable and not small and not shown["small"] and not r.provisional) else None
    return {
        "label": c.label, "kind": c.kind, "period": (_iso_words(c.period_start), _iso_words(c.period_end)),
        "value": "not shown" if small else (f"{c.value:,.{r.places}f}" if c.value is not None else "not available"),
        "numerator": None if small or c.numerator is None else f"{c.numerator:,.0f}",
        "source": c.source, "published_on": c.published_on,
        "change_absolute": None if small or not c.comparable else c.change_absolute,
        "change_relative": None if small or not c.comparable else c.change_relative,
        # RAG only with both numbers on show, like with like, and never for a provisional figure
        "rag": rated, "rag_label": RAG_LABELS.get(rated or "", ""),
        "comparable": c.comparable, "not_comparable_reason": c.not_comparable_reason,
    }


def _iso_words(text: str | None) -> str | None:
    from datetime import date

    return in_words(date.fromisoformat(text)) if text else None


def summary(fs: FigureSet, *, aggregate_only: bool, threshold: int) -> list[dict]:
    """The dashboard's summary: one table per group (national, KPIs, local), one row per indicator."""
    every = results(fs, light=True)
    value = period_value(fs.period)
    groups = []
    for group, heading, indicators in registry.grouped():
        rows = []
        for ind in indicators:
            r = every.get(ind.code)
            if r is None:
                continue
            shown = selectors.suppress(r, aggregate_only=aggregate_only, threshold=threshold)
            best = headline(r)
            compared = comparator_row(r, best, shown, aggregate_only=aggregate_only, threshold=threshold) \
                if best else None
            rows.append({
                "code": ind.code, "name": ind.name, "unit": ind.unit, "shown": shown, "result": r,
                "period": r.period, "provisional": r.provisional, "comparator": compared,
                "url": f"{reverse('indicator', args=[ind.code])}?{urlencode({'period': value})}",
            })
        if rows:
            groups.append({"id": group, "heading": heading, "rows": rows})
    return groups


def card(fs: FigureSet, r: Result, *, aggregate_only: bool, threshold: int) -> dict:
    """One indicator's page: the figure, its counts, comparators, trend and breakdowns."""
    key = r.id
    value = period_value(fs.period)
    shown = selectors.suppress(r, aggregate_only=aggregate_only, threshold=threshold)
    trend = selectors.trend_rows(fs.figures.get("trend", {}).get(key, []), r, aggregate_only=aggregate_only,
                                 threshold=threshold)

    def drill(table, row, column):
        return drill_url(key, value, table=table, row=row, column=column)

    return {
        "id": key, "result": r, "shown": shown, "indicator": registry.get(key),
        "comparators": [comparator_row(r, c, shown, aggregate_only=aggregate_only, threshold=threshold)
                        for c in r.comparators],
        "change_unit": change_unit(r), "trend": trend,
        "chart_id": f"chart-{key}", "chart_spec": selectors.trend_spec(trend, r.name, r.unit),
        # no chart without a single value to draw (Vega would leave an unlabelled empty image)
        "chart_drawn": any(row["chart_value"] is not None for row in trend),
        "drill": not aggregate_only,
        "tables": tables.tables_for(r, aggregate_only=aggregate_only, threshold=threshold,
                                    drill_url=None if aggregate_only else drill),
        "concentration": selectors.concentration_shown(r, aggregate_only=aggregate_only, threshold=threshold),
        "looked_after": (selectors.looked_after_shown(r, aggregate_only=aggregate_only, threshold=threshold)
                         if key.startswith("looked_after") else None),
        "links": {name: drill_url(key, value, list=name)
                  for name in ("children", "reoffenders", "top_reoffenders", "remand_only")},
    }


def in_words(when) -> str:
    """A date as the pages write it: 13 July 2026."""
    return f"{when.day} {when:%B %Y}" if when else ""


def _event(label: str, when) -> str:
    return f"{label}, {in_words(when)}" if when else label


def drill_rows(records, which: str, *, result: Result, names: bool) -> list[dict]:
    """The drill-down list's rows: the record, the child (named for roles that may see names, linked to
    the child's page) and what was counted, in words with its date ("Referral order, 13 July 2026")."""
    from openyj.indicators import selectors as s

    rows = []
    events = s.qualifying_events(result, list(records)) if which == "children" else {}
    for rec in records:
        child = rec if which == "children" else rec.child
        if which == "children":
            event = events.get(rec.pk, "")
        elif which == "outcomes":
            event = _event(rec.outcome_type.name, rec.outcome_date)
        elif which == "offences":
            event = _event(rec.category.name, rec.offence_date)
        elif which == "remands":
            event = _event(rec.get_remand_type_display(), rec.start_date)
        elif which == "interventions":
            event = _event(rec.get_kind_display(), rec.start_date)
        elif which == "assessments":
            event = _event(f"{rec.get_tool_display() or 'Assessment'} due", rec.due_on)
        elif which == "reviews":
            event = _event(f"Review of {rec.intervention.reference} due", rec.due_on) + (
                f"; done {in_words(rec.done_on)}" if rec.done_on else "; not done")
        else:
            event = ""
        rows.append({
            "reference": getattr(rec, "reference", "") or str(rec.pk), "record": rec,
            "child": child.display_name if names else child.reference, "child_reference": child.reference,
            "child_url": reverse("child_detail", args=[child.pk]), "event": event,
        })
    return rows
