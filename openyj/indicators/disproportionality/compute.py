"""Disproportionality: which children are over-represented, at which stage.

Rule (``shared/domain/indicators.md``, "Disproportionality"). Count **children, not offences**: a
child is counted once per stage per period (two cautions in the period are one child at the caution
stage; a child cautioned and later sentenced counts at both stages). The stages:

============== =====================================================================================
``informal``   an informal out-of-court outcome (the ladder's *informal* tier: community resolution,
               outcome 22/21, deferred prosecution, youth restorative disposal) dated in the period
``caution``    a youth caution or youth conditional caution (tier *formal out-of-court*)
``first_tier`` a first-tier court outcome (discharges, fine, compensation, reparation, referral order,
               other court outcome)
``community``  a community sentence (youth rehabilitation order and its variants)
``custody``    a custodial sentence (the ladder's custodial tier)
``remand_yda`` a remand to youth detention accommodation starting in the period
``breach``     an offence of a breach category (bail, conditional discharge, statutory order)
               committed in the period
``fte``        a first time entrant in the period (exactly the FTE indicator's children)
``cohort``     a child worked with: an intervention open on any day of the period (exactly the
               cohort profile's children)
============== =====================================================================================

Age: a child counts at an outcome, remand or breach stage when aged 10–17 on the date of the event
(the convention for every count against the 10–17 population); FTE applies its own rule; the cohort
is every child worked with, as in the cohort profile.

Ethnicity: each child's recorded code, reported three ways: the **five groups** (the contract's
``groups``, White including Gypsy, Roma and Traveller children), the **19 detailed** categories and
the service's **reporting lines** (by default Gypsy, Roma and Traveller children). "Not stated" and
"not known" (and an empty ethnicity) are one count, ``not_known``, shown beside every table and never
distributed over the groups.

Population: children aged 10–17 by ethnicity in the service's areas, from ``census_ethnicity.csv``,
source ``census_2021`` (and, beside it, the latest school census not after the period). Group rows
and detailed rows are read as the cohort profile reads them (:func:`profile.population_lines`).

The shares, gaps, rates and index are :mod:`.method`. Lenses (girls and boys; children in care and
not) are the same tables over the children of the lens; their populations are not known by sex or
care status, so they carry shares against the whole 10–17 population and the index (in which the
population's size cancels out) but no rate per 1,000.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

import ibis

from openyj.indicators import fte, profile
from openyj.indicators.disproportionality.method import REFERENCE, group_rows
from openyj.indicators.engine import Tables, age_at, by_service, fetch
from openyj.indicators.periods import Period, add_months
from openyj.indicators.results import difference
from openyj.people import codes

ID = "disproportionality"
NAME = "Disproportionality"

STAGES = [
    ("informal", "Informal out-of-court outcome", "given an informal out-of-court outcome"),
    ("caution", "Youth caution or conditional caution", "given a youth caution or conditional caution"),
    ("first_tier", "First-tier court outcome", "given a first-tier court outcome"),
    ("community", "Community sentence", "given a community sentence"),
    ("custody", "Custodial sentence", "given a custodial sentence"),
    ("remand_yda", "Remand to youth detention", "remanded to youth detention accommodation"),
    ("breach", "Breach", "with a breach offence"),
    ("fte", "First time entrant", "entering the youth justice system for the first time"),
    ("cohort", "Children worked with", "worked with by the service"),
]
STAGE_KEYS = [k for k, _, _ in STAGES]
STAGE_LABEL = {k: label for k, label, _ in STAGES}
STAGE_PHRASE = {k: phrase for k, _, phrase in STAGES}
# Stage to stage: each stage against the stage before it, so the point where disparity is added shows.
# ``court`` is the children with any court outcome (first tier, community or custody); None = the
# 10–17 population is the comparison.
COURT = "court"
BEFORE: dict[str, str | None] = {
    "cohort": None, "informal": None, "fte": None, "caution": "informal", COURT: "cohort",
    "first_tier": COURT, "community": COURT, "custody": COURT, "remand_yda": COURT, "breach": "community",
}
COURT_STAGES = ("first_tier", "community", "custody")
TIER_STAGES = {"informal": "informal", "caution": "formal_ooc", "first_tier": "first_tier",
               "community": "community", "custody": "custody"}

GROUPS = [(g, label) for g, label in codes.ETHNIC_GROUPS]
GROUP_KEYS = [g for g, _ in GROUPS]
DETAILED = [(code, label) for code, label, group in codes.ETHNICITY if group]
NOT_KNOWN_CODES = frozenset({"not_stated", "not_known", ""})
DEFAULT_LINES = [{"key": "grt", "label": "Gypsy, Roma or Traveller", "codes": sorted(codes.GRT_CODES)}]

LENSES = {
    "sex": [("female", "Girls"), ("male", "Boys")],
    "care": [("looked_after", "Children in care"), ("not_looked_after", "Children not in care")],
}


@dataclass
class Options:
    """A service's choices (``IndicatorSetting`` "disproportionality" parameters; defaults here)."""

    threshold: int = 5  # no index below this count
    lines: list[dict] = field(default_factory=lambda: [dict(x) for x in DEFAULT_LINES])
    include_remand_only: bool = False  # children in care only because remanded count as in care


