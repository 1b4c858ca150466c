"""The indicator engine: hands the records to an Ibis backend and runs the definitions.

One definition, every scale (``shared/design/architecture.md``):

- **DuckDB embedded** (the default): the service's rows are read through the ORM into Arrow tables
  and handed to an in-process DuckDB through Arrow — no DuckDB extension is ever loaded;
- **PostgreSQL in-database**: the same Ibis expressions run against the Django tables where they
  are, through ``ibis.postgres`` on Django's own connection settings;
- **Spark/Trino**: the expressions compile to their SQL (``ibis.to_sql(expr, dialect="pyspark")``).

Both backends see the same raw tables (Django's table and column names); :class:`Tables` turns
them into the tidy, named tables the definitions read (``children``, ``offences``, ``outcomes`` …).
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

import ibis
import pyarrow as pa
from django.db import models

from openyj.indicators.periods import Period

# Ibis 12 calls a DuckDB method that DuckDB 2.0 deprecates; harmless, and not ours to fix.
warnings.filterwarnings("ignore", message="fetch_arrow_table", category=DeprecationWarning)

# Raw tables: Django model label → the fields the indicators read (by attname).
RAW_FIELDS: dict[str, list[str]] = {
    "core.Service": ["id", "code"],
    "people.Child": ["id", "service_id", "reference", "date_of_birth", "sex", "ethnicity",
                     "prior_substantive_outcome", "send_status"],
    "people.Episode": ["id", "service_id", "child_id", "episode_type", "start_date", "end_date", "legal_basis"],
    "offending.OffenceCategory": ["code", "name", "is_breach"],
    "offending.OutcomeType": ["code", "name", "tier", "substantive", "custodial"],
    "offending.Offence": ["id", "service_id", "reference", "child_id", "offence_date", "category_id",
                          "seriousness", "weapon", "description"],
    "offending.Outcome": ["id", "service_id", "reference", "child_id", "outcome_date", "outcome_type_id",
                          "psr_proposal_id"],
    "offending.Outcome_offences": ["id", "outcome_id", "offence_id"],
    "offending.Remand": ["id", "service_id", "reference", "child_id", "remand_type", "start_date", "end_date"],
    "offending.CustodyEpisode": ["id", "service_id", "reference", "child_id", "outcome_id", "start_date",
                                 "release_date", "ete_on_release"],
    "casework.Intervention": [
        "id", "service_id", "reference", "child_id", "kind", "outcome_id", "start_date", "end_date",
        "end_reason", "ete_hours_offered_start", "ete_hours_offered_end", "school_age_start", "school_age_end",
        "ete_status_start", "ete_status_end", "feedback_child", "feedback_parent",
        # the rest of the snapshots and needs, for the YJB key performance indicators (kpis/)
        "accommodation_type_start", "accommodation_type_end", "accommodation_suitable_start",
        "accommodation_suitable_end", "ete_suitable_start", "ete_suitable_end", "ete_hours_attended_start",
        "ete_hours_attended_end", "send_identified", "send_plan_current", "mh_need", "mh_offered",
        "mh_attending", "substance_need", "substance_offered", "substance_attending",
    ],
    "casework.Assessment": ["id", "service_id", "reference", "child_id", "intervention_id", "tool",
                            "started_on", "due_on", "completed_on", "countersigned_on"],
    "casework.Review": ["id", "service_id", "intervention_id", "child_id", "due_on", "done_on"],
    "casework.Feedback": ["id", "service_id", "child_id", "intervention_id", "source", "given_on", "at_closure"],
    "casework.PanelDecision": ["id", "service_id", "child_id", "referred_on", "recommendation_id",
                               "decision_id", "decided_on"],
    "casework.Victim": ["id", "service_id", "reference", "consent_to_contact", "views_sought", "rj_offered",
                        "rj_participation", "kept_informed", "support_signposted"],
    "casework.Victim_offences": ["id", "victim_id", "offence_id"],
    "governance.BoardAttendance": ["id", "service_id", "meeting_date", "member", "agency", "statutory_partner",
                                   "appropriate_seniority", "attendance"],
    "indicators.Population": ["area_code", "year", "age", "sex", "population"],
    "indicators.CensusEthnicity": ["area_code", "source", "ethnicity", "population"],
    "indicators.LookedAfterFigure": ["id", "service_id", "as_at", "looked_after", "children", "source",
                                     "published_on"],
}
# Reference tables shared by every service (not filtered by service).
REFERENCE = {"offending.OffenceCategory", "offending.OutcomeType", "indicators.Population",
             "indicators.CensusEthnicity"}
# Many-to-many tables (no service column): label → the owner whose service filters them.
THROUGH = {"offending.Outcome_offences": "outcome", "casework.Victim_offences": "victim"}


def _model(label: str) -> type[models.Model]:
    from django.apps import apps

    if label in THROUGH:
        owner, _, name = label.partition("_")
        return getattr(apps.get_model(owner), name).through
    return apps.get_model(label)


def _arrow_type(f: models.Field) -> pa.DataType:
    if isinstance(f, models.ForeignKey):
        return _arrow_type(f.target_field)
    if isinstance(f, models.DateTimeField):
        return pa.timestamp("us")
    if isinstance(f, models.DateField):
        return pa.date32()
    if isinstance(f, models.BooleanField):
        return pa.bool_()
    if isinstance(f, (models.AutoField, models.BigAutoField, models.IntegerField)):
        return pa.int64()
    if isinstance(f, (models.DecimalField, models.FloatField)):
        return pa.float64()
    return pa.string()


def raw_schema(label: str) -> pa.Schema:
    model = _model(label)
    fields = []
    for name in RAW_FIELDS[label]:
        f = next(x for x in model._meta.concrete_fields if x.attname == name)
        fields.append(pa.field(f.column, _arrow_type(f)))
    return pa.schema(fields)


def table_name(label: str) -> str:
    return _model(label)._meta.db_table


def load_arrow(service_ids: Iterable[int]) -> dict[str, pa.Table]:
    """Read the services' records through the ORM into Arrow tables named as Django's tables."""
    service_ids = list(service_ids)
    out = {}
    for label, names in RAW_FIELDS.items():
        model = _model(label)
        qs = model._base_manager.all()
        if label == "core.Service":
            qs = qs.filter(pk__in=service_ids)
        elif label in THROUGH:
            qs = qs.filter(**{f"{THROUGH[label]}__service_id__in": service_ids})
        elif label not in REFERENCE:
            qs = qs.filter(service_id__in=service_ids)
        schema = raw_schema(label)
        rows = list(qs.order_by().values_list(*names))
        columns = list(zip(*rows, strict=True)) if rows else [[] for _ in names]
        out[table_name(label)] = pa.table(
            [pa.array([float(v) if v is not None and t == pa.float64() else v for v in col], type=t)
             for col, t in zip(columns, schema.types, strict=True)],
            schema=schema,
        )
    return out


def service_area_arrow(services) -> pa.Table:
    rows = [(s.pk, code) for s in services for code in (s.area_codes or [])]
    return pa.table({"service_id": pa.array([r[0] for r in rows], pa.int64()),
                     "area_code": pa.array([r[1] for r in rows], pa.string())})


@dataclass
class Settings:
    """Configurable parameters of the definitions (the [unconfirmed] ones are data, not code)."""

    # Serious youth violence [unconfirmed definition]
    syv_categories: tuple[str, ...] = ("drugs", "robbery", "violence_against_the_person")
    syv_min_seriousness: int = 5
    # Remands not followed by custody: a custodial sentence dated from the remand's start up to this
    # many days after it ended counts as "followed by custody" (local rule).
    remand_custody_window_days: int = 31
    # Reoffending: follow-up and waiting period in months (MoJ method)
    follow_up_months: int = 12
    waiting_months: int = 6
    provisional_months: int = 18
    small_number_threshold: int = 5
    # Looked-after over-representation: count children looked after only because remanded
    # (local rule; off by default, see looked_after.py)
    looked_after_include_remand_only: bool = False
    # KPI 8 links to wider services: early help episodes count [unconfirmed] (off by default)
    kpi_early_help: bool = False
    # KPI 7 board attendance: a partner below this attendance (%) is listed
    kpi_board_threshold: float = 75


@dataclass
class Tables:
    """The tidy tables the definitions read, over one Ibis connection.

    ``service_ids`` are the services in scope; ``as_of`` is "today" for provisional flags.
    """

    con: object
    service_ids: list[int]
    service_areas: object  # ibis table (service_id, area_code)
    in_database: bool = False
    as_of: date = field(default_factory=date.today)
    settings: Settings = field(default_factory=Settings)

    # The period -------------------------------------------------------------------------------
    # On embedded DuckDB a definition's SQL is compiled once and reused for every period (Ibis
    # compilation costs more than DuckDB's execution on a service's data): it is compiled with
    # sentinel dates that are replaced by the period's own dates at execution, so DuckDB still
    # sees plain literals it can push down into its scans. Elsewhere the literals go in directly.
    current: Period | None = None
    sentinels: bool = False

    def use_period(self, period: Period) -> None:
        self.current = period

    def p(self, name: str):
        """The current period's ``start``, ``end``, ``after`` (end + 1 day) or ``mid_year``."""
        if self.sentinels:
            return ibis.literal(SENTINELS[name])
        return ibis.literal(period_values(self.current)[name])

    def within(self, col):
        """``col`` falls inside the period (inclusive)."""
        return col.between(self.p("start"), self.p("end"))

    def raw(self, label: str):
        t = self.con.table(table_name(label))
        if self.in_database and label not in REFERENCE and label not in THROUGH and label != "core.Service":
            t = t.filter(t.service_id.isin(self.service_ids))
        return t

    @functools.cached_property
    def children(self):
        c = self.raw("people.Child")
        return c.select(
            service_id=c.service_id, child_pk=c.id, child_id=c.reference, dob=c.date_of_birth, sex=c.sex,
            ethnicity=c.ethnicity, prior=c.prior_substantive_outcome.fill_null(False),
            send_status=c.send_status,
        )

    @functools.cached_property
    def offences(self):
        o = self.raw("offending.Offence")
        cat = self.raw("offending.OffenceCategory")
        j = o.join(cat, o.category_id == cat.code)
        return j.select(
            service_id=j.service_id, offence_pk=j.id, offence_id=j.reference, child_pk=j.child_id,
            offence_date=j.offence_date, category=j.category_id, category_name=j.name,
            seriousness=j.seriousness.cast("int64"), weapon=j.weapon, description=j.description,
            is_breach=j.is_breach,
        )

    @functools.cached_property
    def outcomes(self):
        o = self.raw("offending.Outcome")
        ot = self.raw("offending.OutcomeType")
        j = o.join(ot, o.outcome_type_id == ot.code)
        return j.select(
            service_id=j.service_id, outcome_pk=j.id, outcome_id=j.reference, child_pk=j.child_id,
            outcome_date=j.outcome_date, outcome_type=j.outcome_type_id, tier=j.tier,
            substantive=j.substantive, custodial=j.custodial, psr_proposal=j.psr_proposal_id,
        )

    @functools.cached_property
    def outcome_offences(self):
        t = self.raw("offending.Outcome_offences")
        if self.in_database:
            o = self.raw("offending.Outcome")
            t = t.filter(t.outcome_id.isin(o.id))
        return t.select(outcome_pk=t.outcome_id, offence_pk=t.offence_id)

    @functools.cached_property
    def remands(self):
        r = self.raw("offending.Remand")
        return r.select(service_id=r.service_id, remand_pk=r.id, remand_id=r.reference, child_pk=r.child_id,
                        remand_type=r.remand_type, start_date=r.start_date, end_date=r.end_date)

    @functools.cached_property
    def custody(self):
        c = self.raw("offending.CustodyEpisode")
        return c.select(service_id=c.service_id, custody_pk=c.id, custody_id=c.reference, child_pk=c.child_id,
                        outcome_pk=c.outcome_id, start_date=c.start_date, release_date=c.release_date,
                        ete_on_release=c.ete_on_release)

    @functools.cached_property
    def interventions(self):
        i = self.raw("casework.Intervention")
        return i.select(
            service_id=i.service_id, intervention_pk=i.id, intervention_id=i.reference, child_pk=i.child_id,
            kind=i.kind, outcome_pk=i.outcome_id, start_date=i.start_date, end_date=i.end_date,
            end_reason=i.end_reason,
            hours_start=i.ete_hours_offered_start.cast("float64"),
            hours_end=i.ete_hours_offered_end.cast("float64"),
            school_age_start=i.school_age_start, school_age_end=i.school_age_end,
            ete_status_start=i.ete_status_start, ete_status_end=i.ete_status_end,
            feedback_child=i.feedback_child, feedback_parent=i.feedback_parent,
        )

    @functools.cached_property
    def episodes(self):
        e = self.raw("people.Episode")
        return e.select(service_id=e.service_id, child_pk=e.child_id, episode_type=e.episode_type,
                        start_date=e.start_date, end_date=e.end_date, legal_basis=e.legal_basis)

    @functools.cached_property
    def assessments(self):
        a = self.raw("casework.Assessment")
        return a.select(service_id=a.service_id, assessment_pk=a.id, assessment_id=a.reference,
                        child_pk=a.child_id, tool=a.tool, started_on=a.started_on, due_on=a.due_on,
                        completed_on=a.completed_on, countersigned_on=a.countersigned_on)

    @functools.cached_property
    def reviews(self):
        r = self.raw("casework.Review")
        return r.select(service_id=r.service_id, review_pk=r.id, intervention_pk=r.intervention_id,
                        child_pk=r.child_id, due_on=r.due_on, done_on=r.done_on)

    @functools.cached_property
    def looked_after_figures(self):
        f = self.raw("indicators.LookedAfterFigure")
        return f.select(service_id=f.service_id, as_at=f.as_at, looked_after=f.looked_after.cast("int64"),
                        children=f.children.cast("int64"), source=f.source, published_on=f.published_on)

    @functools.cached_property
    def feedback(self):
        f = self.raw("casework.Feedback")
        return f.select(service_id=f.service_id, child_pk=f.child_id, intervention_pk=f.intervention_id,
                        source=f.source, given_on=f.given_on, at_closure=f.at_closure)

    @functools.cached_property
    def panel_decisions(self):
        p = self.raw("casework.PanelDecision")
        return p.select(service_id=p.service_id, panel_pk=p.id, child_pk=p.child_id, referred_on=p.referred_on,
                        recommendation=p.recommendation_id, decision=p.decision_id, decided_on=p.decided_on)

    @functools.cached_property
    def population(self):
        p = self.raw("indicators.Population")
        return p.select(area_code=p.area_code, year=p.year.cast("int64"), age=p.age.cast("int64"), sex=p.sex,
                        population=p.population.cast("int64"))

    @functools.cached_property
    def census_ethnicity(self):
        c = self.raw("indicators.CensusEthnicity")
        return c.select(area_code=c.area_code, source=c.source, ethnicity=c.ethnicity,
                        population=c.population.cast("int64"))


