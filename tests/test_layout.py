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


def _articles(n_chapters: int = 2, n_articles: int = 4) -> Document:
    """A 办法 read from last year's file: chapters of title-only articles (the
    article text is the level-2 title), no body between them."""
    doc = Document(properties=Properties(org="青石县教育局", title="青石县教育专项资金管理办法"))
    text = "县教育局会同县财政局按照职责分工做好专项资金的预算编制、分配下达和绩效管理工作"
    for c in range(n_chapters):
        doc.sections.append(Section(title=f"第{c + 1}章", level=1, children=[
            Section(title=f"第{c * n_articles + k + 1}条　{text}", level=2)
            for k in range(n_articles)]))
    return doc


def test_a_heading_keeps_with_its_own_text_not_with_the_next_heading():
    # a run of title-only headings was one keep-with-next chain: LibreOffice
    # pushed it whole onto the next page and left the title alone on page 1
    from desktop.model import Role
    doc = _articles()
    doc.sections[1].children[0].body = "第一款正文。"
    doc.sections[1].children.append(Section(title="加强监督", level=2, run_in=True,
                                            body="审计部门依法开展审计监督。"))
    placed = [p for p in place(render(doc)) if p.role in (Role.HEADING1, Role.HEADING2)]
    keep = [(p.role, p.keep_next) for p in placed]
    assert keep == [(Role.HEADING1, True)] + [(Role.HEADING2, False)] * 4 + [
        (Role.HEADING1, True), (Role.HEADING2, True)] + [(Role.HEADING2, False)] * 4
    # written into the .docx where it differs from the style (一级/二级标题 keep on)
    rendered = render(doc)
    layout = lay_out(doc, rendered)
    paragraphs = body_elements(doc, rendered, layout)
    keep_next = [p.find(f"{{{W}}}pPr/{{{W}}}keepNext") for p in paragraphs]
    roles = [pb.placement.role for pb in layout.blocks]
    for role, k, el in zip(roles, [pb.placement.keep_next for pb in layout.blocks], keep_next):
        if role == Role.HEADING2 and not k:
            assert el is not None and el.get(f"{{{W}}}val") == "0"
        elif role == Role.HEADING1:
            assert el is None  # the style's keep-with-next
    # the first chapter starts under the title, on page 1
    first = next(pb for pb in layout.blocks if pb.placement.role == Role.HEADING1)
    assert first.pieces[0].page == 0


def test_the_signature_never_stands_on_a_page_without_text():
    # GB/T 9704 7.3.5: 署名 and 成文日期 on the page where the text ends; a
    # short last paragraph goes to the next page with them
    from desktop.model import Role
    moved = 0
    for n in range(1, 50):
        doc = summary(n)
        rendered = render(doc)
        layout = lay_out(doc, rendered)
        pages = {pb.placement.role: pb.pieces[0].page for pb in layout.blocks
                 if pb.placement.role in (Role.SIGNATURE, Role.DATE)}
        text_pages = {pc.page for pb in layout.blocks if pb.placement.role == Role.BODY
                      for pc in pb.pieces}
        assert pages[Role.SIGNATURE] == pages[Role.DATE] and pages[Role.SIGNATURE] in text_pages, n
        last = [pb for pb in layout.blocks if pb.placement.role == Role.BODY][-1]
        assert last.placement.keep_next
        moved += last.pieces[0].top == 0 and last.pieces[0].page > 0
        # the .docx says so: the last paragraph of the text keeps with the signature
        paragraphs = body_elements(doc, rendered, layout)
        i = [pb.placement for pb in layout.blocks].index(last.placement)
        assert paragraphs[i].find(f"{{{W}}}pPr/{{{W}}}keepNext") is not None
    assert moved, "no length pushed the last paragraph on: widen the sweep"


def test_a_long_last_paragraph_is_not_pushed_on_with_the_signature():
    # LibreOffice moves a kept paragraph whole: past SIGN_OFF_KEEP_LINES lines
    # it would leave half a page empty, so it is not kept
    from desktop.model import Role
    doc = summary(3, "全年各项工作扎实推进，" * 12 + "成效明显。")
    rendered = render(doc)
    layout = lay_out(doc, rendered)
    last = [pb for pb in layout.blocks if pb.placement.role == Role.BODY][-1]
    assert last.lines > fmt.SIGN_OFF_KEEP_LINES and not last.placement.keep_next
    i = [pb.placement for pb in layout.blocks].index(last.placement)
    assert body_elements(doc, rendered, layout)[i].find(f"{{{W}}}pPr/{{{W}}}keepNext") is None
    signature = next(pb for pb in layout.blocks if pb.placement.role == Role.SIGNATURE)
    assert signature.placement.keep_next  # the signature keeps with the date


def test_titles_break_between_words_and_keep_names_whole():
    from desktop.titles import title_lines
    # 办 of 办法 and 办公室 is not the end of an organ's name; a 《》 name stays
    # whole when another break of as many lines keeps it so
    assert title_lines("江苏省财政厅 江苏省科技厅关于修订印发《江苏省高新技术企业培育资金管理办法》的通知") == [
        "江苏省财政厅 江苏省科技厅关于修订印发", "《江苏省高新技术企业培育资金管理办法》", "的通知"]
    assert title_lines("中共青石县委教育工作领导小组办公室关于做好2027年全县中小学幼儿园秋季开学工作的通知") == [
        "中共青石县委教育工作领导小组办公室", "关于做好2027年全县中小学幼儿园", "秋季开学工作的通知"]
    # "第二批" ends a phrase: not "…第二批国" / "家专精特新…"
    assert title_lines("关于组织开展推荐申报第二批国家专精特新“小巨人”企业的通知") == [
        "关于组织开展推荐申报第二批", "国家专精特新“小巨人”企业的通知"]
    lines = title_lines("青石县人民政府办公室关于转发县教育局青石县中小学校园安全专项整治工作方案的通知")
    assert not any(a.endswith("学校") and b.startswith("园") for a, b in zip(lines, lines[1:]))


def test_a_level_3_or_4_heading_on_its_own_line_never_ends_a_page():
    # 1.标题 / （1）标题 without run-in text keep with their text like 一、 and
    # （一） do (their styles do not: they are mostly run-in)
    from desktop.model import Role
    for n in range(14, 24):
        doc = summary(0)
        doc.sections = [Section(title="工作", level=1, body="\n".join(["全年各项工作扎实推进。"] * n),
                                children=[Section(title="教师招聘", level=3,
                                                  body="公开招聘教师148人。\n全部充实到乡村学校。",
                                                  children=[Section(title="招聘计划", level=4,
                                                                    body="按计划完成。")])])]
        placed = {p.role: p for p in place(render(doc))}
        assert placed[Role.HEADING3].keep_next and placed[Role.HEADING4].keep_next
        assert "keep" in placed[Role.HEADING3].direct  # over the style, into the .docx
        layout = lay_out(doc, render(doc))
        for i, pb in enumerate(layout.blocks):
            if pb.placement.role in (Role.HEADING3, Role.HEADING4):
                after = layout.blocks[i + 1]
                assert after.pieces[0].page == pb.pieces[-1].page, n
    run_in = summary(1)
    run_in.sections[0].children = [
        Section(title="教师招聘", level=3, run_in=True, body="公开招聘教师148人。"),
        Section(title="教师培训", level=3, run_in=True, body="培训教师4860人次。")]
    first = next(p for p in place(render(run_in)) if p.role == Role.HEADING3)
    assert not first.keep_next  # a paragraph of text
