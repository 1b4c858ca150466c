"""The casework pages in a real browser (Debian's Chromium), at desktop, tablet and phone widths, with axe:
a case manager's default caseload, name sort across pages, the filter toggle on narrow screens, adding a
remand, a custody episode, an episode and a victim from the child's page, and the manager's work queue."""

from __future__ import annotations

import os
from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.browser.conftest import axe_violations
from tests.conftest import PASSWORD, make_user
from tests.factories import AssessmentFactory, ChildFactory, InterventionFactory, OffenceFactory, OutcomeFactory

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP, TABLET, PHONE = (1280, 900), (768, 1024), (390, 844)


@pytest.fixture(autouse=True)
def _time_for_a_loaded_machine(page):
    """The first page of a fresh live server can be slow on a shared test machine."""
    page.set_default_timeout(45000)


def snap(page, name):
    """Save a screenshot when OPENYJ_SCREENSHOTS names a folder (for looking at pages by eye)."""
    folder = os.environ.get("OPENYJ_SCREENSHOTS")
    if folder:
        page.screenshot(path=f"{folder}/{name}.png", full_page=True)


def assert_accessible(page):
    violations = axe_violations(page)
    assert not violations, "\n".join(
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes) {v['nodes'][0]['target']}" for v in violations)


WIDER_THAN_THE_SCREEN = """() => [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('table'))
    .slice(0, 5).map(e => e.tagName + '.' + e.className)"""


def no_sideways_scroll(page):
    """The page itself never scrolls sideways: wide tables scroll inside their own box."""
    wider = page.evaluate(WIDER_THAN_THE_SCREEN)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), wider


def go(page, selector: str) -> None:
    """Follow a link or submit a form, and wait for the next page."""
    with page.expect_navigation():
        page.click(selector)


def rows(page) -> list[str]:
    return page.locator("tbody tr td:first-child").all_inner_texts()


@pytest.fixture
def caseload_data(service_a, case_manager_a):
    other = make_user("other_cm", service_a, "case_manager")
    mine = []
    for given, family in [("Ada", "Zed"), ("Ben", "Abbot"), ("Cy", "Moss")]:
        child = ChildFactory(service=service_a, given_name=given, family_name=family)
        InterventionFactory(child=child, case_manager=case_manager_a)
        mine.append(child)
    was_mine = ChildFactory(service=service_a, given_name="Dan", family_name="Once")
    InterventionFactory(child=was_mine, case_manager=case_manager_a, end_date=date(2024, 9, 1), end_reason="completed")
    InterventionFactory(child=was_mine, case_manager=other, start_date=date(2024, 9, 2))
    ChildFactory(service=service_a, given_name="Eve", family_name="Closed")
    return mine


def test_a_case_managers_default_caseload_is_their_open_work(page, live_server, sign_in, case_manager_a,
                                                              caseload_data):
    page.set_viewport_size({"width": DESKTOP[0], "height": DESKTOP[1]})
    sign_in(page, case_manager_a, PASSWORD)
    assert page.url.endswith("/children/")
    assert rows(page) == ["Ben Abbot", "Cy Moss", "Ada Zed"]
    assert "your open work" in page.locator("main").inner_text()
    assert page.locator("#q").is_visible()  # at desktop width the filter is open beside the list
    assert_accessible(page)
    snap(page, "caseload-1280")
    go(page, "text=Show every child in the service")
    assert len(rows(page)) == 5


def test_name_sort_goes_across_pages(page, live_server, sign_in, manager, service_a, monkeypatch):
    from openyj.casework import views

    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    for given, family in [("Logan", "Ackroyd"), ("Jacob", "Ackroyd"), ("Samuel", "Abdi"), ("Ruby", "Ackroyd"),
                          ("Amy", "Zane")]:
        ChildFactory(service=service_a, given_name=given, family_name=family)
    page.set_viewport_size({"width": DESKTOP[0], "height": DESKTOP[1]})
    sign_in(page, manager, PASSWORD)
    assert rows(page) == ["Samuel Abdi", "Jacob Ackroyd"]
    go(page, ".govuk-pagination__next a")
    assert rows(page) == ["Logan Ackroyd", "Ruby Ackroyd"]
    go(page, "th a:has-text('Name')")  # now descending, from the whole list
    assert rows(page) == ["Amy Zane", "Ruby Ackroyd"]
    assert page.locator("th[aria-sort=descending]").inner_text().startswith("Name")
    assert_accessible(page)


