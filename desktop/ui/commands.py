"""Undo commands over the document model.

Every edit the window makes is one of these, pushed on
``session.undo_stack``.  They call the pure model (``desktop.model``) and
then the session's ``notify_*`` so views refresh:

- ``EditSectionTextCommand`` — a section's title or body; consecutive
  edits of the same field of the same section merge into one undo step
  (typing), and vanish when they end where they started;
- ``SetRunInCommand`` — "1.标题。正文…" on one line or not;
- outline commands (``AddSectionCommand``, ``DeleteSectionCommand``,
  ``MoveSectionCommand``, ``PromoteSectionCommand``, ``DemoteSectionCommand``,
  ``InsertTemplateCommand``) — structural edits, undone by restoring the
  outline snapshot taken before (``Document.snapshot_outline``);
- ``ReplacePropertiesCommand``, ``ReplaceSettingsCommand`` and
  ``ReplaceDocumentCommand`` — whole-object replacements (properties
  dialog, numbering mode, recovered or re-imported document).
"""

from __future__ import annotations

import copy

from PySide6.QtGui import QUndoCommand

from ..model import MAX_LEVEL, Document, Properties, Section, Settings

_EDIT_TEXT_ID = 0x53454301  # "SEC" + 1
FIELD_LABELS = {"title": "标题", "body": "正文"}


def _label(section: Section | None) -> str:
    if section is None:
        return ""
    title = section.title.strip().replace("\n", " ")
    return title[:16] + ("…" if len(title) > 16 else "")


class EditSectionTextCommand(QUndoCommand):
    """Set ``section.title`` or ``section.body``; typing merges."""

    def __init__(self, session, section_id: str, field: str, text: str, parent=None):
        if field not in FIELD_LABELS:
            raise ValueError(field)
        super().__init__(parent)
        section = session.document.find(section_id)
        if section is None:
            raise KeyError(section_id)
        self.session = session
        self.section_id = section_id
        self.field = field
        self.old = getattr(section, field)
        self.new = text
        self.setText(f"编辑“{_label(section) or '无标题'}”的{FIELD_LABELS[field]}")

    def id(self) -> int:
        return _EDIT_TEXT_ID

    def _set(self, text: str) -> None:
        section = self.session.document.find(self.section_id)
        if section is None:  # cannot happen with a consistent stack
            return
        setattr(section, self.field, text)
        self.session.notify_section(self.section_id)

    def redo(self):
        self._set(self.new)

    def undo(self):
        self._set(self.old)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditSectionTextCommand) or other.session is not self.session \
                or other.section_id != self.section_id or other.field != self.field:
            return False
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)
        return True


class SetRunInCommand(QUndoCommand):
    def __init__(self, session, section_id: str, value: bool, parent=None):
        super().__init__(parent)
        self.session = session
        self.section_id = section_id
        section = session.document.find(section_id)
        if section is None:
            raise KeyError(section_id)
        self.old = section.run_in
        self.new = bool(value)
        self.setText("标题与正文同段" if value else "标题单独成段")

    def _set(self, value: bool) -> None:
        section = self.session.document.find(self.section_id)
        if section is not None:
            section.run_in = value
            self.session.notify_section(self.section_id)

    def redo(self):
        self._set(self.new)

    def undo(self):
        self._set(self.old)


# -- structural edits -------------------------------------------------------------
class OutlineCommand(QUndoCommand):
    """A structural edit undone by restoring the outline as it was.

    The first ``redo`` performs ``apply()`` on the model and keeps the
    outline it produced, so a later redo restores exactly that outline
    (ids included) — the commands above it on the stack stay valid.
    """

    def __init__(self, session, text: str, parent=None):
        super().__init__(parent)
        self.session = session
        self.setText(text)
        self._before: list[Section] | None = None
        self._after: list[Section] | None = None
        self.focus_after = ""  # section to select after redo
        self.focus_before = session.current_section_id

    def apply(self, doc: Document) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def redo(self):
        doc = self.session.document
        if self._after is None:
            self._before = doc.snapshot_outline()
            self.apply(doc)
            self._after = doc.snapshot_outline()
        else:
            doc.restore_outline(self._after)
        self.session.notify_outline()
        if self.focus_after and doc.find(self.focus_after) is not None:
            self.session.set_current_section(self.focus_after)

    def undo(self):
        doc = self.session.document
        doc.restore_outline(self._before)
        self.session.notify_outline()
        focus = self.focus_before
        self.session.set_current_section(focus if focus and doc.find(focus) else "")


