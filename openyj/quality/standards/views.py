"""National Standards pages: self-assessments, grading scales, gradings and their moderation, and the
operational samples. Every page needs the ``audit`` action; records come through the gate."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse

from openyj.core.audit import audit as audit_event
from openyj.core.audit import audit_shown
from openyj.core.dates import format_date
from openyj.core.models import AuditEvent
from openyj.core.pages import form_page, posted, save_form
from openyj.core.permissions import require
from openyj.core.roles import Action
from openyj.quality.audits.views import FORM_PAGE
from openyj.quality.frameworks import national_standards
from openyj.quality.standards import presenters, selectors, services
from openyj.quality.standards.forms import (
    GradingForm,
    GradingModerationForm,
    GradingScaleForm,
    SelfAssessmentForm,
    StandardsCaseForm,
)

AUDIT = Action.AUDIT


@require(Action.READ_QUALITY)
def standards_list(request):
    return render(request, "quality/standards_list.html", {
        "self_assessments": selectors.self_assessments_visible(request.user, request.service),
        "scales": selectors.grading_scales_visible(request.user, request.service),
        "history": presenters.standards_history(request.user, request.service),
        "framework": national_standards(),
    })


@require(AUDIT)
def scale_create(request):
    form = GradingScaleForm(posted(request))
    done = save_form(request, form,
                     lambda data: services.grading_scale_create(service=request.service, user=request.user,
                                                                name=data["name"], grades=form.grade_list()),
                     success="Grading scale added", to="quality_standards_list")
    return done or form_page(request, FORM_PAGE, form, title="Add a grading scale",
                             back_url=reverse("quality_standards_list"), back_text="Back to National Standards")


@require(AUDIT)
def standards_create(request):
    scales = selectors.grading_scales_visible(request.user, request.service)
    form = SelfAssessmentForm(posted(request), scales=scales)

    def save(data):
        name, grades = form.chosen_scale()
        return services.standards_self_assessment_create(
            service=request.service, user=request.user, title=data["title"], period_start=data["period_start"],
            period_end=data["period_end"], scale_name=name, grades=grades,
        )

    done = save_form(request, form, save, success="Self-assessment started",
                     to=lambda sa: reverse("quality_standards_detail", args=[sa.pk]))
    return done or form_page(request, FORM_PAGE, form, title="Start a National Standards self-assessment",
                             back_url=reverse("quality_standards_list"), back_text="Back to National Standards")


@require(Action.READ_QUALITY)
def standards_detail(request, pk: int):
    sa = selectors.self_assessment_get(request.user, request.service, pk)
    return render(request, "quality/standards_detail.html", {
        "sa": sa, "framework": national_standards(sa.framework), "rows": presenters.standards_overview(sa),
    })


def _ns_standard(sa, code):
    framework = national_standards(sa.framework)
    try:
        return framework, framework.standard(code)
    except KeyError:
        raise Http404("No such standard") from None


@require(AUDIT)
def standards_grade(request, pk: int, code: str, level: str):
    sa = selectors.self_assessment_get(request.user, request.service, pk)
    framework, standard = _ns_standard(sa, code)
    try:
        lv = framework.level(level)
    except KeyError:
        raise Http404("No such level") from None
    existing = sa.gradings.filter(standard=code, level=level).first()
    initial = {}
    if existing:
        initial = {k: getattr(existing, k) for k in ("grade", "evidence", "strengths", "improvements", "assessors")}
    form = GradingForm(posted(request), grades=sa.grades, initial=initial)
    back_url = reverse("quality_standards_detail", args=[sa.pk])
    done = save_form(request, form,
                     lambda data: services.standards_grading_record(self_assessment=sa, user=request.user,
                                                                    standard=code, level=level, **data),
                     success=f"Grade for standard {code} ({lv.name.lower()}) saved", to=back_url)
    return done or form_page(request, FORM_PAGE, form,
                             title=f"Grade standard {standard.label}: {lv.name.lower()} level", caption=sa.title,
                             back_url=back_url, back_text="Back to the self-assessment", intro=standard.summary,
                             prompts=standard.prompts.get(level, ()), level_hint=lv.hint)


@require(AUDIT)
def standards_moderate(request, pk: int, code: str, level: str):
    sa = selectors.self_assessment_get(request.user, request.service, pk)
    _framework, standard = _ns_standard(sa, code)
    grading = selectors.grading_get(request.user, request.service, sa, code, level)
    form = GradingModerationForm(posted(request), grades=sa.grades, initial={"grade": grading.final_grade})
    back_url = reverse("quality_standards_detail", args=[sa.pk])
    done = save_form(request, form,
                     lambda data: services.standards_grading_moderate(grading=grading, user=request.user, **data),
                     success="Grading moderated", to=back_url)
    return done or form_page(request, FORM_PAGE, form, title=f"Moderate standard {standard.label}: {level}",
                             caption=sa.title, back_url=back_url, back_text="Back to the self-assessment",
                             intro=f"Graded {grading.grade}. Evidence: {grading.evidence}")


@require(AUDIT)
def standards_sample(request, pk: int, code: str):
    sa = selectors.self_assessment_get(request.user, request.service, pk)
    framework, standard = _ns_standard(sa, code)
    if request.method == "POST":
        try:
            services.standards_sample_draw(self_assessment=sa, user=request.user, standard=code)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("quality_standards_sample", pk=sa.pk, code=code)
    sample = sa.samples.filter(standard=code).first()
    cases = list(sample.cases.select_related("child")) if sample else []
    if cases:
        audit_event(user=request.user, verb=AuditEvent.Verb.VIEW, obj=sample,
                    summary=f"Viewed the operational sample for National Standard {code}")
        audit_shown(user=request.user, service=sa.service, child_ids=[c.child_id for c in cases],
                    where=f"the sample for National Standard {code} of “{sa.title}”")
    return render(request, "quality/standards_sample.html", {
        "sa": sa, "standard": standard, "framework": framework, "sample": sample, "cases": cases,
        "audited": any(c.met for c in cases),
    })


@require(AUDIT)
def standards_case(request, pk: int, case_pk: int):
    sa = selectors.self_assessment_get(request.user, request.service, pk)
    case = selectors.standards_case_get(request.user, request.service, sa, case_pk)
    _framework, standard = _ns_standard(sa, case.sample.standard)
    audit_event(user=request.user, verb=AuditEvent.Verb.VIEW, obj=case, child_id=case.child_id,
                summary=f"Viewed case {case.position} of the sample for National Standard {standard.code}")
    form = StandardsCaseForm(posted(request), initial={"met": case.met, "notes": case.notes})
    back_url = reverse("quality_standards_sample", args=[sa.pk, case.sample.standard])
    done = save_form(request, form,
                     lambda data: services.standards_case_record(case=case, user=request.user, **data),
                     success=f"Case {case.position} recorded", to=back_url)
    return done or form_page(
        request, FORM_PAGE, form, title=f"Case {case.position}: {case.child.reference}",
        caption=f"Standard {standard.label}", back_url=back_url, back_text="Back to the sample",
        intro=f"{case.record_label} on {format_date(case.record_date)}",
        prompts=standard.prompts.get("operational", ()),
    )
