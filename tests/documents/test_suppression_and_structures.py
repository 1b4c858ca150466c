"""The small-number rule for documents, and document structures as data."""

import json

import pytest

from openyj.documents import structures
from openyj.documents.suppression import count, derived, hidden_parts, parts


def test_counts_from_one_to_four_are_fewer_than_five_and_zero_is_shown():
    assert [count(n) for n in (0, 1, 4, 5, 1234)] == ["0", "fewer than 5", "fewer than 5", "5", "1,234"]
    assert count(None) == "not known"


def test_a_figure_worked_out_from_a_small_count_is_not_shown():
    assert derived(11.43, 4, 35000) == "not shown (fewer than 5)"
    assert derived(19.61, 10, 51) == "19.6"
    assert derived(0.064, 10, places=2) == "0.06"


def test_secondary_suppression_hides_the_next_smallest_part():
    assert hidden_parts([3, 10, 20]) == [True, True, False]
    assert hidden_parts([3, 2, 20]) == [True, True, False]
    assert hidden_parts([0, 10, 20]) == [False, False, False]
    assert parts([3, 10, 20]) == ["fewer than 5", "not shown (would reveal a count below 5)", "20"]


def test_the_shipped_structures_load_with_the_yjb_headings_in_order():
    shipped = structures.structures()
    assert set(shipped) >= {"yjb-2024", "yjb-2021", "board-report"}
    top = [s.title for s in shipped["yjb-2024"].sections]
    assert top[:5] == ["Introduction, vision and strategy", "Governance, leadership and partnership arrangements",
                       "Update on the previous year", "Plan for the forthcoming year",
                       "Sign-off, submission and approval"]
    kinds = {s.type for s in shipped["yjb-2024"].walk()}
    assert {"narrative", "generated", "themed"} <= kinds


def test_next_years_structure_is_a_data_change(tmp_path):
    raw = {"code": "yjb-2027", "name": "Plan (2027 guidance)", "kind": "plan", "title": "Plan {year}",
           "sections": [{"key": "intro", "title": "Introduction", "type": "narrative"},
                        {"key": "perf", "title": "Performance", "type": "generated", "source": "national_indicators"},
                        {"key": "themes", "title": "Priorities", "type": "themed", "themes": ["Education"]}]}
    s = structures.parse(raw, "yjb-2027.json")
    assert [x.key for x in s.walk()] == ["intro", "perf", "themes"]
    assert s.section("themes").text_keys()[0] == ("themes.education.did", "Education: What we did")


@pytest.mark.parametrize(("section", "says"), [
    ({"key": "x", "title": "X", "type": "generated", "source": "nothing"}, "uses the source 'nothing'"),
    ({"key": "x", "title": "X", "type": "prose"}, "has type 'prose'"),
    ({"key": "x", "title": "X", "type": "themed"}, "lists no themes"),
    ({"title": "X", "type": "narrative"}, "has no 'key'"),
])
def test_a_wrong_structure_names_the_file_and_what_to_fix(section, says):
    raw = {"code": "c", "name": "n", "kind": "plan", "title": "t", "sections": [section]}
    with pytest.raises(structures.StructureError) as error:
        structures.parse(json.loads(json.dumps(raw)), "next.json")
    assert str(error.value).startswith("next.json: ") and says in str(error.value)
