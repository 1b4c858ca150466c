"""The figures a document reports: computed once for its period, kept as JSON without any child's id.

``compute(service, period)`` runs the indicator suite with its comparators (previous period, a year
earlier, target, published values) and keeps, for each indicator, the numbers and words a document
needs — never the ids of the children, offences or remands behind them. The JSON is what the generated
sections read, what the commentary is written from, and what is frozen with a document when it is
submitted (until the figures' own frozen sets land, issue 9).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from openyj.indicators.periods import Period

# Keys of ``extra`` and of breakdown rows that hold ids: never copied into a document.
_ID_KEYS = {"ids", "reoffender_ids", "remand_ids", "child_ids", "numerator_ids", "denominator_ids"}


def _clean(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items() if k not in _ID_KEYS and not k.endswith("_ids")}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    return value


def result_figures(result) -> dict[str, Any]:
    """One indicator's figures as JSON, without ids."""
    data = result.as_dict()
    for key in ("ids", "child_ids"):
        data.pop(key, None)
    data["extra"] = _clean(data.get("extra") or {})
    data["breakdowns"] = _clean(data.get("breakdowns") or {})
    data["comparators"] = [_clean(c) for c in data.get("comparators") or []]
    return data


def compute(service, period: Period, *, as_of: date | None = None) -> dict[str, Any]:
    """The figure set for ``service`` over ``period``, with comparators."""
    from openyj.indicators.suite import SuiteCache, service_tables, with_comparators

    t = service_tables(service, as_of=as_of)
    results = with_comparators(service, period, t, cache=SuiteCache(t))
    figures: dict[str, Any] = {
        "service": service.code,
        "period": period.as_dict(),
        "computed_on": (as_of or date.today()).isoformat(),
        "indicators": {key: result_figures(r) for key, r in results.items()},
    }
    disproportionality = _disproportionality(t, period, service)
    if disproportionality is not None:
        figures["disproportionality"] = disproportionality
    return figures


DISPROPORTIONALITY = "openyj.indicators.disproportionality.compute"


def _disproportionality(t, period: Period, service) -> dict[str, Any] | None:
    """The disproportionality analysis in the contract's shape (``spec/interchange.md``), with the stages'
    names, once the indicator engine has it (issue 14); None until then."""
    import importlib

    try:
        module = importlib.import_module(DISPROPORTIONALITY)
    except ModuleNotFoundError:
        return None
    analysis = module.compute(t, period)[service.pk]
    return {"stages": module.contract(analysis)["stages"], "stage_labels": dict(module.STAGE_LABEL)}
