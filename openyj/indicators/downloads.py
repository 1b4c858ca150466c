"""Downloads of the performance pages' tables as CSV and XLSX: the summary, an indicator's trend,
comparators and breakdowns, and (for roles that may see children) the drill-down lists.

Every table is built from what the page shows — for an aggregate-only role, the suppressed figures
("fewer than 5", "not shown"), never the real counts — and every download is audited by the view.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from django.http import HttpResponse


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _safe(value):
    """A cell as text a spreadsheet will not run: a leading =, +, - or @ is a formula (CSV injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@") and not _number(value):
        return "'" + value
    return value


def _number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True


def csv_bytes(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_safe(h) for h in table.header])
    for row in table.rows:
        writer.writerow(["" if v is None else _safe(v) for v in row])
    for note in table.notes:
        writer.writerow([_safe(note)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # with a BOM, so spreadsheets read it as UTF-8


def xlsx_bytes(table: Table) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = table.title[:31].replace("/", " ").replace(":", " ") or "Figures"
    ws.append([table.title])
    ws["A1"].font = Font(bold=True)
    ws.append([_safe(h) for h in table.header])
    for cell in ws[2]:
        cell.font = Font(bold=True)
    for row in table.rows:
        ws.append(["" if v is None else _safe(v) for v in row])
    for note in table.notes:
        ws.append([_safe(note)])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def response(table: Table, filename: str, fmt: str) -> HttpResponse:
    body = csv_bytes(table) if fmt == "csv" else xlsx_bytes(table)
    r = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    r["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    r["Cache-Control"] = "no-store"
    return r


# --- the tables ----------------------------------------------------------------------------------------

def summary_table(groups: list[dict], period_label: str) -> Table:
    t = Table(f"Performance, {period_label}", ["Group", "Indicator", "Value", "Unit", "Counted", "Out of",
                                               "Period", "Compared with", "Comparator value", "Rating",
                                               "Provisional"])
    for g in groups:
        for row in g["rows"]:
            c = row["comparator"]
            t.rows.append([g["heading"], row["name"], row["shown"]["value"], row["unit"], row["shown"]["numerator"],
                           row["shown"]["denominator"] or "", row["period"].label, c["label"] if c else "",
                           c["value"] if c else "", c["rag_label"] if c and c["rag"] else "Not rated",
                           "Yes" if row["provisional"] else "No"])
    return t


def trend_table(card: dict) -> Table:
    r = card["result"]
    t = Table(f"{r.name}, last eight quarters", ["Period", "Counted", "Out of", "Value", "Unit", "Provisional"])
    for row in card["trend"]:
        t.rows.append([row["label"], row["numerator"], row["denominator"] or "", row["value"], r.unit,
                       "Yes" if row["provisional"] else "No"])
    return t


def comparators_table(card: dict) -> Table:
    r = card["result"]
    t = Table(f"{r.name}, compared", ["Comparator", "Period from", "Period to", "Value", "Change",
                                      "Relative change (%)", "Rating", "Source", "Published on"])
    t.rows.append([f"{r.name} ({r.period.label})", r.period.start.isoformat(), r.period.end.isoformat(),
                   card["shown"]["value"], "", "", "", "local records", ""])
    for c in card["comparators"]:
        rating = c["rag_label"] if c["rag"] else (c["not_comparable_reason"] or "Not rated")
        t.rows.append([c["label"], c["period"][0] or "", c["period"][1] or "", c["value"],
                       c["change_absolute"] if c["change_absolute"] is not None else "",
                       c["change_relative"] if c["change_relative"] is not None else "", rating, c["source"],
                       c["published_on"] or ""])
    return t


def breakdown_table(display: dict) -> Table | None:
    """A breakdown as shown (``tables.display``): suppressed cells as their words."""
    if display.get("error"):
        return None
    t = Table(display["title"], [display["first_column"], *[h["text"] for h in display["headers"]]],
              notes=list(display.get("notes", [])))
    for row in [*display["rows"], display["total"]]:
        t.rows.append([row["label"], *[c["text"] for c in row["cells"]]])
    return t


def list_table(title: str, rows: list[dict]) -> Table:
    t = Table(title, ["Reference", "Child", "What was counted"])
    for row in rows:
        t.rows.append([row["reference"], row["child"], row["event"]])
    return t
