"""The quarterly KPI return: the ten KPIs beside the previous four quarters, the children behind
each count, what is missing, downloads, and marking the return submitted or reopening it."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from openyj.core.audit import audit
from openyj.core.models import AuditEvent
from openyj.core.pages import form_page, posted, save_form
from openyj.core.permissions import require
from openyj.core.roles import Action, role_allows
from openyj.indicators import kpi_return, kpi_selectors, kpis, selectors
from openyj.indicators.kpi_forms import ReopenForm, SubmitForm
from openyj.indicators.kpi_services import kpi_return_reopen, kpi_return_submit
from openyj.indicators.periods import Period


def _threshold() -> int:
    from openyj.indicators import suppression

    return suppression.threshold()


def _quarter(request) -> Period:
    """The quarter asked for (``?quarter=YYYY-MM-DD``, any day in it), else the latest complete one."""
    value = request.GET.get("quarter") or request.POST.get("quarter")
    if value:
        try:
            from datetime import date

            return Period.quarter_containing(date.fromisoformat(value))
        except ValueError:
            pass
    return selectors.default_period()


def _url(name: str, period: Period, **params) -> str:
    query = urlencode({"quarter": period.end.isoformat(), **{k: v for k, v in params.items() if v}})
    return f"{reverse(name)}?{query}"


def _children_url(period: Period, code: str, which: str, sub: str = "") -> str:
    return _url("kpi_children", period, code=code, which=which, sub=sub)


@require(Action.VIEW_AGGREGATE)
def return_page(request):
    service, period = request.service, _quarter(request)
    aggregate_only = not role_allows(request.role, Action.VIEW_FIGURES)
    threshold = _threshold()
    quarters = QuarterList(service, period)
    figures, submission = quarters.current
    rows = []
    for module in kpis.KPIS:
        k = figures[module.CODE]
        population = module.CODE == "kpi_serious_violence"
        main = kpi_selectors.shown_measure(k, aggregate_only=aggregate_only, threshold=threshold,
                                           population=population)
        earlier = []
        for q, (f, frozen) in quarters.earlier:
            shown = kpi_selectors.shown_measure(f[module.CODE], aggregate_only=aggregate_only, threshold=threshold,
                                                population=population) if module.CODE in f else None
            earlier.append({"period": q, "shown": shown, "frozen": frozen is not None,
                            "url": None if aggregate_only or shown is None else
                            _children_url(q, module.CODE, "numerator")})
        hidden = kpis.hidden_sub_measures(k, threshold) if aggregate_only else set()
        subs = [{"code": code, "label": kpi_selectors.sub_label(code),
                 "shown": kpi_selectors.hidden_measure(s, threshold=threshold) if code in hidden else
                 kpi_selectors.shown_measure(
                     s, aggregate_only=aggregate_only, threshold=threshold, population=population),
                 "links": None if aggregate_only else {
                     w: _children_url(period, module.CODE, w, code) for w in ("numerator", "denominator", "missing")
                     if f"{w}_ids" in s}}
                for code, s in k["sub_measures"].items()]
        kinds = [] if aggregate_only else [
            {"label": label, "shown": kpi_selectors.shown_measure(k["breakdown"]["kind"][code], aggregate_only=False,
                                                                  threshold=threshold)}
            for code, label in kpis.base.KINDS if code in k.get("breakdown", {}).get("kind", {})]
        if kinds and "custody_release" in k["breakdown"]:
            kinds.append({"label": "Released from custody (2023 wording)",
                          "shown": kpi_selectors.shown_measure(k["breakdown"]["custody_release"], aggregate_only=False,
                                                               threshold=threshold)})
        rows.append({
            "code": module.CODE, "number": k.get("shown_as", module.NUMBER), "name": module.NAME,
            "unit": "per 10,000 children aged 10 to 17" if population else "%",
            "main": main, "earlier": earlier, "subs": subs, "kinds": kinds,
            "version": k.get("definition_version"),
            # a population (KPI 9's denominator) has no list to open
            "links": None if aggregate_only else {
                w: _children_url(period, module.CODE, w) for w in ("numerator", "denominator", "missing")
                if not (population and w == "denominator")},
            "kind_words": kpi_selectors.IDS_KIND_WORDS[k.get("ids_kind", "children")],
            "published": quarters.published.get(module.CODE, []),
        })
    reopened = kpi_selectors.last_reopened(service, period)
    changes = None
    if not aggregate_only and (submission or reopened):
        before = (submission or reopened).figures
        changes = [c for c in kpi_selectors.changes(before, quarters.tables.computed(period)) if c.changed]
    may_submit = role_allows(request.role, Action.VIEW_FIGURES)
    missing = sum(figures[c]["missing"] for c in kpis.CODES)
    return render(request, "indicators/kpis/return.html", {
        "period": period, "rows": rows, "earlier": [q for q, _ in quarters.earlier], "submission": submission,
        "reopened": reopened, "changes": changes, "aggregate_only": aggregate_only, "threshold": threshold,
        "may_submit": may_submit, "missing": missing, "quarter_choices": quarters.choices(),
        "previous_url": _url("kpi_return", period.previous()),
        "next_url": _url("kpi_return", period.shift_months(3)) if period.end < selectors.default_period().end else None,
        "completeness_url": _url("kpi_completeness", period),
        "download_xlsx": _url("kpi_download", period, format="xlsx"),
        "download_csv": _url("kpi_download", period, format="csv"),
        "submit_url": _url("kpi_submit", period), "reopen_url": _url("kpi_reopen", period),
    })


class QuarterList:
    """The quarter and the four before it, frozen where submitted (like with like)."""

    def __init__(self, service, period: Period):
        from openyj.indicators.models import ComparatorValue

        self.tables = kpi_selectors.QuarterFigures(service)
        self.current = self.tables.shown(period)
        self.earlier = []
        q = period
        for _ in range(4):
            q = q.previous()
            self.earlier.append((q, self.tables.shown(q)))
        self.period = period
        self.published: dict[str, list] = {}
        for c in ComparatorValue.objects.filter(service=service, indicator__in=kpis.CODES,
                                                period_end__gte=period.start, period_start__lte=period.end):
            self.published.setdefault(c.indicator, []).append(c)

    def choices(self) -> list[Period]:
        latest = selectors.default_period()
        out, q = [], latest
        for _ in range(8):
            out.append(q)
            q = q.previous()
        return out


@require(Action.VIEW_FIGURES)
def children(request):
    """The children (or interventions, victims, board places) behind one count of the return."""
    service, period = request.service, _quarter(request)
    figures, submission = kpi_selectors.QuarterFigures(service).shown(period)
    code, which, sub = request.GET.get("code", ""), request.GET.get("which", ""), request.GET.get("sub") or None
    found = kpi_selectors.drill_ids(figures, code, which, sub)
    if found is None:
        raise Http404("No such count.")
    ids, kind = found
    records = kpi_selectors.drill_records(request.user, service, ids, kind)
    module = kpis.BY_CODE[code]
    words = {"numerator": "counted", "denominator": "with the item recorded", "missing": "missing an item"}[which]
    part = f" ({kpi_selectors.sub_label(sub)})" if sub else ""
    audit(user=request.user, verb=AuditEvent.Verb.VIEW, service=service, object_type="kpi return",
          object_id=code, summary=f"Viewed the {len(records)} {kpi_selectors.IDS_KIND_WORDS[kind]} {words} "
                                  f"in KPI {module.NUMBER} {module.NAME}{part}, {period.label}")
    return render(request, "indicators/kpis/children.html", {
        "period": period, "module": module, "which": words, "sub": sub, "kind": kind, "records": records,
        "kind_words": kpi_selectors.IDS_KIND_WORDS[kind], "submission": submission,
        "back_url": _url("kpi_return", period),
    })


@require(Action.VIEW_FIGURES)
def completeness(request):
    service, period = request.service, _quarter(request)
    figures = kpi_selectors.QuarterFigures(service).computed(period)
    found = kpi_selectors.completeness(request.user, service, period, figures)
    audit(user=request.user, verb=AuditEvent.Verb.VIEW, service=service, object_type="kpi return",
          object_id="completeness", summary=f"Viewed the items missing for the KPI return, {period.label}")
    return render(request, "indicators/kpis/completeness.html", {
        "period": period, **found, "back_url": _url("kpi_return", period)})


@require(Action.VIEW_FIGURES)
def download(request):
    """The return as ``openyj kpi-return`` writes it: XLSX (summary and children) or CSV (summary)."""
    service, period = request.service, _quarter(request)
    fmt = request.GET.get("format", "xlsx")
    if fmt not in ("xlsx", "csv"):
        raise Http404("No such format.")
    submission = kpi_selectors.open_submission(service, period)
    if submission is not None:  # a submitted return downloads as submitted
        ret = kpi_return.KpiReturn(service.code, period, submission.figures, submission.children)
    else:
        ret = kpi_return.compute(service, period)
    name = f"kpi-return-{service.code}-{period.start.isoformat()}-{period.end.isoformat()}.{fmt}"
    audit(user=request.user, verb=AuditEvent.Verb.EXPORT, service=service, object_type="kpi return",
          object_id=period.end.isoformat(), summary=f"Downloaded the KPI return for {period.label} ({fmt.upper()})")
    if fmt == "csv":
        response = HttpResponse(kpi_return.csv_text(ret), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(kpi_return.xlsx_bytes(ret), content_type=(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require(Action.VIEW_FIGURES)
def submit(request):
    service, period = request.service, _quarter(request)
    figures = kpi_selectors.QuarterFigures(service).computed(period)
    missing = sum(figures[c]["missing"] for c in kpis.CODES)
    form = SubmitForm(posted(request), missing=missing)
    done = save_form(request, form,
                     lambda data: kpi_return_submit(user=request.user, service=service, period=period, **data),
                     success=f"The KPI return for {period.label} is marked as submitted. Its figures are frozen.",
                     to=_url("kpi_return", period))
    return done or form_page(request, "indicators/kpis/submit.html", form, period=period, missing=missing,
                             title=f"Mark the KPI return for {period.label} as submitted",
                             back_url=_url("kpi_return", period), completeness_url=_url("kpi_completeness", period))


@require(Action.VIEW_FIGURES)
def reopen(request):
    service, period = request.service, _quarter(request)
    if kpi_selectors.open_submission(service, period) is None:
        raise Http404("This return has not been submitted.")
    form = ReopenForm(posted(request))
    done = save_form(request, form,
                     lambda data: kpi_return_reopen(user=request.user, service=service, period=period, **data),
                     success=f"The KPI return for {period.label} is reopened. The figures as submitted are kept "
                             "and compared with the records below.",
                     to=_url("kpi_return", period))
    return done or form_page(request, "indicators/kpis/reopen.html", form, period=period,
                             title=f"Reopen the KPI return for {period.label}", back_url=_url("kpi_return", period))
