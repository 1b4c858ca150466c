"""Reference and governance data for the demo service: population, census ethnicity, published
comparators, board attendance, the partner budget and the workforce.

Each function takes its own ``random.Random`` (seeded from the run's seed and the file's name), so
changing one file's generator never changes another file's bytes.
"""

from __future__ import annotations

from datetime import date, timedelta
from random import Random

from .names import person_name
from .util import Weighted, financial_year_label, weighted

# --- population -------------------------------------------------------------------------------


def population_rows(rng: Random, *, area_code: str, years: list[int], scale: float) -> list[list[str]]:
    """ONS-style mid-year estimates: single year of age 10–17, male and female, per calendar year.

    Built from birth cohorts (larger from 2003 to a 2012 peak, smaller after), so a year's children
    age through the table as they would in real estimates; about 75,000 children aged 10–17 in 2021
    at the default size.
    """

    def cohort(birth_year: int) -> float:
        if birth_year <= 2012:
            return 1.0 + 0.016 * (birth_year - 2003)
        return 1.0 + 0.016 * 9 - 0.013 * (birth_year - 2012)

    def size(year: int, age: int) -> float:
        # A little net in-migration at older ages (students' families, new arrivals).
        return cohort(year - age) * (1.0 + 0.004 * (age - 10))

    reference_total = sum(size(2021, age) for age in range(10, 18))
    unit = 75_000 * scale / reference_total
    rows = []
    for year in years:
        for age in range(10, 18):
            total = size(year, age) * unit
            for sex, share in (("male", 0.512), ("female", 0.488)):
                value = round(total * share * (1.0 + rng.uniform(-0.006, 0.006)))
                rows.append([area_code, str(year), str(age), sex, str(value)])
    return rows


def population_totals(rows: list[list[str]]) -> dict[int, int]:
    totals: dict[int, int] = {}
    for _area, year, _age, _sex, value in rows:
        totals[int(year)] = totals.get(int(year), 0) + int(value)
    return totals


# Shares (%) of children aged 10–17 in the fictional city: census 2021, and the school census of
# 2020 (drifting a little more diverse each year, as school censuses have).
CENSUS_2021_GROUPS = {"white": 74.2, "mixed": 6.1, "asian": 11.9, "black": 5.8, "other": 2.0}
CENSUS_2021_DETAIL = {
    "white_british": 67.4, "white_gypsy_irish_traveller": 0.3, "white_roma": 0.5,
    "mixed_white_black_caribbean": 1.9, "asian_pakistani": 6.3, "black_african": 3.9,
}
SCHOOL_2020_GROUPS = {"white": 71.0, "mixed": 6.2, "asian": 12.2, "black": 7.0, "other": 2.0}
SCHOOL_DRIFT = {"white": -0.55, "mixed": 0.12, "asian": 0.22, "black": 0.16, "other": 0.05}
SCHOOL_2020_DETAIL = {
    "white_british": 63.5, "white_gypsy_irish_traveller": 0.4, "white_roma": 1.0,
    "mixed_white_black_caribbean": 2.0, "asian_pakistani": 6.6, "black_african": 4.7,
}
SCHOOL_DETAIL_DRIFT = {
    "white_british": -0.6, "white_gypsy_irish_traveller": 0.0, "white_roma": 0.03,
    "mixed_white_black_caribbean": 0.03, "asian_pakistani": 0.12, "black_african": 0.12,
}


def census_rows(*, area_code: str, totals: dict[int, int], end: date) -> list[list[str]]:
    """Group-level rows (white, mixed, asian, black, other) and a few detailed codes.

    The detailed rows are part of their group's count, not in addition to it.
    """
    rows = []
    if 2021 in totals and end >= date(2022, 11, 29):
        total = totals[2021]
        for code, share in (*CENSUS_2021_GROUPS.items(), *CENSUS_2021_DETAIL.items()):
            rows.append([area_code, "census_2021", code, str(round(total * share / 100))])
    for year in sorted(totals):
        if date(year, 1, 31) > end:
            continue
        pupils = totals[year] * 0.94  # children aged 10–17 in state-funded schools and colleges
        k = year - 2020
        for code, share in SCHOOL_2020_GROUPS.items():
            rows.append([area_code, f"school_census_{year}", code,
                         str(round(pupils * (share + SCHOOL_DRIFT[code] * k) / 100))])
        for code, share in SCHOOL_2020_DETAIL.items():
            rows.append([area_code, f"school_census_{year}", code,
                         str(round(pupils * (share + SCHOOL_DETAIL_DRIFT[code] * k) / 100))])
    return rows


