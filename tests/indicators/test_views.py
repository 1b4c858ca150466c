"""The performance dashboard and drill-down: who sees what."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from openyj.core.models import AuditEvent

from . import factories as f

PERIOD = "quarter:2024-03-31"


@pytest.fixture
def figures(service_a, service_b):
    f.population("E08000901", 2024, 20_000)
    f.population("E08000901", 2023, 20_000)  # the 12 months to March 2024 are headlined from mid-2023
    for n in range(7):
        c = f.child(service_a, ref=f"FTE-{n}", dob="2009-05-01", given_name=f"Alex{n}", family_name="Example")
        f.proven(c, "2024-01-01", f"2024-02-{n + 10}", "youth_caution")
    k = f.child(service_a, ref="CUST-1", dob="2008-05-01", given_name="Sam", family_name="Secret")
    f.proven(k, "2023-12-01", "2024-03-01", "detention_training_order")
    other = f.child(service_b, ref="B-ONLY", dob="2009-05-01")
    f.proven(other, "2024-01-01", "2024-02-10")


@pytest.fixture
def travel():
    with time_machine.travel(date(2024, 5, 1)):
        yield


@pytest.mark.parametrize("persona", ["case_manager_a", "case_manager_b", "administrator", "outsider", "unknown_role"])
def test_dashboard_refuses_roles_without_figures(personas, client_as, persona):
    assert client_as(personas[persona]).get(reverse("dashboard")).status_code == 403


def test_dashboard_requires_login(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("persona", ["case_manager_a", "board_member", "administrator", "outsider"])
def test_drilldown_refuses_roles_without_identities(personas, client_as, persona):
    url = reverse("indicator_drilldown", args=["fte"])
    assert client_as(personas[persona]).get(url).status_code == 403


def page(client, code, period=PERIOD):
    """One indicator's page (its card: figure, comparators, trend, breakdowns)."""
    return client.get(reverse("indicator", args=[code]), {"period": period})


def test_performance_officer_sees_figures_and_drills_down(figures, performance_officer, client_as, travel):
    client = client_as(performance_officer)
    summary = client.get(reverse("dashboard"), {"period": PERIOD})
    assert summary.status_code == 200
    html = summary.content.decode()
    assert "First time entrants (local records)" in html and "per 100,000 children aged 10–17" in html
    # 8 (7 cautions + 1 DTO, all first substantive outcomes) in the 12 months to March 2024 ÷ 20,000 × 100,000
    assert "40.0" in html and "12 months to March 2024" in html
    assert reverse("indicator", args=["fte"]) in html
    html = page(client, "fte").content.decode()
    assert reverse("indicator_drilldown", args=["fte"]) in html
    # one Vega-Lite spec per chart, in a non-executing JSON block, with the table of the same figures
    specs = re.findall(r'<script id="chart-(\w+)" type="application/json">(.*?)</script>', html, re.S)
    assert {name for name, _ in specs} == {"fte"}
    fte_spec = json.loads(dict(specs)["fte"])
    values = fte_spec["data"]["values"]
    assert len(values) == 8 and values[-1] == {"quarter": "12 months to Mar 24", "value": 40.0, "order": 7}
    for code in ("custody", "remand_nights"):
        assert f'id="chart-{code}"' in page(client, code).content.decode()
    # every reoffending cohort of the last eight quarters is still inside its 18-month window in May
    # 2024: provisional, so not charted as if final (nor rated)
    reoffending = page(client, "reoffending").content.decode()
    assert 'id="chart-reoffending"' not in reoffending and "provisional figures are not charted" in reoffending
    assert "<script>" not in html  # no inline script (CSP)
    drill = client.get(reverse("indicator_drilldown", args=["fte"]), {"period": PERIOD})
    text = drill.content.decode()
    assert drill.status_code == 200 and "FTE-0" in text and "Alex0 Example" in text and "B-ONLY" not in text
    assert AuditEvent.objects.filter(object_type="indicator drill-down", object_id="fte",
                                     user=performance_officer).exists()


def test_manager_drills_down_to_children_of_offence_counts(figures, manager, client_as, travel):
    client = client_as(manager)
    r = client.get(reverse("indicator_drilldown", args=["custody"]), {"period": PERIOD, "list": "children"})
    assert r.status_code == 200 and "Sam Secret" in r.content.decode()
    assert client.get(reverse("indicator_drilldown", args=["nope"])).status_code == 404