SENTINELS = {"start": date(1111, 1, 1), "end": date(1111, 2, 2), "after": date(1111, 3, 3),
             "mid_year": 1111111}


def period_values(period: Period) -> dict:
    return {"start": period.start, "end": period.end, "after": period.end + timedelta(days=1),
            "mid_year": period.midpoint.year}


def _duckdb_literal(value) -> str:
    if isinstance(value, date):
        return f"MAKE_DATE({value.year}, {value.month}, {value.day})"
    return str(value)


def duckdb_tables(arrow: dict[str, pa.Table], services, **kwargs) -> Tables:
    """Tables over an in-process DuckDB, fed through Arrow (no extension is loaded)."""
    con = ibis.duckdb.connect(threads=kwargs.pop("threads", None) or 2)
    for name, table in {**arrow, "openyj_service_area": service_area_arrow(services)}.items():
        hand_over(con, name, table)
    areas = con.table("openyj_service_area")
    return Tables(con=con, service_ids=[s.pk for s in services], service_areas=areas, **kwargs)


def hand_over(con, name: str, table: pa.Table) -> None:
    """Copy an Arrow table into DuckDB as a native table (Arrow scan; no extension involved).

    Done on the DuckDB connection itself: Ibis 12's ``create_table`` from Arrow trips over a
    DuckDB 2.0 parser change (``DROP VIEW IF EXISTS`` with an empty name).
    """
    raw = con.con
    raw.register("openyj_arrow_in", table)
    try:
        # ``name`` is one of our own table names (RAW_FIELDS), never user input.
        raw.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM openyj_arrow_in')  # noqa: S608
    finally:
        raw.unregister("openyj_arrow_in")


