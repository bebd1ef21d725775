"""Undo commands of the proofreading panel: fix one finding, fix all the
findings of a rule (one step), ignore a finding or a whole rule."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from ...proofread import Finding, rule_name
from ...proofread.fixes import FixTarget
from ..session import DocumentSession
from .value import Ignored, SourceText, ValueCommand


class FixFindingCommand(ValueCommand):
    """Replace a source field's text (``FixTarget``); undo restores it."""

    def __init__(self, session: DocumentSession, target: FixTarget, finding: Finding,
                 parent: QUndoCommand | None = None):
        excerpt = finding.excerpt if len(finding.excerpt) <= 12 else finding.excerpt[:12] + "…"
        super().__init__(session, SourceText(target.section_id, target.field), target.new,
                         f"校对修正：{rule_name(finding.rule)}“{excerpt}”", parent=parent)
        self.old = target.old


class FixAllCommand(QUndoCommand):
    """Many fixes at once (``FixTarget``s of different fields, located
    against the same source text); undo restores every field."""

    def __init__(self, session: DocumentSession, targets: list[FixTarget], label: str,
                 parent: QUndoCommand | None = None):
        super().__init__(parent)
        self.session = session
        self.targets = list(targets)
        self.setText(label)

    def redo(self) -> None:
        self.session.set_source_texts([(t.section_id, t.field, t.new) for t in self.targets])

    def undo(self) -> None:
        self.session.set_source_texts([(t.section_id, t.field, t.old)
                                       for t in reversed(self.targets)])


class IgnoreCommand(ValueCommand):
    """Add a finding key (``doc.ignored_findings``) or a rule id
    (``doc.ignored_rules``) to the document's ignore lists."""

    def __init__(self, session: DocumentSession, what: str, value: str, label: str,
                 parent: QUndoCommand | None = None):
        if what not in ("finding", "rule"):
            raise ValueError(what)
        super().__init__(session, Ignored(what, value), True, label, parent=parent)
