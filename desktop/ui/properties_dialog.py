"""``PropertiesDialog``: every document property and setting in one dialog.

API::

    dialog = PropertiesDialog(session, parent=None)
    dialog.exec()                   # OK applies everything as ONE undo step
    dialog.properties() -> Properties   # what the fields say now
    dialog.settings() -> Settings
    dialog.apply() -> bool          # push SetPropertiesCommand if anything changed
    SetPropertiesCommand(session, properties, settings, text="修改文档属性")
    ListEditor(parent=None)         # small list editor: values() / set_values(list)

Tabs: 基本信息 (kind, 文种, year, org, org_short, title template), 版头与主送
(红头 + 发文机关标志, 发文字号, 签发人 of a 上行文, 主送机关), 正文前后 (preamble, closing),
落款与版记 (附件, 署名, 成文日期, 附注, 抄送, 印发机关, 印发日期), 印发通知
(as_notice, notice title/body), 指标表 (the attached 主要指标完成情况表: which
figures, in what order, its title), 格式 (font profile, numbering mode, Latin font).
Choosing a 文种 applies its header at once (``doc_types.apply_doc_type``):
报告/请示 make the title 关于…的报告 and show the 签发人, 通知 issues the
document wrapped in a 印发通知.
Dates are optional: a checkbox beside each QDateEdit (calendar popup).
"""

from __future__ import annotations

import copy
from dataclasses import replace

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QDialog,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QPlainTextEdit, QPushButton, QSizePolicy, QSpinBox,
                               QTabWidget, QVBoxLayout, QWidget)

from .. import gbt9704
from ..doc_types import DOC_TYPE_LABELS, DOC_TYPES, UPWARD, apply_doc_type
from ..indicators import DEFAULT_TITLE as TABLE_TITLE
from ..model import FONT_PROFILES, KINDS, NUMBERING_MODE_LABELS, NUMBERING_MODES, Properties, Settings
from .commands import SetPropertiesCommand
from .dialogs import move_list_row, ok_cancel_buttons, update_move_buttons
from .field_line_edit import FieldLineEdit

# the profiles' names come with their facts (fonts per role) from the format table
FONT_PROFILE_LABELS = {key: p.label for key, p in gbt9704.FONT_PROFILES.items()}
LATIN_FONTS = ("", "Times New Roman", "Arial", "Calibri")


