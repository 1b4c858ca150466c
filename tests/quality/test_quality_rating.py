"""The rating engine against hand-worked examples: Leeds 2019 (seed 002, Annex 2), band and total edges,
ties, judgement standards, the 2021 resettlement standard and adjustments."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from openyj.quality.frameworks import FrameworkError, inspection_framework, load_file
from openyj.quality.rating import (
    RatingInputError,
    StandardInput,
    band,
    format_percent,
    overall_rating,
    parse_input,
    rate_framework,
    rate_key_questions,
    result_as_json,
    to_percent,
)

F2018 = inspection_framework("hmip-2018")
F2021 = inspection_framework("hmip-2021")
RULE = F2018.rule
I, RI, G, O = "Inadequate", "Requires improvement", "Good", "Outstanding"  # noqa: E741 - the report's initials

# Leeds 2019, as published: domain one judged; the rest "% yes" per key question (Annex 2).
LEEDS = {
    "standards": {
        "1.1": {"rating": RI}, "1.2": {"rating": G}, "1.3": {"rating": G}, "1.4": {"rating": G},
        "2.1": {"key_questions": {"2.1.1": 86, "2.1.2": 76, "2.1.3": 62}},
        "2.2": {"key_questions": {"2.2.1": 83, "2.2.2": 56, "2.2.3": 57}},
        "2.3": {"key_questions": {"2.3.1": 90, "2.3.2": 83, "2.3.3": 74}},
        "2.4": {"key_questions": {"2.4.1": 76, "2.4.2": 61, "2.4.3": 56}},
        "3.1": {"key_questions": {"3.1.1": 61, "3.1.2": 36, "3.1.3": 32}},
        "3.2": {"key_questions": {"3.2.1": 68, "3.2.2": 44, "3.2.3": 30}},
        "3.3": {"key_questions": {"3.3.1": 82, "3.3.2": 72, "3.3.3": 55}},
        "3.4": {"key_questions": {"3.4.1": 82, "3.4.2": 100}},
    }
}
# Worked by hand from the bands (<50 I, 50-64 RI, 65-79 G, 80+ O) and the lowest-band rule:
LEEDS_EXPECTED = {
    "1.1": (RI, 1, None), "1.2": (G, 2, None), "1.3": (G, 2, None), "1.4": (G, 2, None),
    "2.1": (RI, 1, "2.1.3"),  # 86 O, 76 G, 62 RI
    "2.2": (RI, 1, "2.2.2"),  # 83 O, 56 RI, 57 RI: 56 is the lowest
    "2.3": (G, 2, "2.3.3"),   # 90 O, 83 O, 74 G
    "2.4": (RI, 1, "2.4.3"),  # 76 G, 61 RI, 56 RI
    "3.1": (I, 0, "3.1.3"),   # 61 RI, 36 I, 32 I
    "3.2": (I, 0, "3.2.3"),   # 68 G, 44 I, 30 I
    "3.3": (RI, 1, "3.3.3"),  # 82 O, 72 G, 55 RI
    "3.4": (O, 3, "3.4.1"),   # 82 O, 100 O
}


def rate(data, framework=F2018):
    inputs, overall_adj = parse_input(framework, data)
    return rate_framework(framework, inputs, overall_adjustment=overall_adj)


def test_leeds_2019_reproduces_the_published_ratings():
    result = rate(LEEDS)
    got = {s.code: (s.rating, s.score, s.limited_by) for s in result.standards}
    assert got == LEEDS_EXPECTED
    # 1+2+2+2 + 1+1+2+1 + 0+0+1+3 = 16
    assert result.total == 16
    assert result.overall == RI
    assert result.separately == ()
    assert not result.has_adjustments


def test_leeds_2019_json_matches_the_contract():
    out = result_as_json(rate(LEEDS))
    assert out["total"] == 16 and out["overall"] == RI
    assert out["standards"]["2.1"] == {"rating": RI, "score": 1, "limited_by": "2.1.3"}
    assert out["standards"]["1.1"] == {"rating": RI, "score": 1, "limited_by": None}
    assert list(out["standards"]) == list(LEEDS_EXPECTED)
    assert "adjusted" not in out and "rated_separately" not in out


def test_every_key_question_in_the_lowest_band_is_kept():
    s = rate(LEEDS).standard("3.1")
    assert s.lowest_band == ("3.1.2", "3.1.3")
    assert [(k.code, k.rating) for k in s.key_questions] == [("3.1.1", RI), ("3.1.2", I), ("3.1.3", I)]


@pytest.mark.parametrize(("percent", "expected"), [
    (0, I), (49, I), (Decimal("49.99"), I), (49.999, I),
    (50, RI), (64, RI), (Decimal("64.9"), RI), (64.99, RI),
    (65, G), (79, G), (79.5, G),
    (80, O), (100, O),
])
def test_key_question_band_edges(percent, expected):
    assert band(percent, RULE) == expected


def test_percentages_are_compared_exactly_not_rounded():
    # 13 of 20 is exactly 65%; 129 of 200 is 64.5%, which would round to 65 but is below it.
    assert band(Fraction(1300, 20), RULE) == G
    assert band(Fraction(12900, 200), RULE) == RI
    assert format_percent(Fraction(12900, 200)) == "64.5"
    assert format_percent(Fraction(200, 3)) == "66.7"
    assert format_percent(62) == "62"


@pytest.mark.parametrize(("total", "expected"), [
    (0, I), (6, I), (7, RI), (18, RI), (19, G), (30, G), (31, O), (36, O),
])
def test_overall_edges(total, expected):
    assert overall_rating(total, RULE) == expected


@pytest.mark.parametrize(("ratings", "total", "expected"), [
    ([RI] * 6 + [I] * 6, 6, I),
    ([RI] * 7 + [I] * 5, 7, RI),
    ([G] * 6 + [I] * 6, 12, RI),
    ([G] * 6 + [RI] * 6, 18, RI),
    ([G] * 7 + [RI] * 5, 19, G),
    ([O] * 6 + [G] * 6, 30, G),
    ([O] * 7 + [G] * 5, 31, O),
])
def test_overall_edges_through_twelve_standards(ratings, total, expected):
    data = {"standards": {s.code: {"rating": r} for s, r in zip(F2018.standards, ratings, strict=True)}}
    result = rate(data)
    assert result.total == total
    assert result.overall == expected


def test_ties_name_the_first_key_question_in_order():
    standard = F2018.standard("2.2")
    s = rate_key_questions(standard, {"2.2.1": 70, "2.2.2": 55, "2.2.3": 55}, RULE)
    assert (s.rating, s.limited_by) == (RI, "2.2.2")
    s = rate_key_questions(standard, {"2.2.1": 90, "2.2.2": 90, "2.2.3": 90}, RULE)
    assert (s.rating, s.limited_by) == (O, "2.2.1")


def test_lowest_percentage_limits_even_within_one_band():
    s = rate_key_questions(F2018.standard("2.4"), {"2.4.1": 50, "2.4.2": 64, "2.4.3": 51}, RULE)
    assert (s.rating, s.limited_by, s.lowest_band) == (RI, "2.4.1", ("2.4.1", "2.4.2", "2.4.3"))


def leeds_2021(**changes):
    data = json.loads(json.dumps(LEEDS))
    data["standards"]["3.4"] = {"rating": G}
    data["standards"].update(changes)
    return data


def test_2021_resettlement_absent_is_not_rated_and_not_in_the_total():
    result = rate(leeds_2021(), F2021)
    # As Leeds, but 3.4 judged Good (2) instead of Outstanding (3): 16 - 1 = 15.
    assert result.total == 15 and result.overall == RI
    assert [(s.code, s.rating, s.score) for s in result.separately] == [("4.1", "Not rated", None)]
    out = result_as_json(result)
    assert "4.1" not in out["standards"]
    assert out["rated_separately"] == {"4.1": {"rating": "Not rated", "score": None, "limited_by": None}}


@pytest.mark.parametrize("rating", ["Outstanding", "Inadequate", "Not rated", "not rated"])
def test_2021_resettlement_rated_is_reported_separately(rating):
    result = rate(leeds_2021(**{"4.1": {"rating": rating}}), F2021)
    assert result.total == 15
    assert result.separately[0].rating.lower() == rating.lower()


def test_2021_oocd_policy_is_a_judgement():
    with pytest.raises(RatingInputError) as exc:
        rate(leeds_2021(**{"3.4": {"key_questions": {"3.4.1": 82}}}), F2021)
    assert "3.4" in exc.value.errors[0] and "judgement" in exc.value.errors[0]


def test_not_rated_is_only_for_resettlement():
    data = leeds_2021(**{"1.2": {"rating": "Not rated"}})
    with pytest.raises(RatingInputError) as exc:
        rate(data, F2021)
    assert exc.value.errors == ["standard 1.2: rating 'Not rated' is not a rating (use Inadequate, Requires "
                                "improvement, Good, Outstanding)"]


def test_adjusted_standard_is_kept_beside_the_computed_rating():
    data = json.loads(json.dumps(LEEDS))
    data["standards"]["3.2"]["adjusted"] = {"rating": RI, "reason": "Planning improved markedly after fieldwork."}
    result = rate(data)
    s = result.standard("3.2")
    assert (s.rating, s.score, s.limited_by) == (I, 0, "3.2.3")
    assert (s.final_rating, s.final_score) == (RI, 1)
    assert (result.total, result.overall) == (16, RI)  # computed, unchanged
    assert (result.adjusted_total, result.adjusted_overall) == (17, RI)
    out = result_as_json(result)
    assert out["standards"]["3.2"]["adjusted"] == {
        "rating": RI, "score": 1, "reason": "Planning improved markedly after fieldwork."}
    assert out["adjusted"] == {"total": 17, "overall": RI, "reason": None}


def test_adjusted_overall_needs_a_reason_and_keeps_the_computed_one():
    data = dict(LEEDS, adjusted_overall={"rating": G, "reason": "Exceptional improvement evidenced."})
    result = rate(data)
    assert (result.total, result.overall, result.adjusted_overall) == (16, RI, G)
    assert result_as_json(result)["adjusted"]["reason"] == "Exceptional improvement evidenced."
    with pytest.raises(RatingInputError) as exc:
        rate(dict(LEEDS, adjusted_overall={"rating": G, "reason": "  "}))
    assert exc.value.errors == ["adjusted_overall: an adjusted rating needs a written reason"]


def test_a_missing_standard_is_an_error_naming_it():
    data = json.loads(json.dumps(LEEDS))
    del data["standards"]["1.3"]
    with pytest.raises(RatingInputError) as exc:
        rate(data)
    assert exc.value.errors == ["standard 1.3 (Partnerships and services) is missing"]


@pytest.mark.parametrize(("value", "message"), [
    ("86%", "key question 2.1.1: '86%' is not a number"),
    (101, "key question 2.1.1: 101 is not between 0 and 100"),
    (-1, "key question 2.1.1: -1 is not between 0 and 100"),
    (True, "key question 2.1.1: True is not a number"),
    (None, "key question 2.1.1: None is not a number"),
])
def test_bad_percentages_name_the_question_and_value(value, message):
    data = json.loads(json.dumps(LEEDS))
    data["standards"]["2.1"]["key_questions"]["2.1.1"] = value
    with pytest.raises(RatingInputError) as exc:
        rate(data)
    assert exc.value.errors[0].startswith(message)


def test_missing_and_unknown_key_questions_are_named():
    data = json.loads(json.dumps(LEEDS))
    data["standards"]["2.1"]["key_questions"] = {"2.1.1": 86, "2.1.2": 76, "2.1.9": 10}
    with pytest.raises(RatingInputError) as exc:
        rate(data)
    assert "standard 2.1: 2.1.9 is not one of its key questions (2.1.1, 2.1.2, 2.1.3)" in exc.value.errors
    assert "standard 2.1: key question 2.1.3 is missing" in exc.value.errors


def test_bad_rating_and_unknown_standard_are_named():
    data = json.loads(json.dumps(LEEDS))
    data["standards"]["1.1"] = {"rating": "Requires Improvment"}
    data["standards"]["9.9"] = {"rating": G}
    with pytest.raises(RatingInputError) as exc:
        rate(data)
    assert any(e.startswith("standard 1.1: rating 'Requires Improvment' is not a rating") for e in exc.value.errors)
    assert any(e.startswith("standard 9.9 is not in framework hmip-2018") for e in exc.value.errors)


def test_ratings_are_read_in_any_letter_case():
    data = json.loads(json.dumps(LEEDS))
    data["standards"]["1.1"] = {"rating": "requires  IMPROVEMENT"}
    assert rate(data).standard("1.1").rating == RI


def test_a_matching_rating_beside_percentages_is_accepted_and_a_different_one_refused():
    data = json.loads(json.dumps(LEEDS))
    data["standards"]["2.1"]["rating"] = RI
    assert rate(data).standard("2.1").rating == RI
    data["standards"]["2.1"]["rating"] = G
    with pytest.raises(RatingInputError) as exc:
        rate(data)
    assert "does not match its key questions (Requires improvement, limited by 2.1.3)" in exc.value.errors[0]


def test_partial_rating_lists_what_is_missing():
    inputs = {"2.1": StandardInput(key_questions={"2.1.1": 90, "2.1.2": 90, "2.1.3": 90})}
    result = rate_framework(F2021, inputs, partial=True)
    assert result.total is None and result.overall is None
    assert "1.1" in result.missing and "2.1" not in result.missing and "4.1" not in result.missing


def test_to_percent_refuses_text_and_non_finite_numbers():
    for bad in ("50", float("nan"), float("inf"), Decimal("NaN")):
        with pytest.raises(ValueError):
            to_percent(bad)
    assert to_percent(64.99) == Fraction(6499, 100)


percent = st.one_of(st.integers(0, 100), st.decimals(0, 100, places=2))


@given(st.lists(percent, min_size=3, max_size=3))
def test_a_standard_is_the_band_of_its_lowest_question(values):
    codes = ["2.1.1", "2.1.2", "2.1.3"]
    s = rate_key_questions(F2018.standard("2.1"), dict(zip(codes, values, strict=True)), RULE)
    lowest = min(values)
    assert s.rating == band(lowest, RULE)
    assert to_percent(values[codes.index(s.limited_by)]) == to_percent(lowest)
    assert codes.index(s.limited_by) == [to_percent(v) for v in values].index(to_percent(lowest))


@given(st.integers(0, 35))
def test_overall_never_falls_as_the_total_rises(total):
    order = list(RULE.ratings)
    assert order.index(overall_rating(total, RULE)) <= order.index(overall_rating(total + 1, RULE))


def test_a_new_framework_is_data(tmp_path):
    """A framework file with other bands loads and rates without code changes; one with an unconfirmed
    rating method loads but refuses to rate."""
    spec = {
        "code": "test-2025", "name": "Test framework", "kind": "inspection",
        "rating_rule": {
            "method": "lowest_band_total", "ratings": ["Weak", "Strong"], "scores": {"Weak": 0, "Strong": 1},
            "key_question_bands": [{"from": 70, "rating": "Strong"}, {"from": 0, "rating": "Weak"}],
            "overall_bands": [{"from": 2, "rating": "Strong"}, {"from": 0, "rating": "Weak"}],
        },
        "domains": [{"code": "1", "name": "Work with children", "case_type": "court", "standards": [
            {"code": "1.1", "name": "Work with children", "rated_by": "case_sample",
             "key_questions": [{"code": "1.1.1", "text": "Q1?"}, {"code": "1.1.2", "text": "Q2?"}]},
            {"code": "1.2", "name": "Work with victims", "rated_by": "judgement", "key_questions": []},
        ]}],
    }
    path = tmp_path / "test_2025.json"
    path.write_text(json.dumps(spec))
    framework = load_file(path)
    result = rate_framework(framework, {
        "1.1": StandardInput(key_questions={"1.1.1": 70, "1.1.2": 69}), "1.2": StandardInput(rating="Strong")})
    assert [(s.code, s.rating, s.limited_by) for s in result.standards] == [("1.1", "Weak", "1.1.2"),
                                                                            ("1.2", "Strong", None)]
    assert (result.total, result.overall, result.maximum_total) == (1, "Weak", 2)

    spec["rating_rule"] = {"method": "unconfirmed-2025"}
    path.write_text(json.dumps(spec))
    with pytest.raises(RatingInputError) as exc:
        rate_framework(load_file(path), {})
    assert "unconfirmed-2025" in exc.value.errors[0]


def test_malformed_framework_files_are_refused(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps({"code": "bad", "name": "Bad", "kind": "inspection", "rating_rule": {
        "method": "lowest_band_total", "ratings": ["A"], "scores": {"A": 0},
        "key_question_bands": [{"from": 0, "rating": "A"}, {"from": 50, "rating": "A"}],
        "overall_bands": [{"from": 0, "rating": "A"}]}, "domains": []}))
    with pytest.raises(FrameworkError, match="bands must run from highest to lowest"):
        load_file(path)


def test_shipped_frameworks_have_the_published_shape():
    assert [s.code for s in F2018.standards] == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4",
                                                 "3.1", "3.2", "3.3", "3.4"]
    assert F2018.maximum_total == 36 and F2021.maximum_total == 36
    assert F2018.standard("3.4").rated_from_cases and not F2021.standard("3.4").rated_from_cases
    assert not F2021.standard("4.1").in_total and F2021.standard("4.1").may_be_not_rated
    for s in F2018.case_standards():
        assert s.key_questions and all(kq.prompts for kq in s.key_questions)
    assert F2018.key_question("2.1.3").text == "Does assessment sufficiently analyse how to keep other people safe?"
