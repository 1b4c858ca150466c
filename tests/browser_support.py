"""Browser tests: Playwright driving Debian's Chromium (never a downloaded browser)."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("OPENYJ_CHROMIUM", "/usr/bin/chromium")
# Flags for a sandboxed CI machine with no network: no background fetches, no first-run dialogs.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
]


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or "live_server" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath) or "browser" in item.fixturenames:
            item.add_marker(pytest.mark.browser)
    # As Django's own runner does: transactional tests last. Each ends by emptying every table,
    # reference data included, which the tests after it on the same worker would otherwise miss.
    items.sort(key=_transactional)


@pytest.fixture(autouse=True)
def _reference_data_after_flush(request):
    """A transactional test ends by emptying every table, including the reference data that the
    migrations loaded (outcome ladder, offence categories). Load it again for such tests, so they
    and the tests after them on the same worker see the same database a migration gives."""
    if not _transactional(request.node):
        yield
        return
    request.getfixturevalue("transactional_db")
    _load_reference_data()
    # The database cache's table is not a model's, so the flush leaves it: start each such test
    # without the rate-limit counters of the one before.
    from django.core.cache import cache

    cache.clear()
    yield


# The data migrations that load reference data, in order: each has a ``load(apps, schema_editor)``.
REFERENCE_DATA_MIGRATIONS = [
    "openyj.offending.migrations.0002_reference_data",
    "openyj.offending.migrations.0003_outcome_type_supervised",
]


def _load_reference_data():
    import importlib

    from django.apps import apps

    for name in REFERENCE_DATA_MIGRATIONS:
        importlib.import_module(name).load(apps, None)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.fail(f"The browser tests need Debian's Chromium at {CHROMIUM}: apt-get install chromium")
    # Playwright runs an event loop in this thread; Django's ORM guard would otherwise refuse the
    # test's own database set-up while it runs.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def sign_in(live_server):
    def _sign_in(page, user, password):
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=login]", user.username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_load_state("networkidle")

    return _sign_in


def confirm_password_if_asked(page, password) -> None:
    """Imports, exports and changes to access ask for the password again (allauth's
    re-authentication) when it was not given in the last few minutes: give it."""
    if page.locator("h1").first.inner_text() == "Confirm it’s you":
        page.fill("input[name=password]", password)
        page.click("button:has-text('Continue')")
        page.wait_for_load_state("networkidle")


def axe_violations(page) -> list[dict]:
    """Run axe-core (shipped inside axe-playwright-python) on the page; return the violations."""
    from axe_playwright_python.sync_playwright import Axe

    tags = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa"]
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": tags}})
    return results.response["violations"]
