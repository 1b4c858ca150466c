"""The synthetic demo data generator: contract shape, reproducibility, integrity, distributions.

Plain pytest: no database. The default demo is generated once for the module and read back.
"""

from __future__ import annotations

import csv
import json
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest

from openyj.casework import codes as casework_codes
from openyj.demo import generate as generate_module
from openyj.demo.generate import generate_demo
from openyj.governance import codes as governance_codes
from openyj.indicators import codes as indicators_codes
from openyj.offending import codes as offending_codes
from openyj.people import codes as people_codes

END = date(2026, 3, 31)

# The contract (shared/spec/interchange.md), written out independently of the generator.
SNAPSHOT = [
    f"{field}_{stage}"
    for stage in ("start", "end")
    for field in (
        "accommodation_type", "accommodation_suitable", "ete_status", "ete_suitable", "ete_hours_offered",
        "ete_hours_attended", "school_age",
    )
]
CONTRACT = {
    "children": "child_id date_of_birth sex ethnicity local_authority postcode_district prior_substantive_outcome "
    "pnc_id given_name family_name",
    "episodes": "child_id episode_type start_date end_date legal_basis",
    "offences": "offence_id child_id offence_date category seriousness description offence_code weapon "
    "hostility_aggravated",
    "outcomes": "outcome_id child_id outcome_date outcome_type offence_ids start_date end_date length_months court "
    "psr_proposal",
    "remands": "remand_id child_id remand_type start_date end_date",
    "custody": "custody_id child_id outcome_id start_date release_date establishment_type "
    "accommodation_on_release_suitable ete_on_release",
    "interventions": "intervention_id child_id kind outcome_id start_date end_date end_reason "
    + " ".join(SNAPSHOT)
    + " send_identified send_plan_current mh_need mh_offered mh_attending substance_need substance_offered "
    "substance_attending feedback_child feedback_parent",
    "assessments": "assessment_id child_id intervention_id tool started_on due_on completed_on "
    "reoffending_likelihood serious_harm safety_wellbeing countersigned_on countersigned_by",
    "victims": "victim_id offence_ids consent_to_contact views_sought rj_offered rj_participation kept_informed "
    "support_signposted satisfaction",
    "population": "area_code year age sex population",
    "census_ethnicity": "area_code source ethnicity population",
    "comparators": "indicator area_type area_name period_start period_end value numerator denominator source "
    "published_on",
    "board_attendance": "meeting_date member agency statutory_partner appropriate_seniority attendance",
    "budget": "year agency staffing payments_in_kind other_delegated total",
    "staff": "staff_id grade staff_type agency sex ethnicity fte qualifications",
}
CONTRACT = {file: columns.split() for file, columns in CONTRACT.items()}

def C(choices):
    return [choice[0] for choice in choices]

