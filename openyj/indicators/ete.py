"""Education, training and employment (ETE).

Rules (``domain/indicators.md``), counting children with an intervention open on any day of the
period and reading each child's latest such intervention (latest start), from its end snapshot
if it ended by the period's end, else its start snapshot:

- **School age, full-time offer**: of school-age children, % offered 25 or more hours a week
  (higher is better). Children whose hours are not recorded are counted as not offered.
- **Above school age, no hours**: of children above school age, % with no hours of ETE (0 hours,
  or recorded as not in ETE) (lower is better).
- **ETE on release from custody**: releases in the period with ETE arranged recorded: % full time
  (higher is better), with full time, part time and none.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import ibis

from openyj.indicators import registry
from openyj.indicators.engine import Tables, by_service, fetch
from openyj.indicators.periods import Period
from openyj.indicators.results import UNIT_PERCENT, Result, ratio

FULL_TIME_HOURS = 25
ETE_SCHOOL_FULL_TIME = registry.Indicator(
    code="ete_school_full_time", name="School-age children offered full-time education", unit=UNIT_PERCENT,
    better="higher", period=registry.POINT_IN_TIME, group=registry.LOCAL, ids="children",
    version="1", effective=date(2024, 4, 1), order=100,
    numerator="offered 25 hours or more a week", denominator="school-age children open",
    definition="Of the school-age children with an intervention open, the share offered 25 hours or more of "
               "education a week (their latest record).",
)
ETE_ABOVE_SCHOOL_NO_HOURS = registry.Indicator(
    code="ete_above_school_no_hours", name="Children above school age with no ETE hours", unit=UNIT_PERCENT,
    better="lower", period=registry.POINT_IN_TIME, group=registry.LOCAL, ids="children",
    version="1", effective=date(2024, 4, 1), order=101,
    numerator="with no hours", denominator="children above school age open",
    definition="Of the children above school age with an intervention open, the share with no education, "
               "training or employment hours (their latest record).",
)
ETE_ON_RELEASE = registry.Indicator(
    code="ete_on_release", name="Full-time ETE on release from custody", unit=UNIT_PERCENT, better="higher",
    period=registry.QUARTERLY, group=registry.LOCAL, ids="children", version="1", effective=date(2024, 4, 1), order=102,
    numerator="released to full-time ETE", denominator="releases with ETE recorded", breakdowns=("ETE on release",),
    definition="Of the releases from custody in the period with education, training or employment recorded, "
               "the share released to full-time education, training or employment.",
)


def latest_snapshot(t: Tables, period: Period):
    i = t.interventions
    i = i.filter(i.start_date <= t.p("end"), i.end_date.isnull() | (i.end_date >= t.p("start")))
    ended = i.end_date.notnull() & (i.end_date <= t.p("end"))
    i = i.mutate(
        hours=ibis.ifelse(ended & i.hours_end.notnull(), i.hours_end, i.hours_start),
        school_age=ibis.ifelse(ended & i.school_age_end.notnull(), i.school_age_end, i.school_age_start),
        status=ibis.ifelse(ended & (i.ete_status_end != ""), i.ete_status_end, i.ete_status_start),
    )
    w = ibis.window(group_by=[i.service_id, i.child_pk],
                    order_by=[ibis.desc(i.start_date), ibis.desc(i.intervention_pk)])
    i = i.mutate(rn=ibis.row_number().over(w))
    i = i.filter(i.rn == 0)
    c = t.children
    j = i.join(c, [i.child_pk == c.child_pk, i.service_id == c.service_id])
    return j.select("service_id", "child_id", "hours", "school_age", "status")


def releases(t: Tables, period: Period):
    k = t.custody
    k = k.filter(t.within(k.release_date), k.ete_on_release.notnull(), k.ete_on_release != "")
    c = t.children
    j = k.join(c, [k.child_pk == c.child_pk, k.service_id == c.service_id])
    return j.select("service_id", "custody_id", "child_id", "ete_on_release")


def compute(t: Tables, period: Period) -> dict[str, dict[int, Result]]:
    snap = by_service(fetch(t, latest_snapshot, period), t.service_ids)
    rel = by_service(fetch(t, releases, period), t.service_ids)
    out: dict[str, dict[int, Result]] = {"ete_school_full_time": {}, "ete_above_school_no_hours": {},
                                         "ete_on_release": {}}
    for sid in t.service_ids:
        items = snap.get(sid, [])
        school = [i for i in items if i["school_age"] is True]
        full = [i for i in school if (i["hours"] or 0) >= FULL_TIME_HOURS]
        out["ete_school_full_time"][sid] = ETE_SCHOOL_FULL_TIME.result(
            period=period, numerator=len(full), denominator=len(school), value=ratio(len(full), len(school), 100, 1),
            ids=sorted(i["child_id"] for i in full))
        above = [i for i in items if i["school_age"] is False and (i["hours"] is not None or i["status"])]
        none = [i for i in above if i["status"] == "not_in_ete" or i["hours"] == 0]
        out["ete_above_school_no_hours"][sid] = ETE_ABOVE_SCHOOL_NO_HOURS.result(
            period=period, numerator=len(none), denominator=len(above), value=ratio(len(none), len(above), 100, 1),
            ids=sorted(i["child_id"] for i in none))
        r = rel.get(sid, [])
        kinds = Counter(i["ete_on_release"] for i in r)
        full_r = [i for i in r if i["ete_on_release"] == "full_time"]
        out["ete_on_release"][sid] = ETE_ON_RELEASE.result(
            period=period, numerator=len(full_r), denominator=len(r), value=ratio(len(full_r), len(r), 100, 1),
            ids=sorted({i["child_id"] for i in full_r}),
            breakdowns={"ETE on release": [{"group": g, "releases": kinds.get(k, 0)} for k, g in
                                           (("full_time", "Full time"), ("part_time", "Part time"),
                                            ("none", "None"))]})
    return out


DEFINITION = registry.Definition(
    key="ete", indicators=(ETE_SCHOOL_FULL_TIME, ETE_ABOVE_SCHOOL_NO_HOURS, ETE_ON_RELEASE), compute=compute)
