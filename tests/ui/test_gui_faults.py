"""Faults in the window: save, autosave and export failures (full disk, a
target locked by another program), corrupt recovery files, a second window
or process on the same project, a project changed on disk.

Each leaves every earlier file byte-identical, loses nothing (the document
stays modified with its undo stack) and says what happened in a Chinese
dialog.  Dialogs are captured by patching QMessageBox's static methods;
the window's ``show_error`` is the real one (it calls QMessageBox.warning).
Tests run as root, so write failures are simulated by patching os calls.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.file_lock import ProjectLock, lock_path, read_owner
from desktop.paths import recovery_dir
from desktop.project_file import load, save
from desktop.ui.autosave import SUFFIX, AutoSaver, find_recoverable
from desktop.ui.commands import EditSectionTextCommand
from tests.tooling import disk_full_after

ROOT = Path(__file__).resolve().parents[2]


# -- fixtures and helpers -----------------------------------------------------------------
@pytest.fixture
def dialogs():
    """Every QMessageBox static call: (kind, title, text).  Its own
    MonkeyPatch, so a test's ``monkeypatch.undo()`` (ending a simulated
    fault) never brings back real, blocking dialogs."""
    shown = []
    monkeypatch = pytest.MonkeyPatch()

    def capture(kind, answer):
        def f(parent, title, text, *a, **k):
            shown.append((kind, title, text))
            return answer
        return f

    monkeypatch.setattr(QMessageBox, "warning", capture("warning", QMessageBox.Ok))
    monkeypatch.setattr(QMessageBox, "critical", capture("critical", QMessageBox.Ok))
    monkeypatch.setattr(QMessageBox, "information", capture("information", QMessageBox.Ok))
    monkeypatch.setattr(QMessageBox, "question", capture("question", QMessageBox.Yes))
    yield shown
    monkeypatch.undo()


def make_window(qtbot, ui_settings, autosave_ms=0):
    from desktop.ui.main_window import MainWindow
    w = MainWindow(settings=ui_settings, autosave_ms=autosave_ms)
    w.answers = []
    w.ask_save_changes = lambda: w.answers.pop(0) if w.answers else "discard"
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


@pytest.fixture
def win(qtbot, ui_settings, dialogs):
    w = make_window(qtbot, ui_settings)
    yield w
    w.session.undo_stack.setClean()
    w.file_guard.release()


@pytest.fixture
def saved(tmp_path, doc):
    """A project saved twice (so it has a backup): (path, bytes, backup bytes)."""
    path = tmp_path / "总结.rdraft"
    save(doc, path)
    doc.sections[1].body = "第二次保存。"
    save(doc, path)
    return path, path.read_bytes(), Path(str(path) + ".bak").read_bytes()


def edit(window, text="窗口里未保存的修改") -> str:
    sid = window.session.document.sections[1].id
    window.session.push(EditSectionTextCommand(window.session, sid, "body", text))
    return sid


def disk_full(monkeypatch, room=100):
    disk_full_after(monkeypatch, room)


def refuse_replace(monkeypatch, target: Path, exc=None):
    real = os.replace

    def replace(src, dst, *a, **k):
        if Path(dst) == Path(target):
            raise exc or PermissionError(errno.EACCES, "Permission denied", str(dst))
        return real(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", replace)


def temp_files(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp") or ".tmp." in p.name]


def assert_nothing_lost(window, text, path, data, bak):
    assert window.session.modified
    assert window.session.document.sections[1].body == text
    assert window.session.undo_stack.canUndo()
    assert window.windowTitle().startswith(f"{path.name}*")
    assert path.read_bytes() == data
    assert Path(str(path) + ".bak").read_bytes() == bak
    assert temp_files(path.parent) == []


# -- save ---------------------------------------------------------------------------------------
def test_save_on_full_disk_shows_dialog_and_loses_nothing(win, saved, dialogs, monkeypatch):
    path, data, bak = saved
    assert win.open_path(str(path))
    edit(win)
    disk_full(monkeypatch)
    assert not win.save()
    assert_nothing_lost(win, "窗口里未保存的修改", path, data, bak)
    kind, title, text = dialogs[-1]
    assert (kind, title) == ("warning", "保存失败")
    assert "磁盘空间不足" in text and "原文件未改动" in text and "没有丢失" in text
    monkeypatch.undo()  # the disk has room again
    assert win.save()
    assert load(path).sections[1].body == "窗口里未保存的修改"
    assert Path(str(path) + ".bak").read_bytes() == data


def test_save_onto_a_file_locked_by_another_program(win, saved, dialogs, monkeypatch):
    path, data, bak = saved
    assert win.open_path(str(path))
    edit(win)
    refuse_replace(monkeypatch, path)
    assert not win.save()
    assert_nothing_lost(win, "窗口里未保存的修改", path, data, bak)
    assert "正被其他程序" in dialogs[-1][2]
    win.session.undo_stack.undo()  # the undo stack works as before
    assert win.session.document.sections[1].body == "第二次保存。"


def test_close_with_a_failing_save_keeps_the_window(win, saved, dialogs, monkeypatch):
    path, data, bak = saved
    assert win.open_path(str(path))
    edit(win)
    disk_full(monkeypatch)
    win.answers = ["save"]
    assert not win.close()
    assert win.isVisible()
    assert_nothing_lost(win, "窗口里未保存的修改", path, data, bak)
    assert dialogs and dialogs[-1][1] == "保存失败"
    assert lock_path(path).exists()  # still ours: the window is still open


# -- autosave ---------------------------------------------------------------------------------
def test_autosave_failure_is_reported_once_and_retried(qtbot, ui_settings, dialogs, saved,
                                                      monkeypatch):
    path, data, bak = saved
    w = make_window(qtbot, ui_settings, autosave_ms=60_000)
    try:
        assert w.open_path(str(path))
        edit(w, "第一次")
        assert w.autosaver.save_now()
        first = w.autosaver.file.read_bytes()
        edit(w, "第二次")
        disk_full(monkeypatch, room=10)
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
        disk_full(monkeypatch, room=10)
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
    disk_full(monkeypatch, room=0)
    qtbot.wait(300)  # many ticks at 20 ms
    assert len(failures) == 1 and not resumed
    assert not saver.file.exists()
    monkeypatch.undo()
    qtbot.waitUntil(lambda: saver.file.exists())
    assert resumed == [1]


@pytest.fixture
def session_doc_saver(qapp, doc):
    from desktop.ui.session import DocumentSession
    session = DocumentSession(doc)
    saver = AutoSaver(session, interval=20)
    session.push(EditSectionTextCommand(session, doc.sections[1].id, "body", "改过"))
    yield session, saver
    session.undo_stack.setClean()
    saver.stop()


# -- export -----------------------------------------------------------------------------------
def test_export_failures_show_a_dialog_and_keep_the_earlier_docx(win, qtbot, saved, dialogs,
                                                               monkeypatch, tmp_path):
    from desktop.ui.export_dialog import ExportOptions, start_export
    path, _, _ = saved
    assert win.open_path(str(path))
    edit(win)
    out = tmp_path / "总结.docx"
    job = start_export(win, win.session, ExportOptions(out), show_progress=False)
    qtbot.waitUntil(lambda: job.result is not None, timeout=30_000)
    earlier = out.read_bytes()

    for fault, expected in ((lambda: disk_full(monkeypatch, room=2000), "磁盘空间不足"),
                            (lambda: refuse_replace(monkeypatch, out), "Word")):
        dialogs.clear()
        fault()
        job = start_export(win, win.session, ExportOptions(out), show_progress=False)
        qtbot.waitUntil(lambda: bool(dialogs), timeout=30_000)
        kind, title, text = dialogs[0]
        assert (kind, title) == ("critical", "导出失败")
        assert expected in text and "总结.docx" in text and "未" in text and "改动" in text
        assert "没有受到影响" in text
        assert out.read_bytes() == earlier
        assert temp_files(tmp_path) == []
        assert win.session.modified and win.session.undo_stack.canUndo()
        monkeypatch.undo()


def test_export_to_without_dialog_on_full_disk(win, dialogs, monkeypatch, tmp_path):
    assert win.open_example("plan-county")
    out = tmp_path / "计划.docx"
    assert win.export_to(str(out))
    earlier = out.read_bytes()
    disk_full(monkeypatch, room=3000)
    assert not win.export_to(str(out))
    assert dialogs[-1][1] == "导出失败" and "磁盘空间不足" in dialogs[-1][2]
    assert out.read_bytes() == earlier


# -- corrupt recovery files ------------------------------------------------------------------
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


# -- two windows, two processes ----------------------------------------------------------
def test_second_window_opens_read_only_and_cannot_overwrite(qtbot, ui_settings, dialogs, saved,
                                                           tmp_path):
    path, data, bak = saved
    first = make_window(qtbot, ui_settings)
    second = make_window(qtbot, ui_settings)
    try:
        assert first.open_path(str(path))
        assert lock_path(path).exists()
        asked = []
        second.file_guard.ask_locked = lambda p, owner: asked.append(owner) or "readonly"
        assert second.open_path(str(path))
        assert len(asked) == 1 and "另一个窗口" in asked[0].describe()
        assert second.file_guard.read_only and "（只读）" in second.windowTitle()
        edit(second, "第二个窗口的修改")
        # 保存 explains and goes to 另存为; cancelling it writes nothing
        second.ask_save_path = lambda: ""
        assert not second.save()
        assert dialogs[-1][0] == "information" and "只读" in dialogs[-1][2]
        # saving over the file by name is refused too
        assert not second.save_to(str(path))
        assert "不能覆盖" in dialogs[-1][2] and "没有丢失" in dialogs[-1][2]
        assert path.read_bytes() == data and Path(str(path) + ".bak").read_bytes() == bak
        assert second.session.modified
        # another name works, and that file is then the second window's own
        other = tmp_path / "另存.rdraft"
        second.ask_save_path = lambda: str(other)
        assert second.save()
        assert load(other).sections[1].body == "第二个窗口的修改"
        assert not second.file_guard.read_only and "（只读）" not in second.windowTitle()
        assert lock_path(other).exists() and lock_path(path).exists()
        # the first window can still save its own file
        edit(first, "第一个窗口的修改")
        assert first.save()
        assert load(path).sections[1].body == "第一个窗口的修改"
    finally:
        for w in (first, second):
            w.session.undo_stack.setClean()
            w.close()
    assert not lock_path(path).exists() and not lock_path(other).exists()


def test_second_window_may_cancel_or_edit_anyway(qtbot, ui_settings, dialogs, saved):
    path, _, _ = saved
    first = make_window(qtbot, ui_settings)
    second = make_window(qtbot, ui_settings)
    try:
        assert first.open_path(str(path))
        second.file_guard.ask_locked = lambda p, owner: "cancel"
        assert not second.open_path(str(path))
        assert second.session.path is None and second.stack.currentIndex() == 0
        second.file_guard.ask_locked = lambda p, owner: "edit"
        assert second.open_path(str(path))
        assert not second.file_guard.read_only
        assert read_owner(path).token == second.file_guard.lock.token
        edit(second, "接管后的修改")
        assert second.save()
        # the first window now finds the file changed on disk and asks
        edit(first, "第一个窗口的修改")
        first.file_guard.ask_changed = lambda p: "cancel"
        assert not first.save()
        assert load(path).sections[1].body == "接管后的修改"
    finally:
        for w in (first, second):
            w.session.undo_stack.setClean()
            w.close()


def test_project_open_in_another_process(qtbot, win, saved, tmp_path):
    path, data, _ = saved
    code = ("import sys\n"
            "from desktop.file_lock import ProjectLock\n"
            "l = ProjectLock(sys.argv[1]); l.acquire(); print('HELD', flush=True)\n"
            "sys.stdin.readline()\n")
    # run from the repository root: "-c" puts the working folder first on sys.path
    proc = subprocess.Popen([sys.executable, "-c", code, str(path.resolve())], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "HELD"
        asked = []
        win.file_guard.ask_locked = lambda p, owner: asked.append(owner) or "readonly"
        assert win.open_path(str(path))
        assert asked and asked[0].pid == proc.pid
        assert f"进程 {proc.pid}" in asked[0].describe()
        assert win.file_guard.read_only
        # a save-as onto a project another process has open is refused
        other_window_file = tmp_path / "其他.rdraft"
        save(win.session.document, other_window_file)
        lock = ProjectLock(other_window_file)
        assert lock.acquire() is None
        proc.kill()
        proc.wait(timeout=10)
        # the other process crashed: its lock is stale and the next open takes it
        asked.clear()
        assert win.open_path(str(path))
        assert not asked and not win.file_guard.read_only
        assert read_owner(path).pid == os.getpid()
        lock.release()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_save_as_onto_a_project_open_elsewhere_is_refused(win, saved, dialogs, tmp_path):
    path, data, bak = saved
    elsewhere = ProjectLock(path)
    elsewhere.acquire()
    try:
        assert win.open_example("plan-county")
        assert not win.save_as(str(path))
        assert dialogs[-1][1] == "不能保存" and "不能覆盖" in dialogs[-1][2]
        assert path.read_bytes() == data and Path(str(path) + ".bak").read_bytes() == bak
    finally:
        elsewhere.release()


# -- changed on disk --------------------------------------------------------------------------
@pytest.mark.parametrize("answer", ["cancel", "overwrite", "save_as"])
def test_changed_on_disk_before_saving_asks(win, saved, tmp_path, answer):
    path, _, _ = saved
    assert win.open_path(str(path))
    edit(win, "窗口中的修改")
    theirs = load(path)
    theirs.sections[1].body = "别人用另一台电脑保存的内容"
    save(theirs, path, backup=False)  # written by someone else meanwhile
    theirs_bytes = path.read_bytes()
    asked = []
    win.file_guard.ask_changed = lambda p: asked.append(p) or answer
    other = tmp_path / "另存.rdraft"
    win.ask_save_path = lambda: str(other)
    result = win.save()
    assert asked == [win.session.path if answer != "save_as" else str(path.resolve())]
    if answer == "cancel":
        assert not result and win.session.modified
        assert path.read_bytes() == theirs_bytes
    elif answer == "overwrite":
        assert result and load(path).sections[1].body == "窗口中的修改"
        asked.clear()
        edit(win, "再改")
        assert win.save() and not asked  # our own save is not a change on disk
    else:
        assert result and path.read_bytes() == theirs_bytes
        assert load(other).sections[1].body == "窗口中的修改"
        assert win.session.path == str(other.resolve())


def test_touched_but_unchanged_file_saves_without_asking(win, saved):
    path, _, _ = saved
    assert win.open_path(str(path))
    edit(win)
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 10_000_000_000))
    win.file_guard.ask_changed = lambda p: pytest.fail("asked for an unchanged file")
    assert win.save()


def test_restored_recovery_of_a_project_open_elsewhere_is_read_only(win, saved, doc):
    from desktop.ui.app import offer_recovery
    from desktop.ui.session import DocumentSession
    path, data, _ = saved
    session = DocumentSession(load(path))
    saver = AutoSaver(session, interval=60_000)
    session.set_path(str(path.resolve()))
    session.push(EditSectionTextCommand(session, session.document.sections[1].id, "body", "恢复"))
    saver.save_now()
    saver._lock.unlock()
    saver._lock = None
    saver.timer.stop()
    elsewhere = ProjectLock(path)
    elsewhere.acquire()
    try:
        assert offer_recovery(win, ask=lambda w, r: True)
        assert win.session.document.sections[1].body == "恢复"
        assert win.file_guard.read_only
        assert "（只读）" in win.windowTitle()
        assert not win.save_to(str(path))
        assert path.read_bytes() == data
    finally:
        elsewhere.release()
        session.undo_stack.clear()


def test_export_target_that_cannot_be_opened_for_writing(qtbot, tmp_path, monkeypatch, doc):
    """Windows refuses open(…, 'r+b') on a .docx open in Word: told before writing."""
    import builtins

    from desktop.errors import ExportError
    from desktop.ui.workers import write_export
    out = tmp_path / "总结.docx"
    out.write_bytes(b"earlier")
    real_open = builtins.open

    def refusing_open(file, mode="r", *a, **k):
        if Path(str(file)) == out and any(c in mode for c in "wa+"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, mode, *a, **k)

    monkeypatch.setattr(builtins, "open", refusing_open)
    with pytest.raises(ExportError) as info:
        write_export(doc, out)
    assert "Word/WPS" in str(info.value) and "原文件未改动" in str(info.value)
    assert out.read_bytes() == b"earlier"
    assert temp_files(tmp_path) == []
