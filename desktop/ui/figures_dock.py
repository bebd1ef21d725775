"""``FiguresDock``: the figures table as a dock widget.

API for the main window::

    dock = FiguresDock(session, parent=None)   # objectName "figuresDock"
    dock.model                  # FiguresModel
    dock.view                   # QTableView
    dock.add_figure()           # add a row and start editing its name
    dock.delete_selected()      # delete the selected rows (undoable)
    dock.import_figures()       # interactive: file dialog, replace/merge, errors
    dock.import_from(path, mode="replace" | "merge")  # no dialogs; raises FigureImportError
    dock.refresh_highlight()    # recompute now (normally debounced automatically)
    dock.show_message(text)     # a transient message under the table

The rows of the figures used by the current section
(``session.current_section_id``, via ``render(...).figures_used``) are
highlighted; this follows the current section, its edits and the table.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QAbstractItemView, QDockWidget, QFileDialog, QHBoxLayout,
                               QHeaderView, QLabel, QMessageBox, QPushButton, QTableView,
                               QVBoxLayout, QWidget)

from ..errors import FigureImportError
from ..figures import read_figures
from ..render import render
from ..figure_ops import merge_figures
from .commands import ReplaceFiguresCommand
from .figures_model import COLUMNS, FiguresModel

IMPORT_FILTER = "数据表格 (*.xlsx *.xlsm *.csv);;Excel 工作簿 (*.xlsx *.xlsm);;CSV 文件 (*.csv)"


LEGEND = "灰色数值由公式自动计算；黄色底纹为当前章节使用的指标。"


class FiguresDock(QDockWidget):
    HIGHLIGHT_DELAY_MS = 200
    MESSAGE_MS = 8000

    def __init__(self, session, parent=None):
        super().__init__("数据指标", parent)
        self.setObjectName("figuresDock")
        self.session = session
        self.model = FiguresModel(session, self)

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(4, 4, 4, 4)

        buttons = QHBoxLayout()
        self.add_button = QPushButton("添加指标", body)
        self.add_button.setToolTip("在表格末尾添加一个指标")
        self.delete_button = QPushButton("删除", body)
        self.delete_button.setToolTip("删除选中的指标")
        self.import_button = QPushButton("从 Excel/CSV 导入…", body)
        self.import_button.setToolTip("从 .xlsx 或 .csv 表格读取指标（第一行为列名："
                                      "名称、单位、类别、上年、本年、目标、公式）")
        for b in (self.add_button, self.delete_button, self.import_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout.addLayout(buttons)

        self.view = QTableView(body)
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                  | QAbstractItemView.EditTrigger.EditKeyPressed
                                  | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        # compact defaults so 名称 … 目标 fit in the dock's default width
        for column, width in enumerate((112, 40, 56, 58, 58, 58, 150, 150)):
            header.resizeSection(column, width)
        self.view.verticalHeader().setDefaultSectionSize(24)
        layout.addWidget(self.view, 1)
        self.delete_action = QAction("删除指标", self.view)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.view.addAction(self.delete_action)

        self.message_label = QLabel(body)
        self.message_label.setWordWrap(True)
        self.message_label.setStyleSheet("color: #b00020;")
        self.message_label.hide()
        layout.addWidget(self.message_label)

        self.error_label = QLabel(body)
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.hide()
        layout.addWidget(self.error_label)

        self.legend = QLabel(LEGEND, body)
        self.legend.setStyleSheet("color: gray;")
        self.legend.setWordWrap(True)
        layout.addWidget(self.legend)
        self.setWidget(body)

        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(self.message_label.hide)
        self._highlight_timer = QTimer(self)
        self._highlight_timer.setSingleShot(True)
        self._highlight_timer.setInterval(self.HIGHLIGHT_DELAY_MS)
        self._highlight_timer.timeout.connect(self.refresh_highlight)

        self.add_button.clicked.connect(self.add_figure)
        self.delete_button.clicked.connect(self.delete_selected)
        self.import_button.clicked.connect(self.import_figures)
        self.model.validationFailed.connect(self.show_message)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)
        for signal in (session.currentSectionChanged, session.sectionChanged,
                       session.figuresChanged, session.documentReset,
                       session.outlineChanged, session.propertiesChanged):
            signal.connect(self._schedule_highlight)
        session.figuresChanged.connect(self._update_error)
        session.documentReset.connect(self._update_error)
        # “已导入 N 个指标” belongs to the document it was said about
        session.documentReset.connect(lambda: self.legend.setText(LEGEND))
        self._update_buttons()
        self._update_error()
        self.refresh_highlight()

    # -- messages -------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))
        if text:
            self._message_timer.start(self.MESSAGE_MS)

    def _update_error(self, *args) -> None:
        error = self.model.error()
        self.error_label.setText(f"指标表无法计算：{error}" if error else "")
        self.error_label.setVisible(bool(error))

    def _update_buttons(self, *args) -> None:
        self.delete_button.setEnabled(bool(self.selected_rows()))

    # -- highlighting ---------------------------------------------------------------
    def _schedule_highlight(self, *args) -> None:
        self._highlight_timer.start()

    def used_figures(self) -> set[str]:
        section_id = self.session.current_section_id
        if not section_id or self.session.document.find(section_id) is None:
            return set()
        try:
            return set(render(self.session.document).figures_used.get(section_id, set()))
        except Exception:  # a broken document must never break the dock
            return set()

    def refresh_highlight(self) -> None:
        self._highlight_timer.stop()
        self.model.set_highlighted(self.used_figures())

    # -- actions -----------------------------------------------------------------------
    def selected_rows(self) -> list[int]:
        sel = self.view.selectionModel()
        if sel is None:
            return []
        return sorted({i.row() for i in sel.selectedIndexes()})

    def add_figure(self) -> int:
        row = self.model.add_figure()
        index = self.model.index(row, COLUMNS.index("name"))
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        if self.view.isVisible():
            self.view.edit(index)
        return row

    def delete_selected(self) -> None:
        rows = self.selected_rows()
        if not rows:
            self.show_message("请先选择要删除的指标")
            return
        self.model.delete_rows(rows)
        self._update_buttons()

    def import_from(self, path: str | Path, mode: str = "replace") -> int:
        """Read a sheet and replace or merge the table (one undo step).

        Returns the number of figures read; raises ``FigureImportError``
        (naming row and column) and leaves the table unchanged on bad input.
        """
        if mode not in ("replace", "merge"):
            raise ValueError(mode)
        imported = read_figures(path)
        name = Path(path).name
        if mode == "replace":
            figures, text = imported, f"从“{name}”导入指标（替换）"
        else:
            figures = merge_figures(self.session.document.figures, imported)
            text = f"从“{name}”导入指标（合并）"
        self.session.push(ReplaceFiguresCommand(self.session, figures, text))
        return len(imported)

    def _choose_import_file(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self, "导入指标", "", IMPORT_FILTER)
        return path

    def _ask_import_mode(self, path: str) -> str | None:
        """"replace", "merge" or None (cancelled)."""
        if not self.session.document.figures:
            return "replace"
        box = QMessageBox(QMessageBox.Icon.Question, "导入指标",
                          f"指标表中已有 {len(self.session.document.figures)} 个指标。\n"
                          f"“替换”用“{Path(path).name}”中的指标代替现有全部指标；\n"
                          "“合并”按名称更新同名指标，并添加新的指标。", parent=self)
        replace = box.addButton("替换", QMessageBox.ButtonRole.DestructiveRole)
        merge = box.addButton("合并", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(merge)
        box.exec()
        clicked = box.clickedButton()
        if clicked is replace:
            return "replace"
        if clicked is merge:
            return "merge"
        return None

    def import_figures(self) -> bool:
        """Interactive import; True when the table was changed."""
        path = self._choose_import_file()
        if not path:
            return False
        mode = self._ask_import_mode(path)
        if mode is None:
            return False
        try:
            count = self.import_from(path, mode)
        except FigureImportError as e:
            QMessageBox.critical(self, "导入失败",
                                 f"无法导入“{Path(path).name}”，指标表未作改动。\n\n{e.message}")
            return False
        except OSError as e:
            QMessageBox.critical(self, "导入失败",
                                 f"无法读取“{Path(path).name}”（{e.strerror or e}），指标表未作改动。")
            return False
        self.show_message("")
        self.legend.setText(f"已导入 {count} 个指标（可撤销）。灰色数值由公式自动计算；"
                            "黄色底纹为当前章节使用的指标。")
        return True
