"""Browser fixtures live in tests/browser_support.py (a plugin loaded by tests/conftest.py) so that
every browser test in any folder shares one Chromium per worker."""

from tests.browser_support import axe_violations  # noqa: F401  (imported by the tests here)
