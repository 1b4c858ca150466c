from __future__ import annotations

from datetime import date

import pytest

from openyj.indicators.engine import Settings, tables_for
from openyj.indicators.suite import compute_suite

AS_OF = date(2030, 1, 1)  # far enough ahead that every test cohort is final unless a test says otherwise


@pytest.fixture
def run():
    """run(service, period, only=None, as_of=AS_OF, backend="duckdb") → {indicator id: Result}."""

    def _run(service, period, only=None, as_of=AS_OF, backend="duckdb", settings=None):
        t = tables_for([service], backend=backend, as_of=as_of, settings=settings or Settings())
        return compute_suite(t, period, only=only)[service.pk]

    return _run


def pytest_configure(config):
    # Ibis 12 calls a method DuckDB 2.0 deprecates; not ours to fix.
    config.addinivalue_line("filterwarnings", "ignore:fetch_arrow_table:DeprecationWarning")
