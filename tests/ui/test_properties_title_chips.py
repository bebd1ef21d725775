"""文档属性 → 标题: the title shows chips (机关名称, 本年度 …), never template
code, and gives back the same field text."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMimeData, Qt
from PySide6.QtGui import QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from desktop.model import Properties
from desktop.ui.field_edit import BROKEN, CHIP, LABEL, VALUE
from tests.ui.docks_fixtures import make_properties_dialog as make

TITLE = "{{ org }}{{ year }}年工作总结及{{ next_year }}年工作计划"


def chip_formats(edit) -> list:
    formats, block = [], edit.document().begin()
    it = block.begin()
    while not it.atEnd():
        fmt = it.fragment().charFormat()
        if fmt.objectType() == CHIP:
            formats.append(fmt)
        it += 1
    return formats


def chip_labels(edit) -> list[str]:
    return [str(fmt.property(LABEL)) for fmt in chip_formats(edit)]


def type_text(widget, text: str) -> None:
    """Key presses carrying Chinese text (QTest.keyClicks only knows Latin-1)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def dialog_on(qtbot, session, **props):
    props = {"org": "某某县教育局", "year": 2026, "title": TITLE, **props}
    session.document.properties = Properties(**props)
    return make(qtbot, session)


def test_title_shows_chips_not_code(qtbot, session):
    dialog = dialog_on(qtbot, session)
    edit = dialog.title_edit
    assert "{{" not in edit.toPlainText() and "{{" not in edit.display_text()
    assert "{{" not in edit.placeholderText() and "Ctrl+空格" in edit.placeholderText()
    assert chip_labels(edit) == ["机关名称", "本年度", "下一年度"]
    assert edit.display_text() == "某某县教育局2026年工作总结及2027年工作计划"
    assert edit.document().blockCount() == 1
    assert edit.height() < 2 * edit.fontMetrics().height() + 16  # one line high
    assert dialog.properties().title == TITLE


def test_chips_follow_year_and_org_typed_in_the_dialog(qtbot, session):
    dialog = dialog_on(qtbot, session)
    dialog.year_spin.setValue(2027)
    dialog.org_edit.setText("某某市教育局")
    assert dialog.title_edit.display_text() == "某某市教育局2027年工作总结及2028年工作计划"
    assert dialog.title_edit.text() == TITLE


def test_typing_after_a_chip_and_deleting_a_chip_keep_the_fields(qtbot, session):
    dialog = dialog_on(qtbot, session)
    edit = dialog.title_edit
    edit.setFocus()
    cursor = edit.textCursor()
    cursor.setPosition(1)  # after the 机关名称 chip
    edit.setTextCursor(cursor)
    type_text(edit, "关于")
    assert edit.text() == "{{ org }}关于{{ year }}年工作总结及{{ next_year }}年工作计划"
    cursor = edit.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.setPosition(edit.toPlainText().index("年工作计划"))
    edit.setTextCursor(cursor)
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)  # the 下一年度 chip, whole
    assert edit.text() == "{{ org }}关于{{ year }}年工作总结及年工作计划"
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert edit.text() == "{{ org }}关于{{ year }}年工作总结及{{ next_year }}年工作计划"
    dialog.accept()
    assert session.document.properties.title == edit.text()


def test_return_accepts_the_dialog_without_a_newline(qtbot, session):
    dialog = dialog_on(qtbot, session)
    dialog.show()
    edit = dialog.title_edit
    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    type_text(edit, "（草稿）")
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert edit.document().blockCount() == 1
    assert session.document.properties.title == TITLE + "（草稿）"


def test_pasted_line_breaks_become_nothing(qtbot, session):
    dialog = dialog_on(qtbot, session, as_notice=True)
    edit = dialog.notice_title_edit
    data = QMimeData()
    data.setText("关于印发\n工作要点\r\n的通知")
    edit.insertFromMimeData(data)
    assert edit.document().blockCount() == 1
    assert dialog.properties().notice_title == "关于印发工作要点的通知"


def test_ctrl_space_offers_the_names_and_years(qtbot, session):
    dialog = dialog_on(qtbot, session, title="")
    edit = dialog.title_edit
    menu = edit.field_menu()
    texts = [a.text() for a in menu.actions()]
    assert texts[:2] == ["机关名称　某某县教育局", "机关简称　某某县教育局"]
    assert "本年度　2026" in texts
    menu.actions()[0].trigger()
    edit.insertPlainText("2026年工作要点")
    assert dialog.properties().title == "{{ org }}2026年工作要点"
    assert "{{" not in edit.toPlainText()


def test_doc_type_change_rewrites_the_title_as_chips(qtbot, session):
    dialog = dialog_on(qtbot, session, doc_type="")
    session.document.properties.title = "{{ org }}{{ year }}年工作总结"
    dialog.title_edit.setText("{{ org }}{{ year }}年工作总结")
    dialog.doc_type_combo.setCurrentIndex(dialog.doc_type_combo.findData("报告"))
    edit = dialog.title_edit
    assert edit.text() == "{{ org }}关于{{ year }}年工作总结的报告"
    assert "{{" not in edit.toPlainText()
    assert chip_labels(edit) == ["机关名称", "本年度"]
    assert edit.display_text() == "某某县教育局关于2026年工作总结的报告"


def test_focus_field_selects_the_printed_excerpt(qtbot, session):
    dialog = dialog_on(qtbot, session)
    assert dialog.focus_field("title", "工作总结")
    cursor = dialog.title_edit.textCursor()
    assert cursor.selectedText() == "工作总结"


def test_empty_title_shows_its_placeholder(qtbot, session):
    dialog = dialog_on(qtbot, session, title="")
    dialog.show()
    edit = dialog.title_edit
    with_hint = edit.grab().toImage()
    hint = edit.placeholderText()
    edit.setPlaceholderText("")
    assert edit.grab().toImage() != with_hint  # the hint is drawn (QTextEdit alone would not)
    edit.setPlaceholderText(hint)
    assert edit.grab().toImage() == with_hint


def test_a_long_title_stays_on_one_line(qtbot, session):
    dialog = dialog_on(qtbot, session)
    dialog.show()
    edit = dialog.title_edit
    height = edit.height()
    edit.setText(TITLE * 4)
    edit.moveCursor(QTextCursor.MoveOperation.End)
    assert edit.document().blockCount() == 1 and edit.height() == height
    assert edit.horizontalScrollBar().value() > 0  # scrolled to the cursor, as a line edit


def test_an_empty_org_shows_the_chip_by_its_name(qtbot, session):
    dialog = dialog_on(qtbot, session, org="")
    edit = dialog.title_edit
    org = chip_formats(edit)[0]
    assert (org.property(VALUE), org.property(BROKEN)) == ("〈机关名称〉", True)
    dialog.org_edit.setText("某某县教育局")
    org = chip_formats(edit)[0]
    assert (org.property(VALUE), org.property(BROKEN)) == ("某某县教育局", False)
    assert dialog.properties().title == TITLE
