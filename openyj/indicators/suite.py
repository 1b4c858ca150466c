"""The indicator suite: which definitions run, and how a run is asked for.

``compute_suite(tables, period)`` runs every definition once for all the services in ``tables``
(one query per definition, grouped by service), so a national run costs little more than one
service's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from openyj.indicators import (
    caseload,
    congruence,
    custody,
    ete,
    feedback,
    fte,
    kpis,
    looked_after,
    profile,
    remands,
    reoffending,
    serious_violence,
    timeliness,
    weapons,
)
from openyj.indicators.engine import Settings, Tables, tables_for
from openyj.indicators.periods import Period
from openyj.indicators.results import Result

# id → (name, compute). A compute returns {service id: Result} or, for modules that produce more
# than one figure, {id: {service id: Result}}.
DEFINITIONS: list[tuple[str, Callable]] = [
    ("fte", fte.compute),
    ("reoffending", reoffending.compute),
    ("custody", custody.compute),
    ("remands", remands.compute),
    ("serious_violence", serious_violence.compute),
    ("weapons", weapons.compute),
    ("profile", profile.compute),
    ("looked_after", looked_after.compute),
    ("caseload", caseload.compute),
    ("congruence", congruence.compute),
    ("feedback", feedback.compute),
    ("timeliness", timeliness.compute),
    ("ete", ete.compute),
    ("kpis", kpis.compute),  # the ten YJB key performance indicators, kpi_*
]


def register(name: str, compute: Callable) -> None:
    if all(n != name for n, _ in DEFINITIONS):
        DEFINITIONS.append((name, compute))


def compute_suite(t: Tables, period: Period, only: set[str] | None = None) -> dict[int, dict[str, Result]]:
    """service id → indicator id → Result, for every definition (or those named in ``only``)."""
    out: dict[int, dict[str, Result]] = {sid: {} for sid in t.service_ids}
    for name, compute in DEFINITIONS:
        if only is not None and name not in only:
            continue
        produced = compute(t, period)
        first = next(iter(produced.values()), None)
        groups = produced if isinstance(first, dict) else {name: produced}
        for indicator_id, per_service in groups.items():
            if only is not None and indicator_id not in only and name not in only:
                continue
            for sid, result in per_service.items():
                out.setdefault(sid, {})[indicator_id] = result
    return out


def settings_for(service) -> Settings:
    """The service's configured definition parameters (defaults where none are set)."""
    from django.conf import settings as django_settings

    from openyj.indicators.settings_models import IndicatorSetting

    s = Settings(small_number_threshold=getattr(django_settings, "OPENYJ_SMALL_NUMBER_THRESHOLD", 5))
    syv = IndicatorSetting.objects.filter(service=service, indicator="serious_violence").first()
    if syv and syv.parameters:
        s.syv_categories = tuple(syv.parameters.get("categories", s.syv_categories))
        s.syv_min_seriousness = int(syv.parameters.get("min_seriousness", s.syv_min_seriousness))
    remand = IndicatorSetting.objects.filter(service=service, indicator="remands_no_custody").first()
    if remand and remand.parameters.get("window_days") is not None:
        s.remand_custody_window_days = int(remand.parameters["window_days"])
    lac = IndicatorSetting.objects.filter(service=service, indicator="looked_after").first()
    if lac and lac.parameters.get("include_remand_only") is not None:
        s.looked_after_include_remand_only = bool(lac.parameters["include_remand_only"])
    wider = IndicatorSetting.objects.filter(service=service, indicator="kpi_wider_services").first()
    if wider and wider.parameters.get("include_early_help") is not None:
        s.kpi_early_help = bool(wider.parameters["include_early_help"])
    board = IndicatorSetting.objects.filter(service=service, indicator="kpi_board_attendance").first()
    if board and board.parameters.get("threshold_percent") is not None:
        s.kpi_board_threshold = float(board.parameters["threshold_percent"])
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
