"""The main window: outline left, section editor centre, preview right, docks.

A shell around the parts that do the work:

- ``DocumentController`` (``document_controller``) — open, save, export,
  recover, import and compare, without widgets; the window is its port
  (questions ``ask_*``, ``show_error``, ``show_status``, ``show_document``,
  ``run_busy``);
- ``Navigator`` (``navigator``) — going to a section, a find match, a
  finding, a review note;
- ``FindBar`` (``find_bar``, search in ``desktop.search``), ``RecentFiles``
  (``recent_files``), ``BusyState`` (``busy``), actions and menus
  (``window_menus``).

Everything the menus do is also a method (``open_path``, ``save``,
``save_as``, ``export_to``, ``new_document`` …) so tests and the start
page drive the same code; questions to the user go through small
``ask_*`` methods that tests replace.  The flows that run in a worker
(``open``, ``open_path``, ``import_last_year``, ``export_to``,
``compare_with_last_year``) return at once and report through ``then``.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any, Callable, TypeVar

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (QDockWidget, QFileDialog, QLabel,
                               QMainWindow, QMessageBox, QSplitter, QStackedWidget,
                               QVBoxLayout, QWidget)

from ..model import Document
from .autosave import AutoSaver, Recovery, interval_ms
from .busy import BusyState
from .commands import (DeleteSectionCommand, ReplaceSettingsCommand, new_child_command,
                       new_sibling_command)
from .dialogs import ask_choice
from .document_controller import DocumentController, Then
from .editor import SectionEditor
from .figures_dock import FiguresDock
from .file_guard import FileGuard
from .find_bar import FindBar
from .library_dock import LibraryDock
from .navigator import Navigator
from .outline_model import OutlineView
from .preferences import K_AUTOSAVE, Preferences, PreferencesDialog
from .live_render import LiveRender
from .preview import PreviewPane
from .proofread_panel import ProofreadPanel
from .properties_dialog import PropertiesDialog
from .recent_files import RecentFiles
from .session import DocumentSession
from . import review_notes, window_menus
from .start_page import StartPage, bring_docks_back, put_docks_away
from .window_menus import APP_TITLE, make_actions, make_menus

T = TypeVar("T")

PROJECT_FILTER = "起草助手项目 (*.rdraft)"
REUSE_FILTER = "去年的文档 (*.docx *.doc *.wps *.rdraft);;Word 文档 (*.docx *.doc);;WPS 文档 (*.wps);;项目文件 (*.rdraft)"


class MainWindow(QMainWindow):
    documentOpened = Signal(str)  # path or ""

    def __init__(self, settings: QSettings | None = None, autosave_ms: int | None = None,
                 parent=None):
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.settings = settings if settings is not None else QSettings()
        self.session = DocumentSession(parent=self)
        self.live = LiveRender(self.session, parent=self)
        self.recent = RecentFiles(self.settings, self)
        self.setWindowTitle(APP_TITLE)
        self.resize(1400, 860)

        # -- centre: start page / outline | editor | preview ------------------------------
        self.outline = OutlineView(self.session)
        self.editor = SectionEditor(self.session, self.live)
        self.preview = PreviewPane(self.session, self.live)
        self.preview.sectionClicked.connect(self.go_to_section)
        self.find_bar = FindBar(self.session, self)
        self.find_bar.hide()

        outline_panel = QWidget()
        outline_layout = QVBoxLayout(outline_panel)
        outline_layout.setContentsMargins(0, 0, 0, 0)
        outline_title = QLabel("提纲")
        outline_title.setStyleSheet("font-weight: bold; padding: 2px 4px;")
        outline_layout.addWidget(outline_title)
        self.outline_buttons = QVBoxLayout()  # two rows of buttons (window_menus.make_actions)
        outline_layout.addLayout(self.outline_buttons)
        window_menus.add_part_buttons(self, outline_layout)

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
        self.splitter.setSizes([340, 330, 330])  # the outline its titles, the rest shared

        self.start_page = StartPage(default_org=self._default_org())
        self.recent.changed.connect(self.start_page.set_recent)
        self.start_page.newRequested.connect(self.new_document)
        self.start_page.openRequested.connect(lambda p: self.open_path(p) if p else self.open())
        self.start_page.exampleRequested.connect(self.open_example)
        self.start_page.reuseRequested.connect(self.start_from_last_year)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.start_page)
        self.stack.addWidget(self.splitter)
        self.setCentralWidget(self.stack)

        # -- docks (the other UI engineer's widgets) ---------------------------------------
        self.review_dock = None  # 待核对, made when the reuse wizard leaves notes
        self._make_docks()

        # -- status bar ------------------------------------------------------------------------
        self.stats_label = QLabel()
        self.stats_label.setObjectName("statsLabel")
        self.errors_label = QLabel()
        self.errors_label.setObjectName("errorsLabel")
        self.statusBar().addPermanentWidget(self.errors_label)
        self.statusBar().addPermanentWidget(self.stats_label)
        self.busy = BusyState(self, [self.start_page, outline_panel, editor_panel])
        self.preview.statsChanged.connect(self._show_stats)
        self.preview.layoutProgress.connect(self._show_layout_progress)
        self.live.rendered.connect(self._show_render_errors)
        self.live.rendered.connect(self.outline.outline_model().set_rendered)

        self.navigator = Navigator(self)
        self.find_bar.matchFound.connect(self.navigator.go_to)
        make_actions(self)
        make_menus(self)
        self.editor.sectionsPasted.connect(self.section_actions.paste_text_as_sections)

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
        self.file_guard = FileGuard(self.session, self, self)
        self.controller = DocumentController(self.session, self, self.file_guard, self.recent,
                                             self.autosaver)

        self.session.undo_stack.cleanChanged.connect(self._update_title)
        self.session.pathChanged.connect(self._update_title)
        self.session.documentReset.connect(self._update_title)
        self.session.documentReset.connect(lambda: review_notes.show_saved_notes(self))
        self.session.currentSectionChanged.connect(self._update_actions)
        self.session.outlineChanged.connect(self._update_actions)
        self._update_title()
        self._update_actions()
        self.start_page.set_recent(self.recent_files())
        self._restore_window_state()
        self.show_start_page()

    # -- set-up helpers ------------------------------------------------------------------------
    def _default_org(self) -> str:
        try:
            return Preferences(self.settings).default_org()
        except Exception:  # preferences are a convenience, never fatal
            return ""

    def _autosave_interval(self) -> int:
        if os.environ.get("REPORT_DRAFTER_AUTOSAVE_MS"):
            return interval_ms()
        if self.settings.contains(K_AUTOSAVE):
            return Preferences(self.settings).autosave_interval_ms()
        return interval_ms()

    def _make_docks(self) -> None:
        self.figures_dock = FiguresDock(self.session, self)
        self.addDockWidget(Qt.RightDockWidgetArea, self.figures_dock)
        self.library_dock = LibraryDock(self.session, parent=self,
                                        prefs=Preferences(self.settings))
        self.library_dock.phraseInsertRequested.connect(self.editor.insert_text)
        self.addDockWidget(Qt.RightDockWidgetArea, self.library_dock)
        self.proofread_panel = ProofreadPanel(self.session, check_now=False)
        self.proofread_dock = QDockWidget("校对", self)
        self.proofread_dock.setWidget(self.proofread_panel)
        self.proofread_dock.setObjectName("proofreadDock")
        self.proofread_panel.findingActivated.connect(self.activate_finding)
        self.addDockWidget(Qt.BottomDockWidgetArea, self.proofread_dock)
        self.tabifyDockWidget(self.figures_dock, self.library_dock)
        self.figures_dock.raise_()
        self.resizeDocks([self.figures_dock], [440], Qt.Horizontal)
        self.resizeDocks([self.proofread_dock], [150], Qt.Vertical)

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
        editing = self.stack.currentIndex() == 1  # the start page has no sections to act on
        has = editing and bool(sid) and doc.find(sid) is not None
        self.act_delete.setEnabled(has)
        self.act_rename.setEnabled(has)
        self.act_promote.setEnabled(has and doc.can_promote(sid))
        self.act_demote.setEnabled(has and doc.can_demote(sid))
        self.act_add_child.setEnabled(editing and (not has or doc.find(sid).level < 4))

    def _show_layout_progress(self, percent: int) -> None:
        if percent < 100:
            self.statusBar().showMessage(f"正在排版预览… {percent}%")
        else:
            self.statusBar().clearMessage()

    def _show_stats(self, pages: int, characters: int) -> None:
        self.stats_label.setText(f"约 {pages} 页（每页 22 行 × 28 字）　{characters} 字")

    def _show_render_errors(self, rendered) -> None:
        n = len(rendered.errors)
        data = sum(1 for e in rendered.errors if getattr(e.error, "field", None))  # a chip's
        self.errors_label.setText("　".join(t for t in (f"模板错误 {n - data} 处" * (n > data),
                                                       f"数据缺失 {data} 处" * (data > 0)) if t))
        self.errors_label.setStyleSheet("color: #b00000;" if n else "")

    def _sync_numbering(self) -> None:
        mode = self.session.document.settings.numbering_mode
        if mode in self.act_numbering:
            self.act_numbering[mode].setChecked(True)

    # -- pages -------------------------------------------------------------------------------
    def show_start_page(self) -> None:
        """The start page alone: the docks (empty without a document) wait."""
        self.start_page.set_recent(self.recent_files())
        put_docks_away(self)
        self.stack.setCurrentIndex(0)
        window_menus.enable_document_actions(self, False)
        self._update_title()

    def show_editor(self) -> None:
        bring_docks_back(self)
        self.stack.setCurrentIndex(1)
        window_menus.enable_document_actions(self, True)
        self._update_title()

    # -- documents (the controller's work; these names are the window's API) ---------------
    def set_document(self, doc: Document, path: str | None = None, *,
                     unsaved: bool = False) -> None:
        """Show ``doc`` (already loaded) as the open document; ``unsaved`` for
        one made here (new, rolled forward, merged): modified until saved."""
        self.session.reset(doc, path, unsaved=unsaved)  # renders it (LiveRender)
        first = doc.sections[0].id if doc.sections else ""
        self.session.set_current_section(first)
        self.outline.select_section(first)
        self.show_editor()
        self._sync_numbering()
        self._update_actions()
        self.documentOpened.emit(path or "")

    def new_document(self, kind: str, year: int, org: str, org_short: str = "") -> bool:
        return self.controller.new_document(kind, year, org, org_short)

    def open(self, then: Then | None = None) -> None:
        self.controller.open(then)

    def open_path(self, path: str, ask: bool = True, then: Then | None = None) -> None:
        """Open a project (read in a worker; ``then(ok)`` when it has ended)."""
        self.controller.open_path(path, ask, then)

    def open_example(self, name: str) -> bool:
        return self.controller.open_example(name)

    def start_from_last_year(self) -> bool:
        """以去年文档为起点: the reuse wizard makes this year's document."""
        from .reuse_wizard import ReuseWizard
        if not self.maybe_save():
            return False
        wizard = ReuseWizard(self)
        if not self.run_dialog(wizard):
            return False
        doc = wizard.result_document()
        if doc is None:
            return False
        self.set_document(doc, None, unsaved=True)
        self.show_review_notes(wizard.notes())
        return True

    def import_last_year(self, path: str, year: int, then: Then | None = None) -> None:
        self.controller.import_last_year(path, year, then)

    def merge_drafts(self) -> bool:
        """汇总各科室材料…: the departments' drafts merged into a new, unsaved
        document (``merge_dialog.MergeDialog``); its notes go to 待核对."""
        from .merge_dialog import MergeDialog
        if not self.maybe_save():
            return False
        dialog = MergeDialog(self, year=self.start_page.year.value(),
                             org=self.session.document.properties.org)
        if not self.run_dialog(dialog):
            return False
        merged = dialog.result_document()
        if merged is None:
            return False
        self.set_document(merged, None, unsaved=True)
        self.show_review_notes(dialog.notes())
        return True

    def save(self) -> bool:
        return self.controller.save()

    def save_as(self, path: str | None = None) -> bool:
        return self.controller.save_as(path)

    def save_to(self, path: str) -> bool:
        ok = self.controller.save_to(path)
        self._update_title()
        return ok

    def maybe_save(self) -> bool:
        """True when it is fine to drop the open document."""
        return self.controller.maybe_save()

    def export(self) -> bool:
        from .export_dialog import export_document
        rendered = self.live.render_now()  # current: the export writes it as it is
        return export_document(self, self.session, Preferences(self.settings), rendered=rendered,
                               ask=getattr(self, "ask_export_anyway", None)) is not None

    def export_to(self, path: str, then: Then | None = None) -> None:
        self.controller.export_to(path, then)

    def restore_recovery(self, recovery: Recovery) -> None:
        self.controller.restore_recovery(recovery)

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
        section = self.session.document.find(sid) if sid else None
        if section is not None and self.section_actions.confirm_delete(section):
            self.session.push(DeleteSectionCommand(self.session, sid))

    def show_replace(self):
        return window_menus.show_replace(self)

    def show_guide(self):
        return window_menus.show_guide(self)

    def ask_yes_no(self, title: str, text: str) -> bool:
        yes, no = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No
        return QMessageBox.question(self, title, text, yes | no, no) == yes  # 否 by default

    def rename_section(self) -> None:
        index = self.outline.currentIndex()
        if index.isValid():
            self.outline.edit(index)

    def set_numbering_mode(self, mode: str) -> None:
        settings = copy.deepcopy(self.session.document.settings)
        if settings.numbering_mode == mode:
            return
        settings.numbering_mode = mode
        self.session.push(ReplaceSettingsCommand(self.session, settings, "修改编号方式"))

    # -- going places (the navigator) ----------------------------------------------------
    def go_to_section(self, section_id: str) -> None:
        self.navigator.go_to_section(section_id)

    def activate_finding(self, section_id: str, paragraph: int = 0, start: int = 0,
                         end: int = 0) -> None:
        """Go to a proofreading finding (see ``Navigator.activate_finding``)."""
        self.navigator.activate_finding(section_id, paragraph, start, end,
                                        self._finding_at(section_id, paragraph, start, end))

    def _finding_at(self, section_id: str, paragraph: int, start: int, end: int) -> Any:
        """The proofreading finding the panel has selected, when it is the one
        at this place (the signal carries no field or excerpt)."""
        place = (section_id, paragraph, start, end)
        current = self.proofread_panel.current_finding()
        if current is not None and (current.section_id, current.paragraph, current.start,
                                    current.end) == place:
            return current
        for f in self.proofread_panel.findings:
            if (f.section_id, f.paragraph, f.start, f.end) == place:
                return f
        return None

    # -- review notes (以去年文档为起点) -----------------------------------------------------
    def show_review_notes(self, notes) -> None:
        """The wizard's notes in the 待核对 dock; the document's from now on."""
        review_notes.show_notes(self, notes)

    # -- year-over-year comparison ---------------------------------------------------------
    def compare_with_last_year(self, path: str | None = None,
                               then: Callable[[Any], None] | None = None) -> None:
        """与去年文档对比: last year's .docx/.rdraft against the open document;
        ``then`` gets the CompareDialog after it closes, None when cancelled.

        Reading last year's file (a .doc/.wps goes through LibreOffice) and
        comparing it with a snapshot of the open document run in a worker
        (``run_busy``), so the window never freezes."""
        end: Callable[[Any], None] = then or (lambda dialog: None)
        if self.stack.currentIndex() == 0:
            self.statusBar().showMessage("请先打开或新建今年的文档，再与去年的文档对比。", 5000)
            return end(None)
        path = path or self.ask_compare_path()
        if not path:
            return end(None)

        def read(comparison: Any) -> None:
            if comparison is None:
                return end(None)
            from .compare_view import CompareDialog
            old, current, diffs = comparison
            dialog = CompareDialog(old, current, self, diffs=diffs)
            dialog.setWindowTitle(f"与去年对比 — {Path(path).name}")
            self.run_dialog(dialog)
            end(dialog)
        self.controller.read_for_comparison(path, read)

    # -- docks and dialogs ---------------------------------------------------------------------
    def run_dialog(self, dialog) -> int:
        """Run a modal dialog (tests replace this to drive dialogs)."""
        return dialog.exec()

    def show_library(self) -> None:
        self.library_dock.show()
        self.library_dock.raise_()

    def show_figures(self) -> None:
        self.figures_dock.show()
        self.figures_dock.raise_()

    def show_proofread(self) -> None:
        self.proofread_dock.show()
        self.proofread_dock.raise_()
        self.proofread_panel.recheck()  # a full pass, in a worker for long documents

    def show_find(self) -> None:
        self.find_bar.show()
        self.find_bar.edit.setFocus()
        self.find_bar.edit.selectAll()

    def edit_properties(self, field: str = "", excerpt: str = "", paragraph: int = -1) -> None:
        """The properties dialog, on the tab and widget of ``field`` when given
        (with ``excerpt`` selected in it)."""
        if not isinstance(field, str):  # QAction.triggered(bool)
            field = ""
        dialog = PropertiesDialog(self.session, self)
        if field:
            dialog.focus_field(field, excerpt, paragraph)
        self.run_dialog(dialog)

    def edit_preferences(self) -> None:
        dialog = PreferencesDialog(self, Preferences(self.settings))
        dialog.preferencesChanged.connect(self.apply_preferences)
        self.run_dialog(dialog)

    def apply_preferences(self) -> None:
        """After the preferences changed: the shared template folder shows
        in the library at once, the start page gets the default organ."""
        self.library_dock.reload_library()
        org = self._default_org()
        org_edit = getattr(self.start_page, "org", None)
        if org and org_edit is not None and not org_edit.text().strip():
            org_edit.setText(org)

    # -- recent files ------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        return self.recent.files()

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
        """The title as the file name, in the folder used last."""
        from .file_names import suggested_path
        start = suggested_path(self.session, self.settings.value("files/last_dir", ""), ".rdraft")
        path, _ = QFileDialog.getSaveFileName(self, "保存项目", str(start), PROJECT_FILTER)
        if path:
            self.settings.setValue("files/last_dir", str(Path(path).parent))
        return path

    def show_error(self, title: str, message: str) -> None:
        QMessageBox.warning(self, title, message)

    def show_status(self, message: str, ms: int = 5000) -> None:
        self.statusBar().showMessage(message, ms)

    def show_document(self, doc: Document, path: str | None, unsaved: bool = False) -> None:
        self.set_document(doc, path, unsaved=unsaved)

    def run_busy(self, fn: Callable[..., T], *args: Any, label: str, done: Callable[[T], None],
                 failed: Callable[[BaseException], None], **kwargs: Any) -> None:
        """Run ``fn`` off the UI thread while the window is busy (``BusyState.run``)."""
        self.busy.run(fn, *args, label=label, done=done, failed=failed, **kwargs)

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
        if self.stack.currentIndex() != 0:  # on the start page the docks are put away
            self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy.active or not self.maybe_save():  # work under way: close after it
            event.ignore()
            return
        self.save_window_state()
        self.autosaver.stop()
        self.file_guard.release()
        event.accept()
