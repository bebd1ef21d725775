"""One undo command for every "this value becomes that" edit.

``ValueCommand(session, target, new, text, merge=False)`` remembers the
target's value when it is made and sets ``new`` on redo, the old value on
undo — always through the session's typed mutators, which also notify the
views.  With ``merge`` consecutive commands on the same target merge into
one undo step (typing) and vanish when they end where they started.

A target is a small frozen dataclass naming *what* is set (equal targets
merge): a section's field or fields, a property's or a section's text, the
properties, the settings, both together, a figure's cell, a figure's name
(with every formula that mentions it), the whole figures table, an entry
of the ignore lists, the whole content of the document.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtGui import QUndoCommand

from ...model import Document, Figure
from ..session import DOCUMENT_FIELDS, DocumentSession

_MERGE_ID = 0x56414C01  # "VAL" + 1


class Target(Protocol):
    def get(self, session: DocumentSession) -> Any: ...

    def set(self, session: DocumentSession, value: Any) -> None: ...


class ValueCommand(QUndoCommand):
    def __init__(self, session: DocumentSession, target: Target, new: Any, text: str,
                 merge: bool = False, parent: QUndoCommand | None = None):
        super().__init__(parent)
        self.session = session
        self.target = target
        self.old = copy.deepcopy(target.get(session))
        self.new = copy.deepcopy(new)
        self.merge = merge
        self.setText(text)

    def redo(self) -> None:
        self.target.set(self.session, copy.deepcopy(self.new))

    def undo(self) -> None:
        self.target.set(self.session, copy.deepcopy(self.old))

    def id(self) -> int:
        return _MERGE_ID if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ValueCommand) or not (self.merge and other.merge) \
                or other.session is not self.session or other.target != self.target:
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)
        return True


# -- targets -------------------------------------------------------------------------
@dataclass(frozen=True)
class SectionValue:
    section_id: str
    field: str

    def get(self, session: DocumentSession) -> Any:
        return session.section_value(self.section_id, self.field)

    def set(self, session: DocumentSession, value: Any) -> None:
        session.set_section_value(self.section_id, self.field, value)


@dataclass(frozen=True)
class SectionValues:
    """Several fields of one section; the value is a tuple in ``fields`` order."""

    section_id: str
    fields: tuple[str, ...]

    def get(self, session: DocumentSession) -> tuple[Any, ...]:
        return tuple(session.section_value(self.section_id, f) for f in self.fields)

    def set(self, session: DocumentSession, value: tuple[Any, ...]) -> None:
        session.set_section_values(self.section_id, dict(zip(self.fields, value, strict=True)))


@dataclass(frozen=True)
class SourceText:
    """A text field of a section or (owner "@properties") of the properties."""

    owner: str
    field: str

    def get(self, session: DocumentSession) -> str:
        return session.source_text(self.owner, self.field)

    def set(self, session: DocumentSession, value: str) -> None:
        session.set_source_text(self.owner, self.field, value)


@dataclass(frozen=True)
class PropertiesValue:
    def get(self, session: DocumentSession) -> Any:
        return session.document.properties

    def set(self, session: DocumentSession, value: Any) -> None:
        session.set_properties(value)


@dataclass(frozen=True)
class SettingsValue:
    def get(self, session: DocumentSession) -> Any:
        return session.document.settings

    def set(self, session: DocumentSession, value: Any) -> None:
        session.set_settings(value)


@dataclass(frozen=True)
class PropertiesAndSettings:
    def get(self, session: DocumentSession) -> tuple[Any, Any]:
        return session.document.properties, session.document.settings

    def set(self, session: DocumentSession, value: tuple[Any, Any]) -> None:
        session.set_properties(value[0])
        session.set_settings(value[1])


@dataclass(frozen=True)
class FigureValue:
    row: int
    field: str

    def get(self, session: DocumentSession) -> Any:
        return session.figure_value(self.row, self.field)

    def set(self, session: DocumentSession, value: Any) -> None:
        session.set_figure_value(self.row, self.field, value)


@dataclass(frozen=True)
class FigureName:
    """A figure's name with the formulas of the whole table: the value is
    (name, formulas in row order)."""

    row: int

    def get(self, session: DocumentSession) -> tuple[str, tuple[str, ...]]:
        figures = session.document.figures
        return figures[self.row].name, tuple(f.formula for f in figures)

    def set(self, session: DocumentSession, value: tuple[str, tuple[str, ...]]) -> None:
        session.set_figure_name(self.row, value[0], value[1])


@dataclass(frozen=True)
class FiguresTable:
    def get(self, session: DocumentSession) -> list[Figure]:
        return session.document.figures

    def set(self, session: DocumentSession, value: list[Figure]) -> None:
        session.set_figures(value)


@dataclass(frozen=True)
class Ignored:
    """Whether a finding key (``what`` "finding") or a rule id ("rule") is
    in the document's ignore lists."""

    what: str
    value: str

    def get(self, session: DocumentSession) -> bool:
        doc = session.document
        return self.value in (doc.ignored_findings if self.what == "finding" else doc.ignored_rules)

    def set(self, session: DocumentSession, value: bool) -> None:
        session.set_ignored(self.what, self.value, value)


@dataclass(frozen=True)
class DocumentContent:
    """Everything in the open document (kept the same object)."""

    def get(self, session: DocumentSession) -> Document:
        doc = session.document
        return Document(**{name: getattr(doc, name) for name in DOCUMENT_FIELDS})

    def set(self, session: DocumentSession, value: Document) -> None:
        session.replace_content(value)


@dataclass(frozen=True)
class ReviewNotes:
    """The document's 待核对 notes (``Document.review_notes``) with their states."""

    def get(self, session: DocumentSession) -> list[Any]:
        return list(session.document.review_notes)

    def set(self, session: DocumentSession, value: list[Any]) -> None:
        session.set_review_notes(value)
