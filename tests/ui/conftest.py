"""Qt test isolation for the desktop window's tests.

- Qt runs offscreen (set in tests/conftest.py) with ``QStandardPaths`` in
  test mode, and QSettings' user scope pointed at a temporary folder, so
  no test reads or writes the real user's settings;
- ``REPORT_DRAFTER_HOME`` (tests/conftest.py) keeps recovery files and the
  user's templates in a per-test temporary folder;
- windows get their own ``QSettings`` ini file (``ui_settings``) and never
  ask questions: ``ask_*`` and ``show_error`` are replaced.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QMessageBox

QStandardPaths.setTestModeEnabled(True)
_SETTINGS_DIR = tempfile.mkdtemp(prefix="drafter-qsettings-")
for _fmt in (QSettings.NativeFormat, QSettings.IniFormat):
    QSettings.setPath(_fmt, QSettings.UserScope, _SETTINGS_DIR)
    QSettings.setPath(_fmt, QSettings.SystemScope, _SETTINGS_DIR)
os.environ.setdefault("REPORT_DRAFTER_PREVIEW_MS", "50")

from desktop.model import Document  # noqa: E402
from tests.ui.docks_fixtures import qsettings, session  # noqa: E402, F401  (the docks' and dialogs')
from desktop.project_file import save  # noqa: E402
from tests.ui import big_document  # noqa: E402
from tests.ui.documents import make_document  # noqa: E402
from tests.ui.windows import make_window  # noqa: E402


@pytest.fixture
def doc() -> Document:
    return make_document()


@pytest.fixture
def ui_settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)


@pytest.fixture
def finish(qtbot):
    """``finish(flow, *args, **kwargs)``: start a flow that runs in a worker
    and reports through ``then`` (``window.open_path``, ``export_to``,
    ``controller.import_last_year``, ``compare_with_last_year`` …), wait
    until it has ended and return what it reported.  Fails when the flow
    does not end in time or reports more than once."""
    def run(flow, *args, timeout=20_000, **kwargs):
        # returns as soon as the flow reports (the window's later work, such as
        # the preview's layout in slices, is still under way); a second report
        # raises CallbackCalledTwiceError
        with qtbot.waitCallback(timeout=timeout) as reported:
            flow(*args, then=reported, **kwargs)
        return reported.args[0]
    return run


@pytest.fixture
def window(qtbot, ui_settings):
    from desktop.ui.main_window import MainWindow
    w = MainWindow(settings=ui_settings, autosave_ms=0)
    w.errors = []
    w.answers = []  # answers to ask_save_changes, first first; default "discard"
    w.show_error = lambda title, message: w.errors.append((title, message))
    w.ask_save_changes = lambda: w.answers.pop(0) if w.answers else "discard"
    w.asked = []  # yes/no questions (delete with children, 仍要导出?): answered yes
    w.ask_yes_no = lambda title, text: w.asked.append(text) or True
    w.ask_export_anyway = lambda question: w.asked.append(question) or True  # 仍要导出?
    # a project open in another window: read-only; changed on disk: do not overwrite
    w.file_guard.ask_locked = lambda path, owner: "readonly"
    w.file_guard.ask_changed = lambda path: "cancel"
    qtbot.addWidget(w)
    w.resize(1200, 800)
    w.show()
    qtbot.waitExposed(w)
    yield w
    w.session.undo_stack.setClean()


@pytest.fixture
def dialogs():
    """Every QMessageBox static call: (kind, title, text).  Its own
    MonkeyPatch, so a test's ``monkeypatch.undo()`` (ending a simulated
    fault) never brings back real, blocking dialogs."""
    shown = []
    monkeypatch = pytest.MonkeyPatch()

    def capture(kind, answer):
        def f(parent, title, text, *a, **k):
            shown.append((kind, title, text))
            return answer
        return f

    monkeypatch.setattr(QMessageBox, "warning", capture("warning", QMessageBox.Ok))
    monkeypatch.setattr(QMessageBox, "critical", capture("critical", QMessageBox.Ok))
    monkeypatch.setattr(QMessageBox, "information", capture("information", QMessageBox.Ok))
    monkeypatch.setattr(QMessageBox, "question", capture("question", QMessageBox.Yes))
    yield shown
    monkeypatch.undo()


@pytest.fixture
def win(qtbot, ui_settings, dialogs):
    """A window whose errors are real message boxes, captured by ``dialogs``."""
    w = make_window(qtbot, ui_settings)
    yield w
    w.session.undo_stack.setClean()
    w.file_guard.release()


@pytest.fixture
def saved(tmp_path, doc):
    """A project saved twice (so it has a backup): (path, bytes, backup bytes)."""
    path = tmp_path / "总结.rdraft"
    save(doc, path)
    doc.sections[1].body = "第二次保存。"
    save(doc, path)
    return path, path.read_bytes(), Path(str(path) + ".bak").read_bytes()


@pytest.fixture(scope="session")
def big_project(tmp_path_factory) -> Path:
    """The 1,000-section document saved once for the session (tests/ui/big_document.py)."""
    path = tmp_path_factory.mktemp("big") / "big.rdraft"
    save(big_document.big_document(), path)
    return path


@pytest.fixture
def opened(window, qtbot, big_project, finish):
    """The big project open in the window, laid out, first proofreading done."""
    with big_document.Heartbeat() as beat:
        assert finish(window.open_path, str(big_project))
        big_document.wait_laid_out(qtbot, window)
        qtbot.waitUntil(lambda: not window.proofread_panel.pending, timeout=60_000)
    beat.check("opening a 200-page project")
    window.opening_gap_ms = beat.max_gap_ms
    return window


def pytest_collection_modifyitems(config, items):
    # The offscreen platform plugin warns about what it cannot do (size hints,
    # raise, keyboard grabs); that says nothing about the application.
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support"))