class AddSectionCommand(OutlineCommand):
    """Insert a section (with its subtree) under ``parent_id`` at ``index``."""

    def __init__(self, session, parent_id: str | None, index: int, section: Section,
                 text: str = "添加章节", parent=None):
        super().__init__(session, text, parent)
        self.parent_id = parent_id
        self.index = index
        self.section = copy.deepcopy(section)
        self.focus_after = section.id

    def apply(self, doc: Document) -> None:
        doc.insert(self.parent_id, self.index, copy.deepcopy(self.section))


def new_child_command(session, section_id: str | None, title: str = "新章节") -> AddSectionCommand:
    """Add an empty section as the last child of ``section_id`` (or at top level)."""
    doc = session.document
    if section_id is None:
        return AddSectionCommand(session, None, len(doc.sections), Section(title=title, level=1),
                                 "添加一级标题")
    parent = doc.find(section_id)
    if parent is None:
        raise KeyError(section_id)
    if parent.level >= 4:
        raise ValueError("第四级（（1））标题下不能再添加下级")
    return AddSectionCommand(session, section_id, len(parent.children),
                             Section(title=title, level=parent.level + 1), "添加下级章节")


def new_sibling_command(session, section_id: str | None, title: str = "新章节") -> AddSectionCommand:
    """Add an empty section right after ``section_id`` at the same level."""
    doc = session.document
    if section_id is None:
        return new_child_command(session, None, title)
    section = doc.find(section_id)
    if section is None:
        raise KeyError(section_id)
    parent, index = doc.locate(section_id)
    return AddSectionCommand(session, parent.id if parent else None, index + 1,
                             Section(title=title, level=section.level), "添加同级章节")


class DeleteSectionCommand(OutlineCommand):
    def __init__(self, session, section_id: str, parent=None):
        section = session.document.find(section_id)
        if section is None:
            raise KeyError(section_id)
        super().__init__(session, f"删除“{_label(section) or '无标题'}”", parent)
        self.section_id = section_id
        # select the neighbour that takes its place
        doc = session.document
        parent_sec, index = doc.locate(section_id)
        siblings = parent_sec.children if parent_sec else doc.sections
        if index + 1 < len(siblings):
            self.focus_after = siblings[index + 1].id
        elif index > 0:
            self.focus_after = siblings[index - 1].id
        elif parent_sec is not None:
            self.focus_after = parent_sec.id
        self.focus_before = section_id

    def apply(self, doc: Document) -> None:
        doc.remove(self.section_id)

    def redo(self):
        super().redo()
        if not self.focus_after:
            self.session.set_current_section("")


class MoveSectionCommand(OutlineCommand):
    """Move a section (with its subtree); ``index`` counts after removal."""

    def __init__(self, session, section_id: str, new_parent_id: str | None, index: int,
                 parent=None):
        doc = session.document
        section = doc.find(section_id)
        if section is None:
            raise KeyError(section_id)
        if new_parent_id is not None and any(s.id == new_parent_id for s in section.walk()):
            raise ValueError("不能把章节移动到它自己的下级")
        if not fits_under(section, doc.find(new_parent_id) if new_parent_id else None):
            raise ValueError("移动后层级将超过四级")
        super().__init__(session, f"移动“{_label(section) or '无标题'}”", parent)
        self.section_id = section_id
        self.new_parent_id = new_parent_id
        self.index = index
        self.focus_after = section_id

    def apply(self, doc: Document) -> None:
        doc.move(self.section_id, self.new_parent_id, self.index)


def fits_under(section: Section, parent: Section | None) -> bool:
    """Whether the subtree keeps within four levels when put under ``parent``."""
    def height(s: Section) -> int:
        return 1 + max((height(c) for c in s.children), default=0)
    base = parent.level if parent else 0
    return base + height(section) <= 4


class PromoteSectionCommand(OutlineCommand):
    def __init__(self, session, section_id: str, parent=None):
        if not session.document.can_promote(section_id):
            raise ValueError("一级标题无法再升级")
        section = session.document.find(section_id)
        super().__init__(session, f"升级“{_label(section) or '无标题'}”", parent)
        self.section_id = section_id
        self.focus_after = section_id

    def apply(self, doc: Document) -> None:
        doc.promote(self.section_id)


