"""Word habits on whole sections: copy, cut and paste (with their children,
within and between windows), move up/down (Alt+↑/↓), delete with a question
when the section has children, pasted numbered headings made sections.

``SectionActions(window)`` makes the actions and adds them to the window;
every change is an undo command (several in one macro where needed).
"""

from __future__ import annotations

import atexit

from PySide6.QtCore import QMimeData, QObject
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMessageBox

from .. import paste, section_clipboard
from ..errors import ProjectFileError
from ..model import MAX_LEVEL
from ..render import render
from .commands import AddSectionCommand, DeleteSectionCommand, MoveSectionCommand


def _section_text(doc, sections) -> str:
    """The sections as printed, for other programs (Word, WPS, e-mail)."""
    ids = {s.id for top in sections for s in top.walk()}
    out = render(doc)
    return "\n".join(b.full_text for b in out.blocks if b.section_id in ids)


_release_registered = False


def release_clipboard() -> None:
    """Leave copied sections on the clipboard as plain text when the program
    ends: Qt crashes on exit while the clipboard holds a QMimeData made in
    Python (PySide6 6.x), so it is handed back as Qt's own text."""
    app = QGuiApplication.instance()
    if app is None:
        return
    board = QGuiApplication.clipboard()
    data = board.mimeData()
    if data is not None and data.hasFormat(section_clipboard.MIME):
        board.setText(data.text())


def _release_at_exit() -> None:
    global _release_registered
    if not _release_registered:
        atexit.register(release_clipboard)
        _release_registered = True


class SectionActions(QObject):
    def __init__(self, window, ask=None):
        super().__init__(window)
        self.window = window
        self.session = window.session
        # ask(title, text) -> bool: the window's question (tests replace it)
        self.ask = ask or self._ask

        def act(text, slot, shortcut=None, tip=""):
            a = QAction(text, window)
            if shortcut:
                a.setShortcut(QKeySequence(shortcut))
            if tip:
                a.setStatusTip(tip)
                a.setToolTip(tip)
            a.triggered.connect(slot)
            window.addAction(a)
            return a

        self.act_copy = act("复制章节", self.copy, "Ctrl+Alt+C", "复制当前章节（连同下级章节）")
        self.act_cut = act("剪切章节", self.cut, "Ctrl+Alt+X", "剪切当前章节（连同下级章节）")
        self.act_paste = act("粘贴章节", self.paste, "Ctrl+Alt+V",
                             "把复制的章节粘贴到当前章节之后")
        self.act_move_up = act("上移章节", self.move_up, "Alt+Up", "把当前章节移到上一个同级章节之前")
        self.act_move_down = act("下移章节", self.move_down, "Alt+Down",
                                 "把当前章节移到下一个同级章节之后")

    def actions(self) -> list[QAction]:
        return [self.act_move_up, self.act_move_down, self.act_copy, self.act_cut, self.act_paste]

    # -- helpers ---------------------------------------------------------------------------
    def _ask(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self.window, title, text,
                                      QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
        return answer == QMessageBox.Yes

    def current(self):
        sid = self.session.current_section_id
        return self.session.document.find(sid) if sid else None

    def _status(self, text: str) -> None:
        bar = getattr(self.window, "statusBar", None)
        if callable(bar):
            bar().showMessage(text, 5000)

    # -- clipboard -------------------------------------------------------------------------
    def copy(self) -> bool:
        section = self.current()
        if section is None:
            return False
        data = QMimeData()
        data.setData(section_clipboard.MIME,
                     section_clipboard.dumps([section]).encode("utf-8"))
        data.setText(_section_text(self.session.document, [section]))
        QGuiApplication.clipboard().setMimeData(data)
        _release_at_exit()
        count = sum(1 for _ in section.walk())
        self._status(f"已复制章节“{section.title[:20]}”" + (f"（含 {count - 1} 个下级章节）"
                                                          if count > 1 else ""))
        return True

    def cut(self) -> bool:
        section = self.current()
        if section is None or not self.copy():
            return False
        self.session.push(DeleteSectionCommand(self.session, section.id))
        return True

    def clipboard_sections(self):
        data = QGuiApplication.clipboard().mimeData()
        if data is None or not data.hasFormat(section_clipboard.MIME):
            return None
        raw = bytes(data.data(section_clipboard.MIME)).decode("utf-8", "replace")
        return section_clipboard.loads(raw)

    def paste(self) -> bool:
        """Paste the copied sections after the current one (same level)."""
        try:
            sections = self.clipboard_sections()
        except ProjectFileError as e:
            QMessageBox.warning(self.window, "无法粘贴章节", e.message)
            return False
        if not sections:
            self._status("剪贴板中没有章节（先在提纲中选中章节，按 Ctrl+Alt+C 复制）")
            return False
        self.insert_after_current(sections, "粘贴章节")
        return True

    def insert_after_current(self, sections, label: str) -> None:
        doc = self.session.document
        current = self.current()
        if current is None:
            parent_id, index, level = None, len(doc.sections), 1
        else:
            parent, i = doc.locate(current.id)
            parent_id, index, level = (parent.id if parent else None), i + 1, current.level
        stack = self.session.undo_stack
        stack.beginMacro(label)
        try:
            for k, s in enumerate(sections):
                shift = level - s.level
                for sub in s.walk():
                    sub.level = max(1, min(MAX_LEVEL, sub.level + shift))
                self.session.push(AddSectionCommand(self.session, parent_id, index + k, s, label))
        finally:
            stack.endMacro()
        if sections:
            self.session.set_current_section(sections[0].id)

    def paste_text_as_sections(self, section_id: str, text: str) -> int:
        """识别为章节: pasted text with numbered headings → sections after
        ``section_id``; text before the first heading goes back into the
        body.  Returns the number of sections made."""
        section = self.session.document.find(section_id)
        if section is None:
            return 0
        lead, sections = paste.split_sections(text, base_level=section.level)
        if lead:
            editor = getattr(self.window, "editor", None)
            if editor is not None:
                editor.insert_text(lead)
        self.session.set_current_section(section_id)
        self.insert_after_current(sections, "识别为章节")
        return sum(1 for top in sections for _ in top.walk())

    # -- moving and deleting ----------------------------------------------------------------
    def _move(self, step: int) -> bool:
        section = self.current()
        if section is None:
            return False
        parent, index = self.session.document.locate(section.id)
        siblings = parent.children if parent else self.session.document.sections
        target = index + step
        if not 0 <= target < len(siblings):
            return False
        self.session.push(MoveSectionCommand(self.session, section.id,
                                             parent.id if parent else None, target))
        self.session.set_current_section(section.id)
        return True

    def move_up(self) -> bool:
        return self._move(-1)

    def move_down(self) -> bool:
        return self._move(1)

    def confirm_delete(self, section) -> bool:
        """A section with children is deleted only after a question."""
        n = sum(1 for _ in section.walk()) - 1
        if n == 0:
            return True
        return self.ask("删除章节", f"“{section.title[:20]}”下面还有 {n} 个下级章节，"
                                    "将一并删除（可以撤销）。确定删除吗？")
