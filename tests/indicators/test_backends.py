"""One definition, every scale: DuckDB and PostgreSQL agree; the Spark SQL is snapshot-tested."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import ibis
import pytest
from django.db import connection

from openyj.casework.models import Assessment, Intervention
from openyj.indicators import custody, fte, remands, reoffending, serious_violence
from openyj.indicators.engine import Tables
from openyj.indicators.models import LookedAfterFigure
from openyj.indicators.periods import Period
from openyj.people.models import Episode

from . import factories as f

SNAPSHOTS = Path(__file__).parent / "snapshots"
PERIOD = Period.calendar_year(2024)


@pytest.fixture
def dataset(service_a, service_b):
    """A small mixed dataset over two services: every definition has something to count."""
    f.population("E08000901", 2024, 30_000)
    f.population("E08000902", 2023, 10_000)
    f.census("E08000901", "census_2021", {"white": 900, "white_roma": 20, "asian": 60, "black": 30, "mixed": 10})
    f.census("E08000901", "school_census_2024", {"white": 800, "asian": 120, "black": 50, "other": 30,
                                                "not_known": 7})
    f.census("E08000902", "census_2021", {"white_british": 500, "black_african": 250, "other_any": 250})
    LookedAfterFigure.objects.create(service=service_a, as_at=date(2024, 3, 31), looked_after=200, children=40_000,
                                     source="test")
    LookedAfterFigure.objects.create(service=service_b, as_at=date(2023, 3, 31), looked_after=90, source="test")
    for svc, tag in ((service_a, "A"), (service_b, "B")):
        for n in range(6):
            c = f.child(svc, ref=f"{tag}{n}", dob=f"{2008 + n % 3}-0{n % 9 + 1}-1{n}", sex=["male", "female"][n % 2])
            f.proven(c, "2023-12-01", f"2024-0{n + 1}-05", ["youth_caution", "referral_order"][n % 2],
                     category="robbery", seriousness=4 + n % 4, weapon=["none", "knife"][n % 2])
            if n % 2:
                f.proven(c, f"2024-0{n + 2}-10", f"2024-0{n + 3}-20", "youth_rehabilitation_order",
                         category="violence_against_the_person", seriousness=6)
            Intervention.objects.create(
                service=svc, child=c, reference=f"I{tag}{n}", kind=["yro", "referral_order"][n % 2],
                start_date=date(2023, 6 + n, 1), end_date=date(2024, 2 + n, 1) if n % 2 else None,
                feedback_child=bool(n % 4), school_age_start=n < 4, ete_hours_offered_start=5 * n,
                ete_status_start="not_in_ete" if n == 5 else "")
            f.review(Intervention.objects.get(service=svc, reference=f"I{tag}{n}"), f"2024-0{n + 1}-15",
                     f"2024-0{n + 1}-{14 + n % 3}" if n % 4 else None)
            Assessment.objects.create(service=svc, child=c, reference=f"AS{tag}{n}", due_on=date(2024, n + 1, 10),
                                      completed_on=date(2024, n + 1, 8 + n), countersigned_on=(
                                          date(2024, n + 2, 1) if n % 2 else None))
            if n in (2, 3):
                Episode.objects.create(service=svc, child=c, episode_type="looked_after",
                                       start_date=date(2023, 1, 1), legal_basis=["remand", "s20"][n % 2])
            if n % 3 == 0:
                dto = f.outcome(c, f"2024-0{n + 1}-25", "detention_training_order")
                f.custody(c, f"2024-0{n + 1}-25", f"2024-1{n % 3}-01", outcome=dto)
                f.remand(c, f"2024-0{n + 1}-01", f"2024-0{n + 1}-25")
                f.remand(c, "2024-11-20", None, "youth_detention")
    return [service_a, service_b]


def _plain(results):
    return {sid: {k: (r.numerator, r.denominator, r.value, r.ids, r.child_ids, r.provisional, r.extra,
                      r.breakdowns) for k, r in per.items()} for sid, per in results.items()}


def test_same_results_on_duckdb_and_postgres(dataset):
    from datetime import date

    from openyj.indicators.engine import tables_for
    from openyj.indicators.suite import compute_suite

    on_duck = compute_suite(tables_for(dataset, "duckdb", as_of=date(2026, 1, 1)), PERIOD)
    assert on_duck[dataset[0].pk]["fte"].numerator == 6
    assert on_duck[dataset[0].pk]["profile"].numerator == 6
    assert on_duck[dataset[0].pk]["assessments_countersigned"].numerator == 3
    # reviews due on the 15th, done on the 14th–16th (n % 3) or never (n = 0, 4): n = 1 (15th), 3 (14th)
    reviews = on_duck[dataset[0].pk]["reviews_on_time"]
    assert (reviews.numerator, reviews.denominator) == (2, 6)
    assert on_duck[dataset[0].pk]["looked_after_known"].denominator == 200
    assert on_duck[dataset[1].pk]["profile"].extra["census_source"] == "census_2021"
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL comparison runs when DATABASE_URL is PostgreSQL")
    on_pg = compute_suite(tables_for(dataset, "postgres", as_of=date(2026, 1, 1)), PERIOD)
    assert _plain(on_pg) == _plain(on_duck)


def _spark_tables() -> Tables:
    """Unbound tables with the Django schemas: what a Spark/Trino catalogue would hold."""
    from openyj.indicators.engine import RAW_FIELDS, raw_schema, service_area_arrow, table_name

    class Catalogue:
        def table(self, name):
            label = next(lbl for lbl in RAW_FIELDS if table_name(lbl) == name)
            return ibis.table(ibis.Schema.from_pyarrow(raw_schema(label)), name=name)

    areas = ibis.table(ibis.Schema.from_pyarrow(service_area_arrow([]).schema), name="openyj_service_area")
    t = Tables(con=Catalogue(), service_ids=[1], service_areas=areas)
    t.use_period(Period.quarter(2024, 1))
    return t


DEFINITIONS = {
    "fte": fte.counted, "reoffending": reoffending.counted, "custody": custody.counted,
    "remand_nights": remands.nights, "serious_violence": serious_violence.counted,
}


@pytest.mark.parametrize("name", sorted(DEFINITIONS))
def test_spark_sql_snapshot(name, db):
    sql = ibis.to_sql(DEFINITIONS[name](_spark_tables(), Period.quarter(2024, 1)), dialect="pyspark")
    path = SNAPSHOTS / f"{name}.spark.sql"
    if os.environ.get("OPENYJ_UPDATE_SNAPSHOTS") or not path.exists():
        path.write_text(sql + "\n")
    assert sql + "\n" == path.read_text(), f"Spark SQL for {name} changed; set OPENYJ_UPDATE_SNAPSHOTS=1 to accept"


def test_trino_compiles(db):
    assert "SELECT" in ibis.to_sql(reoffending.counted(_spark_tables(), Period.quarter(2024, 1)), dialect="trino")


def test_compiled_once_then_reused_for_other_periods(dataset):
    """The SQL cache (compiled with sentinel dates) gives what a fresh compilation gives."""
    from datetime import date

    from openyj.indicators.engine import _COMPILED, _compiled, tables_for
    from openyj.indicators.suite import compute_suite

    t = tables_for(dataset, "duckdb", as_of=date(2026, 1, 1))
    periods = [Period.quarter(2024, q) for q in (1, 2, 3, 4)] + [PERIOD]
    reused = [_plain(compute_suite(t, p)) for p in periods]
    _COMPILED.clear()
    fresh = []
    for p in periods:
        _COMPILED.clear()
        fresh.append(_plain(compute_suite(tables_for(dataset, "duckdb", as_of=date(2026, 1, 1)), p)))
    assert reused == fresh
    sql = _compiled(t, fte.counted, Period.quarter(2024, 2))
    assert "MAKE_DATE(2024, 4, 1)" in sql and "MAKE_DATE(2024, 6, 30)" in sql and "1111" not in sql


def test_reoffending_in_one_query_as_on_spark(dataset):
    """Without the temporary table (as on Spark or Trino, where the SQL runs in one statement) the
    cohort and counts are the same: every child of the cohort keeps its own service and child columns."""
    from datetime import date

    from openyj.indicators.engine import fetch, materialize, tables_for

    t = tables_for(dataset, "duckdb", as_of=date(2026, 1, 1))
    t.use_period(PERIOD)
    one_query = t.con.to_pyarrow(reoffending.counted(t, PERIOD)).to_pylist()
    materialize(t, reoffending.COHORT_TABLE, reoffending.cohort, PERIOD)
    two_steps = fetch(t, reoffending.counted_from_cohort, PERIOD)

    def key(rows):
        return sorted((r["service_id"], r["child_id"], r["reoffences"], r["index_seriousness"]) for r in rows)

    assert all(r["service_id"] is not None for r in one_query)
    assert key(one_query) == key(two_steps) and len(two_steps) > 4
