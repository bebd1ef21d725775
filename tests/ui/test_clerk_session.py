"""Issue 12's whole afternoon in the window, every step asserted: a new
summary from the start page → insert templates → type in a template-driven
section without ever seeing template code → a figure changes and the text
follows → roll forward → save → reopen (the 待核对 notes come back) →
查找替换 → export."""

from __future__ import annotations

import docx
from PySide6.QtCore import Qt

from desktop import fields
from desktop.ui.export_dialog import confirm_despite_errors
from desktop.ui.figures_model import COLUMNS
from desktop.ui.main_window import MainWindow

CODE = ("{%", "{{", "{#", "%}", "}}")


def no_code(text: str) -> bool:
    return not any(c in text for c in CODE)


def set_figure(window, name: str, column: str, value: str) -> None:
    model = window.figures_dock.model
    row = next(i for i, f in enumerate(window.session.document.figures) if f.name == name)
    assert model.setData(model.index(row, COLUMNS.index(column)), value, Qt.EditRole)


def test_a_clerk_finishes_the_job_in_the_window(window, qtbot, tmp_path, ui_settings, finish):
    session = window.session
    # -- a new summary from the start page: unsaved until saved ------------------------------
    assert not window.figures_dock.isVisible()  # the start page has no empty docks
    page = window.start_page
    page.kind.setCurrentText("年度工作总结")
    page.year.setValue(2026)
    page.org.setText("示范县教育局")
    qtbot.mouseClick(page.new_button, Qt.LeftButton)
    doc = session.document
    assert doc.properties.kind == "年度工作总结" and doc.sections
    assert session.modified and window.windowTitle().startswith("未命名*")
    assert window.figures_dock.isVisibleTo(window)

    # -- the figures the templates use, then a library template -------------------------------
    set_figure(window, "学前三年毛入园率", "last", "90")
    set_figure(window, "学前三年毛入园率", "value", "92.5")
    library = window.library_dock
    template = library.library.get("preschool-summary")
    session.set_current_section(doc.sections[0].id)
    inserted = library.insert_template(template, as_child=True)
    assert fields.is_live(inserted) and inserted.body == ""
    editor = window.editor
    body = editor.body_edit
    assert editor.section_id == inserted.id
    shown = body.toPlainText()
    assert no_code(shown) and "全县学前三年毛入园率达到" in body.display_text()
    assert "92.5%" in body.display_text() and "比上年提高2.5个百分点" in body.display_text()

    # -- the clerk types in the template-driven text: never any template code ------------------
    body.setFocus()
    body.moveCursor(body.textCursor().MoveOperation.End)
    body.textCursor().insertText("\n全县新建、改扩建幼儿园一批。")  # an input method's commit
    section = doc.find(inserted.id)
    assert not fields.is_live(section) and section.template_text  # the template is kept
    assert "{%" not in section.body and no_code(body.toPlainText())
    assert no_code(editor.title_edit.text())
    window.live.render_now()
    printed = "\n".join(b.full_text for b in window.live.result.blocks_of(section.id))
    assert "全县新建、改扩建幼儿园一批。" in printed and no_code(printed)

    # -- a figure changes: the text follows, in the editor and in print -----------------------
    set_figure(window, "学前三年毛入园率", "value", "94")
    assert "94%" in body.display_text() and "比上年提高4个百分点" in body.display_text()
    window.live.render_now()
    printed = "\n".join(b.full_text for b in window.live.result.blocks_of(section.id))
    assert "达到94%，比上年提高4个百分点" in printed

    # -- saved, then rolled forward to next year -----------------------------------------------
    summary_path = tmp_path / "2026年总结.rdraft"
    assert window.save_as(str(summary_path))
    assert not session.modified
    assert finish(window.import_last_year, str(summary_path), 2027)
    rolled = session.document
    assert rolled.properties.year == 2027
    assert session.modified and window.windowTitle().startswith("未命名*")  # nothing dropped
    dock = window.review_dock
    assert dock is not None and dock.isVisibleTo(window) and dock.list.count() >= 1
    notes = rolled.review_notes
    assert notes and notes == dock.notes()
    dock.list.item(0).setCheckState(Qt.CheckState.Checked)  # 已核对
    assert rolled.review_notes[0].state == "done"
    window.answers.append("cancel")  # replacing the rolled-forward draft asks first
    assert not window.open_example("plan-county")
    assert session.document is rolled

    # -- save, reopen: the notes come back --------------------------------------------------------
    plan_path = tmp_path / "2027年.rdraft"
    assert window.save_as(str(plan_path))
    assert not session.modified
    other = MainWindow(settings=ui_settings, autosave_ms=0)
    qtbot.addWidget(other)
    other.file_guard.ask_locked = lambda p, owner: "readonly"
    assert finish(other.open_path, str(plan_path))
    again = other.session.document
    assert [(n.where, n.state) for n in again.review_notes] == \
        [(n.where, n.state) for n in rolled.review_notes]
    assert other.review_dock is not None and other.review_dock.isVisibleTo(other)
    assert other.review_dock.list.item(0).checkState() == Qt.CheckState.Checked

    # -- 查找替换 over the whole document, one undo step ---------------------------------------
    dialog = window.show_replace()
    dialog.find_edit.setText("幼儿园")
    dialog.replace_edit.setText("公办幼儿园")
    n = dialog.replace_all()
    assert n >= 1
    window.live.render_now()
    text = window.live.result.text()
    assert "公办幼儿园" in text
    session.undo_stack.undo()
    window.live.render_now()
    assert window.live.result.text().count("公办幼儿园") < text.count("公办幼儿园")
    session.undo_stack.redo()

    # -- export: errors are named first, then the file, and where it went ----------------------
    questions = []
    assert not confirm_despite_errors(window, session.document,
                                      ask=lambda q: questions.append(q) or False)
    assert questions and "仍要导出" in questions[0] and "错误" in questions[0]
    out = tmp_path / "2027.docx"
    assert finish(window.export_to, str(out))
    assert f"已导出：{out}" in window.statusBar().currentMessage()
    exported = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "公办幼儿园" in exported and no_code(exported)
