"""The recent-files list, kept in the window's ``QSettings``.

``RecentFiles(settings)``: ``files()`` newest first, ``add(path)``,
``remove(path)``; ``changed(list)`` is emitted after every change.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal

MAX_RECENT = 10
KEY = "recentFiles"


class RecentFiles(QObject):
    changed = Signal(list)

    def __init__(self, settings: QSettings, parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings

    def files(self) -> list[str]:
        value = self.settings.value(KEY, [])
        if isinstance(value, str):
            return [value] if value else []
        if not isinstance(value, (list, tuple)):
            return []
        return [str(v) for v in value if v]

    def add(self, path: str) -> None:
        files = [p for p in self.files() if p != path]
        files.insert(0, path)
        self._set(files[:MAX_RECENT])

    def remove(self, path: str) -> None:
        try:
            resolved = str(Path(path).resolve())
        except OSError:
            resolved = path
        self._set([p for p in self.files() if p != path and p != resolved])

    def _set(self, files: list[str]) -> None:
        self.settings.setValue(KEY, files)
        self.changed.emit(files)
