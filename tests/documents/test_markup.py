"""Narrative in Markdown: drawn safely in the pages and with real Word styles (headings, lists, tables)."""

from __future__ import annotations

import docx

from openyj.documents import blocks as b
from openyj.documents.build import Built, BuiltSection
from openyj.documents.markup import to_html
from openyj.documents.render import write_docx

TEXT = """# What we found

- Education first
- **Fewer** remands

| Theme | Action |
|---|---|
| Education | Two new panels |

<img src="https://example.org/x.png"> ![chart](https://example.org/y.png) [the YJB](https://www.gov.uk/yjb)
"""


def test_html_is_escaped_and_nothing_is_fetched():
    html = to_html(TEXT, below=2)
    assert "<h3>What we found</h3>" in html
    assert "<table>" in html and "<td>Two new panels</td>" in html
    assert "<img" not in html and "&lt;img" in html
    assert '<a href="https://www.gov.uk/yjb">the YJB</a>' in html  # links to outside pages are fine


def test_word_gets_heading_styles_lists_and_tables(tmp_path):
    section = BuiltSection(key="plan", title="Priorities", level=2, number="4.1", type="narrative",
                           blocks=[b.Markdown(TEXT)])
    top = BuiltSection(key="forthcoming", title="Plan for the year", level=1, number="4", type="",
                       children=[section])
    doc = Built(title="Plan", service="Service", period_label="12 months to March 2026", kind="plan",
                structure="yjb-2024", status="Draft", sections=[top])
    path = write_docx(doc, tmp_path / "plan.docx", drawn={})
    document = docx.Document(path)
    styles = [(p.style.name, p.text) for p in document.paragraphs if p.text]
    assert ("Heading 1", "4 Plan for the year") in styles
    assert ("Heading 2", "4.1 Priorities") in styles
    assert ("Heading 3", "What we found") in styles
    assert ("List Bullet", "Education first") in styles and ("List Bullet", "Fewer remands") in styles
    [table] = document.tables
    assert [[c.text for c in r.cells] for r in table.rows] == [["Theme", "Action"], ["Education", "Two new panels"]]
