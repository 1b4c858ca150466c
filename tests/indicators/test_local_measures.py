"""Local measures: profile, caseload, congruence, feedback, timeliness, ETE — hand-worked cases."""

from __future__ import annotations

from datetime import date

import pytest

from openyj.casework.models import Assessment, Feedback, Intervention, PanelDecision
from openyj.indicators.periods import Period

from . import factories as f

Q1 = Period.quarter(2024, 1)


def iv(c, start, end=None, kind="referral_order", ref=None, **kw):
    return Intervention.objects.create(service_id=c.service_id, child=c, reference=ref or f"I-{c.reference}-{start}",
                                       kind=kind, start_date=date.fromisoformat(start),
                                       end_date=date.fromisoformat(end) if end else None, **kw)


def test_caseload_on_period_end_and_average(service_a, run):
    a, b = f.child(service_a, ref="A"), f.child(service_a, ref="B")
    iv(a, "2023-12-01", None, ref="I1")            # open all 91 days
    iv(b, "2024-01-01", "2024-01-31", "yro", ref="I2")  # 31 days, closed before the end
    iv(b, "2024-03-31", None, "yro", ref="I3")     # 1 day
    iv(b, "2023-01-01", "2023-12-31", ref="I4")    # before the period
    r = run(service_a, Q1, only={"caseload"})["caseload"]
    assert (r.value, r.ids, r.extra["average_open"]) == (2, ["I1", "I3"], 1.4)  # (91 + 31 + 1) / 91 = 1.35
    assert {x["group"]: x["open"] for x in r.breakdowns["Intervention kind"]} == {
        "Referral order": 1, "Youth rehabilitation order": 1}


def test_feedback_at_closure(service_a, run):
    c = f.child(service_a)
    iv(c, "2023-06-01", "2024-01-15", ref="F1", feedback_child=True)
    iv(c, "2023-06-01", "2024-02-15", ref="F2", feedback_parent=False)
    i3 = iv(c, "2023-06-01", "2024-03-15", ref="F3")
    Feedback.objects.create(service=service_a, child=c, intervention=i3, source="parent", given_on=date(2024, 3, 15),
                            at_closure=True)
    i4 = iv(c, "2023-06-01", "2024-03-16", ref="F4")
    Feedback.objects.create(service=service_a, child=c, intervention=i4, source="victim", given_on=date(2024, 3, 16),
                            at_closure=True)
    iv(c, "2023-06-01", None, ref="OPEN", feedback_child=True)
    r = run(service_a, Q1, only={"feedback"})["feedback"]
    assert (r.numerator, r.denominator, r.value, r.ids) == (2, 4, 50.0, ["F1", "F3"])
    assert r.better == "higher"


def test_assessment_timeliness_and_countersignature(service_a, run):
    c = f.child(service_a)

    def a(ref, due, done=None, signed=None):
        Assessment.objects.create(service=service_a, child=c, reference=ref, due_on=date.fromisoformat(due),
                                  completed_on=date.fromisoformat(done) if done else None,
                                  countersigned_on=date.fromisoformat(signed) if signed else None)
    a("ON", "2024-01-20", "2024-01-20", "2024-01-22")
    a("LATE", "2024-02-20", "2024-02-21")
    a("NEVER", "2024-03-20")
    a("OUT", "2024-04-20", "2024-03-01", "2024-03-02")
    r = run(service_a, Q1, only={"timeliness"})
    on_time, signed = r["assessments_on_time"], r["assessments_countersigned"]
    assert (on_time.numerator, on_time.denominator, on_time.value, on_time.ids) == (1, 3, 33.3, ["ON"])
    assert (signed.numerator, signed.denominator, signed.value, signed.ids) == (2, 3, 66.7, ["ON", "OUT"])


def test_congruence(service_a, run):
    c = f.child(service_a, ref="P")
    f.outcome(c, "2024-01-10", "referral_order", psr="referral_order", ref="MATCH")
    f.outcome(c, "2024-02-10", "detention_training_order", psr="youth_rehabilitation_order", ref="MISS")
    f.outcome(c, "2024-02-11", "fine", ref="NO-PSR")
    PanelDecision.objects.create(service=service_a, child=c, referred_on=date(2024, 1, 1),
                                 recommendation_id="youth_caution", decision_id="youth_caution",
                                 decided_on=date(2024, 1, 5))
    r = run(service_a, Q1, only={"congruence"})
    assert (r["psr_congruence"].numerator, r["psr_congruence"].denominator, r["psr_congruence"].ids) == (
        1, 2, ["MATCH"])
    assert (r["panel_congruence"].value, r["panel_congruence"].ids) == (100.0, ["P"])


def test_ete(service_a, run):
    s1, s2, s3 = (f.child(service_a, ref=x) for x in ("S1", "S2", "S3"))
    iv(s1, "2023-09-01", None, school_age_start=True, ete_hours_offered_start=25)
    iv(s2, "2023-09-01", "2024-02-01", school_age_start=True, ete_hours_offered_start=25,
       school_age_end=True, ete_hours_offered_end=10)  # latest snapshot: 10 hours
    iv(s3, "2023-09-01", None, school_age_start=False, ete_hours_offered_start=0, ete_status_start="not_in_ete")
    k = f.child(service_a, ref="K")
    f.custody(k, "2023-06-01", "2024-02-01", ete_on_release="full_time")
    f.custody(k, "2023-06-01", "2024-03-01", ete_on_release="none")
    r = run(service_a, Q1, only={"ete"})
    assert (r["ete_school_full_time"].numerator, r["ete_school_full_time"].denominator) == (1, 2)
    assert r["ete_school_full_time"].ids == ["S1"]
    assert (r["ete_above_school_no_hours"].value, r["ete_above_school_no_hours"].ids) == (100.0, ["S3"])
    assert (r["ete_on_release"].numerator, r["ete_on_release"].denominator) == (1, 2)


@pytest.mark.parametrize("key", ["profile", "caseload", "feedback", "psr_congruence", "ete_on_release",
                                 "looked_after_share", "reviews_on_time"])
def test_empty_service_gives_zero_not_error(service_a, run, key):
    r = run(service_a, Q1)[key]
    assert r.numerator == 0
