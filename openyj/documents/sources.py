"""The sources seam: each generated section reads its data through one function here.

A source takes the :class:`Inputs` of a document (service, reporting period, figure set) and returns
the section's blocks, or :class:`~openyj.documents.blocks.Unavailable` saying why the data is not
there yet. Sections whose data is built by another piece of work that has not landed (the ten KPIs,
disproportionality, the risk register) say so in the document rather than being faked.

Everything here is aggregate: figures come from the figure set (no child's id is in it) and counts of
1 to 4 are suppressed by :mod:`openyj.documents.suppression`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from openyj.documents import charts, commentary
from openyj.documents.blocks import Block, Chart, Commentary, Notice, Paragraph, Table, Unavailable
from openyj.documents.suppression import count, derived, hidden_parts, parts

LOCAL = "OpenYJ, the service's own records"


@dataclass
class Inputs:
    """What every source may read."""

    service: Any  # core.Service
    figures: dict[str, Any]  # the figure set (openyj.documents.figureset)
    kind: str = "plan"  # plan or board_report
    year: str = ""  # the plan year, "2026/27"
    document: Any = None  # documents.Document when the document is stored (sign-off reads it)
    commentary: dict[str, str] = field(default_factory=dict)  # indicator → edited commentary

    @property
    def period_label(self) -> str:
        return self.figures["period"]["label"]

    @property
    def period_phrase(self) -> str:
        return commentary.period_phrase(self.period_label)

    def indicator(self, key: str) -> dict[str, Any] | None:
        return self.figures["indicators"].get(key)


Result = list[Block] | Unavailable
SOURCES: dict[str, Callable[[Inputs], Result]] = {}


def source(name: str):
    def register(fn: Callable[[Inputs], Result]) -> Callable[[Inputs], Result]:
        SOURCES[name] = fn
        return fn

    return register


def _pct(value: float | None) -> str:
    return "not available" if value is None else f"{value:.1f}%"


def share_table(rows: list[dict], *, caption: str, group: str, what: str, period: str,
                source_text: str = LOCAL, count_key: str = "children") -> Table:
    """A whole split into parts: count and % of the whole, with a total; small counts hidden."""
    counts = [r[count_key] for r in rows]
    hidden = hidden_parts(counts)
    total = sum(counts)
    body = []
    for r, shown, hide in zip(rows, parts(counts), hidden, strict=True):
        body.append([r["group"], shown, "not shown" if hide else _pct(r.get("percent"))])
    return Table(caption=caption, columns=[group, f"Number of {what}", f"Percentage of {what}"], rows=body,
                 total=["Total", count(total), "100.0%" if total else "not available"],
                 unit=f"number of {what}, and percentage of all {what} in the period", period=period,
                 source=source_text, numeric=[False, True, True],
                 notes=[f"{count(total)} {what} counted."] + (
                     ["Counts from 1 to 4 are shown as \"fewer than 5\", and a further cell is hidden where the "
                      "total would reveal one."] if any(hidden) else []))


def share_chart(key: str, table: Table, rows: list[dict], *, title: str, what: str,
                count_key: str = "children") -> Chart:
    hidden = hidden_parts([r[count_key] for r in rows])
    data = [{"group": r["group"], "value": None if hide else r[count_key]}
            for r, hide in zip(rows, hidden, strict=True)]
    shown = [d for d in data if d["value"]]
    largest = max(shown, key=lambda d: d["value"]) if shown else None
    alt = (f"Bar chart: {title.lower()}, {table.period}. "
           + (f"The largest group is {largest['group']} ({largest['value']:,} {what}). " if largest else "")
           + "The same figures are in the table that follows.")
    return Chart(key=key, title=title, spec=charts.bar_spec(data, title=title, axis=f"Number of {what}"),
                 alt=alt, table=table)


def _comparator(ind: dict, kind: str) -> dict | None:
    return next((c for c in ind["comparators"] if c["kind"] == kind), None)


def _value(ind: dict, value: float | None, *counts) -> str:
    return derived(value, *counts, places=ind.get("places", 1))


NATIONAL = [("fte", "First time entrants"), ("reoffending", "Proven reoffending (binary rate)"),
            ("custody", "Use of custody")]
LOCAL_MEASURES = ["remands", "remand_nights", "remands_no_custody", "serious_violence", "weapons",
                  "looked_after_share", "psr_congruence", "feedback", "assessments_on_time",
                  "ete_school_full_time"]
RAG_WORDS = {"green": "Green (better or on track)", "amber": "Amber (within tolerance)", "red": "Red (worse)",
             None: "No rating"}


def indicator_row(ind: dict, label: str) -> list[str]:
    small = (ind["numerator"], ind["denominator"] if ind["denominator"] is not None else None)
    earlier = _comparator(ind, "year_earlier")
    published = commentary.comparable_published(ind)
    value = _value(ind, ind["value"], *small)
    if ind["unit"] in ("count", "nights"):
        value = count(ind["value"])
    shown = value not in ("not shown (fewer than 5)", "fewer than 5")
    rag = earlier.get("rag") if earlier and shown and not ind["provisional"] else None
    return [
        label + (" (provisional)" if ind["provisional"] else ""),
        value,
        "" if ind["unit"] in ("count",) else ind["unit"],
        count(ind["numerator"]) + (f" of {count(ind['denominator'])}" if ind["denominator"] is not None else ""),
        (_value(ind, earlier["value"], earlier.get("numerator"), earlier.get("denominator"))
         if ind["unit"] not in ("count", "nights") else count(earlier["value"])) if earlier else "not available",
        "; ".join(f"{c['label']} {c['value']:,} ({commentary.published_period(c)})" for c in published)
        or "none published for a period of this length",
        RAG_WORDS.get(rag, "No rating"),
    ]


def _comparison_chart(key: str, ind: dict, label: str, period: str) -> Chart | None:
    earlier = _comparator(ind, "year_earlier")
    small = (ind["numerator"], ind["denominator"])
    points = [{"group": "This period", "value": None if any(
        c is not None and 0 < c < 5 for c in small) else ind["value"]}]
    if earlier:
        points.append({"group": "A year earlier", "value": None if any(
            c is not None and 0 < c < 5 for c in (earlier.get("numerator"), earlier.get("denominator")))
            else earlier["value"]})
    for c in commentary.comparable_published(ind):
        points.append({"group": f"{c['label']} ({commentary.published_period(c)})", "value": c["value"]})
    if not any(p["value"] is not None for p in points):
        return None
    rows: list[list[str]] = [[str(p["group"]), "not shown (fewer than 5)" if p["value"] is None else f"{p['value']:,}"]
                             for p in points]
    table = Table(caption=f"{label}: this service against a year earlier and published figures",
                  columns=["Area or period", f"Value ({ind['unit']})"], rows=rows, unit=ind["unit"], period=period,
                  source=f"{LOCAL}; published values from the sources named in the national indicators table",
                  numeric=[False, True])
    alt = (f"Bar chart of {label.lower()} in {ind['unit']}: "
           + "; ".join(f"{p['group']} {('not shown' if p['value'] is None else format(p['value'], ','))}"
                       for p in points) + ".")
    return Chart(key=key, title=f"{label} ({ind['unit']})", spec=charts.bar_spec(
        [{"group": p["group"], "value": p["value"]} for p in points], title=label, axis=ind["unit"]),
        alt=alt, table=table)


@source("national_indicators")
def national_indicators(inp: Inputs) -> Result:
    blocks: list[Block] = []
    columns = ["Indicator", "This period", "Unit", "Counted", "A year earlier", "Published comparators",
               "Rating against a year earlier"]
    rows = []
    for key, label in NATIONAL:
        ind = inp.indicator(key)
        if ind is None:
            continue
        rows.append(indicator_row(ind, label))
        generated = commentary.sentence(ind, label=label)
        blocks.append(Commentary(indicator=key, text=inp.commentary.get(key, generated), generated=generated))
    if not rows:
        return Unavailable("the indicator engine returned none of the national indicators for this period")
    table = Table(caption="National indicators", columns=columns, rows=rows,
                  unit="as given in the Unit column of each row", period=inp.period_label,
                  source=f"{LOCAL}; published comparators from youth justice statistics (YJB/MoJ) as loaded",
                  numeric=[False, True, False, True, True, False, False],
                  notes=["Ratings compare the figure with the same period a year earlier; provisional figures "
                         "are not rated.", "Published figures are shown only for periods of the same length "
                         "(a year beside a year), with the period they cover.",
                         "A figure worked out from fewer than 5 children is not shown."])
    out: list[Block] = [table, *blocks]
    for key, label in NATIONAL:
        ind = inp.indicator(key)
        if ind is not None and (chart := _comparison_chart(f"national-{key}", ind, label, inp.period_label)):
            out.append(chart)
    local_rows = []
    for key in LOCAL_MEASURES:
        ind = inp.indicator(key)
        if ind is None:
            continue
        local_rows.append(indicator_row(ind, ind["name"]))
    if local_rows:
        out.append(Table(caption="Local measures", columns=columns, rows=local_rows,
                         unit="as given in the Unit column of each row", period=inp.period_label, source=LOCAL,
                         numeric=[False, True, False, True, True, False, False]))
    return out


@source("cohort_profile")
def cohort_profile(inp: Inputs) -> Result:
    ind = inp.indicator("profile")
    if ind is None:
        return Unavailable("the cohort profile was not computed for this period")
    out: list[Block] = [Paragraph(
        f"The service worked with {count(ind['numerator'])} children in {inp.period_phrase} "
        f"(children with an intervention open in the period), about {count(ind['extra'].get('offences'))} "
        "offences.")]
    # breakdown → (first column, caption, chart key or "" for a table only)
    profile = {
        "Sex": ("Sex", "Children worked with by sex", "cohort-sex"),
        "Age band": ("Age band", "Children worked with by age band", "cohort-age"),
        "Ethnic group": ("Ethnic group", "Children worked with by ethnic group", "cohort-ethnicity"),
        "Looked-after status": ("Status", "Children worked with by looked-after status", ""),
        "SEND": ("Special educational needs", "Children worked with by special educational needs", ""),
        "Offences by category": ("Offence category", "Offences by category", "cohort-offences"),
    }
    for name, (group, caption, chart) in profile.items():
        rows = ind["breakdowns"].get(name)
        if not rows:
            continue
        what = "offences" if name == "Offences by category" else "children"
        table = share_table(rows, caption=caption, group=group, what=what, period=inp.period_label, count_key=what)
        if chart:
            out.append(share_chart(chart, table, rows, title=caption, what=what, count_key=what))
        else:
            out.append(table)
    return out


@source("reoffending")
def reoffending(inp: Inputs) -> Result:
    ind = inp.indicator("reoffending")
    if ind is None:
        return Unavailable("the reoffending cohort was not computed for this period")
    x = ind["extra"]
    out: list[Block] = []
    if ind["provisional"]:
        out.append(Notice(f"These figures are provisional until {x['final_on']}: reoffences committed in the "
                          "follow-up year may still be proven in court."))
    rows = []
    for r in ind["breakdowns"].get("Index outcome tier", []):
        rows.append([r["group"], count(r["cohort"]), count(r["reoffenders"]), count(r["reoffences"]),
                     derived(r["binary_rate"], r["reoffenders"], r["cohort"])])
    out.append(Table(
        caption="Reoffending by the outcome that brought the child into the cohort", rows=rows,
        columns=["Outcome tier", "Children in the cohort", "Children who reoffended", "Proven reoffences",
                 "Reoffending rate (% of children)"],
        total=["Total", count(x["cohort"]), count(x["reoffenders"]), count(x["reoffences"]),
               derived(x["binary_rate"], x["reoffenders"], x["cohort"])],
        unit="children, proven reoffences, and the percentage of children who reoffended",
        period=f"children with a caution or sentence in {inp.period_phrase}, followed up for 12 months",
        source=LOCAL, numeric=[False, True, True, True, True]))
    out.append(Paragraph(
        f"Reoffences per child in the cohort (frequency): {derived(x['frequency'], x['cohort'], places=2)}; "
        f"reoffences per child who reoffended: {derived(x['per_reoffender'], x['reoffenders'], places=2)}."))
    return out


@source("remands_custody")
def remands_custody(inp: Inputs) -> Result:
    remands, nights, custody = (inp.indicator(k) for k in ("remands", "remand_nights", "custody"))
    if remands is None or custody is None:
        return Unavailable("remand and custody figures were not computed for this period")
    out: list[Block] = []
    rows = remands["breakdowns"].get("Remand type", [])
    table = share_table([{**r, "percent": None} for r in rows], caption="Remands started by type",
                        group="Remand type", what="remands", period=inp.period_label, count_key="remands")
    table.columns[2] = "Children remanded"
    table.rows = [[r["group"], row[1], shown]
                  for r, row, shown in zip(rows, table.rows, parts([r["children"] for r in rows]), strict=True)]
    table.total = ["Total", count(remands["numerator"]), count(remands["extra"].get("children_remanded"))]
    table.unit = "number of remand episodes started, and number of children (a child may have several remands)"
    table.notes.append("The children column does not add up to its total when a child had remands of two types.")
    out.append(share_chart("remands-by-type", table, rows, title="Remands started by type", what="remands",
                           count_key="remands"))
    out.append(remands_by_age(inp, remands["numerator"]))
    out.append(Notice("Remands by offence type are not available yet: a remand is not linked to the offences it "
                      "was for in the records."))
    if nights is not None:
        out.append(Paragraph(f"Nights spent on remand in youth detention accommodation: {count(nights['value'])} "
                             f"nights, for {count(nights['extra'].get('children'))} children."))
    c = custody["extra"]
    out.append(Paragraph(
        f"Custodial sentences: {count(c['sentences'])}, on {count(c['children_sentenced'])} children; the rate of "
        f"custody is {derived(custody['value'], custody['numerator'], places=2)} per 1,000 children aged 10–17 "
        f"(not a percentage)."))
    generated = commentary.sentence(custody, label="Use of custody")
    out.append(Commentary(indicator="custody", text=inp.commentary.get("custody", generated), generated=generated))
    return out


def remands_by_age(inp: Inputs, engine_total: int | None) -> Block:
    """Remands started in the period by the child's age on the day the remand started (the same remands
    the engine counts: started in the period)."""
    from openyj.indicators.periods import age_band, age_on
    from openyj.offending.models import Remand

    period = inp.figures["period"]
    remands = Remand.objects.filter(service=inp.service, start_date__range=(period["start"], period["end"]))
    bands: dict[str, list[int]] = {}
    for r in remands.select_related("child"):
        bands.setdefault(age_band(age_on(r.child.date_of_birth, r.start_date)), []).append(r.child_id)
    order = ["under 10", "10–14", "15–17", "18+"]
    rows: list[dict[str, Any]] = [{"group": f"Aged {b}" if b != "under 10" else "Under 10",
                                   "remands": len(bands[b]), "children": len(set(bands[b]))}
                                  for b in order if b in bands]
    total = sum(r["remands"] for r in rows)
    if engine_total is not None and total != engine_total:  # pragma: no cover - a guard: both count the same rows
        return Notice("Remands by age are not shown: they do not add up to the remands counted above.")
    return Table(caption="Remands started by the child's age when remanded", rows=[
        [r["group"], a, b] for r, a, b in zip(rows, parts([r["remands"] for r in rows]),
                                              parts([r["children"] for r in rows]), strict=True)],
        columns=["Age", "Remands started", "Children remanded"],
        total=["Total", count(total), count(len({c for ids in bands.values() for c in ids}))],
        unit="number of remand episodes started, and number of children", period=inp.period_label, source=LOCAL,
        numeric=[False, True, True],
        notes=["Age is the child's age on the day the remand started. The children column does not add up to "
               "its total when a child was remanded at two ages."])


@source("serious_violence")
def serious_violence(inp: Inputs) -> Result:
    ind = inp.indicator("serious_violence")
    if ind is None:
        return Unavailable("serious violence figures were not computed for this period")
    rows = ind["breakdowns"].get("Offence category", [])
    table = share_table([{**r, "percent": None} for r in rows], caption="Serious violence offences by category",
                        group="Offence category", what="offences", period=inp.period_label, count_key="offences")
    table.columns[2] = "Children"
    table.rows = [[r["group"], row[1], shown]
                  for r, row, shown in zip(rows, table.rows, parts([r["children"] for r in rows]), strict=True)]
    table.total = ["Total", count(ind["extra"].get("offences")), count(ind["extra"].get("children"))]
    table.unit = "number of offences and number of children"
    table.notes.append("A child with offences in two categories is counted in both rows, once in the total.")
    generated = commentary.sentence(ind, label="Serious violence")
    return [Paragraph(f"Serious violence offences: {count(ind['extra'].get('offences'))}, a rate of "
                      f"{derived(ind['value'], ind['numerator'])} {ind['unit']}."),
            share_chart("serious-violence", table, rows, title="Serious violence offences by category",
                        what="offences", count_key="offences"),
            Commentary(indicator="serious_violence", text=inp.commentary.get("serious_violence", generated),
                       generated=generated)]


@source("feedback")
def feedback(inp: Inputs) -> Result:
    ind = inp.indicator("feedback")
    if ind is None:
        return Unavailable("feedback figures were not computed for this period")
    return [Paragraph(f"Children who gave feedback at the end of their intervention: "
                      f"{derived(ind['value'], ind['numerator'], ind['denominator'])}% "
                      f"({count(ind['numerator'])} of {count(ind['denominator'])} children)."),
            Notice("Feedback from victims is not available yet: it arrives with the ten key performance indicators "
                   "(issue 11).")]


@source("kpis")
def kpis(inp: Inputs) -> Result:
    """The ten KPIs, once the indicator engine computes them (their codes start ``kpi_``)."""
    found = {k: v for k, v in inp.figures["indicators"].items() if k.startswith("kpi_")}
    if not found:
        return Unavailable("the ten key performance indicators are being built (issue 11) and are not in OpenYJ yet")
    rows = [indicator_row(ind, ind["name"]) for _, ind in sorted(found.items())]
    return [Table(caption="Key performance indicators", rows=rows,
                  columns=["Indicator", "This period", "Unit", "Counted", "A year earlier", "Published comparators",
                           "Rating against a year earlier"],
                  unit="as given in the Unit column of each row", period=inp.period_label, source=LOCAL,
                  numeric=[False, True, False, True, True, False, False])]


GROUPS = [("white", "White"), ("mixed", "Mixed"), ("asian", "Asian"), ("black", "Black"), ("other", "Other")]


@source("disproportionality")
def disproportionality(inp: Inputs) -> Result:
    """Each stage's children by ethnic group against the area's population: counts, shares, the gap and the
    relative rate index (RRI, White = 1) with its 95% interval, once the engine computes them (issue 14)."""
    data = inp.figures.get("disproportionality")
    if data is None:
        return Unavailable("the disproportionality figures (relative rate index by stage) are being built "
                           "(issue 14) and are not in OpenYJ yet")
    out: list[Block] = []
    labels = data.get("stage_labels", {})
    for stage, table in data["stages"].items():
        groups = table["groups"]
        counts = [groups[g]["count"] for g, _ in GROUPS]
        if not sum(c or 0 for c in counts):
            continue
        rows = []
        for (g, label), shown, hide in zip(GROUPS, parts(counts), hidden_parts(counts), strict=True):
            x = groups[g]
            rri = "not shown" if hide else (
                "not worked out" if x["rri"] is None else
                f"{x['rri']:.2f} ({x['ci_low']:.2f} to {x['ci_high']:.2f})" if x["ci_low"] is not None
                else f"{x['rri']:.2f}")
            rows.append([label, shown,
                         "not shown" if hide else _pct(x["share"]),
                         _pct(x["population_share"]), rri,
                         "Yes" if x["significant"] and rri[0].isdigit() else "No"])
        out.append(Table(
            caption=f"{labels.get(stage, stage.replace('_', ' ').capitalize())}: children by ethnic group", rows=rows,
            columns=["Ethnic group", "Children", "Share of the children", "Share of the area's children aged 10–17",
                     "Relative rate index (95% interval)", "Different from White beyond chance"],
            total=None, unit="number of children; shares in per cent; the index is a ratio of rates (White = 1)",
            period=inp.period_label, source=f"{LOCAL}; population from the 2021 census for the service's areas",
            numeric=[False, True, True, True, True, False],
            notes=[f"{count(table['not_known']).capitalize()} children whose ethnicity is not known are left out."]))
    if not out:
        return [Notice(f"No children reached any stage in {inp.period_phrase}.")]
    return out


RISK_REGISTER = "governance.Risk"


@source("risks")
def risks(inp: Inputs) -> Result:
    """The risk register's open risks, highest score first, once governance keeps one (issue 12)."""
    from django.apps import apps

    register: str = RISK_REGISTER  # a model another piece of work adds: looked up when it exists
    try:
        risk_model = apps.get_model(register)
    except LookupError:
        return Unavailable("the risk register is being built with the board's records (issue 12) and is not in "
                           "OpenYJ yet")
    risks = sorted(risk_model.objects.filter(service=inp.service, status="open"),
                   key=lambda r: (-r.likelihood * r.impact, r.pk))
    if not risks:
        return [Notice("No open risks are on the register.")]
    rows = [[r.title, r.owner, str(r.likelihood), str(r.impact), str(r.likelihood * r.impact),
             r.get_trend_display(), f"{r.review_on:%-d %B %Y}"] for r in risks]
    return [Table(caption="Open risks, highest score first", rows=rows,
                  columns=["Risk", "Owner", "Likelihood (1 to 5)", "Impact (1 to 5)", "Score (out of 25)", "Trend",
                           "Next review"],
                  unit="likelihood and impact on a scale of 1 to 5; score is likelihood times impact",
                  period=f"as at {_long_date(inp.figures['period']['end'])}",
                  source="OpenYJ, the partnership's risk register", numeric=[False, False, True, True, True, False,
                                                                              False])]


