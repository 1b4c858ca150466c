"""Recording a real inspection (Leeds 2019), its computed ratings beside the published ones, adjustments,
recommendations and the comparison with a self-audit."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from openyj.quality.audits import services as audit_services
from openyj.quality.inspections import presenters as inspection_presenters
from openyj.quality.inspections import services as inspection_services
from tests.quality.test_quality_rating import LEEDS

RATINGS = {  # as published on the Leeds report's summary page
    "1.1": "Requires improvement", "1.2": "Good", "1.3": "Good", "1.4": "Good",
    "2.1": "Requires improvement", "2.2": "Requires improvement", "2.3": "Good", "2.4": "Requires improvement",
    "3.1": "Inadequate", "3.2": "Inadequate", "3.3": "Requires improvement", "3.4": "Outstanding",
}
PERCENTS = {code: value for s in LEEDS["standards"].values() for code, value in s.get("key_questions", {}).items()}


def record_leeds(service, user, **changes):
    recommendations = [("The service", "improve the quality of assessment and planning in out-of-court work")] * 6
    recommendations += [("The management board", "prioritise attendance")] * 2
    kwargs = {"service": service, "user": user, "framework": "hmip-2018", "title": "Leeds 2019",
              "published_overall": "Requires improvement", "ratings": dict(RATINGS), "percents": dict(PERCENTS),
              "recommendations": recommendations, "fieldwork_started": date(2019, 6, 1), "court_cases": 42,
              "out_of_court_cases": 28}
    kwargs.update(changes)
    return inspection_services.inspection_record(**kwargs)


def test_leeds_computed_matches_published(service_a, manager):
    inspection = record_leeds(service_a, manager)
    view = inspection_presenters.inspection_view(inspection)
    assert (view.result.total, view.result.overall) == (16, "Requires improvement")
    assert view.computed_matches_published
    limits = {r["standard"].code: r["result"].limited_by for r in view.rows}
    assert limits == {"1.1": None, "1.2": None, "1.3": None, "1.4": None, "2.1": "2.1.3", "2.2": "2.2.2",
                      "2.3": "2.3.3", "2.4": "2.4.3", "3.1": "3.1.3", "3.2": "3.2.3", "3.3": "3.3.3", "3.4": "3.4.1"}
    assert inspection.recommendations.count() == 8
    assert list(inspection.recommendations.values_list("number", flat=True)) == list(range(1, 9))


def test_a_published_rating_that_differs_is_flagged_and_explained_by_an_adjustment(service_a, manager):
    ratings = dict(RATINGS, **{"2.3": "Outstanding"})  # the rule gives Good (74% on 2.3.3)
    inspection = record_leeds(service_a, manager, ratings=ratings)
    view = inspection_presenters.inspection_view(inspection)
    assert not view.computed_matches_published
    assert [r["standard"].code for r in view.rows if not r["matches"]] == ["2.3"]
    audit_services.rating_adjustment_record(user=manager, inspection=inspection, standard="2.3", rating="Outstanding",
                                            reason="Inspectors judged the delivery work exceptional.")
    view = inspection_presenters.inspection_view(inspection)
    row = next(r for r in view.rows if r["standard"].code == "2.3")
    assert row["matches"] and row["result"].rating == "Good" and row["result"].final_rating == "Outstanding"
    assert (view.result.total, view.result.adjusted_total) == (16, 17)


def test_missing_and_bad_figures_name_the_field(service_a, manager):
    percents = dict(PERCENTS)
    del percents["2.2.3"]
    percents["3.1.1"] = "sixty"
    ratings = dict(RATINGS)
    ratings["1.4"] = ""
    with pytest.raises(ValidationError) as exc:
        record_leeds(service_a, manager, percents=percents, ratings=ratings, published_overall="Fine")
    assert exc.value.message_dict == {
        "published_overall": ["Select the published overall rating: Inadequate, Requires improvement, Good, "
                              "Outstanding"],
        "rating_1_4": ["Select the published rating of 1.4 Information and facilities"],
        "kq_2_2_3": ["Enter the % yes for 2.2.3, a number from 0 to 100"],
        "kq_3_1_1": ["The % yes for 3.1.1 must be a number from 0 to 100"],
    }


def test_2021_inspection_resettlement_may_be_left_not_rated(service_a, manager):
    ratings = dict(RATINGS, **{"3.4": "Good"})
    inspection = record_leeds(service_a, manager, framework="hmip-2021", ratings=ratings,
                              percents={k: v for k, v in PERCENTS.items() if not k.startswith("3.4")})
    assert inspection.standards.get(standard="4.1").published_rating == "Not rated"
    view = inspection_presenters.inspection_view(inspection)
    assert view.result.total == 15 and view.result.separately[0].rating == "Not rated"


def test_comparison_with_a_self_audit(service_a, manager, cases_a):
    from openyj.quality.frameworks import inspection_framework
    from tests.quality.test_quality_audits import all_yes

    inspection = record_leeds(service_a, manager)
    cases_a("referral_order", date(2024, 7, 1))
    case_audit = audit_services.case_audit_create(service=service_a, user=manager, title="Audit", framework="hmip-2018",
                                                  reference_date=date(2025, 3, 31), seed=1)
    case = case_audit.cases.get()
    audit_services.audit_answers_record(audit_case=case, user=manager, standard="2.1",
                                        answers=all_yes(inspection_framework("hmip-2018").standard("2.1")))
    rows = {r["standard"].code: r for r in inspection_presenters.comparison(inspection, case_audit)}
    q = {x["kq"].code: x for x in rows["2.1"]["questions"]}
    assert (q["2.1.3"]["inspection"], q["2.1.3"]["audit"], q["2.1.3"]["difference"]) == ("62", "100", "38")
    assert (rows["2.1"]["inspection"], rows["2.1"]["audit"]) == ("Requires improvement", "Outstanding")
    assert rows["1.1"]["inspection"] == "Requires improvement" and rows["1.1"]["audit"] == ""
    assert rows["2.2"]["audit"] == ""  # not answered yet
