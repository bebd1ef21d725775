"""ReviewNotesDock (待核对): the points the reuse wizard asks the clerk to check.

After 以去年文档为起点 the wizard returns notes such as “二/3 … 第2段：
“2023年”可能是旧年份……”.  The dock lists them; clicking one goes to the
place it names: a section (by its numbered path, or by its title when the
outline moved), or a field of the document properties (标题, 前言, 结束语,
发文字号, 成文日期, 附件).  Each note has a check box for “done”.

``locate_note(doc, note)`` does the lookup and needs no widgets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDockWidget, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

from ..model import Document
from ..render import number_sections

_YEAR = re.compile(r"(?:19|20)\d\d")
_PARAGRAPH = re.compile(r"第(\d+)段$")
# where → property field, for notes outside sections
_PROPERTY_WHERE = {"标题": "title", "发文字号": "doc_number", "成文日期": "date", "附件": "attachments"}
NOTE_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class NoteTarget:
    """Where a note points: a section (``section_id``) or a property (``field``)."""

    section_id: str = ""  # a section id, or "@properties"
    field: str = ""  # "title"/"body" in a section; a property name otherwise
    paragraph: int = -1  # index among the non-blank lines, -1 for none
    excerpt: str = ""

    @property
    def is_property(self) -> bool:
        return self.section_id == "@properties"


def _plain(text: str) -> str:
    return _YEAR.sub("", text).replace(" ", "").replace("　", "")


def locate_note(doc: Document, note) -> NoteTarget | None:
    """The place in ``doc`` a wizard note (``where``/``message``/``excerpt``)
    talks about, or None when it is about the document as a whole.  A note
    that carries its place (``note.ref``, a ``desktop.source.SourceRef``)
    goes there; the display text ``where`` is read only for a note without
    one (or whose section is gone)."""
    where = (note.where or "").strip()
    excerpt = note.excerpt or ""
    ref = getattr(note, "ref", None)
    if ref is not None and (ref.is_property or doc.find(ref.section_id) is not None):
        return NoteTarget(ref.section_id, ref.field, ref.paragraph, excerpt)
    m = _PARAGRAPH.search(where)
    paragraph = int(m.group(1)) - 1 if m else -1
    if where in _PROPERTY_WHERE:
        return NoteTarget("@properties", _PROPERTY_WHERE[where], -1, excerpt)
    if where.startswith("前言"):
        return NoteTarget("@properties", "preamble", paragraph, excerpt)
    if where.startswith("结束语"):
        return NoteTarget("@properties", "closing", paragraph, excerpt)
    if where == "正文":
        return NoteTarget(doc.sections[0].id, "body") if doc.sections else None
    path, _, rest = where.partition(" ")
    rest = _PARAGRAPH.sub("", rest).strip()
    field = "title" if rest == "标题" else "body"
    hint = "" if rest == "标题" else rest  # the first characters of the section's title
    _, paths = number_sections(doc)
    by_path = {p: sid for sid, p in paths.items()}
    sid = by_path.get(path)
    if sid is not None and hint and not _plain(doc.find(sid).title).startswith(_plain(hint)):
        sid = None  # the outline changed: find the section by its title instead
    if sid is None and hint:
        sid = next((s.id for s in doc.walk() if _plain(s.title).startswith(_plain(hint))), None)
    if sid is None and excerpt:
        sid = next((s.id for s in doc.walk() if excerpt in s.title or excerpt in s.body), None)
    if sid is None:
        return None
    return NoteTarget(sid, field, paragraph, excerpt)


class ReviewNotesDock(QDockWidget):
    """The list of notes; ``noteActivated(NoteTarget)`` when one is clicked."""

    noteActivated = Signal(object)

    def __init__(self, session, parent=None):
        super().__init__("待核对", parent)
        self.setObjectName("reviewDock")
        self.session = session
        self._notes: list = []
        page = QWidget(self)
        self.info = QLabel(page)
        self.info.setWordWrap(True)
        self.list = QListWidget(page)
        self.list.setObjectName("reviewList")
        self.list.setAlternatingRowColors(True)
        self.clear_button = QPushButton("清空列表", page)
        self.clear_button.setToolTip("核对完毕后清空这个列表（不影响文档）")
        top = QHBoxLayout()
        top.addWidget(self.info, 1)
        top.addWidget(self.clear_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        self.setWidget(page)
        self.list.itemClicked.connect(self._activate)
        self.list.itemActivated.connect(self._activate)
        self.list.itemChanged.connect(lambda *_: self._update_info())
        self.clear_button.clicked.connect(self.clear_notes)
        session.documentReset.connect(self._document_reset)
        self._update_info()

    def _document_reset(self) -> None:
        # the notes were about the document that was open before
        self.clear_notes()
        self.hide()

    def set_notes(self, notes) -> None:
        self._notes = list(notes)
        self.list.blockSignals(True)
        self.list.clear()
        for i, note in enumerate(self._notes):
            item = QListWidgetItem(str(note))
            item.setData(NOTE_ROLE, i)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setToolTip("单击转到这里；核对后勾选")
            self.list.addItem(item)
        self.list.blockSignals(False)
        self._update_info()

    def notes(self) -> list:
        return list(self._notes)

    def clear_notes(self) -> None:
        self.set_notes([])

    def target(self, row: int) -> NoteTarget | None:
        if not (0 <= row < len(self._notes)):
            return None
        return locate_note(self.session.document, self._notes[row])

    def activate(self, row: int) -> NoteTarget | None:
        """Go to the row-th note (what a click does)."""
        target = self.target(row)
        if target is not None:
            self.noteActivated.emit(target)
        return target

    def _activate(self, item: QListWidgetItem) -> None:
        i = item.data(NOTE_ROLE)
        if isinstance(i, int):
            self.activate(i)

    def _update_info(self) -> None:
        n = len(self._notes)
        if not n:
            self.info.setText("没有需要核对的内容。")
            return
        done = sum(1 for i in range(self.list.count())
                   if self.list.item(i).checkState() == Qt.CheckState.Checked)
        self.info.setText(f"有 {n} 处需要核对（已勾选 {done} 处）。"
                          "单击一条转到对应位置。")