@source("board_attendance")
def board_attendance(inp: Inputs) -> Result:
    from openyj.governance.models import BoardAttendance

    period = inp.figures["period"]
    rows_qs = BoardAttendance.objects.filter(service=inp.service, meeting_date__range=(period["start"], period["end"]))
    by_agency: dict[str, Counter] = {}
    meetings = set()
    for r in rows_qs:
        by_agency.setdefault(r.agency, Counter())[r.attendance] += 1
        meetings.add(r.meeting_date)
    if not by_agency:
        return [Notice(f"No board attendance is recorded for {inp.period_phrase}: import "
                       "board_attendance.csv to show it.")]
    cols = ["attended", "deputy", "apologies", "absent"]
    rows: list[list[str]] = []
    totals: Counter[str] = Counter()
    for agency in sorted(by_agency):
        c = by_agency[agency]
        totals.update(c)
        rows.append([agency, *(f"{c[k]:,}" for k in cols), f"{sum(c.values()):,}"])
    return [Table(caption=f"Board attendance at {len(meetings)} meetings", rows=rows,
                  columns=["Agency", "Attended", "Sent a deputy", "Apologies", "Absent", "Places"],
                  total=["Total", *(f"{totals[k]:,}" for k in cols), f"{sum(totals.values()):,}"],
                  unit="number of member places at meetings", period=inp.period_label,
                  source="OpenYJ, the board's attendance register", numeric=[False, True, True, True, True, True],
                  notes=["Board members are named in the register, not here: attendance is by agency."])]