# --- comparators ------------------------------------------------------------------------------

ILLUSTRATIVE = "Illustrative value for the demo service (not a published statistic)"
YJS_2022_23 = "Youth justice statistics 2022 to 2023 (YJB/MoJ)"
YJS_2023_24 = "Youth justice statistics 2023 to 2024 (YJB/MoJ)"
YJS_2024_25 = "Youth justice statistics 2024 to 2025 (YJB/MoJ)"
HMIP_LEEDS = "HMIP inspection of youth offending services in Leeds (2019), quoting YJB figures"
REGION = "Yorkshire and The Humber"

# (indicator, area type, area name, period start, period end, value, source, published on).
# Published figures are those listed in the project's reference table; regional and family figures
# for the fictional service are illustrative and say so in their source. Demo City has one region
# (REGION) and one YJS family: every regional and family row is theirs.
COMPARATORS: list[tuple[str, str, str, str, str, str, str, str]] = [
    ("fte", "national", "England and Wales", "2018-01-01", "2018-12-31", "236", HMIP_LEEDS, ""),
    ("fte", "region", REGION, "2018-01-01", "2018-12-31", "244", HMIP_LEEDS, ""),
    ("fte", "national", "England and Wales", "2023-01-01", "2023-12-31", "169", YJS_2023_24, "2025-01-30"),
    ("fte", "national", "England and Wales", "2024-01-01", "2024-12-31", "157", YJS_2024_25, "2026-01-29"),
    ("fte", "region", REGION, "2021-01-01", "2021-12-31", "205", ILLUSTRATIVE, ""),
    ("fte", "region", REGION, "2022-01-01", "2022-12-31", "196", ILLUSTRATIVE, ""),
    ("fte", "region", REGION, "2023-01-01", "2023-12-31", "188", ILLUSTRATIVE, ""),
    ("fte", "region", REGION, "2024-01-01", "2024-12-31", "175", ILLUSTRATIVE, ""),
    ("fte", "family", "Demo City YJS family", "2021-01-01", "2021-12-31", "214", ILLUSTRATIVE, ""),
    ("fte", "family", "Demo City YJS family", "2022-01-01", "2022-12-31", "201", ILLUSTRATIVE, ""),
    ("fte", "family", "Demo City YJS family", "2023-01-01", "2023-12-31", "192", ILLUSTRATIVE, ""),
    ("fte", "family", "Demo City YJS family", "2024-01-01", "2024-12-31", "180", ILLUSTRATIVE, ""),
    ("reoffending", "national", "England and Wales", "2016-07-01", "2017-06-30", "40.1", HMIP_LEEDS, ""),
    ("reoffending", "national", "England and Wales", "2018-10-01", "2018-12-31", "37.3",
     "Proven reoffending statistics, October to December 2018 cohort (MoJ)", ""),
    ("reoffending", "national", "England and Wales", "2021-04-01", "2022-03-31", "32.2", YJS_2022_23, "2024-01-25"),
    ("reoffending", "national", "England and Wales", "2022-04-01", "2023-03-31", "32.5", YJS_2023_24, "2025-01-30"),
    ("reoffending", "region", REGION, "2021-04-01", "2022-03-31", "34.8", ILLUSTRATIVE, ""),
    ("reoffending", "region", REGION, "2022-04-01", "2023-03-31", "35.0", ILLUSTRATIVE, ""),
    ("reoffending", "family", "Demo City YJS family", "2021-04-01", "2022-03-31", "36.1", ILLUSTRATIVE, ""),
    ("reoffending", "family", "Demo City YJS family", "2022-04-01", "2023-03-31", "35.4", ILLUSTRATIVE, ""),
    ("custody", "national", "England and Wales", "2018-04-01", "2019-03-31", "0.31",
     "Warwickshire Youth Justice Plan 2019/20, quoting YJB figures", ""),
    ("custody", "national", "England and Wales", "2022-04-01", "2023-03-31", "0.09", ILLUSTRATIVE, ""),
    ("custody", "national", "England and Wales", "2023-04-01", "2024-03-31", "0.08", ILLUSTRATIVE, ""),
    ("custody", "region", REGION, "2022-04-01", "2023-03-31", "0.11", ILLUSTRATIVE, ""),
    ("custody", "region", REGION, "2023-04-01", "2024-03-31", "0.10", ILLUSTRATIVE, ""),
    ("custody", "family", "Demo City YJS family", "2022-04-01", "2023-03-31", "0.13", ILLUSTRATIVE, ""),
    ("custody", "family", "Demo City YJS family", "2023-04-01", "2024-03-31", "0.12", ILLUSTRATIVE, ""),
]


