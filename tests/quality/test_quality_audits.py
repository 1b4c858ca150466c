"""Case audits: eligible cases, the draw, answers, moderation, percentages and ratings (hand-worked)."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from openyj.core.models import AuditEvent
from openyj.governance import services as governance_services
from openyj.governance.models import ActionLink
from openyj.governance.selectors import actions_by_code
from openyj.offending.models import OutcomeType
from openyj.quality.audits import selectors as audit_selectors
from openyj.quality.audits import services as audit_services
from openyj.quality.frameworks import inspection_framework
from openyj.quality.models import AuditCase

REF = date(2025, 3, 31)  # court window 30/06/2024–30/09/2024; out-of-court 31/10/2024–31/12/2024
F2021 = inspection_framework("hmip-2021")


def eligible(service, framework=F2021, ref=REF):
    found = audit_selectors.eligible_cases(service=service, framework=framework, reference_date=ref)
    return {t: sorted(c.key for c in f["candidates"]) for t, f in found.items()}, found


def test_windows_and_which_outcomes_count(service_a, service_b, cases_a, cases_b):
    inside = cases_a("referral_order", date(2024, 7, 15))
    first_day = cases_a("youth_rehabilitation_order", date(2024, 6, 30))
    last_day = cases_a("detention_training_order", date(2024, 9, 30))
    cases_a("referral_order", date(2024, 6, 29))  # a day too early
    cases_a("referral_order", date(2024, 10, 1))  # a day too late
    cases_a("fine", date(2024, 7, 15), intervention=False)  # not worked by the service
    fine_worked = cases_a("fine", date(2024, 8, 1))
    resolution = cases_a("community_resolution", date(2024, 11, 15))
    cases_a("community_resolution", date(2024, 11, 16), intervention=False)
    caution = cases_a("youth_caution", date(2024, 12, 31), intervention=False)
    cases_b("referral_order", date(2024, 7, 15))  # another service
    keys, found = eligible(service_a)
    assert keys == {"court": sorted([inside.pk, first_day.pk, last_day.pk, fine_worked.pk]),
                    "out_of_court": sorted([resolution.pk, caution.pk])}
    assert found["court"]["window"] == (date(2024, 6, 30), date(2024, 9, 30))
    assert found["out_of_court"]["window"] == (date(2024, 10, 31), date(2024, 12, 31))


def test_one_case_per_child_the_latest_and_risk_from_the_latest_assessment(service_a, cases_a):
    older = cases_a("referral_order", date(2024, 7, 1), serious_harm="low", safety_wellbeing="low")
    newer = cases_a("youth_rehabilitation_order", date(2024, 9, 1), child=older.child, serious_harm="high",
                    safety_wellbeing="medium")
    cases_a("fine", date(2025, 4, 30), child=older.child, serious_harm="very_high")  # assessed after the date
    _keys, found = eligible(service_a)
    [candidate] = found["court"]["candidates"]
    assert candidate.key == newer.pk
    assert (candidate.serious_harm, candidate.safety_wellbeing, candidate.sex) == ("high", "medium", "male")


def test_unassessed_cases_are_drawn_as_not_known(service_a, cases_a):
    cases_a("referral_order", date(2024, 7, 1), assessed=False)
    _keys, found = eligible(service_a)
    assert found["court"]["candidates"][0].serious_harm == "not_known"


def make_audit(service, user, seed=11):
    return audit_services.case_audit_create(
        service=service, user=user, title="Spring self-audit", framework="hmip-2021", reference_date=REF, seed=seed)


def test_sample_size_and_reproducible_draw(service_a, cases_a, manager):
    for day in range(1, 31):
        cases_a("referral_order", date(2024, 7, day), sex="female" if day % 3 == 0 else "male",
                serious_harm=["low", "medium", "high"][day % 3])
    for day in range(1, 11):
        cases_a("youth_caution", date(2024, 11, day))
    case_audit = make_audit(service_a, manager)
    # 30 court cases: 164.24 / (1 + 163.24/30) = 25.5 → 26; 10 out-of-court: 164.24 / 17.32 = 9.48 → 10
    assert case_audit.sampling["court"]["population"] == 30
    assert case_audit.sampling["court"]["sample_size"] == 26
    assert case_audit.sampling["out_of_court"]["sample_size"] == 10
    assert case_audit.cases.filter(case_type="court").count() == 26
    sex = {r["value"]: r for r in case_audit.sampling["court"]["shares"]["sex"]}
    assert sex["female"]["population"] == 10 and sex["female"]["sample"] in (8, 9)  # 26 × 10/30 = 8.7
    drawn = list(case_audit.cases.values_list("case_type", "position", "child_id"))
    again = make_audit(service_a, manager)
    assert list(again.cases.values_list("case_type", "position", "child_id")) == drawn
    audit_services.case_audit_redraw(case_audit=again, user=manager, seed=11)
    assert list(again.cases.values_list("case_type", "position", "child_id")) == drawn
    audit_services.case_audit_redraw(case_audit=again, user=manager, seed=12)
    assert list(again.cases.values_list("case_type", "position", "child_id")) != drawn
    assert AuditEvent.objects.filter(object_type="quality.CaseAudit", verb="create").count() == 2


@pytest.fixture
def small_audit(service_a, cases_a, manager):
    """Three court cases and two out-of-court cases: every one is drawn (n = N for such small numbers)."""
    for day in (1, 2, 3):
        cases_a("referral_order", date(2024, 7, day))
    for day in (1, 2):
        cases_a("youth_caution", date(2024, 11, day))
    case_audit = make_audit(service_a, manager)
    assert case_audit.cases.count() == 5
    return case_audit


def all_yes(standard, overrides=None):
    answers = {kq.code: {"answer": "yes", "comment": "", "evidence": "", "prompts": {}}
               for kq in standard.key_questions}
    for code, value in (overrides or {}).items():
        if code in answers:
            answers[code]["answer"] = value
    return answers


def answer_everything(case_audit, user, overrides_by_position=None):
    for case in case_audit.cases.order_by("case_type", "position"):
        overrides = (overrides_by_position or {}).get((case.case_type, case.position), {})
        for s in F2021.case_standards(case.case_type):
            audit_services.audit_answers_record(
                audit_case=case, user=user, standard=s.code, answers=all_yes(s, overrides))


JUDGED_GOOD = ["1.1", "1.2", "1.3", "1.4", "3.4"]


def test_no_rating_below_the_minimum_number_of_cases(small_audit, manager, settings, client_as):
    """2.1's key questions rest on 3 and 2 cases: below a minimum of 3 for 2.1.3, no rating, and why."""
    settings.OPENYJ_QUALITY_MIN_CASES = 3
    answer_everything(small_audit, manager, {
        ("court", 2): {"2.1.3": "no"},
        ("court", 3): {"2.1.1": "no", "2.1.3": "not_applicable"},
    })
    results = audit_selectors.audit_results(small_audit)
    sf = next(sf for sf in results.standards if sf.standard.code == "2.1")
    assert sf.result is None
    assert [(q.key_question.code, q.base) for q in sf.too_few] == [("2.1.3", 2)]
    assert results.result.total is None and "2.1" in results.result.missing
    page = client_as(manager).get(reverse("quality_audit_results", args=[small_audit.pk])).content.decode()
    assert "No rating yet: 2.1.3 rests on 2 cases; a rating needs at least 3" in page
    assert "Too few cases to rate" in page


