"""Small interchange folders for tests: a valid service, and ways to spoil it."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

VALID = {
    "children.csv": [
        ["child_id", "date_of_birth", "sex", "ethnicity", "local_authority", "given_name", "family_name"],
        ["C1", "2008-05-01", "male", "white_british", "E08000901", "Alex", "Smith"],
        ["C2", "2009-02-11", "female", "black_african", "E08000901", "Bea", "Jones"],
    ],
    "offences.csv": [
        ["offence_id", "child_id", "offence_date", "category", "seriousness", "description", "weapon"],
        ["O1", "C1", "2023-03-01", "theft_and_handling", "2", "Shoplifting", "none"],
        ["O2", "C1", "2023-04-01", "criminal_damage", "3", "Damage to a car", ""],
        ["O3", "C2", "2023-06-10", "robbery", "5", "=HYPERLINK(\"http://x\")", "knife"],
    ],
    "outcomes.csv": [
        ["outcome_id", "child_id", "outcome_date", "outcome_type", "offence_ids", "start_date", "end_date",
         "length_months"],
        ["D1", "C1", "2023-05-01", "referral_order", "O1;O2", "2023-05-01", "2023-11-01", "6"],
        ["D2", "C2", "2023-07-01", "youth_caution", "O3", "", "", ""],
    ],
    "interventions.csv": [
        ["intervention_id", "child_id", "kind", "outcome_id", "start_date", "end_date", "end_reason",
         "ete_hours_offered_start", "mh_need"],
        ["I1", "C1", "referral_order", "D1", "2023-05-02", "2023-11-01", "completed", "25", "yes"],
    ],
    "victims.csv": [
        ["victim_id", "offence_ids", "consent_to_contact", "satisfaction"],
        ["V1", "O1;O3", "true", "4"],
    ],
}


def to_csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def write_folder(folder: Path, files: dict | None = None, *, manifest: dict | None = None) -> Path:
    """Write ``files`` (name -> rows, or str/bytes content) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in (VALID if files is None else files).items():
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(to_csv(content), encoding="utf-8")
    if manifest is not None:
        (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def changed(files: dict, name: str, row: int, column: str, value: str) -> dict:
    """A copy of ``files`` with one cell changed (``row`` is the data row index, 1 = first data row)."""
    copy = {k: [list(r) for r in v] for k, v in files.items()}
    header = copy[name][0]
    copy[name][row][header.index(column)] = value
    return copy


def messages(report) -> list[str]:
    return [p.text() for p in report.all_problems()]
