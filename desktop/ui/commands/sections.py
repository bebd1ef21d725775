"""Edits of one section's fields (all ``ValueCommand``s).

- ``EditSectionTextCommand`` — the title or the body; consecutive edits of
  the same field of the same section merge into one undo step (typing);
- ``SetRunInCommand`` — "1.标题。正文…" on one line or not;
- ``UpdateFromTemplateCommand`` — title, template, version and run-in from
  a (newer) library template; the section follows the template again;
- ``EditTemplateTextCommand`` — a section's template (模板源码 view); typing
  merges;
- ``SetSectionTextsCommand`` — several texts at once: 转为普通文字 (body =
  the frozen text, no template), 按模板重新生成 (body = "": template-driven).
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from ...library import SectionTemplate
from ...model import Section
from ..session import DocumentSession
from .value import SectionValue, SectionValues, ValueCommand

FIELD_LABELS = {"title": "标题", "body": "正文"}


def section_label(section: Section | None) -> str:
    """A section's title, shortened for an undo step's text."""
    if section is None:
        return ""
    title = section.title.strip().replace("\n", " ")
    return title[:16] + ("…" if len(title) > 16 else "")


def _section(session: DocumentSession, section_id: str) -> Section:
    section = session.document.find(section_id)
    if section is None:
        raise KeyError(section_id)
    return section


class EditSectionTextCommand(ValueCommand):
    """Set ``section.title`` or ``section.body``; typing merges."""

    def __init__(self, session: DocumentSession, section_id: str, field: str, text: str,
                 parent: QUndoCommand | None = None):
        if field not in FIELD_LABELS:
            raise ValueError(field)
        section = _section(session, section_id)
        super().__init__(session, SectionValue(section_id, field), text,
                         f"编辑“{section_label(section) or '无标题'}”的{FIELD_LABELS[field]}",
                         merge=True, parent=parent)


class SetRunInCommand(ValueCommand):
    def __init__(self, session: DocumentSession, section_id: str, value: bool,
                 parent: QUndoCommand | None = None):
        _section(session, section_id)
        super().__init__(session, SectionValue(section_id, "run_in"), bool(value),
                         "标题与正文同段" if value else "标题单独成段", parent=parent)


_TEMPLATE_FIELDS = ("title", "body", "template_text", "template_version", "run_in")


class UpdateFromTemplateCommand(ValueCommand):
    """Replace a section's title/body by its (newer) library template's."""

    def __init__(self, session: DocumentSession, section_id: str, template: SectionTemplate,
                 parent: QUndoCommand | None = None):
        section = _section(session, section_id)
        super().__init__(session, SectionValues(section_id, _TEMPLATE_FIELDS),
                         (template.title, "", template.body, template.version, template.run_in),
                         f"从模板库更新“{section.title[:20]}”", parent=parent)


class EditTemplateTextCommand(ValueCommand):
    """Set a section's template (模板源码); typing merges."""

    def __init__(self, session: DocumentSession, section_id: str, text: str,
                 parent: QUndoCommand | None = None):
        _section(session, section_id)
        super().__init__(session, SectionValue(section_id, "template_text"), text,
                         "编辑模板源码", merge=True, parent=parent)


class SetSectionTextsCommand(ValueCommand):
    """Several of a section's texts at once (``values``: field → text)."""

    def __init__(self, session: DocumentSession, section_id: str, values: dict[str, str],
                 text: str, parent: QUndoCommand | None = None):
        _section(session, section_id)
        fields = tuple(values)
        super().__init__(session, SectionValues(section_id, fields),
                         tuple(values[f] for f in fields), text, parent=parent)
