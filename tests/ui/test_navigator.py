"""Going to a place given as a core SourceRef: findings, review notes."""

from __future__ import annotations

from desktop.model import ReviewNote
from desktop.source import SourceRef
from desktop.ui.properties_dialog import PropertiesDialog
from desktop.ui.review_notes import locate_note
from tests.ui.documents import make_document


def opened(window):
    doc = make_document()
    doc.sections[1].body = "发展还不平衡。\n\n  城乡差距仍然存在。"
    window.set_document(doc, None)
    return doc


def test_a_span_in_a_paragraph_of_the_body(window):
    doc = opened(window)
    sid = doc.sections[1].id
    window.navigator.go_to(SourceRef(sid, "body", 1, (2, 4)))
    assert window.session.current_section_id == sid
    assert window.editor.body_edit.textCursor().selectedText() == "差距"


def test_an_excerpt_without_a_span_and_a_whole_paragraph(window):
    doc = opened(window)
    sid = doc.sections[1].id
    window.navigator.go_to(SourceRef(sid, "body", 1), "仍然")
    assert window.editor.body_edit.textCursor().selectedText() == "仍然"
    window.navigator.go_to(SourceRef(sid, "body", 0))
    assert window.editor.body_edit.textCursor().selectedText() == "发展还不平衡。"


def test_a_title_span(window):
    doc = opened(window)
    sid = doc.sections[2].id
    window.navigator.go_to(SourceRef(sid, "title", -1, (3, 5)), "打算")
    title = window.editor.title_edit
    assert window.session.current_section_id == sid and title.selectedText() == "打算"


def test_a_property_opens_the_dialog_on_its_field(window):
    opened(window)
    seen = []
    window.run_dialog = lambda dialog: seen.append(dialog) or 0
    window.navigator.go_to(SourceRef.prop("doc_number"))
    assert isinstance(seen[-1], PropertiesDialog)
    assert seen[-1].focused_field_widget() is seen[-1].field_widget("doc_number")


def test_a_note_with_its_place_is_not_read_from_its_text():
    doc = make_document()
    target = doc.sections[0].children[1]
    # the display text names another place; the ref wins
    note = ReviewNote("三/1 下一步打算 第1段", "“2023年”可能是旧年份", "培训",
                      ref=SourceRef(target.id, "body", 0))
    found = locate_note(doc, note)
    assert (found.section_id, found.field, found.paragraph) == (target.id, "body", 0)
    gone = ReviewNote("二、存在的问题 第1段", "x", "发展", ref=SourceRef("不存在", "body", 0))
    assert locate_note(doc, gone).section_id == doc.sections[1].id  # the text is the fallback


def test_clicking_a_note_goes_to_its_place(window):
    from desktop.ui.review_notes import show_notes
    doc = opened(window)
    sid = doc.sections[1].id
    show_notes(window, [
        # the display text names another section: the note's place wins
        ReviewNote("一/1 别处 第1段", "“2023年”可能是旧年份", ref=SourceRef(sid, "body", 1)),
        ReviewNote("二 标题", "核对", "仍然", ref=SourceRef(sid, "body", 1)),
        ReviewNote("发文字号", "请填写今年的文号", ref=SourceRef.prop("doc_number")),
    ])
    dock = window.review_dock
    dock.list.itemClicked.emit(dock.list.item(0))
    assert window.session.current_section_id == sid
    assert window.editor.body_edit.textCursor().selectedText() == "城乡差距仍然存在。"
    window.session.set_current_section(doc.sections[0].id)
    dock.activate(1)
    assert window.session.current_section_id == sid
    assert window.editor.body_edit.textCursor().selectedText() == "仍然"  # the excerpt in it
    seen = []
    window.run_dialog = lambda dialog: seen.append(dialog) or 0
    dock.activate(2)
    assert seen[-1].focused_field_widget() is seen[-1].field_widget("doc_number")


def test_a_find_result_selects_that_occurrence_past_data_fields_and_blank_lines(window):
    doc = opened(window)
    s = doc.sections[1]
    s.body = "共{{ fig.报考人数 }}人发展\n\n  城乡发展"
    window.set_document(doc, None)
    window.show_find()
    window.find_bar.edit.setText("发展")
    body = window.editor.body_edit
    assert window.find_bar.find_next()
    assert window.session.current_section_id == s.id
    cursor = body.textCursor()
    assert cursor.selectedText() == "发展" and cursor.selectionStart() == 3  # 共, the chip, 人
    assert window.find_bar.find_next()
    cursor = body.textCursor()
    assert cursor.selectedText() == "发展" and cursor.selectionStart() == 5 + 1 + 1 + 4  # past the blank line


def test_a_find_result_in_a_title_and_in_the_preamble(window):
    doc = opened(window)
    doc.properties.preamble = "一年来，全县教育事业稳步发展。"
    doc.sections[2].title = "{{ year }}年下一步打算"  # the title box shows "2025年下一步打算"
    window.set_document(doc, None)
    window.show_find()
    window.find_bar.edit.setText("打算")
    assert window.find_bar.find_next()
    title = window.editor.title_edit
    assert window.session.current_section_id == doc.sections[2].id
    assert title.text() == "2025年下一步打算"
    assert title.selectedText() == "打算" and title.selectionStart() == 8
    from desktop.find_replace import find_all
    from desktop.templating import base_context
    ref = find_all(doc, "稳步", base_context(doc))[0]
    window.navigator.go_to(ref)
    assert window.editor.part() == "preamble"
    assert window.editor.body_edit.textCursor().selectedText() == "稳步"
