"""Autosave and crash recovery: unit tests, and a real application process
killed with SIGKILL whose edits the next start offers and restores."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.paths import recovery_dir
from desktop.ui.autosave import SUFFIX, AutoSaver, find_recoverable
from desktop.ui.commands import EditSectionTextCommand
from desktop.ui.session import DocumentSession

DRIVER = Path(__file__).with_name("recovery_driver.py")


def recovery_files() -> list[Path]:
    return sorted(recovery_dir().glob("*" + SUFFIX)) if recovery_dir().is_dir() else []


def test_autosave_only_while_modified_and_removed_on_save(qapp, doc, tmp_path):
    session = DocumentSession(doc)
    saver = AutoSaver(session, interval=60_000)
    assert not saver.save_now()  # nothing to protect
    sid = doc.sections[1].id
    session.push(EditSectionTextCommand(session, sid, "body", "改过的正文"))
    assert saver.save_now()
    assert saver.file.exists() and saver.file.parent == recovery_dir()
    assert not saver.save_now()  # nothing new since
    # a live window's file is not offered for recovery
    assert find_recoverable() == []
    session.undo_stack.setClean()  # what a save does
    assert not saver.file.exists()
    saver.stop()


def test_recoverable_after_the_owner_is_gone(qapp, doc):
    session = DocumentSession(doc)
    saver = AutoSaver(session, interval=60_000)
    session.push(EditSectionTextCommand(session, doc.sections[1].id, "body", "未保存"))
    assert saver.save_now()
    saver._lock.unlock()  # as if the process had died
    saver._lock = None
    found = find_recoverable()
    assert len(found) == 1
    assert found[0].document.sections[1].body == "未保存"
    assert found[0].display_name == "未命名文档"
    found[0].discard()
    assert recovery_files() == []
    session.undo_stack.clear()
    saver.timer.stop()


def test_corrupt_recovery_files_are_dropped(qapp):
    recovery_dir().mkdir(parents=True, exist_ok=True)
    bad = recovery_dir() / ("x" + SUFFIX)
    bad.write_text("{", encoding="utf-8")
    assert find_recoverable() == []
    assert not bad.exists()


def test_window_restores_recovery_as_unsaved_changes(window, doc, tmp_path):
    from desktop.project_file import save
    path = tmp_path / "saved.rdraft"
    save(doc, path)
    session = DocumentSession(doc)
    saver = AutoSaver(session, interval=60_000)
    session.set_path(str(path))
    session.push(EditSectionTextCommand(session, doc.sections[1].id, "title", "恢复的标题"))
    saver.save_now()
    saver._lock.unlock()
    saver._lock = None
    saver.timer.stop()
    from desktop.ui.app import offer_recovery
    asked = []
    assert offer_recovery(window, ask=lambda w, r: asked.append(r) or True)
    assert len(asked) == 1
    assert window.session.document.sections[1].title == "恢复的标题"
    assert window.session.path == str(path)
    assert window.session.modified
    window.session.undo_stack.undo()  # back to the saved file
    assert window.session.document.sections[1].title == "存在的问题"


def _env(home: Path) -> dict:
    env = dict(os.environ)
    env.update(REPORT_DRAFTER_HOME=str(home), REPORT_DRAFTER_AUTOSAVE_MS="200",
               QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(home / "config"),
               PYTHONPATH=str(Path(__file__).resolve().parents[2]))
    return env


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_killed_process_is_recovered_on_next_start(_isolated_home):
    home = _isolated_home
    env = _env(home)
    proc = subprocess.Popen([sys.executable, str(DRIVER), "edit"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        line = ""
        while time.monotonic() < deadline:
            line = proc.stdout.readline()
            if line.startswith("AUTOSAVED") or not line:
                break
        assert line.startswith("AUTOSAVED"), proc.stderr.read() if proc.poll() is not None else line
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    left = list((home / "recovery").glob("*" + SUFFIX))
    assert len(left) == 1

    done = subprocess.run([sys.executable, str(DRIVER), "restore"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["offered"] and "是否恢复" in result["offered"][0]
    assert result["title"] == "总体要求（已修改）"
    assert "崩溃前的修改：全年培训教师1350人次。" in result["body"]
    assert result["modified"] and result["can_undo"]
    assert result["window_title"].startswith("未命名*")
    # restored and then closed cleanly: nothing left to offer
    assert list((home / "recovery").glob("*" + SUFFIX)) == []
