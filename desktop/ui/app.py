"""The GUI entry point: ``run(project=None, example=None) -> int``.

Creates the QApplication (names for QSettings, Chinese translations of
Qt's own dialogs), the main window, offers a document recovered after a
crash, then opens the project or example asked for on the command line.
Uncaught exceptions go to a log file and a dialog (``crash``).
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QLocale
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from ..paths import resources_dir
from . import crash
from . import qt_chinese
from .autosave import CorruptRecovery, find_recoverable
from .main_window import APP_TITLE, MainWindow

ORGANIZATION = "report-drafter"
APPLICATION = "report-drafter"


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APP_TITLE)
    app.setDesktopFileName("report-drafter")  # the .deb's menu entry (Wayland matches on it)
    icon = resources_dir() / "icons" / "report-drafter-256.png"
    if icon.is_file():
        app.setWindowIcon(QIcon(str(icon)))
    QLocale.setDefault(QLocale(QLocale.Chinese, QLocale.China))
    qt_chinese.install(app)  # Qt's own dialogs and key names in Chinese
    return app


def ask_restore(window: MainWindow, recovery) -> bool:
    box = QMessageBox(QMessageBox.Question, APP_TITLE,
                      "上次程序没有正常关闭，发现自动保存的内容：\n\n"
                      f"{recovery.display_name}（自动保存于 {recovery.saved_text}）\n\n"
                      "是否恢复？", parent=window)
    box.setObjectName("recoveryBox")
    restore = box.addButton("恢复", QMessageBox.AcceptRole)
    discard = box.addButton("放弃", QMessageBox.DestructiveRole)
    box.setDefaultButton(restore)
    box.setEscapeButton(discard)
    box.exec()
    return box.clickedButton() is restore


def report_corrupt(window: MainWindow, corrupt: list[CorruptRecovery]) -> None:
    """Say which recovery files could not be read and where they were kept."""
    lines = []
    for c in corrupt:
        lines.append(f"· {c.message}")
        lines.append(f"  已保留为：{c.kept}" if c.kept else "  （该文件无法改名，仍在原处）")
    QMessageBox.warning(
        window, "自动保存的内容无法恢复",
        "上次程序没有正常关闭，但自动保存的恢复文件已损坏，无法恢复：\n\n"
        + "\n".join(lines)
        + "\n\n损坏的文件没有删除，已改名保留，可交给技术人员查看。"
        "您保存过的项目文件不受影响，程序将正常启动。")


def offer_recovery(window: MainWindow, ask=ask_restore) -> bool:
    """Offer the documents left by a crash; True when one was restored.
    Recovery files that cannot be read are kept aside and reported."""
    restored = False
    corrupt: list[CorruptRecovery] = []
    found = find_recoverable(corrupt=corrupt)
    if corrupt:
        report_corrupt(window, corrupt)
    for recovery in found:
        if not restored and ask(window, recovery):
            window.restore_recovery(recovery)
            restored = True
        else:
            recovery.discard()
    return restored


def start(project: str | None = None, example: str | None = None, ask=ask_restore) -> MainWindow:
    """The window, shown, with a recovered document or the one asked for
    (a project is read in a worker: it shows when read)."""
    window = MainWindow()
    window.show()
    QApplication.processEvents()  # paint the window before the document's first rendering
    restored = offer_recovery(window, ask)
    if not restored:
        if project:
            window.open_path(project)
        elif example:
            window.open_example(example)
    return window


def run(project: str | None = None, example: str | None = None) -> int:
    app = create_application()
    crash.install(app)  # an uncaught exception: log file + dialog, work autosaved
    window = start(project, example)
    code = app.exec()
    del window
    return code
