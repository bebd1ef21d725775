"""查找替换 (Ctrl+H): replace a phrase everywhere in the document, one undo step.

Searches the text the clerk wrote — titles, bodies, 开头导语 and 结束语 —
never inside a data chip (``desktop.find_replace``).  “全部替换” is one
undo step (``ReplaceAllCommand``); “查找下一个” goes to each place in turn.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QCheckBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout)

from .. import find_replace
from ..errors import DrafterError
from ..templating import base_context
from .commands import ReplaceAllCommand

class ReplaceDialog(QDialog):
    """The 查找替换 dialog; ``matchActivated(SourceRef)`` to show a place."""

    matchActivated = Signal(object)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.setObjectName("replaceDialog")
        self.setWindowTitle("查找替换")
        self.session = session
        self.find_edit = QLineEdit(self)
        self.find_edit.setObjectName("findText")
        self.replace_edit = QLineEdit(self)
        self.replace_edit.setObjectName("replaceText")
        self.case_check = QCheckBox("区分大小写（英文字母）", self)
        self.case_check.setChecked(True)
        self.status = QLabel(self)
        self.status.setObjectName("replaceStatus")
        self.next_button = QPushButton("查找下一个", self)
        self.replace_all_button = QPushButton("全部替换", self)
        self.replace_all_button.setObjectName("replaceAllButton")
        close = QPushButton("关闭", self)
        form = QFormLayout()
        form.addRow("查找内容：", self.find_edit)
        form.addRow("替换为：", self.replace_edit)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.next_button)
        buttons.addWidget(self.replace_all_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.case_check)
        hint = QLabel("在标题、正文、开头导语和结束语中查找；数据小框中的数字不会被替换，"
                      "请在数据指标表中修改。", self)
        hint.setWordWrap(True)  # never cut off at the dialog's edge
        layout.addWidget(hint)
        layout.addLayout(buttons)
        self.next_button.clicked.connect(self.find_next)
        self.replace_all_button.clicked.connect(self.replace_all)
        close.clicked.connect(self.close)
        self.find_edit.textChanged.connect(self._reset)
        self._matches: list = []
        self._at = -1
        self.setMinimumWidth(460)

    def _context(self) -> dict:
        return base_context(self.session.document)

    def _reset(self) -> None:
        self._matches, self._at = [], -1
        self.status.clear()

    def find_all(self) -> list:
        try:
            return find_replace.find_all(self.session.document, self.find_edit.text(),
                                         self._context(), case=self.case_check.isChecked())
        except DrafterError as e:
            self.status.setText(f"无法查找：{e.message}")
            return []

    def find_next(self):
        """The next place (wrapping round); None when the text is nowhere."""
        if not self._matches:
            self._matches, self._at = self.find_all(), -1
        if not self._matches:
            self.status.setText("未找到")
            return None
        self._at = (self._at + 1) % len(self._matches)
        match = self._matches[self._at]
        self.status.setText(f"第 {self._at + 1} 处，共 {len(self._matches)} 处")
        self.matchActivated.emit(match)
        return match

    def replace_all(self) -> int:
        """Replace every occurrence as one undo step; the number replaced."""
        needle, new = self.find_edit.text(), self.replace_edit.text()
        if not needle:
            self.status.setText("请输入要查找的内容")
            return 0
        try:
            plan = find_replace.plan_replace_all(self.session.document, needle, new,
                                                 self._context(),
                                                 case=self.case_check.isChecked())
        except DrafterError as e:
            self.status.setText(f"无法替换：{e.message}")
            return 0
        count = sum(r.count for r in plan)
        if count:
            self.session.push(ReplaceAllCommand(self.session, plan, needle, new))
        self._reset()
        self.status.setText(f"已替换 {count} 处（可撤销）" if count else "未找到")
        return count
