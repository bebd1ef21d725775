"""Work off the UI thread: a small task runner and the export job.

API::

    task = Task(fn, *args, **kwargs)      # fn runs on QThreadPool.globalInstance()
    task.finished                          # Signal(object): fn's return value
    task.failed                            # Signal(object): the exception
                                           # (both emitted on the UI thread, once)
    task.progress                          # Signal(str): fn(..., progress=callable) when
                                           # Task(..., with_progress=True)
    task.start(pool=None) -> Task          # kept alive until every slot of its report
                                           # has returned (a slot may run a dialog)

    job = ExportJob(document, docx_path, pdf=False, parent=None)
    job.finished                           # Signal(object): ExportResult
    job.failed                             # Signal(str): a message in Chinese
    job.progress                           # Signal(str)
    job.start()                            # off the UI thread
    job.run() -> ExportResult              # in the calling thread (raises ExportError)
    write_export(document, docx_path, pdf=False, progress=None) -> ExportResult  # no Qt

All work off the UI thread is a ``Task``, and nothing waits for one:
whoever needs its result goes on in a slot connected to
``finished``/``failed`` (a continuation), never in a nested event loop.
The window's flows run theirs through ``BusyState.run`` (``busy``: the
window-level busy state around a task); the export job, proofreading, the
merge dialog and the reuse wizard start theirs directly.

The job exports a deep copy of the document taken when it is created, so
edits made while it runs are safe.  The .docx is written to a temporary
file beside the target and moved over it only when complete: a target that
cannot be written (open in Word/WPS, read-only, folder not writable) gives
a clear ``ExportError`` and leaves the earlier file intact.
"""

from __future__ import annotations

import copy
import dataclasses
import os  # noqa: F401  (tests patch workers.os.replace)
import threading
import traceback
from pathlib import Path
from typing import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal

from ..errors import DrafterError
from ..export import ExportResult  # noqa: F401  (the dialog's result type; no python-docx)

_alive: set = set()  # tasks and jobs kept referenced until they have reported


def _reap() -> None:
    """Drop finished tasks whose worker has let go of them (UI thread), so a
    QObject is never destroyed from the worker thread."""
    for task in [t for t in _alive if isinstance(t, Task)]:
        if not task.running and task._released.is_set():
            _alive.discard(task)


class _Runnable(QRunnable):
    def __init__(self, task: "Task"):
        super().__init__()
        self.task = task
        self.setAutoDelete(True)

    def run(self):
        task, self.task = self.task, None
        released = task._released
        try:
            task._run()
        finally:
            del task  # the last reference is dropped in the UI thread (_reap)
            released.set()


class Task(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progress = Signal(str)
    _returned = Signal(object)  # worker thread -> UI thread (queued); connected at creation,
    _raised = Signal(object)    # so a report is never lost before a caller has connected

    def __init__(self, fn: Callable, *args, with_progress: bool = False, parent=None, **kwargs):
        super().__init__(parent)
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.with_progress = with_progress
        self.running = False
        self._released = threading.Event()
        self._returned.connect(self._report_result)
        self._raised.connect(self._report_error)

    def start(self, pool: QThreadPool | None = None) -> "Task":
        _reap()
        self.running = True
        self._released.clear()
        _alive.add(self)
        (pool or QThreadPool.globalInstance()).start(_Runnable(self))
        return self

    def _run(self):  # worker thread
        try:
            kwargs = dict(self.kwargs)
            if self.with_progress:
                kwargs["progress"] = self.progress.emit
            result = self.fn(*self.args, **kwargs)
        except BaseException as e:  # reported, never lost in the thread
            e.__traceback_text__ = traceback.format_exc()
            self._raised.emit(e)
        else:
            self._returned.emit(result)

    def _report_result(self, result) -> None:  # UI thread (queued)
        try:
            self.finished.emit(result)
        finally:
            self._done()

    def _report_error(self, error: BaseException) -> None:  # UI thread (queued)
        try:
            self.failed.emit(error)
        finally:
            self._done()

    def _done(self) -> None:  # every slot has returned: the task may go
        self.running = False
        QTimer.singleShot(50, _reap)


# -- export -------------------------------------------------------------------------------
def write_export(document, docx_path, pdf: bool = False,
                 progress: Callable[[str], None] | None = None, rendered=None):
    """Export ``document`` to ``docx_path`` (and a PDF beside it) through the
    core's one export path (``desktop.export.export``); no Qt needed.
    ``rendered`` is the window's live render of ``document``, if current."""
    from ..export import export  # python-docx: imported by the first build
    target = Path(docx_path)
    if target.suffix.lower() != ".docx":
        target = target.with_name(target.name + ".docx")
    return export(document, target, pdf=pdf, rendered=rendered, progress=progress)


class ExportJob(QObject):
    finished = Signal(object)
    failed = Signal(str)
    progress = Signal(str)

    def __init__(self, document, docx_path, *, pdf: bool = False, rendered=None, parent=None):
        super().__init__(parent)
        self.document = copy.deepcopy(document)  # a snapshot: later edits are safe
        self.docx_path = Path(docx_path)
        self.pdf = pdf
        # the window's current render of ``document``: exported as it is, not rendered again
        # (a snapshot of its lists, which the live render splices in place)
        self.rendered = None if rendered is None else dataclasses.replace(
            rendered, blocks=list(rendered.blocks), errors=list(rendered.errors))
        self.result: ExportResult | None = None
        self.error = ""
        self._task: Task | None = None

    def run(self) -> ExportResult:
        return write_export(self.document, self.docx_path, self.pdf, self.progress.emit,
                            rendered=self.rendered)

    def start(self) -> "ExportJob":
        self._task = Task(write_export, self.document, self.docx_path, self.pdf,
                          with_progress=True, rendered=self.rendered)
        self._task.progress.connect(self.progress)
        self._task.finished.connect(self._finished)
        self._task.failed.connect(self._failed)
        _alive.add(self)  # a job nobody holds still reports
        self._task.start()
        return self

    @property
    def running(self) -> bool:
        return bool(self._task and self._task.running)

    def _finished(self, result: ExportResult) -> None:
        self.result = result
        _alive.discard(self)
        self.finished.emit(result)

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, DrafterError):
            self.error = error.message
            name = Path(error.path).name if error.path else ""
            if name and name not in self.error:
                self.error = f"“{name}”{self.error}"
        else:
            self.error = f"导出时发生意外错误（{type(error).__name__}：{error}）"
        _alive.discard(self)
        self.failed.emit(self.error)