def _money(v: Decimal | None) -> str:
    return "£0" if v is None else f"£{v:,.0f}" if v == v.to_integral_value() else f"£{v:,.2f}"


@source("budget")
def budget(inp: Inputs) -> Result:
    from openyj.governance.models import BudgetLine

    year = inp.year or _financial_year(inp.figures["period"]["end"])
    lines = list(BudgetLine.objects.filter(service=inp.service, year=year))
    if not lines:
        return [Notice(f"No partner budget is recorded for {year}: import budget.csv to show it.")]
    parts = ("staffing", "payments_in_kind", "other_delegated")
    stated_total = next((b for b in lines if b.agency.strip().lower() == "total"), None)
    rows, problems = [], []
    col = dict.fromkeys([*parts, "total"], Decimal(0))
    for b in lines:
        if b is stated_total:
            continue
        computed = sum((getattr(b, p) or Decimal(0) for p in parts), Decimal(0))
        total = b.total if b.total is not None else computed
        if b.total is not None and b.total != computed:
            problems.append(f"{b.agency}: its parts add up to {_money(computed)} but its total says "
                            f"{_money(b.total)} (a difference of {_money(b.total - computed)}).")
        for p in parts:
            col[p] += getattr(b, p) or Decimal(0)
        col["total"] += total
        rows.append([b.agency, *(_money(getattr(b, p)) for p in parts), _money(total)])
    if stated_total is not None:
        for p in (*parts, "total"):
            stated = getattr(stated_total, p)
            if stated is not None and stated != col[p]:
                problems.append(f"The Total row says {_money(stated)} for {p.replace('_', ' ')}, but the rows "
                                f"add up to {_money(col[p])}.")
    if problems:
        return [Notice("The partner budget is not shown because it does not add up. Correct budget.csv and import "
                       "it again: " + " ".join(problems))]
    return [Table(caption=f"Partner contributions to the youth justice budget, {year}", rows=rows,
                  columns=["Agency", "Staffing costs", "Payments in kind", "Other delegated funds", "Total"],
                  total=["Total", *(_money(col[p]) for p in parts), _money(col["total"])],
                  unit="pounds sterling", period=f"financial year {year}",
                  source="the partners' stated contributions, as imported", numeric=[False, True, True, True, True])]


