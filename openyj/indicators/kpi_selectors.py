"""Reads for the quarterly KPI return: the quarter's figures (frozen once submitted), the quarters
before it, what changed since a submission, the items missing by case manager, and the children
behind each count — through the gate, audited where identities are shown."""

from __future__ import annotations

from dataclasses import dataclass

from openyj.core.models import Service
from openyj.core.permissions import restrict
from openyj.core.roles import Action
from openyj.indicators import kpis
from openyj.indicators.kpi_models import KpiSubmission
from openyj.indicators.periods import Period

# What a missing item is, in words, and where it is recorded.
NEEDS = {
    "kpi_accommodation": "whether the accommodation at the end was suitable",
    "kpi_ete": "whether the education, training or employment at the end was suitable",
    "kpi_send": "whether SEND was identified and, if so, whether there is a current plan",
    "kpi_mental_health": "whether a mental health need was screened or identified",
    "kpi_substance_misuse": "whether there was a need for substance misuse treatment",
    "kpi_oocd": "why the out-of-court intervention ended",
    "kpi_board_attendance": "whether the member is a statutory partner, or their deputy's seniority",
    "kpi_wider_services": "",
    "kpi_serious_violence": "",
    "kpi_victims": "whether the victim consented to contact and took part in restorative justice",
}
IDS_KIND_ONE = {"children": "child", "interventions": "intervention", "victims": "victim",
                "attendance": "place at a board meeting"}
IDS_KIND_WORDS = {"children": "children", "interventions": "interventions", "victims": "victims",
                  "attendance": "places at board meetings"}


def open_submission(service: Service, period: Period) -> KpiSubmission | None:
    """The submission of ``period`` that stands (not reopened), if any."""
    return KpiSubmission.objects.filter(service=service, period_start=period.start, period_end=period.end,
                                        reopened_at__isnull=True).select_related("submitted_by").first()


def last_reopened(service: Service, period: Period) -> KpiSubmission | None:
    return (KpiSubmission.objects.filter(service=service, period_start=period.start, period_end=period.end,
                                         reopened_at__isnull=False)
            .select_related("submitted_by", "reopened_by").order_by("-reopened_at").first())


class QuarterFigures:
    """The KPI figures of quarters for one service: frozen where submitted, else computed now."""

    def __init__(self, service: Service):
        from openyj.indicators.suite import service_tables

        self.service = service
        self.tables = service_tables(service)
        self._computed: dict[Period, dict[str, dict]] = {}

    def computed(self, period: Period) -> dict[str, dict]:
        if period not in self._computed:
            results = kpis.compute(self.tables, period)
            self._computed[period] = {code: per[self.service.pk].extra["kpi"]
                                      for code, per in results.items()}
        return self._computed[period]

    def shown(self, period: Period) -> tuple[dict[str, dict], KpiSubmission | None]:
        submission = open_submission(self.service, period)
        if submission is not None:
            return submission.figures, submission
        return self.computed(period), None


# --- Small numbers: the project's one rule (suppression.py), as the return page shows it ---------

def shown_measure(m: dict, *, aggregate_only: bool, threshold: int, population: bool = False) -> dict:
    """A measure's numerator, denominator, value and missing as a role may see them: for aggregate-only
    roles a count of 1–4 is "fewer than 5" (:mod:`openyj.indicators.suppression`), and so is a
    denominator of 1–4 (not a population); a value worked out from a hidden count is not shown."""
    from openyj.indicators import suppression

    def small(n) -> bool:
        return aggregate_only and suppression.is_small(n, threshold)

    hidden = small(m["numerator"]) or (not population and small(m["denominator"]))

    def count(n):
        if n is None:
            return "not available"
        if small(n):
            return suppression.in_words(threshold)
        return f"{n:,.1f}" if isinstance(n, float) and not n.is_integer() else f"{int(n):,}"

    value = None if hidden else m["value"]
    return {"numerator": count(m["numerator"]), "denominator": count(m["denominator"]),
            "missing": count(m.get("missing", 0)), "value": "not available" if value is None else f"{value:,.1f}",
            "suppressed": hidden}


