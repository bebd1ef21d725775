"""CompareDialog: this year's document against last year's, section by section.

The list on the left shows each section with its status (未变/有改动/新增/
已删除); the pane on the right shows the selected section's changes
(deletions struck through in red, insertions underlined in green).  The
comparison itself is ``desktop.reuse.compare`` (no Qt).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel,
                               QListWidget, QListWidgetItem, QSplitter, QTextBrowser,
                               QVBoxLayout, QWidget)

from ..model import Document
from ..reuse.compare import (ADDED, CHANGED, REMOVED, SAME, STATUS_LABELS, SectionDiff,
                             compare_documents)

_COLOURS = {SAME: None, CHANGED: "#8a5a00", ADDED: "#007a33", REMOVED: "#c00000"}


class CompareDialog(QDialog):
    def __init__(self, old_doc: Document, new_doc: Document, parent: QWidget | None = None,
                 *, diffs: list[SectionDiff] | None = None):
        """``diffs``: ``compare_documents(old_doc, new_doc)`` when the caller
        has already made it (in a worker: it takes ~0.5 s for 200 pages)."""
        super().__init__(parent)
        self.setWindowTitle("与去年对比")
        self.resize(960, 640)
        self._diffs: list[SectionDiff] = (list(diffs) if diffs is not None
                                          else compare_documents(old_doc, new_doc))

        self.summary = QLabel()
        self.only_changes = QCheckBox("只显示有变化的章节")
        self.list = QListWidget()
        self.list.setObjectName("compareList")
        self.view = QTextBrowser()
        self.view.setObjectName("compareView")
        self.view.setOpenLinks(False)

        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(self.view)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([380, 560])  # the list wide enough for a title and its [有改动]
        buttons = QDialogButtonBox(QDialogButtonBox.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.only_changes)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

        self.list.currentRowChanged.connect(self._show)
        self.only_changes.toggled.connect(self._fill)
        self._fill()

    # -- public -----------------------------------------------------------------
    def diffs(self) -> list[SectionDiff]:
        return list(self._diffs)

    def visible_diffs(self) -> list[SectionDiff]:
        return [self.list.item(i).data(Qt.UserRole) for i in range(self.list.count())]

    def select(self, row: int) -> None:
        self.list.setCurrentRow(row)

    def current_html(self) -> str:
        return self.view.toHtml()

    # -- internals --------------------------------------------------------------
    def _fill(self) -> None:
        self.list.clear()
        counts = {k: 0 for k in STATUS_LABELS}
        for d in self._diffs:
            counts[d.status] += 1
            if self.only_changes.isChecked() and d.status == SAME:
                continue
            indent = "　" * max(0, d.level - 1)
            item = QListWidgetItem(f"{indent}{d.label}　[{STATUS_LABELS[d.status]}]")
            item.setData(Qt.UserRole, d)
            colour = _COLOURS[d.status]
            if colour:
                item.setForeground(QBrush(QColor(colour)))
            self.list.addItem(item)
        self.summary.setText(
            f"共 {len(self._diffs)} 处：有改动 {counts[CHANGED]}，新增 {counts[ADDED]}，"
            f"已删除 {counts[REMOVED]}，未变 {counts[SAME]}")
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.view.setHtml("<p>没有变化。</p>")

    def _show(self, row: int) -> None:
        if row < 0:
            return
        d: SectionDiff = self.list.item(row).data(Qt.UserRole)
        head = f"<h3>{d.label}（{STATUS_LABELS[d.status]}）</h3>"
        self.view.setHtml(head + d.html())
