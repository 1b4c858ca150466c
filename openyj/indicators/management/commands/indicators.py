"""``openyj indicators --service CODE --from YYYY-MM-DD --to YYYY-MM-DD [--json]``

Computes the indicators for the period (``shared/spec/interchange.md``). Exit status 0 on
success, 1 on invalid input (an unknown service, a date that is not a real date, a period that
ends before it starts), 2 on usage errors (missing or unknown options).
"""

from __future__ import annotations

import json
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from openyj.indicators import registry, suppression, tables
from openyj.indicators.periods import Period
from openyj.indicators.suite import service_suite, service_tables, with_comparators


def _date(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"{option}: {text} is not a real date in the form YYYY-MM-DD.", returncode=1) from None


def contract(service, period: Period, results, *, with_comparators: bool = False,
             audience: str = "staff") -> dict:
    """The JSON object of the command-line contract (additions are allowed, renames are not)."""
    fte, reo, cus, nights = (results[k] for k in ("fte", "reoffending", "custody", "remand_nights"))
    indicators = {
        "fte": {"count": fte.numerator, "population": fte.denominator, "rate": fte.value, "unit": fte.unit,
                "population_year": fte.extra.get("population_year"), "children": fte.ids},
        "reoffending": {
            "cohort": reo.extra["cohort"], "reoffenders": reo.extra["reoffenders"],
            "reoffences": reo.extra["reoffences"], "binary_rate": reo.extra["binary_rate"],
            "frequency": reo.extra["frequency"], "per_reoffender": reo.extra["per_reoffender"],
            "provisional": reo.provisional, "children": reo.ids,
        },
        "custody": {"sentences": cus.extra["sentences"], "children_sentenced": cus.extra["children_sentenced"],
                    "population": cus.denominator, "rate": cus.value, "unit": cus.unit,
                    "children": cus.child_ids},
        "remand_nights": {"nights": nights.extra["nights"], "children": nights.ids},
    }
    for key, r in results.items():
        if key in indicators:
            continue
        indicators[key] = {"numerator": r.numerator, "denominator": r.denominator, "value": r.value,
                           "unit": r.unit, "provisional": r.provisional,
                           ("children" if r.ids_kind == "children" else r.ids_kind): r.ids}
    threshold = suppression.threshold()
    for key, r in results.items():
        named = tables.order(r)
        if named:
            indicators[key]["breakdowns"] = {
                n: tables.json_rows(r, n, aggregate_only=audience == "board", threshold=threshold) for n in named}
        if with_comparators:
            indicators[key]["comparators"] = [comparator_json(c) for c in r.comparators]
    data = {"service": service.code, "from": period.start.isoformat(), "to": period.end.isoformat(),
            "indicators": indicators}
    if audience == "board":
        data["audience"] = "board"
        data["indicators"] = board_indicators(indicators)
    return data


def comparator_json(c) -> dict:
    """One comparator as the contract gives it (``shared/spec/interchange.md``, Additions)."""
    return {"kind": c.kind, "label": f"{c.label} ({c.source})" if c.kind == "published" else c.label,
            "period_start": c.period_start, "period_end": c.period_end, "value": c.value,
            "comparable": c.comparable, "rag": c.rag if c.comparable else None,
            # additions
            "area_type": c.area_type, "numerator": c.numerator, "denominator": c.denominator,
            "source": c.source, "published_on": c.published_on, "change_absolute": c.change_absolute,
            "change_relative": c.change_relative, "note": c.not_comparable_reason}


def _secondary_by_stage(data: dict, shown: dict) -> None:
    """Disproportionality: a stage's groups and its "not known" add up to the stage's children, a
    figure shown elsewhere (the first time entrants, the cohort): secondary suppression per stage."""
    for stage, raw in (data.get("stages") or {}).items():
        groups = raw.get("groups") or {}
        hidden = suppression.board_groups(groups, extra_parts={"not_known": raw.get("not_known")})
        out = shown["stages"][stage]
        for name in hidden:
            target = out["groups"].get(name) if name != "not_known" else None
            if target is None:
                if name == "not_known" and out.get("not_known") != suppression.marker():
                    out["not_known"] = None
                continue
            if target.get("count") != suppression.marker():
                target["count"] = None
            for derived in suppression.DERIVED & set(target):
                target[derived] = None


