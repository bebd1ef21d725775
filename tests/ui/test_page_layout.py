"""The window's pages (desktop/ui/page_layout.py) are the layout model's:
the preview (QtMeasurer) shows as many pages as ``report-drafter pages``
prints (the grid estimate, which tests/test_layout_render.py holds against
LibreOffice), for every example and for generated documents of several
lengths; the page numbers it paints skip the blank page and the 版记's page
like the export; a heading is never left alone at the foot of a page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.sample_documents import county_document
from desktop.examples import example_names, load_example
from desktop.layout import lay_out
from desktop.model import Document, Properties, Section
from desktop.render import render
from desktop.ui.page_layout import lay_out as preview_lay_out

ROOT = Path(__file__).resolve().parents[2]


def documents() -> dict[str, Document]:
    docs = {name: load_example(name) for name in example_names()}
    for pages in (1, 3, 8, 20):
        docs[f"county-{pages}"] = county_document(pages)
    return docs


@pytest.mark.parametrize("name", list(documents()))
def test_window_pages_equal_the_headless_estimate(qapp, name):
    doc = documents()[name]
    rendered = render(doc)
    shown = preview_lay_out(rendered, profile=doc.settings.font_profile,
                            latin=doc.settings.latin_font)
    assert shown.pages == lay_out(doc, rendered).pages
    if name in example_names():
        proc = subprocess.run([sys.executable, "-m", "desktop", "pages", "--example", name],
                              capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert proc.stdout.strip() == str(shown.pages)


def test_no_page_number_on_a_blank_page_before_the_imprint(qapp):
    para = "县教育局坚持以人民为中心的发展思想，统筹推进各项工作，2026年教育事业发展质量不断提升。"
    for n in range(30, 60):
        doc = Document(properties=Properties(
            org="青石县教育局", title="青石县教育局2026年工作总结", signature="青石县教育局",
            date="2026-12-20", cc=["县委办公室"], printer="青石县教育局办公室"))
        doc.sections = [Section(title="工作", body="\n".join([para] * n))]
        rendered = render(doc)
        core = lay_out(doc, rendered)
        shown = preview_lay_out(rendered)
        assert shown.pages == core.pages and shown.pages % 2 == 0
        assert shown.unnumbered == core.unnumbered_pages
        if core.unnumbered_pages:
            assert shown.unnumbered == {shown.pages - 2, shown.pages - 1}
            return
    pytest.fail("no length needed a blank page before the 版记")


def test_headings_stay_with_their_first_paragraph(qapp):
    checked = 0
    for lead in range(1, 24):  # move the headings down the page line by line
        sections = [Section(title="开头", body="\n".join(["段落内容。"] * lead))]
        sections += [Section(title=f"第{i}项工作", level=1, body="全面推进各项工作。")
                     for i in range(1, 6)]
        out = render(Document(properties=Properties(title="测试"), sections=sections))
        pages = preview_lay_out(out)
        placed = pages.placed
        for i, p in enumerate(placed[:-1]):
            if p.role.startswith("heading") and placed[i + 1].role == "body":
                checked += 1
                assert placed[i + 1].page == p.page, (lead, p.section_id)
    assert checked >= 100


@pytest.mark.parametrize("name", example_names())
def test_every_character_is_set_on_its_own_line_in_order(qapp, name):
    """Each paragraph's QTextLayout holds the model's lines, one under the
    other: a line that ends with a ， or 。 hanging in the margin keeps it
    (it once lost the line's last characters to an unplaced extra line
    drawn over the paragraph's first: "挥" beside "2.全面落实…")."""
    doc = load_example(name)
    shown = preview_lay_out(render(doc), profile=doc.settings.font_profile,
                            latin=doc.settings.latin_font)
    seen = set()
    for item in shown.placed:
        layout = item.layout
        if id(layout) in seen:
            continue
        seen.add(id(layout))
        lines = [layout.lineAt(i) for i in range(layout.lineCount())]
        set_lines = [line for line in lines if line.textLength() > 0]
        assert sum(line.textLength() for line in set_lines) == len(layout.text()), layout.text()
        tops = [line.y() for line in set_lines]
        assert tops == sorted(tops), layout.text()
        if item.role != "annex_table":  # (a table's cells of one row share a line)
            assert len(set(tops)) == len(tops), layout.text()


@pytest.mark.parametrize("width", [120, 200, 420])
def test_a_page_always_fits_the_pane_width(qapp, width):
    """No horizontal scrolling in the preview: in a narrow pane (a 1024-px
    screen with the docks open) the pages shrink instead of losing their
    right side."""
    from desktop.ui.preview import PageCanvas
    canvas = PageCanvas()
    canvas.resize(width, 400)
    canvas.set_width(width)
    rect = canvas.page_rect(0)
    assert rect.left() >= 0 and rect.right() <= width
    assert rect.width() >= width - 2 * 14 - 1  # and uses the width it has
