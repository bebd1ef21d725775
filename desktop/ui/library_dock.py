"""``LibraryDock``: the section template library and the phrase library.

Tab 章节模板 lists the built-in templates, the user's own and those of the
shared folder (``Preferences.shared_template_dir()``), searchable by name
and category, with a preview rendered against the current document's
figures (template errors are shown in the preview, never raised).

API for the main window::

    dock = LibraryDock(session, library=None, parent=None, prefs=None)  # objectName "libraryDock"
    dock.insertRequested            # Signal(object template, bool as_child)
    dock.phraseInsertRequested      # Signal(str) — insert at the editor's cursor
    dock.handle_insert_requests     # True (default): the dock itself inserts the
                                    # template (undoable) after emitting
                                    # insertRequested; set False to handle it yourself
    dock.insert_template(template, as_child) -> Section   # undoable insert, no dialogs;
                                    # raises ValueError (Chinese message) if impossible
    dock.request_insert(as_child)   # what the 插入 buttons do for the selected template
    dock.save_section_as_template(section_id, template_id, title, category, description="") -> Path
    dock.save_current_as_template() # interactive (SaveTemplateDialog)
    dock.outdated_sections() -> [(Section, SectionTemplate)]
    dock.update_diff_html(section_id) -> str     # difflib table, current vs library
    dock.apply_update(section_id) -> bool        # undoable (UpdateFromTemplateCommand)
    dock.update_current_from_library()           # interactive: diff dialog, then apply
    dock.reload_library()           # re-read folders (and the shared folder preference)
    dock.set_search(text); dock.set_category(name or ""); dock.select_template(id)
    dock.selected_template() -> SectionTemplate | None
    dock.preview_html() -> str

Insertion: with no current section the template goes to the end of the
document as a 一级标题; "as child" makes it the last child of the current
section; "as sibling" puts it right after the current section at its level.
The new section becomes the current section.
"""

from __future__ import annotations

import difflib
import html
import re
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDockWidget,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QMessageBox, QPushButton, QSplitter, QTabWidget,
                               QTextBrowser, QVBoxLayout, QWidget)

from .dialogs import ok_cancel_buttons
from ..errors import DrafterError, FigureError, TemplateError
from ..fields import body_source
from ..library import SOURCE_LABELS, Library, SectionTemplate
from ..model import KINDS, MAX_LEVEL, Section
from ..render import split_paragraphs
from ..templating import base_context, render_template, template_figures
from .commands import AddSectionCommand, UpdateFromTemplateCommand, template_section
from .phrases import PhrasePanel
from .preferences import Preferences

TEMPLATE_ROLE = Qt.ItemDataRole.UserRole
ID_PATTERN = re.compile(r"[A-Za-z0-9_.-]+")
DIFF_STYLE = """
table.diff { border-collapse: collapse; }
td { padding: 1px 4px; }
.diff_header { background-color: #e0e0e0; color: #555555; }
td.diff_next { background-color: #f0f0f0; }
.diff_add { background-color: #aaffaa; }
.diff_chg { background-color: #ffff77; }
.diff_sub { background-color: #ffaaaa; }
"""


# -- pure helpers --------------------------------------------------------------------------
def _section_lines(title: str, body: str) -> list[str]:
    return [f"标题：{title}"] + body.replace("\r\n", "\n").split("\n")


def section_diff_html(section: Section, template: SectionTemplate) -> str:
    """Side-by-side difference (difflib) of a section and its library template."""
    differ = difflib.HtmlDiff(tabsize=4, wrapcolumn=36)
    table = differ.make_table(_section_lines(section.title, body_source(section)),
                              _section_lines(template.title, template.body),
                              fromdesc=f"当前章节（模板版本 {section.template_version}）",
                              todesc=f"模板库（版本 {template.version}）",
                              context=False)
    legend = ("<p><span class='diff_add'>&nbsp;新增&nbsp;</span> "
              "<span class='diff_chg'>&nbsp;修改&nbsp;</span> "
              "<span class='diff_sub'>&nbsp;删除&nbsp;</span>　"
              "应用更新后，章节的标题和正文将替换为模板库中的新版本（可撤销）。</p>")
    return f"<html><head><style>{DIFF_STYLE}</style></head><body>{legend}{table}</body></html>"


