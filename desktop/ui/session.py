"""One open document in the window: the model, its file and its undo stack.

Every edit is a ``QUndoCommand`` pushed on ``undo_stack``; commands call the
pure model (``desktop.model``) and then one of the ``notify_*`` methods so
views refresh.  ``undo_stack.isClean()`` is the "saved" flag.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..model import Document


class DocumentSession(QObject):
    documentReset = Signal()  # a different document (new, open, recover)
    outlineChanged = Signal()  # sections added, removed, moved, re-levelled
    sectionChanged = Signal(str)  # one section's title / body / flags
    propertiesChanged = Signal()
    figuresChanged = Signal()
    settingsChanged = Signal()
    notesChanged = Signal()  # the 待核对 notes (Document.review_notes)
    currentSectionChanged = Signal(str)  # "" for none
    pathChanged = Signal(str)

    def __init__(self, document: Document | None = None, path: str | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.undo_stack = QUndoStack(self)
        self.document = document or Document()
        self.path: str | None = path
        self.current_section_id = ""

    # -- whole document -------------------------------------------------------
    def reset(self, document: Document, path: str | None = None) -> None:
        self.document = document
        self.undo_stack.clear()
        self.set_path(path)
        self.current_section_id = ""
        self.documentReset.emit()

    def set_path(self, path: str | None) -> None:
        self.path = path
        self.pathChanged.emit(path or "")

    @property
    def display_name(self) -> str:
        return Path(self.path).name if self.path else "未命名"

    @property
    def modified(self) -> bool:
        return not self.undo_stack.isClean()

    def push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)

    def set_current_section(self, section_id: str) -> None:
        if section_id != self.current_section_id:
            self.current_section_id = section_id
            self.currentSectionChanged.emit(section_id)

    # -- notifications called by undo commands -----------------------------------
    def notify_outline(self) -> None:
        self.outlineChanged.emit()

    def notify_section(self, section_id: str) -> None:
        self.sectionChanged.emit(section_id)

    def notify_properties(self) -> None:
        self.propertiesChanged.emit()

    def notify_figures(self) -> None:
        self.figuresChanged.emit()

    def notify_settings(self) -> None:
        self.settingsChanged.emit()
