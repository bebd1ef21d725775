"""Whole-object replacements (all ``ValueCommand``s): the properties, the
settings, both (the properties dialog), the whole document (recovered or
re-imported)."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from ...model import Document, Properties, Settings
from ..session import DocumentSession
from .value import DocumentContent, PropertiesAndSettings, PropertiesValue, SettingsValue, \
    ValueCommand


class ReplacePropertiesCommand(ValueCommand):
    def __init__(self, session: DocumentSession, properties: Properties,
                 text: str = "修改文档属性", parent: QUndoCommand | None = None):
        super().__init__(session, PropertiesValue(), properties, text, parent=parent)


class ReplaceSettingsCommand(ValueCommand):
    def __init__(self, session: DocumentSession, settings: Settings,
                 text: str = "修改文档设置", parent: QUndoCommand | None = None):
        super().__init__(session, SettingsValue(), settings, text, parent=parent)


class SetPropertiesCommand(ValueCommand):
    """Replace the document's properties and settings together."""

    def __init__(self, session: DocumentSession, properties: Properties, settings: Settings,
                 text: str = "修改文档属性", parent: QUndoCommand | None = None):
        super().__init__(session, PropertiesAndSettings(), (properties, settings), text,
                         parent=parent)


class ReplaceDocumentCommand(ValueCommand):
    """Replace the whole content of the open document (kept the same object,
    so every view holding ``session.document`` stays valid)."""

    def __init__(self, session: DocumentSession, document: Document,
                 text: str = "替换文档内容", parent: QUndoCommand | None = None):
        super().__init__(session, DocumentContent(), document, text, parent=parent)
