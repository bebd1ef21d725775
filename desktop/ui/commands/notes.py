"""Undo commands of the 待核对 notes and of 查找替换 (全部替换, one step)."""

from __future__ import annotations

from typing import Any, Iterable

from PySide6.QtGui import QUndoCommand

from ... import find_replace
from ...model import ReviewNote
from ...source import PROPERTIES
from ..session import DocumentSession
from .value import ReviewNotes, ValueCommand

_OWNER = {find_replace.PREAMBLE: (PROPERTIES, "preamble"),
          find_replace.CLOSING: (PROPERTIES, "closing")}


class SetNotesCommand(ValueCommand):
    """Replace the document's 待核对 notes (a note's state, or clearing them)."""

    def __init__(self, session: DocumentSession, notes: list[ReviewNote], text: str,
                 parent: QUndoCommand | None = None):
        super().__init__(session, ReviewNotes(), notes, text, parent=parent)


class ReplaceAllCommand(QUndoCommand):
    """全部替换: every replacement (``find_replace`` plans them) as one step."""

    def __init__(self, session: DocumentSession, replacements: Iterable[Any], needle: str,
                 replacement: str, parent: QUndoCommand | None = None):
        self.replacements = list(replacements)
        count = sum(r.count for r in self.replacements)
        super().__init__(f"全部替换“{needle[:10]}”为“{replacement[:10]}”（{count} 处）", parent)
        self.session = session

    def _changes(self, undo: bool) -> list[tuple[str, str, str]]:
        out = []
        for r in (reversed(self.replacements) if undo else self.replacements):
            owner, field = _OWNER.get(r.section_id, (r.section_id, r.field))
            out.append((owner, field, r.old if undo else r.new))
        return out

    def redo(self) -> None:
        self.session.set_source_texts(self._changes(False))

    def undo(self) -> None:
        self.session.set_source_texts(self._changes(True))
