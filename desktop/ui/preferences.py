"""User preferences: QSettings-backed accessors and a small dialog.

API::

    prefs = Preferences(settings=None)   # default: the app's QSettings() (same as the main window)
    prefs.shared_template_dir() -> Path | None     # 共享模板文件夹 ("" = none)
    prefs.set_shared_template_dir(path | None)
    prefs.autosave_interval() -> int               # minutes, 0 = autosave off (default 5)
    prefs.autosave_interval_ms() -> int
    prefs.set_autosave_interval(minutes)
    prefs.default_org() -> str                     # 默认发文机关 for new documents
    prefs.set_default_org(text)
    prefs.last_export_dir() / set_last_export_dir(path)
    prefs.export_pdf() / set_export_pdf(bool)
    prefs.open_after_export() / set_open_after_export(bool)
    prefs.open_target() / set_open_target("file" | "folder")

    dialog = PreferencesDialog(parent=None, prefs=None)
    dialog.preferencesChanged    # Signal() after OK changed something
    dialog.apply() -> bool       # write the fields (what OK does)

Tests pass their own ``QSettings(ini_path, IniFormat)`` so nothing touches
the real user's settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Signal
from PySide6.QtWidgets import (QDialog, QFileDialog, QFormLayout, QHBoxLayout,
                               QLineEdit, QPushButton, QSpinBox, QVBoxLayout, QWidget)

from .dialogs import fit_to_text, ok_cancel_buttons

ORGANIZATION = "report-drafter"
APPLICATION = "report-drafter"
DEFAULT_AUTOSAVE_MINUTES = 5
MAX_AUTOSAVE_MINUTES = 60

K_SHARED_DIR = "templates/shared_dir"
K_AUTOSAVE = "autosave/interval_minutes"
K_DEFAULT_ORG = "document/default_org"
K_EXPORT_DIR = "export/last_dir"
K_EXPORT_PDF = "export/pdf"
K_OPEN_AFTER = "export/open_after"
K_OPEN_TARGET = "export/open_target"


def _bool(value, default: bool) -> bool:
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("true", "1", "yes")


def default_settings() -> QSettings:
    """The application's QSettings (its organization/application names when
    set, as the main window's ``QSettings()`` uses; else ours)."""
    if QCoreApplication.organizationName():
        return QSettings()
    return QSettings(ORGANIZATION, APPLICATION)


class Preferences:
    def __init__(self, settings: QSettings | None = None):
        self.settings = settings if settings is not None else default_settings()

    def _str(self, key: str, default: str = "") -> str:
        value = self.settings.value(key, default)
        return "" if value is None else str(value)

    # -- shared template folder ------------------------------------------------------
    def shared_template_dir(self) -> Path | None:
        text = self._str(K_SHARED_DIR).strip()
        return Path(text) if text else None

    def set_shared_template_dir(self, path) -> None:
        self.settings.setValue(K_SHARED_DIR, str(path) if path else "")

    # -- autosave ------------------------------------------------------------------------
    def autosave_interval(self) -> int:
        try:
            minutes = int(self.settings.value(K_AUTOSAVE, DEFAULT_AUTOSAVE_MINUTES))
        except (TypeError, ValueError):
            return DEFAULT_AUTOSAVE_MINUTES
        return max(0, min(minutes, MAX_AUTOSAVE_MINUTES))

    def autosave_interval_ms(self) -> int:
        return self.autosave_interval() * 60_000

    def set_autosave_interval(self, minutes: int) -> None:
        self.settings.setValue(K_AUTOSAVE, max(0, min(int(minutes), MAX_AUTOSAVE_MINUTES)))

    # -- default organ --------------------------------------------------------------------
    def default_org(self) -> str:
        return self._str(K_DEFAULT_ORG).strip()

    def set_default_org(self, text: str) -> None:
        self.settings.setValue(K_DEFAULT_ORG, text.strip())

    # -- export ----------------------------------------------------------------------------
    def last_export_dir(self) -> str:
        return self._str(K_EXPORT_DIR)

    def set_last_export_dir(self, path) -> None:
        self.settings.setValue(K_EXPORT_DIR, str(path))

    def export_pdf(self) -> bool:
        return _bool(self.settings.value(K_EXPORT_PDF), False)

    def set_export_pdf(self, on: bool) -> None:
        self.settings.setValue(K_EXPORT_PDF, bool(on))

    def open_after_export(self) -> bool:
        return _bool(self.settings.value(K_OPEN_AFTER), True)

    def set_open_after_export(self, on: bool) -> None:
        self.settings.setValue(K_OPEN_AFTER, bool(on))

    def open_target(self) -> str:
        value = self._str(K_OPEN_TARGET, "file")
        return value if value in ("file", "folder") else "file"

    def set_open_target(self, target: str) -> None:
        self.settings.setValue(K_OPEN_TARGET, target if target in ("file", "folder") else "file")

    def sync(self) -> None:
        self.settings.sync()


class PreferencesDialog(QDialog):
    preferencesChanged = Signal()

    def __init__(self, parent=None, prefs: Preferences | None = None):
        super().__init__(parent)
        self.setWindowTitle("首选项")
        self.prefs = prefs or Preferences()

        form = QFormLayout()
        folder_row = QWidget(self)
        row = QHBoxLayout(folder_row)
        row.setContentsMargins(0, 0, 0, 0)
        self.shared_dir_edit = QLineEdit(folder_row)
        self.shared_dir_edit.setPlaceholderText("例如单位共享盘上的模板文件夹（可不填）")
        shared = self.prefs.shared_template_dir()
        self.shared_dir_edit.setText(str(shared) if shared else "")
        fit_to_text(self.shared_dir_edit)  # the whole path in view
        self.browse_button = QPushButton("浏览…", folder_row)
        self.browse_button.clicked.connect(self._browse)
        row.addWidget(self.shared_dir_edit, 1)
        row.addWidget(self.browse_button)
        form.addRow("共享模板文件夹：", folder_row)

        self.autosave_spin = QSpinBox(self)
        self.autosave_spin.setRange(0, MAX_AUTOSAVE_MINUTES)
        self.autosave_spin.setSuffix(" 分钟")
        self.autosave_spin.setSpecialValueText("不自动保存")
        self.autosave_spin.setValue(self.prefs.autosave_interval())
        form.addRow("自动保存间隔：", self.autosave_spin)

        self.org_edit = QLineEdit(self)
        self.org_edit.setPlaceholderText("新建文档时默认填写的发文机关，如“某某县教育局”")
        self.org_edit.setText(self.prefs.default_org())
        form.addRow("默认发文机关：", self.org_edit)

        buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _browse(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "选择共享模板文件夹",
                                                self.shared_dir_edit.text())
        if path:
            self.shared_dir_edit.setText(path)

    def apply(self) -> bool:
        """Write the fields; True when anything changed."""
        old = (self.prefs.shared_template_dir(), self.prefs.autosave_interval(),
               self.prefs.default_org())
        folder = self.shared_dir_edit.text().strip()
        self.prefs.set_shared_template_dir(folder or None)
        self.prefs.set_autosave_interval(self.autosave_spin.value())
        self.prefs.set_default_org(self.org_edit.text())
        self.prefs.sync()
        new = (self.prefs.shared_template_dir(), self.prefs.autosave_interval(),
               self.prefs.default_org())
        if new != old:
            self.preferencesChanged.emit()
            return True
        return False

    def accept(self) -> None:
        self.apply()
        super().accept()
