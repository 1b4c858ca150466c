"""The disproportionality page: who sees what, the reading, suppression for board members, the
drill-down to the children (audited), downloads (audited) and targets."""

from __future__ import annotations

import csv
import io
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from openyj.core.models import AuditEvent
from openyj.indicators.disproportionality import presenters

from .. import factories as f

AREA = "E08000901"
Q = {"period": "financial_year:2025-03-31", "stage": "custody"}


@pytest.fixture
def figures(service_a, service_b):
    """Custody in 2024/25: 12 White children, 6 Black, 3 Mixed; Census: 4.1% Black."""
    f.census(AREA, "census_2021", {"white": 9000, "mixed": 400, "asian": 280, "black": 410, "other": 10})
    for i in range(12):
        f.outcome(f.child(service_a, ref=f"W{i}", ethnicity="white_british", dob="2008-01-01"), "2024-06-01",
                  "detention_training_order")
    for i in range(6):
        f.outcome(f.child(service_a, ref=f"B{i}", ethnicity="black_caribbean", dob="2008-01-01",
                          given_name="Jordan", family_name=f"Example{i}"), "2024-07-01", "section_250")
    for i in range(3):
        f.outcome(f.child(service_a, ref=f"M{i}", ethnicity="mixed_white_black_caribbean", sex="female",
                          dob="2008-01-01"), "2024-08-01", "detention_training_order")
    f.outcome(f.child(service_b, ref="OTHER-SERVICE", ethnicity="black_african", dob="2008-01-01"), "2024-06-01",
              "detention_training_order")


URL = "disproportionality"


@pytest.mark.parametrize("persona", ["case_manager_a", "case_manager_b", "administrator", "outsider", "unknown_role"])
def test_page_refuses_roles_without_figures(personas, client_as, persona):
    assert client_as(personas[persona]).get(reverse(URL)).status_code == 403


@pytest.mark.parametrize("persona", ["case_manager_a", "board_member", "administrator", "outsider"])
def test_children_list_refuses_roles_without_identities(personas, client_as, persona):
    url = reverse("disproportionality_children")
    assert client_as(personas[persona]).get(url, {**Q, "group": "black"}).status_code == 403


@pytest.mark.parametrize("persona", ["board_member", "case_manager_a", "administrator"])
def test_targets_refused_to_other_roles(personas, client_as, persona):
    assert client_as(personas[persona]).get(reverse("disproportionality_target_add")).status_code == 403


def test_manager_reads_the_page_and_drills_to_the_children(figures, manager, client_as):
    client = client_as(manager)
    page = client.get(reverse(URL), Q)
    assert page.status_code == 200
    html = page.content.decode()
    # 6 of 21 = 28.6%; 410 of 10,100 = 4.1%: 24.5 points more
    assert ("Black children were 4.1% of children aged 10–17 and 28.6% of children given a custodial sentence: "
            "24.5 points more.") in html
    assert "OpenYJ&#x27;s own method" in html or "OpenYJ's own method" in html
    # the 3 Mixed heritage children: said plainly, with the way to pool years
    assert ("Custodial sentence: fewer than 5 children in this period in the Mixed group, too few to read a "
            "pattern from the numbers, so no relative rate index is given for it. A longer window") in html
    link = reverse("disproportionality_children")
    assert link in html
    listing = client.get(link, {**Q, "window": 1, "group": "black"})
    assert listing.status_code == 200
    text = listing.content.decode()
    assert "Example0" in text and "B5" in text and "W1" not in text and "OTHER-SERVICE" not in text
    event = AuditEvent.objects.get(object_id="disproportionality", verb="view")
    assert "6 children" in event.summary and "Custodial sentence, Black" in event.summary


def test_board_member_sees_aggregates_with_small_numbers_hidden(figures, board_member, client_as):
    page = client_as(board_member).get(reverse(URL), Q)
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("disproportionality_children") not in html  # no lists of children
    assert "Example0" not in html
    # Mixed: 3 children, hidden; the next smallest (Black, 6) hidden too, so the total cannot reveal it
    assert 'data-group="mixed"' in html and html.count("fewer than 5") >= 2
    assert "not shown" in html  # Black's 6: hidden so the total does not give the 3 away
    assert "Set a target" not in html


