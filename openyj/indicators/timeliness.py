"""Timeliness and oversight of assessments, and reviews on time.

Rules (``domain/indicators.md``):

- **Assessments on time**: assessments due in the period that were completed on or before their
  due date ÷ assessments due in the period (%, higher is better). An assessment not completed
  counts as not on time.
- **Countersigned by a manager**: assessments completed in the period with a manager's
  countersignature ÷ assessments completed in the period (%, higher is better).
- **Reviews on time**: reviews of an intervention's plan due in the period that were done on or
  before their due date ÷ reviews due in the period (%, higher is better). A review not done
  counts as not on time; a review done early is on time.
"""

from __future__ import annotations

from datetime import date

from openyj.indicators import registry
from openyj.indicators.engine import Tables, by_service, fetch
from openyj.indicators.periods import Period
from openyj.indicators.results import UNIT_PERCENT, Result, ratio

ASSESSMENTS_ON_TIME = registry.Indicator(
    code="assessments_on_time", name="Assessments completed on time", unit=UNIT_PERCENT, better="higher",
    period=registry.QUARTERLY, group=registry.LOCAL, ids="assessments",
    version="1", effective=date(2024, 4, 1), order=90,
    numerator="completed by the due date", denominator="assessments due",
    definition="Of the assessments due in the period, the share completed by their due date.",
)
ASSESSMENTS_COUNTERSIGNED = registry.Indicator(
    code="assessments_countersigned", name="Assessments countersigned by a manager", unit=UNIT_PERCENT,
    better="higher", period=registry.QUARTERLY, group=registry.LOCAL, ids="assessments",
    version="1", effective=date(2024, 4, 1), order=91,
    numerator="countersigned", denominator="assessments completed",
    definition="Of the assessments completed in the period, the share countersigned by a manager.",
)
REVIEWS_ON_TIME = registry.Indicator(
    code="reviews_on_time", name="Reviews done on time", unit=UNIT_PERCENT, better="higher",
    period=registry.QUARTERLY, group=registry.LOCAL, ids="reviews", version="1", effective=date(2024, 4, 1), order=92,
    numerator="done by the due date", denominator="reviews due",
    definition="Of the reviews of interventions due in the period, the share done by their due date.",
)


def _with_child(t: Tables, a):
    c = t.children
    return a.join(c, [a.child_pk == c.child_pk, a.service_id == c.service_id])


def due(t: Tables, period: Period):
    a = t.assessments
    a = _with_child(t, a.filter(t.within(a.due_on)))
    return a.select("service_id", "assessment_id", "child_id",
                    on_time=(a.completed_on.notnull() & (a.completed_on <= a.due_on)).fill_null(False))


def completed(t: Tables, period: Period):
    a = t.assessments
    a = _with_child(t, a.filter(t.within(a.completed_on)))
    return a.select("service_id", "assessment_id", "child_id", countersigned=a.countersigned_on.notnull())


def reviews_due(t: Tables, period: Period):
    r = t.reviews
    r = _with_child(t, r.filter(t.within(r.due_on)))
    return r.select("service_id", "review_pk", "child_id",
                    on_time=(r.done_on.notnull() & (r.done_on <= r.due_on)).fill_null(False))


def _result(indicator: registry.Indicator, period, items, flag, id_field="assessment_id") -> Result:
    yes = [i for i in items if i[flag]]
    return indicator.result(period=period, numerator=len(yes), denominator=len(items),
                            value=ratio(len(yes), len(items), 100, 1),
                            ids=[str(x) for x in sorted(i[id_field] for i in yes)],
                            child_ids=sorted({i["child_id"] for i in yes}))


def compute(t: Tables, period: Period) -> dict[str, dict[int, Result]]:
    d = by_service(fetch(t, due, period), t.service_ids)
    c = by_service(fetch(t, completed, period), t.service_ids)
    r = by_service(fetch(t, reviews_due, period), t.service_ids)
    return {
        "assessments_on_time": {sid: _result(ASSESSMENTS_ON_TIME, period, d.get(sid, []), "on_time")
                                for sid in t.service_ids},
        "assessments_countersigned": {sid: _result(ASSESSMENTS_COUNTERSIGNED, period, c.get(sid, []), "countersigned")
                                      for sid in t.service_ids},
        # Reviews carry no reference of their own: they are listed by their record number.
        "reviews_on_time": {sid: _result(REVIEWS_ON_TIME, period, r.get(sid, []), "on_time", id_field="review_pk")
                            for sid in t.service_ids},
    }


DEFINITION = registry.Definition(
    key="timeliness", indicators=(ASSESSMENTS_ON_TIME, ASSESSMENTS_COUNTERSIGNED, REVIEWS_ON_TIME), compute=compute)
