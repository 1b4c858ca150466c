"""Proven reoffending: the local live tracker, following the Ministry of Justice method.

Rule (``domain/indicators.md``):

- **Cohort**: children who in the cohort period received a substantive outcome other than a
  custodial sentence, or were released from custody, and were aged 10–17 on that date.
- **Index date**: the child's first such event in the cohort period (outcome date or release
  date); a child is in a cohort once. When an outcome and a release fall on the same day the
  outcome is the index. **Index offence**: the most serious (highest YJB seriousness score) offence
  disposed of by the index outcome (for a release: by the custodial outcome it follows).
- **Follow-up**: offences committed *after* the index date and no later than 12 months after it
  (the same day 12 months on is the last day), proven by a substantive outcome (caution,
  conditional caution, conviction) dated no later than 18 months after the index date (12 months
  plus 6 months waiting). Breach offences do not count. Informal outcomes (community resolution,
  outcome 21/22 …) are not proof. A child aged 17 at the index date is followed up after turning
  18 like any other.
- **Reoffenders** = children in the cohort with at least one proven reoffence; **reoffences** =
  number of such offences (an offence proven twice counts once).
- **Binary rate** = reoffenders ÷ cohort × 100 (%, 1 dp); **frequency** = reoffences ÷ cohort
  (2 dp); **reoffences per reoffender** = reoffences ÷ reoffenders (2 dp).
- **Provisional** until 18 months after the cohort period ends.
- Breakdowns by index outcome tier (release from custody its own line), age band (at the index
  date), sex, ethnic group (the cohort profile's lines: Gypsy, Roma and Traveller children their
  own line, "not stated or not known" a line of its own) and index-offence seriousness score
  ("not recorded" when the index outcome disposed of no recorded offence); each adds up to the
  whole; **concentration**: share of reoffences committed by the most prolific 10% of
  reoffenders (rounded up to whole children; ties at the cut-off broken by child reference).
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date

import ibis

from openyj.indicators import registry
from openyj.indicators.engine import Tables, age_at, by_service, fetch, materialize, plus_months
from openyj.indicators.periods import Period, add_months, age_band
from openyj.indicators.profile import AGE_BANDS, ETHNIC_LINES, NOT_KNOWN, NOT_KNOWN_LABEL, reporting_line
from openyj.indicators.results import UNIT_PERCENT, Result, ratio
from openyj.offending import codes as offending_codes
from openyj.people import codes as people_codes

REOFFENDING = registry.Indicator(
    code="reoffending", name="Proven reoffending (local live tracker)", unit=UNIT_PERCENT, better="lower",
    period=registry.QUARTERLY, group=registry.NATIONAL, ids="children", version="1", effective=date(2024, 4, 1),
    order=20, numerator="children who reoffended", denominator="children in the cohort",
    breakdowns=("Index outcome tier", "Age band", "Sex", "Ethnic group", "Index offence seriousness"),
    definition="The children who, in the period, received a caution or a court sentence other than custody, or "
               "were released from custody (the cohort), and how many of them committed an offence in the "
               "next 12 months that was proven within 18 months. Breaches do not count. The figure is "
               "provisional until 18 months after the period ends: until then it shows the reoffending proven "
               "so far and is not rated.",
)
RELEASE_TIER = "release"
TIER_LABELS = dict(offending_codes.TIER) | {RELEASE_TIER: "Release from custody"}
# The cohort profile's reporting lines: Gypsy, Roma and Traveller children are their own line.
ETHNIC_LABELS = dict(ETHNIC_LINES) | {NOT_KNOWN: NOT_KNOWN_LABEL}


def events(t: Tables, period: Period):
    """Every event in the period that can bring a child into the cohort (before the age test)."""
    o = t.outcomes
    outcomes = o.filter(o.substantive, ~o.custodial, t.within(o.outcome_date)).select(
        service_id=o.service_id, child_pk=o.child_pk, index_date=o.outcome_date,
        kind_rank=ibis.literal(0, "int64"), source_pk=o.outcome_pk, tier=o.tier, outcome_pk=o.outcome_pk,
    )
    c = t.custody
    releases = c.filter(t.within(c.release_date)).select(
        service_id=c.service_id, child_pk=c.child_pk, index_date=c.release_date,
        kind_rank=ibis.literal(1, "int64"), source_pk=c.custody_pk, tier=ibis.literal(RELEASE_TIER),
        outcome_pk=c.outcome_pk,
    )
    # Casts make the two halves' types identical on every backend (PostgreSQL reports NOT NULL
    # and varchar lengths that DuckDB does not).
    schema = {"service_id": "int64", "child_pk": "int64", "index_date": "date", "kind_rank": "int64",
              "source_pk": "int64", "tier": "string", "outcome_pk": "int64"}
    return outcomes.cast(schema).union(releases.cast(schema))


def index_events(t: Tables, period: Period):
    """Every event that can bring a child into the cohort, with the child's age on its date."""
    ev = events(t, period)
    ch = t.children
    j = ev.join(ch, [ev.child_pk == ch.child_pk, ev.service_id == ch.service_id])
    j = j.mutate(age=age_at(j.dob, j.index_date))
    return j.filter(j.age.between(10, 17))


