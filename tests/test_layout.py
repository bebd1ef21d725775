"""The layout model (desktop.layout): placement rules and pagination on the
grid estimate.  Agreement with LibreOffice is in test_layout_render.py."""

from __future__ import annotations

from desktop import gbt9704 as fmt
from desktop.export.document import body_elements
from desktop.layout import (CAPACITY, PITCH, GridMeasurer, LineSpec, attachment_indents,
                            grid_lines, imprint_height, issuer_tabs, lay_out, place,
                            table_column_widths)
from desktop.linebreak import grid_width
from desktop.model import Document, Properties, Section
from desktop.render import render

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def summary(n_paragraphs: int, text: str = "全年各项工作扎实推进。") -> Document:
    doc = Document(properties=Properties(
        org="青石县教育局", title="青石县教育局2026年工作总结", signature="青石县教育局",
        date="2026-11-22", cc=["县委办公室"], printer="青石县教育局办公室"))
    doc.sections = [Section(title="工作", body="\n".join([text] * n_paragraphs))]
    return doc


def test_imprint_goes_to_an_even_page():
    def pages(n):
        doc = summary(n)
        rendered = render(doc)
        layout = lay_out(doc, rendered)
        paragraphs = body_elements(doc, rendered, layout)
        breaks = sum(1 for p in paragraphs
                     if p.find(f"{{{W}}}pPr/{{{W}}}pageBreakBefore") is not None)
        # an unnumbered 版记 page: its section begins on a new page instead
        breaks += not layout.imprint.numbered
        assert breaks == layout.imprint.blank_pages
        return layout.text_pages, layout.used, breaks, layout.pages

    # ends on page 1: one break, the 版记 goes to page 2
    assert pages(3)[0] == 1 and pages(3)[2] == 1
    # ends early on page 2: the 版记 stays on page 2
    page, used, breaks, total = pages(25)
    assert page == 2 and breaks == 0 and total == 2
    # ends at the foot of page 2: a blank page 3, the 版记 on page 4
    page, used, breaks, total = pages(38)
    assert page == 2 and breaks == 2 and total == 4
    for n in range(1, 80, 7):
        page, used, breaks, total = pages(n)
        assert (page + breaks) % 2 == 0 and total % 2 == 0


def test_a_full_page_holds_22_grid_lines():
    doc = summary(22)
    layout = lay_out(doc, render(doc))
    assert CAPACITY // PITCH == fmt.PAGE.lines
    body = [pb for pb in layout.blocks if pb.placement.role == "body"]
    assert len({pc.page for pb in body for pc in pb.pieces}) == 2


def test_placement_rules():
    doc = summary(2)
    doc.properties.red_header = True
    doc.properties.header_text = "青石县教育局文件"
    doc.properties.doc_number = "青教发〔2026〕12号"
    doc.properties.attachments = ["一", "二"]
    doc.properties.title = "青山县教育局关于印发《青山县教育局2026年教育工作要点》的通知"
    placed = {}
    for p in place(render(doc)):
        placed.setdefault(p.role, p)
    assert placed["title"].text.count("\n") == 1 and placed["title"].before == 2 * PITCH
    assert placed["attachment"].before == PITCH
    assert placed["red_header"].before == fmt.mm_to_twips(fmt.RED_HEADER_TOP_MM)
    assert placed["signature"].right_chars >= 2


def test_grid_lines_hang_closing_punctuation_and_keep_numbers():
    spec = LineSpec("body", 16.0, -5, 0, 0, 2)
    # 26 characters fill the first line (2 indented); the full stop hangs
    text = "一" * 26 + "。"
    assert grid_lines(text, spec) == [text]
    assert GridMeasurer().count_lines("一" * 27, spec) == 2
    # a number is not split over two lines
    lines = grid_lines("一" * 25 + "2026年", spec)
    assert lines[1].startswith("2026")


def test_widths_on_the_grid_and_what_the_format_computes_from_them():
    assert grid_width("附件：") == 3 and grid_width("1.") == 1 and grid_width("“2026”") == 4
    assert attachment_indents("附件：1.名称") == (6.0, 4.0)  # 2 in, "附件：1." hangs
    assert attachment_indents("2.名称") == (6.0, 1.0)  # under the "1."
    rules = round((fmt.IMPRINT_THICK.size_eighths * 2 + fmt.IMPRINT_THIN.size_eighths) / 8 * 20)
    assert imprint_height([1, 2]) == 3 * fmt.IMPRINT_LINE_TWIPS + rules
    assert sum(table_column_widths()) == fmt.PAGE.text_width_twips
    label, names = issuer_tabs(["张三", "李四  王五"])
    assert 0 < label < names < fmt.PAGE.text_width_twips
    assert issuer_tabs(["张三"])[1] > names  # a narrower widest line starts further right


def test_a_table_continued_on_a_new_page_repeats_its_header_row():
    # the export marks the header row w:tblHeader: LibreOffice and Word print it
    # again at the top of every page the table goes on to, so the model counts it
    from desktop.examples import load_example
    from desktop.model import Figure, Role
    doc = load_example("report-county")
    for i in range(30):
        doc.figures.append(Figure(name=f"第{i + 1}项补充指标", unit="个", last=1, value=2))
        doc.properties.table_figures.append(f"第{i + 1}项补充指标")
    layout = lay_out(doc, render(doc))
    table = next(pb for pb in layout.blocks if pb.placement.role == Role.ANNEX_TABLE)
    row = fmt.TABLE_ROW_TWIPS
    assert table.placement.line == row and table.lines == 42 and table.heights == [row] * 42
    first, second = table.pieces
    assert first.header == 0 and first.top + first.count * row <= CAPACITY < \
        first.top + (first.count + 1) * row
    assert (second.page, second.top, second.header) == (first.page + 1, row, row)
    assert second.first == first.count and first.count + second.count == 42
    # and the paragraph the export ends the text with after the table
    assert layout.used == row + second.count * row + table.placement.after \
        + fmt.TABLE_END_TWIPS
