"""Who has a project open, and has it changed on disk since we read it?

No Qt here: the window and the CLI both use it.

- ``ProjectLock(path)``: a small lock file beside the project,
  ``.~NAME.rdraft#`` (like Word's ``~$NAME`` and LibreOffice's
  ``.~lock.NAME#``), holding JSON with the owner's pid, host, user, start
  time and a random token.  ``acquire()`` creates it exclusively; a lock
  whose process is gone (same host, pid no longer running) is stale and
  is taken over.  A folder where no lock can be written (read-only share)
  is not an error: the project simply opens unlocked.
- ``FileStamp.of(path)``: size, mtime and SHA-256 of a file, taken when it
  is opened or saved; ``changed_on_disk(path, stamp)`` tells whether some
  other program has written it since.
- ``os_error_reason`` lives in ``desktop.fileio`` (re-exported here).
"""

from __future__ import annotations

import getpass
import hashlib
import json
import os
import socket
import sys
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

from .fileio import os_error_reason  # noqa: F401  (re-exported)

_HELD_HERE: set[str] = set()  # tokens of the locks this process holds (any window)


# -- the lock file ------------------------------------------------------------------
def lock_path(project: str | os.PathLike) -> Path:
    p = Path(project)
    return p.with_name(f".~{p.name}#")


@dataclass
class LockOwner:
    pid: int
    host: str
    user: str
    since: float
    token: str = ""

    @property
    def since_text(self) -> str:
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(self.since)) if self.since else "未知"

    def describe(self) -> str:
        """“用户 张三 在计算机 PC-01 上（自 2025-12-20 09:30 起）”."""
        who = f"用户“{self.user}”" if self.user else "另一用户"
        where = f"在计算机“{self.host}”上" if self.host else ""
        if self.pid == os.getpid() and self.token in _HELD_HERE:
            return f"本程序的另一个窗口（自 {self.since_text} 起）"
        return f"{who}{where}（进程 {self.pid}，自 {self.since_text} 起）"


def _this_host() -> str:
    try:
        return socket.gethostname()
    except OSError:
        return ""


def _this_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name in the environment or the password database
        return ""


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes
        kernel32 = ctypes.windll.kernel32
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return kernel32.GetLastError() == 5  # access denied: it exists
        code = ctypes.c_ulong()
        ok = kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        kernel32.CloseHandle(handle)
        return bool(ok) and code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    except OSError:
        return False
    return True


def read_owner(project: str | os.PathLike) -> LockOwner | None:
    """The lock's owner, or None when there is no lock.  An unreadable or
    garbled lock file counts as a stale one (pid 0)."""
    path = lock_path(project)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        return LockOwner(0, "", "", 0.0)
    try:
        d = json.loads(raw.decode("utf-8"))
        return LockOwner(int(d["pid"]), str(d.get("host", "")), str(d.get("user", "")),
                         float(d.get("since", 0)), str(d.get("token", "")))
    except (ValueError, KeyError, TypeError, AttributeError):
        return LockOwner(0, "", "", 0.0)


def is_stale(owner: LockOwner) -> bool:
    """True when the owner is certainly gone: its process on this computer
    is no longer running (or the lock file is garbled).  A lock from another
    computer is never considered stale: we cannot see its processes."""
    if owner.pid <= 0:
        return True
    if owner.host and owner.host != _this_host():
        return False
    if owner.pid == os.getpid():
        return owner.token not in _HELD_HERE
    return not pid_alive(owner.pid)


def locked_by_other(project: str | os.PathLike, mine: "ProjectLock | None" = None) -> LockOwner | None:
    """The live owner of the project's lock when it is not ``mine``."""
    owner = read_owner(project)
    if owner is None or is_stale(owner):
        return None
    if mine is not None and mine.held and owner.token == mine.token:
        return None
    return owner


class ProjectLock:
    """The lock file for one project, held by one window."""

    def __init__(self, project: str | os.PathLike):
        self.project = Path(project)
        self.path = lock_path(self.project)
        self.token = uuid.uuid4().hex
        self.held = False

    def acquire(self, force: bool = False) -> LockOwner | None:
        """Take the lock.  Returns None when taken (or when the folder cannot
        hold a lock file), else the live owner who holds it.  ``force`` takes
        it over from a live owner too (the user chose to edit anyway)."""
        if self.held:
            return None
        for _ in range(3):
            if self._create():
                return None
            owner = read_owner(self.project)
            if owner is None:
                continue  # released meanwhile: try again
            if not (force or is_stale(owner)):
                return owner
            try:
                self.path.unlink()
            except FileNotFoundError:
                pass
            except OSError:
                return None if force else owner
        return None

    def _create(self) -> bool:
        """True when the lock file was created (or cannot be created at all)."""
        data = json.dumps({"pid": os.getpid(), "host": _this_host(), "user": _this_user(),
                           "since": time.time(), "token": self.token,
                           "app": "report-drafter"}, ensure_ascii=False).encode("utf-8")
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        except OSError:
            return True  # a folder we cannot write to: open without a lock
        try:
            os.write(fd, data)
        except OSError:
            os.close(fd)
            try:
                self.path.unlink()
            except OSError:
                pass
            return True  # disk full: no lock, but that must not stop opening
        os.close(fd)
        self.held = True
        _HELD_HERE.add(self.token)
        _hide(self.path)
        return True

    def release(self) -> None:
        """Remove the lock file if it is still ours."""
        if not self.held:
            return
        self.held = False
        _HELD_HERE.discard(self.token)
        owner = read_owner(self.project)
        if owner is not None and owner.token == self.token:
            try:
                self.path.unlink()
            except OSError:
                pass

    def owner(self) -> LockOwner:
        return LockOwner(os.getpid(), _this_host(), _this_user(), time.time(), self.token)

    def __repr__(self) -> str:
        return f"ProjectLock({str(self.project)!r}, held={self.held})"


def _hide(path: Path) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows only
        try:
            import ctypes
            ctypes.windll.kernel32.SetFileAttributesW(str(path), 0x2)  # FILE_ATTRIBUTE_HIDDEN
        except Exception:
            pass


# -- changed on disk ------------------------------------------------------------------
@dataclass(frozen=True)
class FileStamp:
    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: str | os.PathLike) -> "FileStamp | None":
        """The file's stamp, or None when it does not exist or cannot be read."""
        p = Path(path)
        try:
            st = p.stat()
            digest = hashlib.sha256(p.read_bytes()).hexdigest()
        except OSError:
            return None
        return cls(st.st_size, st.st_mtime_ns, digest)

    def to_dict(self) -> dict:
        return asdict(self)


def changed_on_disk(path: str | os.PathLike, stamp: FileStamp | None) -> bool:
    """True when the file differs from ``stamp``: rewritten with other
    content, or removed.  A mere touch (same size and content, new mtime)
    is not a change.  No stamp (a file we never read) means nothing to
    compare against: False."""
    if stamp is None:
        return False
    p = Path(path)
    try:
        st = p.stat()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if st.st_size == stamp.size and st.st_mtime_ns == stamp.mtime_ns:
        return False
    now = FileStamp.of(p)
    return now is None or now.sha256 != stamp.sha256
