"""Computing and storing figure sets (:mod:`openyj.indicators.figure_models`).

Called by the ``figures_refresh`` task (``openyj worker``) and by ``openyj figures refresh``, never in
a web request. Like with like (``domain/indicators.md``): for a chosen quarter, an annual measure
(FTE, custody, serious violence) is headlined as the rolling 12 months ending at that quarter, with
comparators of that length; every other indicator over the period chosen.
"""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from openyj.indicators import registry
from openyj.indicators.figure_models import FigureSet, FigureState
from openyj.indicators.periods import Period, last_quarters
from openyj.indicators.results import Result

logger = logging.getLogger(__name__)

TREND_QUARTERS = 8


def headline_period(indicator: registry.Indicator, period: Period) -> Period:
    """The period an indicator is headlined over when ``period`` is chosen."""
    if indicator.period == registry.ANNUAL and period.kind == "quarter":
        return Period.rolling_12(period.end)
    return period


def trend_period(indicator: registry.Indicator, quarter: Period) -> Period:
    """One point of the trend: the quarter, or for an annual measure the 12 months ending with it."""
    return Period.rolling_12(quarter.end) if indicator.period == registry.ANNUAL else quarter


def records_changed_at(service_id: int):
    state, _ = FigureState.objects.get_or_create(service_id=service_id)
    return state.records_changed_at


def compute(service, period: Period, *, as_of=None) -> dict:
    """Every indicator of ``service`` for ``period`` with comparators and trend, ready to store."""
    from openyj.indicators.suite import SuiteCache, service_tables, with_comparators

    every = registry.indicators()
    annual = {c for c, i in every.items() if i.period == registry.ANNUAL}
    others = set(every) - annual
    t = service_tables(service, as_of=as_of)
    caches = {"annual": SuiteCache(t, annual), "other": SuiteCache(t, others)}
    results: dict[str, Result] = {}
    for group, codes in (("other", others), ("annual", annual)):
        if not codes:
            continue
        chosen = headline_period(every[next(iter(codes))], period)
        results.update(with_comparators(service, chosen, t, only=codes, cache=caches[group]))
    trend: dict[str, list[dict]] = {code: [] for code in every}
    for q in last_quarters(period.end, TREND_QUARTERS):
        for group, codes in (("other", others), ("annual", annual)):
            if not codes:
                continue
            p = trend_period(every[next(iter(codes))], q)
            suite = caches[group](p)[service.pk]
            for code in codes:
                r = suite.get(code)
                if r is not None:
                    trend[code].append({"quarter": q.as_dict(), "period": p.as_dict(), "numerator": r.numerator,
                                        "denominator": r.denominator, "value": r.value,
                                        "provisional": r.provisional, "children": len(r.child_ids)})
    return {"indicators": {code: results[code].as_dict() for code in every if code in results}, "trend": trend}


def light(figures: dict) -> dict:
    """The results without their id lists and breakdowns: what the summary table needs."""
    out = {}
    for code, r in figures.get("indicators", {}).items():
        out[code] = {**{k: v for k, v in r.items() if k not in ("ids", "breakdowns", "extra")},
                     "extra": {k: v for k, v in r["extra"].items() if not isinstance(v, (list, dict))},
                     "ids": [], "breakdowns": {}}
    return {"indicators": out}


def refresh(figure_set: FigureSet) -> FigureSet:
    """Recompute one current (unfrozen) set from the records as they are now."""
    if figure_set.frozen:
        raise ValueError("A frozen figure set never changes.")
    vintage = records_changed_at(figure_set.service_id)
    try:
        figures = compute(figure_set.service, figure_set.period)
    except Exception as error:
        logger.exception("Figure set %s could not be computed", figure_set.pk)
        FigureSet.objects.filter(pk=figure_set.pk, frozen_at__isnull=True).update(
            status=FigureSet.Status.FAILED, error=f"The figures could not be computed ({type(error).__name__}). "
                                                  "Try again with ‘Recompute’; if it fails again, report it.")
        raise
    # Records that changed while computing leave the set stale (another refresh is queued for them).
    status = (FigureSet.Status.CURRENT if records_changed_at(figure_set.service_id) <= vintage
              else FigureSet.Status.STALE)
    FigureSet.objects.filter(pk=figure_set.pk, frozen_at__isnull=True).update(
        figures=figures, summary=light(figures), versions={c: i.version for c, i in registry.indicators().items()},
        data_vintage=vintage, computed_at=timezone.now(), status=status, error="", progress="", task_id="")
    figure_set.refresh_from_db()
    return figure_set


def current_set(service, period: Period) -> FigureSet:
    """The current (unfrozen) set of ``service`` for ``period``; a new, queued one if none."""
    fs = FigureSet.objects.filter(service=service, period_kind=period.kind, period_start=period.start,
                                  period_end=period.end, frozen_at__isnull=True).defer("figures").first()
    if fs is None:
        fs, _ = FigureSet.objects.get_or_create(service=service, period_kind=period.kind, period_start=period.start,
                                                period_end=period.end, frozen_at=None,
                                                defaults={"status": FigureSet.Status.QUEUED})
    return fs


def default_periods(today=None) -> list[Period]:
    """The sets kept ready for every service: the latest complete quarter and the three before it."""
    from openyj.indicators.selectors import default_period

    latest = default_period(today)
    return [latest.shift_months(-3 * i) for i in range(4)]


def refresh_service(service, *, periods: list[Period] | None = None, force: bool = False) -> list[FigureSet]:
    """Recompute the service's sets that are not up to date (every unfrozen one with ``force``), and
    create those of ``periods`` that do not exist yet."""
    FigureState.objects.filter(service=service).update(refresh_queued_at=None)
    for period in periods or []:
        current_set(service, period)
    changed = records_changed_at(service.pk)
    done = []
    for fs in FigureSet.objects.filter(service=service, frozen_at__isnull=True).order_by("-period_end"):
        if force or not fs.is_current(changed):
            done.append(refresh(fs))
    return done


def mark_changed(service_id: int) -> bool:
    """The service's records (or figure settings) have changed: mark its current sets stale, and say
    whether a refresh needs queueing (False when one is already queued or there is nothing stored)."""
    now = timezone.now()
    with transaction.atomic():
        state, _ = FigureState.objects.select_for_update().get_or_create(service_id=service_id)
        state.records_changed_at = now
        FigureSet.objects.filter(service_id=service_id, frozen_at__isnull=True,
                                 status=FigureSet.Status.CURRENT).update(status=FigureSet.Status.STALE)
        needed = state.refresh_queued_at is None and FigureSet.objects.filter(
            service_id=service_id, frozen_at__isnull=True).exists()
        if needed:
            state.refresh_queued_at = now
        state.save()
    return needed
