"""Undo commands for template-driven sections (desktop.fields).

- ``EditSourceCommand`` — the template of a section (模板源码 view); typing
  merges into one step like ``EditSectionTextCommand``;
- ``SetSectionTextsCommand`` — several text attributes at once: 转为普通文字
  (body = the frozen text, template_text = ""), 按模板重新生成 (body = "", the
  section follows its template again).
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

_EDIT_SOURCE_ID = 0x53454302


class SetSectionTextsCommand(QUndoCommand):
    KEYS = ("title", "body", "template_text")

    def __init__(self, session, section_id: str, values: dict, text: str, parent=None):
        super().__init__(text, parent)
        section = session.document.find(section_id)
        if section is None:
            raise KeyError(section_id)
        if not set(values) <= set(self.KEYS):
            raise ValueError(values)
        self.session = session
        self.section_id = section_id
        self.old = {k: getattr(section, k) for k in values}
        self.new = dict(values)

    def _set(self, values: dict) -> None:
        section = self.session.document.find(self.section_id)
        if section is None:
            return
        for key, value in values.items():
            setattr(section, key, value)
        self.session.notify_section(self.section_id)

    def redo(self):
        self._set(self.new)

    def undo(self):
        self._set(self.old)


class EditSourceCommand(SetSectionTextsCommand):
    """Set a section's template (模板源码); typing merges."""

    def __init__(self, session, section_id: str, source: str, parent=None):
        super().__init__(session, section_id, {"template_text": source}, "编辑模板源码", parent)

    def id(self) -> int:
        return _EDIT_SOURCE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditSourceCommand) or other.session is not self.session \
                or other.section_id != self.section_id:
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)
        return True