ETHNICITY = set(C(people_codes.ETHNICITY))
CUSTODIAL = {code for code, _label, _tier, _substantive, custodial in offending_codes.OUTCOME_TYPE if custodial}
SUBSTANTIVE = {code for code, _label, _tier, substantive, _custodial in offending_codes.OUTCOME_TYPE if substantive}
# Coded columns: file → column → allowed codes (an empty cell is always allowed: "not known").
CODED = {
    "children": {"sex": C(people_codes.SEX), "ethnicity": ETHNICITY},
    "episodes": {"episode_type": C(people_codes.EPISODE_TYPE), "legal_basis": C(people_codes.LEGAL_BASIS)},
    "offences": {"category": C(offending_codes.OFFENCE_CATEGORY), "weapon": C(offending_codes.WEAPON),
                 "hostility_aggravated": C(offending_codes.HOSTILITY),
                 "seriousness": [str(n) for n in range(1, 9)]},
    "outcomes": {"outcome_type": C(offending_codes.OUTCOME_TYPE), "psr_proposal": C(offending_codes.OUTCOME_TYPE)},
    "remands": {"remand_type": C(offending_codes.REMAND_TYPE)},
    "custody": {"establishment_type": C(offending_codes.ESTABLISHMENT_TYPE),
                "ete_on_release": C(offending_codes.ETE_ON_RELEASE)},
    "interventions": {
        "kind": C(casework_codes.INTERVENTION_KIND), "end_reason": C(casework_codes.END_REASON),
        "accommodation_type_start": C(casework_codes.ACCOMMODATION_TYPE),
        "accommodation_type_end": C(casework_codes.ACCOMMODATION_TYPE),
        "ete_status_start": C(casework_codes.ETE_STATUS), "ete_status_end": C(casework_codes.ETE_STATUS),
    },
    "assessments": {"tool": C(casework_codes.ASSESSMENT_TOOL), "reoffending_likelihood": C(casework_codes.LIKELIHOOD),
                    "serious_harm": C(casework_codes.RISK_LEVEL), "safety_wellbeing": C(casework_codes.RISK_LEVEL)},
    "victims": {"rj_participation": C(casework_codes.RJ_PARTICIPATION), "satisfaction": ["1", "2", "3", "4", "5"]},
    "population": {"sex": ["male", "female"], "age": [str(a) for a in range(10, 18)]},
    "census_ethnicity": {"ethnicity": ETHNICITY | set(C(people_codes.ETHNIC_GROUPS))},
    "comparators": {"area_type": C(indicators_codes.AREA_TYPE), "indicator": ["fte", "reoffending", "custody"]},
    "board_attendance": {"attendance": C(governance_codes.ATTENDANCE)},
    "staff": {"staff_type": C(governance_codes.STAFF_TYPE), "sex": C(people_codes.SEX), "ethnicity": ETHNICITY},
}
BOOLEAN = {
    "children": ["prior_substantive_outcome"],
    "custody": ["accommodation_on_release_suitable"],
    "interventions": [
        "accommodation_suitable_start", "ete_suitable_start", "school_age_start", "accommodation_suitable_end",
        "ete_suitable_end", "school_age_end", "send_identified", "send_plan_current", "mh_need", "mh_offered",
        "mh_attending", "substance_need", "substance_offered", "substance_attending", "feedback_child",
        "feedback_parent",
    ],
    "victims": ["consent_to_contact", "views_sought", "rj_offered", "kept_informed", "support_signposted"],
    "board_attendance": ["statutory_partner", "appropriate_seniority"],
}
DATES = {
    "children": ["date_of_birth"],
    "episodes": ["start_date", "end_date"],
    "offences": ["offence_date"],
    "outcomes": ["outcome_date", "start_date", "end_date"],
    "remands": ["start_date", "end_date"],
    "custody": ["start_date", "release_date"],
    "interventions": ["start_date", "end_date"],
    "assessments": ["started_on", "due_on", "completed_on", "countersigned_on"],
    "comparators": ["period_start", "period_end", "published_on"],
    "board_attendance": ["meeting_date"],
}