def _financial_year(end: str) -> str:
    year, month = int(end[:4]), int(end[5:7])
    start = year if month >= 4 else year - 1
    return f"{start}/{str(start + 1)[-2:]}"


@source("workforce")
def workforce(inp: Inputs) -> Result:
    from openyj.governance.models import StaffMember
    from openyj.people.codes import SEX

    staff = list(StaffMember.objects.filter(service=inp.service))
    if not staff:
        return [Notice("No staff are recorded: import staff.csv to show the workforce.")]
    sexes = dict(SEX)
    by_type: dict[str, Counter] = {}
    fte: dict[str, Decimal] = {}
    for s in staff:
        label = s.get_staff_type_display() or "Not recorded"
        by_type.setdefault(label, Counter())[sexes.get(s.sex, "Not recorded")] += 1
        fte[label] = fte.get(label, Decimal(0)) + (s.fte or Decimal(0))
    sex_cols = [label for _, label in SEX if any(c[label] for c in by_type.values())]
    if any(c["Not recorded"] for c in by_type.values()):
        sex_cols.append("Not recorded")
    rows: list[list[str]] = []
    totals: Counter[str] = Counter()
    for label in sorted(by_type):
        c = by_type[label]
        totals.update(c)
        rows.append([label, *parts([c[s] for s in sex_cols]),
                     count(sum(c.values())), f"{fte[label]:,.1f}"])
    grand = sum(totals.values())
    table = Table(caption="The workforce by type of contract and sex", rows=rows,
                  columns=["Type", *sex_cols, "People", "Full-time equivalent"],
                  total=["Total", *(count(totals[s]) for s in sex_cols), count(grand),
                         f"{sum(fte.values(), Decimal(0)):,.1f}"],
                  unit="number of people, and full-time equivalent posts", period="as recorded now",
                  source="OpenYJ, the staff list as imported", numeric=[False, *[True] * (len(sex_cols) + 2)],
                  notes=["Staff are not named: the workforce is reported in aggregate."])
    chart_rows = [{"group": label, "people": sum(by_type[label].values())} for label in sorted(by_type)]
    return [share_chart("workforce", table, chart_rows, title="People in the workforce by type", what="people",
                        count_key="people")]


