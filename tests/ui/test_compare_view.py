"""与去年文档对比 from the window: last year's .rdraft or .docx read in a
worker (LibreOffice for .doc/.wps), the comparison shown in a CompareDialog,
unreadable files reported, the window responsive during a slow conversion."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from desktop.export_docx import export_docx
from desktop.project_file import save
from desktop.reuse.compare import ADDED, CHANGED, SAME
from desktop.ui.compare_view import CompareDialog
from tests.ui.documents import make_document
from tests.ui.windows import capture_dialogs


def menu_action(window, menu_title, text):
    for top in window.menuBar().actions():
        if top.text() == menu_title:
            for act in top.menu().actions():
                if act.text() == text:
                    return act
    raise AssertionError(f"{menu_title} → {text} not found")


def last_and_this_year(tmp_path):
    old = make_document()
    old.properties.year = 2024
    old.sections[1].body = "发展还不够平衡。"
    old.sections = old.sections[:2]  # no 下一步打算 last year
    path = tmp_path / "去年.rdraft"
    save(old, path)
    return old, path


@pytest.mark.parametrize("suffix", [".rdraft", ".docx"])
def test_compare_menu_compares_last_years_file_with_the_open_document(window, tmp_path, suffix,
                                                                       qtbot):
    old, path = last_and_this_year(tmp_path)
    if suffix == ".docx":
        path = tmp_path / "去年.docx"
        export_docx(old, path)
    window.set_document(make_document(), None)
    window.ask_compare_path = lambda: str(path)
    dialogs = capture_dialogs(window)
    act = menu_action(window, "工具(&T)", "与去年文档对比(&D)…")
    act.trigger()
    assert window.busy.active and not dialogs  # reading in a worker
    qtbot.waitUntil(lambda: bool(dialogs), timeout=20_000)
    assert len(dialogs) == 1 and isinstance(dialogs[0], CompareDialog)
    diffs = {d.label: d.status for d in dialogs[0].diffs()}
    assert diffs["二、存在的问题"] == CHANGED
    assert diffs["三、下一步打算"] == ADDED
    assert diffs["（二）教师队伍建设"] == SAME
    assert path.name in dialogs[0].windowTitle()


def test_compare_needs_an_open_document_and_reports_bad_files(window, tmp_path, finish):
    dialogs = capture_dialogs(window)
    window.ask_compare_path = lambda: str(tmp_path / "x.docx")
    assert finish(window.compare_with_last_year) is None  # start page: nothing open
    assert not dialogs and not window.errors
    window.set_document(make_document(), None)
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(b"not a zip")
    assert finish(window.compare_with_last_year, str(bad)) is None
    assert not dialogs
    assert window.errors and window.errors[0][0] == "无法读取去年的文档"
    window.ask_compare_path = lambda: ""
    assert finish(window.compare_with_last_year) is None


def spy_busy(window):
    """The labels of the work the window runs in a worker (``BusyState.run``)."""
    labels = []
    window.busy.changed.connect(lambda busy: busy and labels.append(window.busy.label.text()))
    return labels


def in_threads(monkeypatch, load=None):
    """Record whether ``load_last_year_document`` runs on the UI thread."""
    import desktop.ui.document_controller as controller
    real = load or controller.load_last_year_document
    on_ui_thread = []

    def recording(path):
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return real(path)
    monkeypatch.setattr(controller, "load_last_year_document", recording)
    return on_ui_thread


def test_compare_reads_last_years_file_in_a_worker(window, tmp_path, monkeypatch, finish):
    """A .doc/.wps goes through LibreOffice: reading is never on the UI thread."""
    old, _ = last_and_this_year(tmp_path)
    path = tmp_path / "去年.docx"
    export_docx(old, path)
    window.set_document(make_document(), None)
    labels = spy_busy(window)
    on_ui_thread = in_threads(monkeypatch)
    dialogs = capture_dialogs(window)
    dialog = finish(window.compare_with_last_year, str(path))
    assert labels == ["正在读取去年的文档…"]
    assert on_ui_thread == [False]
    assert dialogs == [dialog] and not window.errors
    diffs = {d.label: d.status for d in dialog.diffs()}
    assert diffs["二、存在的问题"] == CHANGED and diffs["三、下一步打算"] == ADDED


def test_compare_unreadable_file_reports_through_the_worker(window, tmp_path, monkeypatch,
                                                            finish):
    window.set_document(make_document(), None)
    labels = spy_busy(window)
    on_ui_thread = in_threads(monkeypatch)
    dialogs = capture_dialogs(window)
    bad = tmp_path / "坏文件.wps"
    bad.write_bytes(b"\xd0\xcf\x11\xe0 not really a document")
    assert finish(window.compare_with_last_year, str(bad)) is None
    assert labels == ["正在读取去年的文档…"] and on_ui_thread == [False]
    assert not dialogs
    assert [title for title, _ in window.errors] == ["无法读取去年的文档"]
    assert QApplication.overrideCursor() is None


def test_compare_slow_conversion_keeps_the_window_responsive(window, qtbot, monkeypatch,
                                                             finish):
    """A slow conversion (LibreOffice on a big .doc): the event loop runs
    and the window shows it is busy meanwhile."""
    from tests.ui.big_document import Heartbeat
    window.set_document(make_document(), None)

    def slow_load(path):
        time.sleep(1.5)
        return make_document()
    on_ui_thread = in_threads(monkeypatch, slow_load)
    dialogs = capture_dialogs(window)
    busy = []

    def look():
        if window.busy.label.isVisible():
            busy.append(window.busy.label.text())
    poll = QTimer()
    poll.setInterval(50)
    poll.timeout.connect(look)
    poll.start()
    with Heartbeat() as beat:
        dialog = finish(window.compare_with_last_year, "/去年/某某县教育局2024年工作总结.doc")
    poll.stop()
    beat.check("reading last year's .doc")
    assert on_ui_thread == [False]
    assert "正在读取去年的文档…" in busy
    assert dialogs == [dialog] and all(d.status == SAME for d in dialog.diffs())


def test_the_comparisons_list_shows_its_titles(qtbot):
    # the list of sections was a quarter of the dialog: titles and their [未变] cut off
    from desktop.examples import load_example
    from desktop.ui.compare_view import CompareDialog
    doc = load_example("summary-and-plan")
    dialog = CompareDialog(doc, doc)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    shown = dialog.list.width() / (dialog.list.width() + dialog.view.width())
    assert shown >= 0.35
