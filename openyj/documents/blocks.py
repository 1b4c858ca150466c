"""What a generated section is made of: typed blocks that every renderer draws the same way.

A source returns a list of blocks, or :class:`Unavailable` with the reason. Blocks are plain data
(``to_dict``/``from_dict``), so a document's generated sections can be frozen as JSON when it is
submitted and drawn again, identically, from what was frozen.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Paragraph:
    text: str
    type: str = "paragraph"


@dataclass
class Markdown:
    """Text people wrote (rendered through :mod:`openyj.documents.markup`, never as raw HTML)."""

    text: str
    type: str = "markdown"


@dataclass
class Commentary:
    """A sentence on one indicator, generated from the figures (``generated``) or as edited."""

    indicator: str
    text: str
    generated: str
    type: str = "commentary"


@dataclass
class Notice:
    """Something the reader must know: a section whose data is not available, a table refused."""

    text: str
    type: str = "notice"


@dataclass
class Table:
    """A table with its unit in words, period, source and what is counted.

    ``total`` is the totals row when the table has one; tests add the rows up against it.
    """

    caption: str
    columns: list[str]
    rows: list[list[str]]
    unit: str
    period: str
    source: str
    total: list[str] | None = None
    notes: list[str] = field(default_factory=list)
    numeric: list[bool] = field(default_factory=list)  # right-align the column
    type: str = "table"


@dataclass
class Chart:
    """A chart from one Vega-Lite spec, with its alt text and its data as a table."""

    key: str
    title: str
    spec: dict[str, Any]
    alt: str
    table: Table
    type: str = "chart"


Block = Paragraph | Markdown | Commentary | Notice | Table | Chart
_TYPES: dict[str, type] = {"paragraph": Paragraph, "markdown": Markdown, "commentary": Commentary,
                           "notice": Notice, "table": Table, "chart": Chart}


@dataclass
class Unavailable:
    """A section whose data does not exist yet: the document says so rather than faking it."""

    reason: str


def to_dict(block: Block) -> dict[str, Any]:
    return asdict(block)


def from_dict(data: dict[str, Any]) -> Block:
    kind = _TYPES[data["type"]]
    data = dict(data)
    if kind is Chart:
        data["table"] = Table(**data["table"])
    return kind(**data)
