"""Guards a window's project file against a second window and other programs.

``FileGuard(session, port, parent)`` follows the session's path:

- opening a project takes its lock file (``desktop.file_lock``); when
  another window or process already has it open, ``claim()`` asks:
  open read-only (the default), edit anyway, or cancel;
- a read-only window never writes the file: 保存 explains and goes to
  另存为, and saving over the file is refused;
- before saving over the open file, ``before_save()`` checks that nobody
  changed it on disk since it was opened or last saved, and asks
  (overwrite / save as / cancel); a save-as onto a project open elsewhere
  is refused;
- closing the window or opening another document releases the lock.

Questions go through ``ask_locked`` and ``ask_changed`` (tests replace
them); messages through the port's ``show_error`` / ``show_status``, and
"save as" instead through its ``save_as`` (the window, or any object with
these methods).
"""

from __future__ import annotations

from pathlib import Path

from typing import Protocol

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from .dialogs import ask_choice
from ..file_lock import FileStamp, LockOwner, ProjectLock, changed_on_disk, locked_by_other
from .session import DocumentSession


def _same(a, b) -> bool:
    if not a or not b:
        return False
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return str(a) == str(b)


class GuardPort(Protocol):
    def show_error(self, title: str, message: str) -> None: ...

    def show_status(self, message: str, ms: int = 5000) -> None: ...

    def save_as(self, path: str | None = None) -> bool: ...


class FileGuard(QObject):
    def __init__(self, session: DocumentSession, port: GuardPort, parent: QWidget | None = None):
        super().__init__(parent)
        self.window = parent  # the dialogs' parent
        self.port = port
        self.session = session
        self.lock: ProjectLock | None = None
        self.stamp: FileStamp | None = None
        self.read_only = False
        self._pending: tuple[str, ProjectLock | None, bool, FileStamp | None] | None = None
        self.session.pathChanged.connect(self._path_changed)

    # -- opening ---------------------------------------------------------------------------
    def claim(self, path: str, stamp: FileStamp | None = None) -> bool:
        """Before showing the project at ``path``: take its lock, or ask the
        user when it is open elsewhere.  False when the user cancels."""
        if self.lock is not None and self.lock.held and _same(self.lock.project, path):
            self._pending = (path, self.lock, False, stamp)  # reopening our own file
            return True
        lock = ProjectLock(Path(path).resolve())
        owner = lock.acquire()
        read_only = False
        if owner is not None:
            answer = self.ask_locked(path, owner)
            if answer == "cancel":
                return False
            if answer == "edit":
                lock.acquire(force=True)
            else:
                read_only = True
                lock = None
        self._pending = (path, lock, read_only, stamp)
        return True

    def _path_changed(self, path: str) -> None:
        pending, self._pending = self._pending, None
        if pending is not None and _same(pending[0], path):
            _, lock, read_only, stamp = pending
        elif path and self.lock is not None and _same(self.lock.project, path):
            return  # saved again under the same name
        elif path:  # restored from a recovery file, or saved under a new name
            lock, read_only, stamp = ProjectLock(Path(path).resolve()), False, None
            owner = lock.acquire()
            if owner is not None:
                lock, read_only = None, True
                self.port.show_status(
                    f"“{Path(path).name}”正由{owner.describe()}打开，本窗口为只读，"
                    "请用“另存为”保存修改。", 15000)
        else:
            lock, read_only, stamp = None, False, None
        if self.lock is not None and self.lock is not lock:
            self.lock.release()
        self.lock, self.read_only = lock, read_only
        self.stamp = stamp if stamp is not None else (FileStamp.of(path) if path else None)
        if pending is not None and pending[1] is not None and pending[1] is not lock:
            pending[1].release()

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()
        self.lock = None
        if self._pending is not None and self._pending[1] is not None:
            self._pending[1].release()
        self._pending = None

    # -- saving ------------------------------------------------------------------------------
    def must_save_as(self) -> bool:
        """True (after saying why) when the open file may not be written."""
        if not (self.read_only and self.session.path):
            return False
        QMessageBox.information(
            self.window, "只读文件",
            f"“{Path(self.session.path).name}”已在别处打开，本窗口是以只读方式打开的，"
            "不能直接保存到原文件。\n\n您的修改仍在窗口中，没有丢失。请在接下来的对话框中"
            "另存为一个新文件名。")
        return True

    def before_save(self, path: str) -> bool | None:
        """None when saving to ``path`` may go ahead, else the save's result
        (False: refused or cancelled; True: saved elsewhere instead)."""
        name = Path(path).name
        if _same(path, self.session.path):
            if self.read_only:
                self.port.show_error(
                    "不能保存", f"“{name}”已在别处打开，本窗口为只读，不能覆盖该文件。\n\n"
                    "您的修改仍在窗口中，没有丢失。请用“另存为”保存到其他文件名。")
                return False
            if Path(path).exists() and changed_on_disk(path, self.stamp):
                answer = self.ask_changed(path)
                if answer == "save_as":
                    return bool(self.port.save_as())
                if answer != "overwrite":
                    return False
            return None
        owner = locked_by_other(path, None)
        if owner is not None:
            self.port.show_error(
                "不能保存", f"“{name}”正由{owner.describe()}打开，不能覆盖。\n\n"
                "您的修改仍在窗口中，没有丢失。请先在那里关闭该文件，或换一个文件名保存。")
            return False
        lock = ProjectLock(Path(path).resolve())
        lock.acquire()
        self._pending = (path, lock, False, None)
        return None

    def after_save(self, path: str, ok: bool) -> None:
        """The file at ``path`` is now ours as written (or the save failed)."""
        if not ok:
            if self._pending is not None and self._pending[1] is not None \
                    and self._pending[1] is not self.lock:
                self._pending[1].release()
            self._pending = None
            return
        self.read_only = False
        self.stamp = FileStamp.of(path)

    # -- questions (tests replace these) ---------------------------------------------------------
    def ask_locked(self, path: str, owner: LockOwner) -> str:
        """"readonly", "edit" or "cancel"."""
        return ask_choice(self.window, "文件已被打开",
                          f"“{Path(path).name}”正由{owner.describe()}打开。\n\n"
                          "如果两处同时修改并保存，后保存的会覆盖先保存的内容。\n"
                          "建议以只读方式打开：可以查看和修改，但只能另存为新文件。",
                          ("readonly", "以只读方式打开"), ("edit", "仍然编辑"),
                          object_name="fileLockedBox")

    def ask_changed(self, path: str) -> str:
        """"overwrite", "save_as" or "cancel"."""
        return ask_choice(self.window, "文件已被修改",
                          f"“{Path(path).name}”在您打开之后已被其他程序或其他人修改过。\n\n"
                          "直接保存会覆盖对方的修改。建议另存为新文件，再对照两份文件合并。",
                          ("save_as", "另存为…"), ("overwrite", "覆盖"),
                          object_name="fileChangedBox")
