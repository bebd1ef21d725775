"""The start page: new document, start from last year's, open, recent, examples.

The page only asks; the main window does the work through its signals:

- ``newRequested(kind, year, org, org_short)``
- ``reuseRequested()`` — 以去年文档为起点
- ``openRequested(path)`` — ``""`` means "ask for a file"
- ``exampleRequested(name)``
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QListWidget, QListWidgetItem, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from ..model import KINDS, Document

PathRole = Qt.UserRole + 1


def default_year(kind: str, today: date | None = None) -> int:
    """The year a new document is about: a summary written in January is
    still about last year; a plan written in the autumn is for next year."""
    today = today or date.today()
    if kind in ("年度工作总结", "总结及计划"):
        return today.year if today.month >= 6 else today.year - 1
    return today.year + 1 if today.month >= 10 else today.year


def blank_document(kind: str, year: int, org: str, org_short: str = "") -> Document:
    """A new document from ``desktop.starter`` (its outline from the library)."""
    from ..starter import new_document
    return new_document(kind, year, org, org_short)


class StartPage(QWidget):
    newRequested = Signal(str, int, str, str)
    reuseRequested = Signal()
    openRequested = Signal(str)
    exampleRequested = Signal(str)

    def __init__(self, parent=None, default_org: str = ""):
        super().__init__(parent)
        self.setObjectName("startPage")
        title = QLabel("年度总结·计划起草助手")
        title.setObjectName("startTitle")
        title.setStyleSheet("font-size: 20pt; font-weight: bold; padding: 8px 0;")
        hint = QLabel("新建一份工作总结或计划，或者以去年的文档为起点。")

        # -- new ----------------------------------------------------------------------
        new_box = QGroupBox("新建")
        self.kind = QComboBox()
        self.kind.setObjectName("kindCombo")
        self.kind.addItems(list(KINDS))
        self.year = QSpinBox()
        self.year.setObjectName("yearSpin")
        self.year.setRange(2000, 2100)
        self.year.setValue(default_year(self.kind.currentText()))
        self.kind.currentTextChanged.connect(lambda k: self.year.setValue(default_year(k)))
        self.org = QLineEdit(default_org)
        self.org.setObjectName("orgEdit")
        self.org.setPlaceholderText("如：某某县教育局")
        self.org_short = QLineEdit()
        self.org_short.setObjectName("orgShortEdit")
        self.org_short.setPlaceholderText("正文中称呼本单位，如：县教育局（可不填，默认用全称）")
        self.new_button = QPushButton("新建文档")
        self.new_button.setObjectName("newButton")
        self.new_button.setDefault(True)
        self.new_button.clicked.connect(self._new)
        form = QFormLayout(new_box)
        form.addRow("文档类型：", self.kind)
        form.addRow("年度：", self.year)
        form.addRow("发文机关：", self.org)
        form.addRow("机关简称：", self.org_short)
        form.addRow(self.new_button)

        self.reuse_button = QPushButton("以去年文档为起点…")
        self.reuse_button.setObjectName("reuseButton")
        self.reuse_button.setToolTip("打开去年的 Word 文档（.docx/.doc/.wps）或项目文件，"
                                     "恢复提纲并把年份顺延一年")
        self.reuse_button.clicked.connect(self.reuseRequested)
        self.open_button = QPushButton("打开…")
        self.open_button.setObjectName("openButton")
        self.open_button.clicked.connect(lambda: self.openRequested.emit(""))

        # -- recent and examples ---------------------------------------------------------
        recent_box = QGroupBox("最近打开")
        self.recent = QListWidget()
        self.recent.setObjectName("recentList")
        self.recent.itemActivated.connect(self._recent_activated)
        QVBoxLayout(recent_box).addWidget(self.recent)

        example_box = QGroupBox("打开示例")
        self.examples = QListWidget()
        self.examples.setObjectName("exampleList")
        self.examples.itemActivated.connect(
            lambda item: self.exampleRequested.emit(item.data(PathRole)))
        QVBoxLayout(example_box).addWidget(self.examples)
        self._fill_examples()

        left = QVBoxLayout()
        left.addWidget(new_box)
        left.addWidget(self.reuse_button)
        left.addWidget(self.open_button)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(recent_box, 1)
        right.addWidget(example_box, 1)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(40, 24, 40, 24)
        outer.addWidget(title)
        outer.addWidget(hint)
        outer.addLayout(columns, 1)

    def _fill_examples(self) -> None:
        from ..errors import DrafterError
        from ..examples import list_examples
        try:
            examples = list_examples()
        except (OSError, DrafterError):
            examples = []
        for name, title in examples:
            item = QListWidgetItem(title or name)  # the clerk sees the document's title
            item.setData(PathRole, name)
            item.setToolTip(f"示例：{title or name}（双击打开）")
            self.examples.addItem(item)

    def set_recent(self, paths: list[str]) -> None:
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{Path(path).name}    {Path(path).parent}")
            item.setData(PathRole, path)
            item.setToolTip(path)
            self.recent.addItem(item)
        if not paths:
            empty = QListWidgetItem("（暂无）")
            empty.setFlags(Qt.NoItemFlags)
            self.recent.addItem(empty)

    def _recent_activated(self, item: QListWidgetItem) -> None:
        path = item.data(PathRole)
        if path:
            self.openRequested.emit(path)

    def _new(self) -> None:
        self.newRequested.emit(self.kind.currentText(), self.year.value(),
                               self.org.text().strip(), self.org_short.text().strip())


# -- the window's docks while the start page shows ----------------------------------------
def _docks(window) -> list:
    return [d for d in (window.figures_dock, window.library_dock, window.proofread_dock,
                        window.review_dock) if d is not None]


def put_docks_away(window) -> None:
    """Hide the docks (empty without a document), remembering which showed."""
    if window.stack.currentIndex() != 0 or not hasattr(window, "_hidden_docks"):
        window._hidden_docks = [d for d in _docks(window) if not d.isHidden()]
    for dock in _docks(window):
        dock.hide()


def bring_docks_back(window) -> None:
    """Leaving the start page: the docks that showed before come back."""
    if window.stack.currentIndex() == 0:
        for dock in getattr(window, "_hidden_docks", []):
            dock.show()
        window._hidden_docks = []
