"""The quality pages: who may open them (every view), and an audit run in the browser from sampling to
rating, moderation, drill-down and an improvement action."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from openyj.governance import services as governance_services
from openyj.governance.models import ActionLink, ImprovementAction
from openyj.quality.audits import services as audit_services
from openyj.quality.frameworks import inspection_framework
from openyj.quality.models import AuditAnswer, CaseAudit
from openyj.quality.standards import services as standards_services
from tests.quality.test_quality_audits import all_yes
from tests.quality.test_quality_inspections import record_leeds

F2021 = inspection_framework("hmip-2021")
REFUSED = ["case_manager_a", "case_manager_b", "board_member", "administrator", "outsider", "unknown_role"]
# The pages a performance officer may read (Action.READ_QUALITY); every other quality page is a manager's.
READ_ONLY = {"quality_home", "quality_action_list", "quality_standards_list", "quality_audit_detail",
             "quality_audit_results", "quality_audit_question", "quality_inspection_detail",
             "quality_inspection_compare", "quality_standards_detail"}


@pytest.fixture
def world(service_a, manager, cases_a):
    for day in (1, 2, 3):
        cases_a("referral_order", date(2024, 7, day))
    cases_a("youth_caution", date(2024, 11, 1))
    case_audit = audit_services.case_audit_create(service=service_a, user=manager, title="Spring audit",
                                                  framework="hmip-2021", reference_date=date(2025, 3, 31), seed=5)
    case = case_audit.cases.filter(case_type="court").first()
    audit_services.audit_answers_record(audit_case=case, user=manager, standard="2.1",
                                        answers=all_yes(F2021.standard("2.1"), {"2.1.3": "no"}))
    inspection = record_leeds(service_a, manager)
    sa = standards_services.standards_self_assessment_create(
        service=service_a, user=manager, title="NS 2024/25", period_start=date(2024, 4, 1),
        period_end=date(2025, 3, 31), scale_name="Four-point", grades=["Good", "Poor"], seed=1)
    sample = standards_services.standards_sample_draw(self_assessment=sa, user=manager, standard="2")
    standards_services.standards_grading_record(
        self_assessment=sa, user=manager, standard="1", level="strategic", grade="Good", evidence="Board minutes")
    action = governance_services.improvement_action_create(
        service=service_a, user=manager, what="Workshop", owner="AB",
        answers=[ActionLink.audit_finding(case_audit, "2.1.3", text="x")])
    adjustment = audit_services.rating_adjustment_record(
        user=manager, case_audit=case_audit, standard="", rating="Good", reason="Test")
    return {"audit": case_audit, "case": case, "inspection": inspection, "sa": sa, "sample_case": sample.cases.first(),
            "action": action, "adjustment": adjustment}


def get_urls(w):
    a, c, i, sa = w["audit"].pk, w["case"].pk, w["inspection"].pk, w["sa"].pk
    return [
        reverse("quality_audit_detail", args=[a]),
        reverse("quality_audit_case", args=[a, c]),
        reverse("quality_audit_answer", args=[a, c, "2.1"]),
        reverse("quality_audit_moderate", args=[a, c]),
        reverse("quality_audit_results", args=[a]),
        reverse("quality_audit_question", args=[a, "2.1.3"]),
        reverse("quality_audit_judgement", args=[a, "1.1"]),
        reverse("quality_audit_adjust", args=[a]),
        reverse("quality_inspection_detail", args=[i]),
        reverse("quality_inspection_adjust", args=[i]),
        reverse("quality_inspection_compare", args=[i]) + f"?audit={a}",
        reverse("quality_audit_action_create", args=[a, "2.1.3"]),
        reverse("quality_inspection_action_create", args=[i, "2.1"]),
        reverse("quality_recommendation_action_create", args=[i, 1]),
        reverse("quality_standards_action_create", args=[sa, "1", "strategic"]),
        reverse("quality_action_edit", args=[w["action"].pk]),
        reverse("quality_standards_detail", args=[sa]),
        reverse("quality_standards_sample", args=[sa, "2"]),
        reverse("quality_standards_grade", args=[sa, "1", "strategic"]),
        reverse("quality_standards_moderate", args=[sa, "1", "strategic"]),
        reverse("quality_standards_case", args=[sa, w["sample_case"].pk]),
    ]


SERVICE_WIDE = ["quality_home", "quality_audit_create", "quality_inspection_choose", "quality_action_list",
                "quality_standards_list", "quality_standards_create", "quality_scale_create"]


def post_urls(w):
    return [reverse("quality_audit_redraw", args=[w["audit"].pk]),
            reverse("quality_adjustment_remove", args=[w["adjustment"].pk]),
            reverse("quality_standards_sample", args=[w["sa"].pk, "3"])]


def test_manager_opens_every_page(world, manager, second_manager, client_as):
    for url in get_urls(world) + [reverse(n) for n in SERVICE_WIDE] + [
            reverse("quality_inspection_create", args=["hmip-2018"])]:
        # The manager answered the case, so a second manager is the one who moderates it.
        client = client_as(second_manager if "/moderate/" in url and "/audits/" in url else manager)
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"govuk-template" in response.content


@pytest.mark.parametrize("persona", REFUSED)
def test_other_roles_are_refused_every_page(world, personas, client_as, persona):
    client = client_as(personas[persona])
    for url in get_urls(world) + [reverse(n) for n in SERVICE_WIDE]:
        assert client.get(url).status_code == 403, (persona, url)
    for url in post_urls(world):
        assert client.post(url).status_code == 403, (persona, url)
    assert CaseAudit.objects.filter(pk=world["audit"].pk, seed=5).exists()


def test_a_performance_officer_reads_quality_and_is_offered_nothing_to_change(world, performance_officer,
                                                                             client_as):
    from django.urls import resolve

    client = client_as(performance_officer)
    for url in get_urls(world) + [reverse(n) for n in SERVICE_WIDE]:
        name = resolve(url.split("?")[0]).url_name
        response = client.get(url)
        assert response.status_code == (200 if name in READ_ONLY else 403), url
        if response.status_code == 200:
            body = response.content.decode()
            for offer in ("Start a case audit", "Record an inspection", "Raise an action", "Record the rating",
                          "Change the rating", "Start a self-assessment", "Adjust a rating", ">Grade<span",
                          ">Moderate<span", "Draw the sample", "Open the sample", "Record an adjusted rating"):
                assert offer not in body, (url, offer)
    for url in post_urls(world):
        assert client.post(url).status_code == 403, url


def test_anonymous_users_are_sent_to_sign_in(world):
    response = Client().get(reverse("quality_audit_results", args=[world["audit"].pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_manager_of_another_service_gets_404(world, manager_b, client_as):
    client = client_as(manager_b)
    for url in get_urls(world):
        assert client.get(url).status_code == 404, url
    for url in post_urls(world):
        assert client.post(url).status_code == 404, url
    response = client.get(reverse("quality_home"))
    assert response.status_code == 200 and b"Spring audit" not in response.content
    assert client.get(reverse("quality_action_list")).content.count(b"Workshop") == 0


def date_fields(name, day):
    return {f"{name}_day": str(day.day), f"{name}_month": str(day.month), f"{name}_year": str(day.year)}


def answer_post(standard, overrides=None):
    data = {}
    for kq in standard.key_questions:
        key = kq.code.replace(".", "_")
        data[f"answer_{key}"] = (overrides or {}).get(kq.code, "yes")
        data[f"comment_{key}"] = "Seen in the record"
        data[f"evidence_{key}"] = "AssetPlus"
    return data


def test_an_audit_from_sampling_to_rating_in_the_browser(service_a, manager, second_manager, cases_a, client_as):
    for day in (1, 2):
        cases_a("referral_order", date(2024, 7, day))
    client = client_as(manager)

    response = client.post(reverse("quality_audit_create"), {
        "title": "Browser audit", "framework": "hmip-2021", **date_fields("reference_date", date(2025, 3, 31)),
        "confidence": "80", "margin": "5", "seed": "99"})
    case_audit = CaseAudit.objects.get(title="Browser audit")
    assert response.status_code == 302 and response["Location"] == reverse("quality_audit_detail", args=[case_audit.pk])
    page = client.get(response["Location"]).content.decode()
    assert "2 of 2 eligible cases drawn: 80% confidence" in page
    assert "Court disposals by sex" in page

    cases = list(case_audit.cases.order_by("position"))
    for case in cases:
        for s in F2021.case_standards("court"):
            overrides = {"2.1.3": "no"} if case.position == 1 else {}
            r = client.post(reverse("quality_audit_answer", args=[case_audit.pk, case.pk, s.code]),
                            answer_post(s, overrides))
            assert r.status_code == 302, r.content.decode()[:2000]
    assert AuditAnswer.objects.filter(audit_case__audit=case_audit).count() == 24

    # The auditor cannot moderate their own case; a second manager can, and changes an answer with a note.
    decisions = {f"answer_{k.code.replace('.', '_')}": "yes" for s in F2021.case_standards("court")
                 for k in s.key_questions}
    decisions["answer_2_1_3"] = "no"
    r = client.post(reverse("quality_audit_moderate", args=[case_audit.pk, cases[0].pk]), decisions, follow=True)
    assert r.redirect_chain[-1][0] == reverse("quality_audit_case", args=[case_audit.pk, cases[0].pk])
    assert "another manager must moderate it" in r.content.decode()
    second = client_as(second_manager)
    decisions["answer_2_1_1"] = "no"
    r = second.post(reverse("quality_audit_moderate", args=[case_audit.pk, cases[0].pk]), decisions)
    assert r.status_code == 400 and "Say why you changed the answer to 2.1.1" in r.content.decode()
    decisions["note_2_1_1"] = "Offending behaviour listed, not analysed"
    r = second.post(reverse("quality_audit_moderate", args=[case_audit.pk, cases[0].pk]), decisions)
    assert r.status_code == 302

    # 2.1.1: no (moderated), yes → 50% RI; 2.1.3: no, yes → 50% RI; the first of equal lowest limits: 2.1.1.
    results = client.get(reverse("quality_audit_results", args=[case_audit.pk])).content.decode()
    assert "Standards, and the key question that limits each" in results
    limited = f'href="{reverse("quality_audit_question", args=[case_audit.pk, "2.1.1"])}">2.1.1</a>'
    assert f"{limited} (50% yes, from 2 cases)" in results
    assert "Requires improvement" in results
    assert "Still to rate:" in results  # domain one and out-of-court standards are not rated yet

    drill = client.get(reverse("quality_audit_question", args=[case_audit.pk, "2.1.1"])).content.decode()
    assert cases[0].child.reference in drill and cases[1].child.reference not in drill
    assert "Moderator changed yes to no: Offending behaviour listed, not analysed" in drill

    raise_url = reverse("quality_audit_action_create", args=[case_audit.pk, "2.1.1"])
    form = client.get(raise_url).content.decode()
    assert "This action answers: Case audit “Browser audit”, key question 2.1.1" in form
    r = client.post(raise_url, {"what": "Analysis workshop", "owner": "JS",
                                **date_fields("due_on", date(2025, 9, 30)), "status": "not_started"})
    assert r.status_code == 302 and r["Location"] == reverse("quality_audit_question", args=[case_audit.pk, "2.1.1"])
    action = ImprovementAction.objects.get(links__case_audit=case_audit, links__code="2.1.1")
    assert (action.what, action.owner, action.due_on, action.service) == ("Analysis workshop", "JS",
                                                                          date(2025, 9, 30), service_a)
    assert "1 raised" in client.get(reverse("quality_audit_results", args=[case_audit.pk])).content.decode()

    r = client.post(reverse("quality_audit_judgement", args=[case_audit.pk, "1.1"]),
                    {"rating": "Good", "evidence": "Board minutes"})
    assert r.status_code == 302
    r = client.post(reverse("quality_audit_adjust", args=[case_audit.pk]),
                    {"standard": "2.1", "rating": "Good", "reason": "Exceptional: see moderation notes"})
    assert r.status_code == 302
    assert "Adjusted to" in client.get(reverse("quality_audit_results", args=[case_audit.pk])).content.decode()


def test_form_errors_name_the_field_and_say_what_to_fix(world, manager, client_as):
    client = client_as(manager)
    r = client.post(reverse("quality_audit_create"), {"confidence": "eighty", "margin": "5"})
    page = r.content.decode()
    assert r.status_code == 400
    assert "govuk-error-summary" in page and "<title>Error:" in page
    assert "Enter a title for the audit" in page
    assert "Confidence level must be a whole number, like 80" in page
    assert "Enter the date to draw the sample as at" in page

    w = world
    r = client.post(reverse("quality_audit_answer", args=[w["audit"].pk, w["case"].pk, "2.2"]), {})
    page = r.content.decode()
    assert r.status_code == 400
    assert 'href="#id_answer_2_2_1_0"' in page and "Select yes, no or not applicable for 2.2.1" in page

    r = client.post(reverse("quality_audit_action_create", args=[w["audit"].pk, "2.1.3"]), {"what": ""})
    assert r.status_code == 400 and "Enter what will be done" in r.content.decode()
    assert client.get(reverse("quality_audit_action_create", args=[w["audit"].pk, "9.9.9"])).status_code == 404
    assert client.get(reverse("quality_audit_answer", args=[w["audit"].pk, w["case"].pk, "3.1"])).status_code == 404


def test_recording_an_inspection_in_the_browser(manager, client_as):
    from tests.quality.test_quality_inspections import PERCENTS, RATINGS

    client = client_as(manager)
    r = client.post(reverse("quality_inspection_choose"), {"framework": "hmip-2018"})
    assert r["Location"] == reverse("quality_inspection_create", args=["hmip-2018"])
    data = {"title": "Leeds 2019", "inspectorate": "HM Inspectorate of Probation",
            "published_overall": "Requires improvement", "court_cases": "42", "out_of_court_cases": "28",
            "service_recommendations": "improve assessment\nimprove oversight", "board_recommendations": "attend"}
    data.update({f"rating_{k.replace('.', '_')}": v for k, v in RATINGS.items()})
    data.update({f"kq_{k.replace('.', '_')}": str(v) for k, v in PERCENTS.items()})
    data["kq_2_1_3"] = "62.5.1"
    r = client.post(r["Location"], data)
    assert r.status_code == 400 and "The % yes for 2.1.3 must be a number, like 62" in r.content.decode()
    data["kq_2_1_3"] = "62"
    r = client.post(reverse("quality_inspection_create", args=["hmip-2018"]), data)
    assert r.status_code == 302
    page = client.get(r["Location"]).content.decode()
    assert "total 16 of 36" in page
    assert "match the published ratings" in page
    assert "attend" in page and "The management board" in page


def test_national_standards_pages(world, manager, second_manager, client_as):
    client = client_as(manager)
    r = client.post(reverse("quality_scale_create"), {"name": "Three-point", "grades": "Met\nPartly met\nNot met"})
    assert r.status_code == 302
    form = client.get(reverse("quality_standards_create")).content.decode()
    assert "Three-point: Met, Partly met, Not met" in form
    assert "Good with outstanding features" in form
    r = client.post(reverse("quality_standards_create"), {
        "title": "NS 2023/24", **date_fields("period_start", date(2023, 4, 1)),
        **date_fields("period_end", date(2023, 3, 1)), "scale": "builtin:five-point"})
    assert r.status_code == 400
    assert "The end of the period must be the same as or after the start of the period" in r.content.decode()
    sa = world["sa"]
    r = client.post(reverse("quality_standards_grade", args=[sa.pk, "3", "operational"]),
                    {"grade": "Poor", "evidence": "Audit of 20 cases"})
    assert r.status_code == 302
    r = client_as(second_manager).post(reverse("quality_standards_moderate", args=[sa.pk, "3", "operational"]),
                                       {"grade": "Good", "note": "Evidence supports good"})
    assert r.status_code == 302
    page = client.get(reverse("quality_standards_list")).content.decode()
    assert "Grades across the years" in page
    case = world["sample_case"]
    r = client.post(reverse("quality_standards_case", args=[sa.pk, case.pk]), {"met": "yes", "notes": ""})
    assert r.status_code == 302
    assert "1 audited" in client.get(reverse("quality_standards_detail", args=[sa.pk])).content.decode()