@source("improvement_actions")
def improvement_actions(inp: Inputs) -> Result:
    from openyj.governance.models import ImprovementAction

    actions = list(ImprovementAction.objects.filter(service=inp.service).prefetch_related("links"))
    if not actions:
        return [Notice("No improvement actions are recorded.")]
    today = inp.figures["period"]["end"]
    rows = []
    for a in actions:
        due = f"{a.due_on:%-d %B %Y}" if a.due_on else "no date"
        overdue = a.due_on is not None and a.due_on.isoformat() < today and a.status in ("not_started", "ongoing")
        rows.append([a.what, a.answers or "not linked", a.owner, due,
                     a.get_status_display() + (" (overdue)" if overdue else "")])
    status = Counter(a.get_status_display() for a in actions)
    summary = Table(caption="Improvement actions by status", rows=[[k, f"{v:,}"] for k, v in sorted(status.items())],
                    columns=["Status", "Actions"], total=["Total", f"{len(actions):,}"],
                    unit="number of actions", period=f"as at {_long_date(today)}",
                    source="OpenYJ, the improvement actions", numeric=[False, True])
    return [summary, Table(caption="Action tracker", rows=rows,
                           columns=["Action", "What it answers", "Owner", "Due", "Progress"],
                           unit="one row per action", period=f"as at {_long_date(today)}",
                           source="OpenYJ, the improvement actions")]


