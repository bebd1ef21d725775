"""Export: the job runs off the UI thread on a snapshot, reports failures for
locked / read-only targets leaving the old file intact; the options dialog;
from the window, a full disk or a target held by Word shows a dialog and
keeps the earlier .docx."""

from __future__ import annotations

import os
import stat
import threading
import zipfile
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from desktop.errors import ExportError
from desktop.ui import export_dialog, workers
from desktop.ui.export_dialog import ExportDialog, ExportOptions, start_export
from desktop.ui.preferences import Preferences
import desktop.export
from desktop.ui.workers import ExportJob, Task, write_export
from tests.tooling import disk_full_after, refuse_replace, require_tool, temp_files
from tests.ui.windows import edit


@pytest.fixture
def fake_exporter(monkeypatch):
    """Replace the .docx builder by a recorder writing the org and thread."""
    calls = []
    gate = threading.Event()
    gate.set()

    def build(document, rendered=None):
        gate.wait(10)
        calls.append(threading.current_thread())
        return f"{document.properties.org}|{len(document.sections)}".encode("utf-8")

    monkeypatch.setattr(desktop.export, "build_docx", build)
    return calls, gate


def test_task_runs_off_the_ui_thread(qtbot):
    task = Task(lambda: threading.current_thread())
    with qtbot.waitSignal(task.finished) as b:
        task.start()
    assert b.args[0] is not threading.main_thread()
    task = Task(lambda: 1 / 0)
    with qtbot.waitSignal(task.failed) as b:
        task.start()
    assert isinstance(b.args[0], ZeroDivisionError)
    # released in the UI thread once the worker has let go of it
    qtbot.waitUntil(lambda: task not in workers._alive and not task.running)


def test_a_task_stays_referenced_until_its_slots_have_returned(qtbot):
    """A continuation may run a dialog (the comparison): the task that
    reports is not let go meanwhile."""
    seen = []

    def slot(result):
        qtbot.wait(200)  # a modal dialog's time; the reaper runs meanwhile
        seen.append((result, task in workers._alive, task.running))
    task = Task(lambda: 1)
    task.finished.connect(slot)
    task.start()
    qtbot.waitUntil(lambda: bool(seen))
    assert seen == [(1, True, True)]
    qtbot.waitUntil(lambda: task not in workers._alive and not task.running)


def test_job_exports_snapshot_off_thread(qtbot, session, tmp_path, fake_exporter):
    calls, gate = fake_exporter
    gate.clear()
    target = tmp_path / "out.docx"
    job = ExportJob(session.document, target)
    with qtbot.waitSignal(job.finished, timeout=10_000) as blocker:
        job.start()
        assert job.running
        session.document.properties.org = "改过的单位"  # edit while exporting
        session.document.sections.clear()
        gate.set()
    result = blocker.args[0]
    assert result.docx == target and result.pdf is None
    assert target.read_text(encoding="utf-8") == "某某县教育局|2"
    assert calls and calls[0] is not threading.main_thread()
    assert not job.running
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]  # no temp left


def test_locked_target_fails_and_old_file_is_intact(qtbot, session, tmp_path, fake_exporter,
                                                     monkeypatch):
    target = tmp_path / "locked.docx"
    target.write_bytes(b"old contents")

    def locked(src, dst):
        raise PermissionError(13, "The process cannot access the file")

    monkeypatch.setattr(workers.os, "replace", locked)
    job = ExportJob(session.document, target)
    with qtbot.waitSignal(job.failed, timeout=10_000) as blocker:
        job.start()
    assert "Word" in blocker.args[0] and "原文件未改动" in blocker.args[0]
    assert target.read_bytes() == b"old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["locked.docx"]


