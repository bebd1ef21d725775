"""The outline of the open document as a Qt item model, and its tree view.

``OutlineModel`` shows every section with the number it will print
(一、 （一） 1. （1）, following the document's numbering mode); renaming in
place and drag and drop go through undo commands (``desktop.ui.commands``),
never straight to the model.  The model resets itself when the outline
changes and updates one row when a section changes.

``OutlineView`` is the tree: keyboard promote/demote (Alt+Shift+Left/Right,
Tab/Shift+Tab), keeps expansion and the current section across resets.
"""

from __future__ import annotations

from PySide6.QtCore import (QAbstractItemModel, QByteArray, QMimeData, QModelIndex, Qt,
                            Signal)
from PySide6.QtWidgets import QAbstractItemView, QTreeView

from ..model import Section
from ..render import number_sections
from .commands import (DemoteSectionCommand, EditSectionTextCommand, MoveSectionCommand,
                       PromoteSectionCommand, fits_under)

MIME_TYPE = "application/x-report-drafter-section"
SectionIdRole = Qt.UserRole + 1
LevelRole = Qt.UserRole + 2
NumberRole = Qt.UserRole + 3


class OutlineModel(QAbstractItemModel):
    """Tree model over ``session.document.sections`` (one column)."""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self._titles: dict[str, str] = {}  # section id → rendered title
        self._firsts: dict[str, str] = {}  # section id → first printed paragraph
        self._rebuild()
        session.outlineChanged.connect(self.refresh)
        session.documentReset.connect(self.refresh)
        session.settingsChanged.connect(self._numbers_changed)
        session.sectionChanged.connect(self._section_changed)

    # -- bookkeeping --------------------------------------------------------------
    def _rebuild(self) -> None:
        """Index every section: key ↔ id, parent key, row, numbers."""
        self._sections: dict[int, Section] = {}
        self._parent_key: dict[int, int] = {}
        self._row: dict[int, int] = {}
        self._key_of: dict[str, int] = {}
        self._children: dict[int, list[int]] = {}
        counter = 0

        def visit(items: list[Section], parent_key: int) -> list[int]:
            nonlocal counter
            keys = []
            for row, s in enumerate(items):
                counter += 1
                key = counter
                self._sections[key] = s
                self._parent_key[key] = parent_key
                self._row[key] = row
                self._key_of[s.id] = key
                keys.append(key)
                self._children[key] = visit(s.children, key)
            return keys

        self._children[0] = visit(self.session.document.sections, 0)
        self._numbers, _ = number_sections(self.session.document)

    def refresh(self) -> None:
        self.beginResetModel()
        self._rebuild()
        self.endResetModel()

    def _numbers_changed(self) -> None:
        self._numbers, _ = number_sections(self.session.document)
        if self._children[0]:
            self.refresh()

    def set_rendered(self, rendered) -> None:
        """Show titles as printed (templates rendered) from a RenderedDocument."""
        titles = {b.section_id: b.title for b in rendered.blocks if b.role.startswith("heading")}
        self._firsts = {}
        for b in rendered.blocks:
            if b.section_id not in self._firsts and (b.role == "body" or b.run_in):
                self._firsts[b.section_id] = b.text
        changed = [sid for sid, t in titles.items() if self._titles.get(sid) != t]
        self._titles = titles
        for sid in changed:
            index = self.index_of(sid)
            if index.isValid():
                self.dataChanged.emit(index, index, [Qt.DisplayRole])

    def _section_changed(self, section_id: str) -> None:
        index = self.index_of(section_id)
        if index.isValid():
            self.dataChanged.emit(index, index, [Qt.DisplayRole, Qt.EditRole, Qt.ToolTipRole])

    def section(self, index: QModelIndex) -> Section | None:
        if not index.isValid():
            return None
        return self._sections.get(index.internalId())

    def section_id(self, index: QModelIndex) -> str:
        s = self.section(index)
        return s.id if s else ""

    def index_of(self, section_id: str) -> QModelIndex:
        key = self._key_of.get(section_id)
        if key is None:
            return QModelIndex()
        return self.createIndex(self._row[key], 0, key)

    # -- QAbstractItemModel -------------------------------------------------------------
    def _key(self, index: QModelIndex) -> int:
        return index.internalId() if index.isValid() else 0

    def index(self, row, column, parent=QModelIndex()):
        if column != 0 or row < 0:
            return QModelIndex()
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        children = self._children.get(self._key(parent), [])
        if row >= len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row])

    def parent(self, index=QModelIndex()):
        if not index.isValid():
            return QModelIndex()
        parent_key = self._parent_key.get(index.internalId(), 0)
        if parent_key == 0:
            return QModelIndex()
        return self.createIndex(self._row[parent_key], 0, parent_key)

    def rowCount(self, parent=QModelIndex()):
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._children.get(self._key(parent), []))

    def columnCount(self, parent=QModelIndex()):
        return 1

    def headerData(self, section, orientation, role=Qt.DisplayRole):
        if orientation == Qt.Horizontal and section == 0 and role == Qt.DisplayRole:
            return "提纲"
        return None

    def data(self, index, role=Qt.DisplayRole):
        s = self.section(index)
        if s is None:
            return None
        number = self._numbers.get(s.id, "")
        if role == Qt.DisplayRole:
            title = self._titles.get(s.id) if "{" in s.title else s.title
            title = (title or s.title).strip().replace("\n", " ") or "（无标题）"
            return f"{number}{title}"
        if role == Qt.EditRole:
            return s.title
        if role == Qt.ToolTipRole:
            title = (self._titles.get(s.id) or s.title).strip()
            first = self._firsts.get(s.id, "")[:60] or "（无正文）"
            return f"{number}{title}\n{first}"
        if role == SectionIdRole:
            return s.id
        if role == LevelRole:
            return s.level
        if role == NumberRole:
            return number
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemIsDropEnabled
        return (Qt.ItemIsEnabled | Qt.ItemIsSelectable | Qt.ItemIsEditable
                | Qt.ItemIsDragEnabled | Qt.ItemIsDropEnabled)

    def setData(self, index, value, role=Qt.EditRole):
        s = self.section(index)
        if s is None or role != Qt.EditRole:
            return False
        text = str(value).strip()
        if text == s.title:
            return True
        self.session.push(EditSectionTextCommand(self.session, s.id, "title", text))
        return True

    # -- drag and drop ------------------------------------------------------------
    def supportedDropActions(self):
        return Qt.MoveAction

    def supportedDragActions(self):
        return Qt.MoveAction

    def mimeTypes(self):
        return [MIME_TYPE]

    def mimeData(self, indexes):
        ids = []
        for index in indexes:
            sid = self.section_id(index)
            if sid and sid not in ids:
                ids.append(sid)
        mime = QMimeData()
        mime.setData(MIME_TYPE, QByteArray("\n".join(ids[:1]).encode("utf-8")))
        return mime

    def _drop_target(self, data: QMimeData, row: int, parent: QModelIndex):
        """(section id, new parent id, index after removal) or None."""
        if data is None or not data.hasFormat(MIME_TYPE):
            return None
        sid = bytes(data.data(MIME_TYPE).data()).decode("utf-8").strip()
        doc = self.session.document
        section = doc.find(sid)
        if section is None:
            return None
        new_parent = self.section(parent)
        if new_parent is not None and any(s.id == new_parent.id for s in section.walk()):
            return None
        if not fits_under(section, new_parent):
            return None
        siblings = new_parent.children if new_parent else doc.sections
        index = len(siblings) if row < 0 else min(row, len(siblings))
        old_parent, old_index = doc.locate(sid)
        same_parent = (old_parent.id if old_parent else None) == (new_parent.id if new_parent else None)
        if same_parent and old_index < index:
            index -= 1  # counted after the section leaves its place
        if same_parent and old_index == index:
            return None  # dropped on itself
        return sid, (new_parent.id if new_parent else None), index

    def canDropMimeData(self, data, action, row, column, parent):
        if action not in (Qt.MoveAction, Qt.IgnoreAction) or column > 0:
            return False
        return self._drop_target(data, row, parent) is not None

    def dropMimeData(self, data, action, row, column, parent):
        if action == Qt.IgnoreAction:
            return True
        if action != Qt.MoveAction or column > 0:
            return False
        target = self._drop_target(data, row, parent)
        if target is None:
            return False
        sid, new_parent, index = target
        self.session.push(MoveSectionCommand(self.session, sid, new_parent, index))
        # the move is done (and the model reset): the view must not remove rows
        return False


