"""Structural edits of the outline as values that return their inverse.

Each edit is a small frozen dataclass whose ``apply(doc)`` changes the
document through its own outline operations (``Document.insert``,
``remove``, ``move``, ``promote``) and returns the edit that undoes it::

    inverse = MoveSection(sid, parent_id, 0).apply(doc)
    inverse.apply(doc)          # the outline is as it was, ids and levels too

Undo keeps the very ``Section`` objects that were removed (no copies of the
outline), so applying an inverse of an inverse gives back exactly the same
outline and every later edit that refers to a section by id stays valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from .model import Document, Section


class OutlineEdit(Protocol):
    def apply(self, doc: Document) -> "OutlineEdit": ...


def levels_of(section: Section) -> dict[str, int]:
    """The level of every section of a subtree, by id."""
    return {s.id: s.level for s in section.walk()}


def _restore_levels(section: Section, levels: dict[str, int]) -> None:
    for s in section.walk():
        if s.id in levels:
            s.level = levels[s.id]


def _find(doc: Document, section_id: str) -> Section:
    section = doc.find(section_id)
    if section is None:
        raise KeyError(section_id)
    return section


@dataclass(frozen=True)
class InsertSection:
    """Insert ``section`` (the object itself, with its subtree)."""

    parent_id: str | None
    index: int
    section: Section = field(compare=False)

    def apply(self, doc: Document) -> "OutlineEdit":
        doc.insert(self.parent_id, self.index, self.section)
        return RemoveSection(self.section.id)


@dataclass(frozen=True)
class RemoveSection:
    section_id: str

    def apply(self, doc: Document) -> "OutlineEdit":
        parent_id, index, section = doc.remove(self.section_id)
        return InsertSection(parent_id, index, section)


@dataclass(frozen=True)
class MoveSection:
    """Move a section; ``index`` counts after its removal.  ``levels`` (set
    on an inverse) puts the subtree's levels back as they were."""

    section_id: str
    parent_id: str | None
    index: int
    levels: tuple[tuple[str, int], ...] = ()

    def apply(self, doc: Document) -> "OutlineEdit":
        section = _find(doc, self.section_id)
        before = levels_of(section)
        old_parent, old_index = doc.move(self.section_id, self.parent_id, self.index)
        if self.levels:
            _restore_levels(section, dict(self.levels))
        return MoveSection(self.section_id, old_parent, old_index, tuple(before.items()))


@dataclass(frozen=True)
class DemoteSection:
    """The section becomes the last child of its previous sibling."""

    section_id: str

    def apply(self, doc: Document) -> "OutlineEdit":
        if not doc.can_demote(self.section_id):
            raise ValueError("该章节无法降级")
        parent, index = doc.locate(self.section_id)
        siblings = parent.children if parent else doc.sections
        prev = siblings[index - 1]
        return MoveSection(self.section_id, prev.id, len(prev.children)).apply(doc)


@dataclass(frozen=True)
class PromoteSection:
    """The section becomes the next sibling of its parent; the siblings
    that followed it become its children (``Document.promote``)."""

    section_id: str

    def apply(self, doc: Document) -> "OutlineEdit":
        parent, index = doc.locate(self.section_id)
        if parent is None:
            raise ValueError("一级标题无法再升级")
        section = parent.children[index]
        followers = len(parent.children) - index - 1
        before = levels_of(section)
        doc.promote(self.section_id)
        return _Unpromote(self.section_id, parent.id, index, followers, tuple(before.items()))


@dataclass(frozen=True)
class _Unpromote:
    """The inverse of a promotion: the section goes back under its old
    parent at ``index``, its last ``followers`` children after it."""

    section_id: str
    parent_id: str
    index: int
    followers: int
    levels: tuple[tuple[str, int], ...]

    def apply(self, doc: Document) -> "OutlineEdit":
        _, _, section = doc.remove(self.section_id)
        moved = section.children[len(section.children) - self.followers:] if self.followers else []
        if self.followers:
            del section.children[-self.followers:]
        parent = _find(doc, self.parent_id)
        parent.children[self.index:self.index] = [section, *moved]
        _restore_levels(section, dict(self.levels))
        return PromoteSection(self.section_id)
