"""Reads for the performance pages: periods on offer, the figures, and the drill-down lists.

Every list of records goes through the visibility gate (``restrict``); board members never reach
a list (the views refuse them) and their figures arrive with small numbers suppressed.
"""

from __future__ import annotations

from datetime import date

import altair as alt

from openyj.core.permissions import restrict
from openyj.core.roles import Action
from openyj.indicators.periods import Period, last_quarters
from openyj.indicators.results import Result, round_half_up

# The dashboard's cards, in order; the trend charts show these.
CARD_ORDER = ["fte", "reoffending", "custody", "remands", "remand_nights", "remands_no_custody",
              "serious_violence", "weapons", "profile", "caseload", "psr_congruence", "panel_congruence",
              "feedback", "assessments_on_time", "assessments_countersigned", "ete_school_full_time",
              "ete_above_school_no_hours", "ete_on_release"]
PERIOD_KINDS = ["quarter", "financial_year", "calendar_year", "rolling_12"]


def default_period(today: date | None = None) -> Period:
    """The latest complete quarter."""
    today = today or date.today()
    return Period.quarter_containing(today).previous()


def period_choices(today: date | None = None) -> list[tuple[str, list[tuple[str, str]]]]:
    """(group label, [(value, label)]) for the period picker: value is ``kind:last-day``."""
    latest = default_period(today)
    quarters = last_quarters(latest.end, 12)[::-1]
    fys, cys = [], []
    fy = Period.financial_year_containing(latest.end)
    if fy.end > latest.end:
        fy = fy.shift_months(-12)
    cy = Period.calendar_year(latest.end.year if latest.end.month == 12 else latest.end.year - 1)
    for _ in range(5):
        fys.append(fy)
        cys.append(cy)
        fy, cy = fy.shift_months(-12), cy.shift_months(-12)
    rolling = [Period.rolling_12(q.end) for q in quarters[:8]]
    return [
        ("Quarter", [(f"quarter:{p.end}", p.label) for p in quarters]),
        ("Financial year", [(f"financial_year:{p.end}", p.label) for p in fys]),
        ("Calendar year", [(f"calendar_year:{p.end}", p.label) for p in cys]),
        ("Rolling 12 months", [(f"rolling_12:{p.end}", p.label) for p in rolling]),
    ]


def parse_period(value: str | None, today: date | None = None) -> Period:
    """A ``kind:YYYY-MM-DD`` value from the picker; the default period when absent or invalid."""
    if value:
        kind, _, when = value.partition(":")
        try:
            return Period.of_kind(kind, date.fromisoformat(when))
        except ValueError:
            pass
    return default_period(today)


class Shown:
    """A count as a board member or an officer may see it."""

    def __init__(self, value, *, suppressed: bool = False, threshold: int = 5):
        self.value = value
        self.suppressed = suppressed
        self.threshold = threshold

    def __str__(self) -> str:
        if self.suppressed:
            return f"fewer than {self.threshold}"
        if self.value is None:
            return "not available"
        if isinstance(self.value, float):
            return f"{self.value:,}"
        return f"{self.value:,}"


def is_small(n, threshold: int) -> bool:
    return n is not None and 0 < n < threshold


def suppress(result: Result, *, aggregate_only: bool, threshold: int) -> dict:
    """The figures of a result for display; small numbers hidden for aggregate-only roles.

    A rate is hidden with its count: a rate and a population together reveal the count.
    """
    small = aggregate_only and (is_small(result.numerator, threshold) or (
        result.ids_kind != "children" and is_small(len(result.child_ids), threshold)))
    places = result.places

    def fmt(v):
        if v is None:
            return "not available"
        if isinstance(v, float) and result.unit not in ("count", "nights"):
            return f"{v:,.{places}f}"
        return f"{int(v):,}" if float(v).is_integer() else f"{v:,}"

    return {
        "small": small,
        "value": f"fewer than {threshold}" if small and result.denominator is None else (
            "suppressed" if small else fmt(result.value)),
        "numerator": f"fewer than {threshold}" if small else fmt(result.numerator),
        "denominator": fmt(result.denominator) if result.denominator is not None else None,
    }


def trend_spec(rows: list[dict], title: str, unit: str) -> dict:
    """One Vega-Lite spec (via Altair) for an indicator's trend over the quarters."""
    data = alt.Data(values=[{"quarter": r["label"], "value": r["chart_value"], "order": i}
                            for i, r in enumerate(rows)])
    chart = alt.Chart(data, title=title).mark_line(point=True).encode(
        x=alt.X("quarter:N", sort=alt.SortField("order"), title="Quarter"),
        y=alt.Y("value:Q", title=unit),
        tooltip=[alt.Tooltip("quarter:N", title="Quarter"), alt.Tooltip("value:Q", title=unit)],
    ).properties(width="container", height=180)
    spec = chart.to_dict()
    spec.pop("$schema", None)  # nothing is fetched; the vendored vega-lite knows its schema
    return spec


def trend_rows(per_quarter: dict[Period, dict[str, Result]], key: str, *, aggregate_only: bool,
               threshold: int) -> list[dict]:
    rows = []
    for q, results in per_quarter.items():
        r = results.get(key)
        if r is None:
            continue
        shown = suppress(r, aggregate_only=aggregate_only, threshold=threshold)
        rows.append({"label": q.short_label, "period": q, "value": shown["value"],
                     "numerator": shown["numerator"], "denominator": shown["denominator"],
                     "provisional": r.provisional,
                     "chart_value": None if shown["small"] else (
                         round_half_up(r.value, r.places) if r.value is not None else None)})
    return rows


def drilldown_records(user, service, result: Result, which: str):
    """The records behind a figure, through the visibility gate: children, offences, remands or outcomes."""
    from openyj.casework.models import Assessment, Intervention
    from openyj.offending.models import Offence, Outcome, Remand
    from openyj.people.models import Child

    if which == "children":
        refs = result.ids if result.ids_kind == "children" else result.child_ids
        return restrict(user, Action.VIEW_FIGURES, Child.objects.all(), service=service).filter(reference__in=refs)
    model = {"offences": Offence, "remands": Remand, "outcomes": Outcome, "assessments": Assessment,
             "interventions": Intervention}[result.ids_kind]
    qs = restrict(user, Action.VIEW_FIGURES, model.objects.all(), service=service)
    return qs.filter(reference__in=result.ids).select_related("child")
