"""The synthetic demo service: writes a complete interchange folder (format version 1).

``generate_demo`` simulates a fictional city's Youth Justice Service over a number of financial
years, child by child, and streams the rows to one CSV writer per file, so memory stays bounded
however many children are asked for. Everything is drawn from ``random.Random`` instances seeded
from ``seed``: the same arguments always give byte-identical files. No real person's details are
used; see ``docs/demo-data.md`` for what the service contains and why.
"""

from __future__ import annotations

import csv
import json
import math
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, replace
from datetime import date, timedelta
from multiprocessing import get_context
from pathlib import Path
from random import Random

from openyj.demo.children import Journeys
from openyj.demo.reference import (
    board_rows,
    budget_rows,
    census_rows,
    comparator_rows,
    population_rows,
    population_totals,
    staff_rows,
)
from openyj.demo.util import Dates

FORMAT_VERSION = 1

_SNAPSHOT = [
    f"{field}_{stage}"
    for stage in ("start", "end")
    for field in (
        "accommodation_type", "accommodation_suitable", "ete_status", "ete_suitable", "ete_hours_offered",
        "ete_hours_attended", "school_age",
    )
]

# The files of the interchange folder and their columns, in the contract's order.
COLUMNS: dict[str, list[str]] = {
    "children": [
        "child_id", "date_of_birth", "sex", "ethnicity", "local_authority", "postcode_district",
        "prior_substantive_outcome", "pnc_id", "given_name", "family_name",
    ],
    "episodes": ["child_id", "episode_type", "start_date", "end_date", "legal_basis"],
    "offences": [
        "offence_id", "child_id", "offence_date", "category", "seriousness", "description", "offence_code",
        "weapon", "hostility_aggravated",
    ],
    "outcomes": [
        "outcome_id", "child_id", "outcome_date", "outcome_type", "offence_ids", "start_date", "end_date",
        "length_months", "court", "psr_proposal",
    ],
    "remands": ["remand_id", "child_id", "remand_type", "start_date", "end_date"],
    "custody": [
        "custody_id", "child_id", "outcome_id", "start_date", "release_date", "establishment_type",
        "accommodation_on_release_suitable", "ete_on_release",
    ],
    "interventions": [
        "intervention_id", "child_id", "kind", "outcome_id", "start_date", "end_date", "end_reason",
        *_SNAPSHOT,
        "send_identified", "send_plan_current", "mh_need", "mh_offered", "mh_attending", "substance_need",
        "substance_offered", "substance_attending", "feedback_child", "feedback_parent",
    ],
    "assessments": [
        "assessment_id", "child_id", "intervention_id", "tool", "started_on", "due_on", "completed_on",
        "reoffending_likelihood", "serious_harm", "safety_wellbeing", "countersigned_on", "countersigned_by",
    ],
    "victims": [
        "victim_id", "offence_ids", "consent_to_contact", "views_sought", "rj_offered", "rj_participation",
        "kept_informed", "support_signposted", "satisfaction",
    ],
    "population": ["area_code", "year", "age", "sex", "population"],
    "census_ethnicity": ["area_code", "source", "ethnicity", "population"],
    "comparators": [
        "indicator", "area_type", "area_name", "period_start", "period_end", "value", "numerator",
        "denominator", "source", "published_on",
    ],
    "board_attendance": [
        "meeting_date", "member", "agency", "statutory_partner", "appropriate_seniority", "attendance",
    ],
    "budget": ["year", "agency", "staffing", "payments_in_kind", "other_delegated", "total"],
    "staff": ["staff_id", "grade", "staff_type", "agency", "sex", "ethnicity", "fte", "qualifications"],
}

DEFAULT_END = date(2026, 3, 31)
AREA_CODE = "E08000999"  # made up: no real local authority has this code
NEIGHBOUR_CODE = "E08000998"  # made up: a few children live just over the border
# New children a year, as a share of the children worked with in a year (the rest carry over from
# earlier years or return); tuned so that about ``children`` are worked with each financial year.
NEW_CHILD_SHARE = 0.65
# Demand drifts down over the years, as first-time entrants have nationally.
TREND_PER_YEAR = -0.03
# Large runs are cut into shards of about this many new children, simulated independently (in
# parallel when there are several CPUs). The number of shards depends only on the arguments, never
# on the machine, so the files are the same everywhere.
SHARD_CHILDREN = 30_000
FLUSH_EVERY = 500
PROGRESS_EVERY = 10_000


@dataclass(frozen=True)
class _Shard:
    """Everything one shard of children needs (picklable, for a worker process)."""

    index: int
    rng_seed: int | str
    arrivals_from: int  # ordinals; the shard's children first arrive in [arrivals_from, arrivals_to)
    arrivals_to: int
    rate: float  # new children a day, before the trend
    window_start: int
    years: int
    end: int
    fy_starts: tuple[int, ...]
    dates_from: int
    managers: tuple[str, ...]
    place: str
    id_base: int
    id_block: int
    id_width: int