def test_read_only_target_fails_and_old_file_is_intact(qtbot, session, tmp_path, fake_exporter):
    calls, _ = fake_exporter
    target = tmp_path / "readonly.docx"
    target.write_bytes(b"old contents")
    target.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    try:
        job = ExportJob(session.document, target)
        with qtbot.waitSignal(job.failed, timeout=10_000) as blocker:
            job.start()
        assert "只读" in blocker.args[0]
        assert target.read_bytes() == b"old contents"
        assert calls == []
    finally:
        target.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_missing_folder_and_exporter_errors(session, tmp_path, monkeypatch):
    with pytest.raises(ExportError, match="不存在"):
        write_export(session.document, tmp_path / "nope" / "a.docx")

    def broken(document, rendered=None):
        raise ExportError("章节“一、”：未定义的变量“x”")

    monkeypatch.setattr(desktop.export, "build_docx", broken)
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")
    with pytest.raises(ExportError, match="未定义"):
        write_export(session.document, target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


def test_suffix_is_added(session, tmp_path, fake_exporter):
    result = write_export(session.document, tmp_path / "总结")
    assert result.docx == tmp_path / "总结.docx" and result.docx.exists()


def test_start_export_reports_and_opens(qtbot, session, tmp_path, fake_exporter, monkeypatch):
    opened, errors = [], []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: errors.append(a[2]))
    opts = ExportOptions(tmp_path / "x.docx", open_after=True, open_target="folder")
    job = start_export(None, session, opts, show_progress=False)
    qtbot.waitUntil(lambda: bool(opened), timeout=10_000)
    assert Path(opened[0].toLocalFile()) == tmp_path
    assert job.result.docx.exists() and not errors

    target = tmp_path / "ro.docx"
    target.write_bytes(b"old")
    target.chmod(0o444)
    try:
        start_export(None, session, ExportOptions(target), show_progress=False)
        qtbot.waitUntil(lambda: bool(errors), timeout=10_000)
        assert "只读" in errors[0]
    finally:
        target.chmod(0o644)


def test_dialog_options_and_preferences(qtbot, session, qsettings, tmp_path, monkeypatch):
    monkeypatch.setattr(export_dialog.office, "soffice_path", lambda: None)
    prefs = Preferences(qsettings)
    prefs.set_last_export_dir(tmp_path)
    dialog = ExportDialog(session, prefs=prefs)
    qtbot.addWidget(dialog)
    assert Path(dialog.path_edit.text()) == tmp_path / "某某县教育局2026年工作总结.docx"
    assert not dialog.pdf_check.isEnabled()
    dialog.path_edit.setText(str(tmp_path / "报告"))
    dialog.open_check.setChecked(True)
    dialog.open_combo.setCurrentIndex(1)
    opts = dialog.options()
    assert opts.docx_path == tmp_path / "报告.docx" and not opts.pdf
    assert opts.open_after and opts.open_target == "folder"
    dialog.path_edit.setText(str(tmp_path / "missing" / "a.docx"))
    assert "不存在" in dialog.problem()
    dialog.path_edit.setText(str(tmp_path / "b.docx"))
    dialog.accept()
    assert prefs.open_target() == "folder" and prefs.last_export_dir() == str(tmp_path)


def test_dialog_defaults_beside_project(qtbot, session, qsettings, tmp_path):
    session.set_path(str(tmp_path / "2026总结.rdraft"))
    dialog = ExportDialog(session, prefs=Preferences(qsettings))
    qtbot.addWidget(dialog)
    assert Path(dialog.path_edit.text()) == tmp_path / "2026总结.docx"


def test_real_export_docx_off_thread(qtbot, session, tmp_path):
    pytest.importorskip("desktop.export_docx")
    target = tmp_path / "real.docx"
    target.write_bytes(b"old")
    job = ExportJob(session.document, target)
    with qtbot.waitSignals([job.finished], raising=True, timeout=60_000,
                           check_params_cbs=None):
        job.start()
    with zipfile.ZipFile(target) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    assert "高考成绩稳中有升" in xml
    assert "327" in xml


def test_real_export_read_only_target(qtbot, session, tmp_path):
    pytest.importorskip("desktop.export_docx")
    target = tmp_path / "real.docx"
    target.write_bytes(b"old")
    os.chmod(target, 0o444)
    try:
        job = ExportJob(session.document, target)
        with qtbot.waitSignal(job.failed, timeout=60_000):
            job.start()
        assert target.read_bytes() == b"old"
    finally:
        os.chmod(target, 0o644)


