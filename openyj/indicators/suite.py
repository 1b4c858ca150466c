"""The indicator suite: which definitions run, and how a run is asked for.

``compute_suite(tables, period)`` runs every definition once for all the services in ``tables``
(one query per definition, grouped by service), so a national run costs little more than one
service's.
"""

from __future__ import annotations

from datetime import date

from openyj.indicators import registry
from openyj.indicators.engine import Settings, Tables, tables_for
from openyj.indicators.periods import Period
from openyj.indicators.results import Result


def compute_suite(t: Tables, period: Period, only: set[str] | None = None) -> dict[int, dict[str, Result]]:
    """service id → indicator code → Result, for every registered definition (or those named in
    ``only``, by definition key or indicator code)."""
    out: dict[int, dict[str, Result]] = {sid: {} for sid in t.service_ids}
    for d in registry.definitions():
        codes = {i.code for i in d.indicators}
        if only is not None and d.key not in only and not codes & only:
            continue
        produced = d.compute(t, period)
        for code, per_service in produced.items():
            if code not in codes:
                raise RuntimeError(f"{d.module or d.key} computed {code}, which it does not declare")
            if only is not None and code not in only and d.key not in only:
                continue
            for sid, result in per_service.items():
                out.setdefault(sid, {})[code] = result
    return out


def settings_for(service) -> Settings:
    """The service's configured definition parameters (each declared in its definition module;
    defaults where none are set, or where a stored value no longer passes its checks)."""
    from django.conf import settings as django_settings

    from openyj.indicators.settings_models import IndicatorSetting

    s = Settings(small_number_threshold=getattr(django_settings, "OPENYJ_SMALL_NUMBER_THRESHOLD", 5))
    with_parameters = registry.with_parameters()
    stored = {x.indicator: x.parameters or {} for x in IndicatorSetting.objects.filter(
        service=service, indicator__in=[d.settings_key for d in with_parameters])}
    for d in with_parameters:
        values = stored.get(d.settings_key, {})
        for p in d.parameters:
            if values.get(p.name) is not None:
                setattr(s, p.setting, p.from_stored(values[p.name]))
    return s


def service_tables(service, *, backend: str = "duckdb", as_of: date | None = None) -> Tables:
    return tables_for([service], backend=backend, as_of=as_of or date.today(), settings=settings_for(service))


def service_suite(service, period: Period, *, backend: str = "duckdb", as_of: date | None = None,
                  only: set[str] | None = None) -> dict[str, Result]:
    """Every indicator for one service and period."""
    t = service_tables(service, backend=backend, as_of=as_of)
    return compute_suite(t, period, only=only)[service.pk]


class SuiteCache:
    """Suites already computed on one set of tables, by period: a page that needs the same period
    twice (the dashboard's comparators and its trend share quarters) computes it once."""

    def __init__(self, t: Tables, only: set[str] | None = None):
        self.t, self.only, self._done = t, only, {}

    def __call__(self, period: Period) -> dict[int, dict[str, Result]]:
        key = (period.start, period.end)
        if key not in self._done:
            self._done[key] = compute_suite(self.t, period, only=self.only)
        return self._done[key]


def with_comparators(service, period: Period, t: Tables, only: set[str] | None = None,
                     cache: SuiteCache | None = None) -> dict[str, Result]:
    """The suite for ``period`` with every comparator, change and RAG attached.

    The result objects are copies, so comparators attached here never reach another user of ``cache``.
    """
    import copy

    from openyj.indicators.comparators import attach
    from openyj.indicators.models import ComparatorValue
    from openyj.indicators.settings_models import IndicatorSetting

    cache = cache or SuiteCache(t, only)
    now = copy.deepcopy(cache(period)[service.pk])
    previous = cache(period.previous())[service.pk]
    year_earlier = cache(period.year_earlier())[service.pk]
    published = list(ComparatorValue.objects.filter(service=service, indicator__in=list(now)))
    settings = {s.indicator: s for s in IndicatorSetting.objects.filter(service=service)}
    for key, result in now.items():
        s = settings.get(key)
        attach(result, previous=previous.get(key), year_earlier=year_earlier.get(key),
               target=s.target if s else None, published_values=published,
               better=(s.better or None) if s else None,
               tolerance=s.tolerance_percent if s else 5)
    return now
