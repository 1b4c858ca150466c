"""Breakdown tables: totals checked, small numbers suppressed (primary and secondary), drill-down links."""

from __future__ import annotations

import pytest

from openyj.indicators import reoffending, tables
from openyj.indicators.periods import Period
from openyj.indicators.results import Result, shares

Q1 = Period.quarter(2024, 1)


def profile_result(counts: dict[str, int]) -> Result:
    pct = shares(list(counts.values()))
    rows = [{"key": k, "group": k.title(), "children": n, "percent": p,
             "ids": {"children": [f"{k}{i}" for i in range(n)]}} for (k, n), p in zip(counts.items(), pct, strict=True)]
    n = sum(counts.values())
    return Result(id="profile", name="Children worked with", period=Q1, numerator=n, denominator=None, value=n,
                  unit="count", breakdowns={"Sex": rows})


def texts(table, row=None):
    rows = table["rows"] if row is None else [table["rows"][row]]
    return [[c["text"] for c in r["cells"]] for r in rows]


def test_officer_sees_every_count_with_links():
    r = profile_result({"male": 20, "female": 3, "other": 0})
    links = []
    t = tables.display(r, "Sex", aggregate_only=False, threshold=5,
                       drill_url=lambda table, row, col: links.append((table, row, col)) or f"/x/{row}")
    assert texts(t) == [["20", "87.0"], ["3", "13.0"], ["0", "0.0"]]
    assert [c["text"] for c in t["total"]["cells"]] == ["23", "100.0"]
    assert t["rows"][1]["cells"][0]["href"] == "/x/female" and t["rows"][2]["cells"][0]["href"] is None  # 0: no list
    assert ("sex", "male", "children") in links


def test_board_member_primary_and_secondary_suppression():
    r = profile_result({"male": 20, "female": 3, "other": 0})
    t = tables.display(r, "Sex", aggregate_only=True, threshold=5, drill_url=lambda *a: "/never")
    # 3 is hidden ("fewer than 5"); alone it would be 23 − 20 − 0, so the next smallest non-zero count (20)
    # is hidden too; their percentages go with them. Zero is shown. No links for board members.
    assert texts(t) == [["not shown", "not shown"], ["fewer than 5", "not shown"], ["0", "0.0"]]
    assert [c["text"] for c in t["total"]["cells"]] == ["23", "100.0"]
    assert not any(c["href"] for row in t["rows"] for c in row["cells"])


def test_no_secondary_suppression_when_two_are_hidden_already():
    r = profile_result({"male": 20, "female": 3, "other": 2})
    t = tables.display(r, "Sex", aggregate_only=True, threshold=5)
    assert texts(t) == [["20", "80.0"], ["fewer than 5", "not shown"], ["fewer than 5", "not shown"]]


def test_small_total_is_hidden_too():
    r = profile_result({"male": 3, "female": 0})
    t = tables.display(r, "Sex", aggregate_only=True, threshold=5)
    assert texts(t) == [["fewer than 5", "not shown"], ["0", "0.0"]]
    assert [c["text"] for c in t["total"]["cells"]] == ["fewer than 5", "not shown"]


def reoffending_result(children: list[tuple[str, str, int]]) -> Result:
    """children: (reference, age band key via age, reoffences)."""
    items = [{"child_id": ref, "age": age, "reoffences": n} for ref, age, n in children]
    f = reoffending.figures(len(items), sum(1 for i in items if i["reoffences"]), sum(i["reoffences"] for i in items))
    from openyj.indicators.periods import age_band

    r = Result(id="reoffending", name="Proven reoffending", period=Q1, numerator=f["reoffenders"],
               denominator=f["cohort"], value=f["binary_rate"], unit="%", extra=dict(f))
    r.breakdowns = {"Age band": reoffending._breakdown(items, lambda i: age_band(i["age"]),
                                                       order=["10–14", "15–17"])}
    return r