def template_preview_html(template: SectionTemplate, doc) -> str:
    """The template rendered with the document's figures; errors shown in red."""
    esc = html.escape
    parts = []
    errors = []
    try:
        context = base_context(doc)
    except (FigureError, DrafterError) as e:
        context = None
        errors.append(f"指标表无法计算：{e.message}")
    title, body = template.title, template.body
    if context is not None:
        try:
            title = render_template(template.title, context, section=template.title[:20])
        except TemplateError as e:
            errors.append(f"标题：{e.message}")
        try:
            body = render_template(template.body, context, section=template.title[:20])
        except TemplateError as e:
            errors.append(f"正文：{e.message}")
    parts.append(f"<h3>{esc(title.strip())}</h3>")
    for para in split_paragraphs(body):
        parts.append(f"<p style='text-indent: 2em; margin: 2px 0;'>{esc(para)}</p>")
    meta = [f"类别：{esc(template.category or '未分类')}",
            f"来源：{esc(SOURCE_LABELS.get(template.source, template.source))}",
            f"版本：{template.version}"]
    if template.figures:
        missing = [f for f in template.figures if doc.figure(f) is None]
        meta.append(f"使用指标：{esc('、'.join(template.figures))}")
        if missing:
            meta.append(f"<span style='color:#b00020'>当前文档缺少指标：{esc('、'.join(missing))}</span>")
    if template.description:
        meta.append(esc(template.description))
    head = ""
    if errors:
        head = "".join(f"<p style='color:#b00020'>预览出错：{esc(e)}</p>" for e in errors)
        head += "<p style='color:gray'>以下为模板原文：</p>" if context is not None else ""
    return (f"<html><body>{head}{''.join(parts)}"
            f"<p style='color:gray; font-size:small'>{'　'.join(meta)}</p></body></html>")


# -- dialogs ---------------------------------------------------------------------------------
class SaveTemplateDialog(QDialog):
    """Asks the id, title, category and description of a new user template."""

    def __init__(self, parent=None, *, template_id: str = "", title: str = "",
                 category: str = "", categories=(), description: str = ""):
        super().__init__(parent)
        self.setWindowTitle("保存为模板")
        form = QFormLayout()
        self.id_edit = QLineEdit(template_id, self)
        self.id_edit.setPlaceholderText("只能包含字母、数字、- _ .，如 my-party-building")
        form.addRow("模板编号：", self.id_edit)
        self.title_edit = QLineEdit(title, self)
        form.addRow("标题：", self.title_edit)
        self.category_combo = QComboBox(self)
        self.category_combo.setEditable(True)
        self.category_combo.addItems(list(categories))
        self.category_combo.setCurrentText(category)
        form.addRow("类别：", self.category_combo)
        self.description_edit = QLineEdit(description, self)
        self.description_edit.setPlaceholderText("可不填")
        form.addRow("说明：", self.description_edit)
        self.hint = QLabel(self)
        self.hint.setStyleSheet("color: #b00020;")
        self.buttons = ok_cancel_buttons(self, "保存")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)
        self.id_edit.textChanged.connect(self._check)
        self.title_edit.textChanged.connect(self._check)
        self._check()

    def problem(self) -> str:
        tid = self.id_edit.text().strip()
        if not tid:
            return "请填写模板编号"
        if not ID_PATTERN.fullmatch(tid):
            return "模板编号只能包含字母、数字、- _ ."
        if not self.title_edit.text().strip():
            return "请填写标题"
        return ""

    def _check(self, *args) -> None:
        problem = self.problem()
        self.hint.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def values(self) -> dict:
        return {"template_id": self.id_edit.text().strip(),
                "title": self.title_edit.text().strip(),
                "category": self.category_combo.currentText().strip(),
                "description": self.description_edit.text().strip()}


