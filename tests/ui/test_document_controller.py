"""The document controller without a window: questions are answered and
messages recorded by a small port (the ``WindowPort`` protocol)."""

from __future__ import annotations

import copy
import time
from pathlib import Path
from typing import Any, Callable

import pytest
from docx import Document as DocxDocument

from desktop.project_file import load, save
from desktop.ui.autosave import Recovery
from desktop.ui.commands import EditSectionTextCommand
from desktop.ui.document_controller import DocumentController
from desktop.ui.file_guard import FileGuard
from desktop.ui.recent_files import RecentFiles
from desktop.ui.session import DocumentSession
from desktop.ui.workers import Task
from tests.ui.documents import make_document


class Port:
    """Answers the controller's questions from queues; records what it says."""

    def __init__(self, session: DocumentSession):
        self.session = session
        self.answers: dict[str, list[str]] = {"save_changes": [], "open_path": [],
                                              "save_path": [], "compare_path": []}
        self.errors: list[tuple[str, str]] = []
        self.status: list[str] = []
        self.notes: list[Any] = []
        self.busy: list[str] = []
        self.controller: DocumentController | None = None

    def _answer(self, what: str) -> str:
        return self.answers[what].pop(0) if self.answers[what] else ""

    def ask_save_changes(self) -> str:
        return self._answer("save_changes") or "cancel"

    def ask_open_path(self) -> str:
        return self._answer("open_path")

    def ask_save_path(self) -> str:
        return self._answer("save_path")

    def ask_compare_path(self) -> str:
        return self._answer("compare_path")

    def show_error(self, title: str, message: str) -> None:
        self.errors.append((title, message))

    def show_status(self, message: str, ms: int = 5000) -> None:
        self.status.append(message)

    def show_document(self, doc, path, unsaved=False) -> None:
        self.session.reset(doc, path, unsaved=unsaved)

    def show_review_notes(self, notes) -> None:
        self.notes = list(notes)

    def run_busy(self, fn: Callable, *args, label: str, done: Callable, failed: Callable,
                 **kwargs) -> None:
        self.busy.append(label)
        task = Task(fn, *args, **kwargs)
        task.finished.connect(done)
        task.failed.connect(failed)
        task.start()

    def save_as(self, path: str | None = None) -> bool:
        assert self.controller is not None
        return self.controller.save_as(path)


@pytest.fixture
def setup(qapp, ui_settings):
    session = DocumentSession()
    port = Port(session)
    guard = FileGuard(session, port)
    guard.ask_locked = lambda path, owner: "readonly"
    guard.ask_changed = lambda path: "cancel"
    controller = DocumentController(session, port, guard, RecentFiles(ui_settings))
    port.controller = controller
    yield controller, port, session
    guard.release()
    session.undo_stack.clear()


def test_open_shows_the_document_and_remembers_it(setup, tmp_path, finish):
    controller, port, session = setup
    path = tmp_path / "总结.rdraft"
    save(make_document(), path)
    assert finish(controller.open_path, str(path))
    assert session.path == str(path.resolve())
    assert [s.title for s in session.document.sections] == ["主要工作", "存在的问题", "下一步打算"]
    assert controller.recent.files() == [str(path.resolve())]
    assert port.busy == ["正在打开项目…"] and not port.errors


def test_unreadable_project_is_a_message_and_leaves_the_recent_list(setup, tmp_path, finish):
    controller, port, session = setup
    bad = tmp_path / "坏.rdraft"
    bad.write_text("{不是项目", encoding="utf-8")
    controller.recent.add(str(bad))
    assert finish(controller.open_path, str(bad)) is False
    assert [t for t, _ in port.errors] == ["无法打开文件"]
    assert controller.recent.files() == [] and session.path is None


