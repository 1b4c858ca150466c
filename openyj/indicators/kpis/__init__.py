"""The ten YJB key performance indicators (``shared/domain/indicators.md``), one module each.

``KPIS`` lists them in the order of the return; each module has ``CODE`` (the stable code, part of
the interchange contract), ``NUMBER`` (how the YJB numbers it: data, since sources disagree),
``NAME``, ``BETTER``, ``VERSIONS`` (each with its effective date) and ``compute``. :func:`compute`
runs all ten for every service in the tables, reading each shared table (the cohort) once.

``DEFINITION`` declares the ten to the indicator registry (one definition, since they share the
cohort), with the two parameters a service may set: whether early help counts for KPI 8, and the
attendance threshold of KPI 7.
"""

from __future__ import annotations

from django import forms

from openyj.indicators import registry
from openyj.indicators.engine import Tables, by_service, fetch, population
from openyj.indicators.kpis import (
    accommodation,
    board_attendance,
    ete,
    mental_health,
    oocd,
    send,
    serious_violence,
    substance_misuse,
    victims,
    wider_services,
)
from openyj.indicators.kpis.base import cohort, sub_measure_contract
from openyj.indicators.periods import Period
from openyj.indicators.results import UNIT_PER_10K, UNIT_PERCENT, Result

KPIS = [accommodation, ete, send, mental_health, substance_misuse, oocd, board_attendance, wider_services,
        serious_violence, victims]
CODES = [m.CODE for m in KPIS]
BY_CODE = {m.CODE: m for m in KPIS}
LABELS = {m.CODE: f"KPI {m.NUMBER}: {m.NAME}" for m in KPIS}  # for choosing one in a form
COHORT_KPIS = [accommodation, ete, send, mental_health, substance_misuse]


def compute(t: Tables, period: Period) -> dict[str, dict[int, Result]]:
    """KPI code → service id → Result."""
    sids = t.service_ids
    cohorts = by_service(fetch(t, cohort, period), sids)
    links = by_service(fetch(t, wider_services.linked, period), sids)
    ended = by_service(fetch(t, oocd.ended, period), sids)
    board = by_service(fetch(t, board_attendance.attendance, period), sids)
    sv = by_service(fetch(t, serious_violence.proven, period), sids)
    vic = by_service(fetch(t, victims.placed, period), sids)
    pops = population(t, period)
    out: dict[str, dict[int, Result]] = {code: {} for code in CODES}
    for sid in sids:
        rows = sorted(cohorts.get(sid, []), key=lambda r: r["child_id"])
        for module in COHORT_KPIS:
            out[module.CODE][sid] = module.compute(t, period, rows)
        out[oocd.CODE][sid] = oocd.compute(t, period, ended.get(sid, []))
        out[board_attendance.CODE][sid] = board_attendance.compute(
            t, period, board.get(sid, []), threshold=t.settings.kpi_board_threshold)
        out[wider_services.CODE][sid] = wider_services.compute(t, period, rows, links.get(sid, []))
        pop, year = pops.get(sid, (None, None))
        out[serious_violence.CODE][sid] = serious_violence.compute(t, period, sv.get(sid, []), pop, year)
        out[victims.CODE][sid] = victims.compute(t, period, vic.get(sid, []))
    return out


def contract_entry(result: Result) -> dict:
    """The ``kpi_*`` object of ``openyj indicators --json`` (``shared/spec/interchange.md``, Additions)."""
    kpi = result.extra["kpi"]
    entry = {k: kpi[k] for k in ("numerator", "denominator", "value", "unit", "numerator_ids", "denominator_ids",
                                 "missing_ids")}
    entry["sub_measures"] = {code: sub_measure_contract(s) for code, s in kpi["sub_measures"].items()}
    entry.update({k: v for k, v in kpi.items() if k not in entry and k not in ("sub_measures",)})
    return entry


# --- The declaration to the indicator registry ---------------------------------------------------

IDS = {"kpi_oocd": "interventions", "kpi_victims": "victims", "kpi_board_attendance": "attendance"}


