"""Reading documents through the gate. Producers (performance officers and managers) see every
document of their service; board members (aggregate figures only) see published ones only."""

from __future__ import annotations

import difflib
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from openyj.core.permissions import services_for
from openyj.core.roles import Action
from openyj.documents import figureset, produce, structures
from openyj.documents.models import Document, SectionText


def may_produce(user, service) -> bool:
    return getattr(service, "pk", service) in services_for(user, Action.VIEW_FIGURES)


def documents_visible(user, service) -> QuerySet[Document]:
    docs = Document.objects.restrict(user, Action.VIEW_AGGREGATE, service=service)
    if not may_produce(user, service):
        docs = docs.filter(status=Document.Status.PUBLISHED)
    return docs


def document_get(user, service, pk: int) -> Document:
    """One document, or 404 when the user may not see it (another service's, or a draft for a board member)."""
    return get_object_or_404(documents_visible(user, service), pk=pk)


def may_read(user, document: Document) -> bool:
    return documents_visible(user, document.service).filter(pk=document.pk).exists()


def period_of(document: Document):
    if document.kind == Document.Kind.PLAN:
        return produce.plan_period(document.year)
    return produce.board_period(document.period_start, document.period_end)


def sections(document: Document) -> list[dict[str, Any]]:
    """Every section of the document's structure with what fills it and, for text, its latest version."""
    latest: dict[str, SectionText] = {}
    for t in document.texts.select_related("author").order_by("key", "-version"):
        latest.setdefault(t.key, t)
    out = []
    for s in structures.get(document.structure).walk():
        texts = [{"key": key, "label": label, "latest": latest.get(key)} for key, label in s.text_keys()]
        out.append({"section": s, "texts": texts})
    return out


def history(document: Document, key: str) -> list[SectionText]:
    return list(document.texts.filter(key=key).select_related("author").order_by("-version"))


def change_since_last(versions: list[SectionText]) -> list[str]:
    """The lines that changed between the last two versions, as a unified diff without its header."""
    if len(versions) < 2:
        return []
    before, after = versions[1].text.splitlines(), versions[0].text.splitlines()
    return [line for line in difflib.unified_diff(before, after, lineterm="", n=0)
            if not line.startswith(("---", "+++", "@@"))]


def last_years_text(document: Document, key: str) -> str:
    """The same section's text in the previous year's plan, offered as a start."""
    if document.kind != Document.Kind.PLAN or not document.year:
        return ""
    start = int(document.year[:4]) - 1
    previous = Document.objects.filter(service=document.service, kind=document.kind,
                                       year=f"{start}/{str(start + 1)[-2:]}").first()
    if previous is None:
        return ""
    t = previous.texts.filter(key=key).order_by("-version").first()
    return t.text if t else ""


def current_figures(document: Document) -> dict[str, Any]:
    """The figures the document shows: frozen once submitted or circulated, else computed now."""
    if document.frozen is not None:
        return document.frozen["figures"]
    return figureset.compute(document.service, period_of(document))


def what_would_change(document: Document) -> list[dict[str, Any]]:
    """For a frozen document: each figure that differs between what was frozen and what the data gives now."""
    if document.frozen is None:
        return []
    then = document.frozen["figures"]["indicators"]
    now = figureset.compute(document.service, period_of(document))["indicators"]
    changes = []
    for key in sorted(set(then) | set(now)):
        a, b = then.get(key), now.get(key)
        name = (a or b or {}).get("name", key)
        for field, label in (("value", "figure"), ("numerator", "counted"), ("denominator", "out of")):
            before = a.get(field) if a else None
            after = b.get(field) if b else None
            if before != after:
                changes.append({"indicator": name, "what": label, "frozen": before, "now": after,
                                "unit": (a or b or {}).get("unit", "")})
    return changes
