"""Reads for the performance pages: periods on offer, the figures, and the drill-down lists.

Every list of records goes through the visibility gate (``restrict``); board members never reach
a list (the views refuse them) and their figures arrive with small numbers suppressed.
"""

from __future__ import annotations

from datetime import date

import altair as alt

from openyj.core.permissions import restrict
from openyj.core.roles import Action
from openyj.indicators import suppression
from openyj.indicators.periods import Period, last_quarters
from openyj.indicators.results import Result, round_half_up
from openyj.offending import codes

OFFENCE_CATEGORIES = codes.OFFENCE_CATEGORY
PERIOD_KINDS = ["quarter", "financial_year", "calendar_year", "rolling_12"]


def area_coverage(service) -> list[dict]:
    """For each of the service's area codes: the population years and census sources loaded."""
    from openyj.indicators.models import CensusEthnicity, Population

    out = []
    for code in service.area_codes or []:
        years = sorted(set(Population.objects.filter(area_code=code).values_list("year", flat=True)))
        sources = sorted(set(CensusEthnicity.objects.filter(area_code=code).values_list("source", flat=True)))
        out.append({"code": code, "population_years": years, "census_sources": sources})
    return out


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
    """A ``kind:YYYY-MM-DD`` value from the picker; the default period when absent, invalid or outside
    the years figures can be computed for (1990 to next year: comparisons reach a year back and ahead)."""
    if value:
        kind, _, when = value.partition(":")
        try:
            period = Period.of_kind(kind, date.fromisoformat(when))
        except (ValueError, OverflowError):
            pass
        else:
            if 1990 <= period.start.year and period.end.year <= (today or date.today()).year + 1:
                return period
    return default_period(today)


def is_small(n, threshold: int) -> bool:
    return suppression.is_small(n, threshold)


def suppress(result: Result, *, aggregate_only: bool, threshold: int) -> dict:
    """The figures of a result for display; small numbers hidden for aggregate-only roles."""
    return suppress_figures(result.numerator, result.denominator, result.value, unit=result.unit,
                            places=result.places, ids_kind=result.ids_kind, children=len(result.child_ids),
                            aggregate_only=aggregate_only, threshold=threshold)


