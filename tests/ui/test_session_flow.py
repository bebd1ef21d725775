"""A whole session through the window: example → edit → library template →
figure → undo/redo → save → reopen → export .docx (read back)."""

from __future__ import annotations

import docx
from PySide6.QtCore import Qt

from desktop.paths import user_templates_dir
from desktop.project_file import load
from desktop.fields import figure_field
from desktop.ui.figures_model import COLUMNS
from desktop.ui.main_window import MainWindow

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
