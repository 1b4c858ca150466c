"""Open the generated files: headings in order, tables that add up, figures equal to the figure set,
units in words beside each rate, alt text on every image, a tagged PDF with title, language and
embedded fonts, and pages that fetch nothing from outside their folder."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import docx
import pytest
from pypdf import PdfReader

from openyj.documents import blocks as b

pytestmark = pytest.mark.django_db

PLAN = "youth-justice-plan-2026-27"


def test_the_demo_plan_and_board_report_render_in_all_three_formats(demo_outputs):
    plan, board = demo_outputs["plan"], demo_outputs["board"]
    assert (plan / f"{PLAN}.docx").stat().st_size > 10_000
    assert (plan / f"{PLAN}.pdf").read_bytes().startswith(b"%PDF")
    assert (plan / "html" / "index.html").exists()
    assert (board / "board-report-2026-03-31.docx").exists()
    assert (board / "board-report-2026-03-31.pdf").exists()
    assert (board / "html" / "index.html").exists()


def _headings(document) -> list[tuple[int, str]]:
    out = []
    for p in document.paragraphs:
        if p.style.name.startswith("Heading "):
            out.append((int(p.style.name.split()[1]), p.text))
    return out


def test_word_has_real_headings_in_the_structures_order_and_a_contents_field(demo_outputs):
    document = docx.Document(demo_outputs["plan"] / f"{PLAN}.docx")
    headings = [(level, text) for level, text in _headings(document) if re.match(r"^\d+(\.\d+)? ", text)]
    expected = [(s.level, f"{s.number} {s.title}") for s in demo_outputs["built"].walk()]
    assert headings == expected
    assert headings[0] == (1, "1 Introduction, vision and strategy")
    # The contents is a Word TOC field.
    assert 'TOC \\o "1-2"' in document.element.xml
    assert document.core_properties.title == "Youth Justice Plan 2026/27"


def _number(cell: str):
    text = cell.replace("£", "").replace(",", "")
    return float(text) if re.fullmatch(r"-?\d+(\.\d+)?", text) else None


def _tables(built) -> list[b.Table]:
    out = []
    for s in built.walk():
        for block in s.blocks:
            if isinstance(block, b.Table):
                out.append(block)
            elif isinstance(block, b.Chart):
                out.append(block.table)
    return out


def test_every_table_with_a_total_adds_up_and_states_unit_period_and_source(demo_outputs):
    tables = _tables(demo_outputs["built"])
    with_totals = [t for t in tables if t.total]
    assert len(with_totals) >= 5
    for t in tables:
        assert t.unit and t.period and t.source, t.caption
    checked = 0
    for t in with_totals:
        counted_twice = any("does not add up" in n or "counted in both" in n for n in t.notes)
        for col in range(1, len(t.columns)):
            if "Percentage" in t.columns[col]:
                continue
            cells = [_number(row[col]) for row in t.rows]
            total = _number(t.total[col])
            if total is None or any(c is None for c in cells) or (counted_twice and col == len(t.columns) - 1):
                continue  # a suppressed cell, or a column that is not a sum
            assert round(sum(cells), 2) == total, (t.caption, t.columns[col])
            checked += 1
    assert checked >= 5


def test_word_tables_are_the_built_tables(demo_outputs):
    document = docx.Document(demo_outputs["plan"] / f"{PLAN}.docx")
    built_tables = _tables(demo_outputs["built"])
    assert len(document.tables) == len(built_tables)
    for word, table in zip(document.tables, built_tables, strict=True):
        assert [c.text for c in word.rows[0].cells] == table.columns
        body = [[c.text for c in r.cells] for r in word.rows[1:]]
        assert body == table.rows + ([table.total] if table.total else [])


def test_the_national_indicators_equal_the_figure_set_with_units_in_words(demo_outputs):
    figures = demo_outputs["figures"]["indicators"]
    document = docx.Document(demo_outputs["plan"] / f"{PLAN}.docx")
    national = next(t for t in document.tables if t.rows[0].cells[0].text == "Indicator")
    rows = {r.cells[0].text.removesuffix(" (provisional)"): [c.text for c in r.cells] for r in national.rows[1:]}
    fte, custody, reoffending = figures["fte"], figures["custody"], figures["reoffending"]
    assert rows["First time entrants"][1] == f"{fte['value']:,.1f}"
    assert rows["First time entrants"][2] == "per 100,000 children aged 10–17"
    assert rows["First time entrants"][3] == f"{fte['numerator']:,} of {fte['denominator']:,}"
    assert rows["Use of custody"][2] == "per 1,000 children aged 10–17"
    assert rows["Proven reoffending (binary rate)"][2] == "%"
    if not (0 < custody["numerator"] < 5):
        assert rows["Use of custody"][1] == f"{custody['value']:,.2f}"
    else:
        assert rows["Use of custody"][1] == "not shown (fewer than 5)"
    assert rows["Proven reoffending (binary rate)"][1] in (f"{reoffending['value']:.1f}", "not shown (fewer than 5)")
    # A custody rate is never written as a percentage.
    text = "\n".join(p.text for p in document.paragraphs)
    assert not re.search(r"custody[^.]*\d%", text)
    assert "per 1,000 children aged 10–17 (not a percentage)" in text


def test_no_child_id_reaches_the_figure_set(demo_outputs):
    import json

    from openyj.people.models import Child

    text = json.dumps(demo_outputs["figures"])
    assert '"ids"' not in text and "child_ids" not in text and "reoffender_ids" not in text
    assert Child.objects.count() == 0  # rolled back: the ids were checked by name above


def test_every_image_in_word_has_alt_text(demo_outputs):
    document = docx.Document(demo_outputs["plan"] / f"{PLAN}.docx")
    shapes = document.inline_shapes
    assert len(shapes) >= 8
    for shape in shapes:
        assert len(shape._inline.docPr.get("descr", "")) > 20


def test_the_pdf_is_tagged_with_title_language_bookmarks_and_embedded_fonts(demo_outputs):
    reader = PdfReader(demo_outputs["plan"] / f"{PLAN}.pdf")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert reader.metadata.title == "Youth Justice Plan 2026/27"
    assert "pdfuaid" in root["/Metadata"].get_object().get_data().decode()
    assert [o.title for o in reader.outline if not isinstance(o, list)][:2] == [
        "1 Introduction, vision and strategy", "2 Governance, leadership and partnership arrangements"]
    fonts = 0
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor") or font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert any(k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts += 1
    assert fonts
    first = reader.pages[2].extract_text()
    assert "Page 3 of" in first and "Youth Justice Plan 2026/27" in first  # running header and page number


class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.fetched: list[str] = []
        self.images: list[dict] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "img":
            self.images.append(a)
        for name in ("src", "srcset", "poster", "data"):
            if a.get(name):
                self.fetched.append(a[name])
        if tag == "link" and a.get("href"):
            self.fetched.append(a["href"])
        if tag == "script":
            self.fetched.append(a.get("src", "inline script"))


def test_the_pages_fetch_nothing_from_outside_their_folder_and_every_image_has_alt_text(demo_outputs):
    html = demo_outputs["plan"] / "html"
    pages = sorted(html.glob("*.html"))
    assert len(pages) == 1 + len(demo_outputs["built"].sections)
    images = 0
    for page in pages:
        refs = _Refs()
        refs.feed(page.read_text(encoding="utf-8"))
        for ref in refs.fetched:
            assert not re.match(r"^([a-z]+:)?//", ref) and not ref.startswith("data:"), (page.name, ref)
            assert (html / ref).exists(), (page.name, ref)
        for img in refs.images:
            assert len(img.get("alt", "")) > 20, (page.name, img)
        images += len(refs.images)
    assert images >= 8
    for asset in [*html.glob("*.css"), *html.glob("charts/*.svg")]:
        text = asset.read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//|@import|(?:xlink:)?href=\"https?:", text), asset.name