def read(folder: Path, file: str) -> list[dict[str, str]]:
    with open(folder / f"{file}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def day(value: str) -> date:
    return date.fromisoformat(value)


def age_on(born: date, on: date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def financial_year(on: date) -> int:
    return on.year if on.month >= 4 else on.year - 1


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> tuple[Path, dict[str, int], list[str]]:
    folder = tmp_path_factory.mktemp("demo")
    messages: list[str] = []
    counts = generate_demo(folder, progress=messages.append)
    return folder, counts, messages


@pytest.fixture(scope="module")
def data(demo) -> dict[str, list[dict[str, str]]]:
    folder, _counts, _messages = demo
    return {file: read(folder, file) for file in CONTRACT}


# --- shape of the folder ------------------------------------------------------------------------


def test_every_file_has_exactly_the_contract_header(demo):
    folder, counts, _ = demo
    assert sorted(p.name for p in folder.iterdir()) == sorted([f"{f}.csv" for f in CONTRACT] + ["manifest.json"])
    for file, columns in CONTRACT.items():
        with open(folder / f"{file}.csv", encoding="utf-8", newline="") as handle:
            assert next(csv.reader(handle)) == columns, file
    assert list(counts) == list(CONTRACT)
    assert generate_module.COLUMNS == CONTRACT


def test_counts_match_the_rows_written(demo, data):
    _folder, counts, _ = demo
    assert counts == {file: len(rows) for file, rows in data.items()}
    assert all(counts[file] > 0 for file in CONTRACT)


def test_manifest(demo):
    folder, _, _ = demo
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest == {
        "format": 1, "service": "DEMO", "name": "Demo City Youth Justice Service", "area_codes": ["E08000999"],
        "extracted_on": "2026-03-31",
    }


def test_progress_is_reported(demo):
    _, counts, messages = demo
    assert f"children: {counts['children']:,} written" in messages
    assert f"offences: {counts['offences']:,} written" in messages


# --- reproducibility ----------------------------------------------------------------------------


def test_same_seed_gives_identical_bytes(demo, tmp_path):
    folder, _, _ = demo
    generate_demo(tmp_path / "again")
    assert folder_bytes(tmp_path / "again") == folder_bytes(folder)


def test_a_different_seed_gives_different_data(demo, tmp_path):
    folder, _, _ = demo
    generate_demo(tmp_path / "other", seed=7)
    other, first = folder_bytes(tmp_path / "other"), folder_bytes(folder)
    for file in ("children.csv", "offences.csv", "outcomes.csv", "interventions.csv", "staff.csv"):
        assert other[file] != first[file], file


def test_large_runs_are_sharded_identically_whatever_the_number_of_cpus(tmp_path, monkeypatch):
    monkeypatch.setattr(generate_module, "SHARD_CHILDREN", 400)  # several shards from a small run
    parallel = generate_demo(tmp_path / "parallel", children=150, years=2, seed=3)
    monkeypatch.setattr(generate_module.os, "cpu_count", lambda: 1)
    serial = generate_demo(tmp_path / "serial", children=150, years=2, seed=3)
    assert parallel == serial
    assert folder_bytes(tmp_path / "parallel") == folder_bytes(tmp_path / "serial")
    assert not [p for p in (tmp_path / "parallel").iterdir() if p.name.startswith(".")]  # parts cleaned up
    children = read(tmp_path / "parallel", "children")
    assert len({row["child_id"] for row in children}) == len(children)


# --- codes and cell formats ---------------------------------------------------------------------


def test_every_code_is_a_code_of_the_format(data):
    for file, columns in CODED.items():
        for column, allowed in columns.items():
            used = {row[column] for row in data[file]} - {""}
            assert used <= set(allowed), f"{file}.{column}: {sorted(used - set(allowed))}"


def test_booleans_and_dates_are_well_formed(data):
    for file, columns in BOOLEAN.items():
        for column in columns:
            assert {row[column] for row in data[file]} <= {"true", "false", ""}, f"{file}.{column}"
    for file, columns in DATES.items():
        for column in columns:
            for row in data[file]:
                if row[column]:
                    assert len(row[column]) == 10 and day(row[column]), f"{file}.{column}: {row[column]}"


def test_required_cells_are_filled(data):
    required = {
        "children": ["child_id", "date_of_birth", "sex", "ethnicity"],
        "episodes": ["child_id", "episode_type", "start_date"],
        "offences": ["offence_id", "child_id", "offence_date", "category", "seriousness"],
        "outcomes": ["outcome_id", "child_id", "outcome_date", "outcome_type"],
        "remands": ["remand_id", "child_id", "remand_type", "start_date"],
        "custody": ["custody_id", "child_id", "start_date"],
        "interventions": ["intervention_id", "child_id", "kind", "start_date"],
        "assessments": ["assessment_id", "child_id"],
        "victims": ["victim_id"],
        "population": CONTRACT["population"],
        "census_ethnicity": CONTRACT["census_ethnicity"],
        "comparators": ["indicator", "area_type", "area_name", "period_start", "period_end", "value", "source"],
        "board_attendance": ["meeting_date", "member", "agency", "attendance"],
        "budget": ["year", "agency"],
        "staff": ["staff_id"],
    }
    for file, columns in required.items():
        for row in data[file]:
            for column in columns:
                assert row[column], f"{file}.{column} empty in {row}"


def test_ids_are_unique(data):
    for file, key in (("children", "child_id"), ("offences", "offence_id"), ("outcomes", "outcome_id"),
                      ("remands", "remand_id"), ("custody", "custody_id"), ("interventions", "intervention_id"),
                      ("assessments", "assessment_id"), ("victims", "victim_id"), ("staff", "staff_id")):
        ids = [row[key] for row in data[file]]
        assert len(ids) == len(set(ids)), file
    assert data["children"][0]["child_id"] == "C000001"
    pnc = [row["pnc_id"] for row in data["children"] if row["pnc_id"]]
    assert pnc and all(p.startswith("DEMO/") for p in pnc) and len(pnc) == len(set(pnc))


# --- referential integrity ----------------------------------------------------------------------


def test_every_reference_exists_and_belongs_to_the_same_child(data):
    children = {row["child_id"] for row in data["children"]}
    offences = {row["offence_id"]: row for row in data["offences"]}
    outcomes = {row["outcome_id"]: row for row in data["outcomes"]}
    interventions = {row["intervention_id"]: row for row in data["interventions"]}
    for file in ("episodes", "offences", "outcomes", "remands", "custody", "interventions", "assessments"):
        assert {row["child_id"] for row in data[file]} <= children, file
    for outcome in data["outcomes"]:
        ids = outcome["offence_ids"].split(";")
        assert 1 <= len(ids) <= 3 and len(set(ids)) == len(ids), outcome
        for oid in ids:
            assert offences[oid]["child_id"] == outcome["child_id"]
            assert offences[oid]["offence_date"] <= outcome["outcome_date"]
    disposed = Counter(oid for o in data["outcomes"] for oid in o["offence_ids"].split(";"))
    assert max(disposed.values()) == 1  # an offence is disposed of once
    for row in data["custody"]:
        outcome = outcomes[row["outcome_id"]]
        assert outcome["child_id"] == row["child_id"] and outcome["outcome_type"] in CUSTODIAL
    for row in data["interventions"]:
        if row["outcome_id"]:
            assert outcomes[row["outcome_id"]]["child_id"] == row["child_id"]
        elif row["kind"] not in ("prevention", "bail_support"):
            pytest.fail(f"intervention without its outcome: {row}")
    for row in data["assessments"]:
        assert interventions[row["intervention_id"]]["child_id"] == row["child_id"]
    for victim in data["victims"]:
        linked = [offences[oid] for oid in victim["offence_ids"].split(";")]
        assert len({o["child_id"] for o in linked}) == 1


def test_custodial_outcomes_have_custody_and_prevention_has_no_outcome(data):
    outcomes = {row["outcome_id"]: row for row in data["outcomes"]}
    in_custody = {row["outcome_id"] for row in data["custody"]}
    assert in_custody == {oid for oid, o in outcomes.items() if o["outcome_type"] in CUSTODIAL}
    kinds = {"prevention": set(), "diversion": {"community_resolution", "outcome_22", "outcome_21",
                                                "deferred_prosecution"},
             "out_of_court": {"youth_caution", "youth_conditional_caution"}, "referral_order": {"referral_order"},
             "yro": {"youth_rehabilitation_order", "yro_iss", "yro_fostering"}, "custody_licence": CUSTODIAL}
    for row in data["interventions"]:
        if row["kind"] in kinds:
            assert (outcomes[row["outcome_id"]]["outcome_type"] if row["outcome_id"] else None) in (
                kinds[row["kind"]] | ({None} if row["kind"] == "prevention" else set())
            ), row


# --- dates and ages -----------------------------------------------------------------------------


def test_no_date_is_after_the_extract_date(data):
    for file, columns in DATES.items():
        for column in columns:
            latest = max((row[column] for row in data[file] if row[column]), default="")
            assert latest <= END.isoformat(), f"{file}.{column}: {latest}"
    assert max(int(row["year"]) for row in data["population"]) <= END.year


def test_date_ranges_run_forwards(data):
    for file, start, stop in (("episodes", "start_date", "end_date"), ("remands", "start_date", "end_date"),
                              ("interventions", "start_date", "end_date"), ("custody", "start_date", "release_date"),
                              ("outcomes", "start_date", "end_date"), ("assessments", "started_on", "completed_on")):
        for row in data[file]:
            if row[start] and row[stop]:
                assert row[start] <= row[stop], f"{file}: {row}"


def test_children_are_10_or_over_at_every_offence_and_10_to_17_when_first_seen(data):
    born = {row["child_id"]: day(row["date_of_birth"]) for row in data["children"]}
    first_seen: dict[str, date] = {}
    for row in data["offences"]:
        on = day(row["offence_date"])
        assert 10 <= age_on(born[row["child_id"]], on) <= 17, row
        first_seen[row["child_id"]] = min(on, first_seen.get(row["child_id"], on))
    for row in data["interventions"]:
        if row["kind"] == "prevention":
            on = day(row["start_date"])
            first_seen[row["child_id"]] = min(on, first_seen.get(row["child_id"], on))
    assert set(first_seen) == set(born)  # every child was seen: an offence or prevention work
    assert all(10 <= age_on(born[c], on) <= 17 for c, on in first_seen.items())
    older = {row["child_id"] for row in data["interventions"]
             if row["end_date"] and age_on(born[row["child_id"]], day(row["end_date"])) >= 18}
    assert 0 < len(older) < 0.15 * len(born)  # some stay to 18+ on an existing order
    out_of_court = {"informal", "formal_ooc"}
    tier = {code: t for code, _label, t, _substantive, _custodial in offending_codes.OUTCOME_TYPE}
    for row in data["outcomes"]:  # police decide a child's out-of-court outcome before they are 18
        if tier[row["outcome_type"]] in out_of_court:
            assert age_on(born[row["child_id"]], day(row["outcome_date"])) <= 17, row


def test_custody_release_is_half_a_detention_and_training_order(data):
    outcomes = {row["outcome_id"]: row for row in data["outcomes"]}
    released = 0
    for row in data["custody"]:
        outcome = outcomes[row["outcome_id"]]
        assert row["start_date"] == outcome["outcome_date"]
        if outcome["outcome_type"] == "detention_training_order" and row["release_date"]:
            months = int(outcome["length_months"])
            assert 4 <= months <= 24
            days = (day(row["release_date"]) - day(row["start_date"])).days
            assert abs(days - months * 30.4375 / 2) <= 2
            assert row["ete_on_release"] and row["accommodation_on_release_suitable"]
            released += 1
    assert released


def test_assessments_are_due_20_working_days_after_they_start(data):
    for row in data["assessments"]:
        if row["due_on"]:
            started, due = day(row["started_on"]), day(row["due_on"])
            assert 26 <= (due - started).days <= 30 and due.weekday() < 5


# --- distributions ------------------------------------------------------------------------------


def test_the_cohort_looks_like_a_city_service(data):
    children = data["children"]
    boys = sum(row["sex"] == "male" for row in children) / len(children)
    assert 0.81 <= boys <= 0.89
    groups = Counter(people_codes.ETHNICITY_GROUP[row["ethnicity"]] for row in children)
    white_british = sum(row["ethnicity"] == "white_british" for row in children) / len(children)
    assert 0.64 <= white_british <= 0.76
    assert groups["mixed"] > groups["asian"]  # mixed heritage over-represented, Asian under-represented
    assert sum(row["ethnicity"] in people_codes.GRT_CODES for row in children) / len(children) > 0.02
    ever_looked_after = {row["child_id"] for row in data["episodes"] if row["episode_type"] == "looked_after"}
    assert 0.15 <= len(ever_looked_after) / len(children) <= 0.3
    assert {row["episode_type"] for row in data["episodes"]} == set(C(people_codes.EPISODE_TYPE))


def test_children_worked_with_each_year_is_about_the_size_asked_for(data):
    worked = defaultdict(set)
    for row in data["interventions"]:
        start = day(row["start_date"])
        stop = day(row["end_date"]) if row["end_date"] else END
        for fy in range(financial_year(start), financial_year(stop) + 1):
            worked[fy].add(row["child_id"])
    for fy in range(2021, 2026):
        assert 480 <= len(worked[fy]) <= 720, (fy, len(worked[fy]))


def test_offences_outcomes_and_weapons(data):
    categories = Counter(row["category"] for row in data["offences"])
    assert categories.most_common(1)[0][0] == "violence_against_the_person"
    weapons = Counter(row["weapon"] for row in data["offences"])
    assert 0.02 <= (len(data["offences"]) - weapons["none"]) / len(data["offences"]) <= 0.12
    assert weapons["knife"] > weapons["other"] > weapons["imitation_firearm"]
    for row in data["offences"]:  # seriousness tied to the category
        if row["category"] == "robbery":
            assert int(row["seriousness"]) >= 5
        if row["category"] in ("theft_and_handling", "criminal_damage", "motoring"):
            assert int(row["seriousness"]) <= 5
    types = Counter(row["outcome_type"] for row in data["outcomes"])
    informal = types["community_resolution"] + types["outcome_22"]
    assert informal > types["youth_caution"] > 0 and types["referral_order"] > types["youth_rehabilitation_order"]
    assert types["detention_training_order"] > 0 and types["youth_conditional_caution"] > 0


def test_every_year_has_custody_a_detention_remand_and_a_weapon_offence(data):
    for fy in range(2021, 2026):
        assert any(row["outcome_type"] in CUSTODIAL and financial_year(day(row["outcome_date"])) == fy
                   for row in data["outcomes"]), fy
        assert any(row["remand_type"] == "youth_detention" and financial_year(day(row["start_date"])) == fy
                   for row in data["remands"]), fy
        assert any(row["weapon"] != "none" and financial_year(day(row["offence_date"])) == fy
                   for row in data["offences"]), fy


def test_a_tiny_service_still_has_custody_a_remand_and_a_weapon_every_year(tmp_path):
    generate_demo(tmp_path, children=5, years=3, seed=11)
    data = {file: read(tmp_path, file) for file in ("outcomes", "remands", "offences")}
    for fy in range(2023, 2026):
        assert any(r["outcome_type"] in CUSTODIAL and financial_year(day(r["outcome_date"])) == fy
                   for r in data["outcomes"])
        assert any(r["remand_type"] == "youth_detention" and financial_year(day(r["start_date"])) == fy
                   for r in data["remands"])
        assert any(r["weapon"] != "none" and financial_year(day(r["offence_date"])) == fy for r in data["offences"])


def test_proven_reoffending_rate_is_realistic(data):
    """A simple version of the MoJ method over the 2022/23 cohort: 30–45% of children reoffend."""
    born = {row["child_id"]: day(row["date_of_birth"]) for row in data["children"]}
    offences = {row["offence_id"]: row for row in data["offences"]}
    proven_on = {}
    for o in data["outcomes"]:
        if o["outcome_type"] in SUBSTANTIVE:
            for oid in o["offence_ids"].split(";"):
                proven_on[oid] = day(o["outcome_date"])
    index: dict[str, date] = {}
    events = [(day(o["outcome_date"]), o["child_id"]) for o in data["outcomes"]
              if o["outcome_type"] in SUBSTANTIVE and o["outcome_type"] not in CUSTODIAL]
    events += [(day(c["release_date"]), c["child_id"]) for c in data["custody"] if c["release_date"]]
    for on, child in sorted(events):
        if date(2022, 4, 1) <= on <= date(2023, 3, 31) and child not in index and age_on(born[child], on) < 18:
            index[child] = on
    by_child = defaultdict(list)
    for oid, row in offences.items():
        by_child[row["child_id"]].append(oid)
    reoffenders = 0
    for child, on in index.items():
        if any(on < day(offences[oid]["offence_date"]) <= on + timedelta(days=365)
               and not offences[oid]["category"].startswith("breach")
               and oid in proven_on and proven_on[oid] <= on + timedelta(days=548) for oid in by_child[child]):
            reoffenders += 1
    assert len(index) > 150
    assert 0.28 <= reoffenders / len(index) <= 0.45


def test_remands_and_custody_are_a_handful(data):
    remands = Counter((r["remand_type"], financial_year(day(r["start_date"]))) for r in data["remands"])
    custodial = Counter(
        financial_year(day(o["outcome_date"])) for o in data["outcomes"] if o["outcome_type"] in CUSTODIAL
    )
    for fy in range(2022, 2026):
        assert 3 <= remands[("youth_detention", fy)] <= 40
        assert 2 <= custodial[fy] <= 25


def test_interventions_assessments_and_feedback(data):
    closed = [row for row in data["interventions"] if row["end_date"]]
    feedback = sum(row["feedback_child"] == "true" or row["feedback_parent"] == "true" for row in closed)
    assert 0.7 <= feedback / len(closed) <= 0.88
    assert all(row["end_reason"] for row in closed)
    assert not any(row["end_reason"] or row["accommodation_type_end"] for row in data["interventions"]
                   if not row["end_date"])
    send = [row for row in data["interventions"] if row["send_identified"] == "true"]
    assert 0.25 <= len(send) / len(data["interventions"]) <= 0.45
    assessments = data["assessments"]
    on_time = sum(bool(a["completed_on"]) and bool(a["due_on"]) and a["completed_on"] <= a["due_on"]
                  for a in assessments)
    assert on_time / len(assessments) >= 0.7
    signed = [a for a in assessments if a["countersigned_on"]]
    assert len(signed) / len(assessments) >= 0.75 and all(a["countersigned_by"] for a in signed)
    tools = {row["intervention_id"]: row["kind"] for row in data["interventions"]}
    expected = {"prevention": "prevention", "diversion": "local_oocd", "out_of_court": "local_oocd",
                "referral_order": "assetplus", "yro": "assetplus", "custody_licence": "assetplus"}
    for a in assessments:
        kind = tools[a["intervention_id"]]
        if kind in expected:
            assert a["tool"] == expected[kind]


# --- reference and governance data --------------------------------------------------------------


def test_population_covers_every_year_age_and_sex(data):
    cells = Counter((row["year"], row["age"], row["sex"]) for row in data["population"])
    years = sorted({row["year"] for row in data["population"]})
    assert years == [str(y) for y in range(2020, 2027)]
    assert len(cells) == len(years) * 8 * 2 and max(cells.values()) == 1
    totals = Counter()
    for row in data["population"]:
        totals[row["year"]] += int(row["population"])
    assert all(70_000 <= total <= 82_000 for total in totals.values()), totals


def test_census_ethnicity_has_groups_for_the_census_and_each_school_census(data):
    sources = defaultdict(dict)
    for row in data["census_ethnicity"]:
        sources[row["source"]][row["ethnicity"]] = int(row["population"])
    assert "census_2021" in sources and "school_census_2025" in sources
    for values in sources.values():
        groups = [values[g] for g in C(people_codes.ETHNIC_GROUPS)]
        assert 60_000 <= sum(groups) <= 82_000
        assert values["white_british"] < values["white"]


def test_comparators(data):
    rows = data["comparators"]
    assert {row["indicator"] for row in rows} == {"fte", "reoffending", "custody"}
    national = {(r["indicator"], r["period_start"]): r["value"] for r in rows if r["area_type"] == "national"}
    assert national[("fte", "2023-01-01")] == "169" and national[("fte", "2024-01-01")] == "157"
    assert national[("reoffending", "2021-04-01")] == "32.2"
    # One region and one YJS family for Demo City
    assert {r["area_name"] for r in rows if r["area_type"] == "region"} == {"Yorkshire and The Humber"}
    assert {r["area_name"] for r in rows if r["area_type"] == "family"} == {"Demo City YJS family"}
    assert all(float(r["value"]) > 0 for r in rows)


def test_budget_totals_add_up(data):
    rows = data["budget"]
    assert [row["year"] for row in rows[::7]] == ["2021/22", "2022/23", "2023/24", "2024/25", "2025/26"]
    assert [row["agency"] for row in rows[:7]] == [
        "Local authority", "Police", "Probation", "Health", "Police and Crime Commissioner",
        "YJB Good Practice Grant", "Other",
    ]
    for row in rows:
        parts = int(row["staffing"]) + int(row["payments_in_kind"]) + int(row["other_delegated"])
        assert int(row["total"]) == parts, row
    first_year = sum(int(row["total"]) for row in rows[:7])
    assert 3_500_000 <= first_year <= 5_500_000


def test_board_and_staff(data):
    meetings = sorted({row["meeting_date"] for row in data["board_attendance"]})
    assert 18 <= len(meetings) <= 21  # quarterly for five years
    members = {row["member"] for row in data["board_attendance"]}
    assert 9 <= len(members) <= 14
    agencies = {row["agency"] for row in data["board_attendance"] if row["statutory_partner"] == "true"}
    assert {"Police", "Probation", "Health", "Education", "Children's services"} <= agencies
    staff = data["staff"]
    assert 60 <= len(staff) <= 80
    types = Counter(row["staff_type"] for row in staff)
    assert types["volunteer"] and types["secondee"] and types["employee"]


def test_an_earlier_extract_date_and_fewer_years(tmp_path):
    end = date(2024, 12, 31)
    counts = generate_demo(tmp_path, children=200, years=2, seed=5, end=end, service="TEST", name="Testshire YJS")
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["service"] == "TEST" and manifest["extracted_on"] == "2024-12-31"
    budget = read(tmp_path, "budget")
    assert sorted({row["year"] for row in budget}) == ["2023/24", "2024/25"]
    for file, columns in DATES.items():
        for row in read(tmp_path, file):
            for column in columns:
                assert not row[column] or row[column] <= "2024-12-31", (file, column, row)
    comparators = read(tmp_path, "comparators")
    assert not any(r["published_on"] > "2024-12-31" or r["period_end"] > "2024-12-31" for r in comparators)
    assert counts["children"] > 100


def test_bad_arguments_are_refused(tmp_path):
    with pytest.raises(ValueError):
        generate_demo(tmp_path, children=0)
    with pytest.raises(ValueError):
        generate_demo(tmp_path, years=0)
