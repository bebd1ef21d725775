"""The window's busy state while work runs off the UI thread."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from tests.ui.documents import make_document


def test_nothing_else_starts_while_work_runs(window, qtbot):
    window.set_document(make_document(), None)
    seen = {}
    release = threading.Event()

    def look():  # on the UI thread, while the worker waits
        seen["menus"] = window.menuBar().isEnabled()
        seen["editor"] = window.editor.isEnabled()
        seen["outline"] = window.outline.isEnabled()
        seen["docks"] = window.figures_dock.isEnabled() or window.proofread_dock.isEnabled()
        seen["preview"] = window.preview.isEnabled()
        seen["label"] = window.busy.label.text() if window.busy.label.isVisible() else ""
        seen["cursor"] = QApplication.overrideCursor() is not None
        window.close()  # refused while busy
        seen["open"] = window.isVisible()
        release.set()

    QTimer.singleShot(50, look)
    assert window.run_busy(lambda: release.wait(10) and "done", label="正在导出…") == "done"
    assert seen == {"menus": False, "editor": False, "outline": False, "docks": False,
                    "preview": True, "label": "正在导出…", "cursor": True, "open": True}
    assert window.menuBar().isEnabled() and window.editor.isEnabled()
    assert not window.busy.active and not window.busy.label.isVisible()
    assert QApplication.overrideCursor() is None


def test_a_failure_ends_the_busy_state(window):
    def fail():
        raise ValueError("坏")
    with pytest.raises(ValueError):  # the worker's exception is re-raised
        window.run_busy(fail, label="正在打开项目…")
    assert not window.busy.active and window.menuBar().isEnabled()
    assert QApplication.overrideCursor() is None
