"""Looked-after children: over-representation among the children worked with.

Rules (``domain/indicators.md``), over the profile's cohort (children with any intervention open
on any day of the period, :func:`profile.children`):

- **Looked-after share** (``looked_after_share``): children of the cohort looked after in the
  period ÷ the cohort (%), beside the % of the area's children looked after = the area's
  looked-after children ÷ the area's children of the same ages (%). Gap in percentage points
  (from the two percentages as shown); "times" = the cohort's % ÷ the area's % (1 dp).
- **Known to the service** (``looked_after_known``): the cohort's looked-after children ÷ all the
  area's looked-after children (%). Leicester check (§1.25): 6 of 316 = 1.9%.

"Looked after in the period" = a looked-after episode overlapping the period. A child looked after
**only on remand** (every overlapping episode has the legal basis "remand") is not counted by
default — remand makes a child looked after because of the offending, which is not what the
over-representation measure asks about — and is reported beside the figure. Local rule
**[configurable]**: indicator setting ``looked_after``, parameter ``include_remand_only``.

The area's figures are reference data (:class:`LookedAfterFigure`, entered by administrators):
the figure used is the latest dated on or before the period's last day. Its ``children`` (the
population the count is out of) gives the area's %; when blank, the ONS estimate of children aged
10–17 for the period is used (the rule of every rate) and the result says so. Lower is better.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django import forms

from openyj.indicators import profile, registry
from openyj.indicators.engine import Tables, by_service, fetch, population
from openyj.indicators.periods import Period
from openyj.indicators.results import UNIT_PERCENT, Result, difference, ratio

LOOKED_AFTER_SHARE = registry.Indicator(
    code="looked_after_share", name="Children worked with who were looked after", unit=UNIT_PERCENT,
    better="lower", period=registry.QUARTERLY, group=registry.LOCAL, ids="children",
    version="1", effective=date(2024, 4, 1), order=60,
    numerator="looked after in the period", denominator="children worked with",
    definition="The share of the children worked with in the period who were looked after by the local "
               "authority at any time in it, beside the share of all the area's children who are looked after.",
)
LOOKED_AFTER_KNOWN = registry.Indicator(
    code="looked_after_known", name="Looked-after children known to the service", unit=UNIT_PERCENT,
    better="lower", period=registry.QUARTERLY, group=registry.LOCAL, ids="children",
    version="1", effective=date(2024, 4, 1), order=61,
    numerator="looked-after children worked with in the period", denominator="looked-after children in the area",
    definition="The looked-after children worked with in the period as a share of all the children the area "
               "looks after (the figure entered in the performance settings).",
)
SHARE = LOOKED_AFTER_SHARE.code
KNOWN = LOOKED_AFTER_KNOWN.code


def figures(t: Tables, period: Period):
    """The area's looked-after figures entered for each service (all dates; chosen in Python)."""
    f = t.looked_after_figures
    return f.filter(f.as_at <= t.p("end")).select("service_id", "as_at", "looked_after", "children", "source",
                                                  "published_on")


def times(part: int, whole: int, area_part: int | None, area_whole: int | None) -> float | None:
    """How many times the area's rate the cohort's rate is: (part ÷ whole) ÷ (area part ÷ area whole), 1 dp."""
    if not whole or not area_part or not area_whole:
        return None
    exact = Decimal(part) * Decimal(area_whole) / (Decimal(whole) * Decimal(area_part))
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def compute(t: Tables, period: Period) -> dict[str, dict[int, Result]]:
    kids = by_service(fetch(t, profile.children, period), t.service_ids)
    figs = by_service(fetch(t, figures, period), t.service_ids)
    pops = population(t, period)
    include_remand = t.settings.looked_after_include_remand_only
    counted_as = {"looked_after", "remand_only"} if include_remand else {"looked_after"}
    out: dict[str, dict[int, Result]] = {SHARE: {}, KNOWN: {}}
    for sid in t.service_ids:
        items = kids.get(sid, [])
        status = {i["child_id"]: profile.looked_after_status(i) for i in items}
        lac = sorted(c for c, s in status.items() if s in counted_as)
        remand_only = sorted(c for c, s in status.items() if s == "remand_only")
        figure = max(figs.get(sid, []), key=lambda f: f["as_at"], default=None)
        notes = []
        area_lac = area_children = None
        area_children_source = None
        if figure is None:
            notes.append("No figure for the area's looked-after children has been entered for this period "
                         "(performance settings): the area's figures are not available.")
        else:
            area_lac = figure["looked_after"]
            if figure["children"]:
                area_children, area_children_source = figure["children"], "entered with the looked-after figure"
            elif sid in pops:
                area_children, year = pops[sid]
                area_children_source = f"ONS mid-{year} estimate of children aged 10–17"
            else:
                notes.append("No population for the area: the % of the area's children looked after is not "
                             "available.")
        if remand_only:
            notes.append(f"{len(remand_only)} looked after only because remanded: "
                         f"{'counted' if include_remand else 'not counted'} (a local rule, in the settings).")
        cohort_pct = ratio(len(lac), len(items), 100, 1)
        area_pct = ratio(area_lac, area_children, 100, 1)
        area = {
            "area_looked_after": area_lac, "area_children": area_children,
            "area_children_source": area_children_source, "area_percent": area_pct,
            "as_at": figure["as_at"].isoformat() if figure else None, "source": figure["source"] if figure else None,
            "published_on": figure["published_on"].isoformat() if figure and figure["published_on"] else None,
            "remand_only": len(remand_only), "remand_only_ids": remand_only, "include_remand_only": include_remand,
        }
        out[SHARE][sid] = LOOKED_AFTER_SHARE.result(
            period=period, numerator=len(lac), denominator=len(items), value=cohort_pct, ids=lac,
            extra={**area, "gap": difference(cohort_pct, area_pct),
                   "times": times(len(lac), len(items), area_lac, area_children)},
            notes=list(notes),
        )
        out[KNOWN][sid] = LOOKED_AFTER_KNOWN.result(
            period=period, numerator=len(lac), denominator=area_lac, value=ratio(len(lac), area_lac, 100, 1),
            ids=lac, extra=area,
            notes=[n for n in notes if "population" not in n],
        )
    return out


def _include_remand_only_field():
    return forms.TypedChoiceField(
        label="Count children looked after only because they were remanded?", widget=forms.RadioSelect,
        choices=[("False", "No (the default)"), ("True", "Yes")], coerce=lambda v: v == "True",
        error_messages={"required": "Choose whether to count them"})


DEFINITION = registry.Definition(
    key="looked_after", indicators=(LOOKED_AFTER_SHARE, LOOKED_AFTER_KNOWN), compute=compute,
    title="Looked-after children: remand only",
    summary=lambda s: "Children looked after only because remanded are "
                      f"{'counted' if s.looked_after_include_remand_only else 'not counted'}",
    parameters=(registry.Parameter("include_remand_only", "looked_after_include_remand_only", False,
                                   "Whether children looked after only because remanded count",
                                   _include_remand_only_field),),
)
