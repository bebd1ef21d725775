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

import pytest
from PySide6.QtCore import QSettings, QStandardPaths

QStandardPaths.setTestModeEnabled(True)
_SETTINGS_DIR = tempfile.mkdtemp(prefix="drafter-qsettings-")
for _fmt in (QSettings.NativeFormat, QSettings.IniFormat):
    QSettings.setPath(_fmt, QSettings.UserScope, _SETTINGS_DIR)
    QSettings.setPath(_fmt, QSettings.SystemScope, _SETTINGS_DIR)
os.environ.setdefault("REPORT_DRAFTER_PREVIEW_MS", "50")

from desktop.model import Document, Figure, Properties, Section  # noqa: E402


def make_document() -> Document:
    """Two chapters, nested sections of every level, figures."""
    doc = Document(properties=Properties(kind="年度工作总结", year=2025, org="某某县教育局",
                                         org_short="某教", title="{{ org }}{{ year }}年工作总结",
                                         signature="某某县教育局", date="2025-12-20"))
    doc.figures = [Figure("报考人数", "人", "高考", last=300, value=327),
                   Figure("本科达线人数", "人", "高考", last=180, value=208),
                   Figure("本科达线率", "%", "高考", formula="本科达线人数 / 报考人数 * 100")]
    a = Section(title="主要工作", level=1, body="")
    a1 = Section(title="高考成绩稳中有升", level=2,
                 body="全县报考{{ fig.报考人数 }}，本科达线率{{ fig.本科达线率 }}。")
    a1.children = [Section(title="加强备考", level=3, body="研究考纲。", run_in=True),
                   Section(title="关注学生", level=3, body="分层辅导。")]
    a1.children[1].children = [Section(title="心理辅导", level=4, body="开设讲座。")]
    a2 = Section(title="教师队伍建设", level=2, body="全年培训教师1350人次。")
    a2.children = [Section(title="师德师风", level=3, body="持续加强师德师风建设。")]
    a.children = [a1, a2]
    b = Section(title="存在的问题", level=1, body="发展还不平衡。")
    c = Section(title="下一步打算", level=1, body="{{ next_year }}年，我们将继续努力。")
    doc.sections = [a, b, c]
    return doc


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
        outcome = []
        flow(*args, then=outcome.append, **kwargs)
        qtbot.waitUntil(lambda: len(outcome) > 0, timeout=timeout)
        qtbot.wait(10)  # a second report would come with the same turn of the event loop
        assert len(outcome) == 1, f"the flow reported {len(outcome)} times"
        return outcome[0]
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


def pytest_collection_modifyitems(config, items):
    # The offscreen platform plugin warns about what it cannot do (size hints,
    # raise, keyboard grabs); that says nothing about the application.
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support"))
