"""FieldLineEdit: a one-line FieldTextEdit for a title (文档属性 → 标题).

The title is stored as field text (``{{ org }}{{ year }}年工作总结``) so the
year roll-forward and the render keep working; the clerk sees it as a line
edit with chips (机关名称, 本年度 …) and never the template code.  It behaves
like a QLineEdit: one line high, no wrapping, Enter/Return go on to the
dialog (its default button), pasted line breaks vanish, Ctrl+Space inserts
a field, Ctrl+Z/Ctrl+Y undo inside the field.  ``text()``/``setText()``
speak field text, as the dialog's other line edits speak plain text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import (QFontMetrics, QKeySequence, QPainter, QTextCharFormat, QTextCursor,
                           QTextOption)
from PySide6.QtWidgets import QFrame, QLineEdit, QSizePolicy, QStyle, QStyleOptionFrame

from .. import fields
from .field_edit import FieldTextEdit, is_undo_redo


def _one_line(text: str) -> str:
    return text.replace("\r", "").replace("\n", "").replace("\u2029", "")


class FieldLineEdit(FieldTextEdit):
    """A single-line field text editor (title chips)."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self.setUndoRedoEnabled(True)
        self.names = True
        self.setLineWrapMode(FieldTextEdit.LineWrapMode.NoWrap)
        self.setWordWrapMode(QTextOption.WrapMode.NoWrap)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().setDocumentMargin(2)
        self.setFixedHeight(self.sizeHint().height())
        self.field_choices = self.name_choices
        self.setText(text)

    # -- QLineEdit-like API ------------------------------------------------------------
    def text(self) -> str:
        """The stored field text (``{{ org }}{{ year }}年…``)."""
        return self.field_text()

    def setText(self, text: str) -> None:
        self.set_field_text(_one_line(text))
        self.document().clearUndoRedoStacks()
        self.moveCursor(QTextCursor.MoveOperation.End)

    def sizeHint(self) -> QSize:
        line = QLineEdit()
        line.setFont(self.font())
        hint = line.sizeHint()
        metrics = QFontMetrics(self.font())
        # a chip is as high as the font's line: leave room for it and the frame
        option = QStyleOptionFrame()
        option.initFrom(self)
        frame = 2 * self.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, option, self)
        height = max(hint.height(), metrics.height() + 2 * 2 + frame + 2)
        return QSize(hint.width() * 2, height)

    def minimumSizeHint(self) -> QSize:
        return QSize(60, self.sizeHint().height())

    @staticmethod
    def name_choices() -> list:
        """What Ctrl+Space offers in a title: the issuing body's names, then the years."""
        return [("", [fields.Field(name=n) for n in (*fields.ORG_FIELDS, *fields.YEAR_FIELDS)])]

    def _value(self, field: fields.Field) -> tuple[str, bool]:
        value, broken = super()._value(field)
        if not value and field.name in fields.ORG_FIELDS:  # 发文机关 not filled in yet
            return fields.broken_text(field), True
        return value, broken

    def toggle_bold(self) -> None:
        """A title has no bold runs."""

    # -- events ------------------------------------------------------------------------
    def paintEvent(self, event):
        super().paintEvent(event)
        # QTextEdit lays its placeholder out at the wrap width: none without wrapping
        if self.document().isEmpty() and self.placeholderText():
            painter = QPainter(self.viewport())
            painter.setPen(self.palette().placeholderText().color())
            margin = round(self.document().documentMargin())
            rect = self.viewport().rect().adjusted(margin, margin, -margin, -margin)
            text = self.fontMetrics().elidedText(self.placeholderText(),
                                                 Qt.TextElideMode.ElideRight, rect.width())
            painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), text)
            painter.end()

    def event(self, event):
        if event.type() == QEvent.Type.ShortcutOverride and is_undo_redo(event):
            event.accept()  # undo inside the field (the dialog has no undo of its own)
            return True
        return super().event(event)

    def keyPressEvent(self, event):
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.ignore()  # the dialog's default button
            return
        if is_undo_redo(event):
            self.undo() if event.matches(QKeySequence.StandardKey.Undo) else self.redo()
            event.accept()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source):
        """Paste plain text on this line: line breaks become nothing."""
        if not source.hasText():
            return
        cursor = self.textCursor()
        cursor.insertText(_one_line(source.text()), QTextCharFormat())
        self.setTextCursor(cursor)
        self.ensureCursorVisible()
