"""ReuseWizard: 以去年文档为起点 — start this year's document from last year's.

Pages: 1. the file (.docx/.doc/.wps/.txt/.rdraft) or text pasted in
(粘贴文本: read by the same recovery), the year and the way to start (计划→计划, 计划→总结, 总结+计划); 2. the recovered outline, where
each heading's level can be corrected before going on; 3. the targets found
in the plan (checkable) and the years to review.  Reading the file (and
converting .doc/.wps through LibreOffice) runs in a worker
(``workers.Task``); the wizard goes on when it reports (closing the wizard
meanwhile drops the result: no waiting for the worker).

After ``accept()``, ``result_document()`` is the new ``Document`` and
``notes()`` the points to review.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QListWidget, QListWidgetItem, QPlainTextEdit,
                               QPushButton, QRadioButton, QSpinBox, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget, QWizard, QWizardPage)

from ..errors import DrafterError
from ..model import Document, ReviewNote
from ..reuse import MODES, load_source, read_text_outline
from ..reuse.outline import Recovered, RSection, detect_numbering_mode
from ..reuse.rollforward import ImportResult, source_year, start_from
from ..reuse.targets import Target
from .workers import Task

FILE_FILTER = "Word 文档、文本或项目 (*.docx *.doc *.wps *.txt *.rdraft);;所有文件 (*)"
LEVEL_LABELS = {1: "一、（一级）", 2: "（一）（二级）", 3: "1.（三级）", 4: "（1）（四级）"}
PAGE_SOURCE, PAGE_OUTLINE, PAGE_TARGETS = 0, 1, 2


class SourcePage(QWizardPage):
    def __init__(self, wizard: "ReuseWizard", path: str | None, year: int | None):
        super().__init__()
        self._wizard = wizard
        self.setTitle("选择去年的文档")
        self.setSubTitle("可以是 Word 文档（.docx/.doc/.wps）、文本文件、去年的项目文件（.rdraft），"
                         "也可以把去年文档的文字粘贴进来。")
        self.from_file = QRadioButton("打开文件")
        self.from_text = QRadioButton("粘贴文本")
        self.from_file.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.from_file)
        group.addButton(self.from_text)
        choice = QHBoxLayout()
        choice.addWidget(self.from_file)
        choice.addWidget(self.from_text)
        choice.addStretch(1)
        self.text_edit = QPlainTextEdit()
        self.text_edit.setObjectName("pastedText")
        self.text_edit.setPlaceholderText("把去年文档的全部文字复制后粘贴到这里（标题、正文、各级编号照原样）……")
        self.text_edit.setVisible(False)
        self.path_edit = QLineEdit(path or "")
        self.path_edit.setPlaceholderText("去年的文档……")
        browse = QPushButton("浏览…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(1990, 2100)
        self.year_spin.setValue(year or QDate.currentDate().year())
        self.mode_combo = QComboBox()
        for key, label in MODES.items():
            self.mode_combo.addItem(label, key)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("reuseStatus")
        form = QFormLayout(self)
        form.addRow("来源：", choice)
        form.addRow("文件：", row)
        form.addRow(self.text_edit)
        form.addRow("今年的年份：", self.year_spin)
        form.addRow("起草方式：", self.mode_combo)
        form.addRow(self.status)
        self.path_edit.textChanged.connect(self.completeChanged)
        self.text_edit.textChanged.connect(self.completeChanged)
        self.from_text.toggled.connect(self._source_changed)
        self._file_widgets = (self.path_edit, browse)

    def pasting(self) -> bool:
        return self.from_text.isChecked()

    def _source_changed(self) -> None:
        self.text_edit.setVisible(self.pasting())
        for widget in self._file_widgets:
            widget.setEnabled(not self.pasting())
        self.completeChanged.emit()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "选择去年的文档", self.path_edit.text(), FILE_FILTER)
        if path:
            self.path_edit.setText(path)

    def isComplete(self) -> bool:
        if self.pasting():
            return bool(self.text_edit.toPlainText().strip()) and not self._wizard.loading
        return bool(self.path_edit.text().strip()) and not self._wizard.loading

    def validatePage(self) -> bool:
        if self.pasting():
            return self._wizard.load_text(self.text_edit.toPlainText())
        path = self.path_edit.text().strip()
        if self._wizard.loaded_path == path and self._wizard.recovered is not None:
            return True
        self._wizard.load(path)
        return False


class OutlinePage(QWizardPage):
    """The recovered outline; the 级别 column corrects a heading's level."""

    def __init__(self, wizard: "ReuseWizard"):
        super().__init__()
        self._wizard = wizard
        self.setTitle("核对提纲")
        self.setSubTitle("这是从文档中识别出的章节。级别不对时，在“级别”一列改正。")
        self.tree = QTreeWidget()
        self.tree.setObjectName("outlineTree")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["标题", "级别", "正文段数"])
        self.tree.setColumnWidth(0, 420)
        self.info = QLabel()
        self.info.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.info)
        layout.addWidget(self.tree, 1)
        self._flat: list[RSection] = []

    def initializePage(self) -> None:
        rec = self._wizard.recovered
        self._flat = [s for s in rec.walk()] if rec else []
        self.refresh()

    def refresh(self) -> None:
        rec = self._wizard.recovered
        self.tree.clear()
        if rec is None:
            return
        title = rec.title or "（未识别出标题）"
        self.info.setText(f"标题：{title}　　共 {len(self._flat)} 个章节，前言 {len(rec.preamble)} 段，"
                          f"结束语 {len(rec.closing)} 段")
        if not self._flat:
            self.info.setText(self.info.text() + "\n没有识别出编号或标题样式，正文将作为前言导入。")

        def add(parent, s: RSection):
            item = QTreeWidgetItem([f"{s.number and s.marker()}{s.title}", "",
                                    str(len(s.body))])
            item.setData(0, Qt.UserRole, self._flat.index(s))
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            combo = QComboBox()
            for level, label in LEVEL_LABELS.items():
                combo.addItem(label, level)
            combo.setCurrentIndex(s.level - 1)
            index = self._flat.index(s)
            combo.currentIndexChanged.connect(lambda i, k=index: self.set_level(k, i + 1))
            self.tree.setItemWidget(item, 1, combo)
            for c in s.children:
                add(item, c)

        for s in rec.sections:
            add(None, s)
        self.tree.expandAll()

    def rows(self) -> list[tuple[int, str]]:
        """(level, title) of every heading in document order."""
        return [(s.level, s.title) for s in self._flat]

    def set_level(self, row: int, level: int) -> None:
        """Change the level of the row-th heading and re-nest the outline."""
        if not (0 <= row < len(self._flat)) or level not in LEVEL_LABELS:
            return
        if self._flat[row].level == level:
            return
        self._flat[row].level = level
        self._flat[row].printed = self._flat[row].style_form = ""  # now the official form of its level
        rec = self._wizard.recovered
        rec.sections = _nest(self._flat)
        rec.numbering_mode = detect_numbering_mode(rec.sections)
        self._wizard.outline_edited = True
        self.refresh()


