"""The body as text with live field chips: no template code for the clerk."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt

from desktop import fields
from desktop.model import Document, Figure, Properties, Section
from desktop.render import render
from desktop.ui.editor import SectionEditor
from desktop.ui.field_edit import CHIP, VALUE
from desktop.ui.session import DocumentSession

SOURCE = ("{% if fig.新增学位.has_value %}全年新增学位{{ fig.新增学位 }}，"
          "{{ fig.新增学位.vs_last }}{% else %}学位持续增加{% endif %}。")


def ctrl_key(qtbot, widget, key):
    """Ctrl+key, then the modifier released (QTest leaves Ctrl held for the
    tests that follow otherwise)."""
    qtbot.keyClick(widget, key, Qt.ControlModifier)
    qtbot.keyRelease(widget, Qt.Key_Control)


def make(qtbot):
    doc = Document(properties=Properties(year=2026),
                   sections=[Section(title="学前教育", template_text=SOURCE)],
                   figures=[Figure("新增学位", unit="个", last=1000, value=1200)])
    session = DocumentSession(doc)
    editor = SectionEditor(session)
    qtbot.addWidget(editor)
    editor.resize(700, 400)
    editor.show()
    session.set_current_section(doc.sections[0].id)
    return session, editor, doc.sections[0]


def chips(edit):
    out = []
    block = edit.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.objectType() == CHIP:
                out.append(fmt.property(VALUE))
            it += 1
        block = block.next()
    return out


def test_template_driven_text_shows_as_text_with_chips(qtbot):
    session, editor, s = make(qtbot)
    body = editor.body_edit
    assert "{" not in body.toPlainText()
    assert body.display_text() == "全年新增学位1200个，比上年增长20%。"
    assert chips(body) == ["1200个", "比上年增长20%"]
    assert editor.mode_label.text() == "按模板生成，随指标表更新"
    assert editor.source_toggle.isVisible() and editor.freeze_button.isVisible()


def test_typing_keeps_the_text_and_fields_stay_live(qtbot):
    session, editor, s = make(qtbot)
    body = editor.body_edit
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    body.textCursor().insertText("成效明显")  # what an input method commits
    qtbot.keyClicks(body, "ok")
    assert not fields.is_live(s) and s.template_text == SOURCE
    assert fields.parse(s.body)[-1] == "。成效明显ok"
    assert session.undo_stack.count() == 1
    # a figure changes: the text follows, in the editor and in the print
    s_doc = session.document
    s_doc.figures[0].value = 1500
    session.notify_figures()
    assert chips(body) == ["1500个", "比上年增长50%"]
    assert render(s_doc).blocks_of(s.id)[1].text == "全年新增学位1500个，比上年增长50%。成效明显ok"
    session.undo_stack.undo()
    assert fields.is_live(s)  # template-driven again
    assert editor.regenerate_button.isHidden()


def test_ctrl_space_after_chinese_text_inserts_a_field(qtbot):
    session, editor, s = make(qtbot)
    body = editor.body_edit
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    body.textCursor().insertText("其中")
    ctrl_key(qtbot, body, Qt.Key_Space)  # after Chinese text
    popup = body.last_menu
    assert popup is not None and popup.isVisible()
    popup.close()
    menu = body.field_menu()
    names = [a.text() for a in menu.actions()]
    assert any(n.startswith("本年度") for n in names)
    sub = next(a.menu() for a in menu.actions() if a.text() == "新增学位")
    sub.actions()[0].trigger()  # 本年数值
    assert s.body.endswith("其中{{ fig.新增学位 }}")
    qtbot.keyClicks(body, "x")
    assert s.body.endswith("其中{{ fig.新增学位 }}x")
    qtbot.keyClick(body, Qt.Key_Backspace)
    qtbot.keyClick(body, Qt.Key_Backspace)  # a chip goes whole
    assert s.body.endswith("其中")


def test_freeze_source_view_and_regenerate(qtbot):
    session, editor, s = make(qtbot)
    editor.freeze()
    assert s.body == "全年新增学位1200个，比上年增长20%。" and s.template_text == ""
    assert not editor.source_toggle.isVisible()
    session.undo_stack.undo()
    assert fields.is_live(s)
    editor.source_toggle.setChecked(True)
    assert editor.source_edit.toPlainText() == SOURCE
    editor.source_edit.setPlainText(SOURCE.replace("全年", "本年"))
    assert s.template_text.startswith("{% if fig.新增学位.has_value %}本年")
    assert editor.body_edit.display_text().startswith("本年新增学位")


def test_pasted_word_text_joins_lines_and_offers_sections(qtbot):
    session, editor, s = make(qtbot)
    body = editor.body_edit
    body.moveCursor(body.textCursor().MoveOperation.End)
    data = QMimeData()
    data.setText("教育事业\r\n稳步发展。\r\n一、主要工作\r\n（一）学前教育\r\n")
    body.insertFromMimeData(data)
    assert body.display_text().endswith("教育事业稳步发展。\n一、主要工作\n（一）学前教育")
    assert editor.paste_bar.isVisible()
    seen = []
    editor.sectionsPasted.connect(lambda sid, text: seen.append((sid, text)))
    editor.paste_sections_button.click()
    assert seen and seen[0][0] == s.id and seen[0][1].startswith("教育事业稳步发展。")
    assert body.display_text() == "全年新增学位1200个，比上年增长20%。"


def test_ctrl_b_bolds_a_lead_in(qtbot):
    session, editor, s = make(qtbot)
    body = editor.body_edit
    body.set_field_text("一是加强党建。")
    body._changed()
    cursor = body.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(2, cursor.MoveMode.KeepAnchor)
    body.setTextCursor(cursor)
    body.setFocus()
    ctrl_key(qtbot, body, Qt.Key_B)
    assert s.body == "{#b#}一是{#/b#}加强党建。"
    assert render(session.document).blocks_of(s.id)[1].bold == ((0, 2),)
    body.set_field_text(s.body)  # shown bold again when loaded
    assert body.field_text() == s.body


def test_preamble_and_closing_are_edited_like_sections(window, qtbot):
    from tests.ui.documents import make_document
    doc = make_document()
    doc.properties.preamble = "{{ year }}年，全县教育工作稳步推进。"
    window.set_document(doc, None)
    qtbot.mouseClick(window.preamble_button, Qt.LeftButton)
    editor = window.editor
    assert editor.part() == "preamble" and editor.heading.text() == "开头导语"
    assert not editor.title_edit.isVisible()
    body = editor.body_edit
    assert body.display_text() == "2025年，全县教育工作稳步推进。"
    body.moveCursor(body.textCursor().MoveOperation.End)
    body.textCursor().insertText("成效明显。")
    assert doc.properties.preamble == "{{ year }}年，全县教育工作稳步推进。成效明显。"
    window.session.undo_stack.undo()
    assert doc.properties.preamble == "{{ year }}年，全县教育工作稳步推进。"
    assert body.display_text() == "2025年，全县教育工作稳步推进。"
    window.go_to_section("@closing")
    assert editor.part() == "closing"
    body.textCursor().insertText("特此报告。")
    assert doc.properties.closing == "特此报告。"
    window.live.render_now()
    assert window.live.result.blocks_of("@closing")[0].text == "特此报告。"
    window.go_to_section(doc.sections[0].id)
    assert editor.part() == "" and editor.title_edit.isVisible()
