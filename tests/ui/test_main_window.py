"""The main window: title and modified flag, open/save errors, close
question, undo from the editors, find, inline errors, completer, preview,
persistence of window state and recent files."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from desktop.project_file import load, save
from desktop.ui.main_window import APP_TITLE, MainWindow
from tests.ui.documents import make_document


def open_doc(window, tmp_path, name="总结.rdraft"):
    path = tmp_path / name
    save(make_document(), path)
    assert window.open_path(str(path))
    return path


def by_title(doc, title):
    return next(s for s in doc.walk() if s.title == title)


def test_starts_on_the_start_page(window):
    assert window.stack.currentWidget() is window.start_page
    assert window.windowTitle() == APP_TITLE


def test_menus_and_shortcuts(window):
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["文件(&F)", "编辑(&E)", "插入(&I)", "视图(&V)", "工具(&T)", "帮助(&H)"]
    assert window.act_new.shortcut() == QKeySequence("Ctrl+N")
    assert window.act_open.shortcut() == QKeySequence("Ctrl+O")
    assert window.act_save.shortcut() == QKeySequence("Ctrl+S")
    assert window.act_save_as.shortcut() == QKeySequence("Ctrl+Shift+S")
    assert window.act_undo.shortcut() == QKeySequence("Ctrl+Z")
    assert QKeySequence("Ctrl+Y") in window.act_redo.shortcuts()
    assert window.act_find.shortcut() == QKeySequence("Ctrl+F")
    assert window.act_export.shortcut() == QKeySequence("Ctrl+E")


def test_title_shows_file_name_and_star(window, tmp_path):
    open_doc(window, tmp_path)
    assert window.windowTitle() == f"总结.rdraft — {APP_TITLE}"
    sid = window.session.document.sections[1].id
    window.session.set_current_section(sid)
    window.editor.title_edit.setFocus()
    window.editor.title_edit.selectAll()
    window.editor.title_edit.insert("问题")  # a user edit through the widget
    window.editor._title_edited(window.editor.title_edit.text())
    assert window.windowTitle() == f"总结.rdraft* — {APP_TITLE}"
    assert window.save()
    assert window.windowTitle() == f"总结.rdraft — {APP_TITLE}"
    assert by_title(load(window.session.path), "问题")


def test_typing_in_body_and_ctrl_z_use_the_document_stack(window, tmp_path, qtbot):
    open_doc(window, tmp_path)
    doc = window.session.document
    s = by_title(doc, "存在的问题")
    window.session.set_current_section(s.id)
    body = window.editor.body_edit
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    qtbot.keyClicks(body, "abc")
    assert s.body == "发展还不平衡。abc"
    assert window.session.undo_stack.count() == 1  # typing merged
    qtbot.keyClick(body, Qt.Key_Z, Qt.ControlModifier)
    assert s.body == "发展还不平衡。"
    assert body.toPlainText() == "发展还不平衡。"
    qtbot.keyClick(body, Qt.Key_Y, Qt.ControlModifier)
    assert s.body == "发展还不平衡。abc"
    assert body.toPlainText() == "发展还不平衡。abc"


def test_open_errors_are_messages_not_crashes(window, tmp_path):
    bad = tmp_path / "bad.rdraft"
    bad.write_text("{not json", encoding="utf-8")
    assert not window.open_path(str(bad))
    assert window.errors and "bad.rdraft" in window.errors[-1][1]
    assert not window.open_path(str(tmp_path / "missing.rdraft"))
    assert "文件不存在" in window.errors[-1][1]
    assert not window.open_example("no-such-example")
    assert "没有名为" in window.errors[-1][1]


def test_save_failure_keeps_the_work(window, tmp_path):
    open_doc(window, tmp_path)
    s = window.session.document.sections[0]
    window.outline.select_section(s.id)
    window.add_child()
    assert window.session.modified
    assert not window.save_as(str(tmp_path / "no-such-dir" / "x.rdraft"))
    assert window.errors[-1][0] == "保存失败"
    assert window.session.modified
    assert window.session.path.endswith("总结.rdraft")


def test_close_with_unsaved_changes_asks(window, tmp_path, qtbot):
    path = open_doc(window, tmp_path)
    window.add_sibling()
    window.answers = ["cancel"]
    assert not window.close()
    assert window.isVisible()
    window.answers = ["save"]
    assert window.close()
    reopened = load(path)
    assert sum(1 for _ in reopened.walk()) == sum(1 for _ in make_document().walk()) + 1


def test_new_document_from_start_page(window, qtbot):
    page = window.start_page
    page.kind.setCurrentText("工作计划")
    page.year.setValue(2026)
    page.org.setText("某某县教育局")
    qtbot.mouseClick(page.new_button, Qt.LeftButton)
    doc = window.session.document
    assert window.stack.currentWidget() is window.splitter
    assert (doc.properties.kind, doc.properties.year, doc.properties.org) == \
        ("工作计划", 2026, "某某县教育局")
    assert doc.sections
    # a new document exists nowhere yet: unsaved (*) until saved, so replacing it asks
    assert window.windowTitle() == f"未命名* — {APP_TITLE}" and window.session.modified
    window.answers.append("cancel")
    assert not window.open_example("plan-county")
    assert window.session.document is doc


def test_start_page_short_name_is_the_name_the_text_uses(window, qtbot):
    """One field, one meaning: the start page and 文档属性 both call it 机关简称,
    and it is what the opening sentence names the organ by."""
    page = window.start_page
    form = page.org_short.parentWidget().layout()
    labels = [form.labelForField(w).text() for w in (page.org, page.org_short)]
    assert "机关简称：" in labels and not any("代字" in t for t in labels)
    page.kind.setCurrentText("年度工作总结")
    page.year.setValue(2026)
    page.org.setText("示范县教育局")
    page.org_short.setText("县教育局")
    qtbot.mouseClick(page.new_button, Qt.LeftButton)
    from desktop.render import render
    text = "".join(b.full_text for b in render(window.session.document).blocks)
    assert "2026年，县教育局" in text


def test_find_selects_the_match_in_the_editor(window, tmp_path):
    open_doc(window, tmp_path)
    window.show_find()
    window.find_bar.edit.setText("分层")
    assert window.find_bar.find_next()
    s = by_title(window.session.document, "关注学生")
    assert window.session.current_section_id == s.id
    assert window.editor.body_edit.textCursor().selectedText() == "分层"
    window.find_bar.edit.setText("没有的词")
    assert not window.find_bar.find_next()
    assert window.find_bar.status.text() == "未找到"


def test_render_error_is_shown_inline_with_its_line(window, tmp_path):
    from desktop import fields
    open_doc(window, tmp_path)
    s = by_title(window.session.document, "存在的问题")
    window.session.set_current_section(s.id)
    body = window.editor.body_edit
    body.set_field_text("第一行\n")
    body.moveCursor(body.textCursor().MoveOperation.End)
    body.insert_field(fields.figure_field("不存在的指标"))
    assert s.body == "第一行\n{{ fig.不存在的指标 }}"
    window.live.render_now()
    label = window.editor.error_label
    assert label.isVisible()
    assert "不存在的指标" in label.text()
    assert "{{" not in body.display_text() and "〈不存在的指标〉" in body.display_text()
    assert "模板错误 1 处" in window.errors_label.text()
    body.set_field_text("第一行")
    body._changed()
    window.live.render_now()
    assert not label.isVisible()
    # a template-driven section with a broken template: the error points at the
    # source (with its line marked), the text never shows template code
    s.template_text, s.body = "第一行\n{{ fig.不存在的指标|num }}", ""
    window.session.notify_section(s.id)
    window.live.render_now()
    assert "模板源码" in label.text() and "第2行" in label.text()
    assert window.editor.source_edit.extraSelections()
    assert all("{" not in b.full_text for b in window.live.result.blocks_of(s.id))


def test_completer_offers_variables_figures_and_attributes(window, tmp_path, qtbot):
    open_doc(window, tmp_path)
    s = by_title(window.session.document, "存在的问题")
    window.session.set_current_section(s.id)
    window.editor.source_toggle.setChecked(True)
    source = window.editor.source_edit
    assert "fig.报考人数" in source.candidates("fig.")
    assert "fig.报考人数.change" in source.candidates("fig.报考人数.")
    assert "year" in source.candidates("ye")
    source.setFocus()
    source.moveCursor(source.textCursor().MoveOperation.End)
    qtbot.keyClicks(source, "{{ fig.")
    assert source.completer.popup().isVisible()
    assert source.completer.currentCompletion() == "fig.报考人数"
    assert source.completer.completionCount() == 3
    qtbot.keyClick(source.completer.popup(), Qt.Key_Return)
    assert s.template_text.endswith("{{ fig.报考人数")


def test_preview_shows_pages_and_counts(window, tmp_path, qtbot):
    open_doc(window, tmp_path)
    window.live.render_now()
    pages = window.preview.pages
    assert pages.pages >= 1 and pages.characters > 50
    assert f"约 {pages.pages} 页" in window.stats_label.text()
    # every paragraph of the body is placed on the 22-line grid
    assert all(0 <= p.line < 22 and p.line + p.lines <= 22 for p in pages.placed)
    # a long document runs over pages; the preview follows the edited section
    s = by_title(window.session.document, "下一步打算")
    s.body = "\n".join(["这是一段较长的文字，用于检查分页是否正确。" * 3] * 40)
    window.session.notify_section(s.id)
    window.live.render_now()
    assert window.preview.pages.pages >= 4
    window.session.set_current_section(s.id)
    assert window.preview.canvas.highlight == s.id


def test_preview_edit_is_debounced(window, tmp_path, qtbot):
    open_doc(window, tmp_path)
    s = by_title(window.session.document, "存在的问题")
    window.session.set_current_section(s.id)
    qtbot.keyClicks(window.editor.body_edit, "xyz")
    assert window.live.pending
    with qtbot.waitSignal(window.live.rendered, timeout=3000):
        pass
    assert "xyz" in window.live.result.text()


def test_preview_click_selects_section(window, tmp_path, qtbot):
    open_doc(window, tmp_path)
    window.live.render_now()
    s = by_title(window.session.document, "存在的问题")
    page, line = window.preview.pages.first_place[s.id]
    canvas = window.preview.canvas
    rect = canvas.page_rect(page)
    from desktop.ui.preview import MARGIN_LEFT, MARGIN_TOP, PITCH
    pos = rect.topLeft().toPoint()
    pos.setX(int(rect.left() + (MARGIN_LEFT + 200) * canvas.scale))
    pos.setY(int(rect.top() + (MARGIN_TOP + (line + 0.5) * PITCH) * canvas.scale))
    qtbot.mouseClick(canvas, Qt.LeftButton, pos=pos)
    assert window.session.current_section_id == s.id


def test_outline_buttons_and_numbering_menu(window, tmp_path):
    open_doc(window, tmp_path)
    doc = window.session.document
    first = doc.sections[0]
    window.outline.select_section(first.id)
    assert not window.act_promote.isEnabled()
    window.set_numbering_mode("continuous")
    assert window.act_numbering["continuous"].isChecked()
    assert doc.settings.numbering_mode == "continuous"
    window.session.undo_stack.undo()
    assert window.act_numbering["per_parent"].isChecked()
    window.delete_section()
    assert doc.sections[0].title == "存在的问题"


def test_window_state_and_recent_files_persist(qtbot, ui_settings, tmp_path):
    path = tmp_path / "a.rdraft"
    save(make_document(), path)
    w = MainWindow(settings=ui_settings, autosave_ms=0)
    qtbot.addWidget(w)
    w.show()
    assert w.open_path(str(path))
    w.figures_dock.hide()
    w.close()
    assert ui_settings.value("window/geometry") is not None
    w2 = MainWindow(settings=ui_settings, autosave_ms=0)
    qtbot.addWidget(w2)
    assert w2.recent_files() == [str(path.resolve())]
    assert w2.start_page.recent.item(0).data(Qt.UserRole + 1) == str(path.resolve())
    # the start page stands alone (no empty docks); the document brings them back
    assert w2.figures_dock.isHidden() and w2.library_dock.isHidden()
    w2.file_guard.ask_locked = lambda p, owner: "readonly"
    assert w2.open_path(str(path))
    assert w2.figures_dock.isHidden()  # dock layout restored
    assert w2.library_dock is not None and not w2.library_dock.isHidden()


def test_docks_are_integrated(window):
    from PySide6.QtWidgets import QDockWidget
    names = {d.objectName() for d in window.findChildren(QDockWidget)}
    assert "figuresDock" in names and "libraryDock" in names
    view_actions = [a.text() for a in window.view_menu.actions()]
    assert "预览" in view_actions


def test_start_opens_example_from_command_line(qtbot, monkeypatch, tmp_path):
    from desktop.examples import example_names
    from desktop.ui import app
    names = example_names()
    if not names:
        pytest.skip("no examples")
    w = app.start(example=names[0], ask=lambda *a: False)
    qtbot.addWidget(w)
    assert w.stack.currentWidget() is w.splitter
    assert w.session.document.sections
    path = tmp_path / "p.rdraft"
    save(make_document(), path)
    w2 = app.start(project=str(path), ask=lambda *a: False)
    qtbot.addWidget(w2)
    assert w2.session.path == str(path.resolve())


def test_cli_opens_gui_with_arguments(monkeypatch, tmp_path):
    from desktop import cli
    from desktop.ui import app
    calls = []
    monkeypatch.setattr(app, "run", lambda project=None, example=None: calls.append(
        (project, example)) or 0)
    assert cli.main(["--example", "plan-county"]) == 0
    path = tmp_path / "x.rdraft"
    save(make_document(), path)
    assert cli.main([str(path)]) == 0
    assert calls == [(None, "plan-county"), (str(path), None)]


def test_incremental_render_matches_full_render(window, tmp_path):
    from desktop.render import render
    open_doc(window, tmp_path)
    doc = window.session.document
    s = by_title(doc, "关注学生")
    window.session.set_current_section(s.id)
    window.editor.body_edit.setPlainText("第一段{{ year }}\n\n第二段{{ fig.没有 }}")
    window.editor.title_edit.setText("关注每一名学生")
    window.editor._title_edited("关注每一名学生")
    from desktop.ui.commands import SetRunInCommand
    window.session.push(SetRunInCommand(window.session, s.id, True))
    incremental = window.live.render_now()
    full = render(doc)
    assert incremental.blocks == full.blocks
    assert sorted(str(e.error) for e in incremental.errors) == \
        sorted(str(e.error) for e in full.errors)
    assert incremental.figures_used == full.figures_used
