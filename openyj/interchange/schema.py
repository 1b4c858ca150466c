"""The files and columns of the interchange format (format version 1), as data.

This is the contract of ``shared/spec/interchange.md`` written once, in the order files are loaded
(a file's references point only at files loaded before it). Each column names the model field it
fills; how a cell is read and checked is derived from that field (its type, choices, length and
validators) in :mod:`openyj.interchange.validate`, so the web forms and the importer share one set of
rules. Renaming or removing anything here is a breaking change of the format.

``code_mapping.csv`` is an addition to the format (additions are allowed): a service's own names
for outcomes and offence categories, mapped once to the codes and reused on every import.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps

from openyj.casework.models import KPI_FLAG_FIELDS, SNAPSHOT_FIELDS

FORMAT_VERSION = 1


@dataclass(frozen=True)
class Column:
    """One column of a file.

    ``kind`` says how the cell becomes a field value:
    ``field``  the model field ``field`` read by its own type;
    ``child``  a child_id: the child must exist in children.csv or already in the service;
    ``outcome`` / ``intervention``  an id of a record of the same child;
    ``offences``  a ``;``-separated list of offence ids (``same_child`` for outcomes);
    ``code``  a code from a reference table (offence category, outcome type), or a local name
    mapped through the service's code mapping (``mapping`` names the mapping kind).
    """

    name: str
    field: str | None = None
    required: bool = False
    kind: str = "field"
    mapping: str | None = None
    same_child: bool = False

    @property
    def model_field(self) -> str:
        return self.field or self.name


@dataclass(frozen=True)
class FileSpec:
    name: str
    model: str  # app_label.ModelName
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # the columns that identify a record within the service (or globally)
    scope: str = "service"  # "service" or "global" (reference data shared by every service)
    description: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def stem(self) -> str:
        return self.name.removesuffix(".csv")

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def required_columns(self) -> list[str]:
        return [c.name for c in self.columns if c.required]

    def column(self, name: str) -> Column:
        return self._by_name[name]

    @property
    def _by_name(self) -> dict[str, Column]:
        return {c.name: c for c in self.columns}

    def get_model(self):
        return apps.get_model(self.model)


def _f(name: str, required: bool = False, field: str | None = None) -> Column:
    return Column(name, field=field, required=required)


CHILD = Column("child_id", field="child", required=True, kind="child")


def _intervention_columns() -> tuple[Column, ...]:
    cols = [
        Column("intervention_id", field="reference", required=True),
        CHILD,
        _f("kind", True),
        Column("outcome_id", field="outcome", kind="outcome", same_child=True),
        _f("start_date", True),
        _f("end_date"),
        _f("end_reason"),
    ]
    for stage in ("start", "end"):
        cols.extend(_f(name) for name in SNAPSHOT_FIELDS[stage])
    cols.extend(_f(name) for name in KPI_FLAG_FIELDS)
    return tuple(cols)


FILES: tuple[FileSpec, ...] = (
    FileSpec(
        "code_mapping.csv", "offending.LocalCodeMapping",
        (_f("kind", True), _f("local_name", True), _f("code", True)),
        key=("kind", "local_name"),
        description="Your own names for outcomes and offence categories, mapped once to the codes.",
    ),
    FileSpec(
        "children.csv", "people.Child",
        (
            Column("child_id", field="reference", required=True),
            _f("date_of_birth", True), _f("sex", True), _f("ethnicity", True),
            _f("local_authority"), _f("postcode_district"), _f("prior_substantive_outcome"),
            _f("pnc_id"), _f("given_name"), _f("family_name"),
        ),
        key=("child_id",),
        description="One row per child.",
    ),
    FileSpec(
        "episodes.csv", "people.Episode",
        (CHILD, _f("episode_type", True), _f("start_date", True), _f("end_date"), _f("legal_basis")),
        key=("child_id", "episode_type", "start_date"),
        description="Looked after, child in need, child protection and early help episodes.",
    ),
    FileSpec(
        "offences.csv", "offending.Offence",
        (
            Column("offence_id", field="reference", required=True), CHILD,
            _f("offence_date", True),
            Column("category", required=True, kind="code", mapping="category"),
            _f("seriousness", True), _f("description"), _f("offence_code"), _f("weapon"),
            _f("hostility_aggravated"),
        ),
        key=("offence_id",),
        description="One row per offence.",
    ),
    FileSpec(
        "outcomes.csv", "offending.Outcome",
        (
            Column("outcome_id", field="reference", required=True), CHILD,
            _f("outcome_date", True),
            Column("outcome_type", required=True, kind="code", mapping="outcome_type"),
            Column("offence_ids", field="offences", kind="offences", same_child=True),
            _f("start_date"), _f("end_date"), _f("length_months"), _f("court"),
            Column("psr_proposal", kind="code", mapping="outcome_type"),
        ),
        key=("outcome_id",),
        description="Outcomes (disposals, sentences) for one or more offences of the same child.",
    ),
    FileSpec(
        "remands.csv", "offending.Remand",
        (Column("remand_id", field="reference", required=True), CHILD, _f("remand_type", True),
         _f("start_date", True), _f("end_date")),
        key=("remand_id",),
    ),
    FileSpec(
        "custody.csv", "offending.CustodyEpisode",
        (
            Column("custody_id", field="reference", required=True), CHILD,
            Column("outcome_id", field="outcome", kind="outcome", same_child=True),
            _f("start_date", True), _f("release_date"), _f("establishment_type"),
            _f("accommodation_on_release_suitable"), _f("ete_on_release"),
        ),
        key=("custody_id",),
    ),
    FileSpec("interventions.csv", "casework.Intervention", _intervention_columns(), key=("intervention_id",)),
    FileSpec(
        "assessments.csv", "casework.Assessment",
        (
            Column("assessment_id", field="reference", required=True), CHILD,
            Column("intervention_id", field="intervention", kind="intervention", same_child=True),
            _f("tool"), _f("started_on"), _f("due_on"), _f("completed_on"), _f("reoffending_likelihood"),
            _f("serious_harm"), _f("safety_wellbeing"), _f("countersigned_on"), _f("countersigned_by"),
        ),
        key=("assessment_id",),
    ),
    FileSpec(
        "victims.csv", "casework.Victim",
        (
            Column("victim_id", field="reference", required=True),
            Column("offence_ids", field="offences", kind="offences"),
            _f("consent_to_contact"), _f("views_sought"), _f("rj_offered"), _f("rj_participation"),
            _f("kept_informed"), _f("support_signposted"), _f("satisfaction"),
        ),
        key=("victim_id",),
    ),
    FileSpec(
        "population.csv", "indicators.Population",
        (_f("area_code", True), _f("year", True), _f("age", True), _f("sex", True), _f("population", True)),
        key=("area_code", "year", "age", "sex"), scope="global",
        description="ONS mid-year estimates by area, year, single year of age and sex.",
    ),
    FileSpec(
        "census_ethnicity.csv", "indicators.CensusEthnicity",
        (_f("area_code", True), _f("source", True), _f("ethnicity", True), _f("population", True)),
        key=("area_code", "source", "ethnicity"), scope="global",
        description="Children aged 10 to 17 by ethnicity (code or group).",
    ),
    FileSpec(
        "comparators.csv", "indicators.ComparatorValue",
        (
            _f("indicator", True), _f("area_type", True), _f("area_name", True), _f("period_start", True),
            _f("period_end", True), _f("value", True), _f("numerator"), _f("denominator"),
            _f("source", True), _f("published_on"),
        ),
        key=("indicator", "area_type", "area_name", "period_start", "period_end"),
    ),
    FileSpec(
        "board_attendance.csv", "governance.BoardAttendance",
        (_f("meeting_date", True), _f("member", True), _f("agency", True), _f("statutory_partner"),
         _f("appropriate_seniority"), _f("attendance", True)),
        key=("meeting_date", "member"),
    ),
    FileSpec(
        "budget.csv", "governance.BudgetLine",
        (_f("year", True), _f("agency", True), _f("staffing"), _f("payments_in_kind"),
         _f("other_delegated"), _f("total")),
        key=("year", "agency"),
    ),
    FileSpec(
        "staff.csv", "governance.StaffMember",
        (Column("staff_id", field="reference", required=True), _f("grade"), _f("staff_type"), _f("agency"),
         _f("sex"), _f("ethnicity"), _f("fte"), _f("qualifications")),
        key=("staff_id",),
    ),
)

BY_NAME: dict[str, FileSpec] = {spec.name: spec for spec in FILES}
FILE_NAMES: list[str] = [spec.name for spec in FILES]
MANIFEST = "manifest.json"
