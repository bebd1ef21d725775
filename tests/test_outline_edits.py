"""Outline edits as values: every edit's inverse puts the outline back."""

from __future__ import annotations

import random

from desktop.model import Document, Section
from desktop.outline_edits import (DemoteSection, InsertSection, MoveSection, PromoteSection,
                                   RemoveSection)
from desktop.project_file import dumps


def sample() -> Document:
    return Document(sections=[
        Section("甲", id="a", children=[Section("甲一", id="a1", level=3),
                                        Section("甲二", id="a2", level=2,
                                                children=[Section("甲二一", id="a21", level=3)])]),
        Section("乙", id="b", children=[Section("乙一", id="b1", level=2)]),
        Section("丙", id="c"),
    ])


def test_move_inverse_restores_levels():
    doc = sample()
    before = dumps(doc)
    inverse = MoveSection("a2", "b1", 0).apply(doc)  # （二） with its 1. goes under （一）
    assert (doc.find("a2").level, doc.find("a21").level) == (3, 4)
    redo = inverse.apply(doc)  # back under 一、, where levels 3 and 4 would still fit
    assert (doc.find("a2").level, doc.find("a21").level) == (2, 3)
    assert dumps(doc) == before
    redo.apply(doc)
    assert doc.parent_of("a2").id == "b1"


def test_promote_inverse_gives_back_followers():
    doc = sample()
    before = dumps(doc)
    inverse = PromoteSection("a1").apply(doc)
    assert [s.id for s in doc.sections] == ["a", "a1", "b", "c"]
    assert [s.id for s in doc.find("a1").children] == ["a2"]
    again = inverse.apply(doc)
    assert dumps(doc) == before
    again.apply(doc)
    assert [s.id for s in doc.sections] == ["a", "a1", "b", "c"]


def test_remove_and_insert_keep_the_same_objects():
    doc = sample()
    section = doc.find("b")
    inverse = RemoveSection("b").apply(doc)
    assert isinstance(inverse, InsertSection) and inverse.section is section
    inverse.apply(doc)
    assert doc.find("b") is section


def test_random_edits_undo_exactly():
    rng = random.Random(15)
    doc = sample()
    for _ in range(300):
        ids = [s.id for s in doc.walk()]
        sid = rng.choice(ids)
        op = rng.randrange(5)
        if op == 0:
            edit = InsertSection(rng.choice(ids + [None]), rng.randrange(4),
                                 Section("新", level=rng.randrange(1, 5)))
        elif op == 1 and len(ids) > 3:
            edit = RemoveSection(sid)
        elif op == 2 and doc.can_promote(sid):
            edit = PromoteSection(sid)
        elif op == 3 and doc.can_demote(sid):
            edit = DemoteSection(sid)
        elif op == 4:
            target = rng.choice(ids + [None])
            section = doc.find(sid)
            if target is not None and any(s.id == target for s in section.walk()):
                continue
            height = max(doc.depth_of(s.id) for s in section.walk()) - doc.depth_of(sid) + 1
            if (doc.find(target).level if target else 0) + height > 4:
                continue
            edit = MoveSection(sid, target, rng.randrange(4))
        else:
            continue
        before = dumps(doc)
        inverse = edit.apply(doc)
        after = dumps(doc)
        redo = inverse.apply(doc)
        assert dumps(doc) == before
        redo.apply(doc)
        assert dumps(doc) == after
