"""KPI 5 — Substance misuse (``kpi_substance_misuse``).

Rule (``shared/domain/indicators.md``): of the cohort children whose ``substance_need`` is recorded,
the % with a need for specialist treatment; the cascade (``offered``: ``substance_offered`` of those
with a need; ``attending``: ``substance_attending`` of those offered) as in
:mod:`openyj.indicators.kpis.cascade`.
"""

from __future__ import annotations

import sys
from datetime import date

from openyj.indicators.kpis import cascade
from openyj.indicators.kpis.base import Version

CODE = "kpi_substance_misuse"
NUMBER = "5"
NAME = "Substance misuse"
BETTER = "higher"
VERSIONS = [Version(1, date(2023, 4, 1), "YJB KPI 5 as introduced in April 2023")]
ITEMS = ["substance_need", "substance_offered", "substance_attending"]


def compute(t, period, cohort: list[dict]):
    return cascade.compute(sys.modules[__name__], period, cohort, "substance", "substance misuse")