def test_unsaved_changes_ask_first(setup, tmp_path):
    controller, port, session = setup
    controller.new_document("年度工作总结", 2025, "某某县教育局")
    sid = session.document.sections[0].id
    session.push(EditSectionTextCommand(session, sid, "title", "改过"))
    port.answers["save_changes"] = ["cancel"]
    assert not controller.open_example("plan-county")
    assert session.document.sections[0].title == "改过"
    port.answers["save_changes"] = ["save"]
    port.answers["save_path"] = [str(tmp_path / "新文档")]  # ".rdraft" is added
    assert controller.maybe_save()
    assert Path(session.path).name == "新文档.rdraft" and not session.modified
    assert load(session.path).sections[0].title == "改过"
    assert controller.recent.files() == [session.path]


def test_save_cancelled_keeps_the_document(setup):
    controller, port, session = setup
    controller.new_document("工作计划", 2026, "某某县教育局")
    session.push(EditSectionTextCommand(session, session.document.sections[0].id, "body", "x"))
    assert not controller.save()  # asked for a path, none given
    assert session.modified and session.path is None


def test_export_and_a_failing_export(setup, tmp_path, finish):
    controller, port, session = setup
    session.reset(make_document())
    target = tmp_path / "总结.docx"
    assert finish(controller.export_to, str(target))
    text = "\n".join(p.text for p in DocxDocument(str(target)).paragraphs)
    assert "主要工作" in text and port.status[-1] == f"已导出：{target}"
    assert finish(controller.export_to, str(tmp_path / "没有的文件夹" / "总结.docx")) is False
    assert port.errors and port.errors[0][0] == "导出失败"


def test_recovery_goes_over_the_saved_file_as_unsaved_changes(setup, tmp_path):
    controller, port, session = setup
    path = tmp_path / "总结.rdraft"
    save(make_document(), path)
    recovered = copy.deepcopy(make_document())
    recovered.sections[0].title = "恢复的标题"
    file = tmp_path / "recovery.rdraft"
    file.write_text("", encoding="utf-8")
    controller.restore_recovery(Recovery(file, str(path), time.time(), recovered))
    assert session.document.sections[0].title == "恢复的标题" and session.modified
    assert session.path == str(path) and not file.exists()
    session.undo_stack.undo()  # back to the saved file
    assert session.document.sections[0].title == "主要工作" and not session.modified


def test_read_for_comparison_in_a_worker(setup, tmp_path, finish):
    controller, port, session = setup
    last = make_document()
    last.sections[1].body = "去年的问题。"
    path = tmp_path / "去年.rdraft"
    save(last, path)
    session.reset(make_document())
    old, current, diffs = finish(controller.read_for_comparison, str(path))
    assert old.sections[1].body == "去年的问题。" and current is not session.document
    assert port.busy == ["正在读取去年的文档…"] and diffs
    assert finish(controller.read_for_comparison, str(tmp_path / "没有.docx")) is None
    assert [t for t, _ in port.errors] == ["无法读取去年的文档"]


def test_open_kept_at_the_question_starts_no_work(setup, tmp_path):
    controller, port, session = setup
    path = tmp_path / "总结.rdraft"
    save(make_document(), path)
    controller.new_document("工作计划", 2026, "某某县教育局")
    session.push(EditSectionTextCommand(session, session.document.sections[0].id, "title", "改过"))
    port.answers["save_changes"] = ["cancel"]
    outcome: list[bool] = []
    controller.open_path(str(path), then=outcome.append)
    assert outcome == [False] and port.busy == []  # at once: nothing was started
    assert session.document.sections[0].title == "改过"


def test_a_bug_in_the_worker_ends_the_flow_and_reaches_the_crash_handler(setup, tmp_path, qtbot,
                                                                           finish, monkeypatch):
    import desktop.ui.document_controller as document_controller
    controller, port, session = setup

    def broken(path):
        raise ValueError("一个错误")
    monkeypatch.setattr(document_controller, "load_project", broken)
    with qtbot.captureExceptions() as exceptions:
        assert finish(controller.open_path, str(tmp_path / "总结.rdraft")) is False
    assert [type(e[1]) for e in exceptions] == [ValueError]
    assert not port.errors and session.path is None
