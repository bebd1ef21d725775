"""``MergeDialog`` (汇总各科室材料…): pick the departments' drafts, see the merged outline, accept.

The clerk adds the drafts (.docx/.doc/.wps) in the order the parts should
take, sets the year summed up and presses 汇总预览: the drafts are read and
merged in a worker (``desktop.merge.merge_files``).  The result shows the
bureau's chapters with one part per department (each part's source in its
tooltip), the notes to check and the figures found in the drafts, each with
its sentence and a check box.  OK gives ``result_document()`` — a new,
unsaved document with the chosen figures — and ``notes()`` for 待核对.

``merge_now(then)`` starts the merge in a worker (``workers.Task``) and
returns at once; meanwhile the dialog is busy (its controls disabled, the
status line says so, closing waits) and ``then(ok)`` is called when the
merged outline shows (False when a draft cannot be read).
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QListWidget, QListWidgetItem, QPushButton, QSpinBox,
                               QSplitter, QTabWidget, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from ..errors import DrafterError
from ..merge import KIND_LABELS, MergeResult, merge_files
from ..render import Renderer
from .workers import Task

DRAFT_FILTER = "各科室材料 (*.docx *.doc *.wps);;Word 文档 (*.docx *.doc);;WPS 文档 (*.wps)"
PATH_ROLE = Qt.ItemDataRole.UserRole


class MergeDialog(QDialog):
    def __init__(self, parent=None, year: int = 2026, org: str = ""):
        super().__init__(parent)
        self.setWindowTitle("汇总各科室材料")
        self.resize(820, 600)
        self.org = org
        self.result: MergeResult | None = None
        self.merging = False  # a merge runs in a worker

        left = QWidget(self)
        form = QFormLayout(left)
        self.files = QListWidget(left)
        self.files.setObjectName("mergeFiles")
        self.files.setToolTip("汇总后各科室的内容按这里的先后顺序排列")
        buttons = QHBoxLayout()
        self.add_button = QPushButton("添加材料…", left)
        self.remove_button = QPushButton("移除", left)
        self.up_button = QPushButton("上移", left)
        self.down_button = QPushButton("下移", left)
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(b)
        form.addRow(QLabel("各科室、学校报送的材料（按汇总顺序）：", left))
        form.addRow(self.files)
        form.addRow(buttons)
        self.year_spin = QSpinBox(left)
        self.year_spin.setRange(2000, 2100)
        self.year_spin.setValue(year)
        self.year_spin.setSuffix(" 年")
        form.addRow("总结年度：", self.year_spin)
        self.preview_button = QPushButton("汇总预览", left)
        self.preview_button.setDefault(False)
        form.addRow(self.preview_button)

        self.tabs = QTabWidget(self)
        self.tree = QTreeWidget(self.tabs)
        self.tree.setObjectName("mergeOutline")
        self.tree.setHeaderLabels(["汇总后的提纲", "来源"])
        self.tabs.addTab(self.tree, "提纲")
        self.notes_list = QListWidget(self.tabs)
        self.tabs.addTab(self.notes_list, "待核对")
        self.figures_list = QListWidget(self.tabs)
        self.figures_list.setObjectName("mergeFigures")
        self.tabs.addTab(self.figures_list, "提取的指标")
        self.status = QLabel("添加材料后点击“汇总预览”。", self)
        self.status.setWordWrap(True)

        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(self.tabs)
        splitter.setSizes([320, 500])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("汇总为新文档")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

        self.add_button.clicked.connect(self.choose_files)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.preview_button.clicked.connect(lambda: self.merge_now())
        self.files.currentRowChanged.connect(self._update)
        self.year_spin.valueChanged.connect(self._invalidate)
        self._update()

    # -- the files ---------------------------------------------------------------------
    def paths(self) -> list[str]:
        return [self.files.item(i).data(PATH_ROLE) for i in range(self.files.count())]

    def add_paths(self, paths) -> None:
        have = set(self.paths())
        for p in paths:
            if str(p) in have:
                continue
            item = QListWidgetItem(Path(p).name)
            item.setData(PATH_ROLE, str(p))
            item.setToolTip(str(p))
            self.files.addItem(item)
        self._invalidate()

    def choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "选择各科室材料", "", DRAFT_FILTER)
        if paths:
            self.add_paths(paths)

    def remove_current(self) -> None:
        row = self.files.currentRow()
        if row >= 0:
            self.files.takeItem(row)
            self._invalidate()

    def move_current(self, delta: int) -> None:
        row, target = self.files.currentRow(), self.files.currentRow() + delta
        if row < 0 or not (0 <= target < self.files.count()):
            return
        self.files.insertItem(target, self.files.takeItem(row))
        self.files.setCurrentRow(target)
        self._invalidate()

    # -- the merge ---------------------------------------------------------------------
    def merge_now(self, then: Callable[[bool], None] | None = None) -> None:
        """Read and merge the drafts in a worker, then show the result and
        call ``then(True)``; ``then(False)`` (and the problem in the status
        line) when a draft cannot be read.  Ignored while a merge runs."""
        if self.merging:
            return
        task = Task(merge_files, self.paths(), self.year_spin.value(), org=self.org)
        task.finished.connect(lambda result: self._merged(result, None, then))
        task.failed.connect(lambda error: self._merged(None, error, then))
        self._set_merging(True)
        task.start()

    def _merged(self, result: MergeResult | None, error: BaseException | None,
                then: Callable[[bool], None] | None) -> None:
        self._set_merging(False)
        self.result = result
        self._show()
        if error is None:
            if then is not None:
                then(True)
            return
        self.status.setText(f"无法汇总：{error}")
        if then is not None:
            then(False)
        if not isinstance(error, DrafterError):
            raise error  # a bug: to the crash handler

    def _set_merging(self, merging: bool) -> None:
        self.merging = merging
        for widget in (self.files.parentWidget(), self.buttons):
            widget.setEnabled(not merging)
        if merging:
            self.status.setText("正在读取和汇总各科室材料…")

    def reject(self) -> None:
        if not self.merging:  # closing waits for the merge
            super().reject()

    def _invalidate(self, *args) -> None:
        self.result = None
        self._show()

    def _show(self) -> None:
        self.tree.clear()
        self.notes_list.clear()
        self.figures_list.clear()
        r = self.result
        if r is not None:
            renderer = Renderer(r.document)
            sources = {p.section_id: p for p in r.parts}
            for chapter in r.document.sections:
                title = renderer.text(chapter.title, label="", section_id="", path="",
                                      where="title")
                top = QTreeWidgetItem(self.tree, [title, ""])
                for part in chapter.children:
                    info = sources.get(part.id)
                    item = QTreeWidgetItem(top, [part.title, Path(info.path).name if info else ""])
                    item.setToolTip(0, part.source)
                    item.setToolTip(1, info.path if info else "")
                    for child in part.children:
                        QTreeWidgetItem(item, [child.title, ""])
                top.setExpanded(True)
            self.tree.resizeColumnToContents(0)
            for note in r.notes:
                self.notes_list.addItem(str(note))
            for f in r.figures:
                amount = f.value if f.value is not None else f.target
                kind = "本年" if f.value is not None else "目标"
                item = QListWidgetItem(f"{f.name}　{kind} {amount:g}{f.unit}　（{f.category}）")
                item.setToolTip(f.source)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked)
                self.figures_list.addItem(item)
            kinds = "、".join(dict.fromkeys(KIND_LABELS[p.kind] for p in r.parts))
            self.status.setText(f"已汇总 {len(r.drafts)} 份材料（{kinds}），提取指标 {len(r.figures)} 项，"
                                f"需核对 {len(r.notes)} 处。确认无误后点击“汇总为新文档”。")
        elif self.files.count():
            self.status.setText("点击“汇总预览”查看汇总结果。")
        self._update()

    def _update(self, *args) -> None:
        row = self.files.currentRow()
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.files.count() - 1)
        self.preview_button.setEnabled(self.files.count() > 0)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.result is not None)

    # -- what OK gives -------------------------------------------------------------------
    def chosen_figures(self):
        if self.result is None:
            return []
        return [f for i, f in enumerate(self.result.figures)
                if self.figures_list.item(i).checkState() == Qt.CheckState.Checked]

    def result_document(self):
        if self.result is None:
            return None
        return self.result.with_figures(self.chosen_figures())

    def notes(self) -> list:
        return list(self.result.notes) if self.result is not None else []
