"""Quality pages: case audits, inspections, National Standards, improvement actions.

Every page needs the ``audit`` action (managers) and finds its records through the gate, so another
service's record is a 404. Views are thin: forms check input, services write, selectors read.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from openyj.core.audit import audit as audit_event
from openyj.core.models import AuditEvent
from openyj.core.permissions import require
from openyj.core.roles import Action
from openyj.quality import selectors, services
from openyj.quality.forms import (
    ActionForm,
    AdjustmentForm,
    CaseAuditForm,
    CompareForm,
    GradingForm,
    GradingModerationForm,
    GradingScaleForm,
    InspectionForm,
    InspectionFrameworkForm,
    JudgementForm,
    ModerationForm,
    SelfAssessmentForm,
    StandardAnswersForm,
    StandardsCaseForm,
)
from openyj.quality.frameworks import inspection_framework, inspection_frameworks, national_standards
from openyj.quality.models import RatingAdjustment, StandardsCase, StandardsGrading

AUDIT = Action.AUDIT


def _posted(request):
    """The submitted data on a POST (even an empty one, so it is checked), else None for an unbound form."""
    return request.POST if request.method == "POST" else None


def _attach(form, error: ValidationError) -> None:
    """Put a service's validation errors on the matching form fields (or on the form as a whole)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _form_page(request, form, *, title, back_url, back_text, intro="", button="Save", caption="", extra=None):
    context = {"form": form, "title": title, "back_url": back_url, "back_text": back_text, "intro": intro,
               "button": button, "caption": caption}
    context.update(extra or {})
    return render(request, "quality/form_page.html", context, status=400 if form.errors else 200)


@require(AUDIT)
def home(request):
    user, service = request.user, request.service
    return render(request, "quality/home.html", {
        "audits": selectors.audits_visible(user, service),
        "inspections": selectors.inspections_visible(user, service),
        "self_assessments": selectors.self_assessments_visible(user, service),
        "actions": selectors.quality_actions(user, service).exclude(status__in=["closed", "no_longer_applicable"])[:10],
    })


# --- case audits ---------------------------------------------------------------------------------

@require(AUDIT)
def audit_create(request):
    form = CaseAuditForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            case_audit = services.case_audit_create(service=request.service, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, f"Sample drawn: {case_audit.cases.count()} cases")
            return redirect("quality_audit_detail", pk=case_audit.pk)
    return render(request, "quality/audit_form.html", {"form": form}, status=400 if form.errors else 200)


@require(AUDIT)
def audit_detail(request, pk: int):
    case_audit = selectors.audit_get(request.user, request.service, pk)
    progress = selectors.audit_progress(case_audit)
    return render(request, "quality/audit_detail.html", {
        "audit": case_audit, "framework": inspection_framework(case_audit.framework),
        "sampling": selectors.audit_sampling_view(case_audit), "progress": progress,
        "answered_any": any(p.answered for p in progress),
    })