def board_indicators(indicators: dict) -> dict:
    """The aggregate-only view (``--audience board``): the rule of :mod:`openyj.indicators.suppression`."""
    out = {}
    for key, data in indicators.items():
        comparators = data.get("comparators")
        shown = suppression.board_object({k: v for k, v in data.items() if k != "comparators"})
        if key == "disproportionality":
            _secondary_by_stage(data, shown)
        # the reoffences of hidden reoffenders would show whether there were any beyond the cohort
        if key == "reoffending" and shown.get("reoffenders") == suppression.marker():
            shown["reoffences"] = None
        headline_small = any(v == suppression.marker() for v in shown.values())
        if comparators is not None:
            shown["comparators"] = []
            for c in comparators:
                c = suppression.board_object(c)
                # a local comparator worked out from a small count is not shown, nor rated; nor is a
                # RAG shown when the figure it rates is not shown
                if suppression.marker() in (c.get("numerator"), c.get("denominator")):
                    c["value"] = None
                    c["rag"] = None
                if headline_small:
                    c["rag"] = None
                shown["comparators"].append(c)
        out[key] = shown
    return out


def _fmt(value, places=1) -> str:
    if value is None:
        return "not available"
    return f"{value:,.{places}f}" if isinstance(value, float) else f"{value:,}"


class Command(BaseCommand):
    help = "Compute the indicators for a service and period (see shared/spec/interchange.md)."

    def add_arguments(self, parser):
        parser.add_argument("--service", required=True, help="the service code, e.g. LEEDS")
        parser.add_argument("--from", dest="start", required=True, metavar="YYYY-MM-DD",
                            help="first day of the period (inclusive)")
        parser.add_argument("--to", dest="end", required=True, metavar="YYYY-MM-DD",
                            help="last day of the period (inclusive); also the reoffending cohort period")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        parser.add_argument("--backend", choices=["duckdb", "postgres"], default="duckdb",
                            help="where to compute: embedded DuckDB (default) or in PostgreSQL")
        parser.add_argument("--comparators", action="store_true",
                            help="give each indicator its comparators: previous period, a year earlier, "
                                 "target and published values, each marked comparable or not, with RAG")
        parser.add_argument("--audience", choices=["staff", "board"], default="staff",
                            help="board: the aggregate-only view (no lists of children; counts of 1 to 4 "
                                 "shown as <5 and the figures worked out from them left out)")

    def handle(self, *args, **opts):
        from openyj.core.models import Service

        start, end = _date(opts["start"], "--from"), _date(opts["end"], "--to")
        if end < start:
            raise CommandError(f"--to {end} is before --from {start}.", returncode=1)
        service = Service.objects.filter(code=opts["service"]).first()
        if service is None:
            raise CommandError(f"--service: there is no service with the code {opts['service']}.", returncode=1)
        if opts["backend"] == "postgres" and connection.vendor != "postgresql":
            raise CommandError("--backend postgres needs a PostgreSQL database (DATABASE_URL).", returncode=1)
        period = Period(start, end)
        if opts["comparators"]:
            t = service_tables(service, backend=opts["backend"])
            results = with_comparators(service, period, t)
        else:
            results = service_suite(service, period, backend=opts["backend"])
        data = contract(service, period, results, with_comparators=opts["comparators"],
                        audience=opts["audience"])
        if opts["json"]:
            self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2))
            return
        if opts["audience"] == "board":
            self._board_text(service, period, results, data["indicators"])
            return
        self.stdout.write(f"{service.name} ({service.code}), {period.label}\n")
        for key in registry.indicators():
            r = results.get(key)
            if r is None:
                continue
            counts = f"{_fmt(r.numerator)}"
            if r.denominator is not None:
                counts += f" of {_fmt(r.denominator)}"
            flag = " (provisional)" if r.provisional else ""
            self.stdout.write(f"- {r.name}: {_fmt(r.value, r.places)} {r.unit}{flag} [{counts}]")
        reo = results["reoffending"].extra
        self.stdout.write(f"  reoffences {reo['reoffences']}, frequency {_fmt(reo['frequency'], 2)}, "
                          f"per reoffender {_fmt(reo['per_reoffender'], 2)}")
        cus = results["custody"].extra
        self.stdout.write(f"  {cus['sentences']} custodial sentences imposed on {cus['children_sentenced']} children")

    def _board_text(self, service, period, results, shown) -> None:
        """The board's figures in words: small counts as "fewer than 5", no lists."""
        def words(v, places=1):
            if v == suppression.marker():
                return suppression.in_words()
            return _fmt(v, places)

        self.stdout.write(f"{service.name} ({service.code}), {period.label} (aggregate figures only)\n")
        for key, r in results.items():
            figures = shown[key]
            value = figures.get("value", figures.get("rate", figures.get("binary_rate")))
            count = figures.get("numerator", figures.get("count", figures.get("cohort")))
            flag = " (provisional)" if r.provisional else ""
            shown_value = "not shown" if value is None and count == suppression.marker() else words(value, r.places)
            self.stdout.write(f"- {r.name}: {shown_value} {r.unit}{flag} [{words(count)}]")
