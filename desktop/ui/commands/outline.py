"""Structural edits of the outline.

Each command holds one core edit (``desktop.outline_edits``); redo applies
it through the session and keeps the inverse the edit returned, undo
applies that inverse (and keeps *its* inverse for the next redo).  The
sections removed stay the same objects, so the outline after a redo is
exactly the outline before its undo, ids included — the commands above it
on the stack stay valid.
"""

from __future__ import annotations

import copy
from typing import Any

from PySide6.QtGui import QUndoCommand

from ...model import MAX_LEVEL, Section
from ...outline_edits import (DemoteSection, InsertSection, MoveSection, OutlineEdit,
                              PromoteSection, RemoveSection)
from ..session import DocumentSession
from .sections import section_label


class OutlineCommand(QUndoCommand):
    """One structural edit, with the section to select after redo/undo."""

    def __init__(self, session: DocumentSession, edit: OutlineEdit, text: str,
                 focus_after: str = "", parent: QUndoCommand | None = None):
        super().__init__(parent)
        self.session = session
        self.setText(text)
        self._edit: OutlineEdit = edit
        self._inverse: OutlineEdit | None = None
        self.focus_after = focus_after  # section to select after redo
        self.focus_before = session.current_section_id

    def redo(self) -> None:
        self._inverse = self.session.apply_outline_edit(self._edit)
        doc = self.session.document
        if self.focus_after and doc.find(self.focus_after) is not None:
            self.session.set_current_section(self.focus_after)

    def undo(self) -> None:
        assert self._inverse is not None
        self._edit = self.session.apply_outline_edit(self._inverse)
        focus = self.focus_before
        doc = self.session.document
        self.session.set_current_section(focus if focus and doc.find(focus) else "")


def _section(session: DocumentSession, section_id: str) -> Section:
    section = session.document.find(section_id)
    if section is None:
        raise KeyError(section_id)
    return section


class AddSectionCommand(OutlineCommand):
    """Insert a section (with its subtree) under ``parent_id`` at ``index``."""

    def __init__(self, session: DocumentSession, parent_id: str | None, index: int,
                 section: Section, text: str = "添加章节", parent: QUndoCommand | None = None):
        super().__init__(session, InsertSection(parent_id, index, copy.deepcopy(section)), text,
                         focus_after=section.id, parent=parent)


def new_child_command(session: DocumentSession, section_id: str | None,
                      title: str = "新章节") -> AddSectionCommand:
    """Add an empty section as the last child of ``section_id`` (or at top level)."""
    doc = session.document
    if section_id is None:
        return AddSectionCommand(session, None, len(doc.sections), Section(title=title, level=1),
                                 "添加一级标题")
    parent = _section(session, section_id)
    if parent.level >= MAX_LEVEL:
        raise ValueError("第四级（（1））标题下不能再添加下级")
    return AddSectionCommand(session, section_id, len(parent.children),
                             Section(title=title, level=parent.level + 1), "添加下级章节")


def new_sibling_command(session: DocumentSession, section_id: str | None,
                        title: str = "新章节") -> AddSectionCommand:
    """Add an empty section right after ``section_id`` at the same level."""
    if section_id is None:
        return new_child_command(session, None, title)
    section = _section(session, section_id)
    parent, index = session.document.locate(section_id)
    return AddSectionCommand(session, parent.id if parent else None, index + 1,
                             Section(title=title, level=section.level), "添加同级章节")


class DeleteSectionCommand(OutlineCommand):
    def __init__(self, session: DocumentSession, section_id: str,
                 parent: QUndoCommand | None = None):
        section = _section(session, section_id)
        # select the neighbour that takes its place
        doc = session.document
        parent_sec, index = doc.locate(section_id)
        siblings = parent_sec.children if parent_sec else doc.sections
        focus = ""
        if index + 1 < len(siblings):
            focus = siblings[index + 1].id
        elif index > 0:
            focus = siblings[index - 1].id
        elif parent_sec is not None:
            focus = parent_sec.id
        super().__init__(session, RemoveSection(section_id),
                         f"删除“{section_label(section) or '无标题'}”", focus, parent)
        self.focus_before = section_id

    def redo(self) -> None:
        super().redo()
        if not self.focus_after:
            self.session.set_current_section("")


def fits_under(section: Section, parent: Section | None) -> bool:
    """Whether the subtree keeps within four levels when put under ``parent``."""
    def height(s: Section) -> int:
        return 1 + max((height(c) for c in s.children), default=0)
    base = parent.level if parent else 0
    return base + height(section) <= MAX_LEVEL


class MoveSectionCommand(OutlineCommand):
    """Move a section (with its subtree); ``index`` counts after removal."""

    def __init__(self, session: DocumentSession, section_id: str, new_parent_id: str | None,
                 index: int, parent: QUndoCommand | None = None):
        doc = session.document
        section = _section(session, section_id)
        if new_parent_id is not None and any(s.id == new_parent_id for s in section.walk()):
            raise ValueError("不能把章节移动到它自己的下级")
        if not fits_under(section, doc.find(new_parent_id) if new_parent_id else None):
            raise ValueError("移动后层级将超过四级")
        super().__init__(session, MoveSection(section_id, new_parent_id, index),
                         f"移动“{section_label(section) or '无标题'}”", section_id, parent)


class PromoteSectionCommand(OutlineCommand):
    def __init__(self, session: DocumentSession, section_id: str,
                 parent: QUndoCommand | None = None):
        if not session.document.can_promote(section_id):
            raise ValueError("一级标题无法再升级")
        section = session.document.find(section_id)
        super().__init__(session, PromoteSection(section_id),
                         f"升级“{section_label(section) or '无标题'}”", section_id, parent)


class DemoteSectionCommand(OutlineCommand):
    def __init__(self, session: DocumentSession, section_id: str,
                 parent: QUndoCommand | None = None):
        if not session.document.can_demote(section_id):
            raise ValueError("该章节无法降级")
        section = session.document.find(section_id)
        super().__init__(session, DemoteSection(section_id),
                         f"降级“{section_label(section) or '无标题'}”", section_id, parent)


def template_section(template: Any, level: int) -> Section:
    """A section (with children) made from a library ``SectionTemplate``."""
    section: Section = template.make_section(level)
    if level < MAX_LEVEL:
        for child in getattr(template, "children", []) or []:
            section.children.append(template_section(child, level + 1))
    return section


class InsertTemplateCommand(OutlineCommand):
    """Insert a section made from a library template."""

    def __init__(self, session: DocumentSession, template: Any, parent_id: str | None,
                 index: int, parent: QUndoCommand | None = None):
        doc = session.document
        parent_sec = doc.find(parent_id) if parent_id else None
        level = parent_sec.level + 1 if parent_sec else 1
        self.section = template_section(template, min(level, MAX_LEVEL))
        super().__init__(session, InsertSection(parent_id, index, copy.deepcopy(self.section)),
                         f"插入模板“{section_label(Section(title=template.title))}”",
                         self.section.id, parent)


def insert_template_command(session: DocumentSession, template: Any,
                            after_id: str | None = None) -> InsertTemplateCommand:
    """Insert a template after ``after_id`` as its sibling (at the end when None)."""
    doc = session.document
    if not after_id or doc.find(after_id) is None:
        return InsertTemplateCommand(session, template, None, len(doc.sections))
    parent, index = doc.locate(after_id)
    return InsertTemplateCommand(session, template, parent.id if parent else None, index + 1)
