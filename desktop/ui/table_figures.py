"""``TableFiguresEditor``: which figures go into the attached 主要指标完成情况表, in what order.

One list of every figure of the document, each with a check box: checked
figures go into the table in the list's order (上移/下移 reorder).  The
chosen ones come first, in their order, then the others.

API: ``set_figures(names, chosen)``, ``values() -> list[str]``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QHBoxLayout, QListWidget, QListWidgetItem, QPushButton,
                               QVBoxLayout, QWidget)

from .dialogs import move_list_row, update_move_buttons


class TableFiguresEditor(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.setObjectName("tableFigures")
        layout.addWidget(self.list, 1)
        col = QVBoxLayout()
        self.all_button = QPushButton("全选", self)
        self.none_button = QPushButton("全不选", self)
        self.up_button = QPushButton("上移", self)
        self.down_button = QPushButton("下移", self)
        for b in (self.all_button, self.none_button, self.up_button, self.down_button):
            col.addWidget(b)
        col.addStretch(1)
        layout.addLayout(col)
        self.all_button.clicked.connect(lambda: self._check_all(True))
        self.none_button.clicked.connect(lambda: self._check_all(False))
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.list.currentRowChanged.connect(self._update_buttons)
        self._update_buttons()

    def set_figures(self, names: list[str], chosen: list[str]) -> None:
        self.list.clear()
        known = set(names)
        ordered = [n for n in chosen if n in known] + [n for n in names if n not in chosen]
        for name in ordered:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if name in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self._update_buttons()

    def values(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def _check_all(self, on: bool) -> None:
        state = Qt.CheckState.Checked if on else Qt.CheckState.Unchecked
        for i in range(self.list.count()):
            self.list.item(i).setCheckState(state)

    def move_current(self, delta: int) -> None:
        move_list_row(self.list, delta)

    def _update_buttons(self, *args) -> None:
        update_move_buttons(self.list, self.up_button, self.down_button)