def _arrivals(rng: Random, shard: _Shard) -> Iterator[int]:
    """First-contact dates of new children: a Poisson process thinned to follow the trend."""
    mid = shard.years / 2
    peak = max(1.0 + TREND_PER_YEAR * (-mid - 1), 1.0 + TREND_PER_YEAR * (shard.years - mid))
    t = float(shard.arrivals_from)
    while True:
        t += rng.expovariate(shard.rate * peak)
        if int(t) >= shard.arrivals_to:
            return
        level = 1.0 + TREND_PER_YEAR * ((t - shard.window_start) / 365.25 - mid)
        if rng.random() * peak <= level:
            yield int(t)


def _journeys(shard: _Shard, rng: Random, buffers: dict[str, list[list[str]]]) -> Journeys:
    return Journeys(
        rng,
        dates=Dates(shard.dates_from, shard.end),
        end=shard.end,
        fy_starts=list(shard.fy_starts),
        buffers=buffers,
        managers=list(shard.managers),
        local_authority=AREA_CODE,
        neighbour_authority=NEIGHBOUR_CODE,
        place=shard.place,
        id_base=shard.id_base,
        id_block=shard.id_block,
        id_width=shard.id_width,
    )


class _Files:
    """One CSV writer per child-level file, fed from per-file row buffers."""

    FILES = ("children", "episodes", "offences", "outcomes", "remands", "custody", "interventions",
             "assessments", "victims")

    def __init__(self, stack: ExitStack, folder: Path, *, header: bool):
        self.writers = {}
        self.handles = {}
        for file in self.FILES:
            handle = stack.enter_context(open(folder / f"{file}.csv", "w", encoding="utf-8", newline=""))
            self.handles[file] = handle
            self.writers[file] = csv.writer(handle, lineterminator="\n")
            if header:
                self.writers[file].writerow(COLUMNS[file])
        self.buffers: dict[str, list[list[str]]] = {file: [] for file in self.FILES}
        self.counts = dict.fromkeys(self.FILES, 0)

    def flush(self) -> None:
        for file, rows in self.buffers.items():
            if rows:
                self.writers[file].writerows(rows)
                self.counts[file] += len(rows)
                rows.clear()

    def append_part(self, folder: Path, counts: dict[str, int]) -> None:
        """Append a shard's headerless part files, byte for byte."""
        self.flush()
        for file, handle in self.handles.items():
            handle.flush()  # the text layer is empty now: write the bytes underneath it
            with open(folder / f"{file}.csv", "rb") as part:
                shutil.copyfileobj(part, handle.buffer, 1 << 20)
            self.counts[file] += counts[file]


def _run_shard(shard: _Shard, folder: str) -> tuple[dict[str, int], list[list[int]]]:
    """Simulate one shard's children into headerless part files in ``folder`` (a worker's job)."""
    with ExitStack() as stack:
        files = _Files(stack, Path(folder), header=False)
        rng = Random(shard.rng_seed)
        journeys = _journeys(shard, rng, files.buffers)
        for n, entry in enumerate(_arrivals(rng, shard), 1):
            journeys.child(entry)
            if n % FLUSH_EVERY == 0:
                files.flush()
        files.flush()
    flags = [sorted(journeys.years_with_custody), sorted(journeys.years_with_detention_remand),
             sorted(journeys.years_with_weapon)]
    return files.counts, flags


def _top_up(journeys: Journeys, rng: Random, shard: _Shard, flags: list[set[int]]) -> int:
    """Add a child to every financial year that lacks a custodial sentence, a remand to youth
    detention or a weapon offence, so a demo always has one of each to show (small runs only)."""
    added = 0
    custody, remand, weapon = flags
    for i, fy_start in enumerate(shard.fy_starts):
        if i in custody and i in remand and i in weapon:
            continue
        hi = min(shard.fy_starts[i + 1] - 1 if i + 1 < len(shard.fy_starts) else shard.end, shard.end)
        if hi - fy_start < 10:
            continue
        t0 = fy_start + int(rng.random() * max(1, hi - fy_start - 90))
        journeys.child(t0, script={
            "offence": ("robbery", "Robbery of personal property", 6, 0.0, "maybe_knife"),
            "weapon": "knife",
            "outcome_type": "detention_training_order",
            "months": 6,
            "remand": "youth_detention",
            "outcome_on": min(t0 + 35 + int(rng.random() * 40), hi),
        })
        added += 1
    return added


