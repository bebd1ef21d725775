"""FieldTextEdit: the body as the clerk sees it — text with live field chips.

The body's field text (``desktop.fields``) is shown as plain paragraphs in
which every field is one non-editable *chip*: a custom text object (one
character, U+FFFC) drawn as a rounded box showing the field's current value;
hovering shows what it is (“学前三年毛入园率（较上年变化）”).  Typing anywhere
just edits the text; Backspace/Delete remove a chip whole; Ctrl+Space (also
right after Chinese text) opens the menu of fields to insert.  Pasting takes
plain text, joining lines Word broke inside a sentence; copying gives the
text as shown.  ``field_text()`` gives the stored form back.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import (QColor, QFont, QFontMetricsF, QKeySequence, QPainter, QPen,
                           QPyTextObject, QTextCharFormat, QTextCursor, QTextFormat)
from PySide6.QtWidgets import QMenu, QTextEdit, QToolTip

from .. import fields, paste
from .text_fragments import restyle_fragments

CHIP = QTextFormat.ObjectTypes.UserObject + 1
EXPR = QTextFormat.Property.UserProperty + 1
VALUE = QTextFormat.Property.UserProperty + 2
LABEL = QTextFormat.Property.UserProperty + 3
BROKEN = QTextFormat.Property.UserProperty + 4
OBJECT = "\ufffc"


def is_undo_redo(event) -> bool:
    return (event.matches(QKeySequence.StandardKey.Undo)
            or event.matches(QKeySequence.StandardKey.Redo)
            or (event.key() == Qt.Key.Key_Y
                and event.modifiers() == Qt.KeyboardModifier.ControlModifier))


class ChipRenderer(QPyTextObject):
    """Draws a field chip: its value in a light rounded box."""

    PAD = 3.0

    def intrinsicSize(self, doc, pos, fmt):
        metrics = QFontMetricsF(fmt.toCharFormat().font())
        width = metrics.horizontalAdvance(str(fmt.property(VALUE) or "")) + 2 * self.PAD
        return QSizeF(max(width, 8.0), metrics.height())

    def drawObject(self, painter: QPainter, rect: QRectF, doc, pos, fmt):
        broken = bool(fmt.property(BROKEN))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(QColor("#d08080" if broken else "#8fb3e0"), 1))
        painter.setBrush(QColor("#fde8e8" if broken else "#e6effb"))
        painter.drawRoundedRect(rect.adjusted(0.5, 1, -0.5, -1), 3, 3)
        painter.setFont(fmt.toCharFormat().font())
        painter.setPen(QColor("#a00000" if broken else "#123f7a"))
        metrics = QFontMetricsF(fmt.toCharFormat().font())
        painter.drawText(QPointF(rect.left() + self.PAD, rect.top() + metrics.ascent()),
                         str(fmt.property(VALUE) or ""))
        painter.restore()


class FieldTextEdit(QTextEdit):
    """Body text with field chips; ``fieldTextEdited`` on every user edit."""

    fieldTextEdited = Signal(str)
    headingsPasted = Signal(str)  # pasted text with numbered headings

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self._renderer = ChipRenderer(self)
        self.document().documentLayout().registerHandler(CHIP, self._renderer)
        self.context: dict | None = None
        self.field_choices = lambda: []  # [(group label, [Field, …]), …]
        self._loading = False
        self.last_menu: QMenu | None = None
        self.names = False  # {{ org }} as a chip (a title), not as template source
        self.textChanged.connect(self._changed)

    # -- content --------------------------------------------------------------------------
    def _value(self, field: fields.Field) -> tuple[str, bool]:
        if self.context is None:
            return fields.broken_text(field), True
        try:
            return fields.field_text(field, self.context), False
        except Exception:  # TemplateError, a broken figures table
            return fields.broken_text(field), True

    def chip_format(self, field: fields.Field) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setObjectType(CHIP)
        value, broken = self._value(field)
        fmt.setProperty(EXPR, field.expr)
        fmt.setProperty(VALUE, value)
        fmt.setProperty(LABEL, field.label)
        fmt.setProperty(BROKEN, broken)
        fmt.setToolTip(field.label)
        return fmt

    def _insert_runs(self, cursor: QTextCursor, runs: list) -> None:
        bold = False
        for run in runs:
            if isinstance(run, fields.Bold):
                bold = run.on
            elif isinstance(run, fields.Field):
                fmt = self.chip_format(run)
                cursor.insertText(OBJECT, fmt)
            else:
                fmt = QTextCharFormat()
                if bold:
                    fmt.setFontWeight(QFont.Weight.Bold)
                for i, line in enumerate(run.split("\n")):
                    if i:
                        cursor.insertBlock()
                        bold = False  # a bold run ends with its paragraph
                        fmt = QTextCharFormat()
                    if line:
                        cursor.insertText(line, fmt)

    def set_field_text(self, text: str) -> None:
        """Show stored field text (template source would show as text)."""
        runs = fields.parse(text, names=self.names)
        if runs is None:
            runs = [text]
        self._loading = True
        try:
            cursor = QTextCursor(self.document())
            cursor.beginEditBlock()
            cursor.select(QTextCursor.SelectionType.Document)
            cursor.removeSelectedText()
            self._insert_runs(cursor, runs)
            cursor.endEditBlock()
        finally:
            self._loading = False

    def replace_field_text(self, text: str) -> None:
        """Replace the content keeping the cursor and scroll position."""
        pos = self.textCursor().position()
        bar = self.verticalScrollBar().value()
        self.set_field_text(text)
        cursor = self.textCursor()
        cursor.setPosition(min(pos, self.document().characterCount() - 1))
        self.setTextCursor(cursor)
        self.verticalScrollBar().setValue(bar)

    def runs(self) -> list:
        runs: list = []
        block = self.document().begin()
        first = True
        while block.isValid():
            if not first:
                runs.append("\n")
            first = False
            bold = False
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                fmt = frag.charFormat()
                if fmt.objectType() != CHIP:
                    is_bold = fmt.fontWeight() >= QFont.Weight.Bold
                    if is_bold != bold:
                        runs.append(fields.Bold(is_bold))
                        bold = is_bold
                if fmt.objectType() == CHIP:
                    m = fields.parse("{{ " + str(fmt.property(EXPR)) + " }}", names=True)
                    for _ in frag.text():
                        runs.extend(m or [])
                else:
                    runs.append(frag.text().replace(OBJECT, ""))
                it += 1
            if bold:
                runs.append(fields.Bold(False))
            block = block.next()
        return fields.merge_runs([r for r in runs if r != ""])

    def toggle_bold(self) -> None:
        """Ctrl+B: the selection (a lead-in such as 一是) bold or not."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return
        fmt = QTextCharFormat()
        bold = cursor.charFormat().fontWeight() < QFont.Weight.Bold
        fmt.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)
        cursor.mergeCharFormat(fmt)

    def field_text(self) -> str:
        return fields.serialize(self.runs())

    def display_text(self) -> str:
        """The text as printed now: chips replaced by their values."""
        return "".join(r if isinstance(r, str) else self._value(r)[0] for r in self.runs())

    def refresh_values(self) -> None:
        """Show every chip's current value (after the figures changed)."""
        self._loading = True
        try:
            doc = self.document()

            def current(fmt: QTextCharFormat) -> QTextCharFormat | None:
                if fmt.objectType() != CHIP:
                    return None
                m = fields.parse("{{ " + str(fmt.property(EXPR)) + " }}", names=True)
                if not m:
                    return None
                new = self.chip_format(m[0])
                if new.property(VALUE) == fmt.property(VALUE) and \
                        new.property(BROKEN) == fmt.property(BROKEN):
                    return None
                return new

            restyle_fragments(doc, current)
            doc.markContentsDirty(0, doc.characterCount())
        finally:
            self._loading = False

    def _changed(self) -> None:
        if not self._loading:
            self.fieldTextEdited.emit(self.field_text())

    # -- positions ------------------------------------------------------------------------
    def position_in_paragraph(self, paragraph: int, offset: int) -> int:
        """The document position of a printed paragraph's character ``offset``
        (paragraphs counted among non-blank lines, as the renderer does)."""
        block = self.document().begin()
        index = -1
        while block.isValid():
            text = block.text()
            if text.replace(OBJECT, "x").strip():
                index += 1
                if index == paragraph:
                    break
            block = block.next()
        if not block.isValid():
            return self.document().characterCount() - 1
        pos, printed = block.position(), 0
        lead = len(block.text()) - len(block.text().lstrip())
        pos += lead
        it = block.begin()
        while not it.atEnd():
            frag = it.fragment()
            fmt = frag.charFormat()
            start = max(frag.position(), pos)
            for i in range(start, frag.position() + frag.length()):
                width = len(str(fmt.property(VALUE) or "")) if fmt.objectType() == CHIP else 1
                if printed + width > offset:
                    return i
                printed += width
            it += 1
        return block.position() + block.length() - 1

    def select_printed(self, paragraph: int, start: int, end: int) -> None:
        """Select what a finding marks in a printed paragraph."""
        a = self.position_in_paragraph(paragraph, start)
        b = self.position_in_paragraph(paragraph, max(start, end - 1)) + (1 if end > start else 0)
        block = self.document().findBlock(a)
        b = min(b, block.position() + len(block.text()))  # never the paragraph's end mark
        cursor = self.textCursor()
        cursor.setPosition(a)
        cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    # -- inserting fields -----------------------------------------------------------------
    def insert_field(self, field: fields.Field) -> None:
        cursor = self.textCursor()
        cursor.insertText(OBJECT, self.chip_format(field))
        cursor.setCharFormat(QTextCharFormat())
        self.setTextCursor(cursor)
        self.setCurrentCharFormat(QTextCharFormat())

    def field_menu(self) -> QMenu:
        """The menu of fields to insert (what Ctrl+Space opens)."""
        menu = QMenu("插入数据", self)
        menu.setObjectName("fieldMenu")
        for group, items in self.field_choices():
            target = menu.addMenu(group) if group else menu
            for field in items:
                label = field.label if not field.figure else \
                    fields.ATTR_LABELS.get(field.attr, field.attr)
                value, broken = self._value(field)
                action = target.addAction(f"{label}　{'' if broken else value}".rstrip())
                action.setToolTip(field.label)
                action.triggered.connect(lambda _=False, f=field: self.insert_field(f))
        if menu.isEmpty():
            menu.addAction("（指标表为空，请先在“指标”中添加）").setEnabled(False)
        return menu

    def show_field_menu(self) -> QMenu:
        menu = self.field_menu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(self.viewport().mapToGlobal(self.cursorRect().bottomLeft()))
        self.last_menu = menu
        return menu

    # -- events ---------------------------------------------------------------------------
    def event(self, event):
        if event.type() == QEvent.Type.ShortcutOverride and (
                is_undo_redo(event) or self._is_field_key(event)):
            if is_undo_redo(event):
                event.ignore()
            else:
                event.accept()
            return True
        if event.type() == QEvent.Type.ToolTip:
            cursor = self.cursorForPosition(event.pos())
            for pos in (cursor.position(), cursor.position() + 1):
                c = QTextCursor(self.document())
                c.setPosition(pos)
                fmt = c.charFormat()
                if fmt.objectType() == CHIP:
                    QToolTip.showText(event.globalPos(), str(fmt.property(LABEL)), self)
                    return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().event(event)

    @staticmethod
    def _is_field_key(event) -> bool:
        # Ctrl+Space; input methods may report the space as Key_Space with text "　"
        return event.key() == Qt.Key.Key_Space and bool(
            event.modifiers() & Qt.KeyboardModifier.ControlModifier)

    def keyPressEvent(self, event):
        if is_undo_redo(event):
            event.ignore()
            return
        if self._is_field_key(event):
            self.show_field_menu()
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.Bold):
            self.toggle_bold()
            event.accept()
            return
        super().keyPressEvent(event)
        # never type on with a chip's format (the next character would be a chip)
        if self.currentCharFormat().objectType() == CHIP:
            self.setCurrentCharFormat(QTextCharFormat())

    def insertFromMimeData(self, source):
        """Paste plain text; a line Word broke inside a sentence joins the
        next (desktop.paste); pasted numbered headings are offered as
        sections (``headingsPasted`` with the pasted text)."""
        if not source.hasText():
            return
        raw = source.text()
        text = paste.join_broken_lines(raw) if "\n" in raw or "\r" in raw else raw
        cursor = self.textCursor()
        start = cursor.selectionStart()
        cursor.insertText(text, QTextCharFormat())
        self.ensureCursorVisible()
        if paste.has_headings(text):
            self.last_paste = (start, cursor.position(), text)
            self.headingsPasted.emit(text)

    def createMimeDataFromSelection(self):
        """Copy the text as shown: chips as their values, not as objects."""
        data = super().createMimeDataFromSelection()
        cursor = self.textCursor()
        if cursor.hasSelection():
            a, b = cursor.selectionStart(), cursor.selectionEnd()
            out = []
            for pos in range(a, b):
                c = QTextCursor(self.document())
                c.setPosition(pos)
                c.setPosition(pos + 1, QTextCursor.MoveMode.KeepAnchor)
                ch = c.selectedText()
                if ch == OBJECT:
                    fmt = c.charFormat()
                    out.append(str(fmt.property(VALUE) or ""))
                else:
                    out.append("\n" if ch == "\u2029" else ch)
            data.setText("".join(out))
        return data

    def remove_last_paste(self) -> str:
        """Take the text of the last paste out again (识别为章节 moves it)."""
        start, end, text = getattr(self, "last_paste", (0, 0, ""))
        if end > start:
            cursor = self.textCursor()
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
        self.last_paste = (0, 0, "")
        return text