# A sub-measure hidden with another (secondary suppression): its count and value are not shown.
def hidden_measure(m: dict, *, threshold: int) -> dict:
    shown = shown_measure(m, aggregate_only=True, threshold=threshold)
    return {**shown, "numerator": "suppressed" if m["numerator"] else "0", "value": "not available",
            "suppressed": True}


# --- What changed since a submission -----------------------------------------------------------

@dataclass
class Change:
    code: str
    name: str
    before: dict
    now: dict
    added: list[str]
    removed: list[str]
    missing_added: list[str]
    missing_removed: list[str]

    @property
    def changed(self) -> bool:
        return any((self.added, self.removed, self.missing_added, self.missing_removed)) or any(
            self.before.get(k) != self.now.get(k) for k in ("numerator", "denominator", "value"))


def changes(before: dict[str, dict], now: dict[str, dict]) -> list[Change]:
    """Per KPI, the figures as submitted and as the records give them now, with the ids that joined or
    left the count (numerator) and the missing list."""
    out = []
    for code in kpis.CODES:
        b, n = before.get(code), now[code]
        if b is None:
            continue
        out.append(Change(code, n["name"], b, n,
                          added=sorted(set(n["numerator_ids"]) - set(b["numerator_ids"])),
                          removed=sorted(set(b["numerator_ids"]) - set(n["numerator_ids"])),
                          missing_added=sorted(set(n["missing_ids"]) - set(b["missing_ids"])),
                          missing_removed=sorted(set(b["missing_ids"]) - set(n["missing_ids"]))))
    return out


# --- Completeness ------------------------------------------------------------------------------

COHORT_KPIS = ["kpi_accommodation", "kpi_ete", "kpi_send", "kpi_mental_health", "kpi_substance_misuse"]


def completeness(user, service: Service, period: Period, figures: dict[str, dict]) -> dict:
    """The items missing for the quarter's return: per KPI a count, and the interventions to fix
    grouped by case manager (each with the KPIs it is missing for), read through the gate."""
    from openyj.casework.models import Intervention, Victim

    by_intervention: dict[str, list[str]] = {}
    child_missing: dict[str, list[str]] = {}
    for code in COHORT_KPIS:
        for cid in figures[code]["missing_ids"]:
            child_missing.setdefault(cid, []).append(code)
    qs = restrict(user, Action.VIEW_FIGURES, Intervention.objects.all(), service=service).select_related(
        "child", "case_manager")
    # the cohort child's measured intervention: the one that ended last in the quarter
    measured = {}
    for i in qs.filter(child__reference__in=list(child_missing), end_date__range=(period.start, period.end)).order_by(
            "end_date", "start_date", "reference", "pk"):
        measured[i.child.reference] = i
    for cid, codes in child_missing.items():
        if cid in measured:
            by_intervention.setdefault(measured[cid].reference, []).extend(codes)
    oocd_missing = figures["kpi_oocd"]["missing_ids"]
    for ref in oocd_missing:
        by_intervention.setdefault(ref, []).append("kpi_oocd")
    interventions = {i.reference: i for i in qs.filter(reference__in=list(by_intervention))}
    groups: dict[str, list[dict]] = {}
    for ref, codes in sorted(by_intervention.items()):
        found = interventions.get(ref)
        if found is None:
            continue
        cm = found.case_manager
        manager = (cm.get_full_name() or cm.get_username()) if cm else ""
        groups.setdefault(manager or "No case manager recorded", []).append({
            "intervention": found, "child": found.child,
            "needs": [{"code": c, "name": kpis.BY_CODE[c].NAME, "number": kpis.BY_CODE[c].NUMBER,
                       "what": NEEDS[c]} for c in codes]})
    victims = list(restrict(user, Action.VIEW_FIGURES, Victim.objects.all(), service=service).filter(
        reference__in=figures["kpi_victims"]["missing_ids"]).order_by("reference"))
    counts = [{"code": code, "number": kpis.BY_CODE[code].NUMBER, "name": kpis.BY_CODE[code].NAME,
               "missing": len(figures[code]["missing_ids"]),
               "kind": (IDS_KIND_ONE if len(figures[code]["missing_ids"]) == 1 else IDS_KIND_WORDS)[
                   figures[code].get("ids_kind", "children")]} for code in kpis.CODES]
    return {"counts": counts, "total": sum(c["missing"] for c in counts),
            "groups": sorted(groups.items(), key=lambda g: (g[0] == "No case manager recorded", g[0])),
            "victims": victims,
            "board_rows": [attendance_words(r) for r in figures["kpi_board_attendance"]["missing_ids"]]}


