"""Outline operations on the pure model."""

from __future__ import annotations

import pytest

from desktop.model import Document, Section, fit_levels


def titles(doc):
    def walk(items, depth=0):
        out = []
        for s in items:
            out.append(("  " * depth) + f"{s.level}:{s.title}")
            out.extend(walk(s.children, depth + 1))
        return out
    return walk(doc.sections)


@pytest.fixture
def doc():
    return Document(sections=[
        Section("甲", id="a", children=[Section("甲一", id="a1", level=2), Section("甲二", id="a2", level=2)]),
        Section("乙", id="b"),
        Section("丙", id="c"),
    ])


def test_insert_fits_level_below_parent(doc):
    doc.insert("b", 0, Section("乙一", id="b1"))
    assert doc.find("b1").level == 2
    doc.insert("a", 5, Section("甲三", id="a3", level=3))  # a 1. directly under 一、 keeps level 3
    assert doc.find("a3").level == 3 and doc.find("a").children[-1].id == "a3"


def test_remove_returns_place_for_undo(doc):
    parent, index, section = doc.remove("a2")
    assert (parent, index, section.title) == ("a", 1, "甲二")
    doc.insert(parent, index, section)
    assert [s.id for s in doc.find("a").children] == ["a1", "a2"]


def test_move_and_refuse_moving_into_own_subtree(doc):
    doc.move("c", "a", 1)
    assert [s.id for s in doc.find("a").children] == ["a1", "c", "a2"]
    assert doc.find("c").level == 2
    with pytest.raises(ValueError):
        doc.move("a", "a1", 0)


def test_demote_and_promote(doc):
    doc.demote("b")
    assert titles(doc) == ["1:甲", "  2:甲一", "  2:甲二", "  2:乙", "1:丙"]
    assert not doc.can_demote("a")
    doc.promote("a1")  # followers become its children
    assert titles(doc) == ["1:甲", "1:甲一", "  2:甲二", "  2:乙", "1:丙"]
    assert not doc.can_promote("a")


def test_demote_refused_beyond_four_levels():
    deep = Document(sections=[
        Section("一", id="x", children=[Section("二", id="y", level=2, children=[
            Section("三甲", id="z0", level=3),
            Section("三乙", id="z", level=3, children=[Section("四", id="w", level=4)])])])])
    assert not deep.can_demote("z")  # its child would need level 5
    assert deep.can_demote("w") is False  # first child: no previous sibling
    with pytest.raises(ValueError):
        deep.demote("z")


def test_snapshot_restore(doc):
    snap = doc.snapshot_outline()
    doc.demote("b")
    doc.restore_outline(snap)
    assert titles(doc) == ["1:甲", "  2:甲一", "  2:甲二", "1:乙", "1:丙"]


def test_locate_depth_clone(doc):
    assert doc.depth_of("a2") == 2 and doc.parent_of("a2").id == "a"
    dup = doc.find("a").clone()
    assert dup.id != "a" and dup.children[0].id != "a1" and dup.children[0].title == "甲一"
    with pytest.raises(KeyError):
        doc.locate("missing")


def test_fit_levels_repairs_inconsistent_levels():
    doc = Document(sections=[Section("甲", level=2, children=[Section("子", level=1)])])
    fit_levels(doc)
    assert [s.level for s in doc.walk()] == [2, 3]
