"""What the clerk sees when the program itself fails: a log file and a dialog.

``install(app)`` routes every uncaught exception — ``sys.excepthook``,
which PySide6 also calls for an exception raised in a slot, and
``threading.excepthook`` for worker threads — to ``report``: the traceback
goes into a rotating log file in the user data folder, with the
application's version and the platform, every open window's document is
autosaved at once, and a dialog says what happened, that the work is safe
and where the log is.  The console is no longer the only witness.
"""

from __future__ import annotations

import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from ..paths import user_data_dir

LOG_NAME = "report-drafter.log"
MAX_BYTES = 512 * 1024
BACKUPS = 3
_logger = None  # logging.Logger, made on first use (logging.handlers costs ~50 ms to import)


def log_dir() -> Path:
    """``logs/`` in the user data folder (REPORT_DRAFTER_HOME in tests)."""
    return user_data_dir() / "logs"


def log_path() -> Path:
    return log_dir() / LOG_NAME


def app_version() -> str:
    try:
        from importlib.metadata import version
        return version("report-drafter")
    except Exception:  # run from a source tree or a frozen build without metadata
        from .. import __version__
        return __version__


def _get_logger():
    import logging
    import logging.handlers
    global _logger
    path = log_path()
    if _logger is not None and any(getattr(h, "baseFilename", None) == str(path)
                                   for h in _logger.handlers):
        return _logger
    logger = logging.getLogger("report_drafter.crash")
    logger.propagate = False
    for h in list(logger.handlers):
        logger.removeHandler(h)
        h.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS,
                                                   encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    _logger = logger
    return logger


def write_log(exc_type, exc, tb, where: str = "") -> Path | None:
    """Append the exception to the log; its path, or None when it cannot be written."""
    import platform
    text = "".join(traceback.format_exception(exc_type, exc, tb))
    header = (f"未捕获的异常{f'（{where}）' if where else ''}: report-drafter {app_version()}, "
              f"Python {platform.python_version()}, {platform.platform()}")
    try:
        _get_logger().error("%s\n%s", header, text.rstrip())
        for h in _get_logger().handlers:
            h.flush()
        return log_path()
    except Exception:  # a full disk or a read-only home: the dialog still appears
        return None


def autosave_all() -> bool:
    """Autosave every open window's document now; True when all of them were saved."""
    ok = True
    app = QApplication.instance()
    if app is None:
        return True
    for widget in app.topLevelWidgets():
        saver = getattr(widget, "autosaver", None)
        session = getattr(widget, "session", None)
        if saver is None or session is None:
            continue
        try:
            if not session.undo_stack.isClean() and not saver.save_now():
                ok = False
        except Exception:
            ok = False
    return ok


def message(log: Path | None, saved: bool) -> str:
    where = f"错误详情已记录在日志文件：\n{log}" if log else "错误详情未能写入日志文件（磁盘已满或无写入权限）。"
    safe = ("您的工作是安全的：未保存的修改已自动保存，程序再次启动时会提示恢复。" if saved else
            "自动保存未能完成，请尽快用“保存”或“另存为”保存您的工作。")
    return ("程序内部出现错误，当前操作未能完成。\n\n" + safe + "\n\n" + where
            + "\n\n可以继续使用；若问题反复出现，请把日志文件交给技术人员。")


class _Reporter(QObject):
    """Shows the dialog in the UI thread, one at a time."""
    raised = Signal(object, object, object, str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.showing = False
        self.shown: list[str] = []  # the texts shown, for tests and for diagnosis
        self.raised.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def _show(self, exc_type, exc, tb, where: str) -> None:
        log = write_log(exc_type, exc, tb, where)
        saved = autosave_all()
        text = message(log, saved)
        self.shown.append(text)
        if self.showing:  # an error while the dialog is open: logged, not stacked
            return
        self.showing = True
        try:
            app = QApplication.instance()
            parent = app.activeWindow() if app else None
            box = QMessageBox(QMessageBox.Icon.Critical, "程序错误", text, parent=parent)
            box.setObjectName("crashBox")
            box.setDetailedText("".join(traceback.format_exception_only(exc_type, exc)).strip())
            box.exec()
        finally:
            self.showing = False


_reporter: _Reporter | None = None


def report(exc_type, exc, tb, where: str = "") -> None:
    """Log the exception and show the dialog (queued to the UI thread)."""
    if _reporter is None or issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    try:
        sys.__excepthook__(exc_type, exc, tb)  # the console still gets it
    except Exception:  # no console (a .desktop launch, pythonw)
        pass
    _reporter.raised.emit(exc_type, exc, tb, where)


def _thread_hook(args) -> None:
    if args.exc_type is SystemExit:
        return
    report(args.exc_type, args.exc_value, args.exc_traceback,
           where=f"线程 {args.thread.name if args.thread else '?'}")


def install(app: QApplication) -> _Reporter:
    """Route uncaught exceptions of the process to the log and the dialog."""
    global _reporter
    if _reporter is None:
        _reporter = _Reporter(app)
    sys.excepthook = report
    threading.excepthook = _thread_hook
    return _reporter


def uninstall() -> None:
    global _reporter
    sys.excepthook = sys.__excepthook__
    threading.excepthook = threading.__excepthook__
    if _reporter is not None:
        _reporter.deleteLater()
    _reporter = None
