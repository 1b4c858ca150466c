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

from openyj.indicators.engine import Tables, by_service, fetch
from openyj.indicators.periods import Period
from openyj.indicators.results import UNIT_PERCENT, Result, ratio


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


def _result(rid, name, period, items, flag, num_label, den_label, id_field="assessment_id",
            ids_kind="assessments"):
    yes = [i for i in items if i[flag]]
    return Result(id=rid, name=name, period=period, numerator=len(yes), denominator=len(items),
                  value=ratio(len(yes), len(items), 100, 1), unit=UNIT_PERCENT, better="higher",
                  ids=[str(x) for x in sorted(i[id_field] for i in yes)], ids_kind=ids_kind,
                  child_ids=sorted({i["child_id"] for i in yes}), numerator_label=num_label,
                  denominator_label=den_label)


def compute(t: Tables, period: Period) -> dict[str, dict[int, Result]]:
    d = by_service(fetch(t, due, period), t.service_ids)
    c = by_service(fetch(t, completed, period), t.service_ids)
    r = by_service(fetch(t, reviews_due, period), t.service_ids)
    return {
        "assessments_on_time": {sid: _result("assessments_on_time", "Assessments completed on time", period,
                                             d.get(sid, []), "on_time", "completed by the due date",
                                             "assessments due") for sid in t.service_ids},
        "assessments_countersigned": {sid: _result(
            "assessments_countersigned", "Assessments countersigned by a manager", period, c.get(sid, []),
            "countersigned", "countersigned", "assessments completed") for sid in t.service_ids},
        # Reviews carry no reference of their own: they are listed by their record number.
        "reviews_on_time": {sid: _result(
            "reviews_on_time", "Reviews done on time", period, r.get(sid, []), "on_time", "done by the due date",
            "reviews due", id_field="review_pk", ids_kind="reviews") for sid in t.service_ids},
    }