@pytest.mark.parametrize("size", [TABLET, PHONE], ids=["768", "390"])
def test_the_caseload_is_usable_on_narrow_screens(page, live_server, sign_in, case_manager_a, caseload_data, size):
    page.set_viewport_size({"width": size[0], "height": size[1]})
    sign_in(page, case_manager_a, PASSWORD)
    first = page.locator("tbody tr").first
    assert first.is_visible()
    box = first.bounding_box()
    assert box is not None and box["y"] < size[1] * 2  # reached by scrolling down, not hidden under a panel
    assert not page.locator(".moj-filter").is_visible()
    no_sideways_scroll(page)
    assert_accessible(page)
    snap(page, f"caseload-{size[0]}")
    page.click("button:has-text('Show filter')")
    assert page.locator("#q").is_visible()
    box = page.locator(".moj-filter").bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= size[0] + 1
    page.screenshot(path=f"{os.environ.get('OPENYJ_SCREENSHOTS', '/tmp')}/caseload-{size[0]}-filter.png")
    page.fill("#q", "Abbot")
    go(page, "text=Apply filters")
    assert rows(page) == ["Ben Abbot"]


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1280", "390"])
def test_adding_records_from_the_childs_page(page, live_server, sign_in, case_manager_a, service_a, size):
    from openyj.offending.models import OutcomeType

    child = ChildFactory(service=service_a, given_name="Robin", family_name="Hartley", date_of_birth=date(2009, 2, 3))
    offence = OffenceFactory(child=child, offence_date=date(2024, 3, 1), category_id="robbery", seriousness=6)
    OutcomeFactory(child=child, outcome_date=date(2024, 5, 2),
                   outcome_type=OutcomeType.objects.get(code="detention_training_order"))
    InterventionFactory(child=child, case_manager=case_manager_a, start_date=date(2024, 5, 2))
    page.set_viewport_size({"width": size[0], "height": size[1]})
    sign_in(page, case_manager_a, PASSWORD)
    page.goto(f"{live_server.url}/children/{child.pk}/")
    no_sideways_scroll(page)
    assert_accessible(page)
    snap(page, f"child-{size[0]}")

    def fill_date(prefix, when):
        page.fill(f"#id_{prefix}_day", str(when.day))
        page.fill(f"#id_{prefix}_month", str(when.month))
        page.fill(f"#id_{prefix}_year", str(when.year))

    page.click("text=Add a remand")
    page.click("button:has-text('Save')")  # nothing chosen: the error summary says what to do
    assert "Select the type of remand" in page.locator(".govuk-error-summary").inner_text()
    assert_accessible(page)
    snap(page, f"remand-errors-{size[0]}")
    page.check("text=Remand to youth detention accommodation")
    fill_date("start_date", date(2024, 4, 1))
    fill_date("end_date", date(2024, 5, 2))
    page.click("button:has-text('Save')")
    assert "Remand added" in page.locator(".govuk-notification-banner").inner_text()

    page.click("text=Add a custody episode")
    assert_accessible(page)
    page.select_option("#id_outcome", index=1)
    page.check("text=Secure children's home")
    fill_date("start_date", date(2024, 5, 2))
    fill_date("release_date", date(2024, 8, 2))
    page.check("#id_accommodation_on_release_suitable_0")
    page.check("text=Full time")
    page.click("button:has-text('Save')")
    assert "Custody episode added" in page.locator(".govuk-notification-banner").inner_text()

    page.click("text=Add a care or early help episode")
    assert_accessible(page)
    page.check("text=Child in need")
    fill_date("start_date", date(2023, 6, 1))
    page.click("button:has-text('Save')")
    assert "Care or early help episode added" in page.locator(".govuk-notification-banner").inner_text()

    page.click("text=Add a victim")
    assert_accessible(page)
    snap(page, f"victim-form-{size[0]}")
    page.check(f"text=({offence.reference})")
    page.check("#id_consent_to_contact_0")
    page.check("#id_rj_offered_0")
    page.get_by_label("Indirect", exact=True).check()
    page.get_by_label("Very satisfied", exact=True).check()
    page.click("button:has-text('Save')")
    assert "Victim contact added" in page.locator(".govuk-notification-banner").inner_text()

    main = page.locator("main").inner_text()
    for text in ("Remand to youth detention accommodation", "2 August 2024", "Child in need", "5 out of 5"):
        assert text in main, text
    no_sideways_scroll(page)
    assert_accessible(page)
    snap(page, f"child-after-{size[0]}")


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_managers_work_queue(page, live_server, sign_in, manager, case_manager_a, service_a, size):
    today = timezone.localdate()
    child = ChildFactory(service=service_a, given_name="Kai", family_name="Northam")
    work = InterventionFactory(child=child, case_manager=case_manager_a)
    AssessmentFactory(child=child, intervention=work, due_on=today - timedelta(days=3))
    signed = AssessmentFactory(child=child, intervention=work, completed_on=date(2024, 7, 20), due_on=date(2024, 7, 29))
    InterventionFactory(child=child, end_date=date(2024, 12, 1), end_reason="completed")
    page.set_viewport_size({"width": size[0], "height": size[1]})
    sign_in(page, manager, PASSWORD)
    assert page.locator("a[href='/children/work-queue/']").count() >= 1  # in the header
    page.goto(f"{live_server.url}/children/work-queue/")
    assert page.locator("h1").inner_text() == "Work queue"
    assert_accessible(page)
    no_sideways_scroll(page)
    snap(page, f"work-queue-{size[0]}")
    page.locator("#countersign ~ div button:has-text('Countersign')").first.click()
    assert f"Assessment {signed.reference} for Kai Northam countersigned" in page.locator(
        ".govuk-notification-banner").inner_text()
    assert page.locator("h1").inner_text() == "Work queue"
    assert "No completed assessments are waiting for countersignature." in page.locator("main").inner_text()
