"""The main window's project files under faults: a save on a full disk or
onto a file another program holds, closing with a failing save, a second
window or process on the same project, a project changed on disk, a
recovered project that is open elsewhere.

Each leaves every earlier file byte-identical, loses nothing (the document
stays modified with its undo stack) and says what happened in a Chinese
dialog.  Dialogs are captured by patching QMessageBox's static methods (the
``dialogs`` fixture); the window's ``show_error`` is the real one.  Tests run
as root, so write failures are simulated by patching os calls.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.file_lock import ProjectLock, lock_path, read_owner
from desktop.project_file import load, save
from desktop.ui.autosave import AutoSaver
from desktop.ui.commands import EditSectionTextCommand
from tests.tooling import disk_full_after, refuse_replace, temp_files
from tests.ui.windows import edit, make_window

ROOT = Path(__file__).resolve().parents[2]


def assert_nothing_lost(window, text, path, data, bak):
    assert window.session.modified
    assert window.session.document.sections[1].body == text
    assert window.session.undo_stack.canUndo()
    assert window.windowTitle().startswith(f"{path.name}*")
    assert path.read_bytes() == data
    assert Path(str(path) + ".bak").read_bytes() == bak
    assert temp_files(path.parent) == []


# -- save ---------------------------------------------------------------------------------------
def test_save_on_full_disk_shows_dialog_and_loses_nothing(win, saved, dialogs, monkeypatch, finish):
    path, data, bak = saved
    assert finish(win.open_path, str(path))
    edit(win)
    disk_full_after(monkeypatch)
    assert not win.save()
    assert_nothing_lost(win, "窗口里未保存的修改", path, data, bak)
    kind, title, text = dialogs[-1]
    assert (kind, title) == ("warning", "保存失败")
    assert "磁盘空间不足" in text and "原文件未改动" in text and "没有丢失" in text
    monkeypatch.undo()  # the disk has room again
    assert win.save()
    assert load(path).sections[1].body == "窗口里未保存的修改"
    assert Path(str(path) + ".bak").read_bytes() == data


def test_save_onto_a_file_locked_by_another_program(win, saved, dialogs, monkeypatch, finish):
    path, data, bak = saved
    assert finish(win.open_path, str(path))
    edit(win)
    refuse_replace(monkeypatch, path)
    assert not win.save()
    assert_nothing_lost(win, "窗口里未保存的修改", path, data, bak)
    assert "正被其他程序" in dialogs[-1][2]
    win.session.undo_stack.undo()  # the undo stack works as before
    assert win.session.document.sections[1].body == "第二次保存。"


def test_close_with_a_failing_save_keeps_the_window(win, saved, dialogs, monkeypatch, finish):
    path, data, bak = saved
    assert finish(win.open_path, str(path))
    edit(win)
    disk_full_after(monkeypatch)
    win.answers = ["save"]
    assert not win.close()
    assert win.isVisible()
    assert_nothing_lost(win, "窗口里未保存的修改", path, data, bak)
    assert dialogs and dialogs[-1][1] == "保存失败"
    assert lock_path(path).exists()  # still ours: the window is still open


# -- two windows, two processes ----------------------------------------------------------
def test_second_window_opens_read_only_and_cannot_overwrite(qtbot, ui_settings, dialogs, saved,
                                                           tmp_path, finish):
    path, data, bak = saved
    first = make_window(qtbot, ui_settings)
    second = make_window(qtbot, ui_settings)
    try:
        assert finish(first.open_path, str(path))
        assert lock_path(path).exists()
        asked = []
        second.file_guard.ask_locked = lambda p, owner: asked.append(owner) or "readonly"
        assert finish(second.open_path, str(path))
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


def test_second_window_may_cancel_or_edit_anyway(qtbot, ui_settings, dialogs, saved, finish):
    path, _, _ = saved
    first = make_window(qtbot, ui_settings)
    second = make_window(qtbot, ui_settings)
    try:
        assert finish(first.open_path, str(path))
        second.file_guard.ask_locked = lambda p, owner: "cancel"
        assert finish(second.open_path, str(path)) is False
        assert second.session.path is None and second.stack.currentIndex() == 0
        second.file_guard.ask_locked = lambda p, owner: "edit"
        assert finish(second.open_path, str(path))
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


def test_project_open_in_another_process(qtbot, win, saved, tmp_path, finish):
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
        assert finish(win.open_path, str(path))
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
        assert finish(win.open_path, str(path))
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
def test_changed_on_disk_before_saving_asks(win, saved, tmp_path, answer, finish):
    path, _, _ = saved
    assert finish(win.open_path, str(path))
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


def test_touched_but_unchanged_file_saves_without_asking(win, saved, finish):
    path, _, _ = saved
    assert finish(win.open_path, str(path))
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
