"""What the window does with documents and files, without any widget.

``DocumentController(session, port, guard, recent)`` opens, saves,
exports, recovers, imports last year's document and reads it for a
comparison.  Everything it needs from the user or the screen goes through
``port`` (``WindowPort``): questions (``ask_*``), messages (``show_error``,
``show_status``), showing a document (``show_document``) and running work
off the UI thread while the window is busy (``run_busy``).  The main window
is the real port; a test can pass any object with these methods.

Opening a project, importing last year's document, reading it for a
comparison and exporting run in a worker: ``run_busy`` starts the work and
returns at once, and the flow goes on in a continuation when the worker
reports (showing the document, claiming the file, the recent list, error
messages).  These flows return None and tell the caller how they ended
through ``then`` — ``then(True)`` when done, ``then(False)`` when cancelled
or failed — called exactly once, at once when the flow ends before any
work is started (the user kept unsaved changes, no path was chosen).
``read_for_comparison`` hands its result to ``then``.  Nothing waits in a
nested event loop; the window's busy state keeps anything else from
starting meanwhile.  The other flows (new, examples, save, recovery) need
no worker and return their outcome.

``guard`` is the project file's lock and changed-on-disk check
(``file_guard.FileGuard``), ``recent`` the recent-files list
(``recent_files.RecentFiles``).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Protocol, TypeVar

from ..errors import DrafterError
from ..model import Document
from .autosave import AutoSaver, Recovery
from .commands import ReplaceDocumentCommand
from .recent_files import RecentFiles
from .session import DocumentSession

if TYPE_CHECKING:
    from ..reuse.rollforward import ImportResult

T = TypeVar("T")
Then = Callable[[bool], None]  # how an asynchronous flow ended: True when done
Comparison = tuple[Document, Document, list[Any]]  # last year's, this year's snapshot, diffs


def _report(then: Then | None, ok: bool) -> None:
    if then is not None:
        then(ok)


class WindowPort(Protocol):
    """The questions, messages and busy state a controller needs."""

    def ask_save_changes(self) -> str: ...  # "save", "discard" or "cancel"

    def ask_open_path(self) -> str: ...  # "" when cancelled

    def ask_save_path(self) -> str: ...

    def ask_compare_path(self) -> str: ...

    def show_error(self, title: str, message: str) -> None: ...

    def show_status(self, message: str, ms: int = 5000) -> None: ...

    def show_document(self, doc: Document, path: str | None, unsaved: bool = False) -> None: ...

    def show_review_notes(self, notes: list[Any]) -> None: ...

    # fn(*args, **kwargs) in a worker while the window is busy; returns at once, then
    # done(result) or failed(error) on the UI thread
    def run_busy(self, fn: Callable[..., T], *args: Any, label: str, done: Callable[[T], None],
                 failed: Callable[[BaseException], None], **kwargs: Any) -> None: ...


class SaveGuard(Protocol):
    """The parts of ``FileGuard`` the controller uses."""

    def claim(self, path: str) -> bool: ...

    def must_save_as(self) -> bool: ...

    def before_save(self, path: str) -> bool | None: ...

    def after_save(self, path: str, ok: bool) -> None: ...


def load_project(path: str) -> Document:
    """Load a project and render it once, in a worker: the window's own first
    rendering then finds the templates compiled (a long document has
    hundreds, ~0.5 s)."""
    from ..project_file import load
    from ..render import render
    doc = load(path)
    try:
        render(doc)
    except Exception:  # the window's rendering shows what went wrong
        pass
    return doc


def load_last_year_document(path: str) -> Document:
    """Last year's document as it was (a project as saved; a Word
    document read back into an outline, years unchanged)."""
    from ..reuse import load_source
    from ..reuse.rollforward import source_year, start_from
    rec, source = load_source(path)
    if isinstance(source, Document):
        return source
    year = source_year(rec) or 2000
    document: Document = start_from(rec, year, "plan_to_plan").document
    return document


class DocumentController:
    def __init__(self, session: DocumentSession, port: WindowPort, guard: SaveGuard,
                 recent: RecentFiles, autosaver: AutoSaver | None = None):
        self.session = session
        self.port = port
        self.guard = guard
        self.recent = recent
        self.autosaver = autosaver

    # -- dropping the open document --------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when it is fine to drop the open document."""
        if not self.session.modified:
            return True
        answer = self.port.ask_save_changes()
        if answer == "save":
            return self.save()
        return answer == "discard"

    # -- opening -------------------------------------------------------------------------------
    def new_document(self, kind: str, year: int, org: str, org_short: str = "") -> bool:
        from .start_page import blank_document
        if not self.maybe_save():
            return False
        try:
            doc = blank_document(kind, year, org, org_short)
        except (DrafterError, ValueError) as e:
            self.port.show_error("无法新建文档", str(e))
            return False
        self.port.show_document(doc, None, unsaved=True)  # modified (*) until saved
        return True

    def open(self, then: Then | None = None) -> None:
        if not self.maybe_save():
            return _report(then, False)
        path = self.port.ask_open_path()
        if not path:
            return _report(then, False)
        self.open_path(path, ask=False, then=then)

    def open_path(self, path: str, ask: bool = True, then: Then | None = None) -> None:
        """Open a project file (read in a worker); errors become a message,
        never a crash."""
        if ask and not self.maybe_save():
            return _report(then, False)

        def loaded(doc: Document) -> None:
            resolved = str(Path(path).resolve())
            if not self.guard.claim(resolved):
                return _report(then, False)  # open elsewhere, and the user cancelled
            self.port.show_document(doc, resolved)
            self.recent.add(resolved)
            _report(then, True)

        def failed(error: BaseException) -> None:
            self._raise_if_bug(error, then)
            self.port.show_error("无法打开文件", str(error))
            self.recent.remove(path)
            _report(then, False)

        self.port.run_busy(load_project, path, label="正在打开项目…", done=loaded, failed=failed)

    @staticmethod
    def _raise_if_bug(error: BaseException, then: Then | None) -> None:
        """A worker's error that is not a ``DrafterError`` is a bug: the flow
        ends (``then(False)``) and the error goes on to the crash handler."""
        if not isinstance(error, DrafterError):
            _report(then, False)
            raise error

    def open_example(self, name: str) -> bool:
        if not self.maybe_save():
            return False
        from ..examples import load_example
        try:
            doc = load_example(name)
        except DrafterError as e:
            self.port.show_error("无法打开示例", str(e))
            return False
        self.port.show_document(doc, None)
        return True

    def import_last_year(self, path: str, year: int, then: Then | None = None) -> None:
        """Roll last year's document (.docx/.rdraft …) forward to ``year`` (in a worker)."""
        from ..reuse import import_with_notes

        def imported(result: ImportResult) -> None:
            self.port.show_document(result.document, None, unsaved=True)
            self.port.show_review_notes(result.notes)
            _report(then, True)

        def failed(error: BaseException) -> None:
            self._raise_if_bug(error, then)
            self.port.show_error("无法读取去年的文档", str(error))
            _report(then, False)

        self.port.run_busy(import_with_notes, path, year=year, label="正在读取去年的文档…",
                           done=imported, failed=failed)

    def read_for_comparison(self, path: str, then: Callable[[Comparison | None], None]) -> None:
        """Last year's document at ``path``, a snapshot of the open one and
        their differences by section (``reuse.compare``), read and compared
        in a worker, to ``then``; None (and a message) when the file cannot
        be read."""
        load = load_last_year_document
        current = copy.deepcopy(self.session.document)  # the worker's own copy

        def read_and_compare() -> tuple[Document, list[Any]]:  # worker thread
            from ..reuse.compare import compare_documents
            old = load(path)
            return old, compare_documents(old, current)

        def read(result: tuple[Document, list[Any]]) -> None:
            old, diffs = result
            then((old, current, diffs))

        def failed(error: BaseException) -> None:
            if not isinstance(error, DrafterError):
                then(None)
                raise error
            self.port.show_error("无法读取去年的文档", str(error) or "无法读取该文件")
            then(None)

        self.port.run_busy(read_and_compare, label="正在读取去年的文档…", done=read, failed=failed)

    # -- saving ------------------------------------------------------------------------------
    def save(self) -> bool:
        if not self.session.path or self.guard.must_save_as():
            return self.save_as()
        return self.save_to(self.session.path)

    def save_as(self, path: str | None = None) -> bool:
        if not path:
            path = self.port.ask_save_path()
            if not path:
                return False
        if not path.lower().endswith(".rdraft"):
            path += ".rdraft"
        return self.save_to(path)

    def save_to(self, path: str) -> bool:
        """Write the project atomically; on failure say so, keep the work."""
        from ..project_file import save
        done = self.guard.before_save(path)  # open elsewhere? changed on disk?
        if done is not None:
            return done
        try:
            save(self.session.document, path)
        except DrafterError as e:
            self.guard.after_save(path, ok=False)
            self.port.show_error("保存失败", f"{e}\n\n您的修改仍完整保留在窗口中，没有丢失。"
                                 "请处理上述问题后再保存，或用“另存为”保存到其他位置（如U盘）。")
            return False
        self.session.set_path(str(Path(path).resolve()))
        self.guard.after_save(path, ok=True)
        self.session.mark_saved()
        if self.autosaver is not None:
            self.autosaver.discard()
        self.recent.add(self.session.path or path)
        self.port.show_status(f"已保存：{self.session.path}")
        return True

    # -- exporting -------------------------------------------------------------------------------
    def export_to(self, path: str, then: Then | None = None) -> None:
        """Export the .docx without dialogs, in a worker, from a snapshot (the
        window repaints meanwhile); errors are shown."""
        from ..export_docx import export_docx

        def exported(result: object) -> None:
            self.port.show_status(f"已导出：{path}")
            _report(then, True)

        def failed(error: BaseException) -> None:
            self._raise_if_bug(error, then)
            self.port.show_error("导出失败", f"{error}\n\n正在编辑的文档没有受到影响。请处理上述问题后"
                                 "重新导出，或导出到其他位置。")
            _report(then, False)

        self.port.run_busy(export_docx, copy.deepcopy(self.session.document), path,
                           label="正在导出…", done=exported, failed=failed)

    # -- recovery -------------------------------------------------------------------------------
    def restore_recovery(self, recovery: Recovery) -> None:
        """Put a recovered document in the window as unsaved changes over
        the file it came from (undo goes back to the saved file)."""
        from ..project_file import load
        base = None
        if recovery.original_path and Path(recovery.original_path).is_file():
            try:
                base = load(recovery.original_path)
            except DrafterError:
                base = None
        path = recovery.original_path if base is not None else None
        self.port.show_document(base or Document(), path)
        self.session.push(ReplaceDocumentCommand(self.session, recovery.document,
                                                 "恢复自动保存的内容"))
        first = self.session.document.sections[0].id if self.session.document.sections else ""
        self.session.set_current_section(first)
        recovery.discard()
        if self.autosaver is not None:
            self.autosaver.save_now()
        self.port.show_status("已恢复上次未保存的内容，请检查后保存。", 10000)