def generate_demo(
    out_dir: Path,
    *,
    children: int = 600,
    years: int = 5,
    seed: int = 2021,
    service: str = "DEMO",
    name: str = "Demo City Youth Justice Service",
    end: date | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Write a synthetic interchange folder for a fictional Youth Justice Service.

    ``children`` is roughly how many children the service works with in a financial year;
    ``years`` financial years are generated, the last one containing ``end`` (default 31 March
    2026, never today's date, so that output is reproducible), with a year of lead-in records
    before them so the first year starts with a realistic caseload. Returns the number of data rows
    written to each file (keyed by file name without ``.csv``).
    """
    if children < 1:
        raise ValueError("children must be at least 1")
    if years < 1:
        raise ValueError("years must be at least 1")
    end = end or DEFAULT_END
    say = progress or (lambda message: None)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)

    last_fy = end.year if end.month >= 4 else end.year - 1
    first_fy = last_fy - years + 1
    window_start = date(first_fy, 4, 1)
    lead_start = window_start - timedelta(days=365)
    end_o = end.toordinal()
    scale = children / 600
    place = name.removesuffix(" Youth Justice Service").removesuffix(" Youth Offending Service") or name

    def stream(part: str) -> Random:
        return Random(f"openyj-demo/{seed}/{part}")

    staff, managers = staff_rows(stream("staff"), scale=scale)

    # The shard plan: contiguous slices of the arrival period, each with its own block of ids.
    first_o = lead_start.toordinal()
    span = end_o + 1 - first_o
    rate = children * NEW_CHILD_SHARE / 365.25
    shards_n = max(1, math.ceil(rate * span / SHARD_CHILDREN))
    if shards_n == 1:
        block, width = 10**12, 6
    else:
        block = 10 ** max(6, len(str(int(rate * span / shards_n * 60))))
        width = len(str((shards_n + 1) * block - 1))
    shards = [
        _Shard(
            index=k,
            rng_seed=seed if shards_n == 1 else f"openyj-demo/{seed}/children/{k}",
            arrivals_from=first_o + span * k // shards_n,
            arrivals_to=first_o + span * (k + 1) // shards_n,
            rate=rate,
            window_start=window_start.toordinal(),
            years=years,
            end=end_o,
            fy_starts=tuple(date(first_fy + i, 4, 1).toordinal() for i in range(years)),
            dates_from=date(lead_start.year - 20, 1, 1).toordinal(),
            managers=tuple(managers),
            place=place,
            id_base=k * block if shards_n > 1 else 0,
            id_block=block,
            id_width=width,
        )
        for k in range(shards_n)
    ]

    counts: dict[str, int] = {}
    with ExitStack() as stack:
        files = _Files(stack, out, header=True)
        flags: list[set[int]] = [set(), set(), set()]
        generated = 0
        if shards_n == 1:
            shard = shards[0]
            rng = Random(shard.rng_seed)
            journeys = _journeys(shard, rng, files.buffers)
            for entry in _arrivals(rng, shard):
                journeys.child(entry)
                generated += 1
                if generated % FLUSH_EVERY == 0:
                    files.flush()
                if generated % PROGRESS_EVERY == 0:
                    say(f"children: {generated:,} written")
            files.flush()
            top_up_journeys, top_up_rng = journeys, rng
            flags = [journeys.years_with_custody, journeys.years_with_detention_remand, journeys.years_with_weapon]
        else:
            parts = Path(tempfile.mkdtemp(prefix=".openyj-demo-parts-", dir=out))
            stack.callback(shutil.rmtree, parts, ignore_errors=True)
            folders = []
            for shard in shards:
                folder = parts / f"{shard.index:03d}"
                folder.mkdir()
                folders.append(str(folder))
            workers = min(shards_n, os.cpu_count() or 1)
            if workers > 1:
                pool = stack.enter_context(ProcessPoolExecutor(workers, mp_context=get_context("spawn")))
                results = pool.map(_run_shard, shards, folders)
            else:
                results = map(_run_shard, shards, folders)
            for folder, (shard_counts, shard_flags) in zip(folders, results, strict=True):
                files.append_part(Path(folder), shard_counts)
                for flag, years_flagged in zip(flags, shard_flags, strict=True):
                    flag.update(years_flagged)
                generated += shard_counts["children"]
                say(f"children: {generated:,} written")
            top_up_rng = Random(f"openyj-demo/{seed}/top-up")
            top_up_journeys = _journeys(
                replace(shards[-1], index=shards_n, id_base=shards_n * block), top_up_rng, files.buffers,
            )
        added = _top_up(top_up_journeys, top_up_rng, shards[0], flags)
        generated += added
        files.flush()
        counts.update(files.counts)
        if shards_n == 1 or added:
            say(f"children: {generated:,} written")

    population = population_rows(
        stream("population"), area_code=AREA_CODE, years=list(range(lead_start.year, end.year + 1)), scale=scale,
    )
    reference = {
        "population": population,
        "census_ethnicity": census_rows(area_code=AREA_CODE, totals=population_totals(population), end=end),
        "comparators": comparator_rows(end=end),
        "board_attendance": board_rows(stream("board"), start=window_start, end=end),
        "budget": budget_rows(stream("budget"), first_year=first_fy, years=years, scale=scale),
        "staff": staff,
    }
    for file, rows in reference.items():
        with open(out / f"{file}.csv", "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow(COLUMNS[file])
            writer.writerows(rows)
        counts[file] = len(rows)

    manifest = {
        "format": FORMAT_VERSION,
        "service": service,
        "name": name,
        "area_codes": [AREA_CODE],
        "extracted_on": end.isoformat(),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    counts = {file: counts[file] for file in COLUMNS}
    for file in COLUMNS:
        say(f"{file}: {counts[file]:,} written")
    return counts