def comparator_rows(*, end: date) -> list[list[str]]:
    """The comparators known on ``end``: nothing describing or published after it."""
    iso_end = end.isoformat()
    return [
        [indicator, area_type, area, start, stop, value, "", "", source, published]
        for indicator, area_type, area, start, stop, value, source, published in COMPARATORS
        if stop <= iso_end and published <= iso_end
    ]


# --- the management board -----------------------------------------------------------------------

# (role, agency, statutory partner, appropriate seniority, attendance weights: attended, deputy,
# apologies, absent).
BOARD = [
    ("Director of Children and Families (chair)", "Children's services", True, True, (92, 3, 5, 0)),
    ("Head of Learning Inclusion", "Education", True, True, (72, 12, 14, 2)),
    ("District Commander, Chief Superintendent", "Police", True, True, (68, 20, 10, 2)),
    ("Head of Probation Delivery Unit", "Probation", True, True, (74, 14, 10, 2)),
    ("Associate Director of Nursing, Integrated Care Board", "Health", True, True, (62, 18, 16, 4)),
    ("Consultant in Public Health", "Health", False, True, (70, 8, 18, 4)),
    ("Policy Lead, Office of the Police and Crime Commissioner", "Police and Crime Commissioner", False, True,
     (70, 10, 16, 4)),
    ("Chair of the Youth Bench", "Courts", False, True, (66, 4, 26, 4)),
    ("Head of Community Safety", "Community safety", False, True, (74, 10, 14, 2)),
    ("Chief Executive, voluntary sector youth charity", "Voluntary sector", False, True, (78, 4, 16, 2)),
    ("Executive Member for Children and Families", "Elected member", False, True, (64, 0, 30, 6)),
    ("Head of Youth Justice Service", "Youth Justice Service", False, True, (97, 3, 0, 0)),
]
_ATTENDANCE = ("attended", "deputy", "apologies", "absent")


def _third_thursday(year: int, month: int) -> date:
    d = date(year, month, 15)
    return d + timedelta(days=(3 - d.weekday()) % 7)


def board_rows(rng: Random, *, start: date, end: date) -> list[list[str]]:
    """Quarterly board meetings (May, August, November, February) from ``start`` to ``end``."""
    r = rng.random
    members = []
    for role, agency, statutory, senior, weights in BOARD:
        heritage = "white_british" if r() < 0.8 else "black_caribbean"
        given, family = person_name(r, female=r() < 0.55, ethnicity=heritage)
        attendance = Weighted(zip(_ATTENDANCE, weights, strict=True))
        members.append((f"{given} {family} ({role})", agency, statutory, senior, attendance))
    rows = []
    year, month = start.year, start.month + 1
    while True:
        if month > 12:
            year, month = year + 1, month - 12
        meeting = _third_thursday(year, month)
        if meeting > end:
            break
        if meeting >= start:
            for member, agency, statutory, senior, attendance in members:
                status = attendance.pick(r)
                seniority = ""
                if status == "attended":
                    seniority = "true" if senior else "false"
                elif status == "deputy":
                    seniority = "true" if r() < 0.5 else "false"
                rows.append([meeting.isoformat(), member, agency, "true" if statutory else "false", seniority, status])
        month += 3
    return rows


# --- the partner budget -------------------------------------------------------------------------

# (agency, staffing, payments in kind, other delegated funds, yearly growth) at the default size in
# the first year: a budget of about £4.5 million, mostly staffing, like the Leeds plan's table.
BUDGET = [
    ("Local authority", 1_520_000, 600_000, 505_000, 0.030),
    ("Police", 126_000, 0, 24_000, 0.010),
    ("Probation", 84_000, 0, 5_000, 0.020),
    ("Health", 150_000, 12_000, 0, 0.025),
    ("Police and Crime Commissioner", 0, 0, 195_000, 0.000),
    ("YJB Good Practice Grant", 1_180_000, 0, 120_000, 0.035),
    ("Other", 35_000, 0, 40_000, 0.000),
]


def budget_rows(rng: Random, *, first_year: int, years: int, scale: float) -> list[list[str]]:
    """One row per agency per financial year; each total is the sum of its three parts."""
    rows = []
    for i in range(years):
        label = financial_year_label(first_year + i)
        for agency, staffing, in_kind, delegated, growth in BUDGET:
            factor = scale * (1.0 + growth) ** i
            parts = [round(v * factor * (1.0 + rng.uniform(-0.02, 0.02))) if v else 0
                     for v in (staffing, in_kind, delegated)]
            rows.append([label, agency, *map(str, parts), str(sum(parts))])
    return rows


