"""The downloadable template: every file of the format with its header row, and a worked example."""

from __future__ import annotations

import io
import zipfile

from openyj.interchange.schema import FILES, FORMAT_VERSION

# A small, complete and valid example (fictional children), explained in docs/interchange.md.
EXAMPLE: dict[str, list[list[str]]] = {
    "children.csv": [
        ["child_id", "date_of_birth", "sex", "ethnicity", "local_authority", "postcode_district",
         "prior_substantive_outcome", "pnc_id", "given_name", "family_name"],
        ["C001", "2008-05-01", "male", "white_british", "E08000035", "LS9", "false", "", "Alex", "Example"],
        ["C002", "2009-02-11", "female", "black_african", "E08000035", "LS8", "", "", "Bea", "Sample"],
    ],
    "offences.csv": [
        ["offence_id", "child_id", "offence_date", "category", "seriousness", "description", "offence_code",
         "weapon", "hostility_aggravated"],
        ["O001", "C001", "2024-03-01", "theft_and_handling", "2", "Theft from a shop", "", "none", ""],
        ["O002", "C001", "2024-04-01", "criminal_damage", "3", "Damage to a car", "", "none", ""],
        ["O003", "C002", "2024-06-10", "robbery", "5", "Robbery of a phone", "", "knife", ""],
    ],
    "outcomes.csv": [
        ["outcome_id", "child_id", "outcome_date", "outcome_type", "offence_ids", "start_date", "end_date",
         "length_months", "court", "psr_proposal"],
        ["D001", "C001", "2024-05-01", "referral_order", "O001;O002", "2024-05-01", "2024-11-01", "6",
         "Example Youth Court", ""],
        ["D002", "C002", "2024-07-01", "Youth Caution (YC)", "O003", "", "", "", "", ""],
    ],
    "code_mapping.csv": [
        ["kind", "local_name", "code"],
        ["outcome_type", "Youth Caution (YC)", "youth_caution"],
    ],
    "interventions.csv": [
        ["intervention_id", "child_id", "kind", "outcome_id", "start_date", "end_date", "end_reason",
         "accommodation_type_start", "accommodation_suitable_start", "ete_status_start",
         "ete_hours_offered_start", "ete_hours_attended_start"],
        ["I001", "C001", "referral_order", "D001", "2024-05-02", "2024-11-01", "completed", "parent_family",
         "true", "full_time_school", "25", "21"],
    ],
    "victims.csv": [
        ["victim_id", "offence_ids", "consent_to_contact", "views_sought", "rj_offered", "rj_participation",
         "satisfaction"],
        ["V001", "O003", "yes", "yes", "yes", "indirect", "4"],
    ],
}
EXAMPLE_MANIFEST = (f'{{"format": {FORMAT_VERSION}, "service": "EXAMPLE", "name": "Example Youth Justice Service", '
                    '"area_codes": ["E08000035"], "extracted_on": "2024-12-31"}\n')


def _csv(rows: list[list[str]]) -> str:
    import csv

    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def template_zip() -> bytes:
    """``template/`` (header-only files) and ``example/`` (the worked example), zipped."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for spec in FILES:
            archive.writestr(f"template/{spec.name}", _csv([spec.column_names]))
        archive.writestr("template/manifest.json", EXAMPLE_MANIFEST.replace("EXAMPLE", "YOURCODE"))
        for name, rows in EXAMPLE.items():
            archive.writestr(f"example/{name}", _csv(rows))
        archive.writestr("example/manifest.json", EXAMPLE_MANIFEST)
    return buffer.getvalue()