class DemoteSectionCommand(OutlineCommand):
    def __init__(self, session, section_id: str, parent=None):
        if not session.document.can_demote(section_id):
            raise ValueError("该章节无法降级")
        section = session.document.find(section_id)
        super().__init__(session, f"降级“{_label(section) or '无标题'}”", parent)
        self.section_id = section_id
        self.focus_after = section_id

    def apply(self, doc: Document) -> None:
        doc.demote(self.section_id)


def template_section(template, level: int) -> Section:
    """A section (with children) made from a library ``SectionTemplate``."""
    section = template.make_section(level)
    if level < MAX_LEVEL:
        for child in getattr(template, "children", []) or []:
            section.children.append(template_section(child, level + 1))
    return section


class InsertTemplateCommand(OutlineCommand):
    """Insert a section made from a library template."""

    def __init__(self, session, template, parent_id: str | None, index: int, parent=None):
        super().__init__(session, f"插入模板“{_label(Section(title=template.title))}”", parent)
        doc = session.document
        parent_sec = doc.find(parent_id) if parent_id else None
        level = parent_sec.level + 1 if parent_sec else 1
        self.section = template_section(template, min(level, 4))
        self.parent_id = parent_id
        self.index = index
        self.focus_after = self.section.id

    def apply(self, doc: Document) -> None:
        doc.insert(self.parent_id, self.index, copy.deepcopy(self.section))


def insert_template_command(session, template, after_id: str | None = None) -> InsertTemplateCommand:
    """Insert a template after ``after_id`` as its sibling (at the end when None)."""
    doc = session.document
    if not after_id or doc.find(after_id) is None:
        return InsertTemplateCommand(session, template, None, len(doc.sections))
    parent, index = doc.locate(after_id)
    return InsertTemplateCommand(session, template, parent.id if parent else None, index + 1)


# -- whole objects -------------------------------------------------------------------
class ReplacePropertiesCommand(QUndoCommand):
    def __init__(self, session, properties: Properties, text: str = "修改文档属性", parent=None):
        super().__init__(parent)
        self.session = session
        self.old = copy.deepcopy(session.document.properties)
        self.new = copy.deepcopy(properties)
        self.setText(text)

    def _set(self, props: Properties) -> None:
        self.session.document.properties = copy.deepcopy(props)
        self.session.notify_properties()

    def redo(self):
        self._set(self.new)

    def undo(self):
        self._set(self.old)


class ReplaceSettingsCommand(QUndoCommand):
    def __init__(self, session, settings: Settings, text: str = "修改文档设置", parent=None):
        super().__init__(parent)
        self.session = session
        self.old = copy.deepcopy(session.document.settings)
        self.new = copy.deepcopy(settings)
        self.setText(text)

    def _set(self, settings: Settings) -> None:
        self.session.document.settings = copy.deepcopy(settings)
        self.session.notify_settings()
        self.session.notify_outline()  # numbering may have changed

    def redo(self):
        self._set(self.new)

    def undo(self):
        self._set(self.old)


_DOC_FIELDS = ("properties", "sections", "figures", "settings", "ignored_findings",
               "ignored_rules")


class ReplaceDocumentCommand(QUndoCommand):
    """Replace the whole content of the open document (kept the same object,
    so every view holding ``session.document`` stays valid)."""

    def __init__(self, session, document: Document, text: str = "替换文档内容", parent=None):
        super().__init__(parent)
        self.session = session
        self.old = copy.deepcopy(session.document)
        self.new = copy.deepcopy(document)
        self.setText(text)

    def _set(self, doc: Document) -> None:
        target = self.session.document
        try:
            from .figure_commands import figure_signals
            sig = figure_signals(self.session)
        except ImportError:  # pragma: no cover - figures commands always present
            sig = None
        if sig is not None:
            sig.aboutToReset.emit()
        for name in _DOC_FIELDS:
            setattr(target, name, copy.deepcopy(getattr(doc, name)))
        if sig is not None:
            sig.reset.emit()
        self.session.set_current_section("")
        self.session.notify_properties()
        self.session.notify_settings()
        self.session.notify_figures()
        self.session.notify_outline()

    def redo(self):
        self._set(self.new)

    def undo(self):
        self._set(self.old)
