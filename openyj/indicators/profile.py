"""Cohort profile of the children worked with in the period, and looked-after over-representation.

Rule (``domain/indicators.md``): children with any intervention open on any day of the period,
by sex; age band (10–14, 15–17, 18+) on the first day they were worked with in the period; ethnic
group against the 10–17 population's shares (census and latest school census, from reference
data; "not stated / not known" reported as a count, not distributed); looked-after status in the
period (looked after — any looked-after episode overlapping the period on another basis; remand
only — every overlapping episode is on remand; not looked after); SEND (none, SEN support, EHCP);
and offences committed in the period by these children, by category (counts and % that add to
100). Value = the number of children.
"""

from __future__ import annotations

from collections import Counter

import ibis

from openyj.core import codes
from openyj.indicators.engine import Tables, age_at, by_service, fetch
from openyj.indicators.periods import Period, age_band
from openyj.indicators.results import UNIT_COUNT, Result, ratio

ID = "profile"
NAME = "Children worked with"


def children(t: Tables, period: Period):
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
    ch = children(t, period)
    of = t.offences.filter(t.within(t.offences.offence_date))
    j = of.join(ch, [of.child_pk == ch.child_pk, of.service_id == ch.service_id])
    return j.select(service_id=j.service_id, category=j.category_name)


def _shares(counter: Counter, order: list[tuple[str, str]], total: int) -> list[dict]:
    return [{"group": label, "children": counter.get(code, 0), "percent": ratio(counter.get(code, 0), total, 100)}
            for code, label in order]


def compute(t: Tables, period: Period) -> dict[int, Result]:
    kids = by_service(fetch(t, children, period), t.service_ids)
    offs = by_service(fetch(t, offences, period), t.service_ids)
    out = {}
    for sid in t.service_ids:
        items = kids.get(sid, [])
        n = len(items)
        known = [i for i in items if codes.ETHNICITY_GROUP.get(i["ethnicity"])]
        groups = Counter(codes.ETHNICITY_GROUP[i["ethnicity"]] for i in known)
        lac = Counter("remand_only" if i["episodes"] and i["episodes"] == i["remand_episodes"]
                      else "looked_after" if i["episodes"] else "not" for i in items)
        cats = Counter(o["category"] for o in offs.get(sid, []))
        total_offences = sum(cats.values())
        breakdowns = {
            "Sex": _shares(Counter(i["sex"] for i in items), codes.SEX, n),
            "Age band": _shares(Counter(age_band(i["age"]) for i in items),
                                [(b, b) for b in ("10–14", "15–17", "18+")], n),
            "Ethnic group (of those known)": _shares(groups, codes.ETHNIC_GROUPS, len(known)),
            "Looked-after status": _shares(lac, [("looked_after", "Looked after"),
                                                 ("remand_only", "Looked after on remand only"),
                                                 ("not", "Not looked after")], n),
            "SEND": _shares(Counter(i["send_status"] or "not_recorded" for i in items),
                            [*codes.SEND_STATUS, ("not_recorded", "Not recorded")], n),
            "Offences by category": [{"group": k, "offences": v, "percent": ratio(v, total_offences, 100)}
                                     for k, v in cats.most_common()],
        }
        out[sid] = Result(
            id=ID, name=NAME, period=period, numerator=n, denominator=None, value=n, unit=UNIT_COUNT,
            better="none", ids=sorted(i["child_id"] for i in items), ids_kind="children",
            numerator_label="children with an intervention open in the period", breakdowns=breakdowns,
            extra={"ethnicity_not_known": n - len(known), "offences": total_offences,
                   "looked_after_percent": ratio(lac["looked_after"] + lac["remand_only"], n, 100)},
            notes=["Percentages are rounded separately, so they may not add to exactly 100."],
        )
    return out
