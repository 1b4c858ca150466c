"""Benchmark: the full indicator suite at national scale, and the engine against hand-written SQL.

    .venv/bin/python -m benchmarks.indicators [--services 150] [--children 150000] [--offences 600000]

Generates a synthetic national dataset straight into Arrow tables (150 services, 5 years: about
150,000 children and 600,000 offences, with outcomes, custody and remands), hands it to DuckDB
through Arrow exactly as the engine does for real data, then prints:

- the time to compute the full suite for every service at once (one query per definition,
  grouped by service), for a financial year;
- the time for one service's full suite (its own connection, as the dashboard does), cold (first
  run compiles the SQL) and warm;
- side by side in the same run, the engine's reoffending cohort and a hand-written DuckDB SQL
  query implementing the same rule, with a check that they agree;
- peak resident memory of the process.

Not a test: run it by hand on the target machine and copy the figures into docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import time
from dataclasses import dataclass
from datetime import date

import numpy as np
import pyarrow as pa

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")


@dataclass
class FakeService:
    pk: int
    area_codes: list


EPOCH = np.datetime64("1970-01-01")


def _dates(days: np.ndarray) -> pa.Array:
    return pa.array(days.astype("int32"), pa.int32()).cast(pa.date32())


def generate(services: int, children: int, offences: int, seed: int = 1) -> tuple[dict[str, pa.Table], list]:
    """Synthetic Arrow tables in the engine's raw schemas (Django's table and column names)."""
    from openyj.indicators.engine import RAW_FIELDS, raw_schema, table_name
    from openyj.offending import codes as offending_codes
    from openyj.people import codes as people_codes

    rng = np.random.default_rng(seed)
    start = (np.datetime64("2019-04-01") - EPOCH).astype(int)
    end = (np.datetime64("2024-03-31") - EPOCH).astype(int)
    tables = {table_name(label): raw_schema(label).empty_table() for label in RAW_FIELDS}

    child_service = rng.integers(1, services + 1, children)
    dob = rng.integers((np.datetime64("1999-01-01") - EPOCH).astype(int),
                       (np.datetime64("2012-12-31") - EPOCH).astype(int), children)
    sexes = np.array(["male", "female"])
    eth = np.array([c for c, _, _ in people_codes.ETHNICITY])
    tables["people_child"] = pa.table({
        "id": pa.array(np.arange(1, children + 1), pa.int64()),
        "service_id": pa.array(child_service, pa.int64()),
        "reference": pa.array([f"C{i}" for i in range(1, children + 1)]),
        "date_of_birth": _dates(dob),
        "sex": pa.array(sexes[rng.choice(2, children, p=[0.82, 0.18])]),
        "ethnicity": pa.array(eth[rng.integers(0, len(eth), children)]),
        "prior_substantive_outcome": pa.array(rng.random(children) < 0.05),
        "send_status": pa.array([""] * children),
    })
    # offences: a prolific minority (a power law over children)
    who = np.minimum((rng.pareto(1.2, offences) * children / 20).astype(int), children - 1)
    who = rng.permutation(children)[who]
    off_date = np.maximum(dob[who] + 10 * 365 + rng.integers(0, 8 * 365, offences), start)
    off_date = np.minimum(off_date, end)
    cats = np.array([c for c, _ in offending_codes.OFFENCE_CATEGORY])
    weapons = np.array(["none", "knife", "firearm", "other"])
    tables["offending_offence"] = pa.table({
        "id": pa.array(np.arange(1, offences + 1), pa.int64()),
        "service_id": pa.array(child_service[who], pa.int64()),
        "reference": pa.array([f"O{i}" for i in range(1, offences + 1)]),
        "child_id": pa.array(who + 1, pa.int64()),
        "offence_date": _dates(off_date),
        "category_id": pa.array(cats[rng.integers(0, len(cats), offences)]),
        "seriousness": pa.array(rng.integers(1, 9, offences), pa.int64()),
        "weapon": pa.array(weapons[rng.choice(4, offences, p=[0.93, 0.05, 0.01, 0.01])]),
        "description": pa.array([""] * offences),
    })
    # outcomes: 85% of offences disposed of, one outcome per offence
    disposed = np.flatnonzero(rng.random(offences) < 0.85)
    n_out = len(disposed)
    types = [t for t, *_ in offending_codes.OUTCOME_TYPE]
    weights = np.array([8, 3, 2, 1, 0.2, 6, 3, 1, 2, 1, 0.5, 0.2, 6, 3, 0.6, 0.2, 0.6, 0.2, 0.05, 0.05, 0.05, 0.5])
    chosen = np.array(types)[rng.choice(len(types), n_out, p=weights / weights.sum())]
    out_date = off_date[disposed] + rng.integers(7, 240, n_out)
    tables["offending_outcome"] = pa.table({
        "id": pa.array(np.arange(1, n_out + 1), pa.int64()),
        "service_id": pa.array(child_service[who[disposed]], pa.int64()),
        "reference": pa.array([f"D{i}" for i in range(1, n_out + 1)]),
        "child_id": pa.array(who[disposed] + 1, pa.int64()),
        "outcome_date": _dates(out_date),
        "outcome_type_id": pa.array(chosen),
        "psr_proposal_id": pa.array([None] * n_out, pa.string()),
    })
    tables["offending_outcome_offences"] = pa.table({
        "id": pa.array(np.arange(1, n_out + 1), pa.int64()),
        "outcome_id": pa.array(np.arange(1, n_out + 1), pa.int64()),
        "offence_id": pa.array(disposed + 1, pa.int64()),
    })
    custodial = {t for t, _, _, _, c in offending_codes.OUTCOME_TYPE if c}
    cidx = np.flatnonzero(np.isin(chosen, list(custodial)))
    release = out_date[cidx] + rng.integers(60, 400, len(cidx))
    tables["offending_custodyepisode"] = pa.table({
        "id": pa.array(np.arange(1, len(cidx) + 1), pa.int64()),
        "service_id": pa.array(child_service[who[disposed[cidx]]], pa.int64()),
        "reference": pa.array([f"K{i}" for i in range(1, len(cidx) + 1)]),
        "child_id": pa.array(who[disposed[cidx]] + 1, pa.int64()),
        "outcome_id": pa.array(cidx + 1, pa.int64()),
        "start_date": _dates(out_date[cidx]),
        "release_date": _dates(release),
        "ete_on_release": pa.array([""] * len(cidx)),
    })
    n_rem = offences // 40
    rchild = rng.integers(0, children, n_rem)
    rstart = rng.integers(start, end, n_rem)
    rtypes = np.array(["bail_support", "la_accommodation", "youth_detention"])
    tables["offending_remand"] = pa.table({
        "id": pa.array(np.arange(1, n_rem + 1), pa.int64()),
        "service_id": pa.array(child_service[rchild], pa.int64()),
        "reference": pa.array([f"R{i}" for i in range(1, n_rem + 1)]),
        "child_id": pa.array(rchild + 1, pa.int64()),
        "remand_type": pa.array(rtypes[rng.integers(0, 3, n_rem)]),
        "start_date": _dates(rstart),
        "end_date": _dates(rstart + rng.integers(1, 120, n_rem)),
    })
    tables["offending_offencecategory"] = pa.table({
        "code": [c for c, _ in offending_codes.OFFENCE_CATEGORY],
        "name": [n for _, n in offending_codes.OFFENCE_CATEGORY],
        "is_breach": [c in offending_codes.BREACH_CATEGORIES for c, _ in offending_codes.OFFENCE_CATEGORY]})
    tables["offending_outcometype"] = pa.table({
        "code": types, "name": [n for _, n, *_ in offending_codes.OUTCOME_TYPE],
        "tier": [t for _, _, t, _, _ in offending_codes.OUTCOME_TYPE],
        "substantive": [s for *_, s, _ in offending_codes.OUTCOME_TYPE],
        "custodial": [c for *_, c in offending_codes.OUTCOME_TYPE]})
    areas, years, ages, sex, pops = [], [], [], [], []
    for s in range(1, services + 1):
        for y in range(2018, 2025):
            for a in range(10, 18):
                for x in ("male", "female"):
                    areas.append(f"A{s:04d}")
                    years.append(y)
                    ages.append(a)
                    sex.append(x)
                    pops.append(int(rng.integers(800, 2500)))
    tables["indicators_population"] = pa.table({
        "area_code": areas, "year": pa.array(years, pa.int64()), "age": pa.array(ages, pa.int64()),
        "sex": sex, "population": pa.array(pops, pa.int64())})
    return tables, [FakeService(pk=s, area_codes=[f"A{s:04d}"]) for s in range(1, services + 1)]


HAND_WRITTEN_REOFFENDING = """
-- The same rule and the same output as reoffending.counted, written by hand for DuckDB.
WITH events AS (
    SELECT o.service_id, o.child_id AS child_pk, o.outcome_date AS index_date, 0 AS kind_rank,
           o.id AS source_pk, t.tier, o.id AS outcome_pk
    FROM offending_outcome o JOIN offending_outcometype t ON t.code = o.outcome_type_id
    WHERE t.substantive AND NOT t.custodial AND o.outcome_date BETWEEN $1 AND $2
    UNION ALL
    SELECT c.service_id, c.child_id, c.release_date, 1, c.id, 'release', c.outcome_id
    FROM offending_custodyepisode c WHERE c.release_date BETWEEN $1 AND $2
), aged AS (
    SELECT e.*, ch.reference AS child_id, ch.sex, ch.ethnicity,
           date_part('year', age(e.index_date, ch.date_of_birth)) AS age
    FROM events e JOIN people_child ch ON ch.id = e.child_pk AND ch.service_id = e.service_id
), cohort AS (
    SELECT * EXCLUDE (rn) FROM (
        SELECT *, row_number() OVER (PARTITION BY service_id, child_pk ORDER BY index_date, kind_rank, source_pk) AS rn
        FROM aged WHERE age BETWEEN 10 AND 17) WHERE rn = 1
), seriousness AS (
    SELECT oo.outcome_id, max(f.seriousness) AS index_seriousness
    FROM offending_outcome_offences oo JOIN offending_offence f ON f.id = oo.offence_id
    WHERE oo.outcome_id IN (SELECT outcome_pk FROM cohort) GROUP BY 1
), proofs AS (
    SELECT oo.offence_id, o.outcome_date FROM offending_outcome_offences oo
    JOIN offending_outcome o ON o.id = oo.outcome_id JOIN offending_outcometype t ON t.code = o.outcome_type_id
    WHERE t.substantive
), reoffences AS (
    SELECT DISTINCT c.service_id, c.child_pk, f.id AS offence_pk
    FROM cohort c JOIN offending_offence f ON f.child_id = c.child_pk AND f.service_id = c.service_id
    JOIN offending_offencecategory cat ON cat.code = f.category_id
    JOIN proofs p ON p.offence_id = f.id
    WHERE f.offence_date > c.index_date AND f.offence_date <= c.index_date + INTERVAL 12 MONTH
      AND NOT cat.is_breach AND p.outcome_date <= c.index_date + INTERVAL 18 MONTH
)
SELECT c.service_id, c.child_pk, c.child_id, c.index_date, c.tier, c.age, c.sex, c.ethnicity,
       s.index_seriousness, count(r.offence_pk) AS reoffences