def test_board_member_sees_counts_without_identities_and_small_numbers_suppressed(
        figures, board_member, client_as, travel):
    client = client_as(board_member)
    html = "".join(page(client, code).content.decode() for code in ("fte", "custody"))
    for identity in ("FTE-0", "Alex0", "CUST-1", "Sam Secret", "Example"):
        assert identity not in html
    assert "/performance/fte/list/" not in html and "/performance/custody/list/" not in html
    # 8 first time entrants: shown; 1 custodial sentence: suppressed with its rate
    fte = re.search(r'id="fte".*?</section>', html, re.S).group(0)
    assert 'data-figure="numerator">8<' in fte
    custody = re.search(r'id="custody".*?</section>', html, re.S).group(0)
    assert "fewer than 5" in custody and "0.05" not in custody
    # the 12 months to March 2024 (1 sentence) are suppressed in the chart too; the earlier windows
    # with a population estimate had none, and zero is shown as 0
    custody_spec = json.loads(re.search(r'<script id="chart-custody" type="application/json">(.*?)</script>',
                                        html, re.S).group(1))
    assert [v["value"] for v in custody_spec["data"]["values"]][-3:] == [0.0, 0.0, None]
    spec = json.loads(re.search(r'<script id="chart-fte" type="application/json">(.*?)</script>',
                                html, re.S).group(1))
    assert spec["data"]["values"][-1]["value"] == 40.0


def test_period_picker_offers_every_kind(figures, performance_officer, client_as, travel):
    html = client_as(performance_officer).get(reverse("dashboard")).content.decode()
    for group in ("Quarter", "Financial year", "Calendar year", "Rolling 12 months"):
        assert f'label="{group}"' in html
    assert 'value="quarter:2024-03-31" selected' in html  # default: latest complete quarter
    r = client_as(performance_officer).get(reverse("dashboard"), {"period": "financial_year:2024-03-31"})
    assert r.status_code == 200
    assert "Performance: 2023/24" in r.content.decode()


@pytest.fixture
def breakdowns(service_a):
    """Q1 2024: 6 children aged 12 cautioned (3 reoffend once), 2 aged 16 (1 reoffends twice); all worked with."""
    for n in range(8):
        young = n < 6
        c = f.child(service_a, ref=f"{'Y' if young else 'O'}{n}", dob="2011-06-01" if young else "2007-06-01",
                    given_name=f"Kiddo{n}", family_name="Zebedee", ethnicity="white_roma" if n == 0 else "asian_indian")
        f.intervention(c, "2023-12-01")
        f.proven(c, "2023-12-20", f"2024-02-{n + 10}", "youth_caution", category="robbery")
        for k in range({0: 1, 1: 1, 2: 1, 6: 2}.get(n, 0)):
            f.proven(c, f"2024-04-{k + 10}", "2024-06-01", "referral_order")


def _table(html, table_id):
    return re.search(rf'<table[^>]*id="table-{table_id}".*?</table>', html, re.S).group(0)