def test_secondary_suppression_of_a_stage():
    """Mixed 3 is hidden; with the total shown, the next smallest count (not known, 6) is hidden too."""
    def table(counts, not_known):
        return {"groups": {g: {"count": n, "share": None, "population_share": None, "gap_pp": None,
                               "rate_per_1000": None, "rri": None, "ci_low": None, "ci_high": None,
                               "significant": False} for g, n in counts.items()},
                "not_known": not_known, "not_stated_only": 0, "not_known_only": not_known,
                "known": sum(counts.values()), "children": sum(counts.values()) + not_known}

    shown = presenters.stage_rows(table({"white": 12, "mixed": 3, "asian": 0, "black": 7, "other": 9}, 6),
                                  aggregate_only=True, threshold=5)
    counts = {r["key"]: r["count"] for r in shown["rows"]}
    assert counts == {"white": "12", "mixed": "fewer than 5", "asian": "0", "black": "7", "other": "9"}
    assert shown["not_known"]["count"] == "not shown" and shown["total"] == "37"
    # two small counts already hide each other; a small total hides everything
    shown = presenters.stage_rows(table({"white": 12, "mixed": 3, "asian": 2, "black": 7, "other": 9}, 6),
                                  aggregate_only=True, threshold=5)
    assert [r["count"] for r in shown["rows"]] == ["12", "fewer than 5", "fewer than 5", "7", "9"]
    shown = presenters.stage_rows(table({"white": 3, "mixed": 0, "asian": 0, "black": 0, "other": 0}, 0),
                                  aggregate_only=True, threshold=5)
    assert shown["total"] == "fewer than 5" and shown["rows"][0]["share"] == "–"
    staff = presenters.stage_rows(table({"white": 3, "mixed": 0, "asian": 0, "black": 0, "other": 0}, 0),
                                  aggregate_only=False, threshold=5)
    assert staff["total"] == "3" and staff["rows"][0]["count"] == "3"


def test_board_json_by_the_one_rule(figures, service_a):
    out = StringIO()
    call_command("indicators", "--service", "NORTHDALE", "--from", "2024-04-01", "--to", "2025-03-31", "--json",
                 "--audience", "board", stdout=out)
    custody = json.loads(out.getvalue())["indicators"]["disproportionality"]["stages"]["custody"]
    assert custody["groups"]["mixed"]["count"] == "<5" and custody["groups"]["mixed"]["share"] is None
    # Black's 6 is hidden too (secondary: the stage's total would give the 3 away), as on the page
    assert custody["groups"]["black"]["count"] is None and custody["groups"]["black"]["share"] is None
    assert custody["groups"]["white"]["count"] == 12 and custody["groups"]["white"]["share"] == 57.1
    assert "ids" not in json.dumps(custody)


