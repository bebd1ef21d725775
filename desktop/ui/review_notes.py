"""ReviewNotesDock (待核对): the points the reuse wizard asks the clerk to check.

After 以去年文档为起点 the wizard returns notes such as “二/3 … 第2段：
“2023年”可能是旧年份……”.  The dock lists them; clicking one goes to the
place it is about: a paragraph or title of a section, or a field of the
document properties (标题, 前言, 结束语, 发文字号, 成文日期, 附件).  The
notes are the document's (saved in the project, back on reopen); each can
be ticked 已核对 or set aside (忽略), undoably.

Each note carries its place (``ReviewNote.ref``, a ``SourceRef``); the
dock hands it to the window's navigator.  ``locate_note(doc, note)``
(no widgets) falls back on the display text for notes of older projects.
"""

from __future__ import annotations

import copy
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QDockWidget, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QVBoxLayout, QWidget)

from ..model import Document, ReviewNote
from ..render import number_sections
from ..source import TITLE_PARAGRAPH, SourceRef
from .commands import SetNotesCommand

_YEAR = re.compile(r"(?:19|20)\d\d")
_PARAGRAPH = re.compile(r"第(\d+)段$")
# where → property field, for notes outside sections
_PROPERTY_WHERE = {"标题": "title", "发文字号": "doc_number", "成文日期": "date", "附件": "attachments"}
NOTE_ROLE = Qt.ItemDataRole.UserRole


def _plain(text: str) -> str:
    return _YEAR.sub("", text).replace(" ", "").replace("　", "")


def locate_note(doc: Document, note: ReviewNote) -> SourceRef | None:
    """The place in ``doc`` a note talks about, or None when it is about the
    document as a whole.  A note that carries its place (``note.ref``) goes
    there; the display text ``where`` is read only for a note without one
    (a project saved before notes kept their place) or whose section is
    gone."""
    where = (note.where or "").strip()
    excerpt = note.excerpt or ""
    ref = note.ref
    if ref is not None and (not ref.is_section or doc.find(ref.section_id) is not None):
        return ref
    m = _PARAGRAPH.search(where)
    paragraph = int(m.group(1)) - 1 if m else TITLE_PARAGRAPH
    if where in _PROPERTY_WHERE:
        return SourceRef.prop(_PROPERTY_WHERE[where])
    if where.startswith("前言"):
        return SourceRef.prop("preamble", paragraph)
    if where.startswith("结束语"):
        return SourceRef.prop("closing", paragraph)
    if where == "正文":
        return SourceRef(doc.sections[0].id) if doc.sections else None
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
    return SourceRef(sid, field, paragraph if field == "body" else TITLE_PARAGRAPH)


STATE_LABELS = {"": "", "done": "（已核对）", "ignored": "（已忽略）"}


