"""The structure of a document as data: which sections, in which order, and what fills each.

A structure is a JSON file in ``data/structures/`` (``docs/documents.md`` says how to write one). Each
section is one of:

- ``narrative``: text written by people in the browser (Markdown, no raw HTML), kept with its history;
- ``generated``: built from the figures and records by a source in :mod:`openyj.documents.sources`;
- ``themed``: the repeated block "What we did / What happened as a result / What we will do next", once
  per theme listed;
- a heading only, when it has ``children`` (one level of sub-sections).

Next year's YJB structure is a new file here, not a change of code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from django.utils.text import slugify

DIRECTORY = Path(__file__).parent / "data" / "structures"
TYPES = ("narrative", "generated", "themed")
THEMED_PARTS = (
    ("did", "What we did"),
    ("result", "What happened as a result"),
    ("next", "What we will do next"),
)
KINDS = {"plan": "Youth Justice Plan", "board_report": "Board performance report"}


class StructureError(ValueError):
    """A structure file that cannot be used; the message names the file and what to fix."""


@dataclass(frozen=True)
class Section:
    key: str  # unique in the structure, dotted below a parent ("governance.arrangements")
    title: str
    type: str  # narrative, generated, themed, or "" for a heading with children
    level: int  # 1 or 2
    source: str = ""
    prompt: str = ""
    themes: tuple[str, ...] = ()
    children: tuple[Section, ...] = ()

    def text_keys(self) -> list[tuple[str, str]]:
        """(key, label) of each piece of text people write in this section."""
        if self.type == "narrative":
            return [(self.key, self.title)]
        if self.type == "themed":
            return [(self.theme_key(theme, part), f"{theme}: {label}")
                    for theme in self.themes for part, label in THEMED_PARTS]
        return []

    def theme_key(self, theme: str, part: str) -> str:
        return f"{self.key}.{slugify(theme)}.{part}"


@dataclass(frozen=True)
class Structure:
    code: str
    name: str
    kind: str
    title: str
    note: str = ""
    sections: tuple[Section, ...] = field(default_factory=tuple)

    def walk(self) -> list[Section]:
        """Every section in reading order."""
        out: list[Section] = []
        for s in self.sections:
            out.append(s)
            out.extend(s.children)
        return out

    def section(self, key: str) -> Section:
        for s in self.walk():
            if s.key == key:
                return s
        raise KeyError(key)

    def text_keys(self) -> list[tuple[str, str]]:
        return [pair for s in self.walk() for pair in s.text_keys()]


def _section(raw: dict, where: str, level: int, parent: str = "") -> Section:
    from openyj.documents.sources import SOURCES

    for needed in ("key", "title"):
        if not raw.get(needed):
            raise StructureError(f"{where}: a section has no {needed!r}; give every section a key and a title.")
    key = f"{parent}.{raw['key']}" if parent else raw["key"]
    children = raw.get("children") or []
    kind = raw.get("type", "")
    if children:
        if level > 1:
            raise StructureError(f"{where}: section {key} is nested two levels deep; use one level of sub-sections.")
        if kind:
            raise StructureError(f"{where}: section {key} has sub-sections and a type; give the type to the "
                                 "sub-sections only.")
    elif kind not in TYPES:
        raise StructureError(f"{where}: section {key} has type {kind!r}; use one of {', '.join(TYPES)}.")
    if kind == "generated" and raw.get("source") not in SOURCES:
        raise StructureError(f"{where}: section {key} uses the source {raw.get('source')!r}, which does not "
                             f"exist; use one of {', '.join(sorted(SOURCES))}.")
    if kind == "themed" and not raw.get("themes"):
        raise StructureError(f"{where}: themed section {key} lists no themes; add \"themes\": [\"…\"].")
    return Section(key=key, title=raw["title"], type=kind, level=level, source=raw.get("source", ""),
                   prompt=raw.get("prompt", ""), themes=tuple(raw.get("themes", ())),
                   children=tuple(_section(c, where, level + 1, key) for c in children))


def parse(raw: dict, where: str) -> Structure:
    for needed in ("code", "name", "kind", "title", "sections"):
        if not raw.get(needed):
            raise StructureError(f"{where}: {needed!r} is missing.")
    if raw["kind"] not in KINDS:
        raise StructureError(f"{where}: kind {raw['kind']!r} is not one of {', '.join(KINDS)}.")
    structure = Structure(code=raw["code"], name=raw["name"], kind=raw["kind"], title=raw["title"],
                          note=raw.get("note", ""),
                          sections=tuple(_section(s, where, 1) for s in raw["sections"]))
    keys = [s.key for s in structure.walk()]
    duplicates = sorted({k for k in keys if keys.count(k) > 1})
    if duplicates:
        raise StructureError(f"{where}: the section keys {', '.join(duplicates)} are used twice; make each unique.")
    return structure


@cache
def structures() -> dict[str, Structure]:
    """Every structure shipped, by code."""
    out = {}
    for path in sorted(DIRECTORY.glob("*.json")):
        structure = parse(json.loads(path.read_text(encoding="utf-8")), path.name)
        out[structure.code] = structure
    return out


def get(code: str) -> Structure:
    try:
        return structures()[code]
    except KeyError:
        raise StructureError(f"There is no document structure {code!r}; use one of "
                             f"{', '.join(structures())}.") from None


# The structure a new document of each kind starts with.
DEFAULT = {"plan": "yjb-2024", "board_report": "board-report"}
