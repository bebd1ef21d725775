"""SourceEdit: a section's template (模板源码), for template authors.

Highlights ``{{ … }}``, ``{% … %}`` and ``{# … #}`` and completes the
template variables and figures (``fig.名称`` and, after ``fig.名称.``, the
figure's attributes) — Ctrl+Space shows them.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QStringListModel, Qt
from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QCompleter, QPlainTextEdit

from ..templating import CONTEXT_NAMES, FIGURE_ATTRIBUTES
from .field_edit import is_undo_redo as _is_undo_redo

FILTER_NAMES = ("cn", "date", "cn_date", "cn_year", "num", "default", "round", "int")


class TemplateHighlighter(QSyntaxHighlighter):
    """Colours template code inside the body text."""

    RULES = (
        (re.compile(r"\{\{.*?\}\}"), "#1f5fbf", False),
        (re.compile(r"\{%.*?%\}"), "#8a2be2", False),
        (re.compile(r"\{#.*?#\}"), "#808080", False),
    )
    FIG = re.compile(r"fig\.[^\W\d][\w]*|fig\[\s*[\"'][^\"']+[\"']\s*\]")

    def __init__(self, document):
        super().__init__(document)
        self.formats = []
        for pattern, color, bold in self.RULES:
            fmt = QTextCharFormat()
            fmt.setForeground(QColor(color))
            fmt.setBackground(QColor(color).lighter(190))
            self.formats.append((pattern, fmt))
        self.fig_format = QTextCharFormat()
        self.fig_format.setFontWeight(QFont.Bold)
        self.fig_format.setForeground(QColor("#b35900"))

    def highlightBlock(self, text: str) -> None:
        for pattern, fmt in self.formats:
            for m in pattern.finditer(text):
                self.setFormat(m.start(), m.end() - m.start(), fmt)
                for f in self.FIG.finditer(m.group(0)):
                    self.setFormat(m.start() + f.start(), f.end() - f.start(), self.fig_format)


class SourceEdit(QPlainTextEdit):
    """A section's template (模板源码) with completion of variables and figures."""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self.completion_model = QStringListModel(self)
        self.completer = QCompleter(self.completion_model, self)
        self.completer.setWidget(self)
        self.completer.setCompletionMode(QCompleter.PopupCompletion)
        self.completer.setCaseSensitivity(Qt.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchStartsWith)
        self.completer.activated.connect(self.insert_completion)
        self.highlighter = TemplateHighlighter(self.document())

    # -- completion -----------------------------------------------------------------
    def completion_prefix(self) -> tuple[str, bool]:
        """(the word being typed, whether the cursor is inside template code)."""
        cursor = self.textCursor()
        block = cursor.block().text()[:cursor.positionInBlock()]
        before = self.toPlainText()[:cursor.position()]
        inside = max(before.rfind("{{"), before.rfind("{%")) > max(before.rfind("}}"),
                                                                  before.rfind("%}"))
        m = re.search(r"(fig\.[^\W\d][\w]*\.[\w]*|fig\.[\w]*|[^\W\d][\w]*)$", block)
        return (m.group(1) if m else ""), inside

    def candidates(self, prefix: str) -> list[str]:
        names = [f.name for f in self.session.document.figures]
        if prefix.startswith("fig.") and prefix.count(".") >= 2:
            base = prefix.rsplit(".", 1)[0]
            return [f"{base}.{a}" for a in FIGURE_ATTRIBUTES]
        if prefix.startswith("fig."):
            return [f"fig.{n}" for n in names]
        return list(CONTEXT_NAMES) + [f"fig.{n}" for n in names] + list(FILTER_NAMES)

    def update_completer(self, force: bool = False) -> bool:
        prefix, inside = self.completion_prefix()
        popup = self.completer.popup()
        if not force and (not inside or not prefix):
            popup.hide()
            return False
        self.completion_model.setStringList(self.candidates(prefix))
        self.completer.setCompletionPrefix(prefix)
        if self.completer.completionCount() == 0:
            popup.hide()
            return False
        rect = self.cursorRect()
        rect.setWidth(popup.sizeHintForColumn(0) + popup.verticalScrollBar().sizeHint().width())
        self.completer.complete(rect)
        popup.setCurrentIndex(self.completer.completionModel().index(0, 0))
        return True

    def insert_completion(self, text: str) -> None:
        prefix = self.completer.completionPrefix()
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.Left, QTextCursor.KeepAnchor, len(prefix))
        cursor.insertText(text)
        self.setTextCursor(cursor)

    # -- keys ----------------------------------------------------------------------------
    def event(self, event):
        if event.type() == QEvent.ShortcutOverride and _is_undo_redo(event):
            event.ignore()
            return True
        return super().event(event)

    def keyPressEvent(self, event):
        popup = self.completer.popup()
        if popup.isVisible() and event.key() in (Qt.Key_Enter, Qt.Key_Return, Qt.Key_Escape,
                                                 Qt.Key_Tab, Qt.Key_Backtab):
            if event.key() in (Qt.Key_Enter, Qt.Key_Return, Qt.Key_Tab):
                index = popup.currentIndex()
                if index.isValid():
                    self.insert_completion(index.data())
            popup.hide()
            event.accept()
            return
        if _is_undo_redo(event):
            event.ignore()
            return
        if event.key() == Qt.Key_Space and event.modifiers() == Qt.ControlModifier:
            self.update_completer(force=True)
            return
        super().keyPressEvent(event)
        if event.text() and (event.text()[-1].isalnum() or event.text()[-1] in "._"
                             or ord(event.text()[-1]) > 0x2e80):
            self.update_completer()
        elif popup.isVisible():
            popup.hide()