def cohort(t: Tables, period: Period):
    """One row per child in the cohort: the index event and the index offence's seriousness."""
    ev = index_events(t, period)
    w = ibis.window(group_by=[ev.service_id, ev.child_pk], order_by=[ev.index_date, ev.kind_rank, ev.source_pk])
    first = ev.mutate(rn=ibis.row_number().over(w))
    first = first.filter(first.rn == 0).drop("rn")
    # Index offence: the most serious offence disposed of by the index outcome. Worked out for the
    # outcomes of the period's events (a cheap filter), not for the cohort itself: SQL generators
    # inline a subquery at each use, and the cohort's window would be computed twice.
    oo, of = t.outcome_offences, t.offences
    oo = oo.filter(oo.outcome_pk.isin(events(t, period).outcome_pk))
    disposed = oo.join(of, oo.offence_pk == of.offence_pk)
    seriousness = disposed.group_by(disposed.outcome_pk).agg(index_seriousness=disposed.seriousness.max())
    return first.left_join(seriousness, first.outcome_pk == seriousness.outcome_pk).select(
        first.service_id, first.child_pk, first.child_id, first.index_date, first.tier, first.age, first.sex,
        first.ethnicity, seriousness.index_seriousness,
    )


def reoffences(t: Tables, period: Period, cohort_expr=None):
    """One row per proven reoffence of a cohort child (service, child, offence; counted once)."""
    s = t.settings
    co = cohort_expr if cohort_expr is not None else cohort(t, period)
    co = co.select("service_id", "child_pk", "index_date")  # carry only what the rule needs
    of = t.offences.select("service_id", "child_pk", "offence_pk", "offence_id", "offence_date", "is_breach")
    j = co.join(of, [co.child_pk == of.child_pk, co.service_id == of.service_id])
    j = j.filter(
        j.offence_date > j.index_date,
        j.offence_date <= plus_months(j.index_date, s.follow_up_months),
        ~j.is_breach,
    )
    o = t.outcomes
    proofs = t.outcome_offences.join(o.filter(o.substantive), "outcome_pk").select(
        proof_offence_pk="offence_pk", proof_date="outcome_date"
    )
    p = j.join(proofs, j.offence_pk == proofs.proof_offence_pk)
    p = p.filter(p.proof_date <= plus_months(p.index_date, s.follow_up_months + s.waiting_months))
    return p.select("service_id", "child_pk", "offence_pk").distinct()


def counted(t: Tables, period: Period, co=None):
    """The cohort with each child's number of proven reoffences (0 for non-reoffenders)."""
    co = co if co is not None else cohort(t, period)
    re = reoffences(t, period, co)
    # The counts derive from the cohort itself, so Ibis would resolve ``co.service_id`` (and the
    # child) to the equal column of the right-hand side — null for a child with no reoffence. The
    # counts' keys are renamed and the cohort's columns are taken from the join by name.
    per_child = re.group_by(of_service=re.service_id, of_child=re.child_pk).agg(reoffences=re.offence_pk.count())
    j = co.left_join(per_child, [co.service_id == per_child.of_service, co.child_pk == per_child.of_child])
    return j.select(*co.columns, reoffences=j.reoffences.fill_null(0))


def figures(cohort_size: int, reoffenders: int, reoffence_count: int) -> dict:
    """The three published figures from the three counts (the Leicester checks use this)."""
    return {
        "cohort": cohort_size,
        "reoffenders": reoffenders,
        "reoffences": reoffence_count,
        "binary_rate": ratio(reoffenders, cohort_size, 100, 1),
        "frequency": ratio(reoffence_count, cohort_size, 1, 2),
        "per_reoffender": ratio(reoffence_count, reoffenders, 1, 2),
    }


