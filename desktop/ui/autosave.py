"""Autosave and crash recovery.

While a document has unsaved changes, ``AutoSaver`` writes it every 30 s
(``REPORT_DRAFTER_AUTOSAVE_MS`` overrides, for tests) to a recovery file
in ``paths.recovery_dir()``: ``<id>.rdraft.recovery`` (JSON: the original
file's path, the time, and the document as in a project file).  A lock
file beside it (``QLockFile``) tells a running window's file from one left
behind by a crash.  A clean save or close removes both.

On the next start ``find_recoverable()`` lists the files whose window is
gone; the application offers them and restores the chosen one.  A recovery
file that cannot be read (truncated, garbage, empty, written by a newer
version) is never deleted: it is renamed ``….corrupt`` and reported.

A failing autosave (disk full, folder not writable) emits ``failed`` once,
keeps the previous recovery file and retries at every tick; ``resumed``
says when it works again.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

from ..errors import DrafterError, ProjectFileError
from ..fileio import atomic_write, os_error_reason
from ..model import Document
from ..paths import recovery_dir
from ..project_file import from_dict, to_dict

SUFFIX = ".rdraft.recovery"
DEFAULT_INTERVAL_MS = 30_000


def interval_ms() -> int:
    raw = os.environ.get("REPORT_DRAFTER_AUTOSAVE_MS", "")
    try:
        value = int(raw)
    except ValueError:
        return DEFAULT_INTERVAL_MS
    return value if value > 0 else DEFAULT_INTERVAL_MS


@dataclass
class Recovery:
    file: Path
    original_path: str | None
    saved_at: float
    document: Document

    @property
    def display_name(self) -> str:
        return Path(self.original_path).name if self.original_path else "未命名文档"

    @property
    def saved_text(self) -> str:
        return time.strftime("%Y-%m-%d %H:%M", time.localtime(self.saved_at))

    def discard(self) -> None:
        discard_file(self.file)


def _lock_path(file: Path) -> str:
    return str(file) + ".lock"


def discard_file(file: Path) -> None:
    for p in (Path(file), Path(_lock_path(Path(file)))):
        try:
            p.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass


def read_recovery(file: Path) -> Recovery:
    """The recovery file's content; ProjectFileError saying what is wrong."""
    def bad(problem: str):
        return ProjectFileError(f"自动保存的恢复文件已损坏（{problem}）", path=str(file))

    try:
        raw = Path(file).read_bytes()
    except OSError as e:
        raise ProjectFileError(f"无法读取自动保存的恢复文件：{os_error_reason(e, reading=True)}",
                               path=str(file)) from None
    if not raw.strip():
        raise bad("文件是空的")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise bad("内容不是文本，可能是磁盘错误造成的") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise bad(f"内容不完整或格式错误，第{e.lineno}行第{e.colno}列") from None
    except RecursionError:
        raise bad("嵌套过深") from None
    if not isinstance(data, dict) or not isinstance(data.get("document"), dict):
        raise bad("不是起草助手的恢复文件")
    try:
        doc = from_dict(data["document"], str(file))
        saved_at = float(data.get("saved_at", 0))
        original = data.get("original_path") or None
        if original is not None and not isinstance(original, str):
            raise TypeError("original_path")
    except ProjectFileError as e:
        raise ProjectFileError(f"自动保存的恢复文件无法读取（{e.message}）", path=str(file)) \
            from None
    except (ValueError, TypeError, RecursionError) as e:
        raise bad(f"字段有误：{e}") from None
    return Recovery(Path(file), original, saved_at, doc)


@dataclass
class CorruptRecovery:
    """A recovery file that could not be read, kept aside as ``kept``."""

    file: Path
    kept: Path | None  # None when even renaming it failed
    message: str