def suppress_figures(numerator, denominator, value, *, unit: str, places: int, ids_kind: str, children: int,
                     aggregate_only: bool, threshold: int) -> dict:
    """Numerator, denominator and value for display (the rule of :mod:`openyj.indicators.suppression`).

    A count or a denominator from 1 to threshold − 1 is shown as "fewer than 5", and the rate worked
    out from it is not shown: a rate and a population together reveal the count. For counts of
    offences or remands, the children behind them count too.
    """
    small_count = aggregate_only and (is_small(numerator, threshold) or (
        ids_kind != "children" and is_small(children, threshold)))
    small_denominator = aggregate_only and is_small(denominator, threshold)
    small = small_count or small_denominator
    words = suppression.in_words(threshold)

    def fmt(v):
        if v is None:
            return "not available"
        if isinstance(v, float) and unit not in ("count", "nights"):
            return f"{v:,.{places}f}"
        return f"{int(v):,}" if float(v).is_integer() else f"{v:,}"

    if small_denominator and not small_count:
        # the count of a small denominator is small too, or a secondary cell of it
        shown_numerator = words if is_small(numerator, threshold) else ("0" if numerator == 0 else "not shown")
    else:
        shown_numerator = words if small_count else fmt(numerator)
    return {
        "small": small,
        "value": words if small_count and denominator is None else ("not shown" if small else fmt(value)),
        "numerator": shown_numerator,
        "denominator": (words if small_denominator else fmt(denominator)) if denominator is not None else None,
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
    spec = chart.to_dict(validate=False)  # built here from known fields: no schema check per page
    spec.pop("$schema", None)  # nothing is fetched; the vendored vega-lite knows its schema
    return spec


def trend_rows(stored: list[dict], result: Result, *, aggregate_only: bool, threshold: int) -> list[dict]:
    """The trend table's rows from a stored figure set's trend (one per quarter, oldest first)."""
    rows = []
    for row in stored:
        quarter = Period.quarter_containing(date.fromisoformat(row["quarter"]["end"]))
        shown = suppress_figures(row["numerator"], row["denominator"], row["value"], unit=result.unit,
                                 places=result.places, ids_kind=result.ids_kind, children=row.get("children", 0),
                                 aggregate_only=aggregate_only, threshold=threshold)
        label = quarter.short_label if row["period"]["kind"] == "quarter" else \
            f"12 months to {quarter.end:%b %y}"
        rows.append({"label": label, "period": row["period"], "value": shown["value"],
                     "numerator": shown["numerator"], "denominator": shown["denominator"],
                     "provisional": row["provisional"],
                     # a provisional figure is not drawn as if final (a cohort still inside its window)
                     "chart_value": None if shown["small"] or row["provisional"] else (
                         round_half_up(row["value"], result.places) if row["value"] is not None else None)})
    return rows


def concentration_shown(result: Result, *, aggregate_only: bool, threshold: int) -> dict | None:
    """The concentration of reoffending for display: hidden whole for aggregate-only roles when the
    most prolific 10% are fewer children than the threshold (their reoffences would single them out)."""
    c = result.extra.get("concentration")
    if not c or not c["top_reoffenders"]:
        return None
    if aggregate_only and is_small(c["top_reoffenders"], threshold):
        return {"suppressed": True, "threshold": threshold}
    return {"suppressed": False, "top": c["top_reoffenders"], "theirs": c["their_reoffences"],
            "of": result.extra["reoffences"], "share": f"{c['share_of_reoffences']:.1f}"}


def looked_after_shown(result: Result, *, aggregate_only: bool, threshold: int) -> dict:
    """The area's looked-after figures beside a looked-after result (reference data: never suppressed,
    except what is worked out from a suppressed count)."""
    x = result.extra
    small = aggregate_only and is_small(result.numerator, threshold)
    remand_small = aggregate_only and is_small(x.get("remand_only"), threshold)
    def n(v):
        return f"{v:,}" if v is not None else None

    return {
        "area_looked_after": n(x.get("area_looked_after")), "area_children": n(x.get("area_children")),
        "area_children_source": x.get("area_children_source"), "area_percent": x.get("area_percent"),
        "as_at": date.fromisoformat(x["as_at"]) if x.get("as_at") else None, "source": x.get("source"),
        "published_on": x.get("published_on"),
        "gap": None if small else x.get("gap"), "times": None if small else x.get("times"),
        "remand_only": f"fewer than {threshold}" if remand_small else x.get("remand_only"),
        "include_remand_only": x.get("include_remand_only"),
    }


DRILL_KINDS = ("children", "offences", "remands", "outcomes", "assessments", "interventions", "reviews")


def drill_list(result: Result, *, which: str | None = None, table: str | None = None, row: str | None = None,
               column: str | None = None) -> tuple[str, list[str], str] | None:
    """(description, ids, kind) of one list behind a figure, or None when there is no such list.

    ``which``: the figure's own list (default), ``children`` (the children behind offence or remand
    counts), ``reoffenders``, ``top_reoffenders`` (concentration) or ``remand_only`` (looked after
    only because remanded). ``table``, ``row``, ``column``: one count of a breakdown table.
    """
    from openyj.indicators.tables import SPECS, breakdown_by_id

    if table:
        found = breakdown_by_id(result, table)
        if found is None:
            return None
        name, rows = found
        match = next((r for r in rows if r.get("key") == row), None)
        spec = SPECS.get((result.id, name))
        col = next((c for c in spec.columns if c.drill == column), None) if spec else None
        if match is None or col is None or column not in match.get("ids", {}):
            return None
        return f"{spec.first_column}: {match['group']} – {col.title(result).lower()}", match["ids"][column], \
            col.drill_kind
    extra = result.extra
    if which in (None, "", result.ids_kind):
        return result.ids_label or result.numerator_label, result.ids, result.ids_kind
    if which == "children" and result.ids_kind != "children":
        return "children", result.child_ids, "children"
    if which == "reoffenders" and "reoffender_ids" in extra:
        return "children who reoffended", extra["reoffender_ids"], "children"
    if which == "top_reoffenders" and extra.get("concentration"):
        return "the most prolific 10% of reoffenders", extra["concentration"]["top_ids"], "children"
    if which == "remand_only" and "remand_only_ids" in extra:
        return "looked after only because remanded", extra["remand_only_ids"], "children"
    return None


def records(user, service, ids: list[str], kind: str):
    """The records with these ids, through the visibility gate: children, offences, remands, outcomes,
    assessments, interventions or reviews (reviews by record number: they have no reference)."""
    from openyj.casework.models import Assessment, Intervention, Review
    from openyj.offending.models import Offence, Outcome, Remand
    from openyj.people.models import Child

    if kind == "children":
        return restrict(user, Action.VIEW_FIGURES, Child.objects.all(), service=service).filter(reference__in=ids)
    if kind == "reviews":
        qs = restrict(user, Action.VIEW_FIGURES, Review.objects.all(), service=service)
        return qs.filter(pk__in=[int(i) for i in ids]).select_related("child", "intervention")
    model = {"offences": Offence, "remands": Remand, "outcomes": Outcome, "assessments": Assessment,
             "interventions": Intervention}[kind]
    qs = restrict(user, Action.VIEW_FIGURES, model.objects.all(), service=service)
    related = {"offences": ["category"], "outcomes": ["outcome_type"]}.get(kind, [])
    return qs.filter(reference__in=ids).select_related("child", *related)


def qualifying_events(result: Result, children) -> dict[int, str]:
    """child pk → the event that brought the child into ``result``, in words with its date, for the
    indicators counted from one event per child (first time entrants, the reoffending cohort)."""
    from openyj.offending.models import CustodyEpisode, Outcome

    pks = [c.pk for c in children]
    out: dict[int, str] = {}

    def words(label, when):
        return f"{label}, {when.day} {when:%B %Y}"

    if result.id == "fte":
        for o in Outcome.objects.filter(child_id__in=pks, outcome_type__substantive=True).select_related(
                "outcome_type").order_by("outcome_date", "pk"):
            out.setdefault(o.child_id, words(o.outcome_type.name, o.outcome_date))
    elif result.id == "reoffending":
        period = result.period
        first: dict[int, tuple] = {}
        for o in Outcome.objects.filter(child_id__in=pks, outcome_type__substantive=True,
                                        outcome_type__custodial=False,
                                        outcome_date__range=(period.start, period.end)).select_related(
                "outcome_type").order_by("outcome_date", "pk"):
            first.setdefault(o.child_id, (o.outcome_date, words(o.outcome_type.name, o.outcome_date)))
        for k in CustodyEpisode.objects.filter(child_id__in=pks, release_date__range=(period.start, period.end)):
            seen = first.get(k.child_id)
            if seen is None or k.release_date < seen[0]:
                first[k.child_id] = (k.release_date, words("Release from custody", k.release_date))
        out = {pk: v[1] for pk, v in first.items()}
    return out


def frozen_sets(user, service):
    """The service's frozen figure sets, through the gate (newest first)."""
    from openyj.indicators.figure_models import FigureSet

    return FigureSet.objects.restrict(user, Action.VIEW_AGGREGATE, service=service).filter(
        frozen_at__isnull=False).select_related("frozen_by").defer("figures").order_by("-frozen_at")