class ListEditor(QWidget):
    """A list of strings: add, remove, move up/down, edit in place."""

    def __init__(self, parent=None, placeholder: str = "新条目"):
        super().__init__(parent)
        self.placeholder = placeholder
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.setMaximumHeight(110)
        layout.addWidget(self.list, 1)
        col = QVBoxLayout()
        self.add_button = QPushButton("添加", self)
        self.remove_button = QPushButton("删除", self)
        self.up_button = QPushButton("上移", self)
        self.down_button = QPushButton("下移", self)
        for b in (self.add_button, self.remove_button, self.up_button, self.down_button):
            col.addWidget(b)
        col.addStretch(1)
        layout.addLayout(col)
        self.add_button.clicked.connect(self.add_item)
        self.remove_button.clicked.connect(self.remove_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.list.currentRowChanged.connect(self._update_buttons)
        self._update_buttons()

    def _new_item(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        return item

    def set_values(self, values) -> None:
        self.list.clear()
        for v in values:
            self.list.addItem(self._new_item(v))
        self._update_buttons()

    def values(self) -> list[str]:
        out = []
        for i in range(self.list.count()):
            text = self.list.item(i).text().strip()
            if text:
                out.append(text)
        return out

    def add_item(self, text: str = "") -> None:
        item = self._new_item(text or self.placeholder)
        self.list.addItem(item)
        self.list.setCurrentItem(item)
        if self.list.isVisible() and not text:
            self.list.editItem(item)
        self._update_buttons()

    def remove_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
        self._update_buttons()

    def move_current(self, delta: int) -> None:
        move_list_row(self.list, delta)

    def _update_buttons(self, *args) -> None:
        self.remove_button.setEnabled(self.list.currentRow() >= 0)
        update_move_buttons(self.list, self.up_button, self.down_button)


class OptionalDate(QWidget):
    """A date that may be left empty: checkbox + QDateEdit with calendar popup."""

    def __init__(self, label: str, parent=None):
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.check = QCheckBox(label, self)
        self.edit = QDateEdit(self)
        self.edit.setCalendarPopup(True)
        self.edit.setDisplayFormat("yyyy年M月d日")
        self.edit.setDate(QDate.currentDate())
        layout.addWidget(self.check)
        layout.addWidget(self.edit, 1)
        self.check.toggled.connect(self.edit.setEnabled)
        self.edit.setEnabled(False)

    def set_iso(self, iso: str) -> None:
        date = QDate.fromString(iso or "", "yyyy-MM-dd")
        self.check.setChecked(date.isValid())
        self.edit.setEnabled(date.isValid())
        if date.isValid():
            self.edit.setDate(date)

    def iso(self) -> str:
        return self.edit.date().toString("yyyy-MM-dd") if self.check.isChecked() else ""


def _text_edit(parent, text: str, placeholder: str, height: int = 80) -> QPlainTextEdit:
    edit = QPlainTextEdit(parent)
    edit.setPlainText(text)
    edit.setPlaceholderText(placeholder)
    edit.setMinimumHeight(height)
    return edit


class PropertiesDialog(QDialog):
    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("文档属性")
        self.resize(640, 560)
        p = session.document.properties
        s = session.document.settings
        self._original = (copy.deepcopy(p), copy.deepcopy(s))
        self.tabs = QTabWidget(self)

        # 基本信息
        page = QWidget(self.tabs)
        form = QFormLayout(page)
        self.kind_combo = QComboBox(page)
        self.kind_combo.addItems(list(KINDS))
        if p.kind not in KINDS:
            self.kind_combo.addItem(p.kind)
        self.kind_combo.setCurrentText(p.kind)
        form.addRow("文档类型：", self.kind_combo)
        self.doc_type_combo = QComboBox(page)
        for key in DOC_TYPES:
            self.doc_type_combo.addItem(DOC_TYPE_LABELS[key], key)
        self.doc_type_combo.setCurrentIndex(max(0, self.doc_type_combo.findData(p.doc_type)))
        self.doc_type_combo.setToolTip("报告、请示为上行文：版头左侧为发文字号，右侧为签发人")
        form.addRow("文种：", self.doc_type_combo)
        self.year_spin = QSpinBox(page)
        self.year_spin.setRange(1949, 2100)
        self.year_spin.setValue(p.year)
        self.year_spin.setSuffix(" 年")
        form.addRow("年度：", self.year_spin)
        self.org_edit = QLineEdit(p.org, page)
        self.org_edit.setPlaceholderText("发文机关全称，如“某某县教育局”")
        form.addRow("发文机关：", self.org_edit)
        self.org_short_edit = QLineEdit(p.org_short, page)
        self.org_short_edit.setPlaceholderText("正文中称呼本单位，如“县教育局”（不填则用全称）")
        form.addRow("机关简称：", self.org_short_edit)
        self.title_edit = FieldLineEdit(p.title, page)
        self.title_edit.setObjectName("propertiesTitleEdit")
        self.title_edit.setPlaceholderText(
            "如：某某县教育局2026年工作总结；Ctrl+空格 插入机关名称、年度等")
        form.addRow("标题：", self.title_edit)
        self.tabs.addTab(page, "基本信息")

        # 版头与主送
        page = QWidget(self.tabs)
        form = QFormLayout(page)
        self.red_header_check = QCheckBox("使用红头（发文机关标志）", page)
        self.red_header_check.setChecked(p.red_header)
        form.addRow(self.red_header_check)
        self.header_text_edit = QLineEdit(p.header_text, page)
        self.header_text_edit.setPlaceholderText("如“某某县教育局文件”")
        form.addRow("发文机关标志：", self.header_text_edit)
        self.doc_number_edit = QLineEdit(p.doc_number, page)
        self.doc_number_edit.setPlaceholderText("如“某教发〔2026〕3号”")
        form.addRow("发文字号：", self.doc_number_edit)
        self.signers_editor = ListEditor(page, "签发人姓名")
        self.signers_editor.set_values(p.signers)
        self.signers_editor.setToolTip("上行文（报告、请示）的签发人；多人时每行排两个姓名")
        self.signers_editor.setMaximumHeight(self.signers_editor.sizeHint().height())
        form.addRow("签发人：", self.signers_editor)
        self.recipients_edit = QLineEdit(p.recipients, page)
        self.recipients_edit.setPlaceholderText("如“各乡镇中心学校，县直各学校”（不加冒号）")
        form.addRow("主送机关：", self.recipients_edit)
        spacer = QWidget(page)  # the rows stay at the top
        spacer.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        form.addRow(spacer)
        self.red_header_check.toggled.connect(self._update_enabled)
        self.tabs.addTab(page, "版头与主送")

        # 正文前后
        page = QWidget(self.tabs)
        form = QFormLayout(page)
        self.preamble_edit = _text_edit(page, p.preamble, "第一个一级标题之前的导语，每行一段")
        form.addRow("开头导语：", self.preamble_edit)
        self.closing_edit = _text_edit(page, p.closing, "最后一章之后的结束语，每行一段")
        form.addRow("结束语：", self.closing_edit)
        self.tabs.addTab(page, "正文前后")

        # 落款与版记
        page = QWidget(self.tabs)
        form = QFormLayout(page)
        self.attachments_editor = ListEditor(page, "附件名称")
        self.attachments_editor.set_values(p.attachments)
        form.addRow("附件：", self.attachments_editor)
        self.signature_edit = QLineEdit(p.signature, page)
        self.signature_edit.setPlaceholderText("署名，一般为发文机关全称")
        form.addRow("署名：", self.signature_edit)
        self.date_edit = OptionalDate("填写", page)
        self.date_edit.set_iso(p.date)
        form.addRow("成文日期：", self.date_edit)
        self.note_edit = QLineEdit(p.note, page)
        self.note_edit.setPlaceholderText("不加括号，如“此件公开发布”；上行文写“联系人：…，联系电话：…”")
        form.addRow("附注：", self.note_edit)
        self.cc_editor = ListEditor(page, "抄送机关")
        self.cc_editor.set_values(p.cc)
        form.addRow("抄送：", self.cc_editor)
        self.printer_edit = QLineEdit(p.printer, page)
        self.printer_edit.setPlaceholderText("如“某某县教育局办公室”")
        form.addRow("印发机关：", self.printer_edit)
        self.print_date_edit = OptionalDate("填写", page)
        self.print_date_edit.set_iso(p.print_date)
        form.addRow("印发日期：", self.print_date_edit)
        self.tabs.addTab(page, "落款与版记")

        # 印发通知
        page = QWidget(self.tabs)
        form = QFormLayout(page)
        self.as_notice_check = QCheckBox("以印发通知的形式发文", page)
        self.as_notice_check.setChecked(p.as_notice)
        form.addRow(self.as_notice_check)
        self.notice_title_edit = FieldLineEdit(p.notice_title, page)
        self.notice_title_edit.setPlaceholderText(
            "留空则为“发文机关关于印发《标题》的通知”；Ctrl+空格 插入机关名称、年度等")
        form.addRow("通知标题：", self.notice_title_edit)
        self.notice_body_edit = _text_edit(page, p.notice_body,
                                           "留空则为“现将《标题》印发给你们，请结合实际认真贯彻落实。”")
        form.addRow("通知正文：", self.notice_body_edit)
        self.as_notice_check.toggled.connect(self._update_enabled)
        self.tabs.addTab(page, "印发通知")

        # 指标表
        page = QWidget(self.tabs)
        form = QFormLayout(page)
        self.table_title_edit = QLineEdit(p.table_title, page)
        self.table_title_edit.setPlaceholderText(f"留空则为“{TABLE_TITLE}”")
        form.addRow("表格标题：", self.table_title_edit)
        from .table_figures import TableFiguresEditor
        self.table_figures_editor = TableFiguresEditor(page)
        self.table_figures_editor.set_figures([f.name for f in session.document.figures],
                                              p.table_figures)
        form.addRow("列入的指标：", self.table_figures_editor)
        form.addRow(QLabel("勾选的指标按顺序列入附件“主要指标完成情况表”，正文后自动加附件说明。", page))
        self.tabs.addTab(page, "指标表")

        # 格式
        page = QWidget(self.tabs)
        form = QFormLayout(page)
        self.font_profile_combo = QComboBox(page)
        for key in FONT_PROFILES:
            self.font_profile_combo.addItem(FONT_PROFILE_LABELS.get(key, key), key)
        self.font_profile_combo.setCurrentIndex(max(0, self.font_profile_combo.findData(s.font_profile)))
        form.addRow("字体方案：", self.font_profile_combo)
        self.numbering_combo = QComboBox(page)
        for key in NUMBERING_MODES:
            self.numbering_combo.addItem(NUMBERING_MODE_LABELS[key], key)
        self.numbering_combo.setCurrentIndex(max(0, self.numbering_combo.findData(s.numbering_mode)))
        form.addRow("三级标题编号：", self.numbering_combo)
        self.latin_font_combo = QComboBox(page)
        self.latin_font_combo.setEditable(True)
        for name in LATIN_FONTS:
            self.latin_font_combo.addItem(name or "与正文字体相同", name)
        i = self.latin_font_combo.findData(s.latin_font)
        if i >= 0:
            self.latin_font_combo.setCurrentIndex(i)
        else:
            self.latin_font_combo.setEditText(s.latin_font)
        form.addRow("西文字体：", self.latin_font_combo)
        form.addRow(QLabel("字体方案决定导出文档使用的中文字体；请选择本机已安装的字体。", page))
        self.tabs.addTab(page, "格式")

        buttons = ok_cancel_buttons(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.doc_type_combo.currentIndexChanged.connect(self._doc_type_changed)
        for signal in (self.year_spin.valueChanged, self.org_edit.textChanged,
                       self.org_short_edit.textChanged):
            signal.connect(self._refresh_chips)
        self._refresh_chips()
        self._update_enabled()

    # -- going to a field (proofreading findings, review notes) -----------------------
    def field_widget(self, field: str) -> QWidget | None:
        """The widget editing a property (``Properties`` field name)."""
        widgets = {
            "kind": self.kind_combo, "year": self.year_spin, "org": self.org_edit,
            "org_short": self.org_short_edit, "title": self.title_edit,
            "red_header": self.red_header_check, "header_text": self.header_text_edit,
            "doc_number": self.doc_number_edit, "recipients": self.recipients_edit,
            "preamble": self.preamble_edit, "closing": self.closing_edit,
            "attachments": self.attachments_editor, "signature": self.signature_edit,
            "date": self.date_edit, "note": self.note_edit, "cc": self.cc_editor,
            "printer": self.printer_edit, "print_date": self.print_date_edit,
            "as_notice": self.as_notice_check, "notice_title": self.notice_title_edit,
            "notice_body": self.notice_body_edit, "font_profile": self.font_profile_combo,
            "numbering_mode": self.numbering_combo, "latin_font": self.latin_font_combo,
            "doc_type": self.doc_type_combo, "signers": self.signers_editor,
            "table_figures": self.table_figures_editor, "table_title": self.table_title_edit,
        }
        return widgets.get(field)

    def focus_field(self, field: str, excerpt: str = "", paragraph: int = -1) -> bool:
        """Show the tab of ``field``, focus its widget and select ``excerpt``
        in it (in the ``paragraph``-th non-blank line of a multi-line field
        when given).  False when the field is unknown."""
        widget = self.field_widget(field)
        if widget is None:
            return False
        for i in range(self.tabs.count()):
            if self.tabs.widget(i).isAncestorOf(widget):
                self.tabs.setCurrentIndex(i)
                break
        target = widget
        if isinstance(widget, FieldLineEdit):
            at = widget.display_text().find(excerpt) if excerpt else -1
            if at >= 0:
                widget.select_printed(0, at, at + len(excerpt))
            else:
                widget.selectAll()
        elif isinstance(widget, QLineEdit):
            text = widget.text()
            at = text.find(excerpt) if excerpt else -1
            if at >= 0:
                widget.setSelection(at, len(excerpt))
            else:
                widget.selectAll()
        elif isinstance(widget, QPlainTextEdit):
            self._select_in_text(widget, excerpt, paragraph)
        elif isinstance(widget, ListEditor):
            target = widget.list
            rows = [widget.list.item(i).text() for i in range(widget.list.count())]
            row = next((i for i, t in enumerate(rows) if excerpt and excerpt in t), 0 if rows else -1)
            if row >= 0:
                widget.list.setCurrentRow(row)
        elif isinstance(widget, OptionalDate):
            target = widget.edit if widget.check.isChecked() else widget.check
        self._focus_target = target
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    @staticmethod
    def _select_in_text(edit: QPlainTextEdit, excerpt: str, paragraph: int) -> None:
        text = edit.toPlainText()
        lines = text.split("\n")
        nonblank = [i for i, line in enumerate(lines) if line.strip()]
        begin, end = 0, len(text)
        if 0 <= paragraph < len(nonblank):
            i = nonblank[paragraph]
            begin = sum(len(line) + 1 for line in lines[:i])
            end = begin + len(lines[i])
        at = text.find(excerpt, begin, end) if excerpt else -1
        if at < 0 and excerpt:
            at = text.find(excerpt)
        start, stop = (at, at + len(excerpt)) if at >= 0 else (begin, end)
        cursor = edit.textCursor()
        cursor.setPosition(start)
        cursor.setPosition(stop, cursor.MoveMode.KeepAnchor)
        edit.setTextCursor(cursor)

    def focused_field_widget(self) -> QWidget | None:
        """The widget ``focus_field`` chose (what gets the focus when shown)."""
        return getattr(self, "_focus_target", None)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        target = self.focused_field_widget()
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def chip_context(self) -> dict:
        """What the title's chips show: the year and names as typed here."""
        year, org = self.year_spin.value(), self.org_edit.text().strip()
        return {"year": year, "last_year": year - 1, "next_year": year + 1, "org": org,
                "org_short": self.org_short_edit.text().strip() or org}

    def _refresh_chips(self, *args) -> None:
        for edit in (self.title_edit, self.notice_title_edit):
            edit.context = self.chip_context()
            edit.refresh_values()

    def _doc_type_changed(self, *args) -> None:
        """Apply the 文种's header to the fields: title, 印发通知."""
        changed = apply_doc_type(self.properties(), self.doc_type_combo.currentData() or "")
        self.title_edit.setText(changed.title)
        self.as_notice_check.setChecked(changed.as_notice)
        self._update_enabled()

    def _update_enabled(self, *args) -> None:
        self.signers_editor.setEnabled(self.doc_type_combo.currentData() in UPWARD)
        red = self.red_header_check.isChecked()
        self.header_text_edit.setEnabled(red)
        notice = self.as_notice_check.isChecked()
        self.notice_title_edit.setEnabled(notice)
        self.notice_body_edit.setEnabled(notice)

    def _latin_font(self) -> str:
        text = self.latin_font_combo.currentText().strip()
        i = self.latin_font_combo.currentIndex()
        if i >= 0 and self.latin_font_combo.itemText(i) == text:
            return self.latin_font_combo.itemData(i) or ""
        return "" if text == "与正文字体相同" else text

    def properties(self) -> Properties:
        return replace(
            self._original[0],
            kind=self.kind_combo.currentText(),
            year=self.year_spin.value(),
            org=self.org_edit.text().strip(),
            org_short=self.org_short_edit.text().strip(),
            title=self.title_edit.text().strip(),
            recipients=self.recipients_edit.text().strip().rstrip("：:"),
            red_header=self.red_header_check.isChecked(),
            header_text=self.header_text_edit.text().strip(),
            doc_number=self.doc_number_edit.text().strip(),
            preamble=self.preamble_edit.toPlainText(),
            closing=self.closing_edit.toPlainText(),
            attachments=self.attachments_editor.values(),
            signature=self.signature_edit.text().strip(),
            date=self.date_edit.iso(),
            note=self.note_edit.text().strip(),
            cc=self.cc_editor.values(),
            printer=self.printer_edit.text().strip(),
            print_date=self.print_date_edit.iso(),
            as_notice=self.as_notice_check.isChecked(),
            notice_title=self.notice_title_edit.text().strip(),
            notice_body=self.notice_body_edit.toPlainText(),
            doc_type=self.doc_type_combo.currentData() or "",
            signers=self.signers_editor.values(),
            table_figures=self.table_figures_editor.values(),
            table_title=self.table_title_edit.text().strip(),
        )

    def settings(self) -> Settings:
        return replace(self._original[1],
                       font_profile=self.font_profile_combo.currentData(),
                       numbering_mode=self.numbering_combo.currentData(),
                       latin_font=self._latin_font())

    def apply(self) -> bool:
        """Push one undo command with every change; False when nothing changed."""
        props, settings = self.properties(), self.settings()
        doc = self.session.document
        if props == doc.properties and settings == doc.settings:
            return False
        self.session.push(SetPropertiesCommand(self.session, props, settings))
        return True

    def accept(self) -> None:
        self.apply()
        super().accept()
