"""文种 in the properties dialog: 报告 applies the 上行文 header; 签发人 and
the indicators table's figures round-trip and apply as one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.model import Figure, Properties
from tests.ui.docks_fixtures import make_properties_dialog as make


def test_report_applies_the_upward_header(qtbot, session):
    session.document.properties = Properties(title="{{ org }}{{ year }}年工作总结", as_notice=True)
    dialog = make(qtbot, session)
    assert not dialog.signers_editor.isEnabled()
    dialog.doc_type_combo.setCurrentIndex(dialog.doc_type_combo.findData("报告"))
    assert dialog.title_edit.text() == "{{ org }}关于{{ year }}年工作总结的报告"
    assert not dialog.as_notice_check.isChecked() and dialog.signers_editor.isEnabled()
    dialog.signers_editor.add_item("周正明")
    dialog.signers_editor.add_item("李文华")
    dialog.accept()
    p = session.document.properties
    assert (p.doc_type, p.signers, p.as_notice) == ("报告", ["周正明", "李文华"], False)
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert session.document.properties.doc_type == "" and session.document.properties.as_notice


def test_table_figures_chosen_and_ordered(qtbot, session):
    doc = session.document
    doc.figures = [Figure("甲", "%", value=1), Figure("乙", "人", value=2), Figure("丙", "所", value=3)]
    doc.properties.table_figures = ["丙", "甲"]
    dialog = make(qtbot, session)
    editor = dialog.table_figures_editor
    assert [editor.list.item(i).text() for i in range(3)] == ["丙", "甲", "乙"]
    assert editor.values() == ["丙", "甲"]
    editor.list.item(2).setCheckState(Qt.CheckState.Checked)
    editor.list.setCurrentRow(2)
    editor.move_current(-1)
    editor.move_current(-1)
    assert editor.values() == ["乙", "丙", "甲"]
    dialog.table_title_edit.setText("2026年主要指标完成情况表")
    dialog.accept()
    assert doc.properties.table_figures == ["乙", "丙", "甲"]
    assert doc.properties.table_title == "2026年主要指标完成情况表"