def test_percentages_ratings_moderation_and_adjustment(small_audit, manager, second_manager):
    answer_everything(small_audit, manager, {
        ("court", 2): {"2.1.3": "no"},
        ("court", 3): {"2.1.1": "no", "2.1.3": "not_applicable"},
    })
    results = audit_selectors.audit_results(small_audit)
    q = {f.key_question.code: f for sf in results.standards for f in sf.questions}
    # 2.1.1: yes, yes, no → 2/3 = 66.7% Good; 2.1.3: yes, no, n/a → 1/2 = 50% Requires improvement
    assert (q["2.1.1"].yes, q["2.1.1"].no, q["2.1.1"].percent) == (2, 1, Fraction(200, 3))
    assert (q["2.1.3"].yes, q["2.1.3"].no, q["2.1.3"].not_applicable, q["2.1.3"].percent) == (1, 1, 1, 50)
    r = results.result
    assert (r.standard("2.1").rating, r.standard("2.1").limited_by) == ("Requires improvement", "2.1.3")
    assert r.standard("3.1").rating == "Outstanding"
    assert r.total is None and set(r.missing) == set(JUDGED_GOOD)
    assert [w.key_question.code for w in results.weakest[:2]] == ["2.1.3", "2.1.1"]
    assert [a.audit_case.position for a in audit_selectors.answers_saying_no(small_audit, "2.1.3")] == [2]

    for code in JUDGED_GOOD:
        audit_services.standard_judgement_record(case_audit=small_audit, user=manager, standard=code, rating="Good",
                                                 evidence="Board papers and staff survey")
    r = audit_selectors.audit_results(small_audit).result
    # 1.1–1.4 Good 8 + 2.1 RI 1 + 2.2–2.4 Outstanding 9 + 3.1–3.3 Outstanding 9 + 3.4 Good 2 = 29
    assert (r.total, r.overall) == (29, "Good")
    assert [(s.code, s.rating) for s in r.separately] == [("4.1", "Not rated")]

    case2 = small_audit.cases.get(case_type="court", position=2)
    decisions = {a.key_question: {"answer": a.answer, "note": ""} for a in case2.answers.all()}
    with pytest.raises(ValidationError, match="second auditor"):
        audit_services.audit_case_moderate(audit_case=case2, user=manager, decisions=decisions)
    decisions["2.1.3"] = {"answer": "yes", "note": ""}
    with pytest.raises(ValidationError) as exc:
        audit_services.audit_case_moderate(audit_case=case2, user=second_manager, decisions=decisions)
    assert exc.value.message_dict == {"note_2_1_3": ["Say why you changed the answer to 2.1.3"]}
    decisions["2.1.3"]["note"] = "Risk to the victim's sibling was analysed in the AssetPlus addendum."
    audit_services.audit_case_moderate(audit_case=case2, user=second_manager, decisions=decisions)

    results = audit_selectors.audit_results(small_audit)
    r = results.result
    # 2.1.3 now yes, yes, n/a → 100%; 2.1 is limited by 2.1.1 at 66.7% → Good (2): total 30, still Good
    assert (r.standard("2.1").rating, r.standard("2.1").limited_by) == ("Good", "2.1.1")
    assert (r.total, r.overall) == (30, "Good")
    assert list(audit_selectors.answers_saying_no(small_audit, "2.1.3")) == []
    with pytest.raises(ValidationError, match="moderated"):
        audit_services.audit_answers_record(audit_case=case2, user=manager, standard="2.1",
                                            answers=all_yes(F2021.standard("2.1")))

    audit_services.rating_adjustment_record(user=manager, case_audit=small_audit, standard="2.1", rating="Outstanding",
                                            reason="The one 'no' was a case transferred in late.")
    r = audit_selectors.audit_results(small_audit).result
    assert (r.total, r.overall) == (30, "Good")  # computed
    assert (r.adjusted_total, r.adjusted_overall) == (31, "Outstanding")  # beside it
    with pytest.raises(ValidationError) as exc:
        audit_services.rating_adjustment_record(
            user=manager, case_audit=small_audit, standard="", rating="Good", reason="")
    assert "reason" in exc.value.message_dict


