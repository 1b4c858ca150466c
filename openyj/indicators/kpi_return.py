"""The quarterly return of the ten YJB key performance indicators (``shared/domain/indicators.md``).

Per KPI and sub-measure: numerator, denominator, value and missing (the ``summary``), and a
child-level extract (the ``children``): one row per cohort child with the intervention measured, its
kind, the items the KPIs used, which KPIs counted the child and which are missing an item — so every
count can be checked. ``openyj kpi-return`` writes it as ``FILE.xlsx`` (sheets ``summary`` and
``children``) or ``FILE.csv`` (the summary), per ``shared/spec/interchange.md`` (Additions).

The YJB's case-level XML schema is not public: none is invented here.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from openyj.indicators import kpis
from openyj.indicators.engine import fetch
from openyj.indicators.kpis.base import ITEMS, cohort
from openyj.indicators.periods import Period

SUMMARY_COLUMNS = ["code", "measure", "numerator", "denominator", "value", "missing"]
CHILDREN_COLUMNS = ["child_id", "intervention_id", "kind", "start_date", "end_date", "end_reason", *ITEMS,
                    "episode_types", "counted_in", "missing_for"]
# KPIs whose ids are children of the cohort (the others count interventions, victims, meeting places,
# or children outside the cohort).
COHORT_CODES = ["kpi_accommodation", "kpi_ete", "kpi_send", "kpi_mental_health", "kpi_substance_misuse",
                "kpi_wider_services"]


@dataclass
class KpiReturn:
    """One service's return for one quarter: the ten KPIs as computed, the summary, the children."""

    service_code: str
    period: Period
    kpis: dict[str, dict]  # code → the KPI's figures (``openyj indicators --json``'s, with sub-measures' ids)
    children: list[dict]

    @property
    def summary(self) -> list[dict]:
        return summary_rows(self.kpis)

    def versions(self) -> dict[str, int]:
        return {code: k["definition_version"] for code, k in self.kpis.items()}

    def missing_total(self) -> int:
        return sum(k["missing"] for k in self.kpis.values())


def summary_rows(figures: dict[str, dict]) -> list[dict]:
    """One row per KPI (``measure`` ``main``) and per sub-measure (``measure`` its code)."""
    rows = []
    for code in kpis.CODES:
        k = figures[code]
        rows.append({"code": code, "measure": "main", "numerator": k["numerator"], "denominator": k["denominator"],
                     "value": k["value"], "missing": k["missing"]})
        for sub, s in k["sub_measures"].items():
            rows.append({"code": code, "measure": sub, "numerator": s["numerator"], "denominator": s["denominator"],
                         "value": s["value"], "missing": s["missing"]})
    return rows


def _plain(value):
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


def children_rows(cohort_rows: list[dict], figures: dict[str, dict]) -> list[dict]:
    counted = {code: set(figures[code]["numerator_ids"]) for code in COHORT_CODES}
    missing = {code: set(figures[code]["missing_ids"]) for code in COHORT_CODES}
    # each child's episode types, from KPI 8's sub-measures (one per type, counting the children linked)
    links: dict[str, list[str]] = {}
    for kind, sub in figures["kpi_wider_services"]["sub_measures"].items():
        for cid in sub.get("numerator_ids", []):
            links.setdefault(cid, []).append(kind)
    out = []
    for r in sorted(cohort_rows, key=lambda r: r["child_id"]):
        cid = r["child_id"]
        row = {name: _plain(r.get(name)) for name in CHILDREN_COLUMNS if name in r}
        row["episode_types"] = ";".join(links.get(cid, []))
        row["counted_in"] = ";".join(c for c in COHORT_CODES if cid in counted[c])
        row["missing_for"] = ";".join(c for c in COHORT_CODES if cid in missing[c])
        out.append({name: row.get(name) for name in CHILDREN_COLUMNS})
    return out


def compute(service, period: Period, *, backend: str = "duckdb") -> KpiReturn:
    """The return for ``service`` and ``period`` computed now from the records."""
    from openyj.indicators.suite import service_tables

    t = service_tables(service, backend=backend)
    results = kpis.compute(t, period)
    # the KPIs in full: the contract's keys, and the ids behind every sub-measure too
    figures = {code: per_service[service.pk].extra["kpi"] for code, per_service in results.items()}
    cohort_rows = fetch(t, cohort, period)
    cohort_rows = [r for r in cohort_rows if r["service_id"] == service.pk]
    return KpiReturn(service.code, period, figures, children_rows(cohort_rows, figures))


def write(ret: KpiReturn, out: str | Path) -> Path:
    """Write ``out`` as ``.csv`` (the summary) or ``.xlsx`` (summary and children; the default)."""
    path = Path(out)
    if path.suffix.lower() not in (".csv", ".xlsx"):
        path = path.with_name(path.name + ".xlsx")
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".csv":
        path.write_text(csv_text(ret), encoding="utf-8")
        return path
    path.write_bytes(xlsx_bytes(ret))
    return path


def csv_text(ret: KpiReturn) -> str:
    import io

    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=SUMMARY_COLUMNS, lineterminator="\n")
    w.writeheader()
    for row in ret.summary:
        w.writerow({k: "" if v is None else v for k, v in row.items()})
    return buf.getvalue()


def xlsx_bytes(ret: KpiReturn) -> bytes:
    import io

    from openpyxl import Workbook

    wb = Workbook()
    summary = wb.active
    summary.title = "summary"
    summary.append(SUMMARY_COLUMNS)
    for row in ret.summary:
        summary.append([row[c] for c in SUMMARY_COLUMNS])
    children = wb.create_sheet("children")
    children.append(CHILDREN_COLUMNS)
    for row in ret.children:
        children.append([row[c] for c in CHILDREN_COLUMNS])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
