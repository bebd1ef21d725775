"""Project lock files (who has a project open: beside it, stale after a
crash, respected from another computer, none in a folder that cannot hold
one) and the changed-on-disk check.

A folder where no lock can be written is simulated by patching ``os.open``:
the tests run as root here, so ``chmod`` cannot block the write.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop import file_lock
from desktop.file_lock import (FileStamp, LockOwner, ProjectLock, changed_on_disk, is_stale, lock_path,
                               locked_by_other, read_owner)

ROOT = Path(__file__).resolve().parents[1]


# -- the project lock ---------------------------------------------------------------------------
def test_lock_file_beside_the_project(tmp_path):
    path = tmp_path / "计划.rdraft"
    assert lock_path(path) == tmp_path / ".~计划.rdraft#"
    first = ProjectLock(path)
    assert first.acquire() is None and first.held
    owner = read_owner(path)
    assert owner.pid == os.getpid() and owner.token == first.token and owner.host
    assert locked_by_other(path, first) is None
    second = ProjectLock(path)  # another window of this process
    got = second.acquire()
    assert isinstance(got, LockOwner) and got.token == first.token and not second.held
    assert "另一个窗口" in got.describe()
    assert locked_by_other(path, second) is not None
    first.release()
    assert not lock_path(path).exists()
    assert second.acquire() is None and second.held
    first.release()  # not ours any more: leaves the other's lock alone
    assert lock_path(path).exists()
    second.release()
    assert not lock_path(path).exists()


def test_force_takes_a_live_lock(tmp_path):
    path = tmp_path / "a.rdraft"
    first, second = ProjectLock(path), ProjectLock(path)
    first.acquire()
    assert second.acquire(force=True) is None and second.held
    assert read_owner(path).token == second.token
    first.release()  # must not remove the new owner's lock
    assert read_owner(path).token == second.token
    second.release()


def _dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(proc.stdout)


def test_stale_lock_of_a_dead_process_is_taken_over(tmp_path):
    assert file_lock.pid_alive(os.getpid()) and not file_lock.pid_alive(_dead_pid())
    path = tmp_path / "a.rdraft"
    lock_path(path).write_text(json.dumps({"pid": _dead_pid(), "host": socket.gethostname(),
                                           "user": "张三", "since": time.time() - 3600,
                                           "token": "old"}), encoding="utf-8")
    assert is_stale(read_owner(path))
    assert locked_by_other(path) is None
    lock = ProjectLock(path)
    assert lock.acquire() is None and lock.held
    assert read_owner(path).token == lock.token
    lock.release()


@pytest.mark.parametrize("content", [b"", b"{", b"\xff\xfe\x00garbage", b'{"pid": "x"}'])
def test_garbled_lock_is_stale(tmp_path, content):
    path = tmp_path / "a.rdraft"
    lock_path(path).write_bytes(content)
    assert is_stale(read_owner(path))
    lock = ProjectLock(path)
    assert lock.acquire() is None and lock.held
    lock.release()


def test_lock_from_another_computer_is_respected(tmp_path):
    path = tmp_path / "a.rdraft"
    lock_path(path).write_text(json.dumps({"pid": 1, "host": "另一台电脑-不存在", "user": "李四",
                                           "since": time.time(), "token": "t"}),
                               encoding="utf-8")
    owner = ProjectLock(path).acquire()
    assert owner is not None and owner.user == "李四"
    assert "李四" in owner.describe() and "另一台电脑-不存在" in owner.describe()


def test_unwritable_folder_opens_without_a_lock(tmp_path, monkeypatch):
    def refuse(*a, **k):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    lock = ProjectLock(tmp_path / "a.rdraft")
    assert lock.acquire() is None and not lock.held
    lock.release()


# run from the repository root: "-c" puts the working folder first on sys.path
HOLDER = """
import sys, time
from desktop.file_lock import ProjectLock
lock = ProjectLock(sys.argv[1])
print("HELD" if lock.acquire() is None and lock.held else "REFUSED", flush=True)
sys.stdin.readline()
lock.release()
"""


def test_second_process_is_told_and_stale_after_a_crash(tmp_path):
    path = tmp_path / "共用.rdraft"
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "HELD"
        owner = locked_by_other(path)
        assert owner is not None and owner.pid == proc.pid
        assert f"进程 {proc.pid}" in owner.describe()
        mine = ProjectLock(path)
        assert mine.acquire() is not None and not mine.held
        proc.kill()  # a crash: the lock file stays behind
        proc.wait(timeout=10)
        assert lock_path(path).exists()
        assert locked_by_other(path) is None
        assert mine.acquire() is None and mine.held
        mine.release()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


# -- changed on disk ---------------------------------------------------------------------------
def test_changed_on_disk(tmp_path):
    path = tmp_path / "a.rdraft"
    path.write_bytes(b"one")
    stamp = FileStamp.of(path)
    assert not changed_on_disk(path, stamp)
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))
    assert not changed_on_disk(path, stamp)  # touched, same content
    path.write_bytes(b"two")
    assert changed_on_disk(path, stamp)
    path.write_bytes(b"one")
    assert not changed_on_disk(path, stamp)
    path.unlink()
    assert changed_on_disk(path, stamp)
    assert FileStamp.of(path) is None
    assert not changed_on_disk(path, None)