@require(AUDIT)
@require_POST
def audit_redraw(request, pk: int):
    case_audit = selectors.audit_get(request.user, request.service, pk)
    try:
        services.case_audit_redraw(case_audit=case_audit, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Sample drawn again with seed {case_audit.seed}")
    return redirect("quality_audit_detail", pk=case_audit.pk)


@require(AUDIT)
def audit_case(request, pk: int, case_pk: int):
    case_audit = selectors.audit_get(request.user, request.service, pk)
    case = selectors.audit_case_get(request.user, request.service, case_audit, case_pk)
    audit_event(user=request.user, verb=AuditEvent.Verb.VIEW, obj=case, child_id=case.child_id,
                summary=f"Viewed case {case.position} of audit “{case_audit.title}”")
    standards = selectors.case_standards_for(case_audit, case)
    return render(request, "quality/audit_case.html", {
        "audit": case_audit, "case": case, "standards": standards,
        "all_answered": all(done for _s, done in standards),
        "answers": case.answers.select_related("answered_by", "moderated_by"),
    })


@require(AUDIT)
def audit_answer(request, pk: int, case_pk: int, code: str):
    case_audit = selectors.audit_get(request.user, request.service, pk)
    case = selectors.audit_case_get(request.user, request.service, case_audit, case_pk)
    framework = inspection_framework(case_audit.framework)
    try:
        standard = framework.standard(code)
    except KeyError:
        raise Http404("No such standard") from None
    if not standard.rated_from_cases or standard.case_type != case.case_type:
        raise Http404("This standard is not audited for this case")
    existing = {a.key_question: a for a in case.answers.all()}
    form = StandardAnswersForm(_posted(request), standard=standard,
                               initial=StandardAnswersForm.initial_from(standard, existing))
    if request.method == "POST" and form.is_valid():
        try:
            services.audit_answers_record(audit_case=case, user=request.user, standard=code, answers=form.answers())
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, f"Answers to {standard.label} saved")
            return redirect("quality_audit_case", pk=case_audit.pk, case_pk=case.pk)
    return render(request, "quality/audit_answer.html", {
        "audit": case_audit, "case": case, "standard": standard, "form": form, "moderated": bool(case.moderated_at),
    }, status=400 if form.errors else 200)


@require(AUDIT)
def audit_moderate(request, pk: int, case_pk: int):
    case_audit = selectors.audit_get(request.user, request.service, pk)
    case = selectors.audit_case_get(request.user, request.service, case_audit, case_pk)
    framework = inspection_framework(case_audit.framework)
    key_questions = [kq for s in framework.case_standards(case.case_type) for kq in s.key_questions]
    answers = {a.key_question: a for a in case.answers.select_related("answered_by")}
    form = ModerationForm(_posted(request), key_questions=key_questions, answers=answers)
    if request.method == "POST" and form.is_valid():
        try:
            services.audit_case_moderate(audit_case=case, user=request.user, decisions=form.decisions())
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, f"Case {case.position} moderated")
            return redirect("quality_audit_detail", pk=case_audit.pk)
    return render(request, "quality/audit_moderate.html", {
        "audit": case_audit, "case": case, "form": form,
        "missing": [kq.code for kq in key_questions if kq.code not in answers],
    }, status=400 if form.errors else 200)


@require(AUDIT)
def audit_results(request, pk: int):
    case_audit = selectors.audit_get(request.user, request.service, pk)
    return render(request, "quality/audit_results.html", {
        "audit": case_audit, "results": selectors.audit_results(case_audit),
    })


@require(AUDIT)
def audit_question(request, pk: int, code: str):
    case_audit = selectors.audit_get(request.user, request.service, pk)
    framework = inspection_framework(case_audit.framework)
    try:
        kq = framework.key_question(code)
    except KeyError:
        raise Http404("No such key question") from None
    standard = framework.standard(kq.standard_code)
    if not standard.rated_from_cases:
        raise Http404("This key question is not answered from cases")
    results = selectors.audit_results(case_audit)
    figures = next(q for sf in results.standards for q in sf.questions if q.key_question.code == code)
    answers = list(selectors.answers_saying_no(case_audit, code))
    audit_event(user=request.user, verb=AuditEvent.Verb.VIEW, obj=case_audit,
                summary=f"Viewed the cases answering no to {code} in “{case_audit.title}”")
    return render(request, "quality/audit_question.html", {
        "audit": case_audit, "kq": kq, "standard": standard, "figures": figures, "answers": answers,
        "framework": framework,
        "prompt_texts": {p.code: p.text for p in kq.prompts},
    })


