"""The KPI return pages: who sees what, the children behind each count, what is missing, downloads,
submitting (frozen) and reopening (what changed since)."""

from __future__ import annotations

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from openyj.casework.models import Intervention
from openyj.core.models import AuditEvent
from openyj.indicators.kpi_models import KpiSubmission

from .. import factories as f
from . import builders as b

Q = {"quarter": "2025-06-30"}
PAGES = ["kpi_children", "kpi_completeness", "kpi_download", "kpi_submit", "kpi_reopen"]


@pytest.fixture
def data(service_a, service_b, case_manager_a):
    b.accommodation(service_a)
    b.board(service_a)
    Intervention.objects.filter(reference="I-A3").update(case_manager=case_manager_a)
    c = f.child(service_a, ref="NAMED", given_name="Robin", family_name="Example")
    f.intervention(c, "2025-01-01", "2025-06-01", ref="I-NAMED", accommodation_suitable_end=True)
    f.intervention(f.child(service_b, ref="B-ONLY"), "2025-01-01", "2025-06-01", ref="I-B",
                   accommodation_suitable_end=True)
    return service_a


@pytest.mark.parametrize("persona", ["case_manager_a", "administrator", "outsider", "unknown_role"])
def test_return_page_refuses_roles_without_figures(personas, client_as, persona):
    assert client_as(personas[persona]).get(reverse("kpi_return")).status_code == 403


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("persona", ["case_manager_a", "board_member", "administrator"])
def test_identity_pages_refuse_roles_without_identities(personas, client_as, persona, page):
    assert client_as(personas[persona]).get(reverse(page), Q).status_code == 403


def test_performance_officer_sees_the_ten_with_counts_opening_to_children(data, performance_officer, client_as):
    client = client_as(performance_officer)
    html = client.get(reverse("kpi_return"), Q).content.decode()
    assert "1. Suitable accommodation" in html and "10. Victims" in html
    assert "Released from custody (2023 wording)" in html
    assert "Unsuitable at the start, suitable at the end" in html
    assert "66.7" in html  # A1 and NAMED of A1, A2, NAMED
    assert "January to March 2025" in html  # the quarters before, beside it
    f.intervention(f.child(data, ref="EARLIER"), "2024-10-01", "2025-02-01", ref="I-EARLIER",
                   accommodation_suitable_end=True)
    html = client.get(reverse("kpi_return"), Q).content.decode()
    earlier = "quarter=2025-03-31&amp;code=kpi_accommodation&amp;which=numerator"
    assert earlier in html  # the quarter before opens to its children too
    listed = client.get(reverse("kpi_children"), {"quarter": "2025-03-31", "code": "kpi_accommodation",
                                                  "which": "numerator"}).content.decode()
    assert "EARLIER" in listed and "Robin" not in listed
    assert "kpi_accommodation" in html  # anchors and links name the code; the screen text does not
    assert "code=kpi_serious_violence&amp;which=denominator" not in html  # a population is no list
    page = client.get(reverse("kpi_children"), {**Q, "code": "kpi_accommodation", "which": "numerator"})
    text = page.content.decode()
    assert page.status_code == 200 and "Robin Example" in text and "B-ONLY" not in text
    assert AuditEvent.objects.filter(user=performance_officer, object_type="kpi return",
                                     summary__contains="2 children counted").exists()
    assert "code=kpi_accommodation&amp;which=numerator&amp;sub=unsuitable_to_suitable" in html
    sub = client.get(reverse("kpi_children"), {**Q, "code": "kpi_accommodation", "which": "numerator",
                                               "sub": "unsuitable_to_suitable"}).content.decode()
    assert "A1" in sub and "A2" not in sub  # unsuitable at the start (A1, A2), suitable at the end: A1
    missing = client.get(reverse("kpi_children"), {**Q, "code": "kpi_board_attendance", "which": "missing"})
    assert "11 June 2025: Council lead" in missing.content.decode()
    assert client.get(reverse("kpi_children"), {**Q, "code": "kpi_nothing", "which": "numerator"}).status_code == 404


def test_board_member_sees_aggregates_with_small_numbers_suppressed(data, board_member, client_as):
    html = client_as(board_member).get(reverse("kpi_return"), Q).content.decode()
    assert "fewer than 5" in html
    assert "Robin" not in html and "NAMED" not in html and "Download" not in html
    assert "66.7" not in html  # worked out from 2 of 3: not shown
    assert "Mark as submitted" not in html and "By kind of intervention" not in html


def test_completeness_groups_by_case_manager_and_links_to_the_intervention(data, manager, client_as,
                                                                        case_manager_a):
    page = client_as(manager).get(reverse("kpi_completeness"), Q)
    html = page.content.decode()
    assert page.status_code == 200
    a3 = Intervention.objects.get(reference="I-A3")
    assert case_manager_a.get_full_name() in html
    assert reverse("intervention_edit", args=[a3.child_id, a3.pk]) in html
    assert "whether the accommodation at the end was suitable" in html
    assert "11 June 2025: Council lead" in html and "11 June 2025: Someone" in html