def test_real_export_with_pdf(qtbot, session, tmp_path):
    pytest.importorskip("desktop.export_docx")
    require_tool("soffice")
    target = tmp_path / "with-pdf.docx"
    job = ExportJob(session.document, target, pdf=True)
    steps = []
    job.progress.connect(steps.append)
    with qtbot.waitSignal(job.finished, timeout=240_000) as blocker:
        job.start()
    result = blocker.args[0]
    assert result.pdf_error == "", result.pdf_error
    assert result.pdf == tmp_path / "with-pdf.pdf" and result.pdf.stat().st_size > 0
    assert any("PDF" in s for s in steps)


# -- typing a path never raises; the default folder always exists -----------------
from hypothesis import HealthCheck, given, settings, strategies as st  # noqa: E402

from desktop.ui.export_dialog import typed_docx_path  # noqa: E402

TYPED = ["/", "", " ", "C:", "C:\\", "~", "~/x/", "~/", ".", "..", "./", "a/..", "\0", "a\0b.docx",
         "/etc/passwd/", "//", "\\", "报告", "报告.DOCX", "/nonexistent/目录/a", "~nobody_xyz/a",
         "a" * 5000, "\n", "x\ty", "C:/Users/文秘/Documents/", "/tmp/ ", "😀.docx"]


def _type_everything(dialog, texts):
    for text in texts:
        dialog.path_edit.setText(text)  # textChanged → _check → problem → docx_path
        dialog.path_edit.clear()
        for ch in text[:40]:
            dialog.path_edit.insert(ch)  # as typed, one character at a time
        problem = dialog.problem()
        path = dialog.docx_path()
        ok = dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
        assert ok == (problem == ""), (text, problem)
        if path is None:
            assert problem and not ok
        else:
            assert path.suffix.lower() == ".docx" and path.name != ".docx"
        dialog.accept()  # refused or accepted, never a traceback
        dialog.setResult(0)


def test_typed_paths_never_raise(qtbot, session, qsettings, tmp_path):
    dialog = ExportDialog(session, prefs=Preferences(qsettings))
    qtbot.addWidget(dialog)
    _type_everything(dialog, TYPED)
    assert typed_docx_path("/")[0] is None and typed_docx_path("/")[1]
    assert typed_docx_path("~/x/")[0] is None
    assert typed_docx_path("a\0b")[1] == "文件名中含有无效字符"
    assert typed_docx_path("~/报告")[0] == Path.home() / "报告.docx"
    assert typed_docx_path(str(tmp_path / "报告"))[0] == tmp_path / "报告.docx"


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(st.text(alphabet=st.sampled_from(list("/\\:~.\0 aC报告x\t\n😀-_*?\"<>|"))
                        | st.characters(), max_size=30), min_size=1, max_size=4))
def test_any_typed_string_never_raises(qtbot, session, qsettings, texts):
    dialog = ExportDialog(session, prefs=Preferences(qsettings))
    try:
        _type_everything(dialog, texts)
        for text in texts:
            path, problem = typed_docx_path(text)
            assert (path is None) == bool(problem)
    finally:
        dialog.deleteLater()


def test_missing_documents_folder_is_created_not_refused(qtbot, session, qsettings, tmp_path,
                                                         monkeypatch):
    """A fresh account: no ~/Documents yet. The default path is in a folder that exists."""
    home = tmp_path / "fresh-home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    dialog = ExportDialog(session, prefs=Preferences(qsettings))
    qtbot.addWidget(dialog)
    path = dialog.docx_path()
    assert path.parent.is_dir()
    assert home in path.parents
    assert dialog.problem() == ""
    assert dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()


