"""The main window: outline left, section editor centre, preview right, docks.

Everything the menus do is also a method (``open_path``, ``save``,
``save_as``, ``export_to``, ``new_document`` …) so tests and the start
page drive the same code; questions to the user go through small
``ask_*`` methods that tests replace.
"""

from __future__ import annotations

import copy
import importlib
import os
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (QApplication, QDockWidget, QFileDialog, QHBoxLayout,
                               QInputDialog, QLabel, QLineEdit, QMainWindow, QMenu,
                               QMessageBox, QPushButton, QSplitter, QStackedWidget,
                               QToolButton, QVBoxLayout, QWidget)

from .dialogs import ask_choice
from ..errors import DrafterError
from ..model import NUMBERING_MODE_LABELS, NUMBERING_MODES, Document
from ..paths import resources_dir
from .autosave import AutoSaver, Recovery, interval_ms
from .commands import (DeleteSectionCommand, ReplaceDocumentCommand, ReplaceSettingsCommand,
                       new_child_command, new_sibling_command)
from .editor import SectionEditor
from .file_guard import FileGuard
from .outline_model import OutlineView
from .preview import LiveRender, PreviewPane
from .session import DocumentSession
from .workers import wait_for
from .start_page import StartPage, blank_document

APP_TITLE = "年度总结·计划起草助手"
PROJECT_FILTER = "起草助手项目 (*.rdraft)"
REUSE_FILTER = "去年的文档 (*.docx *.doc *.wps *.rdraft);;Word 文档 (*.docx *.doc);;WPS 文档 (*.wps);;项目文件 (*.rdraft)"
MAX_RECENT = 10


def _optional(module: str):
    """A UI module written by another part of the team, or None when absent."""
    try:
        return importlib.import_module(f"desktop.ui.{module}")
    except ImportError:
        return None


def _load_project(path: str) -> Document:
    """Load a project and render it once, in a worker: the window's own first
    rendering then finds the templates compiled (a long document has
    hundreds, ~0.5 s)."""
    from ..project_file import load
    from ..render import render
    doc = load(path)
    try:
        render(doc)
    except Exception:  # the window's rendering shows what went wrong
        pass
    return doc


class FindBar(QWidget):
    """Find in section titles and bodies (Ctrl+F)."""

    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.window_ = window
        self.setObjectName("findBar")
        self.edit = QLineEdit()
        self.edit.setObjectName("findEdit")
        self.edit.setPlaceholderText("在各章节标题和正文中查找")
        self.edit.setClearButtonEnabled(True)
        self.edit.returnPressed.connect(self.find_next)
        self.status = QLabel()
        prev_b = QPushButton("上一个")
        next_b = QPushButton("下一个")
        close_b = QToolButton()
        close_b.setText("×")
        close_b.setToolTip("关闭查找栏 (Esc)")
        prev_b.clicked.connect(self.find_previous)
        next_b.clicked.connect(self.find_next)
        close_b.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QLabel("查找："))
        layout.addWidget(self.edit, 1)
        layout.addWidget(prev_b)
        layout.addWidget(next_b)
        layout.addWidget(self.status)
        layout.addWidget(close_b)
        self._last: tuple[str, str, int] | None = None  # (section id, field, start)

    def keyPressEvent(self, event):
        if event.key() == Qt.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)

    def matches(self, text: str) -> list[tuple[str, str, int]]:
        out = []
        if not text:
            return out
        for s in self.window_.session.document.walk():
            for field in ("title", "body"):
                value = getattr(s, field)
                start = value.find(text)
                while start >= 0:
                    out.append((s.id, field, start))
                    start = value.find(text, start + max(1, len(text)))
        return out

    def find_next(self) -> bool:
        return self._find(+1)

    def find_previous(self) -> bool:
        return self._find(-1)

    def _find(self, step: int) -> bool:
        text = self.edit.text()
        found = self.matches(text)
        if not found:
            self.status.setText("未找到" if text else "")
            self._last = None
            return False
        if self._last in found:
            i = (found.index(self._last) + step) % len(found)
        else:
            current = self.window_.session.current_section_id
            ids = [m[0] for m in found]
            i = ids.index(current) if current in ids and step > 0 else (0 if step > 0 else -1)
        self._last = found[i]
        sid, field, start = self._last
        self.status.setText(f"第 {i % len(found) + 1}/{len(found)} 处")
        self.window_.show_match(sid, field, start, start + len(text))
        return True