def concentration(counts: list[int], share: float = 0.10, ids: list[str] | None = None) -> dict:
    """Share of reoffences committed by the most prolific ``share`` of reoffenders.

    ``ids`` (the children, in the order of ``counts``) gives ``top_ids``: the children counted, most
    reoffences first (ties at the cut-off broken by child reference, so the list is reproducible).
    """
    ids = ids if ids is not None else [str(i) for i in range(len(counts))]
    ranked = sorted(((c, i) for c, i in zip(counts, ids, strict=True) if c > 0), key=lambda x: (-x[0], x[1]))
    if not ranked:
        return {"top_reoffenders": 0, "their_reoffences": 0, "share_of_reoffences": None, "top_ids": []}
    top = max(1, math.ceil(len(ranked) * share))
    theirs = sum(c for c, _ in ranked[:top])
    return {"top_reoffenders": top, "their_reoffences": theirs,
            "share_of_reoffences": ratio(theirs, sum(c for c, _ in ranked), 100, 1),
            "top_ids": sorted(i for _, i in ranked[:top])}


def _breakdown(items: list[dict], key, labels: dict | None = None, order: list | None = None) -> list[dict]:
    """One row per group found (``key`` gives its code): the three counts, the three figures and the
    children counted (``ids``: the cohort and the reoffenders). Rows follow ``order``, then the code."""
    labels = labels or {}
    order = order or []
    groups: dict = defaultdict(list)
    for i in items:
        groups[key(i)].append(i)
    rank = {k: n for n, k in enumerate(order)}
    rows = []
    for code in sorted(groups, key=lambda k: (rank.get(k, len(rank)), str(k))):
        g = groups[code]
        reoffenders = [i for i in g if i["reoffences"]]
        f = figures(len(g), len(reoffenders), sum(i["reoffences"] for i in g))
        rows.append({"key": str(code), "group": labels.get(code, str(code)), **f,
                     "ids": {"cohort": sorted(i["child_id"] for i in g),
                             "reoffenders": sorted(i["child_id"] for i in reoffenders)}})
    return rows


def provisional(period: Period, as_of, months: int = 18) -> bool:
    """A cohort is provisional until ``months`` after its end."""
    return as_of < add_months(period.end, months)


COHORT_TABLE = "openyj_reoffending_cohort"


def counted_from_cohort(t: Tables, period: Period):
    """``counted`` over the cohort computed once into a temporary table (see ``materialize``)."""
    return counted(t, period, t.con.table(COHORT_TABLE))


def compute(t: Tables, period: Period) -> dict[str, dict[int, Result]]:
    materialize(t, COHORT_TABLE, cohort, period)
    rows = by_service(fetch(t, counted_from_cohort, period), t.service_ids)
    prov = provisional(period, t.as_of, t.settings.provisional_months)
    out = {}
    for sid, items in rows.items():
        reoffenders = [i for i in items if i["reoffences"]]
        f = figures(len(items), len(reoffenders), sum(i["reoffences"] for i in items))
        r = REOFFENDING.result(
            period=period, numerator=f["reoffenders"], denominator=f["cohort"], value=f["binary_rate"],
            provisional=prov, ids=sorted(i["child_id"] for i in items),
            ids_label="children in the cohort",
            extra={**f, "reoffender_ids": sorted(i["child_id"] for i in reoffenders),
                   "concentration": concentration([i["reoffences"] for i in items], ids=[i["child_id"] for i in items]),
                   "follow_up_ends": add_months(period.end, t.settings.follow_up_months).isoformat(),
                   "final_on": add_months(period.end, t.settings.provisional_months).isoformat()},
        )
        r.breakdowns = {
            "Index outcome tier": _breakdown(items, lambda i: i["tier"], TIER_LABELS, list(TIER_LABELS)),
            "Age band": _breakdown(items, lambda i: age_band(i["age"]), order=AGE_BANDS),
            "Sex": _breakdown(items, lambda i: i["sex"], dict(people_codes.SEX),
                              [code for code, _label in people_codes.SEX]),
            "Ethnic group": _breakdown(items, lambda i: reporting_line(i["ethnicity"]), ETHNIC_LABELS,
                                       list(ETHNIC_LABELS)),
            "Index offence seriousness": _breakdown(
                items, lambda i: i["index_seriousness"] or 0,
                {n: f"score {n}" if n else "not recorded" for n in range(0, 9)}, [*range(8, 0, -1), 0]),
        }
        if prov:
            r.notes.append(f"Provisional until {r.extra['final_on']}: reoffences may still be proven.")
        out[sid] = r
    return {REOFFENDING.code: out}


DEFINITION = registry.Definition(key="reoffending", indicators=(REOFFENDING,), compute=compute)
