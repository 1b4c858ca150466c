"""The documents' pages: who may do what, and a plan taken from draft to published through them."""

from __future__ import annotations

from datetime import date

import docx
import pytest
from django.urls import reverse

from openyj.core.models import AuditEvent
from openyj.documents.models import Document, SectionText

pytestmark = pytest.mark.django_db


def _day(prefix: str, d: date) -> dict[str, str]:
    return {f"{prefix}_day": str(d.day), f"{prefix}_month": str(d.month), f"{prefix}_year": str(d.year)}


@pytest.fixture
def plan(service_a, performance_officer):
    from openyj.documents.services import document_create

    return document_create(user=performance_officer, service=service_a, kind="plan", year="2026/27")


@pytest.mark.parametrize(("persona", "status"), [
    ("performance_officer", 200), ("manager", 200), ("board_member", 200),
    ("case_manager_a", 403), ("administrator", 403), ("unknown_role", 403),
])
def test_the_list_is_for_those_who_see_figures(client_as, personas, persona, status):
    assert client_as(personas[persona]).get(reverse("documents")).status_code == status


@pytest.mark.parametrize(("persona", "status"), [
    ("performance_officer", 200), ("manager", 200),
    ("board_member", 403), ("case_manager_a", 403), ("administrator", 403),
])
def test_only_producers_start_a_plan(client_as, personas, persona, status):
    assert client_as(personas[persona]).get(reverse("document_plan_create")).status_code == status
    assert client_as(personas[persona]).get(reverse("document_board_report_create")).status_code == status


def test_a_board_member_sees_no_draft_and_another_service_sees_nothing(client_as, plan, board_member,
                                                                        case_manager_b, service_b):
    from openyj.core.models import Membership
    from openyj.core.roles import Role

    page = client_as(board_member).get(reverse("documents"))
    assert "Youth Justice Plan 2026/27" not in page.content.decode()
    assert client_as(board_member).get(reverse("document_detail", args=[plan.pk])).status_code == 404
    Membership.objects.filter(user=case_manager_b).update(role=Role.PERFORMANCE_OFFICER)
    other = client_as(case_manager_b)
    assert other.get(reverse("document_detail", args=[plan.pk])).status_code == 404
    assert other.get(reverse("document_text", args=[plan.pk, "introduction.vision"])).status_code == 404
    assert other.post(reverse("document_board_approve", args=[plan.pk]), {}).status_code == 404


def test_a_board_member_cannot_write_even_by_posting(client_as, plan, board_member):
    client = client_as(board_member)
    url = reverse("document_text", args=[plan.pk, "introduction.vision"])
    assert client.post(url, {"text": "Ours"}).status_code == 403
    assert not SectionText.objects.exists()


def test_the_narrative_is_markdown_with_history_and_what_changed(client_as, plan, performance_officer):
    client = client_as(performance_officer)
    url = reverse("document_text", args=[plan.pk, "introduction.vision"])
    assert client.post(url, {"text": "# Our vision\n\nEvery child <script>alert(1)</script> safe."}).status_code == 302
    assert client.post(url, {"text": "# Our vision\n\nEvery child thrives."}).status_code == 302
    page = client.get(url).content.decode()
    assert "Version 2" in page and "Version 1" in page
    assert "Added: Every child thrives." in page
    assert "Removed: Every child &lt;script&gt;" in page
    same = client.post(url, {"text": "# Our vision\n\nEvery child thrives."})
    assert same.status_code == 400 and "Nothing changed" in same.content.decode()
    v = SectionText.objects.filter(key="introduction.vision").order_by("version")
    assert [t.version for t in v] == [1, 2] and v[1].author == performance_officer
    assert AuditEvent.objects.filter(object_type="documents.Document", summary__contains="version 2").exists()
    from openyj.documents.markup import to_html

    assert "<script>" not in to_html(v[0].text) and "&lt;script&gt;" in to_html(v[0].text)
    assert to_html("# Heading", below=1).startswith("<h2>")


def test_last_years_text_is_offered_as_a_start(client_as, plan, performance_officer, service_a):
    from openyj.documents.services import document_create, text_save

    last = document_create(user=performance_officer, service=service_a, kind="plan", year="2025/26")
    text_save(user=performance_officer, document=last, key="introduction.vision", text="Last year's vision.")
    client = client_as(performance_officer)
    url = reverse("document_text", args=[plan.pk, "introduction.vision"])
    assert "Start from last year" in client.get(url).content.decode()
    assert "Last year&#x27;s vision." in client.get(url + "?start=last-year").content.decode()


def test_a_commentary_edit_with_a_number_not_in_the_figures_is_refused(client_as, plan, performance_officer):
    client = client_as(performance_officer)
    url = reverse("document_commentary", args=[plan.pk, "fte"])
    page = client.get(url)
    assert page.status_code == 200
    refused = client.post(url, {"text": "First time entrants fell to 42."})
    assert refused.status_code == 400 and "42" in refused.content.decode()
    assert "not in the figures" in refused.content.decode()
    assert client.post(url, {"text": "First time entrants: see the table."}).status_code == 302
    assert SectionText.objects.get(key="commentary.fte").text == "First time entrants: see the table."


