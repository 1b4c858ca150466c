"""Pages for plans and board reports: the list, a document with its sections and sign-off, the text
editor, the commentary editor, each step of sign-off, what would change, and the files.

Producing needs the ``view_figures`` action (performance officers, managers); board members (aggregate
only) see published documents and their files. Another service's document is a 404.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from openyj.core.audit import audit
from openyj.core.pages import form_page, posted, save_form
from openyj.core.permissions import require
from openyj.core.roles import Action
from openyj.core.tasks import stalled
from openyj.documents import forms, selectors, services, structures
from openyj.documents.models import Document, Rendering
from openyj.documents.sources import NATIONAL

PRODUCE = Action.VIEW_FIGURES
READ = Action.VIEW_AGGREGATE
FORM = "documents/form.html"


def _producer(request) -> None:
    if not selectors.may_produce(request.user, request.service):
        raise PermissionDenied("Only performance officers and managers can change plans and reports.")


@require(READ)
def documents(request):
    docs = selectors.documents_visible(request.user, request.service)
    return render(request, "documents/list.html", {
        "plans": docs.filter(kind=Document.Kind.PLAN), "reports": docs.filter(kind=Document.Kind.BOARD_REPORT),
        "may_produce": selectors.may_produce(request.user, request.service)})


@require(PRODUCE)
def plan_create(request):
    choices = [(s.code, s.name) for s in structures.structures().values() if s.kind == "plan"]
    form = forms.PlanCreateForm(posted(request), choices=choices, initial={"structure": structures.DEFAULT["plan"]})
    done = save_form(request, form, lambda d: services.document_create(
        user=request.user, service=request.service, kind="plan", year=d["year"].strip(), structure=d["structure"]),
        success=lambda doc: f"{doc} started", to=lambda doc: reverse("document_detail", args=[doc.pk]))
    return done or form_page(request, FORM, form, title="Start a Youth Justice Plan", button="Start the plan",
                             back_url=reverse("documents"))


@require(PRODUCE)
def board_report_create(request):
    form = forms.BoardReportCreateForm(posted(request))
    done = save_form(request, form, lambda d: services.document_create(
        user=request.user, service=request.service, kind="board_report", **d),
        success=lambda doc: f"{doc} started", to=lambda doc: reverse("document_detail", args=[doc.pk]))
    return done or form_page(request, FORM, form, title="Start a board report", button="Start the report",
                             back_url=reverse("documents"))


@require(READ)
def document_detail(request, pk: int):
    doc = selectors.document_get(request.user, request.service, pk)
    audit(user=request.user, verb="view", obj=doc, summary=f"Viewed {doc}")
    renderings = list(doc.renderings.all()[:5])
    return render(request, "documents/detail.html", {
        "doc": doc, "sections": selectors.sections(doc), "renderings": renderings,
        "stalled": {r.pk: stalled(r) for r in renderings if r.status in ("queued", "running")},
        "may_produce": selectors.may_produce(request.user, request.service),
        "comments": doc.comments.all(), "councils": doc.council_approvals.all(), "national": NATIONAL})


@require(PRODUCE)
def text_edit(request, pk: int, key: str):
    doc = selectors.document_get(request.user, request.service, pk)
    labels = dict(structures.get(doc.structure).text_keys())
    if key not in labels:
        raise Http404("No such text")
    versions = selectors.history(doc, key)
    last_year = selectors.last_years_text(doc, key)
    start = request.GET.get("start") == "last-year" and last_year
    initial = {"text": last_year if start else (versions[0].text if versions else "")}
    form = forms.TextForm(posted(request), initial=initial)
    section = next(s for s in structures.get(doc.structure).walk() if key in dict(s.text_keys()))
    done = save_form(request, form, lambda d: services.text_save(user=request.user, document=doc, key=key,
                                                                  text=d["text"]),
                     success=lambda t: f"Version {t.version} of “{labels[key]}” saved",
                     to=reverse("document_detail", args=[doc.pk]) + f"#{section.key}")
    return done or form_page(request, "documents/text_form.html", form, doc=doc, title=labels[key],
                             prompt=section.prompt, versions=versions, last_year=last_year,
                             changed=selectors.change_since_last(versions), editable=doc.status == "draft")


@require(PRODUCE)
def commentary_edit(request, pk: int, indicator: str):
    from openyj.documents import commentary

    doc = selectors.document_get(request.user, request.service, pk)
    figures = selectors.current_figures(doc)
    ind = figures["indicators"].get(indicator)
    if ind is None:
        raise Http404("No such indicator")
    generated = commentary.sentence(ind, label=dict(NATIONAL).get(indicator, ind["name"]))
    versions = selectors.history(doc, f"commentary.{indicator}")
    form = forms.CommentaryForm(posted(request), initial={"text": versions[0].text if versions else generated})
    done = save_form(request, form, lambda d: services.commentary_save(
        user=request.user, document=doc, indicator=indicator, text=d["text"], figures=figures),
        success="Commentary saved", to=reverse("document_detail", args=[doc.pk]))
    return done or form_page(request, "documents/commentary_form.html", form, doc=doc, generated=generated,
                             title=f"Commentary: {ind['name']}", versions=versions)


def _step_page(request, pk: int, form_class, service, title: str, button: str, intro: str = ""):
    doc = selectors.document_get(request.user, request.service, pk)
    form = form_class(posted(request))
    done = save_form(request, form, lambda d: service(user=request.user, document=doc, **d),
                     success=f"{doc}: {title.lower()} recorded" if not title.startswith("Record") else "Recorded",
                     to=reverse("document_detail", args=[doc.pk]))
    return done or form_page(request, FORM, form, title=title, button=button, caption=str(doc), intro=intro,
                             back_url=reverse("document_detail", args=[doc.pk]))


@require(PRODUCE)
def board_approve(request, pk: int):
    return _step_page(request, pk, forms.BoardApproveForm, services.board_approve, "Approved by the board",
                      "Record the board's approval",
                      "Record the day the partnership board approved the plan and who chaired it. The text can no "
                      "longer be changed after this.")


@require(PRODUCE)
def submit(request, pk: int):
    return _step_page(request, pk, forms.SubmitForm, services.submit, "Submitted to the Youth Justice Board",
                      "Record the submission",
                      "The figures are frozen with the plan when you record its submission: the plan is drawn "
                      "from them from then on, even if the data changes.")


@require(PRODUCE)
def comment_add(request, pk: int):
    return _step_page(request, pk, forms.CommentForm, services.yjb_comment_add, "Comments from the YJB",
                      "Record the comments")


@require(PRODUCE)
def council_approve(request, pk: int):
    return _step_page(request, pk, forms.CouncilApproveForm, services.council_approve, "Approved by a council",
                      "Record the council's approval",
                      "A combined service records the approval of each of its councils.")


@require(PRODUCE)
def publish(request, pk: int):
    return _step_page(request, pk, forms.PublishForm, services.publish, "Published", "Record the publication",
                      "Board members can read the plan once it is published.")


@require(PRODUCE)
def circulate(request, pk: int):
    return _step_page(request, pk, forms.CirculateForm, services.circulate, "Circulated to the board",
                      "Record the circulation", "The report's figures are frozen when it is circulated.")


@require(PRODUCE)
def changes(request, pk: int):
    doc = selectors.document_get(request.user, request.service, pk)
    if not doc.is_frozen:
        return redirect("document_detail", pk=doc.pk)
    return render(request, "documents/changes.html", {"doc": doc, "changes": selectors.what_would_change(doc)})


@require(READ)
@require_POST
def rendering_start(request, pk: int):
    doc = selectors.document_get(request.user, request.service, pk)
    rendering = services.rendering_start(user=request.user, document=doc)
    return redirect("document_rendering", pk=doc.pk, rendering=rendering.pk)


@require(READ)
def rendering_detail(request, pk: int, rendering: int):
    doc = selectors.document_get(request.user, request.service, pk)
    run = get_object_or_404(Rendering.objects.filter(document=doc), pk=rendering)
    return render(request, "documents/rendering.html", {"doc": doc, "run": run, "stalled": stalled(run)})


@require(READ)
def rendering_file(request, pk: int, rendering: int, fmt: str):
    doc = selectors.document_get(request.user, request.service, pk)
    run = get_object_or_404(Rendering.objects.filter(document=doc, status=Rendering.Status.DONE), pk=rendering)
    folder = Path(run.folder)
    audit(user=request.user, verb="export", obj=doc, summary=f"Downloaded the {fmt} of {doc}")
    if fmt in ("docx", "pdf"):
        path = folder / f"{doc.basename}.{fmt}"
        if not path.exists():
            raise Http404("The file is no longer there: produce the files again.")
        return FileResponse(path.open("rb"), as_attachment=True, filename=path.name)
    if fmt == "html":
        buffer = io.BytesIO()
        # The pages, with the Word file and the PDF beside them as the index links to them.
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
            for f in sorted(folder.rglob("*")):
                if f.is_file():
                    z.write(f, f"{doc.basename}/{f.relative_to(folder)}")
        response = HttpResponse(buffer.getvalue(), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{doc.basename}-web-pages.zip"'
        return response
    raise Http404("No such format")