@require(AUDIT)
def audit_judgement(request, pk: int, code: str):
    case_audit = selectors.audit_get(request.user, request.service, pk)
    framework = inspection_framework(case_audit.framework)
    try:
        standard = framework.standard(code)
    except KeyError:
        raise Http404("No such standard") from None
    if standard.rated_from_cases:
        raise Http404("This standard is rated from the case answers")
    existing = case_audit.judgements.filter(standard=code).first()
    initial = {"rating": existing.rating, "evidence": existing.evidence} if existing else {}
    form = JudgementForm(_posted(request), framework=framework, standard=standard, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.standard_judgement_record(case_audit=case_audit, user=request.user, standard=code,
                                               **form.cleaned_data)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, f"Rating for {standard.label} saved")
            return redirect("quality_audit_results", pk=case_audit.pk)
    return _form_page(
        request, form, title=f"Rate {standard.label}", caption=case_audit.title,
        back_url=reverse("quality_audit_results", args=[case_audit.pk]), back_text="Back to the results",
        intro=standard.statement, extra={"key_questions": standard.key_questions},
    )


def _adjust(request, *, owner, framework, back_url, kind):
    form = AdjustmentForm(_posted(request), framework=framework, initial={"standard": request.GET.get("standard", "")})
    if request.method == "POST" and form.is_valid():
        try:
            services.rating_adjustment_record(user=request.user, **{kind: owner}, **form.cleaned_data)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, "Adjusted rating saved beside the computed rating")
            return redirect(back_url)
    return _form_page(
        request, form, title="Adjust a rating", caption=owner.title, back_url=back_url, back_text="Back",
        intro="The computed rating stays on record; the adjusted rating and its reason are shown beside it.",
    )


@require(AUDIT)
def audit_adjust(request, pk: int):
    case_audit = selectors.audit_get(request.user, request.service, pk)
    return _adjust(request, owner=case_audit, framework=inspection_framework(case_audit.framework),
                   back_url=reverse("quality_audit_results", args=[case_audit.pk]), kind="case_audit")


@require(AUDIT)
@require_POST
def adjustment_remove(request, pk: int):
    adjustments = RatingAdjustment.objects.restrict(request.user, AUDIT, service=request.service)
    adjustment = get_object_or_404(adjustments, pk=pk)
    back = (reverse("quality_audit_results", args=[adjustment.audit_id]) if adjustment.audit_id
            else reverse("quality_inspection_detail", args=[adjustment.inspection_id]))
    services.rating_adjustment_remove(adjustment=adjustment, user=request.user)
    messages.success(request, "Adjusted rating removed")
    return redirect(back)


# --- inspections ---------------------------------------------------------------------------------

@require(AUDIT)
def inspection_choose(request):
    form = InspectionFrameworkForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        return redirect("quality_inspection_create", framework=form.cleaned_data["framework"])
    return _form_page(request, form, title="Record an inspection", button="Continue",
                      back_url=reverse("quality_home"), back_text="Back to quality")


@require(AUDIT)
def inspection_create(request, framework: str):
    if framework not in inspection_frameworks():
        raise Http404("No such framework")
    fw = inspection_framework(framework)
    form = InspectionForm(_posted(request), framework=fw)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inspection = services.inspection_record(
                service=request.service, user=request.user, framework=framework, title=data["title"],
                inspectorate=data["inspectorate"], fieldwork_started=data["fieldwork_started"],
                published_on=data["published_on"], published_overall=data["published_overall"],
                court_cases=data["court_cases"], out_of_court_cases=data["out_of_court_cases"], source=data["source"],
                ratings=form.ratings(), percents=form.percents(), recommendations=form.recommendations(),
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, "Inspection recorded")
            return redirect("quality_inspection_detail", pk=inspection.pk)
    return render(request, "quality/inspection_form.html", {"form": form, "framework": fw},
                  status=400 if form.errors else 200)


@require(AUDIT)
def inspection_detail(request, pk: int):
    inspection = selectors.inspection_get(request.user, request.service, pk)
    return render(request, "quality/inspection_detail.html", {
        "inspection": inspection, "view": selectors.inspection_view(inspection),
        "recommendations": inspection.recommendations.all(),
        "recommendation_actions": selectors.inspection_recommendation_actions(inspection),
    })


