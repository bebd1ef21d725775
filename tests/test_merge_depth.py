"""汇总: a draft's items below the four official levels (一、（一）1.（1）) are written
①②③ (deeper ones without a number), never as a second （1） under a （1） heading."""

from __future__ import annotations

import pytest

from desktop.merge import merge_files
from desktop.merge.depth import deep_body, flatten
from desktop.number_styles import CIRCLED
from desktop.render import render
from desktop.reuse import RSection
from desktop.reuse.markers import OFFICIAL_LEVEL, parse_marker
from desktop.source import split_paragraphs
from tests.drafts import Item, write_draft

YEAR = 2026

# 一、（一）1.（1） and a fifth level 1) beneath (typed, then by Word's automatic numbering)
FIVE_LEVELS = [
    Item(1, "主要工作"),
    Item(2, "课堂教学改革", ["全面推进课堂教学改革。"]),
    Item(3, "教研活动", ["组织各类教研活动。"]),
    Item(4, "学科教研", ["开展学科教研36次。"]),
    Item(5, "语文学科", ["语文教研12次。"]),
    Item(5, "数学学科", ["数学教研10次。"]),
    Item(4, "校本教研", ["指导学校开展校本教研。"]),
    Item(5, "城区学校", ["城区学校全覆盖。"]),
    Item(3, "教师培训", ["培训教师1200人次。"]),
    Item(4, "骨干培训", ["培训骨干教师80人。"]),
]


