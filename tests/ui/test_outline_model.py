"""OutlineModel (no window) and the OutlineView's keyboard re-nesting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from desktop.ui.commands import (DeleteSectionCommand, EditSectionTextCommand,
                                 ReplaceSettingsCommand, new_child_command)
from desktop.ui.outline_model import MIME_TYPE, OutlineModel, OutlineView, SectionIdRole
from desktop.ui.session import DocumentSession


@pytest.fixture
def session(qapp, doc):
    s = DocumentSession(doc)
    yield s
    s.undo_stack.clear()


@pytest.fixture
def model(session):
    return OutlineModel(session)


def texts(model, parent=QModelIndex()):
    out = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        out.append(index.data())
        out.extend("  " + t for t in texts(model, index))
    return out


def find(model, title):
    for sid_section in model.session.document.walk():
        if sid_section.title == title:
            return model.index_of(sid_section.id)
    raise KeyError(title)


def test_passes_qtmodeltester(qtmodeltester, model):
    qtmodeltester.check(model, force_py=True)


def test_passes_qtmodeltester_after_edits(qtmodeltester, model, session):
    qtmodeltester.check(model, force_py=True)
    first = session.document.sections[0].id
    session.push(new_child_command(session, first, "新的"))
    session.push(DeleteSectionCommand(session, session.document.sections[1].id))
    session.undo_stack.undo()
    session.push(EditSectionTextCommand(session, first, "title", "改名"))


def test_shows_printed_numbers(model):
    assert texts(model) == [
        "一、主要工作",
        "  （一）高考成绩稳中有升",
        "    1.加强备考",
        "    2.关注学生",
        "      （1）心理辅导",
        "  （二）教师队伍建设",
        "    1.师德师风",
        "二、存在的问题",
        "三、下一步打算",
    ]


def test_numbering_mode_follows_settings(model, session):
    import copy
    settings = copy.deepcopy(session.document.settings)
    settings.numbering_mode = "per_chapter"
    session.push(ReplaceSettingsCommand(session, settings))
    assert "    3.师德师风" in texts(model)
    session.undo_stack.undo()
    assert "    1.师德师风" in texts(model)


def test_roles_and_flags(model):
    index = find(model, "加强备考")
    assert index.data(Qt.EditRole) == "加强备考"
    assert index.data(SectionIdRole)
    assert model.flags(index) & Qt.ItemIsEditable
    assert model.flags(index) & Qt.ItemIsDragEnabled
    assert model.flags(QModelIndex()) & Qt.ItemIsDropEnabled
    assert model.parent(index) == find(model, "高考成绩稳中有升")


def test_rename_in_place_is_undoable(model, session):
    index = find(model, "存在的问题")
    assert model.setData(index, "  主要问题 ", Qt.EditRole)
    assert index.data() == "二、主要问题"
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert find(model, "存在的问题").data() == "二、存在的问题"


def test_section_edit_updates_row_without_reset(model, session, qtbot):
    sid = session.document.sections[1].id
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    with qtbot.waitSignal(model.dataChanged):
        session.push(EditSectionTextCommand(session, sid, "title", "问题"))
    assert not resets


def test_drag_and_drop_moves_through_the_undo_stack(model, session):
    doc = session.document
    source = find(model, "下一步打算")
    data = model.mimeData([source])
    assert data.hasFormat(MIME_TYPE)
    target_parent = find(model, "主要工作")
    assert model.canDropMimeData(data, Qt.MoveAction, 0, 0, target_parent)
    model.dropMimeData(data, Qt.MoveAction, 0, 0, target_parent)
    moved = next(s for s in doc.walk() if s.title == "下一步打算")
    assert doc.parent_of(moved.id).title == "主要工作"
    assert doc.find(moved.id).level == 2
    assert texts(model)[1] == "  （一）下一步打算"
    session.undo_stack.undo()
    assert texts(model)[-1] == "三、下一步打算"


def test_drop_reorders_siblings(model, session):
    data = model.mimeData([find(model, "主要工作")])
    model.dropMimeData(data, Qt.MoveAction, 3, 0, QModelIndex())  # after the last one
    assert [s.title for s in session.document.sections] == ["存在的问题", "下一步打算", "主要工作"]


def test_refuses_drop_into_own_subtree_or_too_deep(model):
    data = model.mimeData([find(model, "主要工作")])
    assert not model.canDropMimeData(data, Qt.MoveAction, 0, 0, find(model, "加强备考"))
    deep = model.mimeData([find(model, "高考成绩稳中有升")])
    assert not model.canDropMimeData(deep, Qt.MoveAction, 0, 0, find(model, "师德师风"))
    assert not model.dropMimeData(deep, Qt.MoveAction, 0, 0, find(model, "师德师风"))


def test_view_keyboard_promote_demote(qtbot, session):
    view = OutlineView(session)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    problems = session.document.sections[1]
    session.set_current_section(problems.id)
    assert view.current_section_id() == problems.id
    view.setFocus()
    qtbot.keyClick(view, Qt.Key_Tab)
    assert session.document.parent_of(problems.id).title == "主要工作"
    assert view.current_section_id() == problems.id  # selection survives the reset
    qtbot.keyClick(view, Qt.Key_Backtab, Qt.ShiftModifier)
    assert session.document.parent_of(problems.id) is None
    qtbot.keyClick(view, Qt.Key_Right, Qt.AltModifier | Qt.ShiftModifier)
    assert session.document.parent_of(problems.id) is not None
    qtbot.keyClick(view, Qt.Key_Left, Qt.AltModifier | Qt.ShiftModifier)
    assert session.document.parent_of(problems.id) is None
    assert session.undo_stack.count() == 4


def test_view_keeps_collapsed_branches(qtbot, session):
    view = OutlineView(session)
    qtbot.addWidget(view)
    model = view.outline_model()
    first = model.index_of(session.document.sections[0].id)
    view.collapse(first)
    session.push(DeleteSectionCommand(session, session.document.sections[2].id))
    assert not view.isExpanded(model.index_of(session.document.sections[0].id))
    assert view.isExpanded(model.index_of(
        next(s for s in session.document.walk() if s.title == "高考成绩稳中有升").id))
