"""The window's busy state while work runs off the UI thread.

``BusyState(window)``: ``with busy.running("正在打开项目…"): ...`` shows the
label with a busy bar in the status bar and a wait cursor, and keeps the
window from starting anything else meanwhile (the menus, the docks and the
``targets`` — the outline and the editor — are disabled; the preview,
read-only, stays as it is, so it is not repainted; closing waits);
``busy.active`` tells whether work is running.  Work is run by ``workers.wait_for`` inside the block.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator, Sequence

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (QApplication, QDockWidget, QLabel, QMainWindow, QProgressBar,
                               QWidget)


class BusyState(QObject):
    changed = Signal(bool)

    def __init__(self, window: QMainWindow, targets: Sequence[QWidget] = ()):
        super().__init__(window)
        self.window = window
        self.targets = list(targets)
        self.label = QLabel()
        self.label.setObjectName("busyLabel")
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)
        self.bar.setMaximumWidth(120)
        self.bar.setMaximumHeight(14)
        for widget in (self.label, self.bar):
            window.statusBar().addWidget(widget)
            widget.hide()
        self.depth = 0

    @property
    def active(self) -> bool:
        return self.depth > 0

    @contextmanager
    def running(self, label: str) -> Iterator[None]:
        self.depth += 1
        if self.depth == 1:
            self._set(True, label)
        try:
            yield
        finally:
            self.depth -= 1
            if self.depth == 0:
                self._set(False, "")

    def _set(self, busy: bool, label: str) -> None:
        window = self.window
        for widget in [window.menuBar(), *self.targets, *window.findChildren(QDockWidget)]:
            widget.setEnabled(not busy)
        self.label.setText(label)
        self.label.setVisible(busy)
        self.bar.setVisible(busy)
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        else:
            QApplication.restoreOverrideCursor()
        self.changed.emit(busy)