def test_answers_must_be_complete_and_valid(small_audit, manager):
    case = small_audit.cases.filter(case_type="court").first()
    standard = F2021.standard("2.1")
    answers = all_yes(standard)
    answers["2.1.2"]["answer"] = "maybe"
    answers["2.1.3"]["prompts"] = {"2.1.3.a": "perhaps"}
    with pytest.raises(ValidationError) as exc:
        audit_services.audit_answers_record(audit_case=case, user=manager, standard="2.1", answers=answers)
    assert exc.value.message_dict == {
        "answer_2_1_2": ["Select yes, no or not applicable for 2.1.2"],
        "prompt_2_1_3_a": ["Select yes, no or not applicable for prompt 2.1.3.a, or leave it blank"],
    }
    with pytest.raises(ValidationError, match="not audited for court"):
        audit_services.audit_answers_record(audit_case=case, user=manager, standard="3.1",
                                            answers=all_yes(F2021.standard("3.1")))
    with pytest.raises(ValidationError, match="Answer every key question"):
        audit_services.audit_case_moderate(audit_case=case, user=manager, decisions={})


def test_answers_record_prompts_comments_and_the_auditor(small_audit, manager):
    case = small_audit.cases.filter(case_type="court").first()
    answers = all_yes(F2021.standard("2.1"), {"2.1.3": "no"})
    answers["2.1.3"].update(comment="Previous assault not analysed", evidence="AssetPlus 3/7/2024",
                            prompts={"2.1.3.a": "no", "2.1.3.b": ""})
    audit_services.audit_answers_record(audit_case=case, user=manager, standard="2.1", answers=answers)
    saved = case.answers.get(key_question="2.1.3")
    assert (saved.answer, saved.comment, saved.evidence, saved.prompts) == (
        "no", "Previous assault not analysed", "AssetPlus 3/7/2024", {"2.1.3.a": "no"})
    assert AuditCase.objects.get(pk=case.pk).auditor == manager
    event = AuditEvent.objects.filter(object_type="quality.AuditCase").latest("pk")
    assert event.child_id == case.child_id
    assert event.changes == {"2.1.1": [None, "yes"], "2.1.2": [None, "yes"], "2.1.3": [None, "no"]}


