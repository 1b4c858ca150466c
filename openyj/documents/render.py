"""Drawing a built document: pages (HTML, a page per section and an index), a tagged PDF made by
WeasyPrint from the same HTML, and a Word file made with python-docx. Charts are drawn once each."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string

from openyj.documents import blocks as b
from openyj.documents import charts, markup
from openyj.documents.build import Built, BuiltSection

ASSETS = Path(__file__).parent / "data" / "output"
FORMATS = ("docx", "pdf", "html")


@dataclass
class Files:
    docx: str
    pdf: str
    html: str = "html/index.html"


@dataclass
class Drawn:
    svg: str
    png: bytes


def draw_charts(doc: Built) -> dict[str, Drawn]:
    """Every chart drawn once: SVG from the Vega-Lite spec, PNG from the SVG (two at a time: vl-convert
    works outside Python's lock)."""
    from concurrent.futures import ThreadPoolExecutor

    specs = {c.key: c.spec for c in doc.charts()}

    def draw(spec):
        drawn = charts.svg(spec)
        return Drawn(drawn, charts.svg_png(drawn))

    with ThreadPoolExecutor(max_workers=2) as pool:
        return dict(zip(specs, pool.map(draw, specs.values()), strict=True))


def write_html(doc: Built, html_dir: Path, files: Files, drawn: dict[str, Drawn] | None = None) -> Path:
    """The pages: ``index.html``, one page per top-level section, ``style.css`` and the charts (SVG for
    the pages; PNG beside them for the PDF)."""
    drawn = drawn if drawn is not None else draw_charts(doc)
    html_dir.mkdir(parents=True, exist_ok=True)
    (html_dir / "charts").mkdir(exist_ok=True)
    shutil.copyfile(ASSETS / "style.css", html_dir / "style.css")
    shutil.copyfile(ASSETS / "print.css", html_dir / "print.css")
    for key, d in drawn.items():
        (html_dir / "charts" / f"{key}.svg").write_text(d.svg, encoding="utf-8")
        (html_dir / "charts" / f"{key}.png").write_bytes(d.png)
    context = {"doc": doc, "files": files, "prefix": "", "chart_ext": "svg"}
    (html_dir / "index.html").write_text(render_to_string("documents/output/page.html", context), encoding="utf-8")
    for i, section in enumerate(doc.sections):
        page = render_to_string("documents/output/page.html", {
            **context, "section": section,
            "previous": doc.sections[i - 1] if i else None,
            "next": doc.sections[i + 1] if i + 1 < len(doc.sections) else None})
        (html_dir / f"{section.slug}.html").write_text(page, encoding="utf-8")
    return html_dir / "index.html"


def print_html(doc: Built) -> str:
    """The whole document as one HTML page, from the same section templates, for the PDF."""
    return render_to_string("documents/output/print.html", {"doc": doc, "prefix": "", "chart_ext": "png"})


def write_pdf(doc: Built, html_dir: Path, target: Path) -> Path:
    """A tagged PDF (PDF/UA-1): language, title, structure tags, bookmarks, running headers, page
    numbers, fonts embedded. Reads the stylesheets and charts from ``html_dir``."""
    import logging

    import weasyprint

    # WeasyPrint reports every screen-only CSS rule it skips; those are not problems with the document.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    html = weasyprint.HTML(string=print_html(doc), base_url=str(html_dir) + "/")
    html.write_pdf(target, pdf_variant="pdf/ua-1")
    return target


# Word ---------------------------------------------------------------------------------------------

def _contents_field(paragraph) -> None:
    """A Word table-of-contents field (Word fills it in when the document is opened or updated)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def run_with(element):
        run = paragraph.add_run()
        run._r.append(element)
        return run

    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    run_with(begin)
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = 'TOC \\o "1-2" \\h \\z \\u'
    run_with(instr)
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run_with(sep)
    paragraph.add_run("Right-click and choose Update field to show the contents.")
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run_with(end)


def _docx_table(document, table: b.Table) -> None:
    cap = document.add_paragraph(table.caption, style="Caption")
    cap.paragraph_format.keep_with_next = True
    rows = table.rows + ([table.total] if table.total else [])
    t = document.add_table(rows=1 + len(rows), cols=len(table.columns))
    t.style = "Table Grid"
    for i, c in enumerate(table.columns):
        cell = t.rows[0].cells[i]
        cell.text = c
        for r in cell.paragraphs[0].runs:
            r.bold = True
    _repeat_header(t.rows[0])
    for ri, row in enumerate(rows, 1):
        for ci, value in enumerate(row):
            t.rows[ri].cells[ci].text = value
            if table.total and ri == len(rows):
                for r in t.rows[ri].cells[ci].paragraphs[0].runs:
                    r.bold = True
    meta = f"Unit: {table.unit}. Period: {table.period}. Source: {table.source}."
    if table.notes:
        meta += " " + " ".join(table.notes)
    document.add_paragraph(meta, style="Table note")


def _repeat_header(row) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    props = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    props.append(header)


def _markdown_docx(document, text: str, below: int) -> None:
    """Markdown into Word: headings with real heading styles, paragraphs, lists, tables, emphasis."""
    toks = markup.tokens(text, below=below)
    i = 0
    list_styles: list[str] = []
    while i < len(toks):
        t = toks[i]
        if t.type == "heading_open":
            level = int(t.tag[1:])
            document.add_heading(toks[i + 1].content, level=min(level, 9))
            i += 3
            continue
        if t.type in ("bullet_list_open", "ordered_list_open"):
            list_styles.append("List Bullet" if t.type == "bullet_list_open" else "List Number")
        elif t.type in ("bullet_list_close", "ordered_list_close"):
            list_styles.pop()
        elif t.type == "paragraph_open":
            style = list_styles[-1] if list_styles else None
            p = document.add_paragraph(style=style)
            _inline(p, toks[i + 1])
            i += 3
            continue
        elif t.type == "table_open":
            j = i
            rows: list[list[str]] = []
            while toks[j].type != "table_close":
                if toks[j].type == "tr_open":
                    rows.append([])
                elif toks[j].type == "inline" and rows:
                    rows[-1].append(toks[j].content)
                j += 1
            if rows:
                tbl = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
                tbl.style = "Table Grid"
                for ri, r in enumerate(rows):
                    for ci, v in enumerate(r):
                        tbl.rows[ri].cells[ci].text = v
                _repeat_header(tbl.rows[0])
            i = j + 1
            continue
        elif t.type in ("fence", "code_block"):
            document.add_paragraph(t.content)
        i += 1


def _inline(paragraph, token) -> None:
    bold = italic = False
    for child in token.children or []:
        if child.type == "strong_open":
            bold = True
        elif child.type == "strong_close":
            bold = False
        elif child.type == "em_open":
            italic = True
        elif child.type == "em_close":
            italic = False
        elif child.type in ("text", "code_inline"):
            run = paragraph.add_run(child.content)
            run.bold, run.italic = bold, italic
        elif child.type in ("softbreak", "hardbreak"):
            paragraph.add_run(" ")


def _picture(document, chart: b.Chart, png: bytes) -> None:
    from docx.shared import Cm

    document.add_picture(io.BytesIO(png), width=Cm(15))
    inline = document.inline_shapes[-1]._inline
    inline.docPr.set("descr", chart.alt)
    inline.docPr.set("title", chart.title)
    cap = document.add_paragraph(f"{chart.title}. The chart's figures are in the table below.", style="Caption")
    cap.paragraph_format.keep_with_next = True


def _docx_section(document, section: BuiltSection, pngs: dict[str, bytes]) -> None:
    document.add_heading(f"{section.number} {section.title}", level=section.level)
    if section.unavailable:
        p = document.add_paragraph()
        p.add_run("Not available yet: ").bold = True
        p.add_run(f"{section.unavailable}.")
    for block in section.blocks:
        if isinstance(block, b.Markdown):
            _markdown_docx(document, block.text, section.level)
        elif isinstance(block, b.Commentary):
            document.add_paragraph().add_run(block.text).bold = True
        elif isinstance(block, b.Paragraph | b.Notice):
            document.add_paragraph(block.text)
        elif isinstance(block, b.Table):
            _docx_table(document, block)
        elif isinstance(block, b.Chart):
            _picture(document, block, pngs[block.key])
            _docx_table(document, block.table)
    for part in section.themes:
        document.add_heading(part.theme, level=section.level + 1)
        for heading, text in part.parts:
            document.add_heading(heading, level=section.level + 2)
            _markdown_docx(document, text, section.level + 2)
    for child in section.children:
        _docx_section(document, child, pngs)


def write_docx(doc: Built, target: Path, drawn: dict[str, Drawn] | None = None) -> Path:
    import docx
    from docx.enum.section import WD_ORIENT  # noqa: F401 - portrait, the default
    from docx.enum.style import WD_STYLE_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    props = document.core_properties
    props.title, props.author, props.language = doc.title, doc.service, doc.language
    props.subject = f"Figures for {doc.period_phrase}"
    styles = document.styles
    styles["Normal"].font.name = "Arial"
    styles["Normal"].font.size = Pt(11)
    # The document's language, for spelling and for screen readers.
    rpr = styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), doc.language)
    rpr.append(lang)
    note = styles.add_style("Table note", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = styles["Normal"]
    note.font.size = Pt(9)
    section = document.sections[0]
    section.header.paragraphs[0].text = f"{doc.title} – {doc.service}"
    footer = section.footer.paragraphs[0]
    footer.text = "Page "
    _page_field(footer)

    document.add_paragraph(doc.title, style="Title")
    document.add_paragraph(doc.service, style="Subtitle")
    document.add_paragraph(f"Figures for {doc.period_phrase}.")
    document.add_paragraph(doc.status)
    document.add_paragraph("Contents", style="TOC Heading" if "TOC Heading" in [s.name for s in styles] else None)
    _contents_field(document.add_paragraph())
    drawn = drawn if drawn is not None else draw_charts(doc)
    pngs = {key: d.png for key, d in drawn.items()}
    for s in doc.sections:
        document.add_page_break()
        _docx_section(document, s, pngs)
    document.add_paragraph(f"{doc.status}. Counts from 1 to 4 are shown as \"fewer than 5\" to protect the "
                           "children concerned.")
    document.save(str(target))
    return target


def _page_field(paragraph) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def write_all(doc: Built, out_dir: Path, basename: str, formats: tuple[str, ...] = FORMATS,
              progress: Callable[[str], None] | None = None) -> dict[str, Path]:
    """Write the formats asked for into ``out_dir``: ``<basename>.docx``, ``<basename>.pdf`` and
    ``html/index.html``. The PDF needs the pages' stylesheet and charts: they are written to ``html/``
    (or a scratch folder beside it, removed afterwards, when the pages were not asked for)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    say = progress or (lambda _m: None)
    files = Files(docx=f"{basename}.docx", pdf=f"{basename}.pdf")
    written: dict[str, Path] = {}
    html_dir = out_dir / "html"
    scratch = None
    say("Drawing the charts")
    drawn = draw_charts(doc)
    if "html" in formats or "pdf" in formats:
        if "html" not in formats:
            scratch = out_dir / f".{basename}-pages"
            html_dir = scratch
        say("Writing the pages")
        index = write_html(doc, html_dir, files, drawn)
        if "html" in formats:
            written["html"] = index
    try:
        if "pdf" in formats:
            say("Writing the PDF")
            written["pdf"] = write_pdf(doc, html_dir, out_dir / files.pdf)
    finally:
        if scratch is not None:
            shutil.rmtree(scratch, ignore_errors=True)
    if "docx" in formats:
        say("Writing the Word file")
        written["docx"] = write_docx(doc, out_dir / files.docx, drawn)
    return written