def _cells(table_html):
    rows = re.findall(r"<tr class=\"govuk-table__row[^\"]*\">(.*?)</tr>", table_html, re.S)[1:]
    return [[re.sub(r"<[^>]+>", "", c).replace(" – list them", "").strip()
             for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", r, re.S)] for r in rows]


def test_officer_sees_breakdown_tables_and_drills_into_a_row(breakdowns, performance_officer, client_as, travel):
    client = client_as(performance_officer)
    html = page(client, "reoffending").content.decode() + page(client, "profile").content.decode()
    age = _table(html, "reoffending-age-band")
    assert _cells(age) == [
        ["10–14", "6", "3", "3", "50.0", "0.50", "1.00"],
        ["15–17", "2", "1", "2", "50.0", "1.00", "2.00"],
        ["Total", "8", "4", "5", "50.0", "0.63", "1.25"],
    ]
    for table_id in ("reoffending-index-outcome-tier", "reoffending-sex", "reoffending-ethnic-group",
                     "reoffending-index-offence-seriousness", "profile-sex", "profile-age-band",
                     "profile-ethnic-group", "profile-looked-after-status", "profile-send",
                     "profile-offences-by-category"):
        assert f'id="table-{table_id}"' in html
    eth = _cells(_table(html, "profile-ethnic-group"))
    assert eth[1][:3] == ["Gypsy, Roma or Traveller", "1", "12.5"] and eth[3][:3] == ["Asian or Asian British", "7",
                                                                                      "87.5"]
    # concentration: 4 reoffenders → the top 10% is 1 child, with 2 of the 5 reoffences
    assert re.search(r"1 child</a> committed 2 of the 5 reoffences \(40.0%\)", html)
    link = re.search(r'href="([^"]*table=age-band[^"]*row=10%E2%80%9314[^"]*column=reoffenders)"', html).group(1)
    drill = client.get(link.replace("&amp;", "&"))
    text = drill.content.decode()
    assert drill.status_code == 200 and "Age band: 10–14 – reoffenders" in text
    listed = re.search(r"<table.*?</table>", text, re.S).group(0)  # not the page's random nonce
    assert all(f"Y{n}" in listed for n in (0, 1, 2)) and "Y3" not in listed and "O6" not in listed
    event = AuditEvent.objects.filter(object_type="indicator drill-down", object_id="reoffending").latest("at")
    assert "3 children" in event.summary and "Age band: 10–14" in event.summary
    top = client.get(reverse("indicator_drilldown", args=["reoffending"]), {"period": PERIOD,
                                                                            "list": "top_reoffenders"})
    top_listed = re.search(r"<table.*?</table>", top.content.decode(), re.S).group(0)
    assert "O6" in top_listed and "Y0" not in top_listed


@pytest.mark.parametrize("params", [
    {"table": "no-such-table", "row": "10–14", "column": "cohort"},
    {"table": "age-band", "row": "99", "column": "cohort"},
    {"table": "age-band", "row": "10–14", "column": "reoffences"},  # a count with no list
    {"list": "nonsense"},
])
def test_drilldown_unknown_list_is_404(breakdowns, performance_officer, client_as, travel, params):
    r = client_as(performance_officer).get(reverse("indicator_drilldown", args=["reoffending"]),
                                           {"period": PERIOD, **params})
    assert r.status_code == 404


def test_board_member_sees_tables_suppressed_without_links(breakdowns, board_member, client_as, travel):
    html = page(client_as(board_member), "reoffending").content.decode()
    assert _cells(_table(html, "reoffending-age-band")) == [
        ["10–14", "not shown", "fewer than 5", "fewer than 5", "not shown", "not shown", "not shown"],
        ["15–17", "fewer than 5", "not shown", "not shown", "not shown", "not shown", "not shown"],
        ["Total", "8", "fewer than 5", "not shown", "not shown", "not shown", "not shown"],
    ]
    assert "Not shown: fewer than 5 children" in html  # the concentration: 1 child
    assert "Kiddo" not in html and "Zebedee" not in html and "Y0" not in html
    assert "/performance/reoffending/list/" not in html and "/performance/profile/list/" not in html


def test_a_table_that_does_not_add_up_is_not_shown(breakdowns, performance_officer, client_as, travel, monkeypatch,
                                                  caplog):
    import dataclasses

    from openyj.indicators import tables

    spec = tables.SPECS[("profile", "Sex")]
    wrong = dataclasses.replace(spec, total=lambda r: {"children": r.value + 1, "percent": 100.0})
    monkeypatch.setitem(tables.SPECS, ("profile", "Sex"), wrong)
    html = page(client_as(performance_officer), "profile").content.decode()
    assert 'id="table-profile-sex"' not in html
    assert 'data-table-error="profile-sex"' in html and "do not add up" in html
    assert "Table not shown because it does not add up" in caplog.text
    assert 'id="table-profile-age-band"' in html  # the others are shown


def test_looked_after_cards_and_lists(service_a, performance_officer, board_member, client_as, travel):
    from openyj.indicators.models import LookedAfterFigure

    for n in range(7):
        c = f.child(service_a, ref=f"LA{n}", dob="2009-05-01")
        i = f.intervention(c, "2023-12-01", ref=f"ILA{n}")
        if n < 5:
            f.looked_after(c, "2022-01-01")
        elif n == 5:
            f.looked_after(c, "2024-02-01", "2024-02-20", legal_basis="remand")
        f.review(i, "2024-02-01", "2024-02-01" if n % 2 else None)
    LookedAfterFigure.objects.create(service=service_a, as_at=date(2023, 3, 31), looked_after=316, children=62_000,
                                     source="Council figures")
    officer = client_as(performance_officer)
    html = page(officer, "looked_after_share").content.decode() + page(officer, "looked_after_known").content.decode()
    share = re.search(r'id="looked_after_share".*?</section>', html, re.S).group(0)
    # 5 of 7 = 71.4%; the area: 316 of 62,000 = 0.5%; 70.9 points; (5/7) ÷ (316/62,000) = 140.1 times
    assert 'data-figure="value">71.4<' in share
    assert "0.5% (316 of 62,000; entered with the looked-after figure)" in share
    assert "70.9 percentage points; 140.1 times the area&#x27;s rate" in share or \
        "70.9 percentage points; 140.1 times the area's rate" in share
    assert "316 at 31 March 2023; Council figures" in share
    known = re.search(r'id="looked_after_known".*?</section>', html, re.S).group(0)
    assert 'data-figure="value">1.6<' in known  # 5 of 316
    link = re.search(r'href="([^"]*list=remand_only[^"]*)"', share).group(1).replace("&amp;", "&")
    listed = client_as(performance_officer).get(link).content.decode()
    assert "LA5" in listed and "LA4" not in listed and "looked after only because remanded" in listed
    # reviews: 3 of 7 on time (LA1, LA3, LA5); the list shows the intervention and the dates
    reviews = client_as(performance_officer).get(reverse("indicator_drilldown", args=["reviews_on_time"]),
                                                 {"period": PERIOD}).content.decode()
    assert all(f"ILA{n}" in reviews for n in (1, 3, 5)) and "ILA0" not in reviews
    assert "Review of ILA1 due, 1 February 2024; done 1 February 2024" in reviews
    board = page(client_as(board_member), "looked_after_share").content.decode()
    share = re.search(r'id="looked_after_share".*?</section>', board, re.S).group(0)
    assert 'data-figure="value">71.4<' in share and "140.1 times" in share
    assert "Looked after only because remanded" in share and "fewer than 5" in share
    assert "LA5" not in board and "list=remand_only" not in board


# --- drill-down rows and downloads ---------------------------------------------------------------------

def test_drilldown_rows_name_the_child_link_to_them_and_say_what_was_counted(figures, performance_officer,
                                                                             client_as, travel):
    from openyj.people.models import Child

    client = client_as(performance_officer)
    fte = client.get(reverse("indicator_drilldown", args=["fte"]), {"period": PERIOD}).content.decode()
    alex = Child.objects.get(reference="FTE-0")
    assert f'href="{reverse("child_detail", args=[alex.pk])}">Alex0 Example</a>' in fte
    assert "Youth caution, 10 February 2024" in fte and "2024-02-10" not in fte
    custody = client.get(reverse("indicator_drilldown", args=["custody"]), {"period": PERIOD}).content.decode()
    # the sentence in words with its date, never "D001 detention_training_order (2024-03-01)"
    assert "Detention and training order, 1 March 2024" in custody and "detention_training_order" not in custody
    assert "Sam Secret" in custody


def _rows(response):
    import csv
    import io

    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_downloads_as_csv_and_xlsx_are_audited(figures, performance_officer, client_as, travel):
    from openpyxl import load_workbook

    client = client_as(performance_officer)
    summary = client.get(reverse("performance_download"), {"period": PERIOD, "format": "csv"})
    assert summary.status_code == 200 and summary["Content-Type"].startswith("text/csv")
    rows = _rows(summary)
    assert rows[0][:3] == ["Group", "Indicator", "Value"]
    fte = next(r for r in rows if r[1] == "First time entrants (local records)")
    assert fte[2:7] == ["40.0", "per 100,000 children aged 10–17", "8", "20,000", "12 months to March 2024"]
    trend = client.get(reverse("indicator_download", args=["fte", "trend"]), {"period": PERIOD, "format": "xlsx"})
    assert trend["Content-Type"].startswith("application/vnd.openxmlformats")
    import io

    ws = load_workbook(io.BytesIO(trend.content)).active
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[1][:4] == ["Period", "Counted", "Out of", "Value"] and values[-1][:4] == [
        "12 months to Mar 24", "8", "20,000", "40.0"]
    listed = _rows(client.get(reverse("indicator_download", args=["fte", "list"]),
                              {"period": PERIOD, "format": "csv"}))
    assert listed[0] == ["Reference", "Child", "What was counted"]
    assert ["FTE-0", "Alex0 Example", "Youth caution, 10 February 2024"] in listed
    events = AuditEvent.objects.filter(object_type="indicator download", user=performance_officer)
    assert events.count() == 3 and {e.verb for e in events} == {"export"}
    assert client.get(reverse("indicator_download", args=["fte", "nope"]), {"period": PERIOD}).status_code == 404


def test_board_member_downloads_only_suppressed_aggregates(figures, board_member, client_as, travel):
    client = client_as(board_member)
    rows = _rows(client.get(reverse("performance_download"), {"period": PERIOD, "format": "csv"}))
    custody = next(r for r in rows if r[1] == "Use of custody")
    assert custody[2] == "not shown" and custody[4] == "fewer than 5"  # 1 sentence: suppressed, as on the page
    text = "\n".join(",".join(r) for r in rows)
    assert "FTE-0" not in text and "Alex0" not in text
    trend = _rows(client.get(reverse("indicator_download", args=["custody", "trend"]),
                             {"period": PERIOD, "format": "csv"}))
    assert trend[-1][:4] == ["12 months to Mar 24", "fewer than 5", "20,000", "not shown"]
    refused = client.get(reverse("indicator_download", args=["fte", "list"]), {"period": PERIOD, "format": "csv"})
    assert refused.status_code == 403
    assert AuditEvent.objects.filter(object_type="indicator download", user=board_member).count() == 2


@pytest.mark.parametrize("persona", ["case_manager_a", "administrator", "outsider"])
def test_downloads_refuse_roles_without_figures(personas, client_as, persona):
    client = client_as(personas[persona])
    assert client.get(reverse("performance_download"), {"format": "csv"}).status_code == 403
    assert client.get(reverse("indicator_download", args=["fte", "trend"])).status_code == 403
    assert client.get(reverse("indicator", args=["fte"])).status_code == 403


def test_freezing_the_figures_from_the_page(figures, performance_officer, board_member, client_as, travel):
    from openyj.indicators.figure_models import FigureSet

    officer = client_as(performance_officer)
    summary = officer.get(reverse("dashboard"), {"period": PERIOD}).content.decode()
    assert "Freeze these figures" in summary
    url = f"{reverse('freeze_figures')}?period={PERIOD}"
    empty = officer.post(url, {"purpose": ""})
    assert empty.status_code == 400 and "Enter what the figures are for" in empty.content.decode()
    done = officer.post(url, {"purpose": "Board report, April 2024"})
    frozen = FigureSet.objects.get(frozen_at__isnull=False)
    assert done.status_code == 302 and done["Location"] == reverse("frozen_figures", args=[frozen.pk])
    assert frozen.frozen_by == performance_officer and frozen.frozen_for == "Board report, April 2024"
    board = client_as(board_member)
    assert board.get(url).status_code == 403 and board.post(url, {"purpose": "x"}).status_code == 403
    page = board.get(reverse("frozen_figures", args=[frozen.pk])).content.decode()
    assert "Board report, April 2024" in page and "These figures never change" in page
    assert "fewer than 5" in page  # 1 custodial sentence, suppressed for the board as everywhere
    listed = board.get(reverse("dashboard"), {"period": PERIOD}).content.decode()
    assert "Board report, April 2024" in listed and "Freeze these figures" not in listed


def test_a_frozen_set_of_another_service_is_not_found(figures, service_b, client_as, travel):
    from openyj.core.roles import Role
    from openyj.indicators.figure_models import FigureSet
    from tests.conftest import make_user

    other = FigureSet.objects.create(service=service_b, period_kind="quarter", period_start=date(2024, 1, 1),
                                     period_end=date(2024, 3, 31), status="current", frozen_at=date(2024, 4, 2),
                                     frozen_for="Theirs")
    officer_b = make_user("officer_b_frozen", service_b, Role.PERFORMANCE_OFFICER)
    assert client_as(officer_b).get(reverse("frozen_figures", args=[other.pk])).status_code == 200
    officer_a = make_user("officer_a_frozen", other.service.__class__.objects.get(code="NORTHDALE"),
                          Role.PERFORMANCE_OFFICER)
    assert client_as(officer_a).get(reverse("frozen_figures", args=[other.pk])).status_code == 404


def test_without_a_worker_the_page_says_the_figures_are_being_computed(figures, performance_officer, client_as,
                                                                         travel, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    html = client_as(performance_officer).get(reverse("dashboard"), {"period": PERIOD}).content.decode()
    assert 'data-figures-status="computing"' in html and 'http-equiv="refresh"' in html
    assert "40.0" not in html and "summary-national" not in html


def test_out_of_date_figures_are_never_shown_as_current(figures, performance_officer, client_as, travel, settings):
    from openyj.indicators import figures as stored

    client = client_as(performance_officer)
    assert "40.0" in client.get(reverse("dashboard"), {"period": PERIOD}).content.decode()
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    stored.mark_changed(performance_officer.memberships.first().service_id)
    html = client.get(reverse("dashboard"), {"period": PERIOD}).content.decode()
    assert 'data-figures-status="stale"' in html and "These figures are out of date" in html
    assert "Freeze these figures" not in html  # out-of-date figures cannot be frozen
