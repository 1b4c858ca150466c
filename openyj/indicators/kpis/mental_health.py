"""KPI 4 — Mental health and emotional wellbeing (``kpi_mental_health``).

Rule (``shared/domain/indicators.md``): of the cohort children whose ``mh_need`` is recorded, the %
with a need screened or identified; the cascade (``offered``: ``mh_offered`` of those with a need;
``attending``: ``mh_attending`` of those offered) as in :mod:`openyj.indicators.kpis.cascade`.
"""

from __future__ import annotations

import sys
from datetime import date

from openyj.indicators.kpis import cascade
from openyj.indicators.kpis.base import Version

CODE = "kpi_mental_health"
NUMBER = "4"
NAME = "Mental health and emotional wellbeing"
BETTER = "higher"
VERSIONS = [Version(1, date(2023, 4, 1), "YJB KPI 4 as introduced in April 2023")]
ITEMS = ["mh_need", "mh_offered", "mh_attending"]


def compute(t, period, cohort: list[dict]):
    return cascade.compute(sys.modules[__name__], period, cohort, "mh", "mental health")