def set_aside(file: Path) -> Path | None:
    """Rename a bad recovery file to ``….corrupt`` (never delete it)."""
    file = Path(file)
    target = file.with_name(file.name + ".corrupt")
    n = 1
    while target.exists():
        n += 1
        target = file.with_name(f"{file.name}.{n}.corrupt")
    try:
        os.replace(file, target)
    except OSError:
        return None
    try:
        Path(_lock_path(file)).unlink()
    except OSError:
        pass
    return target


def find_recoverable(directory: Path | None = None,
                     corrupt: list[CorruptRecovery] | None = None) -> list[Recovery]:
    """Recovery files left by windows that are no longer running, newest first.

    Unreadable ones are renamed ``….corrupt`` and listed in ``corrupt``."""
    folder = Path(directory) if directory else recovery_dir()
    if not folder.is_dir():
        return []
    found = []
    for file in folder.glob("*" + SUFFIX):
        lock = QLockFile(_lock_path(file))
        lock.setStaleLockTime(0)
        if not lock.tryLock(0):
            continue  # another running window owns it
        lock.unlock()
        try:
            found.append(read_recovery(file))
        except DrafterError as e:
            kept = set_aside(file)
            if corrupt is not None:
                corrupt.append(CorruptRecovery(file, kept, e.message))
    found.sort(key=lambda r: r.saved_at, reverse=True)
    return found


class AutoSaver(QObject):
    """Writes the session's document to its recovery file while it is modified."""

    saved = Signal(str)  # the recovery file written
    failed = Signal(str)  # message, once when autosaving starts failing
    resumed = Signal()  # autosaving works again after a failure

    def __init__(self, session, interval: int | None = None, directory: Path | None = None,
                 parent=None):
        super().__init__(parent)
        self.session = session
        self.directory = Path(directory) if directory else recovery_dir()
        self.file = self.directory / f"{uuid.uuid4().hex}{SUFFIX}"
        self._lock: QLockFile | None = None
        self._dirty = False  # changed since the recovery file was written
        self.failing = False  # the last attempt failed (reported once)
        self.last_error = ""
        self.timer = QTimer(self)
        self.timer.setInterval(interval or interval_ms())
        self.timer.timeout.connect(self.save_now)
        self.timer.start()
        session.undo_stack.cleanChanged.connect(self._clean_changed)
        for signal in (session.outlineChanged, session.sectionChanged, session.propertiesChanged,
                       session.figuresChanged, session.settingsChanged):
            signal.connect(self._changed)
        session.documentReset.connect(self.discard)

    def _ensure_lock(self) -> None:
        if self._lock is None:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._lock = QLockFile(_lock_path(self.file))
            self._lock.setStaleLockTime(0)
            self._lock.tryLock(0)

    def save_now(self) -> bool:
        """Write the recovery file when there is something new to protect."""
        if not self.session.modified:
            return False
        if not self._dirty and self.file.exists():
            return False
        try:
            self._ensure_lock()
            data = {"format": "report-drafter-recovery", "original_path": self.session.path,
                    "saved_at": time.time(), "document": to_dict(self.session.document)}
            atomic_write(self.file, json.dumps(data, ensure_ascii=False).encode("utf-8"),
                         backup=False)
        except OSError as e:
            self.last_error = f"自动保存失败：{os_error_reason(e)}"
            if not self.failing:  # say it once; the timer retries quietly
                self.failing = True
                self.failed.emit(self.last_error)
            return False
        self._dirty = False
        if self.failing:
            self.failing = False
            self.last_error = ""
            self.resumed.emit()
        self.saved.emit(str(self.file))
        return True

    def _changed(self, *args) -> None:
        self._dirty = True

    def _clean_changed(self, clean: bool) -> None:
        if clean:
            self.discard()

    def discard(self) -> None:
        """Remove the recovery file (after a save, a close or a new document)."""
        self._dirty = True
        if self.failing:  # nothing left to protect: no longer a failure to show
            self.failing = False
            self.last_error = ""
            self.resumed.emit()
        try:
            self.file.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def stop(self) -> None:
        self.timer.stop()
        self.discard()
