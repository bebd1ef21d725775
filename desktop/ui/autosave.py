"""Autosave and crash recovery.

While a document has unsaved changes, ``AutoSaver`` writes it every 30 s
(``REPORT_DRAFTER_AUTOSAVE_MS`` overrides, for tests) to a recovery file
in ``paths.recovery_dir()``: ``<id>.rdraft.recovery`` (JSON: the original
file's path, the time, and the document as in a project file).  A lock
file beside it (``QLockFile``) tells a running window's file from one left
behind by a crash.  A clean save or close removes both.

On the next start ``find_recoverable()`` lists the files whose window is
gone; the application offers them and restores the chosen one.
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
from ..model import Document
from ..paths import recovery_dir
from ..project_file import atomic_write, from_dict, to_dict

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
    try:
        data = json.loads(Path(file).read_text(encoding="utf-8"))
        doc = from_dict(data["document"], str(file))
        return Recovery(Path(file), data.get("original_path") or None,
                        float(data.get("saved_at", 0)), doc)
    except DrafterError:
        raise
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ProjectFileError(f"自动保存的文件已损坏（{e}）", path=str(file)) from None


def find_recoverable(directory: Path | None = None) -> list[Recovery]:
    """Recovery files left by windows that are no longer running, newest first.

    Unreadable ones are removed."""
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
        except DrafterError:
            discard_file(file)
    found.sort(key=lambda r: r.saved_at, reverse=True)
    return found


class AutoSaver(QObject):
    """Writes the session's document to its recovery file while it is modified."""

    saved = Signal(str)  # the recovery file written
    failed = Signal(str)  # message

    def __init__(self, session, interval: int | None = None, directory: Path | None = None,
                 parent=None):
        super().__init__(parent)
        self.session = session
        self.directory = Path(directory) if directory else recovery_dir()
        self.file = self.directory / f"{uuid.uuid4().hex}{SUFFIX}"
        self._lock: QLockFile | None = None
        self._dirty = False  # changed since the recovery file was written
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
            self.failed.emit(f"自动保存失败：{e}")
            return False
        self._dirty = False
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
