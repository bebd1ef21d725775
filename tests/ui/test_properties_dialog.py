"""PropertiesDialog: every field round-trips; OK is one undo step."""

from __future__ import annotations

from PySide6.QtCore import QDate

from desktop.model import Properties, Settings
from desktop.ui.properties_dialog import ListEditor
from tests.ui.docks_fixtures import make_properties_dialog as make


def test_unchanged_dialog_pushes_nothing(qtbot, session):
    dialog = make(qtbot, session)
    assert dialog.properties() == session.document.properties
    assert dialog.settings() == session.document.settings
    dialog.accept()
    assert session.undo_stack.count() == 0


def test_full_round_trip_of_a_filled_document(qtbot, session):
    full = Properties(kind="工作计划", year=2027, org="某某县教育局", org_short="某教",
                      title="{{ org }}{{ year }}年工作要点", recipients="各学校",
                      red_header=True, header_text="某某县教育局文件", doc_number="某教发〔2027〕1号",
                      preamble="导语一\n导语二", closing="结束语", attachments=["附件一", "附件二"],
                      signature="某某县教育局", date="2027-01-15", note="此件公开发布",
                      cc=["县委办", "县政府办"], printer="某某县教育局办公室",
                      print_date="2027-01-16", as_notice=True, notice_title="关于印发的通知",
                      notice_body="现将……印发给你们。")
    settings = Settings(numbering_mode="continuous", font_profile="windows",
                        latin_font="Times New Roman")
    session.document.properties = full
    session.document.settings = settings
    dialog = make(qtbot, session)
    assert dialog.properties() == full
    assert dialog.settings() == settings


def test_ok_applies_everything_as_one_undo_step(qtbot, session):
    old_props = session.document.properties
    dialog = make(qtbot, session)
    dialog.kind_combo.setCurrentText("工作计划")
    dialog.year_spin.setValue(2027)
    dialog.org_edit.setText("某某区教育局")
    dialog.red_header_check.setChecked(True)
    dialog.header_text_edit.setText("某某区教育局文件")
    dialog.doc_number_edit.setText("某教发〔2027〕3号")
    dialog.recipients_edit.setText("各中小学：")
    dialog.attachments_editor.add_item("2027年重点项目表")
    dialog.cc_editor.add_item("区政府办公室")
    dialog.signature_edit.setText("某某区教育局")
    dialog.date_edit.check.setChecked(True)
    dialog.date_edit.edit.setDate(QDate(2027, 1, 10))
    dialog.as_notice_check.setChecked(True)
    dialog.numbering_combo.setCurrentIndex(dialog.numbering_combo.findData("per_chapter"))
    dialog.font_profile_combo.setCurrentIndex(dialog.font_profile_combo.findData("windows"))
    dialog.latin_font_combo.setCurrentIndex(dialog.latin_font_combo.findData("Times New Roman"))

    with qtbot.waitSignals([session.propertiesChanged, session.settingsChanged]):
        dialog.accept()
    assert session.undo_stack.count() == 1
    p, s = session.document.properties, session.document.settings
    assert (p.kind, p.year, p.org, p.red_header, p.header_text) == (
        "工作计划", 2027, "某某区教育局", True, "某某区教育局文件")
    assert p.recipients == "各中小学" and p.attachments == ["2027年重点项目表"]
    assert p.cc == ["区政府办公室"] and p.date == "2027-01-10" and p.as_notice
    assert (s.numbering_mode, s.font_profile, s.latin_font) == (
        "per_chapter", "windows", "Times New Roman")

    session.undo_stack.undo()
    assert session.document.properties == old_props
    assert session.document.settings == Settings()
    session.undo_stack.redo()
    assert session.document.properties.year == 2027


def test_settings_only_change_notifies_settings_only(qtbot, session):
    dialog = make(qtbot, session)
    dialog.numbering_combo.setCurrentIndex(dialog.numbering_combo.findData("continuous"))
    fired = []
    session.propertiesChanged.connect(lambda: fired.append("p"))
    session.settingsChanged.connect(lambda: fired.append("s"))
    assert dialog.apply()
    assert fired == ["s"]


def test_cancel_changes_nothing(qtbot, session):
    dialog = make(qtbot, session)
    dialog.org_edit.setText("别的单位")
    dialog.reject()
    assert session.document.properties.org == "某某县教育局"
    assert session.undo_stack.count() == 0


def test_optional_date_can_be_cleared(qtbot, session):
    session.document.properties.date = "2026-12-20"
    dialog = make(qtbot, session)
    assert dialog.date_edit.iso() == "2026-12-20"
    dialog.date_edit.check.setChecked(False)
    assert dialog.properties().date == ""


def test_custom_latin_font(qtbot, session):
    dialog = make(qtbot, session)
    dialog.latin_font_combo.setEditText("Cambria")
    assert dialog.settings().latin_font == "Cambria"


def test_list_editor(qtbot):
    editor = ListEditor()
    qtbot.addWidget(editor)
    editor.set_values(["甲", "乙", "丙"])
    editor.list.setCurrentRow(2)
    editor.move_current(-1)
    assert editor.values() == ["甲", "丙", "乙"]
    editor.remove_current()
    assert editor.values() == ["甲", "乙"]
    editor.list.setCurrentRow(0)
    editor.remove_current()
    editor.add_item("丁")
    assert "丁" in editor.values() and "甲" not in editor.values()
