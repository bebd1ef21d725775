"""Undo commands over the model, without any window."""

from __future__ import annotations

import random

import pytest

from desktop.library import SectionTemplate
from desktop.model import Document, Properties, Section, Settings
from desktop.project_file import dumps
from desktop.ui.commands import (AddSectionCommand, DeleteSectionCommand, DemoteSectionCommand,
                                 EditSectionTextCommand, InsertTemplateCommand,
                                 MoveSectionCommand, PromoteSectionCommand,
                                 ReplaceDocumentCommand, ReplacePropertiesCommand,
                                 ReplaceSettingsCommand, SetRunInCommand,
                                 insert_template_command, new_child_command,
                                 new_sibling_command)
from desktop.ui.session import DocumentSession


@pytest.fixture
def session(qapp, doc):
    s = DocumentSession(doc)
    yield s
    s.undo_stack.clear()


def by_title(doc: Document, title: str) -> Section:
    return next(s for s in doc.walk() if s.title == title)


def test_typing_merges_into_one_step(session):
    sid = by_title(session.document, "存在的问题").id
    original = session.document.find(sid).body
    for text in ("发", "发展", "发展不"):
        session.push(EditSectionTextCommand(session, sid, "body", text))
    assert session.undo_stack.count() == 1
    assert session.document.find(sid).body == "发展不"
    session.undo_stack.undo()
    assert session.document.find(sid).body == original
    session.undo_stack.redo()
    assert session.document.find(sid).body == "发展不"


def test_typing_back_to_start_leaves_nothing_to_undo(session):
    sid = by_title(session.document, "存在的问题").id
    original = session.document.find(sid).body
    session.push(EditSectionTextCommand(session, sid, "body", original + "x"))
    session.push(EditSectionTextCommand(session, sid, "body", original))
    assert session.undo_stack.count() == 0
    assert not session.modified


def test_title_and_body_and_other_sections_do_not_merge(session):
    a = by_title(session.document, "存在的问题").id
    b = by_title(session.document, "下一步打算").id
    session.push(EditSectionTextCommand(session, a, "body", "1"))
    session.push(EditSectionTextCommand(session, a, "title", "问题"))
    session.push(EditSectionTextCommand(session, b, "body", "2"))
    assert session.undo_stack.count() == 3


def test_no_merge_into_the_saved_state(session):
    sid = by_title(session.document, "存在的问题").id
    session.push(EditSectionTextCommand(session, sid, "body", "a"))
    session.undo_stack.setClean()
    session.push(EditSectionTextCommand(session, sid, "body", "ab"))
    assert session.modified
    session.undo_stack.undo()
    assert not session.modified
    assert session.document.find(sid).body == "a"


def test_edit_notifies_the_section(session, qtbot):
    sid = by_title(session.document, "存在的问题").id
    with qtbot.waitSignal(session.sectionChanged) as blocker:
        session.push(EditSectionTextCommand(session, sid, "title", "主要问题"))
    assert blocker.args == [sid]


def test_run_in(session):
    s = by_title(session.document, "关注学生")
    session.push(SetRunInCommand(session, s.id, True))
    assert s.run_in
    session.undo_stack.undo()
    assert not s.run_in


def test_add_child_and_sibling(session):
    doc = session.document
    parent = by_title(doc, "教师队伍建设")
    session.push(new_child_command(session, parent.id, "新下级"))
    child = doc.find(session.current_section_id)
    assert child.title == "新下级" and child.level == 3
    assert doc.parent_of(child.id).id == parent.id
    session.push(new_sibling_command(session, child.id, "新同级"))
    sibling = doc.find(session.current_section_id)
    assert sibling.level == 3 and parent.children[-1].id == sibling.id
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert [c.title for c in by_title(doc, "教师队伍建设").children] == ["师德师风"]


def test_no_child_below_level_four(session):
    deepest = by_title(session.document, "心理辅导")
    with pytest.raises(ValueError):
        new_child_command(session, deepest.id)


def test_delete_and_undo_restore_exactly(session):
    before = dumps(session.document)
    sid = by_title(session.document, "高考成绩稳中有升").id
    session.set_current_section(sid)
    session.push(DeleteSectionCommand(session, sid))
    assert session.document.find(sid) is None
    assert session.current_section_id == by_title(session.document, "教师队伍建设").id
    session.undo_stack.undo()
    assert dumps(session.document) == before
    assert session.current_section_id == sid


def test_move_into_own_subtree_is_refused(session):
    a = by_title(session.document, "主要工作")
    with pytest.raises(ValueError):
        MoveSectionCommand(session, a.id, by_title(session.document, "加强备考").id, 0)