def test_redraw_is_refused_once_answered(small_audit, manager):
    case = small_audit.cases.filter(case_type="court").first()
    audit_services.audit_answers_record(
        audit_case=case, user=manager, standard="2.1", answers=all_yes(F2021.standard("2.1")))
    with pytest.raises(ValidationError, match="cannot be drawn again"):
        audit_services.case_audit_redraw(case_audit=small_audit, user=manager)


def test_judgement_rules(small_audit, manager):
    with pytest.raises(ValidationError, match="rated from the case answers"):
        audit_services.standard_judgement_record(case_audit=small_audit, user=manager, standard="2.1", rating="Good",
                                                 evidence="x")
    with pytest.raises(ValidationError) as exc:
        audit_services.standard_judgement_record(
            case_audit=small_audit, user=manager, standard="1.1", rating="Not rated", evidence="x")
    assert "rating" in exc.value.message_dict
    record = audit_services.standard_judgement_record(case_audit=small_audit, user=manager, standard="4.1",
                                                      rating="not rated", evidence="No releases this year")
    assert record.rating == "Not rated"


def test_improvement_action_from_a_weak_question(small_audit, manager):
    action = governance_services.improvement_action_create(
        service=small_audit.service, user=manager, what="Risk of harm workshop", owner="AB", due_on=date(2025, 9, 30),
        answers=[ActionLink.audit_finding(small_audit, "2.1.3", text="Case audit, 2.1.3")],
    )
    assert actions_by_code(case_audit=small_audit)["2.1.3"] == [action]
    with pytest.raises(ValidationError) as exc:
        governance_services.improvement_action_create(service=small_audit.service, user=manager, what=" ", owner="",
                                                      status="done")
    assert set(exc.value.message_dict) == {"what", "owner", "status"}


def test_sampling_reads_the_outcome_ladders_supervised_flag(service_a, cases_a):
    """Which outcomes are cases without an intervention is the ladder's data, not a list in the code."""
    supervised = set(OutcomeType.objects.filter(supervised=True).values_list("code", flat=True))
    assert supervised == {
        "youth_caution", "youth_conditional_caution", "referral_order", "reparation_order",
        "youth_rehabilitation_order", "yro_iss", "yro_fostering", "detention_training_order", "section_250",
        "section_254", "section_259", "extended_sentence",
    }
    fine = cases_a("fine", date(2024, 7, 15), intervention=False)
    assert eligible(service_a)[0]["court"] == []
    OutcomeType.objects.filter(code="fine").update(supervised=True)  # a service that supervises fines
    assert eligible(service_a)[0]["court"] == [fine.pk]


def test_moderation_pages_offer_only_what_the_user_may_do(small_audit, manager, second_manager, client_as):
    answer_everything(small_audit, manager)
    case = small_audit.cases.get(case_type="court", position=1)
    case_url = reverse("quality_audit_case", args=[small_audit.pk, case.pk])
    moderate_url = reverse("quality_audit_moderate", args=[small_audit.pk, case.pk])
    auditor = client_as(manager)
    assert "Moderate this case" not in auditor.get(case_url).content.decode()
    refused = auditor.get(moderate_url, follow=True)
    assert refused.redirect_chain[-1][0] == case_url
    assert "another manager must moderate it" in refused.content.decode()

    second = client_as(second_manager)
    assert "Moderate this case" in second.get(case_url).content.decode()
    page = second.get(moderate_url).content.decode()
    assert "None" not in page.replace("NoneType", "")  # no "Comment None", "Evidence None"
    assert "No comment recorded" in page or "No evidence recorded" in page
    decisions = {a.key_question: {"answer": a.answer, "note": ""} for a in case.answers.all()}
    audit_services.audit_case_moderate(audit_case=case, user=second_manager, decisions=decisions)
    answer_page = second.get(reverse("quality_audit_answer", args=[small_audit.pk, case.pk, "2.1"])).content.decode()
    assert "can no longer be changed" in answer_page
    assert 'type="radio"' not in answer_page and "Save answers" not in answer_page
    assert "Answer counted" in answer_page
