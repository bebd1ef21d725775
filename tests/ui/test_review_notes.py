"""待核对 notes belong to the document: saved, back on reopen, resolvable,
undoable; the reuse wizard's notes listed in the window, each leading to
its section or property."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop import project_file
from desktop.model import ReviewNote
from desktop.ui.reuse_wizard import PAGE_OUTLINE, PAGE_TARGETS, ReuseWizard
from desktop.ui.review_notes import ReviewNotesDock, locate_note
from desktop.ui.session import DocumentSession
from tests.reuse_docx import write_typed
from tests.ui.documents import make_document
from tests.ui.windows import capture_dialogs


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


# -- the reuse wizard's notes in the window -----------------------------------------------------
PLAN = [
    ("某某县教育局2024年工作计划", "center"),
    "2024年，全县教育工作以办好人民满意的教育为目标。",
    "一、工作目标",
    "学前三年入园率达到94%，创建省标准化学校12所。",
    "二、重点工作",
    "（一）推进均衡发展",
    "1.完善规划布局。到2023年底已完成规划修编，2024年继续实施。",
    "2.改善办学条件。新校区建设计划投资4900万元。",
]


def drive_wizard(qtbot, path, year, mode):
    def handler(wizard):
        if not isinstance(wizard, ReuseWizard):
            return 0  # the properties dialog opened from a note
        wizard.source_page.path_edit.setText(str(path))
        wizard.source_page.year_spin.setValue(year)
        wizard.set_mode(mode)
        wizard.restart()
        wizard.next()
        qtbot.waitUntil(lambda: wizard.currentId() == PAGE_OUTLINE, timeout=10000)
        wizard.next()
        assert wizard.currentId() == PAGE_TARGETS
        wizard.accept()
        return 1
    return handler


def test_wizard_notes_are_listed_and_lead_to_the_section(window, qtbot, tmp_path):
    path = write_typed(tmp_path / "plan2024.docx", PLAN)
    dialogs = capture_dialogs(window, drive_wizard(qtbot, path, 2025, "plan_to_plan"))
    assert window.review_dock is None
    assert window.start_from_last_year()
    wizard = dialogs[0]
    notes = wizard.notes()
    assert notes, "the plan's old years must be listed for review"
    dock = window.review_dock
    assert dock is not None and dock.isVisible()
    assert dock.list.count() == len(notes)
    assert [dock.list.item(i).text() for i in range(dock.list.count())] == [str(n) for n in notes]
    assert dock.toggleViewAction() in window.view_menu.actions()

    doc = window.session.document
    layout = next(s for s in doc.walk() if s.title.startswith("完善规划布局"))
    row = next(i for i, n in enumerate(notes) if "完善规划布局" in n.where)
    assert "2023" in notes[row].excerpt
    dock.list.itemClicked.emit(dock.list.item(row))
    assert window.session.current_section_id == layout.id
    selected = window.editor.body_edit.textCursor().selectedText()
    assert selected == notes[row].excerpt

    # a note about 前言 opens the 开头导语 in the editor, like a section
    pre = next(i for i, n in enumerate(notes) if n.where.startswith("前言"))
    dock.activate(pre)
    assert window.editor.part() == "preamble"
    if notes[pre].excerpt:
        assert window.editor.body_edit.textCursor().selectedText() == notes[pre].excerpt
    else:
        assert window.editor.body_edit.textCursor().hasSelection()

    dock.clear_notes()
    assert dock.list.count() == 0
    dock.set_notes(notes)
    # the notes and the import message belong to that document: opening another clears them
    window.figures_dock.legend.setText("已导入 3 个指标（可撤销）。")
    window.open_example("plan-county")
    assert dock.list.count() == 0 and not dock.isVisible()
    assert "已导入" not in window.figures_dock.legend.text()


def test_plan_to_summary_notes_point_at_properties(window, qtbot, tmp_path):
    lines = list(PLAN) + [("某某县教育局", "right"), ("2024年1月10日", "right")]
    path = write_typed(tmp_path / "plan2024.docx", lines)
    capture_dialogs(window, drive_wizard(qtbot, path, 2024, "plan_to_summary"))
    assert window.start_from_last_year()
    doc = window.session.document
    targets = [locate_note(doc, n) for n in window.review_dock.notes()]
    wheres = [n.where for n in window.review_dock.notes()]
    assert "正文" in wheres
    body_note = targets[wheres.index("正文")]
    assert body_note.section_id == doc.sections[0].id
    for n, t in zip(window.review_dock.notes(), targets):
        if n.where == "成文日期":
            assert t.is_property and t.field == "date"

    # the planned text is shown (read-only) beside the empty summary body
    planned = next(s for s in doc.walk() if s.title.startswith("改善办学条件"))
    window.go_to_section(planned.id)
    editor = window.editor
    assert editor.reference_box.isVisibleTo(window)
    assert "4900万元" in editor.reference_view.toPlainText()
    assert editor.reference_view.isReadOnly()
    window.go_to_section(doc.sections[0].id)
    if not doc.sections[0].reference:
        assert not editor.reference_box.isVisibleTo(window)


def test_locate_note_by_title_when_the_path_moved(window):
    from desktop.model import ReviewNote as Note
    doc = make_document()
    # the note's path is last year's; the section is now elsewhere
    note = Note("五/2 师德师风 第1段", "“2023年”可能是旧年份", "持续加强")
    target = locate_note(doc, note)
    assert target.section_id == next(s.id for s in doc.walk() if s.title == "师德师风")
    assert target.paragraph == 0 and target.field == "body"
    assert locate_note(doc, Note("一/二 标题", "x")).section_id == doc.sections[0].children[1].id
    assert locate_note(doc, Note("发文字号", "x")).field == "doc_number"
    assert locate_note(doc, Note("九/9 不存在的章节 第1段", "x")) is None
