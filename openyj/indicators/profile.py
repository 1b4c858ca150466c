"""Cohort profile of the children worked with in the period.

Rule (``domain/indicators.md``): children with any intervention open on any day of the period
(the **cohort** of this profile and of the looked-after measures), by:

- **sex**;
- **age band** (10–14, 15–17, 18+; "under 10" when there is one) on the first day the child was
  worked with in the period;
- **ethnic group** against the 10–17 population's shares: the reporting lines are the five groups
  with Gypsy, Roma and Traveller children (``codes.GRT_CODES``) as their own line taken out of
  White. Shares are of the children whose ethnicity is known; "not stated" and "not known" are
  reported as a count and never distributed. The population's shares come from reference data
  (``CensusEthnicity`` for the service's ``area_codes``): the 2021 census (source ``census_2021``)
  and the latest school census not after the period (``school_census_YYYY`` with YYYY no later
  than the year the period ends: the school census is taken in January). The **gap** is the
  cohort's share minus the population's share, in percentage points, worked out from the shares
  as shown;
- **looked-after status** in the period: *looked after* (a looked-after episode overlapping the
  period on a basis other than remand), *looked after on remand only* (every overlapping
  episode is a remand), *not looked after*;
- **SEND** (none, SEN support, EHCP, not recorded);
- **offences** committed in the period by these children, by category.

Every table splits the whole into parts: counts add up to the total and percentages add up to
exactly 100 (largest remainder rounding, :func:`results.shares`). Value = the number of children.

Census rows may be group totals (white, mixed …), detailed codes, or both. Detailed rows are part
of their group's total, not in addition to it; a group without a total row is the sum of its
detailed rows. Gypsy, Roma and Traveller children can be separated only when the source has rows
for those codes; when it does not, their line is "not available", the White line includes them
and its gap is not worked out (the result says so).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import date

import ibis

from openyj.indicators import registry
from openyj.indicators.engine import Tables, age_at, by_service, fetch
from openyj.indicators.periods import Period, age_band
from openyj.indicators.results import UNIT_COUNT, Result, difference, shares
from openyj.people import codes

PROFILE = registry.Indicator(
    code="profile", name="Children worked with", unit=UNIT_COUNT, better="none", period=registry.QUARTERLY,
    group=registry.LOCAL, ids="children", version="1", effective=date(2024, 4, 1), order=10,
    numerator="children with an intervention open in the period",
    breakdowns=("Sex", "Age band", "Ethnic group", "Looked-after status", "SEND", "Offences by category"),
    definition="The children with an intervention open at any time in the period, with who they are (sex, age, "
               "ethnic group against the local population, looked-after status, special educational needs) "
               "and the offences committed in the period.",
)

CENSUS = "census_2021"
SCHOOL_CENSUS = re.compile(r"^school_census_(\d{4})$")

GRT = "grt"
NOT_KNOWN = "not_known"
# The reporting lines of the ethnicity table: the five groups, with Gypsy, Roma and Traveller
# children as their own line (taken out of White), then "not stated or not known".
ETHNIC_LINES = [
    ("white", "White (other than Gypsy, Roma or Traveller)"),
    (GRT, "Gypsy, Roma or Traveller"),
    *[(g, label) for g, label in codes.ETHNIC_GROUPS if g != "white"],
]
NOT_KNOWN_LABEL = "Not stated or not known"
LOOKED_AFTER_STATUS = [("looked_after", "Looked after"), ("remand_only", "Looked after on remand only"),
                       ("not", "Not looked after")]
AGE_BANDS = ["under 10", "10–14", "15–17", "18+"]


def reporting_line(ethnicity: str | None) -> str:
    """The ethnicity table's line for a child's (or a census row's detailed) ethnicity code."""
    if ethnicity in codes.GRT_CODES:
        return GRT
    return codes.ETHNICITY_GROUP.get(ethnicity or "") or NOT_KNOWN


def looked_after_status(child: dict) -> str:
    """looked_after, remand_only or not, from the counts of overlapping looked-after episodes."""
    if not child["episodes"]:
        return "not"
    return "remand_only" if child["episodes"] == child["remand_episodes"] else "looked_after"


# --- expressions ---------------------------------------------------------------------------------

def children(t: Tables, period: Period):
    """One row per child worked with in the period, with age, and overlapping looked-after episodes."""
    i = t.interventions
    i = i.filter(i.start_date <= t.p("end"), i.end_date.isnull() | (i.end_date >= t.p("start")))
    first = i.group_by([i.service_id, i.child_pk]).agg(first_day=ibis.greatest(i.start_date.min(), t.p("start")))
    e = t.episodes.filter(lambda e: (e.episode_type == "looked_after") & (e.start_date <= t.p("end"))
                          & (e.end_date.isnull() | (e.end_date >= t.p("start"))))
    lac = e.group_by([e.service_id, e.child_pk]).agg(
        episodes=e.child_pk.count(), remand_episodes=ibis.ifelse(e.legal_basis == "remand", 1, 0).sum())
    c = t.children
    j = first.join(c, [first.child_pk == c.child_pk, first.service_id == c.service_id])
    j = j.left_join(lac, [j.child_pk == lac.child_pk, j.service_id == lac.service_id])
    return j.select(j.service_id, j.child_pk, j.child_id, j.sex, j.ethnicity, j.send_status,
                    age=age_at(j.dob, j.first_day), episodes=j.episodes.fill_null(0),
                    remand_episodes=j.remand_episodes.fill_null(0))


def offences(t: Tables, period: Period):
    """Offences committed in the period by the children worked with in it."""
    ch = children(t, period)
    of = t.offences.filter(t.within(t.offences.offence_date))
    j = of.join(ch, [of.child_pk == ch.child_pk, of.service_id == ch.service_id])
    return j.select(service_id=j.service_id, offence_id=j.offence_id, child_id=j.child_id, category=j.category,
                    category_name=j.category_name)


def census(t: Tables, period: Period):
    """Children aged 10–17 by area, source and ethnicity (code or group) in each service's areas."""
    c, a = t.census_ethnicity, t.service_areas
    j = c.join(a, c.area_code == a.area_code)
    return j.group_by([j.service_id, j.area_code, j.source, j.ethnicity]).agg(population=j.population.sum())


# --- the population's shares ---------------------------------------------------------------------

def school_census_source(sources, period: Period) -> str | None:
    """The latest school census taken no later than the period (January of its year ≤ the end's year)."""
    years = [int(m.group(1)) for s in sources if (m := SCHOOL_CENSUS.match(s))]
    years = [y for y in years if y <= period.end.year]
    return f"school_census_{max(years)}" if years else None


def population_lines(rows: dict[str, int], source: str) -> dict:
    """One source's population by reporting line.

    ``rows``: ethnicity code or group → population. Returns ``lines`` (line → population, None
    where the source cannot give it), ``not_known`` (rows for not stated / not known, reported,
    not distributed), ``grt_separate`` and ``problems`` (rows that do not add up: the source is
    then not used).
    """
    groups = {g for g, _ in codes.ETHNIC_GROUPS}
    detail: dict[str, int] = defaultdict(int)
    totals: dict[str, int] = {}
    not_known = 0
    problems = []
    for code, population in rows.items():
        code = code.lower()
        if code in groups:
            totals[code] = totals.get(code, 0) + population
        elif codes.ETHNICITY_GROUP.get(code):
            detail[codes.ETHNICITY_GROUP[code]] += population
        elif code in ("not_stated", "not_known"):
            not_known += population
        else:
            problems.append(f"{source} has a row for “{code}”, which is not an ethnicity code or group.")
    lines: dict[str, int | None] = {}
    for g in groups:
        if g in totals and detail.get(g, 0) > totals[g]:
            problems.append(f"In {source}, the detailed rows of the {g} group add up to {detail[g]:,}, more "
                            f"than the group's total of {totals[g]:,}.")
        lines[g] = totals.get(g, detail.get(g, 0))
    grt_separate = any(code.lower() in codes.GRT_CODES for code in rows)
    grt = sum(p for code, p in rows.items() if code.lower() in codes.GRT_CODES)
    if grt_separate:
        lines["white"] -= grt
        lines[GRT] = grt
    else:
        lines[GRT] = None
    return {"lines": lines, "not_known": not_known, "grt_separate": grt_separate, "problems": problems}


def combined_lines(by_area: dict[str, dict[str, int]], source: str) -> dict:
    """:func:`population_lines` of each area (an area's detailed rows belong to its own group
    totals), added up; Gypsy, Roma and Traveller children are separate only if every area separates them."""
    parts = [population_lines(rows, source) for _, rows in sorted(by_area.items())]
    separate = all(p["grt_separate"] for p in parts)
    lines = {}
    for key, _ in ETHNIC_LINES:
        if key == GRT:
            lines[key] = sum(p["lines"][GRT] for p in parts) if separate else None
        elif key == "white" and not separate:  # put back any GRT children an area separated
            lines[key] = sum(p["lines"]["white"] + (p["lines"][GRT] or 0) for p in parts)
        else:
            lines[key] = sum(p["lines"][key] for p in parts)
    return {"lines": lines, "not_known": sum(p["not_known"] for p in parts), "grt_separate": separate,
            "problems": [x for p in parts for x in p["problems"]]}


def population_shares(by_area: dict[str, dict[str, int]] | None, source: str | None) -> dict:
    """The population's share of each reporting line (of those whose ethnicity is known).

    ``by_area``: area code → (ethnicity code or group → children aged 10–17), for one source.
    """
    if not by_area or source is None:
        return {"source": source, "available": False, "percent": {}, "lines": {}, "known": 0, "not_known": 0,
                "grt_separate": False, "problems": []}
    p = combined_lines(by_area, source)
    keys = [k for k, _ in ETHNIC_LINES if p["lines"].get(k) is not None]
    known = sum(p["lines"][k] for k in keys)
    available = known > 0 and not p["problems"]
    percent = dict(zip(keys, shares([p["lines"][k] for k in keys]), strict=True)) if available else {}
    return {"source": source, "available": available, "percent": percent, "lines": p["lines"], "known": known,
            "not_known": p["not_known"], "grt_separate": p["grt_separate"], "problems": p["problems"]}


# --- tables ----------------------------------------------------------------------------------------

def share_rows(items: list[dict], key, order: list[tuple[str, str]], count: str = "children",
               ids: dict | None = None) -> list[dict]:
    """Rows of a table splitting ``items`` by ``key``: count, % (adding to 100) and the ids counted.

    Every value found appears: lines in ``order`` first (always, even when 0), then any other
    value found (so that nothing counted can drop out of the table).
    """
    ids = ids or {"children": "child_id"}
    groups: dict[str, list[dict]] = defaultdict(list)
    for i in items:
        groups[key(i)].append(i)
    lines = list(order) + [(k, str(k)) for k in sorted(groups, key=str) if k not in dict(order)]
    counts = [len(groups.get(k, [])) for k, _ in lines]
    rows = []
    for (k, label), n, pct in zip(lines, counts, shares(counts), strict=True):
        rows.append({"key": k, "group": label, count: n, "percent": pct,
                     "ids": {name: sorted({i[field] for i in groups.get(k, [])}) for name, field in ids.items()}})
    return rows


def ethnicity_rows(items: list[dict], census_shares: dict, school_shares: dict) -> list[dict]:
    """The ethnicity table: the cohort's lines against the census and school census."""
    by_line: dict[str, list[dict]] = defaultdict(list)
    for i in items:
        by_line[reporting_line(i["ethnicity"])].append(i)
    counts = [len(by_line.get(k, [])) for k, _ in ETHNIC_LINES]
    rows = []
    for (k, label), n, pct in zip(ETHNIC_LINES, counts, shares(counts), strict=True):
        row = {"key": k, "group": label, "children": n, "percent": pct,
               "ids": {"children": sorted(i["child_id"] for i in by_line.get(k, []))}}
        for prefix, pop in (("census", census_shares), ("school", school_shares)):
            pop_pct = pop["percent"].get(k) if pop["available"] else None
            comparable = not (k == "white" and not pop["grt_separate"])
            row[f"{prefix}_percent"] = pop_pct
            row[f"{prefix}_gap"] = difference(pct, pop_pct) if comparable else None
        rows.append(row)
    unknown = by_line.get(NOT_KNOWN, [])
    rows.append({"key": NOT_KNOWN, "group": NOT_KNOWN_LABEL, "children": len(unknown), "percent": None,
                 "census_percent": None, "census_gap": None, "school_percent": None, "school_gap": None,
                 "ids": {"children": sorted(i["child_id"] for i in unknown)}})
    return rows


def _population_notes(pop: dict, what: str) -> list[str]:
    if pop["source"] is None:
        return [f"No {what} figures for the area have been loaded: its shares are not available."]
    notes = list(pop["problems"])
    if pop["problems"]:
        notes.append(f"{pop['source']} is not used until its rows are corrected.")
    elif pop["available"] and not pop["grt_separate"]:
        notes.append(f"{pop['source']} does not count Gypsy, Roma or Traveller children separately: their line "
                     "is not available and its White share includes them, so the White gap is not worked out.")
    if pop["not_known"]:
        notes.append(f"{pop['source']}: {pop['not_known']:,} children whose ethnicity is not stated or not known "
                     "are left out of its shares.")
    return notes


def compute(t: Tables, period: Period) -> dict[str, dict[int, Result]]:
    kids = by_service(fetch(t, children, period), t.service_ids)
    offs = by_service(fetch(t, offences, period), t.service_ids)
    # service → source → area → ethnicity → children
    pops: dict[int, dict[str, dict[str, dict[str, int]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(dict)))
    for r in fetch(t, census, period):
        pops[r["service_id"]][r["source"]][r["area_code"]][r["ethnicity"]] = int(r["population"])
    out = {}
    for sid in t.service_ids:
        items = kids.get(sid, [])
        n = len(items)
        sources = pops.get(sid, {})
        school_source = school_census_source(sources, period)
        census_shares = population_shares(sources.get(CENSUS), CENSUS if CENSUS in sources else None)
        school_shares = population_shares(sources.get(school_source) if school_source else None, school_source)
        ethnic = ethnicity_rows(items, census_shares, school_shares)
        lac = Counter(looked_after_status(i) for i in items)
        off_items = offs.get(sid, [])
        categories = sorted(Counter((o["category"], o["category_name"]) for o in off_items).items(),
                            key=lambda kv: (-kv[1], kv[0][1]))
        breakdowns = {
            "Sex": share_rows(items, lambda i: i["sex"], codes.SEX),
            "Age band": share_rows(items, lambda i: age_band(i["age"]), [
                (b, b) for b in AGE_BANDS if b != "under 10" or any(i["age"] < 10 for i in items)]),
            "Ethnic group": ethnic,
            "Looked-after status": share_rows(items, looked_after_status, LOOKED_AFTER_STATUS),
            "SEND": share_rows(items, lambda i: i["send_status"] or "not_recorded",
                               [*codes.SEND_STATUS, ("not_recorded", "Not recorded")]),
            "Offences by category": share_rows(off_items, lambda o: o["category"],
                                               [(code, name) for (code, name), _ in categories], count="offences",
                                               ids={"offences": "offence_id", "children": "child_id"}),
        }
        not_known = ethnic[-1]["children"]
        out[sid] = PROFILE.result(
            period=period, numerator=n, denominator=None, value=n, ids=sorted(i["child_id"] for i in items),
            breakdowns=breakdowns,
            extra={"ethnicity_known": n - not_known, "ethnicity_not_known": not_known,
                   "offences": len(off_items),
                   "looked_after": {k: lac.get(k, 0) for k, _ in LOOKED_AFTER_STATUS},
                   # the statuses the looked-after measures count (looked_after.py), shown there
                   "looked_after_counted": ["looked_after", "remand_only"]
                   if t.settings.looked_after_include_remand_only else ["looked_after"],
                   "census_source": census_shares["source"] if census_shares["available"] else None,
                   "school_census_source": school_shares["source"] if school_shares["available"] else None},
            notes=["Percentages are rounded so that each table adds up to 100 (largest remainder).",
                   *_population_notes(census_shares, "census"), *_population_notes(school_shares, "school census")],
        )
    return {PROFILE.code: out}


DEFINITION = registry.Definition(key="profile", indicators=(PROFILE,), compute=compute)