# --- the workforce ------------------------------------------------------------------------------

_STAFF_ETHNICITY = weighted({
    "white_british": 62, "white_other": 3, "white_irish": 1, "mixed_white_black_caribbean": 7,
    "mixed_other": 2, "asian_pakistani": 7, "asian_indian": 2, "black_caribbean": 6, "black_african": 7,
    "other_any": 1, "not_stated": 2,
})
_MANAGER_ETHNICITY = weighted({
    "white_british": 78, "white_irish": 4, "black_caribbean": 8, "mixed_white_black_caribbean": 4,
    "asian_pakistani": 4, "black_african": 2,
})
_SECONDEE_ETHNICITY = weighted({"white_british": 88, "white_other": 4, "asian_indian": 4, "black_african": 4})
_VOLUNTEER_ETHNICITY = weighted({
    "white_british": 72, "black_caribbean": 10, "black_african": 9, "asian_pakistani": 5,
    "mixed_white_black_caribbean": 4,
})
_PRACTITIONER_QUALIFICATIONS = [
    ("Youth Justice Effective Practice Certificate", 0.72), ("Foundation Degree in Youth Justice", 0.14),
    ("Degree in Youth and Community Work", 0.2), ("Social work qualification", 0.14),
    ("Restorative justice facilitator", 0.25), ("AIM3 harmful sexual behaviour assessment", 0.08),
]
_MANAGER_QUALIFICATIONS = [
    ("Social work qualification", 0.5), ("Youth Justice Effective Practice Certificate", 0.6),
    ("Degree in Youth and Community Work", 0.3), ("Postgraduate certificate in leadership and management", 0.35),
]

# (grade, staff type, agency, count at the default size, share female, ethnicity, qualifications).
STAFF_PLAN = [
    ("Strategic manager", "employee", "Local authority", 2, 0.6, _MANAGER_ETHNICITY, _MANAGER_QUALIFICATIONS),
    ("Operational and practice manager", "employee", "Local authority", 11, 0.62, _MANAGER_ETHNICITY,
     _MANAGER_QUALIFICATIONS),
    ("Practitioner", "employee", "Local authority", 30, 0.55, _STAFF_ETHNICITY, _PRACTITIONER_QUALIFICATIONS),
    ("Practitioner", "secondee", "Police", 2, 0.5, _SECONDEE_ETHNICITY, [("Police constable", 1.0)]),
    ("Practitioner", "secondee", "Probation", 2, 0.8, _SECONDEE_ETHNICITY,
     [("Professional Qualification in Probation", 1.0)]),
    ("Practitioner", "secondee", "Health", 3, 0.85, _SECONDEE_ETHNICITY,
     [("Registered mental health nurse", 0.5), ("Speech and language therapist (HCPC registered)", 0.3)]),
    ("Administrator", "employee", "Local authority", 6, 0.85, _SECONDEE_ETHNICITY,
     [("NVQ Level 3 Business Administration", 0.4)]),
    ("Practitioner", "trainee", "Local authority", 1, 0.5, _STAFF_ETHNICITY,
     [("Foundation Degree in Youth Justice", 1.0)]),
    ("Sessional worker", "sessional", "Local authority", 3, 0.5, _STAFF_ETHNICITY,
     [("Restorative justice facilitator", 0.4)]),
    ("Volunteer", "volunteer", "Community", 12, 0.6, _VOLUNTEER_ETHNICITY,
     [("Referral order panel member training", 0.9)]),
]


def staff_rows(rng: Random, *, scale: float) -> tuple[list[list[str]], list[str]]:
    """The workforce (about 72 people at the default size) and the names of its managers, who
    countersign assessments."""
    r = rng.random
    rows, managers = [], []
    n = 0
    for grade, staff_type, agency, count, female_share, ethnicity, qualifications in STAFF_PLAN:
        for _ in range(max(1, round(count * scale))):
            n += 1
            female = r() < female_share
            code = ethnicity.pick(r)
            if staff_type == "volunteer":
                fte = ""
            elif staff_type == "sessional":
                fte = f"{0.1 * (2 + int(r() * 3)):.1f}"
            else:
                u = r()
                fte = "1.0" if u < 0.72 else "0.8" if u < 0.87 else "0.6" if u < 0.95 else "0.5"
            quals = ";".join(q for q, p in qualifications if r() < p)
            rows.append([f"S{n:04d}", grade, staff_type, agency, "female" if female else "male", code, fte, quals])
            if grade == "Operational and practice manager":
                given, family = person_name(r, female=female, ethnicity=code)
                managers.append(f"{given} {family}")
    return rows, managers
