"""National Standards self-assessment: relevant cases, the 20% / minimum 20 sample, gradings on a
configurable scale, moderation and history across years."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError

from openyj.casework.models import Intervention
from openyj.offending.models import CustodyEpisode
from openyj.quality.frameworks import national_standards
from openyj.quality.standards import presenters as standards_presenters
from openyj.quality.standards import selectors as standards_selectors
from openyj.quality.standards import services as standards_services

FIVE = list(national_standards().grading_scale("five-point").grades)


def start(service, user, year=2024, grades=FIVE, name="Five-point"):
    return standards_services.standards_self_assessment_create(
        service=service, user=user, title=f"Self-assessment {year}/{year - 1999}", period_start=date(year, 4, 1),
        period_end=date(year + 1, 3, 31), scale_name=name, grades=grades, seed=year)


def test_the_leicester_scale_ships():
    assert FIVE == ["Outstanding", "Good with outstanding features", "Good", "Requires improvement", "Inadequate"]
    framework = national_standards()
    assert [s.code for s in framework.standards] == ["1", "2", "3", "4", "5"]
    assert [lv.code for lv in framework.levels] == ["strategic", "operational"]


@pytest.mark.parametrize(("relevant", "drawn"), [(12, 12), (30, 20), (150, 30)])
def test_operational_sample_is_a_fifth_and_at_least_twenty(service_a, manager, cases_a, relevant, drawn):
    for i in range(relevant):
        cases_a("community_resolution", date(2024, 4, 1) + timedelta(days=i), intervention=False, assessed=False)
    cases_a("community_resolution", date(2024, 3, 31), intervention=False, assessed=False)  # before the period
    cases_a("referral_order", date(2024, 6, 1), assessed=False)  # a court outcome: not standard 1
    sa = start(service_a, manager)
    sample = standards_services.standards_sample_draw(self_assessment=sa, user=manager, standard="1")
    assert (sample.relevant_cases, sample.sample_size, sample.cases.count()) == (relevant, drawn, drawn)
    again = [c.record_id for c in sample.cases.all()]
    standards_services.standards_sample_draw(self_assessment=sa, user=manager, standard="1")
    assert [c.record_id for c in sample.cases.all()] == again  # same seed, same cases


def test_relevant_cases_for_each_standard(service_a, manager, cases_a):
    court = cases_a("referral_order", date(2024, 6, 1))  # standard 2; its referral order intervention is standard 3
    custody = cases_a("detention_training_order", date(2024, 5, 1), intervention=False)
    CustodyEpisode.objects.create(service=service_a, reference="CU1", child=custody.child, outcome=custody,
                                  start_date=date(2024, 5, 1), release_date=date(2024, 8, 1))
    Intervention.objects.create(service=service_a, reference="T1", child=court.child, kind="yro",
                                start_date=date(2023, 1, 1), end_date=date(2024, 9, 1),
                                end_reason="transferred_to_probation")

    def found(code):
        return [(c.record_type, c.record_label) for c in standards_selectors.relevant_cases(
            service=service_a, standard_code=code, period_start=date(2024, 4, 1), period_end=date(2025, 3, 31))]

    assert sorted(found("2")) == [("outcome", "Detention and training order"), ("outcome", "Referral order")]
    assert sorted(found("3")) == [("intervention", "Referral order"), ("intervention", "Youth rehabilitation order")]
    assert found("4") == [("custody", "Custody")]
    assert sorted(found("5")) == [("custody", "Release from custody"), ("intervention", "Moved to adult probation")]


def test_cases_recorded_give_the_share_met(service_a, manager, cases_a):
    for i in range(4):
        cases_a("youth_caution", date(2024, 5, 1 + i), intervention=False)
    sa = start(service_a, manager)
    sample = standards_services.standards_sample_draw(self_assessment=sa, user=manager, standard="1")
    for case, met in zip(sample.cases.all(), ["yes", "yes", "no", "not_applicable"], strict=True):
        standards_services.standards_case_record(case=case, user=manager, met=met, notes="")
    row = standards_presenters.standards_overview(sa)[0]
    # 2 yes, 1 no (not applicable left out): 2/3 = 66.7%
    assert (row["audited"], row["met"], row["not_met"], row["percent_met"]) == (4, 2, 1, "66.7")
    with pytest.raises(ValidationError, match="cannot be drawn again"):
        standards_services.standards_sample_draw(self_assessment=sa, user=manager, standard="1")


def test_grading_on_a_service_scale_with_moderation(service_a, manager, second_manager):
    scale = standards_services.grading_scale_create(service=service_a, user=manager, name="Three-point",
                                                    grades=["Met", "Partly met", "Not met", ""])
    assert scale.grades == ["Met", "Partly met", "Not met"]
    sa = start(service_a, manager, grades=scale.grades, name=scale.name)
    with pytest.raises(ValidationError) as exc:
        standards_services.standards_grading_record(self_assessment=sa, user=manager, standard="2", level="strategic",
                                                    grade="Good", evidence="")
    assert exc.value.message_dict == {"grade": ["Select a grade: Met, Partly met, Not met"],
                                      "evidence": ["Enter the evidence for the grade"]}
    grading = standards_services.standards_grading_record(
        self_assessment=sa, user=manager, standard="2", level="strategic", grade="Met",
        evidence="Court protocol signed")
    with pytest.raises(ValidationError, match="second person"):
        standards_services.standards_grading_moderate(grading=grading, user=manager, grade="Met")
    with pytest.raises(ValidationError) as exc:
        standards_services.standards_grading_moderate(grading=grading, user=second_manager, grade="Partly met")
    assert exc.value.message_dict == {"note": ["Say why you changed the grade"]}
    standards_services.standards_grading_moderate(grading=grading, user=second_manager, grade="Partly met",
                                                  note="Protocol signed but not yet used")
    assert grading.final_grade == "Partly met"
    with pytest.raises(ValidationError, match="moderated"):
        standards_services.standards_grading_record(self_assessment=sa, user=manager, standard="2", level="strategic",
                                                    grade="Met", evidence="again")
    with pytest.raises(ValidationError):
        standards_services.grading_scale_create(service=service_a, user=manager, name="Three-point", grades=["A", "B"])
    with pytest.raises(ValidationError) as exc:
        standards_services.grading_scale_create(service=service_a, user=manager, name="Dup", grades=["A", "a"])
    assert exc.value.message_dict == {"grades": ["Each grade must be different"]}


def test_history_across_years(service_a, manager):
    later = start(service_a, manager, 2024)
    earlier = start(service_a, manager, 2023)
    standards_services.standards_grading_record(
        self_assessment=earlier, user=manager, standard="5", level="operational", grade="Inadequate",
        evidence="Audit")
    standards_services.standards_grading_record(self_assessment=later, user=manager, standard="5", level="operational",
                                                grade="Requires improvement", evidence="Audit")
    history = standards_presenters.standards_history(manager, service_a)
    assert [sa.pk for sa in history["assessments"]] == [earlier.pk, later.pk]
    row = next(r for r in history["rows"] if r["standard"].code == "5" and r["level"].code == "operational")
    assert row["cells"] == ["Inadequate", "Requires improvement"]
    assert len(history["rows"]) == 10


def test_period_must_run_forwards(service_a, manager):
    with pytest.raises(ValidationError) as exc:
        standards_services.standards_self_assessment_create(service=service_a, user=manager, title="x",
                                                            period_start=date(2025, 1, 1), period_end=date(2024, 1, 1),
                                                            scale_name="Five-point", grades=FIVE)
    assert "period_end" in exc.value.message_dict