def _long_date(iso: str) -> str:
    from datetime import date

    return f"{date.fromisoformat(iso):%-d %B %Y}"


@source("inspection")
def inspection(inp: Inputs) -> Result:
    from openyj.quality.inspections.selectors import inspection_ratings
    from openyj.quality.models import Inspection

    latest = (Inspection.objects.filter(service=inp.service).order_by("-published_on", "-pk")
              .prefetch_related("standards", "key_questions", "adjustments").first())
    if latest is None:
        return [Notice("No inspection is recorded.")]
    ratings = inspection_ratings(latest)
    computed = {r.code: r for r in (*ratings.result.standards, *ratings.result.separately)}
    names = {s.code: s.name for s in ratings.framework.standards}
    rows = []
    for code, name in names.items():
        r = computed.get(code)
        rating = r.rating if r is not None and r.source != "not_rated" else ratings.published.get(code, "not rated")
        rows.append([code, name, rating])
    overall = ratings.result.adjusted_overall or ratings.result.overall or latest.published_overall or "not rated"
    published = f"{latest.published_on:%-d %B %Y}" if latest.published_on else "on a date not recorded"
    out: list[Block] = [
        Paragraph(f"The last inspection ({latest.title}) was published {'on ' if latest.published_on else ''}"
                  f"{published}; the overall rating is {overall}."),
        Table(caption="Inspection ratings by standard", rows=rows, columns=["Standard", "Name", "Rating"],
              unit="ratings in words", period=f"inspection published {published}",
              source=f"{latest.inspectorate}'s published report, as recorded in OpenYJ")]
    return out