def _nest(flat: list[RSection]) -> list[RSection]:
    roots: list[RSection] = []
    stack: list[RSection] = []
    for s in flat:
        s.children = []
    for s in flat:
        while stack and stack[-1].level >= s.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(s)
        stack.append(s)
    return roots


class TargetsPage(QWizardPage):
    def __init__(self, wizard: "ReuseWizard"):
        super().__init__()
        self._wizard = wizard
        self.setTitle("确认目标和需要核对的内容")
        self.setSubTitle("勾选要放入数据表的计划目标（作为今年的目标值）；下面列出的年份请在正文中逐一核对。")
        self.targets = QListWidget()
        self.targets.setObjectName("targetList")
        self.notes = QPlainTextEdit()
        self.notes.setReadOnly(True)
        self.notes.setObjectName("notesView")
        self.empty = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("计划目标："))
        layout.addWidget(self.empty)
        layout.addWidget(self.targets, 2)
        layout.addWidget(QLabel("需要核对："))
        layout.addWidget(self.notes, 1)
        self._found: list[Target] = []

    def initializePage(self) -> None:
        wiz = self._wizard
        preview = wiz.build(targets=None)
        self._found = list(preview.targets)
        self.targets.clear()
        for t in self._found:
            value = f"{t.value:g}" if isinstance(t.value, float) else str(t.value)
            item = QListWidgetItem(f"{t.name}　{value}{t.unit}{t.qualifier}　—　{t.source}")
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            # only targets with a clear name are ticked; the clerk ticks the rest
            item.setCheckState(Qt.Checked if t.confident else Qt.Unchecked)
            item.setToolTip(t.source if t.confident else f"名称不确定，请核对后勾选：{t.source}")
            self.targets.addItem(item)
        if self._found:
            unsure = sum(1 for t in self._found if not t.confident)
            self.empty.setText(f"找到 {len(self._found)} 个目标" + (
                f"，其中 {unsure} 个名称不确定，未勾选，请核对。" if unsure else "。"))
        elif wiz.mode() == "plan_to_plan":
            self.empty.setText("“计划→计划”方式沿用去年的数据表，不从正文提取目标。")
        else:
            self.empty.setText("正文中没有找到可以提取的目标。")
        self.notes.setPlainText("\n".join(str(n) for n in preview.notes) or "没有需要核对的年份。")

    def chosen_targets(self) -> list[Target]:
        return [t for i, t in enumerate(self._found)
                if self.targets.item(i).checkState() == Qt.Checked]

    def set_checked(self, row: int, checked: bool) -> None:
        self.targets.item(row).setCheckState(Qt.Checked if checked else Qt.Unchecked)


