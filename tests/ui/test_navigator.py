"""Going to a place given as a core SourceRef: findings, review notes; from
the proofreading panel, a finding on a title, on a property (the properties
dialog opens on that field), in the 开头导语 or the 结束语."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLineEdit

from desktop.model import ReviewNote
from desktop.source import SourceRef
from desktop.ui.properties_dialog import PropertiesDialog
from desktop.ui.review_notes import locate_note
from tests.ui.documents import make_document
from tests.ui.windows import capture_dialogs


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


# -- findings on titles, properties, 前言 and 结束语 ----------------------------------------------
def faulty_document():
    doc = make_document()
    doc.sections[1].title = "存在的问题,不足"
    doc.properties.doc_number = "某教发[2025]3号"
    doc.properties.preamble = "一年来，全县教育工作稳步推进。\n今年,全县教育工作取得新成效。"
    doc.properties.closing = "我们将继续努力,再创佳绩。"
    doc.properties.date = "2023-12-20"
    return doc


def finding_index(panel, rule, section_id):
    for i, f in enumerate(panel.findings):
        if f.rule == rule and f.section_id == section_id:
            return i
    raise AssertionError(f"no {rule} finding in {section_id}: {panel.findings}")


def activate(window, index):
    """What a click in the panel does: select the row, emit findingActivated."""
    panel = window.proofread_panel
    panel.select(index)
    panel._activate(panel.tree.topLevelItem(index))


@pytest.fixture
def faulty(window):
    window.set_document(faulty_document(), None)
    window.show_proofread()
    return window


def test_title_finding_selects_the_text_in_the_title_field(faulty):
    w = faulty
    panel = w.proofread_panel
    section = w.session.document.sections[1]
    i = finding_index(panel, "halfwidth-punct", section.id)
    assert panel.findings[i].paragraph == -1
    dialogs = capture_dialogs(w)
    activate(w, i)
    assert not dialogs
    assert w.session.current_section_id == section.id
    title = w.editor.title_edit
    assert title.text() == "存在的问题,不足"
    assert title.selectedText() == ","
    assert title.selectionStart() == 5


def test_title_finding_with_template_title_selects_the_excerpt(window):
    doc = faulty_document()
    doc.sections[1].title = "{{ year }}年存在的问题,不足"
    window.set_document(doc, None)
    window.show_proofread()
    panel = window.proofread_panel
    i = finding_index(panel, "halfwidth-punct", doc.sections[1].id)
    activate(window, i)
    title = window.editor.title_edit
    assert title.text() == f"{doc.properties.year}年存在的问题,不足"  # shown as printed
    assert title.selectedText() == ","
    assert title.selectionStart() == title.text().index(",")


def test_property_finding_opens_the_dialog_on_that_field(faulty):
    w = faulty
    panel = w.proofread_panel
    dialogs = capture_dialogs(w)
    activate(w, finding_index(panel, "doc-number-format", "@properties"))
    assert len(dialogs) == 1 and isinstance(dialogs[0], PropertiesDialog)
    d = dialogs[0]
    assert d.tabs.tabText(d.tabs.currentIndex()) == "版头与主送"
    assert d.focused_field_widget() is d.doc_number_edit
    assert d.doc_number_edit.selectedText() == "[2025]3号"


def test_date_finding_opens_the_date_field(faulty):
    w = faulty
    dialogs = capture_dialogs(w)
    activate(w, finding_index(w.proofread_panel, "date-year", "@properties"))
    d = dialogs[0]
    assert d.tabs.tabText(d.tabs.currentIndex()) == "落款与版记"
    assert d.focused_field_widget() is d.date_edit.edit


@pytest.mark.parametrize("where,field,tab_paragraph", [("@preamble", "preamble", 1),
                                                        ("@closing", "closing", 0)])
def test_preamble_and_closing_findings_select_in_the_editor(faulty, where, field,
                                                             tab_paragraph):
    """The 开头导语 and 结束语 are edited in the main editor like any section."""
    w = faulty
    panel = w.proofread_panel
    i = finding_index(panel, "halfwidth-punct", where)
    assert panel.findings[i].paragraph == tab_paragraph
    dialogs = capture_dialogs(w)
    activate(w, i)
    assert dialogs == []
    assert w.editor.part() == field
    body = w.editor.body_edit
    cursor = body.textCursor()
    assert cursor.selectedText() == ","
    line = body.toPlainText().split("\n")[tab_paragraph]
    assert cursor.selectionStart() == body.toPlainText().index(line) + line.index(",")


def test_focus_field_when_the_dialog_is_shown(qtbot, faulty):
    d = PropertiesDialog(faulty.session, faulty)
    qtbot.addWidget(d)
    assert d.focus_field("signature", "")
    assert not d.focus_field("no-such-field")
    d.show()
    qtbot.waitExposed(d)
    qtbot.waitUntil(lambda: d.focusWidget() is d.signature_edit)
    assert isinstance(d.focusWidget(), QLineEdit)
    d.reject()


def test_properties_action_still_opens_the_dialog_on_the_first_tab(faulty):
    dialogs = capture_dialogs(faulty)
    faulty.act_properties.trigger()  # triggered(bool) must not become a field name
    assert len(dialogs) == 1 and dialogs[0].tabs.currentIndex() == 0
    assert dialogs[0].focused_field_widget() is None