def postgres_connection():
    """An Ibis connection over Django's own PostgreSQL connection (in-database computation).

    Sharing Django's connection means the expressions see exactly what the ORM sees (the same
    transaction) and no second set of credentials is needed. Ibis wraps its statements in
    savepoints, so it never commits on Django's behalf.
    """
    from django.db import connection

    connection.ensure_connection()
    return ibis.postgres.from_connection(connection.connection)


def postgres_tables(services, con=None, **kwargs) -> Tables:
    """Tables that stay in PostgreSQL: the expressions run in-database."""
    con = con or postgres_connection()
    areas = ibis.memtable(service_area_arrow(services))
    return Tables(con=con, service_ids=[s.pk for s in services], service_areas=areas, in_database=True,
                  **kwargs)


def tables_for(services, backend: str = "duckdb", **kwargs) -> Tables:
    """Tables for ``services`` on ``backend`` (``duckdb`` or ``postgres``)."""
    services = list(services)
    if backend == "postgres":
        return postgres_tables(services, **kwargs)
    return duckdb_tables(load_arrow([s.pk for s in services]), services, **kwargs)


# ----------------------------------------------------------------------------------------------
# Shared expression helpers
# ----------------------------------------------------------------------------------------------

def age_at(dob, when):
    """Ibis expression: age in whole years on ``when`` (the rule of :func:`periods.age_on`)."""
    return (when.year() - dob.year() - ibis.ifelse(
        when.month() * 100 + when.day() < dob.month() * 100 + dob.day(), 1, 0
    )).cast("int64")