class OutlineView(QTreeView):
    """The outline tree: rename in place, drag and drop, keyboard re-nesting."""

    sectionActivated = Signal(str)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setObjectName("outlineView")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setDragDropMode(QAbstractItemView.InternalMove)
        self.setDefaultDropAction(Qt.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setEditTriggers(QAbstractItemView.EditKeyPressed | QAbstractItemView.SelectedClicked)
        self.setContextMenuPolicy(Qt.CustomContextMenu)
        self.setAccessibleName("提纲")
        self._collapsed: set[str] = set()
        self._syncing = False
        model = OutlineModel(session, self)
        self.setModel(model)
        model.modelAboutToBeReset.connect(self._remember)
        model.modelReset.connect(self._restore)
        self.selectionModel().currentChanged.connect(self._current_changed)
        session.currentSectionChanged.connect(self.select_section)
        self.expandAll()

    def outline_model(self) -> OutlineModel:
        return self.model()

    # -- state across resets ----------------------------------------------------------
    def _remember(self) -> None:
        model = self.outline_model()
        collapsed = set()
        for key, s in model._sections.items():
            index = model.createIndex(model._row[key], 0, key)
            if s.children and not self.isExpanded(index):
                collapsed.add(s.id)
        self._collapsed = collapsed

    def _restore(self) -> None:
        self.expandAll()
        model = self.outline_model()
        for sid in self._collapsed:
            index = model.index_of(sid)
            if index.isValid():
                self.collapse(index)
        self.select_section(self.session.current_section_id)

    def select_section(self, section_id: str) -> None:
        index = self.outline_model().index_of(section_id) if section_id else QModelIndex()
        if index == self.currentIndex():
            return
        self._syncing = True
        try:
            if index.isValid():
                parent = index.parent()
                while parent.isValid():
                    self.expand(parent)
                    parent = parent.parent()
                self.setCurrentIndex(index)
                self.scrollTo(index)
            else:
                self.selectionModel().clear()
        finally:
            self._syncing = False

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._syncing:
            return
        sid = self.outline_model().section_id(current)
        if sid:
            self.session.set_current_section(sid)
            self.sectionActivated.emit(sid)

    def current_section_id(self) -> str:
        return self.outline_model().section_id(self.currentIndex())

    # -- keyboard re-nesting ---------------------------------------------------------
    def promote_current(self) -> bool:
        sid = self.current_section_id()
        if sid and self.session.document.can_promote(sid):
            self.session.push(PromoteSectionCommand(self.session, sid))
            return True
        return False

    def demote_current(self) -> bool:
        sid = self.current_section_id()
        if sid and self.session.document.can_demote(sid):
            self.session.push(DemoteSectionCommand(self.session, sid))
            return True
        return False

    def keyPressEvent(self, event):
        key, mods = event.key(), event.modifiers()
        alt_shift = Qt.AltModifier | Qt.ShiftModifier
        if self.state() != QAbstractItemView.EditingState:
            if key == Qt.Key_Tab and not mods & ~Qt.KeypadModifier:
                self.demote_current()
                event.accept()
                return
            if key == Qt.Key_Backtab:
                self.promote_current()
                event.accept()
                return
            if (mods & alt_shift) == alt_shift and key == Qt.Key_Right:
                self.demote_current()
                event.accept()
                return
            if (mods & alt_shift) == alt_shift and key == Qt.Key_Left:
                self.promote_current()
                event.accept()
                return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, next_: bool) -> bool:
        # Tab and Shift+Tab re-nest sections instead of moving the focus
        if self.state() != QAbstractItemView.EditingState and self.hasFocus():
            return False
        return super().focusNextPrevChild(next_)
