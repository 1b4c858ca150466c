"""What the ten YJB key performance indicators share: the cohort, a measure, and the result shape.

The cohort (KPIs 1–5 and 8, ``shared/domain/indicators.md``): children with an intervention of any
kind whose ``end_date`` falls in the quarter (inclusive), each counted once, measured from the
intervention that ended last in the quarter (ties: the later ``start_date``, then the higher
intervention reference — a longer reference is higher, so I10 comes after I9 — then the later
record). Open interventions are not in it.

**Missing is never counted as "no".** A measure keeps three lists of ids: those counted (numerator),
those whose item is known (denominator) and those whose item is not recorded (missing). The
percentage is over the known ones and the number missing is always reported beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

import ibis

from openyj.indicators.engine import Tables
from openyj.indicators.periods import Period
from openyj.indicators.results import UNIT_PERCENT, Result, ratio

# Intervention kinds in the order the return lists them; custody releases are also their own line.
KINDS = [
    ("prevention", "Prevention"),
    ("diversion", "Diversion after an informal outcome"),
    ("out_of_court", "Out-of-court disposal"),
    ("referral_order", "Referral order"),
    ("yro", "Youth rehabilitation order"),
    ("custody_licence", "Custody and licence"),
    ("bail_support", "Bail support"),
    ("other", "Other"),
]
CUSTODY_RELEASE = "custody_licence"

# The items each cohort row carries (start and end snapshots and the needs recorded).
ITEMS = [
    "accommodation_type_start", "accommodation_type_end", "accommodation_suitable_start",
    "accommodation_suitable_end", "ete_status_start", "ete_status_end", "ete_suitable_start", "ete_suitable_end",
    "ete_hours_offered_start", "ete_hours_offered_end", "ete_hours_attended_start", "ete_hours_attended_end",
    "school_age_start", "school_age_end", "send_identified", "send_plan_current", "mh_need", "mh_offered",
    "mh_attending", "substance_need", "substance_offered", "substance_attending",
]
_DECIMAL_ITEMS = {"ete_hours_offered_start", "ete_hours_offered_end", "ete_hours_attended_start",
                  "ete_hours_attended_end"}


def cohort(t: Tables, period: Period):
    """One row per cohort child: the intervention that ended last in the period, with its items."""
    i = t.raw("casework.Intervention")
    i = i.select(
        service_id=i.service_id, child_pk=i.child_id, intervention_pk=i.id, intervention_id=i.reference,
        kind=i.kind, start_date=i.start_date, end_date=i.end_date, end_reason=i.end_reason,
        **{name: (i[name].cast("float64") if name in _DECIMAL_ITEMS else i[name]) for name in ITEMS},
    )
    i = i.filter(i.end_date.notnull(), t.within(i.end_date))
    w = ibis.window(group_by=[i.service_id, i.child_pk],
                    order_by=[ibis.desc(i.end_date), ibis.desc(i.start_date),
                              # the higher reference, numbers in it compared as numbers (I10 after I9)
                              ibis.desc(i.intervention_id.length()), ibis.desc(i.intervention_id),
                              ibis.desc(i.intervention_pk)])
    i = i.mutate(rn=ibis.row_number().over(w))
    i = i.filter(i.rn == 0).drop("rn")
    c = t.children.select("service_id", "child_pk", "child_id")
    return i.join(c, ["service_id", "child_pk"])


def known(value) -> bool:
    """An item is known when it is recorded: a boolean true or false, a number, a non-empty code."""
    return value is not None and value != ""


@dataclass
class Measure:
    """A count over the records whose item is known, with the records whose item is missing."""

    numerator_ids: list[str] = field(default_factory=list)
    denominator_ids: list[str] = field(default_factory=list)
    missing_ids: list[str] = field(default_factory=list)
    # For an average (hours): the sum counted, else None (the numerator is the count of ids).
    total: float | None = None
    multiplier: int = 100

    @property
    def numerator(self) -> float | int:
        return self.total if self.total is not None else len(self.numerator_ids)

    @property
    def denominator(self) -> int:
        return len(self.denominator_ids)

    @property
    def value(self) -> float | None:
        return ratio(self.numerator, self.denominator, self.multiplier, 1)

    def as_dict(self, ids: bool = True) -> dict:
        out: dict[str, object] = {"numerator": self.numerator, "denominator": self.denominator, "value": self.value,
               "missing": len(self.missing_ids)}
        if ids:
            out.update(numerator_ids=self.numerator_ids, denominator_ids=self.denominator_ids,
                       missing_ids=self.missing_ids)
        return out


def measure(rows: Iterable[dict], *, item: Callable[[dict], object], counted: Callable[[dict], bool],
            key: str = "child_id", missing: Callable[[dict], bool] | None = None) -> Measure:
    """Rows whose ``item`` is known form the denominator; of them, ``counted`` ones the numerator.

    ``missing`` decides which rows are listed as missing (default: the item is not known).
    """
    rows = list(rows)
    is_missing = missing or (lambda r: not known(item(r)))
    den = [r for r in rows if known(item(r))]
    return Measure(numerator_ids=sorted(r[key] for r in den if counted(r)),
                   denominator_ids=sorted(r[key] for r in den),
                   missing_ids=sorted(r[key] for r in rows if is_missing(r)))


def average(rows: Iterable[dict], name: str, key: str = "child_id") -> Measure:
    """The average of a number (hours a week) over the rows where it is recorded."""
    rows = list(rows)
    den = [r for r in rows if r[name] is not None]
    return Measure(numerator_ids=sorted(r[key] for r in den), denominator_ids=sorted(r[key] for r in den),
                   missing_ids=sorted(r[key] for r in rows if r[name] is None),
                   total=float(sum(r[name] for r in den)), multiplier=1)


def by_kind(rows: list[dict], main: Callable[[list[dict]], Measure]) -> dict:
    """The main measure by intervention kind, then the 2023 wording's two lines: children in the
    community (every kind but custody and licence) and children released from custody."""
    kinds = {code: main([r for r in rows if r["kind"] == code]).as_dict(ids=False)
             for code, _label in KINDS if any(r["kind"] == code for r in rows)}
    return {
        "kind": kinds,
        "community": main([r for r in rows if r["kind"] != CUSTODY_RELEASE]).as_dict(ids=False),
        "custody_release": main([r for r in rows if r["kind"] == CUSTODY_RELEASE]).as_dict(ids=False),
    }


@dataclass(frozen=True)
class Version:
    """One version of a KPI's definition: a change of definition is a new version, and a past
    quarter keeps the version it was computed with (stored with a submitted return)."""

    number: int
    effective_from: date
    note: str


def version_for(versions: list[Version], period: Period) -> Version:
    """The version in force at the end of ``period`` (the first one for periods before it)."""
    applicable = [v for v in versions if v.effective_from <= period.end]
    return max(applicable, key=lambda v: v.effective_from) if applicable else versions[0]


def result(module, period: Period, main: Measure, *, sub_measures: dict[str, Measure] | None = None,
           breakdown: dict | None = None, ids_kind: str = "children", unit: str = UNIT_PERCENT,
           value: float | None = None, denominator: float | int | None = None, more: dict | None = None,
           numerator_label: str = "", denominator_label: str = "") -> Result:
    """The KPI's result: the figure, its ids, its sub-measures and breakdown, its definition version."""
    version = version_for(module.VERSIONS, period)
    den = main.denominator if denominator is None else denominator
    val = main.value if value is None and denominator is None else value
    kpi = {
        "numerator": main.numerator, "denominator": den, "value": val, "unit": unit,
        "numerator_ids": main.numerator_ids, "denominator_ids": main.denominator_ids,
        "missing_ids": main.missing_ids, "missing": len(main.missing_ids), "ids_kind": ids_kind,
        "sub_measures": {code: m.as_dict() for code, m in (sub_measures or {}).items()},
        "breakdown": breakdown or {},
        "shown_as": module.NUMBER, "name": module.NAME,
        "definition_version": str(version.number), "effective_from": version.effective_from.isoformat(),
        **(more or {}),
    }
    return Result(
        id=module.CODE, name=module.NAME, period=period, numerator=main.numerator, denominator=den, value=val,
        unit=unit, ids=main.numerator_ids, ids_kind=ids_kind, better=module.BETTER,
        numerator_label=numerator_label, denominator_label=denominator_label, extra={"kpi": kpi},
    )


CONTRACT_KEYS = ("numerator", "denominator", "value", "unit", "numerator_ids", "denominator_ids", "missing_ids")


def sub_measure_contract(sub: dict) -> dict:
    return {"numerator": sub["numerator"], "denominator": sub["denominator"], "value": sub["value"],
            "missing": sub["missing"]}
