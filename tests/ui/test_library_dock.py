"""LibraryDock: search, preview, insert, save as template, update with diff;
phrases; preferences (a new shared folder shows in the window's library at once)."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QDialog

from desktop.library import Library
from desktop.model import Section
from desktop.ui.library_dock import (LibraryDock, SaveTemplateDialog, UpdateFromLibraryDialog,
                                     section_diff_html)
from desktop.ui.phrases import GROUPS, PhrasePanel, load_phrases
from desktop.ui.preferences import Preferences, PreferencesDialog
from tests.ui.windows import capture_dialogs

EXAM = """{#-
id: exam
title: 高考成绩稳中有升
category: 普通高中
figures: 报考人数, 本科达线率
version: 2
-#}
全县报考{{ fig.报考人数 }}，本科达线率{{ fig.本科达线率 }}，{{ fig.本科达线率.change }}。
高中教育质量稳步提高。
"""

PARTY = """{#-
id: party
title: 加强党的建设
category: 党建
version: 1
-#}
{{ year }}年，坚持把党的政治建设摆在首位。
"""

BROKEN = """{#-
id: broken
title: 学前教育普及普惠
category: 学前教育
version: 1
-#}
学前三年毛入园率达到{{ fig.毛入园率 }}。
"""


@pytest.fixture
def library(tmp_path):
    builtin = tmp_path / "builtin"
    builtin.mkdir()
    (builtin / "exam.j2").write_text(EXAM, encoding="utf-8")
    (builtin / "party.j2").write_text(PARTY, encoding="utf-8")
    (builtin / "broken.j2").write_text(BROKEN, encoding="utf-8")
    return Library(user_dir=tmp_path / "user", builtin_dir=builtin)


@pytest.fixture
def dock(qtbot, session, library):
    d = LibraryDock(session, library)
    qtbot.addWidget(d)
    return d


def listed(dock):
    return [dock.list.item(i).text() for i in range(dock.list.count())]


def test_lists_and_searches_by_name_and_category(dock):
    assert set(listed(dock)) == {"高考成绩稳中有升", "加强党的建设", "学前教育普及普惠"}
    dock.set_search("党的")
    assert listed(dock) == ["加强党的建设"]
    dock.set_search("")
    dock.set_category("普通高中")
    assert listed(dock) == ["高考成绩稳中有升"]
    dock.set_category("")
    assert len(listed(dock)) == 3
    cats = [dock.category_combo.itemText(i) for i in range(dock.category_combo.count())]
    assert cats == ["全部类别", "党建", "学前教育", "普通高中"]


def test_preview_renders_with_document_figures(dock):
    dock.select_template("exam")
    html = dock.preview_html()
    assert "327人" in html and "63.61%" in html and "提高3.61个百分点" in html
    assert "预览出错" not in html
    dock.select_template("party")
    assert "2026年，坚持" in dock.preview_html()


def test_preview_shows_errors_instead_of_raising(dock):
    dock.select_template("broken")
    html = dock.preview_html()
    assert "预览出错" in html and "毛入园率" in html
    assert "学前三年毛入园率达到" in html  # source shown


def test_insert_as_sibling_and_child_are_undoable(dock, session, qtbot):
    first = session.document.sections[0]
    session.set_current_section(first.id)
    dock.select_template("party")
    with qtbot.waitSignal(dock.insertRequested) as blocker:
        dock.insert_sibling_button.click()
    assert blocker.args[0].id == "party" and blocker.args[1] is False
    titles = [s.title for s in session.document.sections]
    assert titles == ["高考成绩稳中有升", "加强党的建设", "教师队伍建设"]
    new = session.document.sections[1]
    assert new.template_id == "party" and new.level == 1 and new.origin == "template"
    assert session.current_section_id == new.id

    dock.select_template("exam")
    dock.insert_child_button.click()
    child = new.children[0]
    assert child.title == "高考成绩稳中有升" and child.level == 2
    assert session.undo_stack.count() == 2
    session.undo_stack.undo()
    assert session.document.find(new.id).children == []  # structural undo restores a snapshot
    session.undo_stack.undo()
    assert [s.title for s in session.document.sections] == ["高考成绩稳中有升", "教师队伍建设"]
    session.undo_stack.redo()
    assert session.document.sections[1].title == "加强党的建设"


def test_insert_without_current_section_appends_chapter(dock, session):
    section = dock.insert_template(dock.library.get("party"), as_child=True)
    assert session.document.sections[-1] is section and section.level == 1


def test_main_window_may_handle_insert_itself(dock, session, qtbot):
    dock.handle_insert_requests = False
    dock.select_template("party")
    with qtbot.waitSignal(dock.insertRequested):
        dock.request_insert(False)
    assert len(session.document.sections) == 2
    assert session.undo_stack.count() == 0


def test_child_of_level_four_is_refused(dock, session):
    deep = Section(title="四级", level=4)
    session.document.sections[1].children[0].children.append(
        Section(title="三级", level=3, children=[deep]))
    session.set_current_section(deep.id)
    assert not dock.insert_child_button.isEnabled()
    with pytest.raises(ValueError):
        dock.insert_template(dock.library.get("party"), as_child=True)


def test_save_current_section_as_template(dock, session, library):
    section = session.document.sections[1]
    path = dock.save_section_as_template(section.id, "my-teachers", "教师队伍建设", "教师队伍",
                                         "本单位常用")
    assert path.exists() and path.parent == library.user_dir
    t = library.get("my-teachers")
    assert t.source == "user" and t.body == section.body and t.figures == ("培训教师",)
    assert "教师队伍建设" in listed(dock)
    assert dock.category_combo.findText("教师队伍") >= 0
    # saving again raises the version
    dock.save_section_as_template(section.id, "my-teachers", "教师队伍建设", "教师队伍")
    assert library.get("my-teachers").version == 2


def test_save_dialog_validates_id(qtbot):
    dialog = SaveTemplateDialog(template_id="坏编号", title="标题")
    qtbot.addWidget(dialog)
    assert "字母" in dialog.problem()
    dialog.id_edit.setText("good-id")
    assert dialog.problem() == ""
    assert dialog.values()["template_id"] == "good-id"


def test_interactive_save_uses_dialog(dock, session, monkeypatch):
    session.set_current_section(session.document.sections[0].id)

    def fake_exec(self):
        self.id_edit.setText("my-exam")
        self.category_combo.setCurrentText("高考")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SaveTemplateDialog, "exec", fake_exec)
    assert dock.save_current_as_template() is True
    assert dock.library.get("my-exam").category == "高考"


def test_update_from_library_shows_diff_and_is_undoable(dock, session, qtbot, monkeypatch):
    section = session.document.sections[0]
    section.template_id, section.template_version = "exam", 1
    section.body = "全县报考{{ fig.报考人数 }}。"
    session.set_current_section(section.id)
    assert dock.update_button.isEnabled()
    assert "1 个章节" in dock.status_label.text()

    html = dock.update_diff_html(section.id)
    assert "高中教育质量稳步提高" in html and "diff_add" in html
    dialog = UpdateFromLibraryDialog(section, dock.library.get("exam"))
    qtbot.addWidget(dialog)
    assert "高中教育质量稳步提高" in dialog.browser.toPlainText()

    seen = []
    monkeypatch.setattr(dock, "_confirm_update", lambda s, t: seen.append(t.id) or True)
    assert dock.update_current_from_library() is True
    assert seen == ["exam"]
    assert section.template_version == 2 and "高中教育质量稳步提高" in section.template_text
    assert section.body == ""  # template-driven again
    assert not dock.update_button.isEnabled()
    session.undo_stack.undo()
    assert section.body == "全县报考{{ fig.报考人数 }}。" and section.template_version == 1
    assert dock.update_button.isEnabled()


def test_update_cancelled_changes_nothing(dock, session, monkeypatch):
    section = session.document.sections[0]
    section.template_id, section.template_version = "exam", 1
    session.set_current_section(section.id)
    monkeypatch.setattr(dock, "_confirm_update", lambda s, t: False)
    assert dock.update_current_from_library() is False
    assert session.undo_stack.count() == 0


def test_diff_html_marks_changes():
    s = Section(title="旧标题", body="第一段\n第二段", template_version=1)
    lib_t = type("T", (), {"title": "新标题", "body": "第一段\n第二段改", "version": 3})()
    html = section_diff_html(s, lib_t)
    assert "版本 3" in html and "diff_chg" in html
    assert '<span class="diff_add">改</span>' in html


def test_shared_folder_from_preferences(qtbot, session, qsettings, tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "party.j2").write_text(PARTY.replace("version: 1", "version: 5"), encoding="utf-8")
    prefs = Preferences(qsettings)
    prefs.set_shared_template_dir(shared)
    dock = LibraryDock(session, prefs=prefs)
    qtbot.addWidget(dock)
    assert dock.library.get("party").source == "shared"
    prefs.set_shared_template_dir(None)
    dock.reload_library()
    assert dock.library.get("party") is None or dock.library.get("party").source != "shared"


def test_phrase_library_groups_and_signal(dock, qtbot):
    phrases = load_phrases()
    for group in GROUPS:
        assert len(phrases[group]) >= 8
    panel = dock.phrase_panel
    panel.set_group("结尾")
    assert panel.visible_phrases() == phrases["结尾"]
    panel.set_filter("特此报告")
    assert panel.visible_phrases() == ["特此报告。"]
    with qtbot.waitSignal(dock.phraseInsertRequested) as blocker:
        panel.insert_button.click()
    assert blocker.args == ["特此报告。"]


def test_user_phrases_are_added(tmp_path, qtbot):
    user = tmp_path / "phrases.json"
    user.write_text(json.dumps({"groups": [{"name": "开头", "phrases": ["自定义开头。"]},
                                           {"name": "其他", "phrases": ["另一句。"]}]},
                               ensure_ascii=False), encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    phrases = load_phrases([user, bad])
    assert phrases["开头"] == ["自定义开头。"] and phrases["其他"] == ["另一句。"]
    panel = PhrasePanel(phrases=phrases)
    qtbot.addWidget(panel)
    assert panel.group_combo.count() == 4


def test_preferences_round_trip_and_dialog(qtbot, qsettings, tmp_path):
    prefs = Preferences(qsettings)
    assert prefs.autosave_interval() == 5 and prefs.shared_template_dir() is None
    dialog = PreferencesDialog(prefs=prefs)
    qtbot.addWidget(dialog)
    dialog.shared_dir_edit.setText(str(tmp_path))
    dialog.autosave_spin.setValue(10)
    dialog.org_edit.setText("  某某县教育局 ")
    with qtbot.waitSignal(dialog.preferencesChanged):
        dialog.accept()
    again = Preferences(qsettings)
    assert again.shared_template_dir() == tmp_path
    assert again.autosave_interval() == 10 and again.autosave_interval_ms() == 600_000
    assert again.default_org() == "某某县教育局"
    again.set_autosave_interval(999)
    assert again.autosave_interval() == 60


# -- preferences reload the library ------------------------------------------------------------
SHARED = """{#-
id: office-shared-demo
title: 本单位共享模板
category: 本单位
kinds: 年度工作总结, 总结及计划
version: 1
description: 测试用
-#}
{{ year }}年，我局认真做好各项工作。
"""


def test_new_shared_folder_shows_in_the_library_at_once(window, tmp_path):
    shared = tmp_path / "共享模板"
    shared.mkdir()
    (shared / "demo.j2").write_text(SHARED, encoding="utf-8")
    dock = window.library_dock
    assert dock.library.get("office-shared-demo") is None

    def choose_folder(dialog):
        assert isinstance(dialog, PreferencesDialog)
        dialog.shared_dir_edit.setText(str(shared))
        dialog.accept()
        return 1

    capture_dialogs(window, choose_folder)
    window.act_preferences.trigger()
    assert dock.library.get("office-shared-demo") is not None
    assert dock.select_template("office-shared-demo")

    def clear_folder(dialog):
        dialog.shared_dir_edit.setText("")
        dialog.accept()
        return 1

    capture_dialogs(window, clear_folder)
    window.edit_preferences()
    assert dock.library.get("office-shared-demo") is None
