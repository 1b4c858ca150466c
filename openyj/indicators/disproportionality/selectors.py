"""Reads for disproportionality: a service's options and its analysis for a period or pooled window.

The figures are aggregate: reading them is not reading a child's record. The lists of children
behind a count are read through the gate (:func:`indicators.selectors.records`) by the drill-down,
which audits what it shows.
"""

from __future__ import annotations

from datetime import date

from openyj.indicators.disproportionality import compute as dp
from openyj.indicators.engine import Tables
from openyj.indicators.periods import Period, last_quarters

SETTING = "disproportionality"
WINDOWS = (1, 2, 3, 4)  # years: the period itself, or a pooled window of the last 2, 3 or 4 years


def options_for(service) -> dp.Options:
    """The service's threshold, reporting lines and care rule (defaults where none are set)."""
    from openyj.indicators.settings_models import IndicatorSetting

    o = dp.Options()
    setting = IndicatorSetting.objects.filter(service=service, indicator=SETTING).first()
    params = setting.parameters if setting else {}
    if params.get("min_count") is not None:
        o.threshold = int(params["min_count"])
    if params.get("lines"):
        o.lines = [{"key": x["key"], "label": x["label"], "codes": list(x["codes"])} for x in params["lines"]]
    lac = IndicatorSetting.objects.filter(service=service, indicator="looked_after").first()
    if lac and lac.parameters.get("include_remand_only") is not None:
        o.include_remand_only = bool(lac.parameters["include_remand_only"])
    return o


def targets_for(service) -> list[dict]:
    """The service's targets: ``{"stage", "group", "gap_pp"}`` (percentage-point gaps to reach)."""
    from openyj.indicators.settings_models import IndicatorSetting

    setting = IndicatorSetting.objects.filter(service=service, indicator=SETTING).first()
    return list((setting.parameters if setting else {}).get("targets", []))


def analysis(t: Tables, service, period: Period, options: dp.Options | None = None) -> dict:
    return dp.compute(t, period, options or options_for(service))[service.pk]


def disproportionality_contract(t: Tables, service, period: Period) -> dict:
    """The ``disproportionality`` key of ``openyj indicators --json``."""
    return dp.contract(analysis(t, service, period))


def window_period(period: Period, years: int) -> Period:
    """The chosen period (1) or the pooled window of the last ``years`` years ending with it."""
    return period if years == 1 else dp.pooled_period(period.end, years)


def small_stages(result: dict) -> list[str]:
    """Stages with children where an index cannot be given for some group that has children:
    the numbers are too small to read a pattern from, and a pooled window may help."""
    out = []
    threshold = result["threshold"]
    for s in dp.STAGE_KEYS:
        groups = result["stages"][s]["groups"]
        if any(0 < g["count"] < threshold for g in groups.values()) or (
                result["stages"][s]["known"] and groups[dp.REFERENCE]["count"] < threshold):
            out.append(s)
    return out


def target_trend(t: Tables, service, end: date, options: dp.Options | None = None, quarters: int = 8) -> list[dict]:
    """Each target's gap over the last ``quarters`` quarters, each as the rolling 12 months ending
    at the quarter's end (a quarter alone has too few children)."""
    options = options or options_for(service)
    targets = targets_for(service)
    if not targets:
        return []
    rows = []
    runs = {q: dp.compute(t, Period.rolling_12(q.end), options)[service.pk] for q in last_quarters(end, quarters)}
    for target in targets:
        points = []
        for q, result in runs.items():
            row = result["stages"][target["stage"]]["groups"][target["group"]]
            points.append({"quarter": q, "label": f"Year to {q.end:%b %Y}", "gap_pp": row["gap_pp"],
                           "count": row["count"], "share": row["share"], "population_share": row["population_share"]})
        latest = points[-1]["gap_pp"] if points else None
        rows.append({**target, "points": points, "latest": latest,
                     "met": None if latest is None else latest <= float(target["gap_pp"])})
    return rows
