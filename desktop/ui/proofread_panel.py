"""The proofreading panel (校对): findings of the open document.

Re-checks (debounced) whenever the session reports a change or the undo
stack moves; clicking a finding emits ``findingActivated`` so the window
can select the text; a fix, ignoring a finding and ignoring a whole rule
are each one undoable command on ``session.undo_stack``.

修正全部同类 (``fix_all``) locates every fix of one rule in the source as it
stands (``desktop.proofread.fixes.plan_fixes``), makes them all as one
command (``FixAllCommand``) and re-checks once; when a check is under way
the fixes wait for its findings.

Checking a long document takes a while (about 0.4 s for 200 pages), so
re-checks of a long one run off the UI thread: ``recheck()`` checks a
snapshot of the document in a worker (``desktop.ui.workers.Task``) and
shows "正在校对…" with a busy bar meanwhile; a result that an edit has made
stale is dropped and the check runs again.  A short document (up to
``sync_chars`` characters of source, a check of a few tens of ms) is
checked at once, as ``refresh()`` always does.
"""

from __future__ import annotations

import copy
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import (QDialog, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QMenu,
                               QProgressBar, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from ..errors import DrafterError
from ..proofread import Finding, check_document, rule_name
from ..proofread.fixes import locate_fix, plan_fixes
from .commands import FixAllCommand, FixFindingCommand, IgnoreCommand
from .workers import Task

DEBOUNCE_MS = 400
SYNC_CHARS = 20_000  # up to this much source text, checking in the UI thread is quick
_COLORS = {"error": "#c62828", "warning": "#b26a00", "info": "#1565c0"}
_FIELD_LABELS = {"title": "标题", "date": "成文日期", "doc_number": "发文字号",
                 "recipients": "主送机关", "signature": "署名", "notice_title": "通知标题",
                 "notice_body": "通知正文", "attachments": "附件", "note": "附注", "cc": "抄送"}


def where_label(f: Finding) -> str:
    if f.section_id == "@file":  # a Word file checked as written
        return f"第{f.paragraph + 1}段" + (f"（{f.section}）" if f.section else "")
    if f.section:
        return f.section + ("（标题）" if f.paragraph == -1 else "")
    if f.section_id == "@preamble":
        return "前言"
    if f.section_id == "@closing":
        return "结束语"
    return _FIELD_LABELS.get(f.field, "文档属性")


def finding_item(f: Finding) -> QTreeWidgetItem:
    """A row: 级别, 位置, 说明, 原文 (the excerpt set off in its context)."""
    source = f.marked() or f.excerpt
    if len(source) > 60:
        source = source[:60] + "…"
    item = QTreeWidgetItem([f.severity_label, where_label(f), f.message, source])
    item.setForeground(0, QBrush(QColor(_COLORS[f.severity])))
    tip = f"{rule_name(f.rule)}（{f.rule}）"
    if f.fix is not None:
        tip += f"\n建议：{f.fix or '删除'}"
    if f.context:
        tip += f"\n原文：{f.around(40)}"
    for col in range(4):
        item.setToolTip(col, tip)
    return item


class ProofreadPanel(QWidget):
    findingActivated = Signal(str, int, int, int)  # section id, paragraph, start, end
    checked = Signal(int)  # number of findings after each check

    def __init__(self, session, parent=None, *, debounce_ms: int = DEBOUNCE_MS,
                 sync_chars: int = SYNC_CHARS, check_now: bool = True):
        """``check_now=False`` leaves the first check to the debounce timer
        (the window: its first paint does not wait for the rule files)."""
        super().__init__(parent)
        self.sync_chars = sync_chars
        self.session = session
        self.findings: list[Finding] = []
        self.error = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.recheck)
        self._generation = 0  # bumped by every check started; older results are stale
        self._task: Task | None = None
        self._task_generation = 0
        self._again = False  # a re-check was asked for while one was running
        self._queued_fix: str | None = None  # fix_all(rule) waiting for current findings
        self._unchecked = True  # this document not checked yet: "正在校对…", no findings

        self.summary = QLabel()
        self.busy = QProgressBar()
        self.busy.setObjectName("proofreadBusy")
        self.busy.setRange(0, 0)  # busy indicator
        self.busy.setMaximumWidth(120)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["级别", "位置", "说明", "原文"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setContextMenuPolicy(Qt.CustomContextMenu)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        self.recheck_button = QPushButton("重新校对")
        self.file_button = QPushButton("校对 Word 文件…")
        self.file_button.setToolTip("按原文校对一个 Word 文档（如下级报来的稿子、去年的文件），不改动它")
        self.file_dialog: WordFileFindings | None = None
        self.fix_button = QPushButton("修正")
        self.fix_all_button = QPushButton("修正全部同类")
        self.ignore_button = QPushButton("忽略此条")
        self.ignore_rule_button = QPushButton("忽略此类")
        for b, tip in ((self.fix_button, "按建议修改原文（可撤销）"),
                       (self.fix_all_button, "按建议修改本文档中所有同类问题（可一次撤销）"),
                       (self.ignore_button, "本文档中不再提示这一条（可撤销）"),
                       (self.ignore_rule_button, "本文档中不再检查这一类问题（可撤销）")):
            b.setToolTip(tip)

        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.busy)
        for b in (self.recheck_button, self.fix_button, self.fix_all_button, self.ignore_button,
                  self.ignore_rule_button, self.file_button):
            buttons.addWidget(b)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(buttons)
        layout.addWidget(self.tree)

        self.recheck_button.clicked.connect(self.recheck)
        self.file_button.clicked.connect(lambda: self.check_word_file())
        self.fix_button.clicked.connect(self.fix_current)
        self.fix_all_button.clicked.connect(self.fix_all_current_rule)
        self.ignore_button.clicked.connect(self.ignore_current)
        self.ignore_rule_button.clicked.connect(self.ignore_current_rule)
        self.tree.itemClicked.connect(self._activate)
        self.tree.itemActivated.connect(self._activate)
        self.tree.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.tree.customContextMenuRequested.connect(self._context_menu)

        s = session
        s.documentReset.connect(self._document_reset)
        for signal in (s.outlineChanged, s.propertiesChanged, s.figuresChanged,
                       s.settingsChanged):
            signal.connect(self.schedule)
        s.sectionChanged.connect(self.schedule)
        s.undo_stack.indexChanged.connect(self.schedule)
        if check_now:
            self.refresh()
        else:
            self._update_buttons()  # nothing to fix or ignore before the first check
            self._update_summary()
            self.schedule()

    # -- checking -------------------------------------------------------------------------------
    def schedule(self, *args) -> None:
        self._timer.start()

    def _document_reset(self) -> None:
        self._queued_fix = None  # it was meant for the document that is gone
        # the findings were the other document's: none shown until this one is checked
        self.findings, self.error, self._unchecked = [], "", True
        self._fill()
        self.schedule()

    @property
    def pending(self) -> bool:
        """A check is scheduled or running."""
        return self._timer.isActive() or self.running

    @property
    def running(self) -> bool:
        return self._task is not None

    def refresh(self) -> None:
        """Check now, in the calling thread."""
        self._timer.stop()
        self._generation += 1
        self._again = False
        try:
            findings, error = check_document(self.session.document), ""
        except DrafterError as e:  # a malformed rule file, a bad figure table …
            findings, error = [], str(e)
        self._show(findings, error)

    def recheck(self) -> None:
        """Check a snapshot of the document in a worker thread (a short
        document at once)."""
        self._timer.stop()
        if self._task is None and _source_chars(self.session.document) <= self.sync_chars:
            self.refresh()
            return
        if self._task is not None:
            self._again = True
            return
        self._again = False
        self._generation += 1
        self._task_generation = self._generation
        task = Task(_check_snapshot, copy.deepcopy(self.session.document))
        # bound methods of this widget: disconnected if it is gone before the task ends
        task.finished.connect(self._task_finished)
        task.failed.connect(self._task_failed)
        self._task = task
        self.summary.setText("正在校对…")
        self.busy.show()
        task.start()

    def _task_finished(self, result) -> None:
        self._checked(self._task_generation, result)

    def _task_failed(self, error: BaseException) -> None:
        self._checked(self._task_generation, ([], _message(error)))

    def _checked(self, generation: int, result) -> None:
        self._task = None
        self.busy.hide()
        if self._again:
            self.recheck()
            return
        if generation != self._generation:  # a newer check has been shown
            self._update_summary()
            return
        self._show(*result)

    def _show(self, findings: list[Finding], error: str) -> None:
        self.findings, self.error, self._unchecked = findings, error, False
        self._fill()
        self.checked.emit(len(self.findings))
        if self._queued_fix is not None and not self._timer.isActive():
            rule, self._queued_fix = self._queued_fix, None  # the findings are current
            self._fix_all_now(rule)

    def _drop(self, keep) -> None:
        """Remove findings at once (fixed or ignored) until the next check."""
        self.findings = [f for f in self.findings if keep(f)]
        self._fill()

    def _fill(self) -> None:
        current = self.current_finding()
        keep = current.key if current else None
        self.tree.clear()
        items = []
        for i, f in enumerate(self.findings):
            item = finding_item(f)
            item.setData(0, Qt.UserRole, i)
            items.append(item)
        self.tree.addTopLevelItems(items)
        if keep is not None:
            for i, f in enumerate(self.findings):
                if f.key == keep:
                    self.tree.setCurrentItem(self.tree.topLevelItem(i))
                    break
        self._update_summary()
        self._update_buttons()

    def _update_summary(self) -> None:
        if self.running or self._unchecked:
            self.summary.setText("正在校对…")
            return
        if self.error:
            self.summary.setText(f"无法校对：{self.error}")
            return
        if not self.findings:
            self.summary.setText("未发现问题")
            return
        counts = {s: sum(1 for f in self.findings if f.severity == s)
                  for s in ("error", "warning", "info")}
        parts = [f"{n}条{label}" for s, label in (("error", "错误"), ("warning", "警告"),
                                                ("info", "提示")) if (n := counts[s])]
        self.summary.setText(f"共{len(self.findings)}条：" + "，".join(parts))

    # -- selection ------------------------------------------------------------------------------
    def current_finding(self) -> Finding | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        i = item.data(0, Qt.UserRole)
        return self.findings[i] if isinstance(i, int) and 0 <= i < len(self.findings) else None

    def select(self, index: int) -> None:
        self.tree.setCurrentItem(self.tree.topLevelItem(index))

    def _activate(self, item: QTreeWidgetItem, column: int = 0) -> None:
        i = item.data(0, Qt.UserRole)
        if isinstance(i, int) and 0 <= i < len(self.findings):
            f = self.findings[i]
            self.findingActivated.emit(f.section_id, f.paragraph, f.start, f.end)

    def _update_buttons(self) -> None:
        f = self.current_finding()
        fixable = f is not None and locate_fix(self.session.document, f) is not None
        self.fix_button.setEnabled(fixable)
        self.fix_all_button.setEnabled(f is not None and f.fix is not None)
        self.ignore_button.setEnabled(f is not None)
        self.ignore_rule_button.setEnabled(f is not None)

    def _context_menu(self, pos) -> None:
        item = self.tree.itemAt(pos)
        if item is None:
            return
        self.tree.setCurrentItem(item)
        menu = QMenu(self)
        for button in (self.fix_button, self.fix_all_button, self.ignore_button,
                       self.ignore_rule_button):
            action = QAction(button.text(), menu)
            action.setEnabled(button.isEnabled())
            action.triggered.connect(button.click)
            menu.addAction(action)
        menu.popup(self.tree.viewport().mapToGlobal(pos))

    # -- actions (each one undo step) ----------------------------------------------------------
    def apply_fix(self, finding: Finding) -> bool:
        target = locate_fix(self.session.document, finding)
        if target is None:
            return False
        self.session.push(FixFindingCommand(self.session, target, finding))
        self._drop(lambda f: f.key != finding.key)
        self.recheck()
        return True

    def fix_current(self) -> bool:
        f = self.current_finding()
        return self.apply_fix(f) if f is not None else False

    def fix_all(self, rule: str) -> int | None:
        """Fix every finding of ``rule`` that can be fixed: one undo step,
        then one re-check.  Returns how many were fixed, or None when the
        fixes wait for a check under way (a long document that has changed
        since its last check); they are made when its findings arrive."""
        if self.pending:  # the findings shown may not be the document's any more
            if not self.running and _source_chars(self.session.document) <= self.sync_chars:
                self.refresh()
            else:
                self._queued_fix = rule
                self.recheck()  # now, or again when the running check ends
                return None
        return self._fix_all_now(rule)

    def _fix_all_now(self, rule: str) -> int:
        findings = [f for f in self.findings if f.rule == rule and f.fix is not None]
        targets, fixed = plan_fixes(self.session.document, findings)
        if not targets:
            return 0
        self.session.push(FixAllCommand(
            self.session, targets, f"校对修正：全部“{rule_name(rule)}”（{len(fixed)}处）"))
        keys = {f.key for f in fixed}
        self._drop(lambda f: f.key not in keys)
        self.recheck()
        return len(fixed)

    def fix_all_current_rule(self) -> int | None:
        f = self.current_finding()
        return self.fix_all(f.rule) if f is not None else 0

    def ignore(self, finding: Finding) -> None:
        label = f"校对：忽略“{finding.excerpt[:12] or rule_name(finding.rule)}”"
        self.session.push(IgnoreCommand(self.session, "finding", finding.key, label))
        self._drop(lambda f: f.key != finding.key)
        self.recheck()

    def ignore_rule(self, rule: str) -> None:
        self.session.push(IgnoreCommand(self.session, "rule", rule,
                                        f"校对：忽略“{rule_name(rule)}”类问题"))
        self._drop(lambda f: f.rule != rule)
        self.recheck()

    def ignore_current(self) -> None:
        f = self.current_finding()
        if f is not None:
            self.ignore(f)

    def ignore_current_rule(self) -> None:
        f = self.current_finding()
        if f is not None:
            self.ignore_rule(f.rule)

    # -- a Word file as written ---------------------------------------------------------------
    def check_word_file(self, path: str | None = None) -> "WordFileFindings | None":
        """Proofread a Word file as it is written (in a worker: a .doc is
        converted first) and show its findings in a window of their own."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, "校对 Word 文件", "",
                                                  "Word 文档 (*.docx *.doc *.wps);;所有文件 (*)")
            if not path:
                return None
        dialog = WordFileFindings(path, self)
        self.file_dialog = dialog
        task = Task(_check_word_file, path)
        # bound methods: disconnected if the dialog is closed and gone first
        task.finished.connect(dialog.task_finished)
        task.failed.connect(dialog.task_failed)
        dialog.show()
        task.start()
        return dialog


class WordFileFindings(QDialog):
    """The findings of a Word file checked as it is written: where each is
    (paragraph of the file), what is wrong and the text around it."""

    def __init__(self, path: str, parent=None):
        super().__init__(parent)
        self.path = path
        self.findings: list[Finding] = []
        self.error = ""
        self.setWindowTitle(f"校对：{Path(path).name}")
        self.resize(900, 420)
        self.summary = QLabel("正在校对…")
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["级别", "位置", "说明", "原文"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Interactive)
        header.resizeSection(2, 360)
        note = QLabel("按文件原文校对（编号、主送机关、发文字号、署名和日期都按输入的样子检查）；"
                      "请在 Word/WPS 中按“位置”修改原文件。")
        note.setWordWrap(True)
        close = QPushButton("关闭")
        close.clicked.connect(self.close)
        bottom = QHBoxLayout()
        bottom.addWidget(self.summary, 1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.tree)
        layout.addLayout(bottom)

    def task_finished(self, result) -> None:
        self.show_findings(*result)

    def task_failed(self, error: BaseException) -> None:
        self.show_findings([], _message(error))

    def show_findings(self, findings: list[Finding], error: str = "") -> None:
        self.findings, self.error = findings, error
        self.tree.clear()
        self.tree.addTopLevelItems([finding_item(f) for f in findings])
        if error:
            self.summary.setText(f"无法校对：{error}")
        elif not findings:
            self.summary.setText("未发现问题")
        else:
            errors = sum(1 for f in findings if f.severity == "error")
            self.summary.setText(f"共{len(findings)}条" + (f"，其中{errors}条错误" if errors else ""))


def _check_word_file(path: str) -> tuple[list[Finding], str]:
    from ..proofread import check_file
    try:
        return check_file(path), ""
    except DrafterError as e:
        return [], str(e)


def _check_snapshot(document) -> tuple[list[Finding], str]:
    """(findings, error message) of a document no other thread touches."""
    try:
        return check_document(document), ""
    except DrafterError as e:  # a malformed rule file, a bad figure table …
        return [], str(e)


def _message(error: BaseException) -> str:
    return f"校对时发生意外错误（{type(error).__name__}：{error}）"


def _source_chars(document) -> int:
    p = document.properties
    return len(p.preamble) + len(p.closing) + sum(len(s.title) + len(s.body)
                                                   for s in document.walk())