def test_downloads_are_audited_and_suppressed_for_the_board(figures, board_member, performance_officer, client_as):
    officer = client_as(performance_officer).get(reverse("disproportionality_download", args=["csv"]), Q)
    assert officer.status_code == 200 and officer["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(officer.content.decode())))
    mixed = next(r for r in rows if r["stage"] == "Custodial sentence" and r["lens"] == "All children"
                 and r["breakdown"] == "Five groups" and r["line"].startswith("Mixed"))
    assert mixed["children"] == "3" and mixed["share_percent"] == "14.3"
    board = client_as(board_member).get(reverse("disproportionality_download", args=["xlsx"]), Q)
    assert board.status_code == 200
    ws = load_workbook(io.BytesIO(board.content))["disproportionality"]
    header = [c.value for c in ws[1]]
    found = [dict(zip(header, [c.value for c in row], strict=True)) for row in ws.iter_rows(min_row=2)]
    mixed = next(r for r in found if r["stage"] == "Custodial sentence" and r["lens"] == "All children"
                 and r["breakdown"] == "Five groups" and r["line"].startswith("Mixed"))
    assert mixed["children"] == "fewer than 5" and mixed["share_percent"] is None
    assert AuditEvent.objects.filter(object_id="disproportionality", verb="export").count() == 2


def test_manager_sets_a_target_and_sees_its_trend(figures, manager, client_as):
    client = client_as(manager)
    bad = client.post(reverse("disproportionality_target_add"), {"stage": "custody", "group": "black", "gap_pp": "x"})
    assert bad.status_code == 400 and "Enter the target gap as a number" in bad.content.decode()
    done = client.post(reverse("disproportionality_target_add"), {"stage": "custody", "group": "black",
                                                                   "gap_pp": "10"})
    assert done.status_code == 302
    html = client.get(reverse(URL), Q).content.decode()
    assert "Black children, custodial sentence: a gap of 10.0 points" in html
    assert "Not met: the gap in the year to 31 March 2025 was 24.5 points." in html


def test_pooled_window_and_unknown_stage(figures, manager, client_as):
    html = client_as(manager).get(reverse(URL), {**Q, "window": "3", "stage": "nonsense"}).content.decode()
    assert "1 April 2022" in html and "the last 3 years, pooled" in html
    assert "Custodial sentence: all children" in html  # an unknown stage falls back to custody


@pytest.mark.parametrize("persona", ["manager", "board_member", "case_manager_a"])
def test_settings_refused_to_other_roles(personas, client_as, persona):
    assert client_as(personas[persona]).get(reverse("disproportionality_settings")).status_code == 403


def test_administrator_sets_threshold_and_lines(administrator, client_as, service_a):
    from openyj.indicators.disproportionality import selectors

    client = client_as(administrator)
    form = client.get(reverse("disproportionality_settings"))
    assert form.status_code == 200 and 'value="Gypsy, Roma or Traveller"' in form.content.decode()
    bad = client.post(reverse("disproportionality_settings"), {"min_count": "0", "line1_label": "Irish heritage"})
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "Enter a smallest count of 1 or more" in text and "Select the groups reporting line 1 gathers" in text
    done = client.post(reverse("disproportionality_settings"), {
        "min_count": "3", "line1_label": "Irish heritage",
        "line1_codes": ["white_irish", "white_gypsy_irish_traveller"],
        "line2_label": "Black Caribbean heritage", "line2_codes": ["black_caribbean", "mixed_white_black_caribbean"]})
    assert done.status_code == 302
    o = selectors.options_for(service_a)
    assert o.threshold == 3
    assert [(x["label"], x["codes"]) for x in o.lines] == [
        ("Irish heritage", ["white_gypsy_irish_traveller", "white_irish"]),
        ("Black Caribbean heritage", ["black_caribbean", "mixed_white_black_caribbean"])]
    assert "Disproportionality" in client.get(reverse("indicator_settings")).content.decode()


def test_lens_drill_down_and_default_period(figures, manager, client_as):
    client = client_as(manager)
    girls = client.get(reverse("disproportionality_children"), {**Q, "group": "mixed", "lens": "sex:female"})
    assert girls.status_code == 200
    text = girls.content.decode()
    assert "Custodial sentence, Mixed or multiple ethnic groups, girls" in text and "M2" in text
    assert client.get(reverse("disproportionality_children"), {**Q, "group": "mixed", "lens": "sex:x"}).status_code \
        == 404
    html = client.get(reverse(URL)).content.decode()
    import re

    assert re.search(r'value="rolling_12:[0-9-]+" selected', html)  # a year by default, not a quarter


def test_document_section_is_aggregate_only(figures, service_a):
    from openyj.indicators.disproportionality import compute as dp
    from openyj.indicators.engine import tables_for
    from openyj.indicators.periods import Period

    result = dp.compute(tables_for([service_a]), Period.financial_year(2024))[service_a.pk]
    doc = presenters.section(result, threshold=5)
    custody = next(s for s in doc["stages"] if s["key"] == "custody")
    counts = {r["key"]: r["count"] for r in custody["rows"]}
    assert counts["mixed"] == "fewer than 5" and counts["white"] == "12"
    # Black children's 6 is hidden to protect the Mixed 3 (secondary suppression): no custody reading
    assert counts["black"] == "not shown"
    assert not any("custodial" in line for line in doc["readings"])
    staff = presenters.readings(result, aggregate_only=False, threshold=5)
    assert any("28.6% of children given a custodial sentence" in line for line in staff)
    text = json.dumps(doc, default=str)
    assert "B0" not in text and "W1" not in text and "ids" not in text


def test_page_for_a_service_with_no_records(manager, client_as):
    page = client_as(manager).get(reverse(URL), Q)
    assert page.status_code == 200
    html = page.content.decode()
    assert "the area&#x27;s Census 2021 figures have not been loaded" in html or \
        "the area's Census 2021 figures have not been loaded" in html
    assert "No targets have been set." in html
