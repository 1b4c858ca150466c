"""Inspection pages: record a published inspection, see its ratings beside the computed ones, adjust,
and compare with a self-audit. Every page needs the ``audit`` action; records come through the gate."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from openyj.core.pages import form_page, posted, save_form
from openyj.core.permissions import require
from openyj.core.roles import Action
from openyj.governance.selectors import actions_by_recommendation
from openyj.quality.audits.selectors import audits_visible
from openyj.quality.audits.views import FORM_PAGE, adjust_page
from openyj.quality.frameworks import inspection_framework, inspection_frameworks
from openyj.quality.inspections import presenters, selectors, services
from openyj.quality.inspections.forms import CompareForm, InspectionForm, InspectionFrameworkForm

AUDIT = Action.AUDIT


@require(AUDIT)
def inspection_choose(request):
    form = InspectionFrameworkForm(posted(request))
    if request.method == "POST" and form.is_valid():
        return redirect("quality_inspection_create", framework=form.cleaned_data["framework"])
    return form_page(request, FORM_PAGE, form, title="Record an inspection", button="Continue",
                     back_url=reverse("quality_home"), back_text="Back to quality")


@require(AUDIT)
def inspection_create(request, framework: str):
    if framework not in inspection_frameworks():
        raise Http404("No such framework")
    fw = inspection_framework(framework)
    form = InspectionForm(posted(request), framework=fw)

    def save(data):
        return services.inspection_record(
            service=request.service, user=request.user, framework=framework, title=data["title"],
            inspectorate=data["inspectorate"], fieldwork_started=data["fieldwork_started"],
            published_on=data["published_on"], published_overall=data["published_overall"],
            court_cases=data["court_cases"], out_of_court_cases=data["out_of_court_cases"], source=data["source"],
            ratings=form.ratings(), percents=form.percents(), recommendations=form.recommendations(),
        )

    done = save_form(request, form, save, success="Inspection recorded",
                     to=lambda inspection: reverse("quality_inspection_detail", args=[inspection.pk]))
    return done or form_page(request, "quality/inspection_form.html", form, framework=fw)


@require(Action.READ_QUALITY)
def inspection_detail(request, pk: int):
    inspection = selectors.inspection_get(request.user, request.service, pk)
    return render(request, "quality/inspection_detail.html", {
        "inspection": inspection, "view": presenters.inspection_view(inspection),
        "recommendations": inspection.recommendations.all(),
        "recommendation_actions": actions_by_recommendation(inspection),
    })


@require(AUDIT)
def inspection_adjust(request, pk: int):
    inspection = selectors.inspection_get(request.user, request.service, pk)
    return adjust_page(request, owner=inspection, framework=inspection_framework(inspection.framework),
                       back_url=reverse("quality_inspection_detail", args=[inspection.pk]), kind="inspection")


@require(Action.READ_QUALITY)
def inspection_compare(request, pk: int):
    inspection = selectors.inspection_get(request.user, request.service, pk)
    audits = audits_visible(request.user, request.service)
    form = CompareForm(request.GET or None, audits=audits)
    rows = chosen = None
    if form.is_bound and form.is_valid():
        chosen = get_object_or_404(audits, pk=form.cleaned_data["audit"])
        rows = presenters.comparison(inspection, chosen)
    return form_page(request, "quality/inspection_compare.html", form, inspection=inspection, rows=rows,
                     chosen=chosen, same_framework=chosen is None or chosen.framework == inspection.framework)