def drill_ids(figures: dict[str, dict], code: str, which: str, sub: str | None) -> tuple[list[str], str] | None:
    """The ids behind one count of the return (``which`` numerator, denominator or missing) and their kind."""
    k = figures.get(code)
    if k is None or which not in ("numerator", "denominator", "missing"):
        return None
    source = k if not sub else k.get("sub_measures", {}).get(sub)
    if source is None or f"{which}_ids" not in source:
        return None
    return list(source[f"{which}_ids"]), k.get("ids_kind", "children")


def drill_records(user, service: Service, ids: list[str], kind: str):
    """The records behind a count, through the gate (a board row is its ``meeting_date/member``)."""
    from openyj.casework.models import Intervention, Victim
    from openyj.people.models import Child

    if kind == "children":
        return list(restrict(user, Action.VIEW_FIGURES, Child.objects.all(), service=service)
                    .filter(reference__in=ids).order_by("reference"))
    if kind == "interventions":
        return list(restrict(user, Action.VIEW_FIGURES, Intervention.objects.all(), service=service)
                    .filter(reference__in=ids).select_related("child").order_by("reference"))
    if kind == "victims":
        return list(restrict(user, Action.VIEW_FIGURES, Victim.objects.all(), service=service)
                    .filter(reference__in=ids).order_by("reference"))
    return [attendance_words(i) for i in sorted(ids)]


def attendance_words(row_id: str) -> str:
    """``2025-05-14/Police lead`` → "14 May 2025: Police lead"."""
    from datetime import date

    day, _, member = row_id.partition("/")
    try:
        return f"{date.fromisoformat(day):%-d %B %Y}: {member}"
    except ValueError:
        return row_id


# --- Sub-measures in words ---------------------------------------------------------------------

SUB_LABELS = {
    "unsuitable_to_suitable": "Unsuitable at the start, suitable at the end",
    "school_age": "Of compulsory school age: in suitable ETE",
    "above_school_age": "Above school age: in suitable ETE",
    "hours_offered": "Average hours a week offered at the end",
    "hours_attended": "Average hours a week attended at the end",
    "suitable_ete": "With SEND identified: in suitable ETE at the end",
    "offered": "Of those with a need: intervention or treatment offered",
    "attending": "Of those offered: attending",
    "looked_after": "Looked after",
    "child_in_need": "Child in need",
    "child_protection": "Child protection",
    "early_help": "Early help",
    "views_sought": "Of those who consented: views sought before the decision",
    "kept_informed": "Of those who consented: kept informed",
    "signposted": "Of those who consented: signposted to support",
    "rj_offered": "Of those who consented: offered restorative justice",
}


def sub_label(code: str) -> str:
    """A sub-measure's code in words (``type:foster`` → "Accommodation at the end: Foster care")."""
    from openyj.casework import codes as casework_codes
    from openyj.offending import codes as offending_codes

    if code in SUB_LABELS:
        return SUB_LABELS[code]
    prefix, _, rest = code.partition(":")
    words = {
        "type": ("Accommodation at the end", dict(casework_codes.ACCOMMODATION_TYPE)),
        "outcome": ("Completed, for", {**dict(offending_codes.OUTCOME_TYPE_CHOICES), "none": "no linked outcome"}),
        "not_completed": ("Ended without completion", dict(casework_codes.END_REASON)),
        "category": ("Offence category", dict(offending_codes.OFFENCE_CATEGORY)),
        "agency": ("Attendance", {}),
    }.get(prefix)
    if words is None:
        return code.replace("_", " ").capitalize()
    title, names = words
    return f"{title}: {names.get(rest, rest)}"
