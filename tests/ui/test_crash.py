"""An uncaught exception in the window: logged (rotating file, version, platform),
the document autosaved, and a dialog saying so and where the log is."""

from __future__ import annotations

import platform
import threading

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.paths import recovery_dir, user_data_dir
from desktop.ui import crash
from desktop.ui.commands import EditSectionTextCommand


@pytest.fixture
def reporter(qapp):
    r = crash.install(qapp)
    closed = []

    def close_box():  # a person reading the dialog, then clicking OK
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "crashBox":
            closed.append(box.text())
            box.accept()

    timer = QTimer()
    timer.timeout.connect(close_box)
    timer.start(20)
    r.closed = closed
    yield r
    timer.stop()
    crash.uninstall()


@pytest.mark.qt_no_exception_capture
def test_exception_in_a_slot_is_logged_shown_and_work_autosaved(window, doc, qtbot, reporter):
    window.set_document(doc)
    section = window.session.document.sections[0]
    window.session.push(EditSectionTextCommand(window.session, section.id, "body", "尚未保存的修改"))
    assert not list(recovery_dir().glob("*")) if recovery_dir().is_dir() else True

    def slot():
        raise RuntimeError("slot failed on purpose")

    QTimer.singleShot(0, slot)
    qtbot.waitUntil(lambda: bool(reporter.closed), timeout=5000)
    log = crash.log_path()
    assert log.parent == user_data_dir() / "logs"
    text = log.read_text(encoding="utf-8")
    assert "RuntimeError: slot failed on purpose" in text and "Traceback" in text
    assert f"Python {platform.python_version()}" in text and "report-drafter " in text
    assert platform.system() in text
    shown = reporter.closed[0]
    assert str(log) in shown and "已自动保存" in shown and "程序内部出现错误" in shown
    # the unsaved edit is in a recovery file, offered at the next start
    files = list(recovery_dir().glob("*"))
    assert files and any("尚未保存的修改" in f.read_text(encoding="utf-8", errors="replace")
                         for f in files if f.is_file())
    assert window.isVisible()  # the window goes on


def test_exception_in_a_worker_thread_is_shown(qtbot, reporter):
    def work():
        raise ValueError("worker failed on purpose")

    t = threading.Thread(target=work, name="job")
    t.start()
    t.join()
    qtbot.waitUntil(lambda: bool(reporter.closed), timeout=5000)
    assert "ValueError: worker failed on purpose" in crash.log_path().read_text(encoding="utf-8")
    assert "线程 job" in crash.log_path().read_text(encoding="utf-8")


def test_log_rotates(qapp):
    big = "x" * 4000
    for _ in range(400):  # ≈ 1.6 MB of tracebacks
        try:
            raise OSError(big)
        except OSError as e:
            assert crash.write_log(type(e), e, e.__traceback__) == crash.log_path()
    files = sorted(p.name for p in crash.log_dir().iterdir())
    assert crash.LOG_NAME in files and f"{crash.LOG_NAME}.1" in files
    assert len(files) <= crash.BACKUPS + 1
    assert all(p.stat().st_size <= crash.MAX_BYTES + 10_000 for p in crash.log_dir().iterdir())


def test_unwritable_log_still_gives_a_message(monkeypatch, tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setenv("REPORT_DRAFTER_HOME", str(blocker))
    try:
        raise KeyError("k")
    except KeyError as e:
        assert crash.write_log(type(e), e, e.__traceback__) is None
    text = crash.message(None, saved=False)
    assert "未能写入日志" in text and "请尽快" in text