def test_a_plan_from_draft_to_published_then_read_by_the_board(client_as, plan, performance_officer,
                                                                board_member, settings, tmp_path):
    settings.OPENYJ_DOCUMENTS_DIR = tmp_path / "documents"
    client = client_as(performance_officer)
    client.post(reverse("document_text", args=[plan.pk, "introduction.vision"]), {"text": "A safe city."})
    today = date.today()
    # Steps out of order are refused with a reason.
    early = client.post(reverse("document_submit", args=[plan.pk]), _day("submitted_on", today))
    assert early.status_code == 400 and "cannot be submitted now" in early.content.decode()
    assert client.post(reverse("document_board_approve", args=[plan.pk]),
                       {"chair": "Pat Chair", **_day("approved_on", today)}).status_code == 302
    # Approved: the text is locked.
    locked = client.post(reverse("document_text", args=[plan.pk, "introduction.vision"]), {"text": "Changed"})
    assert locked.status_code == 400
    assert client.post(reverse("document_submit", args=[plan.pk]), _day("submitted_on", today)).status_code == 302
    plan.refresh_from_db()
    assert plan.status == "submitted" and plan.frozen["figures"]["period"]["label"] == "12 months to March 2026"
    assert "previous_year.performance" in plan.frozen["sections"]
    assert client.get(reverse("document_changes", args=[plan.pk])).status_code == 200
    assert client.post(reverse("document_comment", args=[plan.pk]),
                       {"text": "Add the victims section.", **_day("received_on", today)}).status_code == 302
    for council in ("Northdale City Council", "Eastvale Borough Council"):
        assert client.post(reverse("document_council_approve", args=[plan.pk]),
                           {"council": council, **_day("approved_on", today)}).status_code == 302
    twice = client.post(reverse("document_council_approve", args=[plan.pk]),
                        {"council": "Northdale City Council", **_day("approved_on", today)})
    assert twice.status_code == 400 and "already recorded" in twice.content.decode()
    # Before publication the board member cannot see it.
    board = client_as(board_member)
    assert board.get(reverse("document_detail", args=[plan.pk])).status_code == 404
    assert client.post(reverse("document_publish", args=[plan.pk]), _day("published_on", today)).status_code == 302
    plan.refresh_from_db()
    assert plan.status == "published" and plan.council_approvals.count() == 2
    # The board member reads it and produces its files (the task runs at once in tests).
    assert board.get(reverse("document_detail", args=[plan.pk])).status_code == 200
    started = board.post(reverse("document_render", args=[plan.pk]))
    assert started.status_code == 302
    run = plan.renderings.get()
    assert run.status == "done", run.error
    done = board.get(started["Location"])
    assert "are ready" in done.content.decode()
    word = board.get(reverse("document_file", args=[plan.pk, run.pk, "docx"]))
    assert word.status_code == 200
    path = tmp_path / "plan.docx"
    path.write_bytes(b"".join(word.streaming_content))
    text = "\n".join(p.text for p in docx.Document(path).paragraphs)
    assert "A safe city." in text
    table_text = "\n".join(c.text for t in docx.Document(path).tables for r in t.rows for c in r.cells)
    assert "Approved by Eastvale Borough Council" in table_text and "Pat Chair" in table_text
    assert board.get(reverse("document_file", args=[plan.pk, run.pk, "pdf"])).status_code == 200
    pages = board.get(reverse("document_file", args=[plan.pk, run.pk, "html"]))
    assert pages.status_code == 200 and pages["Content-Type"] == "application/zip"
    import io
    import zipfile

    names = zipfile.ZipFile(io.BytesIO(pages.content)).namelist()
    assert "youth-justice-plan-2026-27/html/index.html" in names
    assert "youth-justice-plan-2026-27/youth-justice-plan-2026-27.pdf" in names


def test_a_board_report_is_circulated_and_frozen(client_as, manager, service_a):
    client = client_as(manager)
    made = client.post(reverse("document_board_report_create"), {
        **_day("period_start", date(2026, 1, 1)), **_day("period_end", date(2026, 3, 31))})
    assert made.status_code == 302
    report = Document.objects.get(kind="board_report")
    assert report.basename == "board-report-2026-03-31"
    assert client.post(reverse("document_circulate", args=[report.pk]),
                       _day("circulated_on", date.today())).status_code == 302
    report.refresh_from_db()
    assert report.status == "circulated" and report.is_frozen
    assert report.frozen["figures"]["period"]["label"] == "January to March 2026"


PRODUCER_PAGES = ["document_text", "document_commentary", "document_board_approve", "document_submit",
                  "document_comment", "document_council_approve", "document_publish", "document_circulate",
                  "document_changes"]


@pytest.mark.parametrize("name", PRODUCER_PAGES)
@pytest.mark.parametrize("persona", ["board_member", "case_manager_a", "administrator"])
def test_every_producing_page_refuses_the_wrong_role(client_as, personas, plan, name, persona):
    args = {"document_text": [plan.pk, "introduction.vision"], "document_commentary": [plan.pk, "fte"]}
    url = reverse(name, args=args.get(name, [plan.pk]))
    client = client_as(personas[persona])
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403


@pytest.mark.parametrize("persona", ["case_manager_a", "administrator"])
def test_files_and_details_refuse_roles_without_figures(client_as, personas, plan, persona):
    client = client_as(personas[persona])
    assert client.get(reverse("document_detail", args=[plan.pk])).status_code == 403
    assert client.post(reverse("document_render", args=[plan.pk])).status_code == 403