def plus_months(d, months: int):
    """Ibis expression: date plus whole months, clamped to the month end (as ``periods.add_months``)."""
    return (d + ibis.interval(months=months)).cast("date")


def population_expr(t: Tables, period: Period):
    """Children aged 10–17 resident in each service's area, from the mid-year estimate of the
    calendar year containing the period's midpoint, or the latest earlier year available."""
    p = t.population.filter(t.population.age.between(10, 17), t.population.year <= t.p("mid_year"))
    a = t.service_areas
    j = p.join(a, p.area_code == a.area_code)
    by_year = j.group_by([j.service_id, j.year]).agg(population=j.population.sum())
    latest = by_year.group_by(by_year.service_id).agg(year=by_year.year.max())
    return by_year.join(latest, ["service_id", "year"]).select("service_id", "year", "population")


def population(t: Tables, period: Period) -> dict[int, tuple[int, int]]:
    """service id → (population aged 10–17, the year of the estimate used)."""
    rows = fetch(t, population_expr, period)
    return {r["service_id"]: (int(r["population"]), int(r["year"])) for r in rows}


_COMPILED: dict[tuple, str] = {}


def _compiled(t: Tables, definition, period: Period) -> str:
    """The DuckDB SQL of ``definition`` for ``period``: compiled once, the period's dates put in."""
    key = (definition.__module__, definition.__qualname__, repr(t.settings))
    sql = _COMPILED.get(key)
    if sql is None:
        t.sentinels = True
        try:
            sql = str(t.con.compile(definition(t, period)))
        finally:
            t.sentinels = False
        _COMPILED[key] = sql
    for name, value in period_values(period).items():
        sql = sql.replace(_duckdb_literal(SENTINELS[name]), _duckdb_literal(value))
    return sql


