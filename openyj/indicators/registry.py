"""The indicator registry: every indicator declared once, in its own module, and found here.

A **definition module** (``openyj/indicators/fte.py``, ``openyj/indicators/kpis/…``) declares, at
module level, ``DEFINITION = Definition(...)``: the indicators it produces (each an
:class:`Indicator` — code, name, unit in words, direction of "better", period kind, group, what its
ids are, definition version and the date it took effect, its breakdowns, its definition in plain
English), the parameters a service may set (:class:`Parameter`), and ``compute(tables, period)``,
which returns **one shape**: ``{indicator code: {service id: Result}}``.

:func:`definitions` imports every module under ``openyj.indicators`` (sub-packages included) and
collects their ``DEFINITION``; the dashboard, the settings pages, the command line, the stored
figure sets and the docs read it. Adding an indicator is one module and its tests.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

# Period kinds: how an indicator is headlined for a chosen quarter.
ANNUAL = "annual"  # an annual measure: headlined as the rolling 12 months ending at the chosen quarter
QUARTERLY = "quarterly"  # the chosen period itself (compared only with periods of the same length)
POINT_IN_TIME = "point_in_time"  # counted on the period's last day
PERIOD_KINDS = {ANNUAL: "Rolling 12 months", QUARTERLY: "The period chosen", POINT_IN_TIME: "At the period end"}

# Groups on the dashboard, in order.
NATIONAL, KPI, LOCAL = "national", "kpi", "local"
GROUPS = {NATIONAL: "National indicators", KPI: "Key performance indicators", LOCAL: "Local measures"}

BETTER = {"lower": "Lower is better", "higher": "Higher is better", "none": "No better direction"}


@dataclass(frozen=True)
class Parameter:
    """A setting of a definition that each service may choose (an [unconfirmed] rule is data).

    ``field`` makes the form field that collects and validates it (type, limits, GOV.UK messages);
    ``setting`` is the attribute of :class:`openyj.indicators.engine.Settings` it sets.
    """

    name: str
    setting: str
    default: Any
    help: str
    field: Callable[[], Any]

    def from_stored(self, value: Any) -> Any:
        """The stored value (``IndicatorSetting.parameters``), checked by the same form field."""
        from django.core.exceptions import ValidationError

        f = self.field()
        raw = [str(v) for v in value] if isinstance(value, (list, tuple)) else str(value)
        try:
            cleaned = f.clean(raw)
        except ValidationError:
            return self.default  # a stored value that no longer passes: the default, never a crash
        return tuple(cleaned) if isinstance(self.default, tuple) else cleaned


@dataclass(frozen=True)
class Indicator:
    """Everything about one indicator, declared once."""

    code: str  # stable: part of the command-line contract and of stored figure sets
    name: str
    unit: str  # in words, from results.py
    better: str  # lower, higher or none
    period: str  # ANNUAL, QUARTERLY or POINT_IN_TIME
    group: str  # NATIONAL, KPI or LOCAL
    ids: str  # what the ids of a result are: children, offences, remands, outcomes, interventions …
    version: str  # the definition's version; changes whenever the rule changes
    effective: date  # when this version took effect
    definition: str  # the rule in plain English, for the indicator's page and the docs
    order: int = 100  # position within its group on the dashboard
    places: int = 1
    breakdowns: tuple[str, ...] = ()  # the breakdown tables, in order
    numerator: str = ""  # what the numerator counts, in words
    denominator: str = ""

    def result(self, **fields):
        """A :class:`Result` of this indicator, its identity filled in from the declaration."""
        from openyj.indicators.results import Result

        return Result(id=self.code, name=self.name, unit=self.unit, better=self.better, ids_kind=self.ids,
                      places=self.places, numerator_label=fields.pop("numerator_label", self.numerator),
                      denominator_label=fields.pop("denominator_label", self.denominator), **fields)


@dataclass(frozen=True)
class Definition:
    """One definition module: the indicators it computes, together, and their parameters."""

    key: str  # the definition's name (``compute_suite(only={key})`` runs all its indicators)
    indicators: tuple[Indicator, ...]
    compute: Callable[..., dict]  # (tables, period) → {indicator code: {service id: Result}}
    parameters: tuple[Parameter, ...] = ()
    title: str = ""  # the parameters page's title
    summary: Callable[[Any], str] | None = None  # the parameters in words, from engine.Settings
    module: str = field(default="", compare=False)
    parameters_key: str = ""  # the name its parameters are stored under, when not ``key``

    @property
    def settings_key(self) -> str:
        """The name its parameters are stored under (``IndicatorSetting.indicator``, the settings URL)."""
        return self.parameters_key or self.key


SKIP = {"migrations", "management", "templates", "tests", "urls", "admin", "apps", "tasks", "forms"}


def _modules():
    import openyj.indicators as package

    for info in pkgutil.walk_packages(package.__path__, prefix="openyj.indicators."):
        name = info.name
        parts = name.split(".")
        # pages, wiring and the app's own machinery declare no indicators: not imported here
        if any(part in SKIP for part in parts) or parts[-1].startswith("views"):
            continue
        yield importlib.import_module(name)


@functools.cache
def definitions() -> tuple[Definition, ...]:
    """Every definition module's ``DEFINITION``, in dashboard order."""
    found = []
    for module in _modules():
        d = getattr(module, "DEFINITION", None)
        if isinstance(d, Definition):
            found.append(d)
    codes = [i.code for d in found for i in d.indicators]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise RuntimeError(f"Indicator codes declared twice: {', '.join(duplicates)}")
    return tuple(sorted(found, key=lambda d: min((list(GROUPS).index(i.group), i.order) for i in d.indicators)))


def indicators() -> dict[str, Indicator]:
    """code → Indicator, grouped (national, KPIs, local) and in order within each group."""
    every = [i for d in definitions() for i in d.indicators]
    return {i.code: i for i in sorted(every, key=lambda i: (list(GROUPS).index(i.group), i.order))}


def get(code: str) -> Indicator | None:
    return indicators().get(code)


def definition(key: str) -> Definition | None:
    """The definition named ``key``, or whose parameters are stored under ``key``."""
    return next((d for d in definitions() if key in (d.key, d.settings_key)), None)


def with_parameters() -> list[Definition]:
    return [d for d in definitions() if d.parameters]


def grouped() -> list[tuple[str, str, list[Indicator]]]:
    """(group, heading, indicators) for the groups that have any."""
    every = indicators().values()
    return [(g, heading, [i for i in every if i.group == g]) for g, heading in GROUPS.items()
            if any(i.group == g for i in every)]