def test_reoffending_breakdown_hand_worked():
    # 10–14: 2 children, both reoffended, 3 reoffences; 15–17: 8 children, 2 reoffended, 5 reoffences
    r = reoffending_result([("Y1", 12, 1), ("Y2", 13, 2)] + [(f"O{n}", 16, [3, 2, 0, 0, 0, 0, 0, 0][n])
                                                            for n in range(8)])
    t = tables.display(r, "Age band", aggregate_only=False, threshold=5, drill_url=lambda *a: "/x")
    assert texts(t) == [["2", "2", "3", "100.0", "1.50", "1.50"], ["8", "2", "5", "25.0", "0.63", "2.50"]]
    # total: 10 children, 4 reoffenders (40.0%), 8 reoffences: 0.80 per child, 2.00 per reoffender
    assert [c["text"] for c in t["total"]["cells"]] == ["10", "4", "8", "40.0", "0.80", "2.00"]
    board = tables.display(r, "Age band", aggregate_only=True, threshold=5)
    # 10–14 has 2 children: "fewer than 5", and every other count of the row is hidden whatever its value
    # (a 0 shown there would say that none of them reoffended)
    assert texts(board, 0) == [["fewer than 5", "not shown", "not shown", "not shown", "not shown", "not shown"]]
    # 15–17: 8 children, hidden as the secondary cell of its column (else 10 − 8 = 2); 2 reoffenders: fewer
    # than 5; 5 reoffences: hidden with them
    assert texts(board, 1) == [["not shown", "fewer than 5", "not shown", "not shown", "not shown", "not shown"]]
    # the total: 10 children shown; 4 reoffenders hidden, with their reoffences and the rates from them
    assert [c["text"] for c in board["total"]["cells"]] == ["10", "fewer than 5", "not shown", "not shown",
                                                            "not shown", "not shown"]


def test_reoffending_totals_must_match_the_headline():
    r = reoffending_result([("A", 12, 1), ("B", 16, 0)])
    tables.check(r, "Age band")
    r.extra["reoffences"] = 2
    with pytest.raises(tables.TotalsDoNotAddUp, match="reoffences: the rows add up to 1, the total is 2"):
        tables.check(r, "Age band")


@pytest.mark.parametrize(("counts", "expected"), [
    # 14 reoffenders (Leicester-sized): the top 10% is ceil(1.4) = 2 children
    ([10, 9, 8, 5, 5, 5, 4, 4, 4, 4, 3, 3, 1, 1, 0, 0], (2, 19, 28.8)),
    ([1], (1, 1, 100.0)),
    ([0, 0], (0, 0, None)),
    ([2] * 11, (2, 4, 18.2)),  # 11 reoffenders: ceil(1.1) = 2; ties broken by reference
])
def test_concentration_hand_worked(counts, expected):
    ids = [f"C{n:02d}" for n in range(len(counts))]
    c = reoffending.concentration(counts, ids=ids)
    assert (c["top_reoffenders"], c["their_reoffences"], c["share_of_reoffences"]) == expected
    assert len(c["top_ids"]) == expected[0]
    if counts == [2] * 11:
        assert c["top_ids"] == ["C00", "C01"]


def looked_after_result(la: int, ro: int, nl: int, counted: list[str]) -> Result:
    counts = {"looked_after": la, "remand_only": ro, "not": nl}
    pct = shares(list(counts.values()))
    rows = [{"key": k, "group": k, "children": n, "percent": p, "ids": {"children": []}}
            for (k, n), p in zip(counts.items(), pct, strict=True)]
    n = la + ro + nl
    return Result(id="profile", name="Children worked with", period=Q1, numerator=n, denominator=None, value=n,
                  unit="count", breakdowns={"Looked-after status": rows}, extra={"looked_after_counted": counted})


def test_looked_after_status_cannot_be_worked_out_with_the_looked_after_card():
    # The looked-after card shows 7 (looked after, not counting remand only). Hiding "looked after" as the
    # secondary cell would be no use (7 is on the card: 97 − 87 − 7 = 3), so "not looked after" is hidden.
    r = looked_after_result(7, 3, 87, ["looked_after"])
    t = tables.display(r, "Looked-after status", aggregate_only=True, threshold=5)
    assert [row["cells"][0]["text"] for row in t["rows"]] == ["7", "fewer than 5", "not shown"]
    # Counting remand only, the card shows 7 + 3 = 10: "looked after" must go with "remand only"
    r = looked_after_result(7, 3, 87, ["looked_after", "remand_only"])
    t = tables.display(r, "Looked-after status", aggregate_only=True, threshold=5)
    assert [row["cells"][0]["text"] for row in t["rows"]] == ["not shown", "fewer than 5", "87"]