class ReviewNotesDock(QDockWidget):
    """The document's notes; ``noteActivated(ref, excerpt)`` when one is
    clicked (``ref``: a ``SourceRef``, the navigator's ``go_to`` arguments).

    The notes live in the document (``Document.review_notes``, saved in the
    project); ticking one marks it 已核对, “忽略” sets it aside — both undoable.
    """

    noteActivated = Signal(object, str)  # SourceRef, excerpt

    def __init__(self, session, parent=None):
        super().__init__("待核对", parent)
        self.setObjectName("reviewDock")
        self.session = session
        page = QWidget(self)
        self.info = QLabel(page)
        self.info.setWordWrap(True)
        self.list = QListWidget(page)
        self.list.setObjectName("reviewList")
        self.list.setAlternatingRowColors(True)
        self.ignore_button = QPushButton("忽略", page)
        self.ignore_button.setToolTip("这一条不需要处理（可撤销）")
        self.reopen_button = QPushButton("恢复", page)
        self.reopen_button.setToolTip("把已核对或已忽略的一条恢复为待核对")
        self.clear_button = QPushButton("清空列表", page)
        self.clear_button.setToolTip("核对完毕后清空这个列表（不影响正文，可撤销）")
        top = QHBoxLayout()
        top.addWidget(self.info, 1)
        top.addWidget(self.ignore_button)
        top.addWidget(self.reopen_button)
        top.addWidget(self.clear_button)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.list, 1)
        self.setWidget(page)
        self.list.itemClicked.connect(self._activate)
        self.list.itemActivated.connect(self._activate)
        self.list.itemChanged.connect(self._item_changed)
        self.ignore_button.clicked.connect(lambda: self.set_state(self.list.currentRow(), "ignored"))
        self.reopen_button.clicked.connect(lambda: self.set_state(self.list.currentRow(), ""))
        self.clear_button.clicked.connect(self.clear_notes)
        session.notesChanged.connect(self.reload)
        session.documentReset.connect(self._document_reset)
        self.reload()

    def _document_reset(self) -> None:
        # each document brings its own notes (saved in the project)
        self.reload()
        self.setVisible(bool(self.session.document.review_notes))

    def set_notes(self, notes) -> None:
        """The notes of a document just made (the reuse wizard's): not an edit."""
        self.session.document.review_notes = copy.deepcopy(list(notes))
        self.reload()

    def notes(self) -> list[ReviewNote]:
        return list(self.session.document.review_notes)

    def clear_notes(self) -> None:
        if self.session.document.review_notes:
            self.session.push(SetNotesCommand(self.session, [], "清空待核对列表"))

    def set_state(self, row: int, state: str) -> None:
        notes = copy.deepcopy(self.session.document.review_notes)
        if not (0 <= row < len(notes)) or notes[row].state == state:
            return
        notes[row].state = state
        text = {"done": "标记为已核对", "ignored": "忽略待核对项", "": "恢复待核对项"}[state]
        self.session.push(SetNotesCommand(self.session, notes, text))

    def reload(self) -> None:
        row = self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        for i, note in enumerate(self.session.document.review_notes):
            item = QListWidgetItem(str(note) + STATE_LABELS.get(note.state, ""))
            item.setData(NOTE_ROLE, i)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if note.state == "done"
                               else Qt.CheckState.Unchecked)
            if note.state:
                item.setForeground(QColor("#888888"))
                font = item.font()
                font.setStrikeOut(note.state == "ignored")
                item.setFont(font)
            item.setToolTip("单击转到这里；核对后勾选（可撤销）")
            self.list.addItem(item)
        if 0 <= row < self.list.count():
            self.list.setCurrentRow(row)
        self.list.blockSignals(False)
        self._update_info()

    def _item_changed(self, item: QListWidgetItem) -> None:
        i = item.data(NOTE_ROLE)
        if isinstance(i, int):
            checked = item.checkState() == Qt.CheckState.Checked
            self.set_state(i, "done" if checked else "")

    def target(self, row: int) -> SourceRef | None:
        notes = self.session.document.review_notes
        if not (0 <= row < len(notes)):
            return None
        return locate_note(self.session.document, notes[row])

    def activate(self, row: int) -> SourceRef | None:
        """Go to the row-th note (what a click does)."""
        target = self.target(row)
        if target is not None:
            self.noteActivated.emit(target, self.session.document.review_notes[row].excerpt)
        return target

    def _activate(self, item: QListWidgetItem) -> None:
        i = item.data(NOTE_ROLE)
        if isinstance(i, int):
            self.activate(i)

    def _update_info(self) -> None:
        notes = self.session.document.review_notes
        if not notes:
            self.info.setText("没有需要核对的内容。")
            return
        open_ = sum(1 for n in notes if not n.state)
        done = sum(1 for n in notes if n.state == "done")
        ignored = sum(1 for n in notes if n.state == "ignored")
        self.info.setText(f"共 {len(notes)} 处需要核对：待核对 {open_} 处，已核对 {done} 处"
                          + (f"，已忽略 {ignored} 处" if ignored else "") + "。单击一条转到对应位置。")


# -- the window's 待核对 dock ---------------------------------------------------------------
def review_dock(window) -> ReviewNotesDock:
    """The window's dock, made (tabbed with 校对, in the 视图 menu) on first use."""
    if window.review_dock is None:
        window.review_dock = ReviewNotesDock(window.session, window)
        window.review_dock.noteActivated.connect(window.navigator.go_to)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, window.review_dock)
        if window.proofread_dock is not None:
            window.tabifyDockWidget(window.proofread_dock, window.review_dock)
        window.view_menu.addAction(window.review_dock.toggleViewAction())
    return window.review_dock


def show_saved_notes(window) -> None:
    """A project saved with 待核对 notes shows them again when opened."""
    if window.session.document.review_notes and window.review_dock is None:
        dock = review_dock(window)
        dock.reload()
        dock.show()
        dock.raise_()


def show_notes(window, notes) -> None:
    """A new document's notes (the reuse wizard's) in the dock; hidden when none."""
    notes = list(notes or [])
    if window.review_dock is None and not notes:
        return
    dock = review_dock(window)
    dock.set_notes(notes)
    if notes:
        dock.show()
        dock.raise_()
        window.statusBar().showMessage(f"有 {len(notes)} 处沿用的内容需要核对，见“待核对”。", 10000)
    else:
        dock.hide()