# --- expressions --------------------------------------------------------------------------------

def _aged(t: Tables, rows, when):
    """``rows`` (service_id, child_pk, ``when``) of children aged 10–17 on ``when``."""
    c = t.children
    j = rows.join(c, [rows.child_pk == c.child_pk, rows.service_id == c.service_id])
    return j.filter(age_at(j.dob, j[when]).between(10, 17))


def stage_children(t: Tables, period: Period):
    """One row per child per stage (distinct), with the child's ethnicity, sex and care status."""
    parts = []
    o = t.outcomes.filter(t.within(t.outcomes.outcome_date))
    o = _aged(t, o.select("service_id", "child_pk", "tier", "outcome_date"), "outcome_date")
    for stage, tier in TIER_STAGES.items():
        parts.append(o.filter(o.tier == tier).select("service_id", "child_pk", stage=ibis.literal(stage)))
    r = t.remands.filter(t.remands.remand_type == "youth_detention", t.within(t.remands.start_date))
    r = _aged(t, r.select("service_id", "child_pk", "start_date"), "start_date")
    parts.append(r.select("service_id", "child_pk", stage=ibis.literal("remand_yda")))
    b = t.offences.filter(t.offences.is_breach, t.within(t.offences.offence_date))
    b = _aged(t, b.select("service_id", "child_pk", "offence_date"), "offence_date")
    parts.append(b.select("service_id", "child_pk", stage=ibis.literal("breach")))
    f = fte.counted(t, period)
    parts.append(f.select("service_id", "child_pk", stage=ibis.literal("fte")))
    w = profile.children(t, period)
    parts.append(w.select("service_id", "child_pk", stage=ibis.literal("cohort")))
    u = ibis.union(*parts, distinct=True)
    e = t.episodes.filter(lambda e: (e.episode_type == "looked_after") & (e.start_date <= t.p("end"))
                          & (e.end_date.isnull() | (e.end_date >= t.p("start"))))
    lac = e.group_by([e.service_id, e.child_pk]).agg(
        episodes=e.child_pk.count(), remand_episodes=ibis.ifelse(e.legal_basis == "remand", 1, 0).sum())
    c = t.children
    j = u.join(c, [u.child_pk == c.child_pk, u.service_id == c.service_id])
    j = j.left_join(lac, [j.child_pk == lac.child_pk, j.service_id == lac.service_id])
    return j.select(service_id=j.service_id, stage=j.stage, child_id=j.child_id, ethnicity=j.ethnicity,
                    sex=j.sex, episodes=j.episodes.fill_null(0), remand_episodes=j.remand_episodes.fill_null(0))


# --- populations ----------------------------------------------------------------------------------

