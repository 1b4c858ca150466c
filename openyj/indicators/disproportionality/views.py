"""The disproportionality page, its downloads, the children behind a count, and its targets.

Board members (``VIEW_AGGREGATE`` only) see the figures with small numbers hidden and no lists of
children; managers and performance officers (``VIEW_FIGURES``) see every count and can open the
children behind it (audited) and set targets.
"""

from __future__ import annotations

import csv
import io
from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from openyj.core.audit import audit
from openyj.core.models import AuditEvent
from openyj.core.pages import form_page, posted, save_form
from openyj.core.permissions import require
from openyj.core.roles import Action, role_allows
from openyj.indicators import selectors as indicator_selectors
from openyj.indicators.disproportionality import compute as dp
from openyj.indicators.disproportionality import presenters, selectors, services
from openyj.indicators.disproportionality.forms import SettingsForm, TargetForm
from openyj.indicators.periods import Period
from openyj.indicators.suite import service_tables


def _threshold() -> int:
    return getattr(settings, "OPENYJ_SMALL_NUMBER_THRESHOLD", 5)


class Choice:
    """The period, pooled window and stage asked for in the query string."""

    def __init__(self, request):
        # a year by default: a quarter alone has too few children at most stages
        self.period = indicator_selectors.parse_period(request.GET.get("period"))
        if not request.GET.get("period"):
            self.period = Period.rolling_12(self.period.end)
        self.period_value = f"{self.period.kind}:{self.period.end}"
        years = request.GET.get("window", "1")
        self.years = int(years) if years.isdigit() and int(years) in selectors.WINDOWS else 1
        self.stage = request.GET.get("stage") if request.GET.get("stage") in dp.STAGE_KEYS else "custody"
        self.window = selectors.window_period(self.period, self.years)

    def query(self, **extra) -> str:
        return urlencode({"period": self.period_value, "window": self.years, "stage": self.stage, **extra})


def _analysis(request, choice: Choice) -> dict:
    t = service_tables(request.service)
    return selectors.analysis(t, request.service, choice.window)


@require(Action.VIEW_AGGREGATE)
def page(request):
    service = request.service
    choice = Choice(request)
    aggregate_only = not role_allows(request.role, Action.VIEW_FIGURES)
    threshold = _threshold()
    t = service_tables(service)
    options = selectors.options_for(service)
    result = selectors.analysis(t, service, choice.window, options)
    drill_base = reverse("disproportionality_children")

    def drill(stage, lens=""):
        if aggregate_only:
            return None
        return lambda group: f"{drill_base}?{choice.query(stage=stage, group=group, lens=lens)}"

    stage_table = result["stages"][choice.stage]
    main = presenters.stage_rows(stage_table, aggregate_only=aggregate_only, threshold=threshold,
                                 drill=drill(choice.stage))
    stage_label = dp.STAGE_LABEL[choice.stage]
    lenses = []
    for lens, value, label in (("sex", "female", "Girls"), ("sex", "male", "Boys"),
                               ("care", "looked_after", "Children in care")):
        table = result["lenses"][lens][value][choice.stage]
        shown = presenters.stage_rows(table, aggregate_only=aggregate_only, threshold=threshold,
                                      drill=drill(choice.stage, f"{lens}:{value}"))
        lenses.append({"id": f"lens-{lens}-{value}", "chart_id": f"chart-lens-{lens}-{value}", "label": label,
                       "shown": shown,
                       "chart": presenters.share_chart(shown, f"{label}: {stage_label.lower()}")})
    small = selectors.small_stages(result)
    targets = selectors.target_trend(t, service, choice.period.end, options)
    for i, target in enumerate(targets, start=1):
        target["chart"] = presenters.trend_chart(target)
        target["chart_id"] = f"chart-target-{i}"
        target["stage_label"] = dp.STAGE_LABEL[target["stage"]]
        target["group_label"] = presenters.IN_WORDS[target["group"]]
        if aggregate_only:
            for p in target["points"]:
                if 0 < p["count"] < threshold:
                    p["gap_pp"] = None
                    p["count"] = f"fewer than {threshold}"
    return render(request, "indicators/disproportionality/page.html", {
        "choice": choice, "choices": indicator_selectors.period_choices(), "result": result,
        "aggregate_only": aggregate_only, "threshold": threshold, "stages": dp.STAGES,
        "stage_label": stage_label, "main": main,
        "main_chart": presenters.share_chart(main, f"All children: {stage_label.lower()}"),
        "detailed": presenters.stage_rows(stage_table, aggregate_only=aggregate_only, threshold=threshold,
                                          kind="detailed", labels=dp.DETAILED, drill=None),
        "lines": presenters.stage_rows(stage_table, aggregate_only=aggregate_only, threshold=threshold,
                                       kind="lines", labels=[(x["key"], x["label"]) for x in result["lines"]]),
        "lenses": lenses, "groups": dp.GROUPS,
        "readings": presenters.readings(result, aggregate_only=aggregate_only, threshold=threshold),
        "cannot_read": presenters.cannot_read(result, small, choice.years),
        "ladder": presenters.stage_to_stage_rows(result, aggregate_only=aggregate_only, threshold=threshold),
        "gap_chart": presenters.gap_chart(result, aggregate_only=aggregate_only, threshold=threshold,
                                          title="Gap from the 10–17 share"),
        "stage_to_stage": _stage_to_stage(result, aggregate_only, threshold),
        "targets": targets, "can_set_targets": not aggregate_only,
        "windows": [(y, "This period" if y == 1 else f"The last {y} years, pooled") for y in selectors.WINDOWS],
    })