def test_move_that_would_exceed_four_levels_is_refused(session):
    deep = by_title(session.document, "高考成绩稳中有升")  # levels 2-3-4
    with pytest.raises(ValueError):
        MoveSectionCommand(session, deep.id, by_title(session.document, "师德师风").id, 0)


def test_move_promote_demote_round_trip(session):
    doc = session.document
    before = dumps(doc)
    problems = by_title(doc, "存在的问题")
    session.push(DemoteSectionCommand(session, problems.id))
    assert doc.parent_of(problems.id).title == "主要工作"
    assert doc.find(problems.id).level == 2
    session.push(PromoteSectionCommand(session, problems.id))
    assert doc.parent_of(problems.id) is None
    session.push(MoveSectionCommand(session, problems.id, None, 0))
    assert doc.sections[0].id == problems.id
    after = dumps(doc)
    for _ in range(3):
        session.undo_stack.undo()
    assert dumps(doc) == before
    for _ in range(3):
        session.undo_stack.redo()
    assert dumps(doc) == after


def test_insert_template(session):
    t = SectionTemplate(id="t1", title="加强{{ year }}年安全工作", body="安全第一。", version=3)
    after = by_title(session.document, "存在的问题").id
    session.push(insert_template_command(session, t, after))
    s = session.document.sections[2]
    assert (s.title, s.template_id, s.template_version, s.origin, s.level) == \
        ("加强{{ year }}年安全工作", "t1", 3, "template", 1)
    assert session.current_section_id == s.id
    session.push(InsertTemplateCommand(session, t, after, 0))
    child = session.document.find(session.current_section_id)
    assert child.level == 2 and session.document.parent_of(child.id).id == after
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert len(session.document.sections) == 3


def test_replace_properties_settings_document(session, qtbot):
    doc = session.document
    with qtbot.waitSignal(session.propertiesChanged):
        session.push(ReplacePropertiesCommand(session, Properties(year=2030, org="新机关")))
    assert doc.properties.year == 2030
    with qtbot.waitSignal(session.settingsChanged):
        session.push(ReplaceSettingsCommand(session, Settings(numbering_mode="continuous")))
    assert doc.settings.numbering_mode == "continuous"
    other = Document(sections=[Section(title="唯一")])
    with qtbot.waitSignal(session.outlineChanged):
        session.push(ReplaceDocumentCommand(session, other))
    assert session.document is doc and [s.title for s in doc.sections] == ["唯一"]
    for _ in range(3):
        session.undo_stack.undo()
    assert doc.properties.year == 2025 and doc.settings.numbering_mode == "per_parent"
    assert len(doc.sections) == 3


def test_random_edit_sequences_undo_to_start_and_redo_to_end(session):
    rng = random.Random(20250101)
    doc = session.document
    start = dumps(doc)
    for _ in range(150):
        ids = [s.id for s in doc.walk()]
        sid = rng.choice(ids) if ids else None
        op = rng.randrange(7)
        try:
            if op == 0 or sid is None:
                cmd = new_sibling_command(session, sid, f"节{rng.randrange(99)}")
            elif op == 1:
                cmd = new_child_command(session, sid)
            elif op == 2 and len(ids) > 2:
                cmd = DeleteSectionCommand(session, sid)
            elif op == 3 and doc.can_promote(sid):
                cmd = PromoteSectionCommand(session, sid)
            elif op == 4 and doc.can_demote(sid):
                cmd = DemoteSectionCommand(session, sid)
            elif op == 5:
                target = rng.choice(ids + [None])
                siblings = doc.children_of(target) if target else doc.sections
                cmd = MoveSectionCommand(session, sid, target, rng.randrange(len(siblings) + 1))
            else:
                cmd = EditSectionTextCommand(session, sid, rng.choice(["title", "body"]),
                                             str(rng.random()))
        except ValueError:
            continue
        session.push(cmd)
        for s in doc.walk():  # levels stay strictly increasing and within 1–4
            for c in s.children:
                assert s.level < c.level <= 4
    end = dumps(doc)
    while session.undo_stack.canUndo():
        session.undo_stack.undo()
    assert dumps(doc) == start
    while session.undo_stack.canRedo():
        session.undo_stack.redo()
    assert dumps(doc) == end


def test_add_section_keeps_given_section(session):
    s = Section(title="外来", level=1)
    session.push(AddSectionCommand(session, None, 1, s))
    assert session.document.sections[1].title == "外来"
    assert session.document.sections[1] is not s  # the command keeps its own copy