def source_populations(by_area: dict[str, dict[str, int]] | None, source: str | None, lines: list[dict]) -> dict:
    """One source's children aged 10–17 by group, detailed code and reporting line.

    ``available`` is false when the service has no rows of the source or its rows do not add up
    (``problems``); then every population is None.
    """
    empty: dict = {"source": source, "available": False, "groups": dict.fromkeys(GROUP_KEYS),
             "detailed": {c: None for c, _ in DETAILED}, "lines": {x["key"]: None for x in lines},
             "known": None, "not_known": None, "problems": []}
    if not by_area or source is None:
        return empty
    parts = [profile.population_lines(rows, source) for _, rows in sorted(by_area.items())]
    problems = [p for part in parts for p in part["problems"]]
    if problems:
        return {**empty, "problems": problems}
    groups = {g: sum(p["lines"][g] + ((p["lines"][profile.GRT] or 0) if g == "white" else 0) for p in parts)
              for g in GROUP_KEYS}
    known = sum(groups.values())
    if not known:
        return {**empty, "problems": [f"{source} has no children of known ethnicity for the area."]}
    detail: dict[str, int] = defaultdict(int)
    for rows in by_area.values():
        for code, n in rows.items():
            detail[code.lower()] += n
    detailed = {c: detail.get(c) for c, _ in DETAILED}
    line_pops = {}
    for x in lines:
        found = [detail[c] for c in x["codes"] if c in detail]
        line_pops[x["key"]] = sum(found) if found else None
    return {"source": source, "available": True, "groups": groups, "detailed": detailed, "lines": line_pops,
            "known": known, "not_known": sum(p["not_known"] for p in parts), "problems": []}


# --- tables -----------------------------------------------------------------------------------------

def in_care(child: dict, include_remand_only: bool) -> bool:
    if not child["episodes"]:
        return False
    return include_remand_only or child["episodes"] > child["remand_episodes"]


def stage_table(children: list[dict], census: dict, school: dict, options: Options, *, rates: bool = True) -> dict:
    """The groups, detailed categories and reporting lines of one stage's children."""
    by_code: dict[str, list[str]] = defaultdict(list)
    for ch in children:
        by_code[(ch["ethnicity"] or "").lower()].append(ch["child_id"])
    group_ids: dict[str, list[str]] = {g: [] for g in GROUP_KEYS}
    unknown: list[str] = []
    for code, ids in by_code.items():
        group = codes.ETHNICITY_GROUP.get(code)
        (group_ids[group] if group else unknown).extend(ids)
    known = sum(len(v) for v in group_ids.values())
    detailed_ids = {c: sorted(by_code.get(c, [])) for c, _ in DETAILED}
    line_ids = {x["key"]: sorted(i for c in x["codes"] for i in by_code.get(c, [])) for x in options.lines}

    def rows(ids: dict[str, list[str]], pops_key: str, reference):
        counts = {k: len(v) for k, v in ids.items()}
        out = group_rows(counts, census[pops_key], known=known, population_known=census["known"],
                         threshold=options.threshold, reference=reference, rates=rates)
        school_rows = group_rows(counts, school[pops_key], known=known, population_known=school["known"],
                                 threshold=options.threshold, reference=None, rates=False)
        for k, row in out.items():
            row["school_population_share"] = school_rows[k]["population_share"]
            row["school_gap_pp"] = school_rows[k]["gap_pp"]
            row["ids"] = sorted(ids[k])
        return out

    return {"groups": rows(group_ids, "groups", REFERENCE), "detailed": rows(detailed_ids, "detailed", None),
            "lines": rows(line_ids, "lines", None), "known": known, "not_known": len(unknown),
            # the two kinds of unknown apart (the contract's not_known counts them together)
            "not_stated_only": len(by_code.get("not_stated", [])),
            "not_known_only": len(unknown) - len(by_code.get("not_stated", [])),
            "not_known_ids": sorted(unknown), "children": known + len(unknown)}