@source("national_standards")
def national_standards(inp: Inputs) -> Result:
    from openyj.quality.models import StandardsSelfAssessment

    latest = (StandardsSelfAssessment.objects.filter(service=inp.service).order_by("-period_end", "-pk")
              .prefetch_related("gradings").first())
    if latest is None:
        return [Notice("No National Standards self-assessment is recorded.")]
    rows = []
    for g in latest.gradings.all().order_by("standard", "level"):
        rows.append([g.standard, g.level.capitalize(), g.moderated_grade or g.grade])
    if not rows:
        return [Notice(f"The self-assessment {latest.title} has no gradings yet.")]
    return [Table(caption=f"National Standards self-assessment: {latest.title}", rows=rows,
                  columns=["Standard", "Level", "Grade (moderated where moderated)"], unit="grades in words",
                  period=f"cases from {latest.period_start:%-d %B %Y} to {latest.period_end:%-d %B %Y}",
                  source="OpenYJ, the service's self-assessment")]


@source("sign_off")
def sign_off(inp: Inputs) -> Result:
    doc = inp.document
    if doc is None:
        return [Paragraph("This draft has not been approved by the partnership board or submitted to the Youth "
                          "Justice Board.")]
    return [Table(caption="Sign-off, submission and approval", rows=doc.lifecycle_rows(),
                  columns=["Step", "Date", "By"], unit="dates", period=inp.year or inp.period_label,
                  source="OpenYJ, the document's record of sign-off")]