def test_uncreatable_default_folder_falls_back_to_home(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    assert export_dialog.existing_folder(blocker / "Documents") == home
    assert export_dialog.existing_folder("") == home
    assert export_dialog.existing_folder(tmp_path / "new" / "Documents") == tmp_path / "new" / "Documents"
    assert (tmp_path / "new" / "Documents").is_dir()


def test_the_window_exports_its_current_render_without_rendering_again(
        qtbot, session, tmp_path, monkeypatch):
    from desktop.render import render
    import desktop.export.document as built

    rendered = render(session.document)

    def no_render(doc):
        raise AssertionError("rendered twice")

    monkeypatch.setattr(built, "render", no_render)
    job = ExportJob(session.document, tmp_path / "a.docx", rendered=rendered)
    rendered.blocks.clear()  # the live render splices in place: the job keeps its snapshot
    result = job.run()
    assert result.docx.exists() and zipfile.is_zipfile(result.docx)


# -- failures in the window: a full disk, a target held by Word --------------------------------
def test_export_failures_show_a_dialog_and_keep_the_earlier_docx(win, qtbot, saved, dialogs,
                                                               monkeypatch, tmp_path, finish):
    path, _, _ = saved
    assert finish(win.open_path, str(path))
    edit(win)
    out = tmp_path / "总结.docx"
    job = start_export(win, win.session, ExportOptions(out), show_progress=False)
    qtbot.waitUntil(lambda: job.result is not None, timeout=30_000)
    earlier = out.read_bytes()

    for fault, expected in ((lambda: disk_full_after(monkeypatch, room=2000), "磁盘空间不足"),
                            (lambda: refuse_replace(monkeypatch, out), "Word")):
        dialogs.clear()
        fault()
        job = start_export(win, win.session, ExportOptions(out), show_progress=False)
        qtbot.waitUntil(lambda: bool(dialogs), timeout=30_000)
        kind, title, text = dialogs[0]
        assert (kind, title) == ("critical", "导出失败")
        assert expected in text and "总结.docx" in text and "未" in text and "改动" in text
        assert "没有受到影响" in text
        assert out.read_bytes() == earlier
        assert temp_files(tmp_path) == []
        assert win.session.modified and win.session.undo_stack.canUndo()
        monkeypatch.undo()


def test_export_to_without_dialog_on_full_disk(win, dialogs, monkeypatch, tmp_path, finish):
    assert win.open_example("plan-county")
    out = tmp_path / "计划.docx"
    assert finish(win.export_to, str(out))
    earlier = out.read_bytes()
    disk_full_after(monkeypatch, room=3000)
    assert finish(win.export_to, str(out)) is False
    assert dialogs[-1][1] == "导出失败" and "磁盘空间不足" in dialogs[-1][2]
    assert out.read_bytes() == earlier


def test_export_target_that_cannot_be_opened_for_writing(qtbot, tmp_path, monkeypatch, doc):
    """Windows refuses open(…, 'r+b') on a .docx open in Word: told before writing."""
    import builtins

    out = tmp_path / "总结.docx"
    out.write_bytes(b"earlier")
    real_open = builtins.open

    def refusing_open(file, mode="r", *a, **k):
        if Path(str(file)) == out and any(c in mode for c in "wa+"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, mode, *a, **k)

    monkeypatch.setattr(builtins, "open", refusing_open)
    with pytest.raises(ExportError) as info:
        write_export(doc, out)
    assert "Word/WPS" in str(info.value) and "原文件未改动" in str(info.value)
    assert out.read_bytes() == b"earlier"
    assert temp_files(tmp_path) == []


def test_the_exported_message_and_its_folder_button_do_not_overlap(window, qtbot, tmp_path):
    # the button sat under the temporary message's text (已导出到 drawn over 打开文件夹)
    from PySide6.QtWidgets import QLabel, QPushButton

    from desktop.ui.export_dialog import show_written
    window.new_document("年度工作总结", 2026, "示范县教育局")
    path = tmp_path / "总结.docx"
    show_written(window, path)
    bar = window.statusBar()
    button = bar.findChild(QPushButton, "openExportFolder")
    qtbot.waitUntil(button.isVisible)
    assert button.text() == "打开文件夹"
    said = [label for label in bar.findChildren(QLabel)
            if label.isVisible() and label.text() == f"已导出到：{path}"]
    assert said or bar.currentMessage() == f"已导出到：{path}"
    message_right = (said[0].mapTo(bar, said[0].rect().topLeft()).x()
                     + said[0].fontMetrics().horizontalAdvance(said[0].text())) if said \
        else bar.fontMetrics().horizontalAdvance(bar.currentMessage())
    assert button.mapTo(bar, button.rect().topLeft()).x() >= message_right
    window.statusBar().showMessage("已保存")  # the next message: the notice goes
    assert not button.isVisible()