def stage_to_stage(tables: dict[str, dict]) -> dict[str, dict]:
    """Each stage's group shares against the stage before it (percentage points)."""
    out = {}
    for stage, before in BEFORE.items():
        if before is None or stage not in tables or before not in tables:
            continue
        here, there = tables[stage]["groups"], tables[before]["groups"]
        out[stage] = {"before": before, "groups": {
            g: {"share": here[g]["share"], "before_share": there[g]["share"],
                "gap_pp": difference(here[g]["share"], there[g]["share"])} for g in GROUP_KEYS}}
    return out


def analyse(children: list[dict], census: dict, school: dict, options: Options) -> dict:
    """Every stage's tables for one service's children (rows of :func:`stage_children`), the lenses
    and stage to stage."""
    by_stage: dict[str, list[dict]] = defaultdict(list)
    for ch in children:
        by_stage[ch["stage"]].append(ch)
    seen = set()
    for s in COURT_STAGES:
        for ch in by_stage.get(s, []):
            if ch["child_id"] not in seen:
                seen.add(ch["child_id"])
                by_stage[COURT].append(ch)
    tables = {s: stage_table(by_stage.get(s, []), census, school, options) for s in [*STAGE_KEYS, COURT]}
    lenses: dict[str, dict[str, dict[str, dict]]] = {}
    for lens, values in LENSES.items():
        lenses[lens] = {}
        for value, _label in values:
            lenses[lens][value] = {
                s: stage_table([ch for ch in by_stage.get(s, []) if lens_value(lens, ch, options) == value],
                               census, school, options, rates=False)
                for s in STAGE_KEYS}
    return {"stages": tables, "stage_to_stage": stage_to_stage(tables), "lenses": lenses,
            "census": _source_summary(census), "school_census": _source_summary(school),
            "threshold": options.threshold, "lines": options.lines}


def lens_value(lens: str, child: dict, options: Options) -> str | None:
    if lens == "sex":
        return child["sex"] if child["sex"] in ("female", "male") else None
    return "looked_after" if in_care(child, options.include_remand_only) else "not_looked_after"


def _source_summary(pops: dict) -> dict:
    return {"source": pops["source"], "available": pops["available"], "known": pops["known"],
            "not_known": pops["not_known"], "problems": pops["problems"]}


def contract(analysis: dict) -> dict:
    """The ``disproportionality`` key of ``openyj indicators --json`` (``spec/interchange.md``)."""
    fields = ("count", "population", "share", "population_share", "gap_pp", "rate_per_1000", "rri", "ci_low",
              "ci_high", "significant")
    return {"stages": {s: {"groups": {g: {f: analysis["stages"][s]["groups"][g][f] for f in fields}
                                      for g in GROUP_KEYS},
                           "not_known": analysis["stages"][s]["not_known"]} for s in STAGE_KEYS}}


# --- running it -----------------------------------------------------------------------------------

def census_rows(t: Tables, period: Period) -> dict[int, dict[str, dict[str, dict[str, int]]]]:
    """service → source → area → ethnicity → children aged 10–17."""
    pops: dict[int, dict[str, dict[str, dict[str, int]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(dict)))
    for r in fetch(t, profile.census, period):
        pops[r["service_id"]][r["source"]][r["area_code"]][r["ethnicity"]] = int(r["population"])
    return pops


def compute(t: Tables, period: Period, options: Options | None = None) -> dict[int, dict]:
    """service id → the analysis of ``period`` (see :func:`analyse`)."""
    options = options or Options()
    kids = by_service(fetch(t, stage_children, period), t.service_ids)
    pops = census_rows(t, period)
    out = {}
    for sid in t.service_ids:
        sources = pops.get(sid, {})
        school_source = profile.school_census_source(sources, period)
        census = source_populations(sources.get(profile.CENSUS), profile.CENSUS if profile.CENSUS in sources else None,
                                    options.lines)
        school = source_populations(sources.get(school_source) if school_source else None, school_source,
                                    options.lines)
        out[sid] = {**analyse(kids.get(sid, []), census, school, options), "period": period}
    return out


def pooled_period(end: date, years: int) -> Period:
    """The last ``years`` years ending on ``end`` (a pooled window for small numbers)."""
    return Period(add_months(end + timedelta(days=1), -12 * years), end, "custom")
