"""The demo's quality data is checked with the quality tests' case builders."""

from tests.quality.conftest import cases_a, second_manager  # noqa: F401 - fixtures