def _indicator(module) -> registry.Indicator:
    version = module.VERSIONS[-1]
    doc = (module.__doc__ or "").split("\n\n")
    return registry.Indicator(
        code=module.CODE, name=module.NAME, unit=UNIT_PER_10K if module is serious_violence else UNIT_PERCENT,
        better=module.BETTER, period=registry.QUARTERLY, group=registry.KPI, ids=IDS.get(module.CODE, "children"),
        version=str(version.number), effective=version.effective_from, order=int(module.NUMBER),
        definition=" ".join(doc[1].split()) if len(doc) > 1 else module.NAME)


def _early_help_field():
    return forms.TypedChoiceField(
        label="Count early help as a link to wider services (KPI 8)?", widget=forms.RadioSelect,
        choices=[("False", "No (the default)"), ("True", "Yes")], coerce=lambda v: v == "True",
        help_text="The YJB has not confirmed whether early help counts. Looked after, child in need and child "
                  "protection always count.",
        error_messages={"required": "Select whether early help counts"})


def _threshold_field():
    return forms.IntegerField(
        label="Attendance below which a partner is named (%)", min_value=0, max_value=100,
        help_text="For management board attendance (KPI 7). The default is 75.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-3", "inputmode": "numeric"}),
        error_messages={"required": "Enter the attendance threshold", "invalid": "Enter a whole number, like 75",
                        "min_value": "The threshold must be 0 or more",
                        "max_value": "The threshold must be 100 or less"})


def _summary(s) -> str:
    return (f"Early help {'counts' if s.kpi_early_help else 'does not count'} for KPI 8; partners attending "
            f"less than {s.kpi_board_threshold:g}% are named for KPI 7")


DEFINITION = registry.Definition(
    key="kpis", indicators=tuple(_indicator(m) for m in KPIS), compute=compute,
    title="Key performance indicators: early help and board attendance", summary=_summary,
    parameters=(
        registry.Parameter("include_early_help", "kpi_early_help", False,
                           "Whether early help episodes count as links to wider services (KPI 8)",
                           _early_help_field),
        registry.Parameter("threshold_percent", "kpi_board_threshold", 75,
                           "The attendance (%) below which a statutory partner is named (KPI 7)",
                           _threshold_field),
    ),
)


# --- Small numbers for an aggregate-only audience ------------------------------------------------

# Sub-measure families whose counts split one public total (a child, intervention or place is in
# exactly one of them): a single hidden part would be revealed by the total minus the others.
PARTITIONS = ("type:", "not_completed:", "agency:")


def hidden_sub_measures(entry: dict, limit: int | None = None) -> set[str]:
    """The sub-measures an aggregate-only audience must not see the counts of: those with a count or
    denominator from 1 to 4 (primary), and the next smallest of a family split from one total when
    exactly one of it is hidden (secondary, :func:`openyj.indicators.suppression.secondary`)."""
    from openyj.indicators import suppression

    subs = entry.get("sub_measures", {})
    hidden = {code for code, s in subs.items() if suppression.is_small(s.get("numerator"), limit)
              or suppression.is_small(s.get("denominator"), limit)}
    for prefix in PARTITIONS:
        family = {code: subs[code]["numerator"] for code in subs if code.startswith(prefix)}
        hidden |= suppression.secondary(family, hidden & set(family))
    return hidden


def board_entry(entry: dict) -> dict:
    """A KPI's JSON object for an aggregate-only audience: no ids, no breakdown by kind (its parts
    would reveal each other), small counts as ``"<5"`` with the values worked out from them null, and
    the sub-measures of a split family suppressed together."""
    from openyj.indicators import suppression

    hidden = hidden_sub_measures(entry)
    data = {k: v for k, v in entry.items() if k not in ("breakdown", "offence_ids")}
    shown = suppression.board_object(data)
    for code in hidden & set(shown.get("sub_measures", {})):
        s = shown["sub_measures"][code]
        if isinstance(s.get("numerator"), (int, float)) and s["numerator"]:
            s["numerator"] = suppression.marker()
        s["value"] = None
    return shown
