"""One open document in the window: the model, its file and its undo stack.

Every edit is a ``QUndoCommand`` of ``desktop.ui.commands`` pushed on
``undo_stack``.  Commands change the document only through the typed
mutators below, each of which changes the model *and* emits the signal
views listen to — so no change can forget its notification.
``modified`` is the "not saved" flag: edits since the last save, or a
document that was never saved at all (new, imported, merged, rolled
forward: ``reset(..., unsaved=True)``) — so replacing it always asks first.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..model import Document, Figure, Properties, Settings
from ..outline_edits import OutlineEdit
from ..render import PROPERTIES  # owner id of a property's text

SECTION_FIELDS = ("title", "body", "run_in", "template_version", "template_text")
FIGURE_FIELDS = ("name", "unit", "category", "last", "value", "target", "formula")
DOCUMENT_FIELDS = ("properties", "sections", "figures", "settings", "ignored_findings",
                   "ignored_rules", "review_notes")


class FigureRows(QObject):
    """Row notifications of the figures table, sent before and after rows
    are inserted, removed or all replaced, so an item model keeps views'
    selections instead of resetting."""

    aboutToInsert = Signal(int, int)  # first, last
    inserted = Signal()
    aboutToRemove = Signal(int, int)
    removed = Signal()
    aboutToReset = Signal()
    reset = Signal()


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
        self.figure_rows = FigureRows(self)

    # -- whole document -------------------------------------------------------
    def reset(self, document: Document, path: str | None = None, *,
              unsaved: bool = False) -> None:
        """Show another document; ``unsaved`` for one that exists nowhere on
        disk yet (it counts as modified until saved)."""
        self.document = document
        self._unsaved = unsaved
        self.undo_stack.clear()
        self.set_path(path)
        self.current_section_id = ""
        self.documentReset.emit()

    def mark_saved(self) -> None:
        """The document is on disk now (after a save)."""
        self._unsaved = False
        self.undo_stack.setClean()
        self.undo_stack.cleanChanged.emit(True)  # the title loses its *

    def set_path(self, path: str | None) -> None:
        self.path = path
        self.pathChanged.emit(path or "")

    @property
    def display_name(self) -> str:
        return Path(self.path).name if self.path else "未命名"

    @property
    def modified(self) -> bool:
        return getattr(self, "_unsaved", False) or not self.undo_stack.isClean()

    def set_review_notes(self, notes: list) -> None:
        """The 待核对 notes (their states); views listen to ``notesChanged``."""
        self.document.review_notes = copy.deepcopy(notes)
        self.notesChanged.emit()

    def push(self, command: QUndoCommand) -> None:
        self.undo_stack.push(command)

    def set_current_section(self, section_id: str) -> None:
        if section_id != self.current_section_id:
            self.current_section_id = section_id
            self.currentSectionChanged.emit(section_id)

    # -- typed mutators (called by the undo commands) ----------------------------
    def section_value(self, section_id: str, field: str) -> Any:
        section = self.document.find(section_id)
        if section is None:
            raise KeyError(section_id)
        return getattr(section, field)

    def set_section_value(self, section_id: str, field: str, value: Any) -> None:
        """One field of a section (``SECTION_FIELDS``)."""
        self.set_section_values(section_id, {field: value})

    def set_section_values(self, section_id: str, values: dict[str, Any]) -> None:
        """Several fields of one section at once (one notification)."""
        section = self.document.find(section_id)
        if section is None:
            raise KeyError(section_id)
        for field in values:
            if field not in SECTION_FIELDS:
                raise ValueError(field)
        for field, value in values.items():
            setattr(section, field, value)
        self.sectionChanged.emit(section_id)

    def source_text(self, owner: str, field: str) -> str:
        """A text field of a section or (``owner`` "@properties") a property."""
        if owner == PROPERTIES:
            return str(getattr(self.document.properties, field))
        return str(self.section_value(owner, field))

    def set_source_text(self, owner: str, field: str, text: str) -> None:
        if owner == PROPERTIES:
            setattr(self.document.properties, field, text)
            self.propertiesChanged.emit()
        else:
            self.set_section_value(owner, field, text)

    def set_source_texts(self, changes: list[tuple[str, str, str]]) -> None:
        """Several (owner, field, text) at once, each section notified once."""
        sections = {s.id: s for s in self.document.walk()}
        changed: list[str] = []
        properties = False
        for owner, field, text in changes:
            if owner == PROPERTIES:
                setattr(self.document.properties, field, text)
                properties = True
                continue
            if field not in SECTION_FIELDS:
                raise ValueError(field)
            if owner not in sections:
                raise KeyError(owner)
            setattr(sections[owner], field, text)
            if owner not in changed:
                changed.append(owner)
        for section_id in changed:
            self.sectionChanged.emit(section_id)
        if properties:
            self.propertiesChanged.emit()

    def apply_outline_edit(self, edit: OutlineEdit) -> OutlineEdit:
        """Make a structural edit; returns the edit that undoes it."""
        inverse = edit.apply(self.document)
        self.outlineChanged.emit()
        return inverse

    def set_properties(self, properties: Properties) -> None:
        changed = properties != self.document.properties
        self.document.properties = copy.deepcopy(properties)
        if changed:
            self.propertiesChanged.emit()

    def set_settings(self, settings: Settings) -> None:
        changed = settings != self.document.settings
        self.document.settings = copy.deepcopy(settings)
        if changed:
            self.settingsChanged.emit()
            self.outlineChanged.emit()  # numbering may have changed

    def set_ignored(self, what: str, value: str, present: bool) -> None:
        """Add or remove a finding key (``what`` "finding") or a rule id ("rule")
        of the document's ignore lists."""
        if what not in ("finding", "rule"):
            raise ValueError(what)
        items = self.document.ignored_findings if what == "finding" else self.document.ignored_rules
        if present and value not in items:
            items.append(value)
        elif not present and value in items:
            items.remove(value)

    def figure_value(self, row: int, field: str) -> Any:
        return getattr(self.document.figures[row], field)

    def set_figure_value(self, row: int, field: str, value: Any) -> None:
        if field not in FIGURE_FIELDS:
            raise ValueError(field)
        setattr(self.document.figures[row], field, value)
        self.figuresChanged.emit()

    def set_figure_name(self, row: int, name: str, formulas: tuple[str, ...]) -> None:
        """Rename a figure together with every formula of the table."""
        figures = self.document.figures
        figures[row].name = name
        for figure, formula in zip(figures, formulas, strict=True):
            figure.formula = formula
        self.figuresChanged.emit()

    def insert_figure(self, row: int, figure: Figure) -> None:
        self.figure_rows.aboutToInsert.emit(row, row)
        self.document.figures.insert(row, figure)
        self.figure_rows.inserted.emit()
        self.figuresChanged.emit()

    def remove_figure(self, row: int) -> Figure:
        self.figure_rows.aboutToRemove.emit(row, row)
        figure = self.document.figures.pop(row)
        self.figure_rows.removed.emit()
        self.figuresChanged.emit()
        return figure

    def set_figures(self, figures: list[Figure]) -> None:
        self.figure_rows.aboutToReset.emit()
        self.document.figures = copy.deepcopy(figures)
        self.figure_rows.reset.emit()
        self.figuresChanged.emit()

    def replace_content(self, document: Document) -> None:
        """Put ``document``'s content in the open document (kept the same
        object, so every view holding ``session.document`` stays valid)."""
        self.figure_rows.aboutToReset.emit()
        for name in DOCUMENT_FIELDS:
            setattr(self.document, name, copy.deepcopy(getattr(document, name)))
        self.figure_rows.reset.emit()
        self.set_current_section("")
        self.propertiesChanged.emit()
        self.settingsChanged.emit()
        self.figuresChanged.emit()
        self.notesChanged.emit()
        self.outlineChanged.emit()

    # -- notifications for code that changed the model itself ---------------------
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
