"""The main window: title and modified flag, open/save errors, close
question, undo from the editors, find, inline errors, completer, preview,
persistence of window state and recent files; a whole session (example →
edit → library template → figure → undo/redo → save → reopen → export); a
1,000-section document opened, edited and exported without freezing the
window (tests/ui/big_document.py); opening another document renders it
afresh; the examples listed by their titles."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from desktop import fields
from desktop.fields import figure_field
from desktop.paths import user_templates_dir
from desktop.project_file import load, save
from desktop.ui.figures_model import COLUMNS
from desktop.ui.main_window import APP_TITLE, MainWindow
from tests.ui.big_document import SECTIONS, Heartbeat, wait_laid_out
from tests.ui.documents import make_document


def open_doc(finish, window, tmp_path, name="总结.rdraft"):
    path = tmp_path / name
    save(make_document(), path)
    assert finish(window.open_path, str(path))
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


def test_title_shows_file_name_and_star(window, tmp_path, finish):
    open_doc(finish, window, tmp_path)
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


def test_typing_in_body_and_ctrl_z_use_the_document_stack(window, tmp_path, qtbot, finish):
    open_doc(finish, window, tmp_path)
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


def test_open_errors_are_messages_not_crashes(window, tmp_path, finish):
    bad = tmp_path / "bad.rdraft"
    bad.write_text("{not json", encoding="utf-8")
    assert finish(window.open_path, str(bad)) is False
    assert window.errors and "bad.rdraft" in window.errors[-1][1]
    assert finish(window.open_path, str(tmp_path / "missing.rdraft")) is False
    assert "文件不存在" in window.errors[-1][1]
    assert not window.open_example("no-such-example")
    assert "没有名为" in window.errors[-1][1]


def test_save_failure_keeps_the_work(window, tmp_path, finish):
    open_doc(finish, window, tmp_path)
    s = window.session.document.sections[0]
    window.outline.select_section(s.id)
    window.add_child()
    assert window.session.modified
    assert not window.save_as(str(tmp_path / "no-such-dir" / "x.rdraft"))
    assert window.errors[-1][0] == "保存失败"
    assert window.session.modified
    assert window.session.path.endswith("总结.rdraft")


def test_close_with_unsaved_changes_asks(window, tmp_path, qtbot, finish):
    path = open_doc(finish, window, tmp_path)
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


def test_find_selects_the_match_in_the_editor(window, tmp_path, finish):
    open_doc(finish, window, tmp_path)
    window.show_find()
    window.find_bar.edit.setText("分层")
    assert window.find_bar.find_next()
    s = by_title(window.session.document, "关注学生")
    assert window.session.current_section_id == s.id
    assert window.editor.body_edit.textCursor().selectedText() == "分层"
    window.find_bar.edit.setText("没有的词")
    assert not window.find_bar.find_next()
    assert window.find_bar.status.text() == "未找到"


def test_render_error_is_shown_inline_with_its_line(window, tmp_path, finish):
    from desktop import fields
    open_doc(finish, window, tmp_path)
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
    assert "数据缺失 1 处" in window.errors_label.text()  # a chip, not a template
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


def test_completer_offers_variables_figures_and_attributes(window, tmp_path, qtbot, finish):
    open_doc(finish, window, tmp_path)
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


def test_preview_shows_pages_and_counts(window, tmp_path, qtbot, finish):
    open_doc(finish, window, tmp_path)
    window.live.render_now()
    wait_laid_out(qtbot, window)
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
    wait_laid_out(qtbot, window)  # a long layout goes on in slices between event-loop turns
    assert window.preview.pages.pages >= 4
    window.session.set_current_section(s.id)
    assert window.preview.canvas.highlight == s.id


def test_preview_edit_is_debounced(window, tmp_path, qtbot, finish):
    open_doc(finish, window, tmp_path)
    s = by_title(window.session.document, "存在的问题")
    window.session.set_current_section(s.id)
    qtbot.keyClicks(window.editor.body_edit, "xyz")
    assert window.live.pending
    with qtbot.waitSignal(window.live.rendered, timeout=3000):
        pass
    assert "xyz" in window.live.result.text()


def test_preview_click_selects_section(window, tmp_path, qtbot, finish):
    open_doc(finish, window, tmp_path)
    window.live.render_now()
    wait_laid_out(qtbot, window)
    s = by_title(window.session.document, "存在的问题")
    page, line = window.preview.pages.first_place[s.id]
    canvas = window.preview.canvas
    rect = canvas.page_rect(page)
    from desktop.ui.page_layout import MARGIN_LEFT, MARGIN_TOP, PITCH
    pos = rect.topLeft().toPoint()
    pos.setX(int(rect.left() + (MARGIN_LEFT + 200) * canvas.scale))
    pos.setY(int(rect.top() + (MARGIN_TOP + (line + 0.5) * PITCH) * canvas.scale))
    qtbot.mouseClick(canvas, Qt.LeftButton, pos=pos)
    assert window.session.current_section_id == s.id


def test_outline_buttons_and_numbering_menu(window, tmp_path, finish):
    open_doc(finish, window, tmp_path)
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


def test_window_state_and_recent_files_persist(qtbot, ui_settings, tmp_path, finish):
    path = tmp_path / "a.rdraft"
    save(make_document(), path)
    w = MainWindow(settings=ui_settings, autosave_ms=0)
    qtbot.addWidget(w)
    w.show()
    assert finish(w.open_path, str(path))
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
    assert finish(w2.open_path, str(path))
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
    assert w2.busy.active  # the project is read in a worker, the window shown meanwhile
    qtbot.waitUntil(lambda: w2.session.path == str(path.resolve()))
    assert not w2.busy.active and w2.stack.currentWidget() is w2.splitter


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


def test_incremental_render_matches_full_render(window, tmp_path, finish):
    from desktop.render import render
    open_doc(finish, window, tmp_path)
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


# -- a whole session ----------------------------------------------------------------------------
TEMPLATE = """{#-
id: flow-safety
title: 守牢校园安全底线（流程测试）
category: 安全稳定
version: 2
-#}
全年开展应急演练{{ fig.流程演练次数 }}次，校园安全形势持续稳定。
"""


def docx_text(path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_whole_session(window, qtbot, tmp_path, ui_settings, finish):
    session = window.session
    # -- a new document from an example --------------------------------------------
    assert window.open_example("plan-county")
    doc = session.document
    assert not session.modified and doc.sections

    # -- edit a section through the editor ----------------------------------------------
    target = doc.sections[0]
    session.set_current_section(target.id)
    assert window.editor.section_id == target.id
    body = window.editor.body_edit
    body.moveCursor(body.textCursor().MoveOperation.End)
    body.insertPlainText("\n今年新增内容：演练")
    body.insert_field(figure_field("流程演练次数"))  # a figure not in the table yet
    body.insertPlainText("次。")
    assert "今年新增内容" in doc.find(target.id).body
    assert "{{" not in body.toPlainText()
    assert session.modified and window.windowTitle().startswith("未命名*")

    # -- add the figure and change it through the figures table ---------------------------------
    figures = window.figures_dock.model
    row = figures.add_figure("流程演练次数")
    assert doc.figures[row].name == "流程演练次数"
    value_col = COLUMNS.index("value")
    assert figures.setData(figures.index(row, value_col), "12", Qt.EditRole)
    assert figures.setData(figures.index(row, value_col), "36", Qt.EditRole)
    assert doc.figure("流程演练次数").value == 36

    # -- insert a library template --------------------------------------------------------------
    user_templates_dir().mkdir(parents=True, exist_ok=True)
    (user_templates_dir() / "flow-safety.j2").write_text(TEMPLATE, encoding="utf-8")
    window.library_dock.reload_library()
    template = window.library_dock.library.get("flow-safety")
    assert template is not None
    session.set_current_section(doc.sections[-1].id)
    inserted = window.library_dock.insert_template(template, as_child=False)
    assert doc.sections[-1].id == inserted.id
    assert doc.sections[-1].template_id == "flow-safety"
    assert session.current_section_id == inserted.id
    assert window.editor.title_edit.text() == "守牢校园安全底线（流程测试）"

    window.live.render_now()
    text = window.live.result.text()
    assert "今年新增内容：演练36次。" in text and "全年开展应急演练36次" in text
    assert not window.live.result.errors

    # -- undo and redo everything ----------------------------------------------------------------
    stack = session.undo_stack
    steps = stack.index()
    final = window.live.result.text()
    while stack.canUndo():
        stack.undo()
    window.live.render_now()
    assert "今年新增内容" not in window.live.result.text()
    assert doc.figure("流程演练次数") is None and doc.sections[-1].template_id != "flow-safety"
    assert not session.modified
    while stack.canRedo():
        stack.redo()
    assert stack.index() == steps
    assert window.live.render_now().text() == final

    # -- save, reopen ------------------------------------------------------------------------------
    path = tmp_path / "flow.rdraft"
    assert window.save_as(str(path))
    assert not session.modified and window.windowTitle().startswith("flow.rdraft —")
    other = MainWindow(settings=ui_settings, autosave_ms=0)
    qtbot.addWidget(other)
    asked = []  # the first window still has it open: the second is told (lock file)
    other.file_guard.ask_locked = lambda p, owner: asked.append(owner) or "readonly"
    assert finish(other.open_path, str(path))
    assert len(asked) == 1 and other.file_guard.read_only
    again = other.session.document
    assert "今年新增内容" in again.sections[0].body
    assert again.figure("流程演练次数").value == 36
    assert again.sections[-1].template_id == "flow-safety"
    assert load(path).sections[-1].template_version == 2

    # -- export .docx and read it back ---------------------------------------------------------------
    out = tmp_path / "flow.docx"
    assert finish(other.export_to, str(out)), other.errors if hasattr(other, "errors") else ""
    text = docx_text(out)
    assert "今年新增内容：演练36次。" in text
    assert "守牢校园安全底线（流程测试）" in text
    assert "全年开展应急演练36次" in text


# -- a 1,000-section document -------------------------------------------------------------------
def test_document_is_about_200_pages(opened):
    pages = opened.preview.pages.pages
    assert 180 <= pages <= 240, pages
    model = opened.outline.outline_model()
    assert model.rowCount() == 10
    assert len(model._key_of) == SECTIONS
    assert "约 " in opened.stats_label.text() and f"{pages} 页" in opened.stats_label.text()


def test_open_in_slices_and_proofread_in_a_worker(window, qtbot, big_project, finish):
    progress = []
    window.preview.layoutProgress.connect(progress.append)
    checks = []
    window.proofread_panel.checked.connect(checks.append)
    with Heartbeat() as beat:
        assert finish(window.open_path, str(big_project))
        assert window.preview.laying_out  # the first layout goes on in slices
        wait_laid_out(qtbot, window)
        qtbot.waitUntil(lambda: window.proofread_panel.running, timeout=10_000)
        qtbot.waitUntil(lambda: not window.proofread_panel.pending, timeout=60_000)
    beat.check("opening")
    assert progress and progress[-1] == 100 and len(progress) >= 3
    assert beat.beats > 10
    assert checks  # the check reported
    assert window.preview.pages.pages >= 180


def test_export_and_read_back(opened, qtbot, tmp_path, finish):
    from desktop.reuse import outline_json
    out = tmp_path / "big.docx"
    with Heartbeat() as beat:
        assert finish(opened.export_to, str(out))
    beat.check("exporting 200 pages")
    assert not opened.errors
    data = outline_json(out)

    def count(items):
        return sum(1 + count(s.get("children", [])) for s in items)
    assert len(data["sections"]) == 10
    assert count(data["sections"]) == SECTIONS


def test_window_module_does_not_import_cn2an():
    """The window can be shown before cn2an (~0.3 s to import) is needed."""
    root = Path(__file__).resolve().parents[2]
    code = ("import sys; import desktop.ui.main_window, desktop.ui.app; "
            "print('cn2an' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=dict(os.environ, PYTHONPATH=str(root), QT_QPA_PLATFORM="offscreen"),
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


# -- opening another document renders it afresh; the examples ----------------------------------
def test_preview_renders_the_new_document_after_opening_another(window):
    window.open_example("plan-county")
    window.live.render_now()
    window.open_example("summary-and-plan")
    result = window.live.result
    assert set(result.numbers) == {s.id for s in window.session.document.walk()}
    assert "工作总结" in result.blocks[0].text or any("工作总结" in b.text for b in result.blocks[:3])


def test_examples_are_listed_by_their_titles(window):
    from desktop.examples import list_examples
    titles = [window.start_page.examples.item(i).text()
              for i in range(window.start_page.examples.count())]
    assert titles == [t for _, t in list_examples()]
    assert all("-" not in t and "年" in t for t in titles)
    window.examples_menu.aboutToShow.emit()  # the menu fills itself when shown
    assert [a.text() for a in window.examples_menu.actions()] == titles
    from desktop.ui.start_page import PathRole
    names = [window.start_page.examples.item(i).data(PathRole) for i in range(len(titles))]
    assert names == [n for n, _ in list_examples()]


# -- the window's layout as a clerk sees it (a QA pass: panes that squeeze the preview,
# clipped hints, messages that name the wrong thing) ------------------------------------
def _template_section(window):
    window.new_document("年度工作总结", 2026, "示范县教育局")
    doc = window.session.document
    section = next(s for s in doc.walk() if fields.is_live(s))
    window.session.set_current_section(section.id)
    return section


def test_a_template_section_leaves_the_preview_its_width(window, qtbot):
    # the editor's row of 标题与正文同段 / 按模板生成… / three buttons was as wide as
    # the whole editor's minimum: the splitter squeezed the preview to a sliver
    section = _template_section(window)
    editor = window.editor
    body = editor.body_edit
    body.moveCursor(body.textCursor().MoveOperation.End)
    body.textCursor().insertText("全县新建幼儿园一批。")  # typed: 按模板重新生成 shows
    assert editor.regenerate_button.isVisibleTo(editor)
    assert editor.source_toggle.isVisibleTo(editor)
    assert editor.section_id == section.id
    window.resize(1400, 860)  # the window's own first size
    qtbot.waitUntil(lambda: window.preview.width() >= 280)  # an A4 page fits
    assert editor.minimumSizeHint().width() <= 320


def test_the_replace_dialogs_hint_is_not_cut_off(window, qtbot):
    from PySide6.QtWidgets import QLabel
    window.new_document("年度工作总结", 2026, "示范县教育局")
    dialog = window.show_replace()
    qtbot.waitExposed(dialog)
    hint = next(label for label in dialog.findChildren(QLabel) if "数据小框" in label.text())
    assert hint.width() >= hint.minimumSizeHint().width()
    assert hint.geometry().right() <= dialog.contentsRect().right()
    dialog.close()


def test_document_actions_are_off_on_the_start_page(window):
    # Ctrl+S asked where to save an invisible blank document, Ctrl+E asked 仍要导出?
    # about it, 添加同级章节 made one: nothing is open on the start page
    acts = (window.act_save, window.act_save_as, window.act_export, window.act_properties,
            window.act_find, window.act_replace, window.act_add_sibling, window.act_add_child,
            window.act_proofread, window.act_insert_template, window.act_figures,
            *window.section_actions.actions())
    assert window.stack.currentWidget() is window.start_page
    assert not [a.text() for a in acts if a.isEnabled()]
    assert window.act_new.isEnabled() and window.act_open.isEnabled()
    window.new_document("年度工作总结", 2026, "示范县教育局")
    assert not [a.text() for a in acts if not a.isEnabled()]
    window.act_new.trigger()  # 新建: back to the start page
    assert window.stack.currentWidget() is window.start_page
    assert not [a.text() for a in acts if a.isEnabled()]
    window.session.set_current_section(window.session.document.sections[0].id)
    assert not window.act_add_child.isEnabled() and not window.act_delete.isEnabled()


def test_the_outline_buttons_keep_their_short_labels(window):
    from PySide6.QtWidgets import QToolButton
    window.new_document("年度工作总结", 2026, "示范县教育局")
    doc = window.session.document
    window.session.set_current_section(doc.sections[0].children[1].id)  # 升级/降级 change state
    window.session.set_current_section(doc.sections[1].id)
    labels = [b.text() for b in window.findChildren(QToolButton)
              if b.defaultAction() in (window.act_promote, window.act_demote, window.act_delete)]
    assert sorted(labels) == sorted(["←升级", "降级→", "删除"])
    assert window.act_delete.text() == "删除章节"  # the menus keep the full name


def test_a_chip_without_its_value_is_not_called_a_template_error(window):
    # the clerk inserted a figure (Ctrl+Space) before typing its value into the table:
    # the status bar said 模板错误 though there is no template
    from desktop.model import Figure
    window.new_document("年度工作总结", 2026, "示范县教育局")
    doc = window.session.document
    doc.figures.append(Figure(name="教师", unit="人"))
    window.session.figuresChanged.emit()
    section = doc.sections[-1]
    section.body = "全年新招聘教师{{ fig.教师 }}。"
    window.session.sectionChanged.emit(section.id)
    window.live.render_now()
    assert window.errors_label.text() == "数据缺失 1 处"
    section.body, section.template_text = "", "{{ 不存在的变量 }}"
    window.session.sectionChanged.emit(section.id)
    window.live.render_now()
    assert window.errors_label.text() == "模板错误 1 处"


def test_on_a_small_screen_the_preview_is_more_than_a_sliver(window, qtbot):
    # the outline's five buttons in one row (342 px) and the editor's row of options
    # left the preview 70 px at 1024 × 700
    window.new_document("年度工作总结", 2026, "示范县教育局")
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.preview.width() >= 150)
    assert window.splitter.widget(0).minimumSizeHint().width() <= 200
