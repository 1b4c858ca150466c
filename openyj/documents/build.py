"""Putting a document together: its structure, the text people wrote and the generated sections,
into one :class:`Built` document that every renderer (pages, PDF, Word) draws the same way."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from openyj.documents import blocks as b
from openyj.documents.sources import SOURCES, Inputs
from openyj.documents.structures import THEMED_PARTS, Section, Structure

NOT_WRITTEN = "This section has not been written yet."


@dataclass
class Part:
    """A themed block's theme, with its three parts."""

    theme: str
    parts: list[tuple[str, str]]  # (heading, markdown)


@dataclass
class BuiltSection:
    key: str
    title: str
    level: int
    number: str  # "3.2"
    type: str
    blocks: list[b.Block] = field(default_factory=list)
    unavailable: str = ""
    themes: list[Part] = field(default_factory=list)
    children: list[BuiltSection] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return self.key.split(".")[0]

    def charts(self) -> list[b.Chart]:
        out = [x for x in self.blocks if isinstance(x, b.Chart)]
        for c in self.children:
            out += c.charts()
        return out


@dataclass
class Built:
    title: str
    service: str
    period_label: str
    kind: str
    structure: str
    status: str  # in words: "Draft", "Submitted to the Youth Justice Board on 20 June 2026"
    sections: list[BuiltSection]
    language: str = "en-GB"

    @property
    def period_phrase(self) -> str:
        from openyj.documents.commentary import period_phrase

        return period_phrase(self.period_label)

    def walk(self) -> list[BuiltSection]:
        out = []
        for s in self.sections:
            out.append(s)
            out.extend(s.children)
        return out

    def charts(self) -> list[b.Chart]:
        return [c for s in self.sections for c in s.charts()]


def generated_payloads(structure: Structure, inputs: Inputs) -> dict[str, Any]:
    """Every generated section's blocks as JSON (what is frozen at submission)."""
    out: dict[str, Any] = {}
    for s in structure.walk():
        if s.type == "generated":
            result = SOURCES[s.source](inputs)
            if isinstance(result, b.Unavailable):
                out[s.key] = {"unavailable": result.reason}
            else:
                out[s.key] = {"blocks": [b.to_dict(x) for x in result]}
    return out


def _section(s: Section, number: str, texts: dict[str, str], payloads: dict[str, Any]) -> BuiltSection:
    built = BuiltSection(key=s.key, title=s.title, level=s.level, number=number, type=s.type)
    if s.type == "narrative":
        built.blocks = [b.Markdown(texts.get(s.key, "").strip() or NOT_WRITTEN)]
    elif s.type == "themed":
        for theme in s.themes:
            built.themes.append(Part(theme, [(label, texts.get(s.theme_key(theme, part), "").strip() or NOT_WRITTEN)
                                             for part, label in THEMED_PARTS]))
    elif s.type == "generated":
        payload = payloads.get(s.key, {"unavailable": "this section was not generated"})
        if "unavailable" in payload:
            built.unavailable = payload["unavailable"]
        else:
            built.blocks = [b.from_dict(x) for x in payload["blocks"]]
    built.children = [_section(c, f"{number}.{i}", texts, payloads) for i, c in enumerate(s.children, 1)]
    return built


def build(structure: Structure, *, title: str, service_name: str, period_label: str, status: str,
          texts: dict[str, str], payloads: dict[str, Any]) -> Built:
    return Built(title=title, service=service_name, period_label=period_label, kind=structure.kind,
                 structure=structure.code, status=status,
                 sections=[_section(s, str(i), texts, payloads) for i, s in enumerate(structure.sections, 1)])
