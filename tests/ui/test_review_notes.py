"""待核对 notes belong to the document: saved, back on reopen, resolvable, undoable."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop import project_file
from desktop.model import ReviewNote
from desktop.ui.review_notes import ReviewNotesDock
from desktop.ui.session import DocumentSession
from tests.ui.documents import make_document


def test_notes_are_kept_resolved_and_undone(qtbot, tmp_path):
    session = DocumentSession(make_document())
    dock = ReviewNotesDock(session)
    qtbot.addWidget(dock)
    dock.set_notes([ReviewNote("发文字号", "发文字号的序号已清空，请填写今年的文号", "某教发〔2025〕号"),
                    ReviewNote("二/1 标题", "“2024年”可能是旧年份")])
    assert dock.list.count() == 2 and not session.undo_stack.count()
    assert "待核对 2 处" in dock.info.text()

    dock.list.item(0).setCheckState(Qt.CheckState.Checked)  # 已核对
    assert session.document.review_notes[0].state == "done"
    dock.set_state(1, "ignored")
    assert session.document.review_notes[1].state == "ignored"
    assert "已忽略" in dock.list.item(1).text() and dock.list.item(1).font().strikeOut()
    session.undo_stack.undo()
    assert session.document.review_notes[1].state == ""
    session.undo_stack.undo()
    assert session.document.review_notes[0].state == ""
    assert dock.list.item(0).checkState() == Qt.CheckState.Unchecked
    session.undo_stack.redo()
    dock.clear_notes()
    assert dock.list.count() == 0
    session.undo_stack.undo()
    assert dock.list.count() == 2

    # saved with the project and back on reopen
    path = tmp_path / "x.rdraft"
    project_file.save(session.document, path)
    other = DocumentSession()
    dock2 = ReviewNotesDock(other)
    qtbot.addWidget(dock2)
    other.reset(project_file.load(path), str(path))
    assert [n.state for n in dock2.notes()] == ["done", ""]
    assert dock2.notes()[0] == ReviewNote("发文字号", "发文字号的序号已清空，请填写今年的文号",
                                          "某教发〔2025〕号", "done")
    assert dock2.list.item(0).checkState() == Qt.CheckState.Checked
