"""The phrase library (常用语): stock sentences for 开头、过渡、结尾.

Phrases are template text (they may contain ``{{ year }}``, ``{{ org }}`` …)
and are inserted as-is into a section body, so they follow the document's
year and organ.  Built-in phrases live in ``resources/phrases.json``; a
``phrases.json`` of the same shape in the user data folder
(``paths.user_data_dir()``) adds the user's own, group by group::

    {"version": 1, "groups": [{"name": "开头", "phrases": ["…", "…"]}, …]}

API::

    load_phrases(paths=None) -> dict[str, list[str]]   # group → phrases, in order
    panel = PhrasePanel(parent=None, phrases=None)
    panel.phraseInsertRequested   # Signal(str): the editor inserts it at the cursor
    panel.set_group(name); panel.set_filter(text); panel.current_phrase()
    panel.request_insert()        # emit for the selected phrase
"""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLineEdit, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

from ..paths import resources_dir, user_data_dir

GROUPS = ("开头", "过渡", "结尾")


def builtin_phrases_path() -> Path:
    return resources_dir() / "phrases.json"


def user_phrases_path() -> Path:
    return user_data_dir() / "phrases.json"


def _read(path: Path) -> list[tuple[str, list[str]]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return []
    groups = data.get("groups", []) if isinstance(data, dict) else []
    out = []
    for g in groups:
        if not isinstance(g, dict) or not isinstance(g.get("name"), str):
            continue
        items = [p for p in g.get("phrases", []) if isinstance(p, str) and p.strip()]
        out.append((g["name"].strip(), items))
    return out


def load_phrases(paths: list[Path] | None = None) -> dict[str, list[str]]:
    """Group → phrases from the built-in file and the user's own (if any).

    Unreadable or malformed files are skipped; the three standard groups are
    always present (possibly empty) and come first.
    """
    if paths is None:
        paths = [builtin_phrases_path(), user_phrases_path()]
    result: dict[str, list[str]] = {g: [] for g in GROUPS}
    for path in paths:
        if not path.is_file():
            continue
        for name, items in _read(path):
            bucket = result.setdefault(name, [])
            bucket.extend(p for p in items if p not in bucket)
    return result


class PhrasePanel(QWidget):
    phraseInsertRequested = Signal(str)

    def __init__(self, parent=None, phrases: dict[str, list[str]] | None = None):
        super().__init__(parent)
        self.phrases = phrases if phrases is not None else load_phrases()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.group_combo = QComboBox(self)
        self.group_combo.addItems(list(self.phrases))
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("筛选常用语")
        self.filter_edit.setClearButtonEnabled(True)
        top.addWidget(self.group_combo)
        top.addWidget(self.filter_edit, 1)
        layout.addLayout(top)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        layout.addWidget(self.list, 1)
        self.insert_button = QPushButton("插入到光标处", self)
        self.insert_button.setToolTip("把选中的常用语插入正文编辑区的光标位置（也可双击）")
        layout.addWidget(self.insert_button)

        self.group_combo.currentIndexChanged.connect(self._fill)
        self.filter_edit.textChanged.connect(self._fill)
        self.list.itemDoubleClicked.connect(lambda item: self.request_insert())
        self.list.currentRowChanged.connect(self._update_button)
        self.insert_button.clicked.connect(self.request_insert)
        self._fill()

    def set_group(self, name: str) -> None:
        i = self.group_combo.findText(name)
        if i >= 0:
            self.group_combo.setCurrentIndex(i)

    def set_filter(self, text: str) -> None:
        self.filter_edit.setText(text)

    def visible_phrases(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())]

    def _fill(self, *args) -> None:
        group = self.group_combo.currentText()
        needle = self.filter_edit.text().strip()
        self.list.clear()
        for text in self.phrases.get(group, []):
            if needle and needle not in text:
                continue
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, text)
            item.setToolTip(text)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update_button()

    def _update_button(self, *args) -> None:
        self.insert_button.setEnabled(self.list.currentItem() is not None)

    def current_phrase(self) -> str:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else ""

    def request_insert(self) -> None:
        text = self.current_phrase()
        if text:
            self.phraseInsertRequested.emit(text)
