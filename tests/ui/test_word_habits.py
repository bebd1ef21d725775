"""Word/WPS habits: 查找替换 with undo, sections copied/cut/pasted with their
children, moved up/down, pasted headings made sections, delete asks first."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

from desktop import fields
from desktop.render import render
from desktop.ui.replace_dialog import ReplaceDialog
from desktop.ui.section_actions import SectionActions
from desktop.ui.session import DocumentSession
from tests.ui.documents import make_document


def host(qtbot):
    w = QMainWindow()
    w.session = DocumentSession(make_document())
    qtbot.addWidget(w)
    return w


def titles(items):
    return [s.title for s in items]


def test_replace_all_is_one_undo_step_and_skips_data(qtbot):
    w = host(qtbot)
    session = w.session
    dialog = ReplaceDialog(session, w)
    before = render(session.document).text()
    dialog.find_edit.setText("报考")
    seen = []
    dialog.matchActivated.connect(seen.append)
    first = dialog.find_next()
    assert first is not None and seen == [first]
    assert "共" in dialog.status.text()
    dialog.replace_edit.setText("参考")
    n = dialog.replace_all()
    assert n >= 1 and "已替换" in dialog.status.text()
    text = render(session.document).text()
    assert "报考" not in text.replace("报考人数", "")  # the figure's name stays as it is
    assert any("{{ fig.报考人数 }}" in (s.body or "") for s in session.document.walk())
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert render(session.document).text() == before


def test_copy_cut_paste_sections_with_children(qtbot):
    w = host(qtbot)
    session = w.session
    actions = SectionActions(w)
    doc = session.document
    first = doc.sections[0]
    n_children = len(first.children)
    assert n_children
    session.set_current_section(first.id)
    assert actions.copy()
    assert QGuiApplication.clipboard().mimeData().hasFormat("application/x-report-drafter-sections+json")
    assert first.title in QGuiApplication.clipboard().text()
    session.set_current_section(doc.sections[-1].id)
    assert actions.paste()
    pasted = doc.sections[-1]
    assert pasted.title == first.title and len(pasted.children) == n_children
    assert pasted.id != first.id
    session.undo_stack.undo()
    assert doc.sections[-1].title != first.title or len(doc.sections) == 2
    # cut: gone, and back with undo
    count = len(doc.sections)
    session.set_current_section(first.id)
    assert actions.cut()
    assert len(doc.sections) == count - 1
    session.undo_stack.undo()
    assert len(doc.sections) == count and doc.sections[0].title == first.title


def test_move_up_and_down(qtbot):
    w = host(qtbot)
    session, doc = w.session, w.session.document
    actions = SectionActions(w)
    order = titles(doc.sections)
    session.set_current_section(doc.sections[0].id)
    assert not actions.move_up()
    assert actions.move_down()
    assert titles(doc.sections) == [order[1], order[0]] + order[2:]
    assert actions.move_up()
    assert titles(doc.sections) == order
    assert actions.act_move_up.shortcut().toString() == "Alt+Up"


def test_delete_with_children_asks_first(qtbot):
    w = host(qtbot)
    asked = []
    actions = SectionActions(w, ask=lambda title, text: asked.append(text) or False)
    first = w.session.document.sections[0]
    assert not actions.confirm_delete(first) and "下级章节" in asked[0]
    leaf = next(s for s in first.walk() if not s.children)
    assert actions.confirm_delete(leaf) and len(asked) == 1


def test_pasted_headings_become_sections(qtbot):
    w = host(qtbot)
    session, doc = w.session, w.session.document
    actions = SectionActions(w)
    target = doc.sections[0].children[0]
    made = actions.paste_text_as_sections(target.id, "（一）师资建设\n新增教师。\n（二）课程改革\n")
    assert made == 2
    parent = doc.sections[0]
    i = parent.children.index(target)
    new = parent.children[i + 1:i + 3]
    assert titles(new) == ["师资建设", "课程改革"] and new[0].level == target.level
    assert fields.parse(new[0].body) == ["新增教师。"]
    session.undo_stack.undo()  # one step
    assert "师资建设" not in titles(doc.sections[0].walk())