def _typed(path, paragraphs: list[str]) -> None:
    """A draft typed paragraph by paragraph: title first, then the text as given."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    d = docx.Document()
    d.add_paragraph("教研室2026年工作总结").alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in paragraphs:
        d.add_paragraph(text)
    d.add_paragraph("教研室").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.save(str(path))


def _official(text: str) -> int | None:
    m = parse_marker(text)
    return OFFICIAL_LEVEL.get(m.kind) if m is not None and text[m.length:].strip() else None


def _assert_no_repeated_marker(doc) -> None:
    """No body paragraph carries an official number (一、（一）1.（1） belong to
    headings); the circled items under each heading run ①②③ from ①."""
    blocks = render(doc).blocks
    circled_run = 0
    for b in blocks:
        text = b.full_text
        if b.role.startswith("heading"):
            circled_run = 0
            continue
        if b.role != "body":
            continue
        assert _official(text) is None, text
        if text[:1] in CIRCLED:
            assert text[0] == CIRCLED[circled_run], (text, circled_run)
            circled_run += 1
    for s in doc.walk():
        for line in split_paragraphs(s.body):
            assert _official(line) is None, (s.title, line)


def _body_of(doc, title: str) -> list[str]:
    return split_paragraphs(next(s for s in doc.walk() if s.title == title).body)


@pytest.mark.parametrize("auto", [False, True])
def test_fifth_level_reads_circled_and_is_noted(tmp_path, auto):
    path = tmp_path / "教研室.docx"
    write_draft(path, "教研室2026年工作总结", FIVE_LEVELS, signature="教研室", date="2026年12月1日",
                auto=auto)
    result = merge_files([path], YEAR)
    doc = result.document
    # 主要工作 is the bureau's chapter: （一）→ level 3, 1. → level 4, （1）→ ①, 1) → no number
    item = next(s for s in doc.walk() if s.title == "教研活动")
    assert item.level == 4 and not item.children
    body = _body_of(doc, "教研活动")
    assert body[:3] == ["组织各类教研活动。", "①学科教研", "开展学科教研36次。"]
    assert "②校本教研" in body and "③校本教研" not in body
    assert _body_of(doc, "教师培训")[1] == "①骨干培训"  # counted anew under each heading
    for text in ["语文学科", "语文教研12次。", "数学学科", "数学教研10次。", "城区学校", "城区学校全覆盖。"]:
        # the fifth level keeps its text; typed numbers are dropped, Word's were never text
        assert body.count(text) == 1, text
    _assert_no_repeated_marker(doc)
    # one note per rewritten heading, pointing at its first rewritten paragraph
    notes = [n for n in result.notes if "超出四级" in n.message]
    assert len(notes) == 2
    first = notes[0]
    assert first.ref is not None and doc.find(first.ref.section_id) is item
    assert first.ref.field == "body" and body[first.ref.paragraph] == "①学科教研"
    assert "①②③" in first.message and "（1）" in first.message
    from desktop.ui.review_notes import locate_note  # pure function, no widgets made
    assert locate_note(doc, first) == first.ref


def test_a_fifth_level_the_reader_kept_as_text_is_renumbered(tmp_path):
    """一、（一）（1） then 1） beneath: the reader keeps the 1） items as text of the
    （1） item (its fifth level), and that item lands on level 4 of the merged outline."""
    path = tmp_path / "d.docx"
    _typed(path, ["一、主要工作", "（一）教研工作", "（1）学科教研", "开展学科教研36次。",
                  "1）语文学科教研12次。", "2）数学学科教研10次。", "（2）校本教研", "1）城区学校全覆盖。",
                  "二、存在问题", "教研员不足。"])
    result = merge_files([path], YEAR)
    doc = result.document
    assert next(s for s in doc.walk() if s.title == "学科教研").level == 4
    assert _body_of(doc, "学科教研") == ["开展学科教研36次。", "①语文学科教研12次。", "②数学学科教研10次。"]
    assert _body_of(doc, "校本教研") == ["①城区学校全覆盖。"]
    _assert_no_repeated_marker(doc)
    notes = [n for n in result.notes if "超出四级" in n.message]
    assert len(notes) == 2 and "“1）”" in notes[0].message and "去掉编号" not in notes[0].message
    assert notes[0].ref is not None and notes[0].ref.paragraph == 1


def test_the_drafts_own_paren_number_under_a_paren_heading(tmp_path):
    """一、（一）1. 1) then （1） beneath: the merged （1） heading (the draft's 1.) is
    followed by ①②, never by the draft's （1） again."""
    path = tmp_path / "d.docx"
    _typed(path, ["一、主要工作", "（一）教研工作", "1.学科教研", "1)语文学科", "（1）古诗文", "（2）作文",
                  "2)数学学科", "（1）计算", "二、存在问题", "教研员不足。"])
    doc = merge_files([path], YEAR).document
    assert _body_of(doc, "学科教研") == ["①语文学科", "古诗文", "作文", "②数学学科", "计算"]
    _assert_no_repeated_marker(doc)
    assert "（1）学科教研\n①语文学科\n古诗文\n作文\n②数学学科" in render(doc).text()


def test_a_topic_chapter_pushes_the_draft_two_levels_down(tmp_path):
    """A chapter that says more than its kind stays a heading: the draft's 1. is ①,
    its （1） loses its number, nothing is lost."""
    path = tmp_path / "d.docx"
    _typed(path, ["一、强化教研引领", "（一）教研工作", "1.学科教研", "开展学科教研36次。", "（1）语文",
                  "语文教研12次。", "（2）数学", "2.校本教研", "二、存在问题", "教研员不足。"])
    doc = merge_files([path], YEAR).document
    assert _body_of(doc, "教研工作") == ["①学科教研", "开展学科教研36次。", "语文", "语文教研12次。", "数学",
                                     "②校本教研"]
    _assert_no_repeated_marker(doc)


def test_depth_helpers_keep_unnumbered_text_and_report_changes():
    deep = RSection(4, "1", "学科教研", body=["开展活动。", "1)语文", "语文12次。", "①古诗", "2)数学", "1.5万元经费。"])
    lines, changes = deep_body(deep)
    assert lines == ["开展活动。", "①语文", "语文12次。", "古诗", "②数学", "1.5万元经费。"]
    assert [(c.line, c.written, c.numbered) for c in changes] == [(1, "1)", True), (3, "①", False),
                                                                  (4, "2)", True)]
    shallow = RSection(2, "一", "教研", body=["1.不是条目的段落。"])
    assert deep_body(shallow) == (["1.不是条目的段落。"], [])
    run_in = RSection(4, "1", "加强管理", body=["要做好。"], run_in=True, value=1, printed="（1）")
    lines, changes = flatten([run_in, RSection(4, "2", "其他", value=2)])
    assert lines == ["①加强管理。要做好。", "②其他"]
    assert [(c.line, c.written) for c in changes] == [(0, "（1）"), (1, "（2）")]
    many = [RSection(4, str(n), f"条目{n}", value=n) for n in range(1, 23)]
    lines, changes = flatten(many)
    assert lines[19] == "⑳条目20" and lines[20:] == ["条目21", "条目22"]  # never "(21)", a （1） again
    assert [c.numbered for c in changes[19:]] == [True, False, False]
