"""The window's busy state while work runs off the UI thread."""

from __future__ import annotations

import os
import sys
import threading

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from tests.ui.documents import make_document


def test_nothing_else_starts_while_work_runs(window, qtbot):
    window.set_document(make_document(), None)
    seen = {}
    release = threading.Event()
    results = []
    opened = []
    window.ask_open_path = lambda: opened.append(True) or ""  # 打开 asks for a file

    def look():  # on the UI thread, while the worker waits
        seen["menus"] = window.menuBar().isEnabled()
        seen["editor"] = window.editor.isEnabled()
        seen["outline"] = window.outline.isEnabled()
        seen["docks"] = window.figures_dock.isEnabled() or window.proofread_dock.isEnabled()
        seen["preview"] = window.preview.isEnabled()
        seen["label"] = window.busy.label.text() if window.busy.label.isVisible() else ""
        seen["cursor"] = QApplication.overrideCursor() is not None
        window.activateWindow()
        QTest.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)  # 打开: ignored
        window.close()  # refused while busy
        seen["open"] = window.isVisible()
        release.set()

    QTimer.singleShot(50, look)
    window.run_busy(lambda: release.wait(10) and "done", label="正在导出…",
                    done=results.append, failed=results.append)
    assert window.busy.active and not results  # started: the caller goes on at once
    qtbot.waitUntil(lambda: bool(results), timeout=10_000)
    assert results == ["done"]
    assert seen == {"menus": False, "editor": False, "outline": False, "docks": False,
                    "preview": True, "label": "正在导出…", "cursor": True, "open": True}
    assert not opened  # the shortcut did nothing while busy
    assert window.menuBar().isEnabled() and window.editor.isEnabled()
    assert not window.busy.active and not window.busy.label.isVisible()
    assert QApplication.overrideCursor() is None
    QTest.keyClick(window, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert opened  # the shortcut works again


def test_a_failure_ends_the_busy_state(window, qtbot):
    def fail():
        raise ValueError("坏")
    errors = []
    window.run_busy(fail, label="正在打开项目…", done=errors.append, failed=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError)  # the worker's exception, to ``failed``
    assert not window.busy.active and window.menuBar().isEnabled()
    assert QApplication.overrideCursor() is None


def test_the_busy_state_has_ended_when_the_continuation_runs(window, qtbot):
    seen = []
    window.run_busy(lambda: 1, label="正在打开项目…", failed=seen.append,
                    done=lambda result: seen.append((result, window.busy.active,
                                                     window.menuBar().isEnabled())))
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(1, False, True)]


def test_no_nested_event_loop_while_a_project_opens(window, qtbot, tmp_path, finish, monkeypatch):
    """The flow goes on in a continuation: nothing spins an event loop of its own."""
    from PySide6.QtCore import QEventLoop
    from desktop.project_file import save
    path = tmp_path / "总结.rdraft"
    save(make_document(), path)
    nested, real_exec = [], QEventLoop.exec

    def exec_(loop, *args):  # the test's own waiting (pytest-qt) spins loops too
        caller = sys._getframe(1).f_code.co_filename
        if f"{os.sep}desktop{os.sep}" in caller:
            nested.append(caller)
        return real_exec(loop, *args)
    monkeypatch.setattr(QEventLoop, "exec", exec_)
    assert finish(window.open_path, str(path))
    assert window.session.path == str(path.resolve()) and not nested
