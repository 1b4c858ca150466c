"""Case-audit pages. Every page needs the ``audit`` action (managers) and finds its records through
the gate, so another service's record is a 404. Forms check input, services write, selectors read,
presenters shape what the templates show."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from openyj.core.audit import audit as audit_event
from openyj.core.audit import audit_shown
from openyj.core.models import AuditEvent
from openyj.core.pages import form_page, posted, save_form
from openyj.core.permissions import require
from openyj.core.roles import Action
from openyj.governance.selectors import actions_by_code
from openyj.quality.audits import presenters, selectors, services
from openyj.quality.audits.forms import (
    AdjustmentForm,
    CaseAuditForm,
    JudgementForm,
    ModerationForm,
    StandardAnswersForm,
)
from openyj.quality.frameworks import InspectionFramework, inspection_framework

AUDIT = Action.AUDIT
FORM_PAGE = "quality/form_page.html"


@require(AUDIT)
def audit_create(request):
    form = CaseAuditForm(posted(request))
    done = save_form(request, form,
                     lambda data: services.case_audit_create(service=request.service, user=request.user, **data),
                     success=lambda case_audit: f"Sample drawn: {case_audit.cases.count()} cases",
                     to=lambda case_audit: reverse("quality_audit_detail", args=[case_audit.pk]))
    return done or form_page(request, "quality/audit_form.html", form)


@require(Action.READ_QUALITY)
def audit_detail(request, pk: int):
    case_audit = selectors.audit_get(request.user, request.service, pk)
    progress = presenters.audit_progress(case_audit)
    audit_shown(user=request.user, service=case_audit.service, child_ids=[p.case.child_id for p in progress],
                where=f"the sample of the case audit “{case_audit.title}”")
    return render(request, "quality/audit_detail.html", {
        "audit": case_audit, "framework": inspection_framework(case_audit.framework),
        "sampling": presenters.sampling_tables(case_audit), "progress": progress,
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
        # Only a second auditor moderates: never someone who answered questions in this case.
        "may_moderate": not case.answers.filter(answered_by=request.user).exists(),
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
    form = StandardAnswersForm(posted(request), standard=standard,
                               initial=StandardAnswersForm.initial_from(standard, existing))
    done = save_form(request, form,
                     lambda data: services.audit_answers_record(audit_case=case, user=request.user, standard=code,
                                                                answers=form.answers()),
                     success=f"Answers to {standard.label} saved",
                     to=reverse("quality_audit_case", args=[case_audit.pk, case.pk]))
    # A moderated case's answers are locked: the page shows them, with nothing to choose or save.
    read_only = [(kq, existing.get(kq.code)) for kq in standard.key_questions] if case.moderated_at else None
    return done or form_page(request, "quality/audit_answer.html", form, audit=case_audit, case=case,
                             standard=standard, moderated=bool(case.moderated_at), read_only=read_only)


@require(AUDIT)
def audit_moderate(request, pk: int, case_pk: int):
    case_audit = selectors.audit_get(request.user, request.service, pk)
    case = selectors.audit_case_get(request.user, request.service, case_audit, case_pk)
    framework = inspection_framework(case_audit.framework)
    key_questions = [kq for s in framework.case_standards(case.case_type) for kq in s.key_questions]
    answers = {a.key_question: a for a in case.answers.select_related("answered_by")}
    if any(a.answered_by_id == request.user.pk for a in answers.values()):
        messages.error(request, "A second auditor moderates this case: you answered questions in it, so "
                                "another manager must moderate it.")
        return redirect("quality_audit_case", pk=case_audit.pk, case_pk=case.pk)
    form = ModerationForm(posted(request), key_questions=key_questions, answers=answers)
    done = save_form(request, form,
                     lambda data: services.audit_case_moderate(audit_case=case, user=request.user,
                                                               decisions=form.decisions()),
                     success=f"Case {case.position} moderated",
                     to=reverse("quality_audit_detail", args=[case_audit.pk]))
    return done or form_page(request, "quality/audit_moderate.html", form, audit=case_audit, case=case,
                             missing=[kq.code for kq in key_questions if kq.code not in answers])


@require(Action.READ_QUALITY)
def audit_results(request, pk: int):
    case_audit = selectors.audit_get(request.user, request.service, pk)
    return render(request, "quality/audit_results.html", {
        "audit": case_audit, "results": selectors.audit_results(case_audit),
        "actions": actions_by_code(case_audit=case_audit),
    })


@require(Action.READ_QUALITY)
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
    figures = selectors.audit_results(case_audit).question(code)
    answers = list(selectors.answers_saying_no(case_audit, code))
    audit_event(user=request.user, verb=AuditEvent.Verb.VIEW, obj=case_audit,
                summary=f"Viewed the cases answering no to {code} in “{case_audit.title}”")
    audit_shown(user=request.user, service=case_audit.service, child_ids=[a.audit_case.child_id for a in answers],
                where=f"the cases answering no to {code} in “{case_audit.title}”")
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
    form = JudgementForm(posted(request), framework=framework, standard=standard, initial=initial)
    back_url = reverse("quality_audit_results", args=[case_audit.pk])
    done = save_form(request, form,
                     lambda data: services.standard_judgement_record(case_audit=case_audit, user=request.user,
                                                                     standard=code, **data),
                     success=f"Rating for {standard.label} saved", to=back_url)
    return done or form_page(request, FORM_PAGE, form, title=f"Rate {standard.label}", caption=case_audit.title,
                             back_url=back_url, back_text="Back to the results", intro=standard.statement,
                             key_questions=standard.key_questions)


def adjust_page(request, *, owner, framework: InspectionFramework, back_url: str, kind: str):
    """The page adjusting a rating of a self-audit (``kind="case_audit"``) or an inspection."""
    form = AdjustmentForm(posted(request), framework=framework, initial={"standard": request.GET.get("standard", "")})
    done = save_form(request, form,
                     lambda data: services.rating_adjustment_record(user=request.user, **{kind: owner}, **data),
                     success="Adjusted rating saved beside the computed rating", to=back_url)
    return done or form_page(
        request, FORM_PAGE, form, title="Adjust a rating", caption=owner.title, back_url=back_url, back_text="Back",
        intro="The computed rating stays on record; the adjusted rating and its reason are shown beside it.",
    )


@require(AUDIT)
def audit_adjust(request, pk: int):
    case_audit = selectors.audit_get(request.user, request.service, pk)
    return adjust_page(request, owner=case_audit, framework=inspection_framework(case_audit.framework),
                       back_url=reverse("quality_audit_results", args=[case_audit.pk]), kind="case_audit")


@require(AUDIT)
@require_POST
def adjustment_remove(request, pk: int):
    adjustment = selectors.adjustment_get(request.user, request.service, pk)
    back = (reverse("quality_audit_results", args=[adjustment.audit_id]) if adjustment.audit_id
            else reverse("quality_inspection_detail", args=[adjustment.inspection_id]))
    services.rating_adjustment_remove(adjustment=adjustment, user=request.user)
    messages.success(request, "Adjusted rating removed")
    return redirect(back)
