"""Narrative text: Markdown (headings, lists, tables, emphasis, links), never raw HTML.

markdown-it's CommonMark parser with HTML switched off escapes anything that looks like a tag, and
images are switched off so a page never fetches from outside. Headings people write sit below the
section's own: ``# Heading`` in a level-2 section becomes an ``h3``.
"""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token


@cache
def parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.disable("image")
    return md


def tokens(text: str, *, below: int = 1) -> list[Token]:
    """The parsed text with headings moved below level ``below`` (at most h6)."""
    out = parser().parse(text or "")
    for t in out:
        if t.type in ("heading_open", "heading_close"):
            level = min(int(t.tag[1:]) + below, 6)
            t.tag = f"h{level}"
    return out


def to_html(text: str, *, below: int = 1) -> str:
    md = parser()
    return md.renderer.render(tokens(text, below=below), md.options, {})