@require(AUDIT)
def inspection_adjust(request, pk: int):
    inspection = selectors.inspection_get(request.user, request.service, pk)
    return _adjust(request, owner=inspection, framework=inspection_framework(inspection.framework),
                   back_url=reverse("quality_inspection_detail", args=[inspection.pk]), kind="inspection")


@require(AUDIT)
def inspection_compare(request, pk: int):
    inspection = selectors.inspection_get(request.user, request.service, pk)
    audits = selectors.audits_visible(request.user, request.service)
    form = CompareForm(request.GET or None, audits=audits)
    rows = chosen = None
    if form.is_bound and form.is_valid():
        chosen = get_object_or_404(audits, pk=form.cleaned_data["audit"])
        rows = selectors.comparison(inspection, chosen)
    return render(request, "quality/inspection_compare.html", {
        "inspection": inspection, "form": form, "rows": rows, "chosen": chosen,
        "same_framework": chosen is None or chosen.framework == inspection.framework,
    }, status=400 if form.errors else 200)


# --- improvement actions -------------------------------------------------------------------------

@require(AUDIT)
def action_list(request):
    return render(request, "quality/action_list.html", {
        "actions": selectors.quality_actions(request.user, request.service),
    })


@require(AUDIT)
def action_create(request):
    ref = request.GET.get("source") or request.POST.get("source") or ""
    source = selectors.resolve_source(request.user, request.service, ref)
    form = ActionForm(_posted(request), initial={"what": source.suggestion})
    back_url = reverse(source.url_name, args=source.url_args)
    if request.method == "POST" and form.is_valid():
        try:
            services.improvement_action_create(service=request.service, user=request.user, source=source.text,
                                               source_ref=source.ref, **form.cleaned_data)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, "Improvement action raised")
            return redirect(back_url)
    return _form_page(request, form, title="Raise an improvement action", back_url=back_url, back_text="Back",
                      intro=f"This action answers: {source.text}", button="Raise the action",
                      extra={"hidden": {"source": source.ref}})


@require(AUDIT)
def action_edit(request, pk: int):
    action = selectors.action_get(request.user, request.service, pk)
    form = ActionForm(_posted(request), initial={"what": action.what, "owner": action.owner,
                                                      "due_on": action.due_on, "status": action.status})
    if request.method == "POST" and form.is_valid():
        try:
            services.improvement_action_update(action=action, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, "Improvement action updated")
            return redirect("quality_action_list")
    return _form_page(request, form, title="Update an improvement action", back_url=reverse("quality_action_list"),
                      back_text="Back to improvement actions", intro=f"This action answers: {action.source}")


# --- National Standards --------------------------------------------------------------------------

@require(AUDIT)
def standards_list(request):
    return render(request, "quality/standards_list.html", {
        "self_assessments": selectors.self_assessments_visible(request.user, request.service),
        "scales": selectors.grading_scales_visible(request.user, request.service),
        "history": selectors.standards_history(request.user, request.service),
        "framework": national_standards(),
    })


@require(AUDIT)
def scale_create(request):
    form = GradingScaleForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.grading_scale_create(service=request.service, user=request.user,
                                          name=form.cleaned_data["name"], grades=form.grade_list())
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, "Grading scale added")
            return redirect("quality_standards_list")
    return _form_page(request, form, title="Add a grading scale", back_url=reverse("quality_standards_list"),
                      back_text="Back to National Standards")