FROM cohort c
LEFT JOIN seriousness s ON s.outcome_id = c.outcome_pk
LEFT JOIN reoffences r ON r.service_id = c.service_id AND r.child_pk = c.child_pk
GROUP BY ALL
"""


def timed(fn, repeat: int = 1):
    best, value = float("inf"), None
    for _ in range(repeat):
        t0 = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - t0)
    return best, value


def main(argv=None) -> None:
    import django

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--services", type=int, default=150)
    parser.add_argument("--children", type=int, default=150_000)
    parser.add_argument("--offences", type=int, default=600_000)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    django.setup()

    from openyj.indicators import reoffending
    from openyj.indicators.engine import Settings, duckdb_tables
    from openyj.indicators.periods import Period
    from openyj.indicators.suite import compute_suite

    period = Period.financial_year(2022)  # 2022/23: reoffending has 12 months' follow-up in the data
    g, (tables, services) = timed(lambda: generate(args.services, args.children, args.offences))
    rows = {k: v.num_rows for k, v in tables.items() if v.num_rows}
    print(f"generated in {g:.1f} s: {rows['people_child']:,} children, {rows['offending_offence']:,} offences, "
          f"{rows['offending_outcome']:,} outcomes, {rows.get('offending_custodyepisode', 0):,} custody, "
          f"{rows.get('offending_remand', 0):,} remands, {args.services} services")

    kw = {"as_of": date(2025, 1, 1), "settings": Settings(), "threads": args.threads}
    h, t = timed(lambda: duckdb_tables(tables, services, **kw))
    print(f"hand-over to DuckDB through Arrow (all services): {h:.2f} s")
    cold, _ = timed(lambda: compute_suite(t, period))
    warm, results = timed(lambda: compute_suite(t, period), repeat=3)
    print(f"full suite, all {args.services} services, {period.label}: {cold:.2f} s cold (compiles SQL), "
          f"{warm:.2f} s warm")

    one = 1
    sub = {}
    for name, table in tables.items():
        if "service_id" in table.column_names:
            import pyarrow.compute as pc
            table = table.filter(pc.equal(table["service_id"], one))
        sub[name] = table
    if "offending_outcome_offences" in sub:
        import pyarrow.compute as pc
        ids = sub["offending_outcome"]["id"]
        sub["offending_outcome_offences"] = tables["offending_outcome_offences"].filter(
            pc.is_in(tables["offending_outcome_offences"]["outcome_id"], ids))
    from openyj.indicators.engine import _COMPILED

    h1, t1 = timed(lambda: duckdb_tables(sub, [services[0]], **kw))
    _COMPILED.clear()  # as in a fresh process: every definition compiles on first use
    one_cold, _ = timed(lambda: compute_suite(t1, period))
    one_warm, one_res = timed(lambda: compute_suite(t1, period), repeat=5)
    print(f"one service ({sub['people_child'].num_rows:,} children): hand-over {h1:.2f} s; "
          f"full suite {one_cold:.3f} s cold (compiles SQL), {one_warm:.3f} s warm")

    from openyj.indicators.engine import _compiled, materialize

    def engine_cohort():
        # exactly what reoffending.compute runs: the cohort into a temporary table, then the counts
        materialize(t, reoffending.COHORT_TABLE, reoffending.cohort, period)
        return t.con.con.sql(_compiled(t, reoffending.counted_from_cohort, period)).to_arrow_table()

    hand_sql = HAND_WRITTEN_REOFFENDING.replace("$1", f"DATE '{period.start}'").replace("$2", f"DATE '{period.end}'")

    def hand_written():
        return t.con.con.sql(hand_sql).to_arrow_table()

    # Alternate the two, best of 9 each, wall-clock and CPU time (all DuckDB threads): on a shared
    # machine the wall-clock of one run says as much about the neighbours as about the query.
    engine_t = hand_t = engine_cpu = hand_cpu = float("inf")
    for _ in range(9):
        for fn, which in ((engine_cohort, "engine"), (hand_written, "hand")):
            w0, c0 = time.perf_counter(), time.process_time()
            rows_out = fn()
            w, c = time.perf_counter() - w0, time.process_time() - c0
            if which == "engine":
                engine_t, engine_cpu, engine_rows = min(engine_t, w), min(engine_cpu, c), rows_out
            else:
                hand_t, hand_cpu, hand_rows = min(hand_t, w), min(hand_cpu, c), rows_out
    columns = ["service_id", "child_pk", "child_id", "index_date", "tier", "age", "sex", "ethnicity",
               "index_seriousness", "reoffences"]

    def rows_of(table):
        return sorted(tuple(r[c] for c in columns) for r in table.select(columns).to_pylist())

    same = rows_of(engine_rows) == rows_of(hand_rows)
    print(f"reoffending cohort with reoffence counts, all services: engine {engine_t:.3f} s, hand-written SQL "
          f"{hand_t:.3f} s, ratio {engine_t / hand_t:.2f}; CPU time {engine_cpu:.3f} s against {hand_cpu:.3f} s, "
          f"ratio {engine_cpu / hand_cpu:.2f} (Ibis compilation is done once, in the cold run above); "
          f"same rows, every column: {same} ({engine_rows.num_rows:,} children)")
    cohort = sum(per["reoffending"].denominator for per in results.values())
    reoffenders = sum(per["reoffending"].numerator for per in results.values())
    print(f"check: national reoffending cohort {cohort:,}, binary rate {100 * reoffenders / cohort:.1f}%")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory: {peak:,.0f} MB; DuckDB threads: {args.threads}; CPUs: {os.cpu_count()}")


if __name__ == "__main__":
    main()
