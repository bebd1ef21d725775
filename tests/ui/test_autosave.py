"""Autosave and crash recovery: unit tests, a real application process
killed with SIGKILL whose edits the next start offers and restores, an
autosave on a full disk (told once, retried), corrupt recovery files (kept
aside and reported, the start goes on)."""

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
from tests.tooling import disk_full_after, temp_files
from tests.ui.windows import edit, make_window

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


# -- failures: a full disk ---------------------------------------------------------------------
def test_autosave_failure_is_reported_once_and_retried(qtbot, ui_settings, dialogs, saved,
                                                      monkeypatch, finish):
    path, data, bak = saved
    w = make_window(qtbot, ui_settings, autosave_ms=60_000)
    try:
        assert finish(w.open_path, str(path))
        edit(w, "第一次")
        assert w.autosaver.save_now()
        first = w.autosaver.file.read_bytes()
        edit(w, "第二次")
        disk_full_after(monkeypatch, room=10)
        for _ in range(5):  # five ticks of the timer
            assert not w.autosaver.save_now()
        qtbot.waitUntil(lambda: len(dialogs) >= 1)
        qtbot.wait(50)
        assert len(dialogs) == 1
        kind, title, text = dialogs[0]
        assert title == "自动保存失败" and "磁盘空间不足" in text and "没有丢失" in text
        assert "不再重复提示" in text
        assert w.autosave_label.isVisible() and "自动保存失败" in w.autosave_label.text()
        assert w.autosaver.file.read_bytes() == first  # the earlier recovery file is intact
        assert temp_files(w.autosaver.file.parent) == []
        assert path.read_bytes() == data
        monkeypatch.undo()
        assert w.autosaver.save_now()  # the retry works once there is room
        assert not w.autosave_label.isVisible()
        assert "第二次" in w.autosaver.file.read_text(encoding="utf-8")
        disk_full_after(monkeypatch, room=10)
        edit(w, "第三次")
        assert not w.autosaver.save_now()
        qtbot.waitUntil(lambda: len(dialogs) == 2)  # a new failure is told again
    finally:
        w.session.undo_stack.setClean()
        w.autosaver.stop()
        w.file_guard.release()


def test_autosave_timer_retries_without_new_dialogs(qtbot, session_doc_saver, dialogs,
                                                    monkeypatch):
    session, saver = session_doc_saver
    failures = []
    saver.failed.connect(failures.append)
    resumed = []
    saver.resumed.connect(lambda: resumed.append(1))
    disk_full_after(monkeypatch, room=0)
    qtbot.wait(300)  # many ticks at 20 ms
    assert len(failures) == 1 and not resumed
    assert not saver.file.exists()
    monkeypatch.undo()
    qtbot.waitUntil(lambda: saver.file.exists())
    assert resumed == [1]


@pytest.fixture
def session_doc_saver(qapp, doc):
    session = DocumentSession(doc)
    saver = AutoSaver(session, interval=20)
    session.push(EditSectionTextCommand(session, doc.sections[1].id, "body", "改过"))
    yield session, saver
    session.undo_stack.setClean()
    saver.stop()


# -- corrupt recovery files --------------------------------------------------------------------
CORRUPT = {
    "truncated": lambda good: good[: len(good) // 2],
    "garbage": lambda good: bytes(range(256)) * 4,
    "newer": None,  # filled in below
    "empty": lambda good: b"",
}


def _good_recovery(doc) -> bytes:
    from desktop.project_file import to_dict
    return json.dumps({"format": "report-drafter-recovery", "original_path": None,
                       "saved_at": 1.0, "document": to_dict(doc)},
                      ensure_ascii=False).encode("utf-8")


@pytest.mark.parametrize("kind", ["truncated", "garbage", "newer", "empty"])
def test_corrupt_recovery_file_is_kept_aside_and_reported(qtbot, ui_settings, dialogs, doc,
                                                          kind):
    from desktop.ui import app
    good = _good_recovery(doc)
    if kind == "newer":
        data = json.loads(good)
        data["document"]["schema_version"] = 99
        content = json.dumps(data, ensure_ascii=False).encode("utf-8")
    else:
        content = CORRUPT[kind](good)
    folder = recovery_dir()
    folder.mkdir(parents=True, exist_ok=True)
    bad = folder / ("a" * 32 + SUFFIX)
    bad.write_bytes(content)
    asked = []
    window = app.start(example="plan-county", ask=lambda w, r: asked.append(r) or True)
    qtbot.addWidget(window)
    try:
        assert not asked  # nothing to restore
        assert window.session.document.sections  # started normally, on the example
        assert len(dialogs) == 1
        _, title, text = dialogs[0]
        assert title == "自动保存的内容无法恢复"
        assert "已损坏" in text and "没有删除" in text and "正常启动" in text
        kept = folder / (bad.name + ".corrupt")
        assert str(kept) in text
        assert not bad.exists() and kept.read_bytes() == content
        if kind == "newer":
            assert "更新版本" in text
        if kind == "empty":
            assert "空的" in text
        # the next start does not complain again
        dialogs.clear()
        assert find_recoverable() == []
    finally:
        window.session.undo_stack.setClean()
        window.close()


def test_corrupt_and_good_recovery_files_together(qtbot, ui_settings, dialogs, doc):
    from desktop.ui import app
    folder = recovery_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ("b" * 32 + SUFFIX)).write_bytes(b"{")
    (folder / ("b" * 32 + SUFFIX + ".corrupt")).write_bytes(b"older corrupt file")
    doc.sections[1].title = "恢复出来的"
    (folder / ("c" * 32 + SUFFIX)).write_bytes(_good_recovery(doc))
    window = app.start(ask=lambda w, r: True)
    qtbot.addWidget(window)
    try:
        assert window.session.document.sections[1].title == "恢复出来的"
        assert len(dialogs) == 1 and "2.corrupt" in dialogs[0][2]
        assert (folder / ("b" * 32 + SUFFIX + ".corrupt")).read_bytes() == b"older corrupt file"
        assert (folder / ("b" * 32 + SUFFIX + ".2.corrupt")).read_bytes() == b"{"
    finally:
        window.session.undo_stack.setClean()
        window.close()
