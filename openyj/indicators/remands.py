"""Remands: episodes by type, children remanded, remand nights, remands not followed by custody.

Rules (``domain/indicators.md``, local measures):

- **Remands started**: remand episodes with a start date in the period, by type; **children
  remanded** = distinct children among them.
- **Remand nights**: nights in youth detention accommodation falling inside the period. A night
  counts on the date it begins: a remand from S to E (E being the day the child left) has the
  nights S … E−1; an open remand counts to the period end (its last night is the period's last
  day). Children = those with at least one such night in the period.
- **Not followed by custody**: of youth-detention remands that ended in the period, the % after
  which the child received no custodial sentence dated from the remand's start to 31 days after
  it ended (the window is a configurable local rule).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import ibis
from django import forms

from openyj.indicators import registry
from openyj.indicators.engine import Tables, by_service, fetch
from openyj.indicators.periods import Period
from openyj.indicators.results import UNIT_COUNT, UNIT_NIGHTS, UNIT_PERCENT, Result, ratio
from openyj.offending import codes

YDA = "youth_detention"


REMANDS = registry.Indicator(
    code="remands", name="Remands started", unit=UNIT_COUNT, better="lower", period=registry.QUARTERLY,
    group=registry.LOCAL, ids="remands",
    version="1", effective=date(2024, 4, 1), order=30, numerator="remand episodes started",
    breakdowns=("Remand type",),
    definition="Remands (bail support, local authority accommodation, youth detention accommodation) that "
               "started in the period, and the number of children remanded.",
)
REMAND_NIGHTS = registry.Indicator(
    code="remand_nights", name="Remand nights in youth detention accommodation", unit=UNIT_NIGHTS, better="lower",
    period=registry.QUARTERLY, group=registry.LOCAL, ids="children",
    version="1", effective=date(2024, 4, 1), order=31, numerator="nights",
    definition="Nights children spent remanded to youth detention accommodation that fall inside the period "
               "(a night counts on the date it begins).",
)
REMANDS_NO_CUSTODY = registry.Indicator(
    code="remands_no_custody", name="Youth detention remands not followed by a custodial sentence",
    unit=UNIT_PERCENT, better="lower", period=registry.QUARTERLY, group=registry.LOCAL, ids="remands",
    version="1", effective=date(2024, 4, 1),
    order=32, numerator="remands not followed by custody", denominator="youth detention remands ended in the period",
    definition="Of the remands to youth detention accommodation that ended in the period, the share not followed "
               "by a custodial sentence (one given from the remand's start up to a number of days after it "
               "ended, 31 unless the service sets another).",
)


def _window_field():
    return forms.IntegerField(
        label="Days after a remand ends within which a custodial sentence counts as following it", min_value=0,
        max_value=366, widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={"required": "Enter a number of days", "invalid": "Enter a whole number of days",
                        "min_value": "Enter 0 or more days", "max_value": "Enter 366 days or fewer"})


def _with_child(t: Tables, r):
    c = t.children
    j = r.join(c, [r.child_pk == c.child_pk, r.service_id == c.service_id])
    return j


def started(t: Tables, period: Period):
    """One row per remand episode started in the period."""
    r = t.remands
    j = _with_child(t, r.filter(t.within(r.start_date)))
    return j.select("service_id", "remand_pk", "remand_id", "remand_type", "child_pk", "child_id", "start_date")


def nights(t: Tables, period: Period):
    """One row per youth-detention remand with nights inside the period, and how many."""
    r = t.remands.filter(t.remands.remand_type == YDA)
    after = t.p("after")  # the day after the period's last day
    first = ibis.greatest(r.start_date, t.p("start"))
    stop = ibis.least(r.end_date.fill_null(after), after)  # the morning after the last night
    r = r.mutate(nights=stop.delta(first, unit="day").cast("int64"))
    j = _with_child(t, r.filter(r.nights > 0))
    return j.select("service_id", "remand_pk", "remand_id", "child_pk", "child_id", "start_date", "end_date",
                    "nights")


def not_followed_by_custody(t: Tables, period: Period):
    """Youth-detention remands ended in the period, with whether custody followed."""
    window = t.settings.remand_custody_window_days
    r = t.remands
    r = r.filter(r.remand_type == YDA, t.within(r.end_date))
    o = t.outcomes.filter(t.outcomes.custodial)
    j = r.left_join(o, [r.child_pk == o.child_pk, r.service_id == o.service_id,
                        o.outcome_date >= r.start_date,
                        o.outcome_date <= (r.end_date + ibis.interval(days=window)).cast("date")])
    g = j.group_by([j.service_id, j.remand_pk, j.remand_id, j.child_pk]).agg(
        custody_sentences=j.outcome_pk.count())
    c = t.children
    g = g.join(c, [g.child_pk == c.child_pk, g.service_id == c.service_id])
    return g.select("service_id", "remand_pk", "remand_id", "child_pk", "child_id",
                    followed_by_custody=g.custody_sentences > 0)


def compute(t: Tables, period: Period) -> dict[str, dict[int, Result]]:
    """Three results: ``remands``, ``remand_nights``, ``remands_no_custody``."""
    s_rows = by_service(fetch(t, started, period), t.service_ids)
    n_rows = by_service(fetch(t, nights, period), t.service_ids)
    f_rows = by_service(fetch(t, not_followed_by_custody, period), t.service_ids)
    labels = dict(codes.REMAND_TYPE)
    out: dict[str, dict[int, Result]] = {"remands": {}, "remand_nights": {}, "remands_no_custody": {}}
    for sid in t.service_ids:
        items = s_rows.get(sid, [])
        by_type = Counter(i["remand_type"] for i in items)
        children = sorted({i["child_id"] for i in items})
        out["remands"][sid] = REMANDS.result(
            period=period, numerator=len(items), denominator=None, value=len(items),
            ids=sorted(i["remand_id"] for i in items), child_ids=children,
            extra={"children_remanded": len(children)},
            breakdowns={"Remand type": [
                {"group": labels[code], "remands": by_type.get(code, 0),
                 "children": len({i["child_id"] for i in items if i["remand_type"] == code})}
                for code, _ in codes.REMAND_TYPE]},
        )
        n_items = n_rows.get(sid, [])
        n_children = sorted({i["child_id"] for i in n_items})
        total = sum(i["nights"] for i in n_items)
        out["remand_nights"][sid] = REMAND_NIGHTS.result(
            period=period, numerator=total, denominator=None, value=total, ids=n_children, child_ids=n_children,
            extra={"nights": total, "children": len(n_children), "remand_ids": sorted(i["remand_id"] for i in n_items)},
        )
        f_items = f_rows.get(sid, [])
        no_custody = [i for i in f_items if not i["followed_by_custody"]]
        out["remands_no_custody"][sid] = REMANDS_NO_CUSTODY.result(
            period=period, numerator=len(no_custody), denominator=len(f_items),
            value=ratio(len(no_custody), len(f_items), 100, 1), ids=sorted(i["remand_id"] for i in no_custody),
            child_ids=sorted({i["child_id"] for i in no_custody}),
        )
    return out


# The parameters are stored under "remands_no_custody", the one indicator they change.
DEFINITION = registry.Definition(
    key="remands", parameters_key="remands_no_custody", indicators=(REMANDS, REMAND_NIGHTS, REMANDS_NO_CUSTODY),
    compute=compute,
    title="Remands not followed by custody: the window",
    summary=lambda s: f"A custodial sentence up to {s.remand_custody_window_days} days after the remand ends "
                      "follows it",
    parameters=(registry.Parameter("window_days", "remand_custody_window_days", 31,
                                   "Days after a remand ends within which a custodial sentence follows it",
                                   _window_field),),
)