class ReuseWizard(QWizard):
    """以去年文档为起点…"""

    loadingChanged = Signal(bool)
    loadFailed = Signal(str)

    def __init__(self, parent: QWidget | None = None, path: str | None = None,
                 year: int | None = None):
        super().__init__(parent)
        self.setWindowTitle("以去年文档为起点")
        self.setWizardStyle(QWizard.ClassicStyle)
        self.setOption(QWizard.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.NextButton, "下一步 >")
        self.setButtonText(QWizard.BackButton, "< 上一步")
        self.setButtonText(QWizard.FinishButton, "完成")
        self.setButtonText(QWizard.CancelButton, "取消")
        self.recovered: Recovered | None = None
        self.source: Document | None = None
        self.loaded_path = ""
        self.loading = False
        self.outline_edited = False
        self._loading_path = ""
        self._task: Task | None = None  # the load whose report is awaited (none once closed)
        self._result: ImportResult | None = None
        self.source_page = SourcePage(self, path, year)
        self.outline_page = OutlinePage(self)
        self.targets_page = TargetsPage(self)
        self.setPage(PAGE_SOURCE, self.source_page)
        self.setPage(PAGE_OUTLINE, self.outline_page)
        self.setPage(PAGE_TARGETS, self.targets_page)
        self.resize(820, 600)

    # -- choices ------------------------------------------------------------------
    def year(self) -> int:
        return self.source_page.year_spin.value()

    def mode(self) -> str:
        return self.source_page.mode_combo.currentData()

    def set_mode(self, mode: str) -> None:
        self.source_page.mode_combo.setCurrentIndex(list(MODES).index(mode))

    # -- loading --------------------------------------------------------------------
    def load_text(self, text: str) -> bool:
        """Read pasted text (quick: no file, no conversion); True when read."""
        key = "\0text:" + text
        if self.loaded_path == key and self.recovered is not None:
            return True
        rec = read_text_outline(text)
        if not rec.title and not rec.sections and not rec.preamble:
            self.source_page.status.setText("粘贴的文字中没有可用的内容")
            return False
        self._take(rec, None, key, "已读取粘贴的文字")
        return True

    def _take(self, rec, source, key: str, label: str) -> None:
        """Last year's outline, read from ``key`` (a path or the pasted text)."""
        self.recovered, self.source = rec, source
        self.loaded_path = key
        self.outline_edited = False
        y0 = source_year(rec)
        self.source_page.status.setText(
            f"{label}：{rec.title or '（无标题）'}" + (f"（{y0}年）" if y0 else ""))

    def load(self, path: str) -> None:
        if self.loading:
            return
        self.loading = True
        self.loadingChanged.emit(True)
        self.source_page.status.setText("正在读取文档……（.doc/.wps 需要用 LibreOffice 转换，可能要等一会儿）")
        self.source_page.completeChanged.emit()
        self._loading_path = path
        self._task = Task(load_source, path)  # (Recovered, source Document or None)
        self._task.finished.connect(self._on_loaded)
        self._task.failed.connect(self._on_error)
        self._task.start()

    def _end_loading(self) -> None:
        self.loading = False
        self.loadingChanged.emit(False)
        self.source_page.completeChanged.emit()

    def _awaited(self) -> bool:
        """The report is the awaited load's (not one the wizard was closed during)."""
        if self._task is None or self.sender() is not self._task:
            return False
        self._task = None
        return True

    def _on_loaded(self, loaded: tuple) -> None:
        if not self._awaited():
            return
        rec, source = loaded
        path = self._loading_path
        self._end_loading()
        self._take(rec, source, path, "已读取")
        if self.currentId() == PAGE_SOURCE:
            self.next()

    def _on_error(self, error: BaseException) -> None:
        if not self._awaited():
            return
        if isinstance(error, DrafterError):
            self._on_failed(str(error))
        else:  # a bug: said in the wizard, not lost
            self._on_failed(f"{self._loading_path}: 读取失败（{type(error).__name__}: {error}）")

    def _on_failed(self, message: str) -> None:
        self._end_loading()
        self.recovered = None
        self.loaded_path = ""
        self.source_page.status.setText(f"无法读取：{message}")
        self.loadFailed.emit(message)

    # -- the result -------------------------------------------------------------------
    def build(self, targets: list[Target] | None) -> ImportResult:
        return start_from(self.recovered, self.year(), self.mode(), source=self.source,
                          targets=targets)

    def accept(self) -> None:
        if self.recovered is None:
            return
        chosen = self.targets_page.chosen_targets() if self.mode() != "plan_to_plan" else []
        self._result = self.build(targets=chosen)
        super().accept()

    def result_document(self) -> Document | None:
        return self._result.document if self._result else None

    def notes(self) -> list[ReviewNote]:
        return list(self._result.notes) if self._result else []

    def done(self, result: int) -> None:
        if self.loading:  # closed while reading: the worker's report is dropped
            self._task = None
            self.loading = False
        super().done(result)
