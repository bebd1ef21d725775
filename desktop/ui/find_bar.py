"""The find bar under the editor (Ctrl+F): 查找 in section titles and bodies.

The search itself is the core's (``desktop.search``); the bar keeps the last
match and asks the window to go to it (``matchFound`` → a ``SourceRef``,
for the navigator's ``go_to``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QToolButton, QWidget

from ..search import find_all, next_match
from ..source import SourceRef
from .session import DocumentSession


class FindBar(QWidget):
    matchFound = Signal(object)  # SourceRef

    def __init__(self, session: DocumentSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("findBar")
        self.edit = QLineEdit()
        self.edit.setObjectName("findEdit")
        self.edit.setPlaceholderText("在各章节标题和正文中查找")
        self.edit.setClearButtonEnabled(True)
        self.edit.returnPressed.connect(self.find_next)
        self.status = QLabel()
        prev_b = QPushButton("上一个")
        next_b = QPushButton("下一个")
        close_b = QToolButton()
        close_b.setText("×")
        close_b.setToolTip("关闭查找栏 (Esc)")
        prev_b.clicked.connect(self.find_previous)
        next_b.clicked.connect(self.find_next)
        close_b.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QLabel("查找："))
        layout.addWidget(self.edit, 1)
        layout.addWidget(prev_b)
        layout.addWidget(next_b)
        layout.addWidget(self.status)
        layout.addWidget(close_b)
        self._last: SourceRef | None = None

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)

    def matches(self, text: str) -> list[SourceRef]:
        return find_all(self.session.document, text)

    def find_next(self) -> bool:
        return self._find(+1)

    def find_previous(self) -> bool:
        return self._find(-1)

    def _find(self, step: int) -> bool:
        text = self.edit.text()
        found = self.matches(text)
        if not found:
            self.status.setText("未找到" if text else "")
            self._last = None
            return False
        i = next_match(found, self._last, self.session.current_section_id, step)
        self._last = found[i]
        self.status.setText(f"第 {i + 1}/{len(found)} 处")
        self.matchFound.emit(self._last)
        return True