def _stage_to_stage(result: dict, aggregate_only: bool, threshold: int) -> list[dict]:
    rows = []
    for stage, s2s in result["stage_to_stage"].items():
        if stage == dp.COURT:
            continue
        here = presenters.stage_rows(result["stages"][stage], aggregate_only=aggregate_only, threshold=threshold)
        there = presenters.stage_rows(result["stages"][s2s["before"]], aggregate_only=aggregate_only,
                                      threshold=threshold)
        cells = []
        for g, a, b in zip(dp.GROUP_KEYS, here["rows"], there["rows"], strict=True):
            gap = s2s["groups"][g]["gap_pp"]
            cells.append("–" if a["share"] == "–" or b["share"] == "–" else presenters._pp(gap))
        before = "Any court outcome" if s2s["before"] == dp.COURT else dp.STAGE_LABEL[s2s["before"]]
        rows.append({"label": dp.STAGE_LABEL[stage], "before": before, "cells": cells})
    return rows


@require(Action.VIEW_FIGURES)
def children(request):
    """The children behind one count of the page (a stage, a group, maybe a lens): identities, audited."""
    service = request.service
    choice = Choice(request)
    result = _analysis(request, choice)
    stage, group, lens = request.GET.get("stage"), request.GET.get("group", ""), request.GET.get("lens", "")
    if stage not in dp.STAGE_KEYS:
        raise Http404("No such stage.")
    tables = result["stages"]
    lens_label = ""
    if lens:
        kind, _, value = lens.partition(":")
        if kind not in dp.LENSES or value not in dict(dp.LENSES[kind]):
            raise Http404("No such lens.")
        tables = result["lenses"][kind][value]
        lens_label = dict(dp.LENSES[kind])[value]
    table = tables[stage]
    if group == "not_known":
        ids, group_label = table["not_known_ids"], "ethnicity not stated or not known"
    elif group in table["groups"]:
        ids, group_label = table["groups"][group]["ids"], dict(dp.GROUPS)[group]
    else:
        raise Http404("No such group.")
    records = list(indicator_selectors.records(request.user, service, ids, "children"))
    where = f"{dp.STAGE_LABEL[stage]}, {group_label}{', ' + lens_label.lower() if lens_label else ''}"
    audit(user=request.user, verb=AuditEvent.Verb.VIEW, service=service, object_type="indicator drill-down",
          object_id="disproportionality",
          summary=f"Viewed the {len(records)} children counted in disproportionality ({where}), {choice.window.label}")
    return render(request, "indicators/disproportionality/children.html", {
        "records": records, "where": where, "choice": choice,
        "back": f"{reverse('disproportionality')}?{choice.query()}",
    })


@require(Action.VIEW_AGGREGATE)
def download(request, fmt: str):
    """Every table of the page as CSV or a workbook, with the small-number rule for board members; audited."""
    if fmt not in ("csv", "xlsx"):
        raise Http404("No such format.")
    choice = Choice(request)
    aggregate_only = not role_allows(request.role, Action.VIEW_FIGURES)
    result = _analysis(request, choice)
    rows = presenters.download_rows(result, aggregate_only=aggregate_only, threshold=_threshold())
    name = f"disproportionality-{choice.window.start}-to-{choice.window.end}"
    audit(user=request.user, verb=AuditEvent.Verb.EXPORT, service=request.service, object_type="indicator download",
          object_id="disproportionality",
          summary=f"Downloaded the disproportionality tables ({fmt.upper()}), {choice.window.label}"
                  f"{', small numbers hidden' if aggregate_only else ''}")
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(presenters.COLUMNS)
        writer.writerows(rows)
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = "disproportionality"
        ws.append(presenters.COLUMNS)
        for row in rows:
            ws.append(row)
        about = wb.create_sheet("about")
        about.append(["Service", request.service.name])
        about.append(["Period", f"{choice.window.start:%-d %B %Y} to {choice.window.end:%-d %B %Y}"])
        about.append(["Method", "OpenYJ's own: shares of children of known ethnicity against Census 2021 "
                                "shares of children aged 10–17; relative rate index against White children with "
                                "a 95% interval; no index below a count of "
                                f"{result['threshold']}."])
        if aggregate_only:
            about.append(["Small numbers", f"Counts from 1 to {_threshold() - 1} are shown as fewer than "
                                           f"{_threshold()}, with what is worked out from them."])
        buffer_b = io.BytesIO()
        wb.save(buffer_b)
        response = HttpResponse(buffer_b.getvalue(),
                                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@require(Action.VIEW_FIGURES)
def target_add(request):
    """Set the target gap for a group at a stage (managers and performance officers)."""
    form = TargetForm(posted(request))
    done = save_form(
        request, form,
        lambda data: services.disproportionality_target_set(user=request.user, service=request.service, **data),
        success="Target saved: its trend is on the disproportionality page", to="disproportionality")
    return done or form_page(request, "indicators/disproportionality/target_form.html", form, title="Set a target")


@require(Action.SET_TARGETS)
def settings_change(request):
    """The count threshold and the reporting lines (those who set the service's figures' settings)."""
    form = SettingsForm(posted(request), initial=SettingsForm.initial_for(selectors.options_for(request.service)))
    done = save_form(
        request, form,
        lambda data: services.disproportionality_parameters_set(user=request.user, service=request.service,
                                                                min_count=data["min_count"], lines=data["lines"]),
        success="Disproportionality settings saved", to="indicator_settings")
    return done or form_page(request, "indicators/settings_form.html", form, title="Disproportionality settings",
                             hint="These decide what the disproportionality page works out for every user.")