class MainWindow(QMainWindow):
    documentOpened = Signal(str)  # path or ""

    def __init__(self, settings: QSettings | None = None, autosave_ms: int | None = None,
                 parent=None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings if settings is not None else QSettings()
        self.session = DocumentSession(parent=self)
        self.live = LiveRender(self.session, parent=self)
        self.setWindowTitle(APP_TITLE)
        self.resize(1400, 860)

        # -- centre: start page / outline | editor | preview ------------------------------
        self.outline = OutlineView(self.session)
        self.outline.customContextMenuRequested.connect(self._outline_menu)
        self.editor = SectionEditor(self.session, self.live)
        self.preview = PreviewPane(self.session, self.live)
        self.preview.sectionClicked.connect(self.go_to_section)
        self.find_bar = FindBar(self)
        self.find_bar.hide()

        outline_panel = QWidget()
        outline_layout = QVBoxLayout(outline_panel)
        outline_layout.setContentsMargins(0, 0, 0, 0)
        outline_title = QLabel("提纲")
        outline_title.setStyleSheet("font-weight: bold; padding: 2px 4px;")
        outline_layout.addWidget(outline_title)
        self.outline_buttons = QHBoxLayout()
        outline_layout.addLayout(self.outline_buttons)
        outline_layout.addWidget(self.outline, 1)

        editor_panel = QWidget()
        editor_layout = QVBoxLayout(editor_panel)
        editor_layout.setContentsMargins(0, 0, 0, 0)
        editor_layout.addWidget(self.editor, 1)
        editor_layout.addWidget(self.find_bar)

        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(outline_panel)
        self.splitter.addWidget(editor_panel)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 4)
        self.splitter.setStretchFactor(2, 4)
        self.splitter.setSizes([260, 520, 520])

        self.start_page = StartPage(default_org=self._default_org())
        self.start_page.newRequested.connect(self.new_document)
        self.start_page.openRequested.connect(lambda p: self.open_path(p) if p else self.open())
        self.start_page.exampleRequested.connect(self.open_example)
        self.start_page.reuseRequested.connect(self.start_from_last_year)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start_page)
        self.stack.addWidget(self.splitter)
        self.setCentralWidget(self.stack)

        # -- docks (the other UI engineer's widgets) ---------------------------------------
        self.figures_dock = self.library_dock = self.proofread_dock = None
        self.proofread_panel = None
        self.review_dock = None  # 待核对, made when the reuse wizard leaves notes
        self._make_docks()

        # -- status bar ------------------------------------------------------------------------
        self.stats_label = QLabel()
        self.stats_label.setObjectName("statsLabel")
        self.errors_label = QLabel()
        self.errors_label.setObjectName("errorsLabel")
        self.statusBar().addPermanentWidget(self.errors_label)
        self.statusBar().addPermanentWidget(self.stats_label)
        self.preview.statsChanged.connect(self._show_stats)
        self.preview.layoutProgress.connect(self._show_layout_progress)
        self.live.rendered.connect(self._show_render_errors)
        self.live.rendered.connect(self.outline.outline_model().set_rendered)

        self._make_actions()
        self._make_menus()

        # -- autosave -----------------------------------------------------------------------
        ms = autosave_ms if autosave_ms is not None else self._autosave_interval()
        self.autosaver = AutoSaver(self.session, interval=ms or None, parent=self)
        if ms == 0:
            self.autosaver.timer.stop()
        self.autosaver.failed.connect(self._autosave_failed)
        self.autosaver.resumed.connect(self._autosave_resumed)
        self.autosave_label = QLabel()
        self.autosave_label.setObjectName("autosaveLabel")
        self.autosave_label.setStyleSheet("color: #b00000;")
        self.autosave_label.hide()
        self.statusBar().addPermanentWidget(self.autosave_label)
        # lock file and changed-on-disk check for the open project
        self.file_guard = FileGuard(self)

        self.session.undo_stack.cleanChanged.connect(self._update_title)
        self.session.pathChanged.connect(self._update_title)
        self.session.documentReset.connect(self._update_title)
        self.session.currentSectionChanged.connect(self._update_actions)
        self.session.outlineChanged.connect(self._update_actions)
        self._update_title()
        self._update_actions()
        self.start_page.set_recent(self.recent_files())
        self._restore_window_state()
        self.show_start_page()

    # -- set-up helpers ------------------------------------------------------------------------
    def _default_org(self) -> str:
        prefs = _optional("preferences")
        if prefs is None:
            return ""
        try:
            return prefs.Preferences(self.settings).default_org()
        except Exception:  # preferences are a convenience, never fatal
            return ""

    def _autosave_interval(self) -> int:
        if os.environ.get("REPORT_DRAFTER_AUTOSAVE_MS"):
            return interval_ms()
        prefs = _optional("preferences")
        if prefs is not None and self.settings.contains(getattr(prefs, "K_AUTOSAVE", "")):
            return prefs.Preferences(self.settings).autosave_interval_ms()
        return interval_ms()

    def _make_docks(self) -> None:
        figures = _optional("figures_dock")
        if figures is not None:
            self.figures_dock = figures.FiguresDock(self.session, self)
            self.addDockWidget(Qt.RightDockWidgetArea, self.figures_dock)
        library = _optional("library_dock")
        if library is not None:
            prefs_mod = _optional("preferences")
            prefs = prefs_mod.Preferences(self.settings) if prefs_mod else None
            self.library_dock = library.LibraryDock(self.session, parent=self, prefs=prefs)
            self.library_dock.phraseInsertRequested.connect(self.editor.insert_text)
            self.addDockWidget(Qt.RightDockWidgetArea, self.library_dock)
        proofread = _optional("proofread_panel")
        if proofread is not None:
            self.proofread_panel = proofread.ProofreadPanel(self.session)
            if isinstance(self.proofread_panel, QDockWidget):
                self.proofread_dock = self.proofread_panel
            else:
                self.proofread_dock = QDockWidget("校对", self)
                self.proofread_dock.setWidget(self.proofread_panel)
            self.proofread_dock.setObjectName("proofreadDock")
            self.proofread_panel.findingActivated.connect(self.activate_finding)
            self.addDockWidget(Qt.BottomDockWidgetArea, self.proofread_dock)
        if self.figures_dock is not None and self.library_dock is not None:
            self.tabifyDockWidget(self.figures_dock, self.library_dock)
            self.figures_dock.raise_()
        right = self.figures_dock or self.library_dock
        if right is not None:
            self.resizeDocks([right], [440], Qt.Horizontal)
        if self.proofread_dock is not None:
            self.resizeDocks([self.proofread_dock], [150], Qt.Vertical)

    def _action(self, text, slot=None, shortcut=None, tip="", checkable=False) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            if isinstance(shortcut, (list, tuple)):
                action.setShortcuts([QKeySequence(s) for s in shortcut])
            else:
                action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.setCheckable(checkable)
        if slot is not None:
            action.triggered.connect(slot)
        return action

    def _make_actions(self) -> None:
        a = self._action
        self.act_new = a("新建(&N)…", self.show_start_page, QKeySequence.New, "新建文档")
        self.act_open = a("打开(&O)…", self.open, QKeySequence.Open, "打开项目文件")
        self.act_reuse = a("以去年文档为起点(&L)…", self.start_from_last_year,
                           tip="打开去年的 Word 文档或项目，顺延一年")
        self.act_save = a("保存(&S)", self.save, QKeySequence.Save)
        self.act_save_as = a("另存为(&A)…", self.save_as, "Ctrl+Shift+S")
        self.act_export = a("导出公文(&E)…", self.export, "Ctrl+E", "导出 GB/T 9704 格式的 .docx")
        self.act_properties = a("文档属性(&P)…", self.edit_properties, "Ctrl+Shift+P",
                                "标题、发文机关、署名、日期、版记等")
        self.act_quit = a("退出(&X)", self.close, QKeySequence.Quit)

        stack = self.session.undo_stack
        self.act_undo = stack.createUndoAction(self, "撤销")
        self.act_undo.setShortcuts([QKeySequence(QKeySequence.Undo)])
        self.act_redo = stack.createRedoAction(self, "重做")
        self.act_redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.act_find = a("查找(&F)…", self.show_find, QKeySequence.Find)
        self.act_find_next = a("查找下一个", lambda: self.find_bar.find_next(), QKeySequence.FindNext)

        self.act_add_sibling = a("添加同级章节", self.add_sibling, "Ctrl+Return",
                                 "在当前章节之后添加同级章节")
        self.act_add_child = a("添加下级章节", self.add_child, "Ctrl+Shift+Return",
                               "在当前章节下添加下级章节")
        self.act_delete = a("删除章节", self.delete_section, tip="删除当前章节及其下级")
        self.act_rename = a("重命名", self.rename_section, "F2")
        self.act_promote = a("升级", self.outline.promote_current, "Alt+Shift+Left",
                             "把章节提升一级（如（一）→ 一、）")
        self.act_demote = a("降级", self.outline.demote_current, "Alt+Shift+Right",
                            "把章节降低一级（成为上一个同级章节的下级）")
        # Delete works in the tree only (in text it deletes characters)
        self.act_delete.setShortcut(QKeySequence.Delete)
        self.act_delete.setShortcutContext(Qt.WidgetShortcut)
        self.outline.addAction(self.act_delete)
        self.act_rename.setShortcutContext(Qt.WidgetShortcut)
        self.outline.addAction(self.act_rename)
        self.act_insert_template = a("从模板库插入…", self.show_library,
                                     tip="打开模板库，选择模板插入")
        self.act_figures = a("数据指标…", self.show_figures)

        self.act_numbering = {}
        self.numbering_group = QActionGroup(self)
        for mode in NUMBERING_MODES:
            act = a(NUMBERING_MODE_LABELS[mode], checkable=True)
            act.setData(mode)
            act.triggered.connect(lambda checked, m=mode: self.set_numbering_mode(m))
            self.numbering_group.addAction(act)
            self.act_numbering[mode] = act
        self.session.settingsChanged.connect(self._sync_numbering)
        self.session.documentReset.connect(self._sync_numbering)

        self.act_proofread = a("校对(&C)", self.show_proofread, "F7", "检查常见错误")
        self.act_preferences = a("首选项…", self.edit_preferences)
        self.act_compare = a("与去年文档对比(&D)…", lambda: self.compare_with_last_year(),
                             tip="选择去年的文档，逐章节对比今年的文档有哪些改动")
        self.act_about = a("关于(&A)", self.about)
        self.act_help_templates = a("模板写法说明", self.help_templates)

        for act in (self.act_add_sibling, self.act_add_child):
            button = QToolButton()
            button.setDefaultAction(act)
            button.setToolButtonStyle(Qt.ToolButtonTextOnly)
            self.outline_buttons.addWidget(button)
        for act, text in ((self.act_promote, "←升级"), (self.act_demote, "降级→"),
                          (self.act_delete, "删除")):
            button = QToolButton()
            button.setDefaultAction(act)
            button.setText(text)
            self.outline_buttons.addWidget(button)
        self.outline_buttons.addStretch(1)

    def _make_menus(self) -> None:
        bar = self.menuBar()
        m = bar.addMenu("文件(&F)")
        m.addActions([self.act_new, self.act_open, self.act_reuse])
        self.recent_menu = m.addMenu("最近打开的文件")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.examples_menu = m.addMenu("打开示例")
        self.examples_menu.aboutToShow.connect(self._fill_examples_menu)
        m.addSeparator()
        m.addActions([self.act_save, self.act_save_as])
        m.addSeparator()
        m.addActions([self.act_export, self.act_properties])
        m.addSeparator()
        m.addAction(self.act_quit)

        m = bar.addMenu("编辑(&E)")
        m.addActions([self.act_undo, self.act_redo])
        m.addSeparator()
        m.addActions([self.act_find, self.act_find_next])
        m.addSeparator()
        m.addActions([self.act_rename, self.act_delete, self.act_promote, self.act_demote])

        m = bar.addMenu("插入(&I)")
        m.addActions([self.act_add_sibling, self.act_add_child])
        m.addSeparator()
        m.addActions([self.act_insert_template, self.act_figures])

        self.view_menu = m = bar.addMenu("视图(&V)")
        for dock in (self.figures_dock, self.library_dock, self.proofread_dock):
            if dock is not None:
                m.addAction(dock.toggleViewAction())
        self.act_show_preview = self._action("预览", checkable=True)
        self.act_show_preview.setChecked(True)
        self.act_show_preview.toggled.connect(self.preview.setVisible)
        m.addAction(self.act_show_preview)
        numbering = m.addMenu("三级标题编号方式")
        numbering.addActions(list(self.act_numbering.values()))

        m = bar.addMenu("工具(&T)")
        m.addActions([self.act_proofread, self.act_compare, self.act_properties,
                      self.act_preferences])

        m = bar.addMenu("帮助(&H)")
        m.addActions([self.act_help_templates, self.act_about])

    # -- title, actions, status ------------------------------------------------------------
    def _update_title(self, *args) -> None:
        star = "*" if self.session.modified else ""
        if getattr(self, "file_guard", None) is not None and self.file_guard.read_only:
            star += "（只读）"
        if self.stack.currentIndex() == 0 and not self.session.path and not self.session.modified \
                and not self.session.document.sections:
            self.setWindowTitle(APP_TITLE)
        else:
            self.setWindowTitle(f"{self.session.display_name}{star} — {APP_TITLE}")

    def _update_actions(self, *args) -> None:
        sid = self.session.current_section_id
        doc = self.session.document
        has = bool(sid) and doc.find(sid) is not None
        self.act_delete.setEnabled(has)
        self.act_rename.setEnabled(has)
        self.act_promote.setEnabled(has and doc.can_promote(sid))
        self.act_demote.setEnabled(has and doc.can_demote(sid))
        self.act_add_child.setEnabled(not has or doc.find(sid).level < 4)

    def _show_layout_progress(self, percent: int) -> None:
        if percent < 100:
            self.statusBar().showMessage(f"正在排版预览… {percent}%")
        else:
            self.statusBar().clearMessage()

    def _show_stats(self, pages: int, characters: int) -> None:
        self.stats_label.setText(f"约 {pages} 页（每页 22 行 × 28 字）　{characters} 字")

    def _show_render_errors(self, rendered) -> None:
        n = len(rendered.errors)
        self.errors_label.setText(f"模板错误 {n} 处" if n else "")
        self.errors_label.setStyleSheet("color: #b00000;" if n else "")

    def _sync_numbering(self) -> None:
        mode = self.session.document.settings.numbering_mode
        if mode in self.act_numbering:
            self.act_numbering[mode].setChecked(True)

    # -- pages -------------------------------------------------------------------------------
    def show_start_page(self) -> None:
        self.start_page.set_recent(self.recent_files())
        self.stack.setCurrentIndex(0)
        self._update_title()

    def show_editor(self) -> None:
        self.stack.setCurrentIndex(1)
        self._update_title()

    # -- documents -------------------------------------------------------------------------------
    def set_document(self, doc: Document, path: str | None = None) -> None:
        """Show ``doc`` (already loaded) as the open document."""
        self.session.reset(doc, path)  # renders it (LiveRender)
        first = doc.sections[0].id if doc.sections else ""
        self.session.set_current_section(first)
        self.outline.select_section(first)
        self.show_editor()
        self._sync_numbering()
        self._update_actions()
        self.documentOpened.emit(path or "")

    def new_document(self, kind: str, year: int, org: str, org_short: str = "") -> bool:
        if not self.maybe_save():
            return False
        try:
            doc = blank_document(kind, year, org, org_short)
        except (DrafterError, ValueError) as e:
            self.show_error("无法新建文档", str(e))
            return False
        self.set_document(doc, None)
        return True

    def open(self) -> bool:
        if not self.maybe_save():
            return False
        path = self.ask_open_path()
        return self.open_path(path, ask=False) if path else False

    def open_path(self, path: str, ask: bool = True) -> bool:
        """Open a project file; errors become a message, never a crash."""
        if ask and not self.maybe_save():
            return False
        from ..project_file import load
        try:
            doc = wait_for(_load_project, path, parent=self, label="正在打开项目…")
        except DrafterError as e:
            self.show_error("无法打开文件", str(e))
            self.remove_recent(path)
            return False
        if not self.file_guard.claim(str(Path(path).resolve())):
            return False  # open elsewhere, and the user cancelled
        self.set_document(doc, str(Path(path).resolve()))
        self.add_recent(self.session.path)
        return True

    def open_example(self, name: str) -> bool:
        if not self.maybe_save():
            return False
        from ..examples import load_example
        try:
            doc = load_example(name)
        except DrafterError as e:
            self.show_error("无法打开示例", str(e))
            return False
        self.set_document(doc, None)
        return True

    def start_from_last_year(self) -> bool:
        if not self.maybe_save():
            return False
        wizard_mod = _optional("reuse_wizard")
        if wizard_mod is not None:
            wizard = wizard_mod.ReuseWizard(self)
            if not self.run_dialog(wizard):
                return False
            doc = wizard.result_document()
            if doc is None:
                return False
            self.set_document(doc, None)
            self.show_review_notes(wizard.notes())
            return True
        path, _ = QFileDialog.getOpenFileName(self, "选择去年的文档", "", REUSE_FILTER)
        if not path:
            return False
        year, ok = QInputDialog.getInt(self, "新文档的年度", "新文档的年度：",
                                       self.start_page.year.value(), 2000, 2100)
        if not ok:
            return False
        return self.import_last_year(path, year)

    def import_last_year(self, path: str, year: int) -> bool:
        """Roll last year's document (.docx/.rdraft …) forward to ``year``."""
        from ..reuse import import_with_notes
        try:
            result = wait_for(import_with_notes, path, year=year, parent=self,
                              label="正在读取去年的文档…")
        except DrafterError as e:
            self.show_error("无法读取去年的文档", str(e))
            return False
        self.set_document(result.document, None)
        self.show_review_notes(result.notes)
        return True

    def save(self) -> bool:
        if not self.session.path or self.file_guard.must_save_as():
            return self.save_as()
        return self.save_to(self.session.path)

    def save_as(self, path: str | None = None) -> bool:
        if not path:
            path = self.ask_save_path()
            if not path:
                return False
        if not path.lower().endswith(".rdraft"):
            path += ".rdraft"
        return self.save_to(path)

    def save_to(self, path: str) -> bool:
        """Write the project atomically; on failure say so, keep the work."""
        from ..project_file import save
        done = self.file_guard.before_save(path)  # open elsewhere? changed on disk?
        if done is not None:
            return done
        try:
            save(self.session.document, path)
        except DrafterError as e:
            self.file_guard.after_save(path, ok=False)
            self.show_error("保存失败", f"{e}\n\n您的修改仍完整保留在窗口中，没有丢失。"
                            "请处理上述问题后再保存，或用“另存为”保存到其他位置（如U盘）。")
            return False
        self.session.set_path(str(Path(path).resolve()))
        self.file_guard.after_save(path, ok=True)
        self.session.undo_stack.setClean()
        self.autosaver.discard()
        self.add_recent(self.session.path)
        self.statusBar().showMessage(f"已保存：{self.session.path}", 5000)
        self._update_title()
        return True

    def _autosave_failed(self, message: str) -> None:
        """Autosave started failing: say so once (status bar and a dialog);
        the autosaver retries at every tick without asking again."""
        self.autosave_label.setText("自动保存失败，稍后自动重试")
        self.autosave_label.setToolTip(message)
        self.autosave_label.show()
        QTimer.singleShot(0, self, lambda: QMessageBox.warning(
            self, "自动保存失败",
            f"{message}。\n\n您的文档仍完整保留在窗口中，没有丢失；上一次自动保存的内容也"
            "没有被改动。程序会定时自动重试，不再重复提示。\n\n建议尽快腾出磁盘空间，"
            "或用“另存为”把文档保存到其他位置（如U盘）。"))

    def _autosave_resumed(self) -> None:
        if self.autosave_label.isVisible():
            self.autosave_label.hide()
            self.statusBar().showMessage("自动保存已恢复正常。", 5000)

    def maybe_save(self) -> bool:
        """True when it is fine to drop the open document."""
        if not self.session.modified:
            return True
        answer = self.ask_save_changes()
        if answer == "save":
            return self.save()
        return answer == "discard"

    def export(self) -> bool:
        self.live.render_now()
        dialog = _optional("export_dialog")
        if dialog is not None and hasattr(dialog, "export_document"):
            prefs_mod = _optional("preferences")
            prefs = prefs_mod.Preferences(self.settings) if prefs_mod else None
            return dialog.export_document(self, self.session, prefs) is not None
        start = str(Path(self.session.path).with_suffix(".docx")) if self.session.path else ""
        path, _ = QFileDialog.getSaveFileName(self, "导出公文", start, "Word 文档 (*.docx)")
        return self.export_to(path) if path else False

    def export_to(self, path: str) -> bool:
        """Export the .docx without dialogs (errors are shown)."""
        try:
            from ..export_docx import export_docx
        except ImportError:
            self.show_error("无法导出", "导出模块尚未安装。")
            return False
        try:
            # off the UI thread, on a snapshot: the window repaints meanwhile
            wait_for(export_docx, copy.deepcopy(self.session.document), path, parent=self,
                     label="正在导出…")
        except DrafterError as e:
            self.show_error("导出失败", f"{e}\n\n正在编辑的文档没有受到影响。请处理上述问题后"
                            "重新导出，或导出到其他位置。")
            return False
        self.statusBar().showMessage(f"已导出：{path}", 5000)
        return True

    def restore_recovery(self, recovery: Recovery) -> None:
        """Put a recovered document in the window as unsaved changes over
        the file it came from (undo goes back to the saved file)."""
        from ..project_file import load
        base = None
        if recovery.original_path and Path(recovery.original_path).is_file():
            try:
                base = load(recovery.original_path)
            except DrafterError:
                base = None
        path = recovery.original_path if base is not None else None
        self.set_document(base or Document(), path)
        self.session.push(ReplaceDocumentCommand(self.session, recovery.document,
                                                 "恢复自动保存的内容"))
        first = self.session.document.sections[0].id if self.session.document.sections else ""
        self.session.set_current_section(first)
        recovery.discard()
        self.autosaver.save_now()
        self.statusBar().showMessage("已恢复上次未保存的内容，请检查后保存。", 10000)

    # -- outline edits --------------------------------------------------------------------
    def _current(self) -> str:
        sid = self.session.current_section_id
        return sid if sid and self.session.document.find(sid) else ""

    def add_sibling(self) -> None:
        self.session.push(new_sibling_command(self.session, self._current() or None))
        self._edit_new_title()

    def add_child(self) -> None:
        try:
            command = new_child_command(self.session, self._current() or None)
        except ValueError as e:
            self.statusBar().showMessage(str(e), 5000)
            return
        self.session.push(command)
        self._edit_new_title()

    def _edit_new_title(self) -> None:
        self.show_editor()
        self.editor.title_edit.setFocus()
        self.editor.title_edit.selectAll()

    def delete_section(self) -> None:
        sid = self._current()
        if sid:
            self.session.push(DeleteSectionCommand(self.session, sid))

    def rename_section(self) -> None:
        index = self.outline.currentIndex()
        if index.isValid():
            self.outline.edit(index)

    def set_numbering_mode(self, mode: str) -> None:
        import copy
        settings = copy.deepcopy(self.session.document.settings)
        if settings.numbering_mode == mode:
            return
        settings.numbering_mode = mode
        self.session.push(ReplaceSettingsCommand(self.session, settings, "修改编号方式"))

    def go_to_section(self, section_id: str) -> None:
        if self.session.document.find(section_id) is not None:
            self.session.set_current_section(section_id)

    def show_match(self, section_id: str, field: str, start: int, end: int) -> None:
        self.go_to_section(section_id)
        if field == "title":
            self.editor.title_edit.setSelection(start, end - start)
            self.editor.title_edit.setFocus()
        else:
            self.editor.select_in_body(start, end)
            self.editor.body_edit.setFocus()

    def activate_finding(self, section_id: str, paragraph: int = 0, start: int = 0,
                         end: int = 0) -> None:
        """Go to a proofreading finding: the section, and the paragraph's text
        in the body when the body line is the printed paragraph itself; the
        title field for a heading (paragraph -1); the field of the properties
        dialog for the document's title, dates, 前言, 结束语 …."""
        finding = self._finding_at(section_id, paragraph, start, end)
        excerpt = finding.excerpt if finding is not None else ""
        if section_id.startswith("@"):
            if section_id == "@preamble":
                field = "preamble"
            elif section_id == "@closing":
                field = "closing"
            else:
                field = finding.field if finding is not None else "title"
            self.edit_properties(field, excerpt, paragraph if section_id != "@properties" else -1)
            return
        section = self.session.document.find(section_id)
        if section is None:
            return
        self.go_to_section(section_id)
        if paragraph == -1:
            self.show_editor()
            title = self.editor.title_edit
            text = title.text()
            if "{" not in text and 0 <= start < end <= len(text) \
                    and (not excerpt or text[start:end] == excerpt):
                title.setSelection(start, end - start)
            elif excerpt and excerpt in text:
                title.setSelection(text.index(excerpt), len(excerpt))
            else:
                title.selectAll()
            title.setFocus()
            return
        lines = section.body.split("\n")
        nonblank = [i for i, line in enumerate(lines) if line.strip()]
        if 0 <= paragraph < len(nonblank):
            i = nonblank[paragraph]
            offset = sum(len(line) + 1 for line in lines[:i])
            lead = len(lines[i]) - len(lines[i].lstrip())
            self.editor.select_in_body(offset + lead + start, offset + lead + end)

    def _finding_at(self, section_id: str, paragraph: int, start: int, end: int):
        """The proofreading finding the panel has selected, when it is the one
        at this place (the signal carries no field or excerpt)."""
        current = getattr(self.proofread_panel, "current_finding", None)
        f = current() if callable(current) else None
        if f is not None and (f.section_id, f.paragraph, f.start, f.end) == \
                (section_id, paragraph, start, end):
            return f
        for f in getattr(self.proofread_panel, "findings", None) or []:
            if (f.section_id, f.paragraph, f.start, f.end) == (section_id, paragraph, start, end):
                return f
        return None

    # -- review notes (以去年文档为起点) -----------------------------------------------------
    def show_review_notes(self, notes) -> None:
        """List the wizard's notes in the 待核对 dock (hidden when none)."""
        notes = list(notes or [])
        if self.review_dock is None:
            if not notes:
                return
            from .review_notes import ReviewNotesDock
            self.review_dock = ReviewNotesDock(self.session, self)
            self.review_dock.noteActivated.connect(self.go_to_note)
            self.addDockWidget(Qt.BottomDockWidgetArea, self.review_dock)
            if self.proofread_dock is not None:
                self.tabifyDockWidget(self.proofread_dock, self.review_dock)
            self.view_menu.addAction(self.review_dock.toggleViewAction())
        self.review_dock.set_notes(notes)
        if notes:
            self.review_dock.show()
            self.review_dock.raise_()
            self.statusBar().showMessage(f"有 {len(notes)} 处沿用的内容需要核对，见“待核对”。", 10000)
        else:
            self.review_dock.hide()

    def go_to_note(self, target) -> None:
        """Go where a review note points (``review_notes.NoteTarget``)."""
        if target is None:
            return
        if target.is_property:
            self.edit_properties(target.field, target.excerpt, target.paragraph)
            return
        section = self.session.document.find(target.section_id)
        if section is None:
            return
        self.go_to_section(target.section_id)
        self.show_editor()
        if target.field == "title":
            self.editor.title_edit.selectAll()
            self.editor.title_edit.setFocus()
            return
        body = section.body
        at = body.find(target.excerpt) if target.excerpt else -1
        if at >= 0:
            self.editor.select_in_body(at, at + len(target.excerpt))
        else:
            lines = body.split("\n")
            nonblank = [i for i, line in enumerate(lines) if line.strip()]
            if 0 <= target.paragraph < len(nonblank):
                i = nonblank[target.paragraph]
                offset = sum(len(line) + 1 for line in lines[:i])
                self.editor.select_in_body(offset, offset + len(lines[i]))
        self.editor.body_edit.setFocus()

    # -- year-over-year comparison ---------------------------------------------------------
    def compare_with_last_year(self, path: str | None = None):
        """与去年文档对比: last year's .docx/.rdraft against the open document;
        returns the CompareDialog (after it closes), None when cancelled.

        Reading last year's file (a .doc/.wps goes through LibreOffice) and
        comparing it with a snapshot of the open document run in a worker
        (``wait_for``, with the busy dialog), so the window never freezes."""
        if self.stack.currentIndex() == 0:
            self.statusBar().showMessage("请先打开或新建今年的文档，再与去年的文档对比。", 5000)
            return None
        if not path:
            path = self.ask_compare_path()
            if not path:
                return None
        from .compare_view import CompareDialog
        load = self.load_last_year_document
        current = copy.deepcopy(self.session.document)  # the worker's own copy

        def read_and_compare():  # worker thread
            from ..reuse.compare import compare_documents
            old = load(path)
            return old, compare_documents(old, current)

        QApplication.setOverrideCursor(Qt.WaitCursor)
        try:
            old, diffs = wait_for(read_and_compare, parent=self, label="正在读取去年的文档…")
        except DrafterError as e:
            error = str(e) or "无法读取该文件"
        else:
            error = ""
        finally:
            QApplication.restoreOverrideCursor()
        if error:
            self.show_error("无法读取去年的文档", error)
            return None
        dialog = CompareDialog(old, current, self, diffs=diffs)
        dialog.setWindowTitle(f"与去年对比 — {Path(path).name}")
        self.run_dialog(dialog)
        return dialog

    @staticmethod
    def load_last_year_document(path: str) -> Document:
        """Last year's document as it was (a project as saved; a Word
        document read back into an outline, years unchanged)."""
        from ..reuse import load_source
        from ..reuse.rollforward import source_year, start_from
        rec, source = load_source(path)
        if source is not None:
            return source
        year = source_year(rec) or 2000
        return start_from(rec, year, "plan_to_plan").document

    # -- docks and dialogs ---------------------------------------------------------------------
    def run_dialog(self, dialog) -> int:
        """Run a modal dialog (tests replace this to drive dialogs)."""
        return dialog.exec()

    def show_library(self) -> None:
        if self.library_dock is not None:
            self.library_dock.show()
            self.library_dock.raise_()

    def show_figures(self) -> None:
        if self.figures_dock is not None:
            self.figures_dock.show()
            self.figures_dock.raise_()

    def show_proofread(self) -> None:
        if self.proofread_dock is not None:
            self.proofread_dock.show()
            self.proofread_dock.raise_()
            # a full pass: in a worker when the panel can (long documents)
            refresh = getattr(self.proofread_panel, "recheck", None) \
                or getattr(self.proofread_panel, "refresh", None)
            if callable(refresh):
                refresh()
        else:
            self.statusBar().showMessage("校对功能尚未安装。", 5000)

    def show_find(self) -> None:
        self.find_bar.show()
        self.find_bar.edit.setFocus()
        self.find_bar.edit.selectAll()

    def edit_properties(self, field: str = "", excerpt: str = "", paragraph: int = -1) -> None:
        """The properties dialog, on the tab and widget of ``field`` when given
        (with ``excerpt`` selected in it)."""
        if not isinstance(field, str):  # QAction.triggered(bool)
            field = ""
        mod = _optional("properties_dialog")
        if mod is None:
            self.statusBar().showMessage("文档属性对话框尚未安装。", 5000)
            return
        dialog = mod.PropertiesDialog(self.session, self)
        if field and hasattr(dialog, "focus_field"):
            dialog.focus_field(field, excerpt, paragraph)
        self.run_dialog(dialog)

    def edit_preferences(self) -> None:
        mod = _optional("preferences")
        if mod is None:
            return
        dialog = mod.PreferencesDialog(self, mod.Preferences(self.settings))
        dialog.preferencesChanged.connect(self.apply_preferences)
        self.run_dialog(dialog)

    def apply_preferences(self) -> None:
        """After the preferences changed: the shared template folder shows
        in the library at once, the start page gets the default organ."""
        if self.library_dock is not None and hasattr(self.library_dock, "reload_library"):
            self.library_dock.reload_library()
        org = self._default_org()
        org_edit = getattr(self.start_page, "org", None)
        if org and org_edit is not None and not org_edit.text().strip():
            org_edit.setText(org)

    def about(self) -> None:
        QMessageBox.about(self, "关于", f"<b>{APP_TITLE}</b><p>起草年度工作总结、工作计划，"
                          "导出符合 GB/T 9704-2012《党政机关公文格式》的 Word 文档。</p>")

    def help_templates(self) -> None:
        guide = resources_dir().parent / "docs" / "templates.md"
        if guide.is_file():
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(guide)))
        else:
            QMessageBox.information(self, "模板写法", "正文中可使用：{{ year }}（年度）、"
                                    "{{ org }}（发文机关）、{{ fig.指标名 }}（指标值）、"
                                    "{{ fig.指标名.change }}（同比变化）等。")

    def _outline_menu(self, pos) -> None:
        menu = QMenu(self)
        menu.addActions([self.act_add_sibling, self.act_add_child])
        menu.addSeparator()
        menu.addActions([self.act_rename, self.act_promote, self.act_demote])
        menu.addSeparator()
        menu.addAction(self.act_insert_template)
        menu.addSeparator()
        menu.addAction(self.act_delete)
        menu.popup(self.outline.viewport().mapToGlobal(pos))

    # -- recent files ------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        if isinstance(value, str):
            value = [value] if value else []
        return [str(v) for v in (value or []) if v]

    def add_recent(self, path: str) -> None:
        files = [p for p in self.recent_files() if p != path]
        files.insert(0, path)
        self.settings.setValue("recentFiles", files[:MAX_RECENT])
        self.start_page.set_recent(files[:MAX_RECENT])

    def remove_recent(self, path: str) -> None:
        files = [p for p in self.recent_files() if p != path and p != str(Path(path).resolve())]
        self.settings.setValue("recentFiles", files)
        self.start_page.set_recent(files)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        for path in files:
            act = self.recent_menu.addAction(Path(path).name)
            act.setToolTip(path)
            act.triggered.connect(lambda checked=False, p=path: self.open_path(p))
        if not files:
            self.recent_menu.addAction("（暂无）").setEnabled(False)

    def _fill_examples_menu(self) -> None:
        from ..examples import list_examples
        self.examples_menu.clear()
        for name, title in list_examples():
            act = self.examples_menu.addAction(title or name)
            act.triggered.connect(lambda checked=False, n=name: self.open_example(n))

    # -- questions (replaced in tests) -------------------------------------------------------
    def ask_save_changes(self) -> str:
        return ask_choice(self, APP_TITLE,
                          f"“{self.session.display_name}”有尚未保存的修改。是否保存？",
                          ("save", "保存"), ("discard", "不保存"))

    def ask_open_path(self) -> str:
        start = str(Path(self.session.path).parent) if self.session.path else ""
        path, _ = QFileDialog.getOpenFileName(self, "打开项目", start, PROJECT_FILTER)
        return path

    def ask_compare_path(self) -> str:
        path, _ = QFileDialog.getOpenFileName(self, "选择去年的文档", "", REUSE_FILTER)
        return path

    def ask_save_path(self) -> str:
        start = self.session.path or (self.session.display_name + ".rdraft")
        path, _ = QFileDialog.getSaveFileName(self, "保存项目", start, PROJECT_FILTER)
        return path

    def show_error(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)

    # -- window state ----------------------------------------------------------------------------
    def _restore_window_state(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        sizes = self.settings.value("window/splitter")
        if sizes is not None:
            self.splitter.restoreState(sizes)

    def save_window_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event):
        if not self.maybe_save():
            event.ignore()
            return
        self.save_window_state()
        self.autosaver.stop()
        self.file_guard.release()
        event.accept()
