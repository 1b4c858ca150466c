"""From a service and a period to the document's files: the one path the command line, the web's
background task and the benchmark all take.

1. the figure set for the reporting period (or the frozen one, for a submitted plan);
2. every generated section through its source (or the frozen sections);
3. the text people wrote (latest version of each);
4. the renderers.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from openyj.documents import figureset, structures
from openyj.documents.build import Built, build, generated_payloads
from openyj.documents.render import FORMATS, write_all
from openyj.documents.sources import Inputs
from openyj.indicators.periods import Period

YEAR = re.compile(r"^(\d{4})/(\d{2})$")


def plan_period(year: str) -> Period:
    """The period a plan for ``year`` reports: the previous financial year, as rolling 12 months to its
    end (the 2026/27 plan: April 2025 to March 2026)."""
    m = YEAR.match(year or "")
    if not m or (int(m.group(1)) + 1) % 100 != int(m.group(2)):
        raise ValueError(f"{year!r} is not a plan year: write it as YYYY/YY, for example 2026/27.")
    start = int(m.group(1))
    return Period.rolling_12(date(start, 3, 31))


def parse_formats(text: str | None) -> tuple[str, ...]:
    if not text:
        return FORMATS
    asked = tuple(f.strip().lower() for f in text.split(",") if f.strip())
    wrong = [f for f in asked if f not in FORMATS]
    if wrong or not asked:
        raise ValueError(f"--format {text}: use one or more of {', '.join(FORMATS)}, separated by commas.")
    return tuple(f for f in FORMATS if f in asked)


def latest_texts(document) -> dict[str, str]:
    """The latest version of every text of a stored document."""
    if document is None or document.pk is None:
        return {}
    out: dict[str, str] = {}
    for t in document.texts.order_by("key", "-version"):
        out.setdefault(t.key, t.text)
    return out


def status_words(document) -> str:
    if document is None or document.pk is None:
        return "Draft produced from the current figures: not approved"
    day = "%-d %B %Y"
    if document.status == "published" and document.published_on:
        return f"Published on {document.published_on:{day}}"
    if document.status == "circulated" and document.circulated_on:
        return f"Circulated to the board on {document.circulated_on:{day}}: figures frozen"
    if document.submitted_on:
        return f"Submitted to the Youth Justice Board on {document.submitted_on:{day}}: figures frozen"
    if document.board_approved_on:
        return f"Approved by the partnership board on {document.board_approved_on:{day}}"
    return "Draft: not approved"


def inputs_for(service, *, kind: str, period: Period, year: str = "", document=None,
               figures: dict[str, Any] | None = None, as_of: date | None = None) -> Inputs:
    texts = latest_texts(document)
    commentary = {k.removeprefix("commentary."): v for k, v in texts.items() if k.startswith("commentary.")}
    return Inputs(service=service, figures=figures or figureset.compute(service, period, as_of=as_of), kind=kind,
                  year=year, document=document, commentary=commentary)


def snapshot(service, *, kind: str, period: Period, structure_code: str, year: str = "", document=None,
             as_of: date | None = None) -> dict[str, Any]:
    """The figures and generated sections as they are now: what a submission freezes."""
    inputs = inputs_for(service, kind=kind, period=period, year=year, document=document, as_of=as_of)
    return {"figures": inputs.figures,
            "sections": generated_payloads(structures.get(structure_code), inputs)}


def built(service, *, kind: str, period: Period, structure_code: str, year: str = "", document=None,
          title: str = "", as_of: date | None = None, progress: Callable[[str], None] | None = None) -> Built:
    structure = structures.get(structure_code)
    say = progress or (lambda _m: None)
    if document is not None and document.is_frozen:
        say("Reading the frozen figures")
        frozen = document.frozen
        payloads = dict(frozen["sections"])
        # The sign-off section follows the steps taken after the freeze.
        inputs = Inputs(service=service, figures=frozen["figures"], kind=kind, year=year, document=document)
        for s in structure.walk():
            if s.type == "generated" and s.source == "sign_off":
                payloads.update(generated_payloads_one(s, inputs))
    else:
        say("Computing the figures")
        inputs = inputs_for(service, kind=kind, period=period, year=year, document=document, as_of=as_of)
        say("Building the sections")
        payloads = generated_payloads(structure, inputs)
    title = title or structure.title.format(year=year, period=period.label)
    return build(structure, title=title, service_name=service.name, period_label=period.label,
                 status=status_words(document), texts=latest_texts(document), payloads=payloads)


def generated_payloads_one(section, inputs: Inputs) -> dict[str, Any]:
    from openyj.documents import blocks as b
    from openyj.documents.sources import SOURCES

    result = SOURCES[section.source](inputs)
    if isinstance(result, b.Unavailable):
        return {section.key: {"unavailable": result.reason}}
    return {section.key: {"blocks": [b.to_dict(x) for x in result]}}


def write(service, *, kind: str, period: Period, out_dir: Path, formats: tuple[str, ...] = FORMATS,
          structure_code: str | None = None, year: str = "", document=None, as_of: date | None = None,
          progress: Callable[[str], None] | None = None) -> dict[str, Path]:
    """Produce the document's files in ``out_dir``; returns format → path."""
    code = structure_code or (document.structure if document is not None else structures.DEFAULT[kind])
    doc = built(service, kind=kind, period=period, structure_code=code, year=year, document=document,
                as_of=as_of, progress=progress)
    basename = (f"youth-justice-plan-{year.replace('/', '-')}" if kind == "plan"
                else f"board-report-{period.end.isoformat()}")
    return write_all(doc, Path(out_dir), basename, formats, progress=progress)


def board_period(start: date, end: date) -> Period:
    """The board report's period, named as a quarter or rolling 12 months where it is one."""
    for candidate in (Period.quarter_containing(start),):
        if (candidate.start, candidate.end) == (start, end):
            return candidate
    if end.month % 3 == 0:
        try:
            rolling = Period.rolling_12(end)
            if rolling.start == start:
                return rolling
        except ValueError:
            pass
    return Period(start, end)