def test_downloads_match_the_command(data, performance_officer, client_as):
    client = client_as(performance_officer)
    x = client.get(reverse("kpi_download"), {**Q, "format": "xlsx"})
    wb = load_workbook(io.BytesIO(x.content))
    assert wb.sheetnames == ["summary", "children"]
    assert "NORTHDALE" in x["Content-Disposition"]
    c = client.get(reverse("kpi_download"), {**Q, "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(c.content.decode())))
    main = next(r for r in rows if r["code"] == "kpi_accommodation" and r["measure"] == "main")
    assert (main["numerator"], main["denominator"], main["value"], main["missing"]) == ("2", "3", "66.7", "1")
    assert AuditEvent.objects.filter(verb="export", object_type="kpi return").count() == 2


def test_submit_refused_while_items_missing_unless_a_reason_then_frozen_and_reopened(data, manager, client_as):
    client = client_as(manager)
    refused = client.post(reverse("kpi_submit") + "?quarter=2025-06-30", {"reason": ""})
    assert refused.status_code == 400
    assert "Enter why the return is submitted with" in refused.content.decode()
    assert not KpiSubmission.objects.exists()
    done = client.post(reverse("kpi_submit") + "?quarter=2025-06-30", {"reason": "A3 transferred out"})
    assert done.status_code == 302
    s = KpiSubmission.objects.get()
    # 1 accommodation + 4 each for ETE, SEND, mental health, substance misuse + 2 board places
    assert (s.submitted_by, s.missing, s.missing_reason) == (manager, 19, "A3 transferred out")
    assert s.data_vintage is not None and s.versions["kpi_accommodation"] == "1"
    assert s.figures["kpi_accommodation"]["numerator"] == 2
    assert AuditEvent.objects.filter(object_type="indicators.KpiSubmission", verb="create").exists()
    # the records change after submission: the return keeps its figures and shows what changed
    Intervention.objects.filter(reference="I-A3").update(accommodation_suitable_end=True)
    html = client.get(reverse("kpi_return"), Q).content.decode()
    assert "Submitted on" in html and "66.7" in html
    assert "What has changed since the return was submitted" in html and "Now counted: A3" in html
    # a submitted return downloads as submitted: the summary and the children both frozen
    frozen = client.get(reverse("kpi_download"), {**Q, "format": "xlsx"})
    wb = load_workbook(io.BytesIO(frozen.content))
    main = next(r for r in wb["summary"].iter_rows(values_only=True) if r[:2] == ("kpi_accommodation", "main"))
    assert main[2:] == (2, 3, 66.7, 1)
    children = list(wb["children"].iter_rows(values_only=True))
    a3 = dict(zip(children[0], next(r for r in children if r[0] == "A3"), strict=True))
    assert a3["accommodation_suitable_end"] is None and "kpi_accommodation" in a3["missing_for"]
    again = client.post(reverse("kpi_submit") + "?quarter=2025-06-30", {"reason": "again"})
    assert "already submitted" in again.content.decode() and KpiSubmission.objects.count() == 1
    assert client.post(reverse("kpi_reopen") + "?quarter=2025-06-30", {"reason": ""}).status_code == 400
    assert client.post(reverse("kpi_reopen") + "?quarter=2025-06-30", {"reason": "A3 corrected"}).status_code == 302
    html = client.get(reverse("kpi_return"), Q).content.decode()
    assert "Not submitted" in html and "Reopened on" in html and "Now counted: A3" in html and "75.0" in html


def test_submit_without_missing_items_needs_no_reason(service_a, performance_officer, client_as):
    f.intervention(f.child(service_a, ref="OK"), "2025-01-01", "2025-06-01", ref="I-OK",
                   accommodation_suitable_end=True, ete_suitable_end=True, send_identified=False, mh_need=False,
                   substance_need=False)
    done = client_as(performance_officer).post(reverse("kpi_submit") + "?quarter=2025-06-30", {})
    assert done.status_code == 302 and KpiSubmission.objects.get().missing == 0


def test_the_kpis_are_on_the_dashboard_and_have_their_own_pages(data, performance_officer, client_as):
    client = client_as(performance_officer)
    dashboard = client.get(reverse("dashboard"), {"period": "quarter:2025-06-30"})
    assert dashboard.status_code == 200 and "Key performance indicators" in dashboard.content.decode()
    page = client.get(reverse("indicator", args=["kpi_accommodation"]), {"period": "quarter:2025-06-30"})
    assert page.status_code == 200 and "Suitable accommodation" in page.content.decode()
