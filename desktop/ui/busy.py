"""The window's busy state while work runs off the UI thread.

``BusyState(window, targets)``::

    busy.run(fn, *args, label="正在打开项目…", done=shown, failed=not_shown, **kwargs)

runs ``fn(*args, **kwargs)`` in a worker (``workers.Task``) and returns at
once.  Meanwhile the window is busy: the label with a busy bar in the
status bar, a wait cursor, and nothing else can be started — the menus, the
docks and the ``targets`` (the start page, the outline, the editor) are
disabled and the window's shortcuts are ignored; the preview, read-only,
stays as it is, so it is not repainted; closing waits (``busy.active``).
When the worker reports, the busy state ends first, then ``done(result)``
or ``failed(error)`` runs on the UI thread (without ``failed`` the error is
raised there, to the crash handler).  Nothing waits in a nested event loop.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence, TypeVar

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (QApplication, QDockWidget, QLabel, QMainWindow, QProgressBar,
                               QWidget)

from .workers import Task

T = TypeVar("T")


def _raise(error: BaseException) -> None:
    raise error


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

    def run(self, fn: Callable[..., T], *args: Any, label: str, done: Callable[[T], None],
            failed: Callable[[BaseException], None] | None = None, **kwargs: Any) -> Task:
        """Start ``fn`` in a worker with the window busy; the busy state ends
        before ``done``/``failed`` is called (see the module's docstring)."""
        task = Task(fn, *args, **kwargs)

        def finished(result: T) -> None:
            self._leave()
            done(result)

        def raised(error: BaseException) -> None:
            self._leave()
            (failed or _raise)(error)

        task.finished.connect(finished)
        task.failed.connect(raised)
        self._enter(label)
        try:
            task.start()
        except BaseException:
            self._leave()
            raise
        return task

    def _enter(self, label: str) -> None:
        self.depth += 1
        if self.depth == 1:
            self._set(True, label)

    def _leave(self) -> None:
        self.depth -= 1
        if self.depth == 0:
            self._set(False, "")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """While busy, the window's shortcuts (its actions') do nothing."""
        if event.type() == QEvent.Type.Shortcut and self._in_window(watched):
            return True
        return False

    def _in_window(self, obj: QObject | None) -> bool:
        while obj is not None:
            if obj is self.window:
                return True
            obj = obj.parent()
        return False

    def _set(self, busy: bool, label: str) -> None:
        window = self.window
        for widget in [window.menuBar(), *self.targets, *window.findChildren(QDockWidget)]:
            widget.setEnabled(not busy)
        self.label.setText(label)
        self.label.setVisible(busy)
        self.bar.setVisible(busy)
        app = QApplication.instance()
        if busy:
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            if app is not None:
                app.installEventFilter(self)
        else:
            QApplication.restoreOverrideCursor()
            if app is not None:
                app.removeEventFilter(self)
        self.changed.emit(busy)