@require(AUDIT)
def standards_create(request):
    scales = selectors.grading_scales_visible(request.user, request.service)
    form = SelfAssessmentForm(_posted(request), scales=scales)
    if request.method == "POST" and form.is_valid():
        name, grades = form.chosen_scale()
        try:
            sa = services.standards_self_assessment_create(
                service=request.service, user=request.user, title=form.cleaned_data["title"],
                period_start=form.cleaned_data["period_start"], period_end=form.cleaned_data["period_end"],
                scale_name=name, grades=grades,
            )
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, "Self-assessment started")
            return redirect("quality_standards_detail", pk=sa.pk)
    return _form_page(request, form, title="Start a National Standards self-assessment",
                      back_url=reverse("quality_standards_list"), back_text="Back to National Standards")


@require(AUDIT)
def standards_detail(request, pk: int):
    sa = selectors.self_assessment_get(request.user, request.service, pk)
    return render(request, "quality/standards_detail.html", {
        "sa": sa, "framework": national_standards(sa.framework), "rows": selectors.standards_overview(sa),
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
    form = GradingForm(_posted(request), grades=sa.grades, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.standards_grading_record(self_assessment=sa, user=request.user, standard=code, level=level,
                                              **form.cleaned_data)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, f"Grade for standard {code} ({lv.name.lower()}) saved")
            return redirect("quality_standards_detail", pk=sa.pk)
    return _form_page(request, form, title=f"Grade standard {standard.label}: {lv.name.lower()} level",
                      caption=sa.title, back_url=reverse("quality_standards_detail", args=[sa.pk]),
                      back_text="Back to the self-assessment",
                      intro=standard.summary, extra={"prompts": standard.prompts.get(level, ()), "level_hint": lv.hint})


@require(AUDIT)
def standards_moderate(request, pk: int, code: str, level: str):
    sa = selectors.self_assessment_get(request.user, request.service, pk)
    _framework, standard = _ns_standard(sa, code)
    grading = get_object_or_404(StandardsGrading.objects.restrict(request.user, AUDIT, service=request.service),
                                self_assessment=sa, standard=code, level=level)
    form = GradingModerationForm(_posted(request), grades=sa.grades, initial={"grade": grading.final_grade})
    if request.method == "POST" and form.is_valid():
        try:
            services.standards_grading_moderate(grading=grading, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _attach(form, error)
        else:
            messages.success(request, "Grading moderated")
            return redirect("quality_standards_detail", pk=sa.pk)
    return _form_page(request, form, title=f"Moderate standard {standard.label}: {level}", caption=sa.title,
                      back_url=reverse("quality_standards_detail", args=[sa.pk]),
                      back_text="Back to the self-assessment",
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
    return render(request, "quality/standards_sample.html", {
        "sa": sa, "standard": standard, "framework": framework, "sample": sample, "cases": cases,
        "audited": any(c.met for c in cases),
    })


@require(AUDIT)
def standards_case(request, pk: int, case_pk: int):
    sa = selectors.self_assessment_get(request.user, request.service, pk)
    case = get_object_or_404(StandardsCase.objects.restrict(request.user, AUDIT, service=request.service)
                             .select_related("sample", "child"), sample__self_assessment=sa, pk=case_pk)
    _framework, standard = _ns_standard(sa, case.sample.standard)
    audit_event(user=request.user, verb=AuditEvent.Verb.VIEW, obj=case, child_id=case.child_id,
                summary=f"Viewed case {case.position} of the sample for National Standard {standard.code}")
    form = StandardsCaseForm(_posted(request), initial={"met": case.met, "notes": case.notes})
    if request.method == "POST" and form.is_valid():
        services.standards_case_record(case=case, user=request.user, **form.cleaned_data)
        messages.success(request, f"Case {case.position} recorded")
        return redirect("quality_standards_sample", pk=sa.pk, code=case.sample.standard)
    return _form_page(
        request, form, title=f"Case {case.position}: {case.child.reference}", caption=f"Standard {standard.label}",
        back_url=reverse("quality_standards_sample", args=[sa.pk, case.sample.standard]),
        back_text="Back to the sample",
        intro=f"{case.record_label} on {case.record_date:%d/%m/%Y}",
        extra={"prompts": standard.prompts.get("operational", ())},
    )