def materialize(t: Tables, name: str, definition, period: Period):
    """Compute ``definition`` for ``period`` into a temporary table and return it.

    Used where a definition needs an intermediate result more than once (the reoffending cohort):
    SQL generators inline a subquery at every use, so it is computed once and then read.
    """
    t.use_period(period)
    if t.in_database:
        # By hand rather than ``create_table(..., overwrite=True)``, which trips over the same
        # sqlglot change as on DuckDB (an empty name after DROP TABLE IF EXISTS).
        sql = str(t.con.compile(definition(t, period)))
        t.con.raw_sql(f'DROP TABLE IF EXISTS "{name}"').close()
        t.con.raw_sql(f'CREATE TEMP TABLE "{name}" AS {sql}').close()  # noqa: S608 - our own names
        return t.con.table(name)
    t.con.con.execute(f'CREATE OR REPLACE TEMP TABLE "{name}" AS {_compiled(t, definition, period)}')
    return t.con.table(name)


def fetch(t: Tables, definition, period: Period) -> list[dict]:
    """Run ``definition(t, period)`` for ``period`` and return its rows as dicts.

    On embedded DuckDB the compiled SQL is cached per definition and settings (it does not depend
    on the period, which is read from the period table), so each definition compiles once.
    """
    t.use_period(period)
    if t.in_database or not hasattr(t.con, "con"):
        return t.con.to_pyarrow(definition(t, period)).to_pylist()
    return t.con.con.sql(_compiled(t, definition, period)).to_arrow_table().to_pylist()


def by_service(rows: list[dict], service_ids: Iterable[int]) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {sid: [] for sid in service_ids}
    for r in rows:
        out.setdefault(r["service_id"], []).append(r)
    return out
