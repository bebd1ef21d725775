"""The section editor: title line, body text with live fields, inline errors.

The body is edited as text (``field_edit.FieldTextEdit``): figures and years
are chips that show their current value; a template-driven section
(``desktop.fields.is_live``) shows the text its template gives now, and the
clerk's first edit keeps that text as theirs.  Template authors switch to
the 模板源码 view (``SourceEdit``: the template with highlighting and
completion of variables and figures); “转为普通文字” freezes the fields into
plain text.  Edits go through undo commands (typing merges into one undo
step); the widgets' own undo is off so Ctrl+Z/Ctrl+Y always reach the
document's undo stack.  A render error is shown under the body — not in a
dialog, and never as template code in the text.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (QCheckBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit,
                               QPushButton, QStackedWidget, QTextEdit, QVBoxLayout, QWidget)

from .. import fields
from ..errors import DrafterError
from ..render import CLOSING, PREAMBLE, PROPERTIES
from ..templating import base_context
from .commands import (EditSectionTextCommand, EditTemplateTextCommand, SetRunInCommand,
                       SetSectionTextsCommand, ValueCommand)
from .commands.value import SourceText
from .field_edit import FieldTextEdit
from .field_edit import is_undo_redo as _is_undo_redo
from .source_edit import SourceEdit

LEVEL_NAMES = {1: "一级标题", 2: "二级标题", 3: "三级标题", 4: "四级标题"}
PARTS = {PREAMBLE: "preamble", CLOSING: "closing"}  # shown in the editor like a section
PART_LABELS = {"preamble": "开头导语", "closing": "结束语"}


class TitleEdit(QLineEdit):
    """A line edit whose Ctrl+Z/Ctrl+Y go to the window (the document's undo)."""

    def event(self, event):
        if event.type() == QEvent.ShortcutOverride and _is_undo_redo(event):
            event.ignore()
            return True
        return super().event(event)

    def keyPressEvent(self, event):
        if _is_undo_redo(event):
            event.ignore()
            return
        super().keyPressEvent(event)


class SectionEditor(QWidget):
    """Title, body and run-in switch of the current section."""

    errorShown = Signal(str)  # the inline error text, "" when none
    sectionsPasted = Signal(str, str)  # (section id, pasted text): 识别为章节

    def __init__(self, session, live=None, parent=None):
        super().__init__(parent)
        self.session = session
        self.live = live
        self.section_id = ""
        self._loading = False
        self._shown_body = ""  # the field text the body shows (template-driven sections)
        self.setObjectName("sectionEditor")

        self.stack = QStackedWidget(self)
        empty = QLabel("在左侧提纲中选择一个章节，或用“插入”菜单添加章节。")
        empty.setAlignment(Qt.AlignCenter)
        empty.setWordWrap(True)
        empty.setObjectName("editorPlaceholder")
        self.stack.addWidget(empty)

        page = QWidget()
        self.heading = QLabel()
        self.heading.setObjectName("editorHeading")
        self.title_edit = TitleEdit()
        self.title_edit.setObjectName("titleEdit")
        self.title_edit.setPlaceholderText("章节标题（不含编号）")
        self.title_edit.setAccessibleName("章节标题")
        self.run_in = QCheckBox("标题与正文同段")  # the example in its tooltip: a narrow editor
        self.run_in.setToolTip("三、四级标题后直接接正文，排在同一段中，如“1.标题。正文……”")
        self.run_in.setObjectName("runInCheck")
        self.body_edit = FieldTextEdit()
        self.body_edit.setObjectName("bodyEdit")
        self.body_edit.setAccessibleName("章节正文")
        self.body_edit.setPlaceholderText("正文，每行一段。按 Ctrl+空格 插入指标数据或年度"
                                          "（随指标表自动更新）。")
        self.body_edit.field_choices = self.field_choices
        self.source_edit = SourceEdit(session)
        self.source_edit.setObjectName("sourceEdit")
        self.source_edit.setAccessibleName("模板源码")
        self.source_edit.setPlaceholderText("模板源码：可使用 {{ year }}、{{ fig.指标名 }}、"
                                            "{% if … %} 等，按 Ctrl+空格 显示可用的变量。")
        self.body_stack = QStackedWidget()
        self.body_stack.addWidget(self.body_edit)
        self.body_stack.addWidget(self.source_edit)
        self.source_toggle = QPushButton("模板源码")
        self.source_toggle.setObjectName("sourceToggle")
        self.source_toggle.setCheckable(True)
        self.source_toggle.setToolTip("查看、修改本章节所用的模板（供编写模板的人员使用）")
        self.freeze_button = QPushButton("转为普通文字")
        self.freeze_button.setObjectName("freezeButton")
        self.freeze_button.setToolTip("把本章节中的指标数据固定为当前数值，不再随指标表变化")
        self.regenerate_button = QPushButton("按模板重新生成")
        self.regenerate_button.setObjectName("regenerateButton")
        self.regenerate_button.setToolTip("放弃本章节正文的修改，按模板和当前指标重新生成（可撤销）")
        # pasted numbered headings: offer to make them sections
        self.paste_bar = QWidget()
        self.paste_bar.setObjectName("pasteBar")
        bar = QHBoxLayout(self.paste_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar_label = QLabel("粘贴的内容中有编号标题（如“一、”“（一）”）。")
        self.paste_sections_button = QPushButton("识别为章节")
        self.paste_sections_button.setObjectName("pasteSectionsButton")
        self.paste_sections_button.setToolTip("把粘贴的编号标题变成提纲中的章节，其后的文字作为各章节正文")
        self.paste_keep_button = QPushButton("保持为正文")
        bar.addWidget(bar_label, 1)
        bar.addWidget(self.paste_sections_button)
        bar.addWidget(self.paste_keep_button)
        self.paste_bar.setStyleSheet("QWidget#pasteBar { background: #fff6d5; }")
        self.paste_bar.hide()
        self.mode_label = QLabel()
        self.mode_label.setObjectName("modeLabel")
        self.mode_label.setStyleSheet("color: #555555;")
        # wraps (into two lines at most) rather than widen the editor
        self.mode_label.setWordWrap(True)
        self.mode_label.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.mode_label.setMinimumWidth(self.mode_label.fontMetrics().horizontalAdvance(
            "随指标表更新") + 4)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorLabel")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.error_label.setStyleSheet("QLabel#errorLabel { background: #fde8e8; color: #a00000;"
                                       " border: 1px solid #f0b0b0; padding: 4px; }")
        self.error_label.hide()
        # last year's planned text (plan → summary): read-only, never exported
        self.reference_box = QWidget()
        self.reference_box.setObjectName("referenceBox")
        ref_layout = QVBoxLayout(self.reference_box)
        ref_layout.setContentsMargins(0, 0, 0, 0)
        ref_label = QLabel("去年计划（参考，不导出）：")
        ref_label.setStyleSheet("color: #555555;")
        self.reference_view = QPlainTextEdit()
        self.reference_view.setObjectName("referenceView")
        self.reference_view.setReadOnly(True)
        self.reference_view.setMaximumHeight(120)
        self.reference_view.setStyleSheet("QPlainTextEdit#referenceView { background: #f4f6f8;"
                                          " color: #333333; }")
        ref_layout.addWidget(ref_label)
        ref_layout.addWidget(self.reference_view)
        self.reference_box.hide()

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.title_edit, 1)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        # two rows, so that the editor's minimum width stays narrow and the
        # splitter never squeezes the preview: 标题与正文同段 and the mode, then the buttons
        tools = QHBoxLayout()
        tools.addWidget(self.run_in)
        tools.addWidget(self.mode_label, 1)  # the rest of the row, so one line where it fits
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.regenerate_button)
        buttons.addWidget(self.freeze_button)
        buttons.addWidget(self.source_toggle)
        layout.addLayout(tools)
        layout.addLayout(buttons)
        layout.addWidget(self.paste_bar)
        layout.addWidget(self.body_stack, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.reference_box)
        self.stack.addWidget(page)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        self.title_edit.textEdited.connect(self._title_edited)
        self.body_edit.fieldTextEdited.connect(self._body_changed)
        self.source_edit.textChanged.connect(self._source_changed)
        self.source_toggle.toggled.connect(self._show_source)
        self.freeze_button.clicked.connect(self.freeze)
        self.regenerate_button.clicked.connect(self.regenerate)
        self.body_edit.headingsPasted.connect(lambda _text: self.paste_bar.show())
        self.paste_keep_button.clicked.connect(self.paste_bar.hide)
        self.paste_sections_button.clicked.connect(self._paste_as_sections)
        session.figuresChanged.connect(self._context_changed)
        session.propertiesChanged.connect(self._context_changed)
        self.run_in.toggled.connect(self._run_in_toggled)
        session.currentSectionChanged.connect(self.load_section)
        session.sectionChanged.connect(self._section_changed)
        session.outlineChanged.connect(self._outline_changed)
        session.documentReset.connect(lambda: self.load_section(session.current_section_id))
        if live is not None:
            live.rendered.connect(self._rendered)
        self.load_section(session.current_section_id)

    # -- loading -------------------------------------------------------------------
    def section(self):
        return self.session.document.find(self.section_id) if self.section_id else None

    def load_section(self, section_id: str) -> None:
        self.paste_bar.hide()
        if section_id in PARTS:
            self._load_part(section_id)
            return
        for w in (self.title_edit, self.run_in):
            w.show()
        section = self.session.document.find(section_id) if section_id else None
        self.section_id = section.id if section else ""
        if section is None:
            self.stack.setCurrentIndex(0)
            self._show_errors([])
            return
        self._loading = True
        try:
            self.title_edit.setText(self._title_text(section))
            self._load_body(section)
            self.body_edit.moveCursor(QTextCursor.Start)
            self.source_edit.setPlainText(section.template_text)
            self._update_heading(section)
            self._update_reference(section)
        finally:
            self._loading = False
        self.stack.setCurrentIndex(1)
        if self.live is not None and self.live.result is not None:
            self._show_errors(self.live.errors_for(self.section_id))

    # -- 开头导语 and 结束语: edited here like a section --------------------------------
    def part(self) -> str:
        """"preamble" / "closing" when one of them is in the editor, else ""."""
        return PARTS.get(self.section_id, "")

    def _part_text(self, key: str) -> str:
        text = getattr(self.session.document.properties, key)
        if fields.is_field_text(text):
            return text
        context = self.context()
        try:  # older documents keep template code here: shown as its text
            return fields.materialize(text, context) if context is not None else text
        except DrafterError:
            return text

    def _load_part(self, section_id: str) -> None:
        self.section_id = section_id
        key = PARTS[section_id]
        self._loading = True
        try:
            self.body_edit.context = self.context()
            self._shown_body = self._part_text(key)
            self.body_edit.set_field_text(self._shown_body)
            self.body_edit.moveCursor(QTextCursor.Start)
            self.heading.setText(PART_LABELS[key])
            for w in (self.title_edit, self.run_in, self.source_toggle, self.freeze_button,
                      self.regenerate_button, self.reference_box):
                w.hide()
            self.source_toggle.setChecked(False)
            self.mode_label.setText("第一个一级标题之前的导语，每行一段" if key == "preamble"
                                    else "最后一个章节之后的结束语，每行一段")
        finally:
            self._loading = False
        self.stack.setCurrentIndex(1)
        if self.live is not None and self.live.result is not None:
            self._show_errors(self.live.errors_for(section_id))

    def _part_changed(self) -> None:
        """Undo/redo or the properties dialog changed the shown part."""
        key = self.part()
        text = self._part_text(key)
        if text != self.body_edit.field_text():
            self._loading = True
            try:
                self._shown_body = text
                self.body_edit.context = self.context()
                self.body_edit.replace_field_text(text)
            finally:
                self._loading = False

    # -- fields -----------------------------------------------------------------------
    def context(self) -> dict | None:
        try:
            return base_context(self.session.document)
        except DrafterError:  # a broken formula: fields show their names
            return None

    def field_choices(self) -> list:
        """What Ctrl+Space offers: the years, then each figure's values."""
        years = [fields.Field(name=n) for n in fields.YEAR_FIELDS]
        groups = [("", years)]
        attrs = ("", "last", "target", "change", "vs_last", "diff", "vs_last_diff", "vs_target")
        for f in self.session.document.figures:
            groups.append((f.name, [fields.figure_field(f.name, a) for a in attrs]))
        return groups

    def _title_text(self, section) -> str:
        runs = fields.parse(section.title)
        context = self.context()
        if runs is None or context is None:
            return section.title
        return fields.render_runs(runs, context)

    def _editable_body(self, section) -> tuple[str, str]:
        """(field text to show, error text) of a section."""
        context = self.context()
        if context is None or not fields.is_live(section):
            return section.body, ""
        try:
            return fields.editable_text(section, context), ""
        except DrafterError as e:
            return "", getattr(e, "message", str(e))

    def _load_body(self, section) -> None:
        self.body_edit.context = self.context()
        text, _ = self._editable_body(section)
        self._shown_body = text
        self.body_edit.set_field_text(text)
        self._update_mode(section)

    def _update_mode(self, section) -> None:
        live = fields.is_live(section)
        has_source = bool(section.template_text)
        has_fields = any(isinstance(r, fields.Field) for r in (fields.parse(section.body) or []))
        self.mode_label.setText("按模板生成，随指标表更新" if live else
                                ("含指标数据，随指标表更新" if has_fields else ""))
        self.regenerate_button.setVisible(has_source and not live)
        self.freeze_button.setVisible(live or has_fields)
        self.source_toggle.setVisible(has_source or self.source_toggle.isChecked())
        if not has_source and self.source_toggle.isChecked():
            self.source_toggle.setChecked(False)

    def _context_changed(self) -> None:
        """Figures or properties changed: chips and template-driven text follow."""
        if self.part():
            self._part_changed()
            self.body_edit.refresh_values()
            return
        section = self.section()
        if section is None:
            return
        self.body_edit.context = self.context()
        self._loading = True
        try:
            if fields.is_live(section):
                text, _ = self._editable_body(section)
                if text != self._shown_body:
                    self._shown_body = text
                    self.body_edit.replace_field_text(text)
            self.body_edit.refresh_values()
            title = self._title_text(section)
            if self.title_edit.text() != title:
                self.title_edit.setText(title)
        finally:
            self._loading = False

    def _show_source(self, on: bool) -> None:
        self.body_stack.setCurrentIndex(1 if on else 0)
        (self.source_edit if on else self.body_edit).setFocus()

    def _source_changed(self) -> None:
        if self._loading or not self.section_id:
            return
        section = self.section()
        text = self.source_edit.toPlainText()
        if section is None or section.template_text == text:
            return
        self.session.push(EditTemplateTextCommand(self.session, self.section_id, text))

    def _paste_as_sections(self) -> None:
        """识别为章节: take the pasted text out of the body and hand it to the
        window, which makes sections of it after this one."""
        self.paste_bar.hide()
        if not self.section_id:
            return
        text = self.body_edit.remove_last_paste()
        if text:
            self.sectionsPasted.emit(self.section_id, text)

    def freeze(self) -> None:
        """转为普通文字: the fields become their current values."""
        section = self.section()
        context = self.context()
        if section is None or context is None:
            return
        try:
            text = fields.freeze(fields.body_source(section), context)
        except DrafterError as e:
            self._show_errors([], extra=f"无法转为普通文字：{getattr(e, 'message', e)}")
            return
        self.session.push(SetSectionTextsCommand(self.session, section.id,
                                                 {"body": text, "template_text": ""},
                                                 "转为普通文字"))

    def regenerate(self) -> None:
        """按模板重新生成: the section follows its template again."""
        section = self.section()
        if section is None or not section.template_text:
            return
        self.session.push(SetSectionTextsCommand(self.session, section.id, {"body": ""},
                                                 "按模板重新生成"))

    def _update_reference(self, section) -> None:
        reference = getattr(section, "reference", "") or ""
        if self.reference_view.toPlainText() != reference:
            self.reference_view.setPlainText(reference)
        self.reference_box.setVisible(bool(reference.strip()))

    def _update_heading(self, section) -> None:
        number = ""
        if self.live is not None and self.live.result is not None:
            number = self.live.result.numbers.get(section.id, "")
        self.heading.setText(f"{LEVEL_NAMES.get(section.level, '')} {number}".strip())
        self.run_in.blockSignals(True)
        self.run_in.setChecked(section.run_in)
        self.run_in.setEnabled(section.level >= 3)
        self.run_in.blockSignals(False)

    def _section_changed(self, section_id: str) -> None:
        if section_id != self.section_id:
            return
        section = self.section()
        if section is None:
            return
        self._loading = True
        try:
            title = self._title_text(section)
            if self.title_edit.text() != title:
                pos = self.title_edit.cursorPosition()
                self.title_edit.setText(title)
                self.title_edit.setCursorPosition(min(pos, len(title)))
            text, _ = self._editable_body(section)
            if self.body_edit.field_text() != text:
                self._shown_body = text
                self.body_edit.replace_field_text(text)
            if self.source_edit.toPlainText() != section.template_text:
                self.source_edit.setPlainText(section.template_text)
            self._update_heading(section)
            self._update_mode(section)
        finally:
            self._loading = False

    def _outline_changed(self) -> None:
        if self.part():
            return
        if self.section_id and self.session.document.find(self.section_id) is None:
            self.load_section("")
        elif self.section_id:
            self._section_changed(self.section_id)

    # -- edits -----------------------------------------------------------------------
    def _title_edited(self, text: str) -> None:
        if self._loading or not self.section_id or self.part():
            return
        # the title as typed is literal text (a year field in it becomes text)
        self.session.push(EditSectionTextCommand(self.session, self.section_id, "title",
                                                 fields.literal(text)))

    def _body_changed(self, text: str | None = None) -> None:
        if self._loading or not self.section_id:
            return
        if text is None:
            text = self.body_edit.field_text()
        if self.part():
            key = self.part()
            if text != getattr(self.session.document.properties, key) and \
                    text != self._shown_body:
                self._shown_body = text
                self.session.push(ValueCommand(self.session, SourceText(PROPERTIES, key), text,
                                               f"编辑{PART_LABELS[key]}", merge=True))
            return
        section = self.section()
        if section is None or section.body == text:
            return
        if fields.is_live(section) and text == self._shown_body:
            return  # only shown, not edited
        self._shown_body = text
        self.session.push(EditSectionTextCommand(self.session, self.section_id, "body", text))

    def _run_in_toggled(self, value: bool) -> None:
        if self._loading or not self.section_id:
            return
        self.session.push(SetRunInCommand(self.session, self.section_id, value))

    def insert_text(self, text: str) -> None:
        """Insert text (a phrase, a figure reference) at the body's cursor."""
        if not self.section_id:
            return
        if self.source_toggle.isChecked():
            self.source_edit.insertPlainText(text)
            self.source_edit.setFocus()
            return
        self.body_edit.textCursor().insertText(text)
        self.body_edit.setFocus()

    def select_printed(self, paragraph: int, start: int, end: int) -> None:
        """Select characters of a printed paragraph of the body (proofreading)."""
        self.source_toggle.setChecked(False)
        self.body_edit.select_printed(paragraph, start, end)

    def select_in_body(self, start: int, end: int, paragraph: int | None = None) -> None:
        """Select characters of the body as shown (for find)."""
        self.source_toggle.setChecked(False)
        cursor = self.body_edit.textCursor()
        length = self.body_edit.document().characterCount() - 1
        cursor.setPosition(max(0, min(start, length)))
        cursor.setPosition(max(0, min(end, length)), QTextCursor.KeepAnchor)
        self.body_edit.setTextCursor(cursor)
        self.body_edit.ensureCursorVisible()

    # -- errors -------------------------------------------------------------------------
    def _rendered(self, rendered) -> None:
        if self.section_id:
            section = self.section()
            if section is not None:
                self._update_heading(section)
        self._show_errors(self.live.errors_for(self.section_id) if self.section_id else [])

    def _show_errors(self, errors, extra: str = "") -> None:
        texts = [extra] if extra else []
        title_error = False
        marks = []
        section = self.section()
        from_source = section is not None and (fields.is_live(section)
                                               or not fields.is_field_text(section.body))
        for e in errors:
            err = e.error
            detail = getattr(err, "detail", None) or str(err)
            line = getattr(err, "line", None)
            if e.where == "title":
                title_error = True
                texts.append(f"标题：{detail}")
            elif from_source:
                texts.append(f"模板有误（见“模板源码”）：{detail}"
                             + (f"（第{line}行）" if line else ""))
                self.source_toggle.setVisible(True)
                if line:
                    marks.append(line)
            else:
                texts.append(f"正文：{detail}")
        selections = []
        for line in marks:
            block = self.source_edit.document().findBlockByNumber(line - 1)
            if block.isValid():
                sel = QTextEdit.ExtraSelection()
                sel.format.setBackground(QColor("#fde0e0"))
                sel.format.setProperty(QTextFormat.FullWidthSelection, True)
                sel.format.setUnderlineStyle(QTextCharFormat.WaveUnderline)
                sel.format.setUnderlineColor(QColor("#d00000"))
                cursor = QTextCursor(block)
                cursor.clearSelection()
                sel.cursor = cursor
                selections.append(sel)
        self.source_edit.setExtraSelections(selections)
        self.title_edit.setStyleSheet("QLineEdit { background: #fde0e0; }" if title_error else "")
        text = "\n".join(texts)
        self.error_label.setText(("⚠ " + text) if text else "")
        self.error_label.setVisible(bool(text))
        self.errorShown.emit(text)
