"""Writing files safely, and saying why it failed: the one place for both.

- ``atomic_write(path, data)``: a temporary file in the target's folder
  (with the replaced file's mode, or the umask's for a new file), flushed to
  disk, then ``os.replace``; the old file (and its ``.bak``) stay
  exactly as they were when anything fails.  Projects, exports, templates
  and the autosave all write through it.
- ``os_error_reason(e)``: an ``OSError`` as a short Chinese phrase (disk
  full, read-only, no permission or open in Word/WPS …), so every message
  about a file names the cause in the same words.
- ``writable_problem(path)``: why a target cannot be written, checked
  before any work is done (the export dialog refuses early).
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import tempfile
from pathlib import Path

__all__ = ["ReadOnlyFileError", "atomic_write", "os_error_reason", "writable_problem"]


class ReadOnlyFileError(PermissionError):
    """The target exists and is marked read-only (refused even where the
    system would let ``os.replace`` swap it)."""


def os_error_reason(e: OSError, reading: bool = False) -> str:
    """A short Chinese phrase for why a file could not be written (or read)."""
    code = getattr(e, "errno", None)
    if isinstance(e, ReadOnlyFileError):
        return "文件是只读的"
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return "磁盘空间不足"
    if code == errno.EROFS:
        return "磁盘或文件夹是只读的"
    if isinstance(e, PermissionError) or code in (errno.EACCES, errno.EPERM):
        return (f"没有{'读取' if reading else '写入'}权限，"
                "或文件正被其他程序（如 Word/WPS）打开（请关闭后重试）")
    if isinstance(e, FileNotFoundError) or code == errno.ENOENT:
        return "文件或文件夹不存在"
    if isinstance(e, IsADirectoryError) or code == errno.EISDIR:
        return "这是一个文件夹，不是文件"
    if code == errno.EIO:
        return "磁盘读写错误"
    return e.strerror or str(e) or type(e).__name__


def writable_problem(path: str | os.PathLike) -> str | None:
    """Why ``path`` cannot be written, or None when it looks writable: its
    folder missing, a folder in its place, a read-only file, a file another
    program holds open (Windows refuses to open it for writing)."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        return "目标文件夹不存在"
    if target.is_dir():
        return "这是一个文件夹，不是文件"
    if not target.exists():
        return None
    if not target.stat().st_mode & stat.S_IWUSR or not os.access(target, os.W_OK):
        return "文件是只读的"
    try:
        with open(target, "r+b"):
            pass
    except OSError as e:
        return os_error_reason(e)
    return None


def file_mode(target: Path) -> int:
    """The permissions a written file gets: the replaced file's, or for a new
    file what the user's umask gives (rw-r--r-- usually, readable by the
    group like Word's files), never mkstemp's private 0600."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        return 0o666 & ~_umask()


def _umask() -> int:
    try:  # Linux: read it without changing it (os.umask would, for all threads)
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def give_usual_mode(fd: int, target: Path) -> None:
    if not hasattr(os, "fchmod"):  # Windows: no POSIX modes
        return
    try:
        os.fchmod(fd, file_mode(target))
    except OSError:
        pass  # a file system without modes (FAT, some network shares)


def atomic_write(path: str | os.PathLike, data: bytes, *, backup: bool = True,
                 refuse_read_only: bool = True) -> None:
    """Write ``data`` to ``path`` via a temporary file and an atomic replace.

    With ``backup`` the previous file, if any, is kept as ``path + '.bak'``:
    the old content is copied aside first and the backup only replaced once
    the target has been.  A read-only target is refused
    (``ReadOnlyFileError``) unless ``refuse_read_only`` is false.  On any
    error (disk full, no permission, the target locked by another program)
    the temporary files are removed and the target and its earlier backup
    are left exactly as they were; the ``OSError`` propagates.
    """
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if refuse_read_only and target.is_file() and not os.access(target, os.W_OK):
        raise ReadOnlyFileError(errno.EACCES, "read-only file", str(target))
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    tmp: str | None = tmp_name
    bak_tmp: str | None = None
    try:
        give_usual_mode(fd, target)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if backup and target.is_file():
            bfd, bak_name = tempfile.mkstemp(prefix=f".{target.name}.bak.", suffix=".tmp",
                                            dir=directory)
            bak_tmp = bak_name
            os.close(bfd)
            shutil.copy2(target, bak_name)
        os.replace(tmp_name, target)
        tmp = None
        if bak_tmp is not None:
            try:
                os.replace(bak_name, str(target) + ".bak")
                bak_tmp = None
            except OSError:
                pass  # saved; only the backup could not be refreshed (the old one stays)
    finally:
        for leftover in (tmp, bak_tmp):
            if leftover is not None:
                try:
                    os.unlink(leftover)
                except OSError:
                    pass