class UpdateFromLibraryDialog(QDialog):
    """Shows the difference before a section is updated from the library."""

    def __init__(self, section: Section, template: SectionTemplate, parent=None):
        super().__init__(parent)
        self.setWindowTitle("从模板库更新")
        self.resize(900, 560)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"模板“{template.title}”已更新到版本 {template.version}"
                                f"（本章节基于版本 {section.template_version}）。"
                                "请核对差异后决定是否更新：", self))
        self.browser = QTextBrowser(self)
        self.browser.document().setDefaultStyleSheet(DIFF_STYLE)
        self.browser.setHtml(section_diff_html(section, template))
        layout.addWidget(self.browser, 1)
        buttons = QDialogButtonBox(self)
        self.apply_button = buttons.addButton("应用更新", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


# -- the dock ------------------------------------------------------------------------------------
class LibraryDock(QDockWidget):
    insertRequested = Signal(object, bool)
    phraseInsertRequested = Signal(str)

    def __init__(self, session, library: Library | None = None, parent=None,
                 prefs: Preferences | None = None):
        super().__init__("模板库", parent)
        self.setObjectName("libraryDock")
        self.session = session
        self.prefs = prefs
        self._own_library = library is None
        if library is None:
            shared = (prefs or Preferences()).shared_template_dir()
            library = Library(shared_dir=shared)
        self.library = library
        self.handle_insert_requests = True

        self.tabs = QTabWidget(self)
        self.setWidget(self.tabs)

        # templates tab
        page = QWidget(self.tabs)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        self.search_edit = QLineEdit(page)
        self.search_edit.setPlaceholderText("按名称搜索模板")
        self.search_edit.setClearButtonEnabled(True)
        self.category_combo = QComboBox(page)
        row.addWidget(self.search_edit, 1)
        row.addWidget(self.category_combo)
        layout.addLayout(row)
        self.kind_check = QCheckBox("只显示适用于当前文档类型的模板", page)
        layout.addWidget(self.kind_check)

        splitter = QSplitter(Qt.Orientation.Vertical, page)
        self.list = QListWidget(splitter)
        self.list.setAlternatingRowColors(True)
        self.preview = QTextBrowser(splitter)
        self.preview.setOpenLinks(False)
        splitter.addWidget(self.list)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)

        buttons = QHBoxLayout()
        self.insert_child_button = QPushButton("插入为下级", page)
        self.insert_child_button.setToolTip("作为当前章节的最后一个下级章节插入")
        self.insert_sibling_button = QPushButton("插入为同级", page)
        self.insert_sibling_button.setToolTip("插入到当前章节之后，与其同级")
        buttons.addWidget(self.insert_child_button)
        buttons.addWidget(self.insert_sibling_button)
        layout.addLayout(buttons)
        buttons2 = QHBoxLayout()
        self.save_button = QPushButton("保存当前章节为模板…", page)
        self.update_button = QPushButton("从模板库更新…", page)
        self.update_button.setToolTip("当前章节所用的模板在模板库中有新版本时可用")
        buttons2.addWidget(self.save_button)
        buttons2.addWidget(self.update_button)
        layout.addLayout(buttons2)
        self.status_label = QLabel(page)
        self.status_label.setWordWrap(True)
        self.status_label.setStyleSheet("color: gray;")
        layout.addWidget(self.status_label)
        self.tabs.addTab(page, "章节模板")

        # phrases tab
        self.phrase_panel = PhrasePanel(self.tabs)
        self.tabs.addTab(self.phrase_panel, "常用语")
        self.phrase_panel.phraseInsertRequested.connect(self.phraseInsertRequested)

        self.search_edit.textChanged.connect(self._fill)
        self.category_combo.currentIndexChanged.connect(self._fill)
        self.kind_check.toggled.connect(self._fill)
        self.list.currentItemChanged.connect(self._selection_changed)
        self.list.itemDoubleClicked.connect(lambda item: self.request_insert(False))
        self.insert_child_button.clicked.connect(lambda: self.request_insert(True))
        self.insert_sibling_button.clicked.connect(lambda: self.request_insert(False))
        self.save_button.clicked.connect(self.save_current_as_template)
        self.update_button.clicked.connect(self.update_current_from_library)
        for signal in (session.currentSectionChanged, session.outlineChanged,
                       session.documentReset):
            signal.connect(self._update_state)
        # counting the outdated sections walks the whole document: once for a
        # burst of section changes (修正全部同类 changes hundreds at once)
        self._state_timer = QTimer(self)
        self._state_timer.setSingleShot(True)
        self._state_timer.setInterval(0)
        self._state_timer.timeout.connect(self._update_state)
        session.sectionChanged.connect(self._section_changed)
        for signal in (session.figuresChanged, session.propertiesChanged, session.documentReset):
            signal.connect(self._update_preview)
        session.propertiesChanged.connect(self._kind_changed)

        self._fill_categories()
        self._fill()
        self._update_state()

    # -- listing ---------------------------------------------------------------------
    def _fill_categories(self) -> None:
        current = self.category_combo.currentData()
        self.category_combo.blockSignals(True)
        self.category_combo.clear()
        self.category_combo.addItem("全部类别", "")
        for c in self.library.categories():
            self.category_combo.addItem(c, c)
        i = self.category_combo.findData(current) if current else 0
        self.category_combo.setCurrentIndex(max(i, 0))
        self.category_combo.blockSignals(False)

    def _kind_changed(self) -> None:
        if self.kind_check.isChecked():
            self._fill()

    def templates(self) -> list[SectionTemplate]:
        """The templates shown, after search, category and kind filters."""
        kind = self.session.document.properties.kind if self.kind_check.isChecked() else ""
        return self.library.search(self.search_edit.text(), self.category_combo.currentData() or "",
                                   kind)

    def _fill(self, *args) -> None:
        selected = self.selected_template()
        self.list.blockSignals(True)
        self.list.clear()
        for t in self.templates():
            label = SOURCE_LABELS.get(t.source, t.source)
            item = QListWidgetItem(f"{t.title}")
            item.setToolTip(f"{t.category or '未分类'} · {label} · 编号 {t.id} · 版本 {t.version}")
            item.setData(TEMPLATE_ROLE, t.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        if selected is not None:
            self.select_template(selected.id)
        if self.list.currentItem() is None and self.list.count():
            self.list.setCurrentRow(0)
        self._selection_changed()
        errors = len(self.library.errors)
        text = f"共 {self.list.count()} 个模板"
        if errors:
            text += f"；{errors} 个模板文件无法读取：" + "；".join(str(e) for e in self.library.errors[:3])
        self._list_status = text
        self._update_state()

    def set_search(self, text: str) -> None:
        self.search_edit.setText(text)

    def set_category(self, category: str) -> None:
        i = self.category_combo.findData(category) if category else 0
        if i >= 0:
            self.category_combo.setCurrentIndex(i)

    def select_template(self, template_id: str) -> bool:
        for i in range(self.list.count()):
            if self.list.item(i).data(TEMPLATE_ROLE) == template_id:
                self.list.setCurrentRow(i)
                return True
        return False

    def selected_template(self) -> SectionTemplate | None:
        item = self.list.currentItem()
        return self.library.get(item.data(TEMPLATE_ROLE)) if item else None

    def reload_library(self) -> None:
        if self._own_library:
            self.library.shared_dir = (self.prefs or Preferences()).shared_template_dir()
        self.library.reload()
        self._fill_categories()
        self._fill()

    # -- preview ---------------------------------------------------------------------------
    def _selection_changed(self, *args) -> None:
        self._update_preview()
        self._update_buttons()

    def preview_html(self) -> str:
        t = self.selected_template()
        if t is None:
            return "<p style='color:gray'>选择一个模板以预览</p>"
        return template_preview_html(t, self.session.document)

    def _update_preview(self, *args) -> None:
        self.preview.setHtml(self.preview_html())

    # -- state -------------------------------------------------------------------------------
    def current_section(self) -> Section | None:
        sid = self.session.current_section_id
        return self.session.document.find(sid) if sid else None

    def outdated_sections(self) -> list[tuple[Section, SectionTemplate]]:
        out = []
        for s in self.session.document.walk():
            t = self.library.outdated(s)
            if t is not None:
                out.append((s, t))
        return out

    def _update_buttons(self) -> None:
        has_template = self.selected_template() is not None
        current = self.current_section()
        self.insert_sibling_button.setEnabled(has_template)
        self.insert_child_button.setEnabled(has_template and current is not None
                                            and current.level < MAX_LEVEL)
        self.save_button.setEnabled(current is not None)
        self.update_button.setEnabled(current is not None
                                      and self.library.outdated(current) is not None)

    def _section_changed(self, section_id: str) -> None:
        if section_id == self.session.current_section_id:
            self._update_buttons()
        self._state_timer.start()

    def _update_state(self, *args) -> None:
        self._state_timer.stop()
        self._update_buttons()
        text = getattr(self, "_list_status", "")
        outdated = self.outdated_sections()
        if outdated:
            text += f"。本文档有 {len(outdated)} 个章节所用的模板已有新版本，可选中章节后“从模板库更新”"
        self.status_label.setText(text)

    # -- insert --------------------------------------------------------------------------------
    def insertion_point(self, as_child: bool) -> tuple[str | None, int, int]:
        """(parent id, index, level) for a new section; ValueError if impossible."""
        doc = self.session.document
        current = self.current_section()
        if current is None:
            return None, len(doc.sections), 1
        if as_child:
            if current.level >= MAX_LEVEL:
                raise ValueError("第四级标题下不能再插入下级章节")
            return current.id, len(current.children), current.level + 1
        parent, index = doc.locate(current.id)
        return (parent.id if parent else None), index + 1, current.level

    def make_section(self, template: SectionTemplate, level: int) -> Section:
        return template_section(template, level)

    def insert_template(self, template: SectionTemplate, as_child: bool = False) -> Section:
        parent_id, index, level = self.insertion_point(as_child)
        section = self.make_section(template, level)
        self.session.push(AddSectionCommand(self.session, parent_id, index, section,
                                            f"插入模板“{template.title[:20]}”"))
        self.session.set_current_section(section.id)
        return self.session.document.find(section.id)  # the command inserts a copy

    def request_insert(self, as_child: bool = False) -> None:
        template = self.selected_template()
        if template is None:
            return
        self.insertRequested.emit(template, as_child)
        if self.handle_insert_requests:
            try:
                self.insert_template(template, as_child)
            except ValueError as e:
                QMessageBox.warning(self, "无法插入", str(e))

    # -- save as template ---------------------------------------------------------------------------
    def save_section_as_template(self, section_id: str, template_id: str, title: str,
                                 category: str = "", description: str = "") -> Path:
        section = self.session.document.find(section_id)
        if section is None:
            raise KeyError(section_id)
        existing = self.library.get(template_id)
        body = body_source(section)
        figures = sorted(template_figures(title + "\n" + body))
        template = SectionTemplate(
            id=template_id, title=title, body=body, category=category,
            kinds=KINDS, figures=tuple(figures),
            version=existing.version + 1 if existing else 1,
            run_in=section.run_in, description=description, source="user")
        path = self.library.save_user_template(template)
        self._fill_categories()
        self._fill()
        self.select_template(template_id)
        return path

    def _suggest_id(self, section: Section) -> str:
        base = section.template_id or f"my-{section.id[:6]}"
        return base if ID_PATTERN.fullmatch(base) else f"my-{section.id[:6]}"

    def save_current_as_template(self) -> bool:
        section = self.current_section()
        if section is None:
            QMessageBox.information(self, "保存为模板", "请先在大纲中选择一个章节")
            return False
        dialog = SaveTemplateDialog(self, template_id=self._suggest_id(section),
                                    title=section.title, categories=self.library.categories())
        while True:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
            values = dialog.values()
            existing = self.library.get(values["template_id"])
            if existing is not None:
                answer = QMessageBox.question(
                    self, "保存为模板",
                    f"已有编号为“{values['template_id']}”的模板（{existing.title}），"
                    "保存后将以新版本覆盖我的模板中的同名模板。是否继续？")
                if answer != QMessageBox.StandardButton.Yes:
                    continue
            try:
                self.save_section_as_template(section.id, **values)
            except (TemplateError, OSError) as e:
                QMessageBox.critical(self, "保存失败", f"无法保存模板：{e}")
                continue
            return True

    # -- update from library ---------------------------------------------------------------------
    def update_diff_html(self, section_id: str) -> str:
        section = self.session.document.find(section_id)
        template = self.library.outdated(section) if section else None
        if template is None:
            return ""
        return section_diff_html(section, template)

    def apply_update(self, section_id: str) -> bool:
        section = self.session.document.find(section_id)
        template = self.library.outdated(section) if section else None
        if template is None:
            return False
        self.session.push(UpdateFromTemplateCommand(self.session, section_id, template))
        return True

    def _confirm_update(self, section: Section, template: SectionTemplate) -> bool:
        dialog = UpdateFromLibraryDialog(section, template, self)
        return dialog.exec() == QDialog.DialogCode.Accepted

    def update_current_from_library(self) -> bool:
        section = self.current_section()
        template = self.library.outdated(section) if section else None
        if template is None:
            QMessageBox.information(self, "从模板库更新", "当前章节所用的模板没有新版本")
            return False
        if not self._confirm_update(section, template):
            return False
        return self.apply_update(section.id)
