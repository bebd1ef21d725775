"""The main window's actions, menus and the outline's context menu.

``make_actions(window)`` creates every ``window.act_*`` (with its shortcut
and status tip) and the outline's buttons; ``make_menus(window)`` the menu
bar.  Slots are the window's own methods, so menus, tests and the start
page drive the same code.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QMenu, QMessageBox, QPushButton, QToolButton

from ..model import NUMBERING_MODE_LABELS, NUMBERING_MODES
from ..paths import template_guide_path

if TYPE_CHECKING:
    from .main_window import MainWindow

APP_TITLE = "年度总结·计划起草助手"


def _action(w: "MainWindow", text, slot=None, shortcut=None, tip="", checkable=False) -> QAction:
    action = QAction(text, w)
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

def make_actions(w: "MainWindow") -> None:
    """The window's actions (``w.act_*``) and the outline's buttons and context menu."""
    a = partial(_action, w)
    w.outline.customContextMenuRequested.connect(lambda pos: _outline_menu(w, pos))
    w.act_new = a("新建(&N)…", w.show_start_page, QKeySequence.New, "新建文档")
    w.act_open = a("打开(&O)…", lambda: w.open(), QKeySequence.Open, "打开项目文件")
    w.act_reuse = a("以去年文档为起点(&L)…", w.start_from_last_year,
                       tip="打开去年的 Word 文档或项目，顺延一年")
    w.act_merge = a("汇总各科室材料(&M)…", w.merge_drafts,
                    tip="把各科室、学校报送的材料按工作、问题、打算汇总为一份文档")
    w.act_save = a("保存(&S)", w.save, QKeySequence.Save)
    w.act_save_as = a("另存为(&A)…", w.save_as, "Ctrl+Shift+S")
    w.act_export = a("导出公文(&E)…", w.export, "Ctrl+E", "导出 GB/T 9704 格式的 .docx")
    w.act_properties = a("文档属性(&P)…", w.edit_properties, "Ctrl+Shift+P",
                            "标题、发文机关、署名、日期、版记等")
    w.act_quit = a("退出(&X)", w.close, QKeySequence.Quit)

    stack = w.session.undo_stack
    w.act_undo = stack.createUndoAction(w, "撤销")
    w.act_undo.setShortcuts([QKeySequence(QKeySequence.Undo)])
    w.act_redo = stack.createRedoAction(w, "重做")
    w.act_redo.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
    w.act_find = a("查找(&F)…", w.show_find, QKeySequence.Find)
    w.act_find_next = a("查找下一个", lambda: w.find_bar.find_next(), QKeySequence.FindNext)
    w.act_replace = a("查找替换(&H)…", w.show_replace, "Ctrl+H",
                      "在全文（标题、正文、开头导语、结束语）中查找并替换")
    from .section_actions import SectionActions
    w.section_actions = SectionActions(w, ask=lambda title, text: w.ask_yes_no(title, text))

    w.act_add_sibling = a("添加同级章节", w.add_sibling, "Ctrl+Return",
                             "在当前章节之后添加同级章节")
    w.act_add_child = a("添加下级章节", w.add_child, "Ctrl+Shift+Return",
                           "在当前章节下添加下级章节")
    w.act_delete = a("删除章节", w.delete_section, tip="删除当前章节及其下级")
    w.act_rename = a("重命名", w.rename_section, "F2")
    w.act_promote = a("升级", w.outline.promote_current, "Alt+Shift+Left",
                         "把章节提升一级（如（一）→ 一、）")
    w.act_demote = a("降级", w.outline.demote_current, "Alt+Shift+Right",
                        "把章节降低一级（成为上一个同级章节的下级）")
    # Delete works in the tree only (in text it deletes characters)
    w.act_delete.setShortcut(QKeySequence.Delete)
    w.act_delete.setShortcutContext(Qt.WidgetShortcut)
    w.outline.addAction(w.act_delete)
    w.act_rename.setShortcutContext(Qt.WidgetShortcut)
    w.outline.addAction(w.act_rename)
    w.act_insert_template = a("从模板库插入…", w.show_library,
                                 tip="打开模板库，选择模板插入")
    w.act_figures = a("数据指标…", w.show_figures)

    w.act_numbering = {}
    w.numbering_group = QActionGroup(w)
    for mode in NUMBERING_MODES:
        act = a(NUMBERING_MODE_LABELS[mode], checkable=True)
        act.setData(mode)
        act.triggered.connect(lambda checked, m=mode: w.set_numbering_mode(m))
        w.numbering_group.addAction(act)
        w.act_numbering[mode] = act
    w.session.settingsChanged.connect(w._sync_numbering)
    w.session.documentReset.connect(w._sync_numbering)

    w.act_proofread = a("校对(&C)", w.show_proofread, "F7", "检查常见错误")
    w.act_preferences = a("首选项…", w.edit_preferences)
    w.act_compare = a("与去年文档对比(&D)…", lambda: w.compare_with_last_year(),
                         tip="选择去年的文档，逐章节对比今年的文档有哪些改动")
    w.act_about = a("关于(&A)", lambda: about(w))
    w.act_guide = a("用户指南(&G)", w.show_guide, QKeySequence.HelpContents,
                    "打开随程序提供的用户指南")
    w.act_help_templates = a("模板写法说明", lambda: help_templates(w))

    # two rows (adding; moving and deleting): in one row the five buttons made the
    # outline pane so wide that on a small screen the preview was a sliver
    adding, changing = QHBoxLayout(), QHBoxLayout()
    w.outline_buttons.setSpacing(2)
    w.outline_buttons.addLayout(adding)
    w.outline_buttons.addLayout(changing)
    for act in (w.act_add_sibling, w.act_add_child):
        button = QToolButton()
        button.setDefaultAction(act)
        button.setToolButtonStyle(Qt.ToolButtonTextOnly)
        adding.addWidget(button)
    for act, text in ((w.act_promote, "←升级"), (w.act_demote, "降级→"),
                      (w.act_delete, "删除")):
        # the button's short label is the action's icon text: a button's own text
        # gave way to the menu's text whenever the action changed (enabled or not)
        act.setIconText(text)
        button = QToolButton()
        button.setDefaultAction(act)
        changing.addWidget(button)
    adding.addStretch(1)
    changing.addStretch(1)

def enable_document_actions(w: "MainWindow", on: bool) -> None:
    """What acts on the open document is off while the start page shows
    (Ctrl+S, Ctrl+E … would act on a document the clerk cannot see)."""
    for act in (w.act_save, w.act_save_as, w.act_export, w.act_properties, w.act_find,
                w.act_find_next, w.act_replace, w.act_add_sibling, w.act_insert_template,
                w.act_figures, w.act_proofread, *w.section_actions.actions(),
                *w.act_numbering.values()):
        act.setEnabled(on)
    w._update_actions()


def make_menus(w: "MainWindow") -> None:
    """The menu bar over the actions of ``make_actions``."""
    bar = w.menuBar()
    m = bar.addMenu("文件(&F)")
    m.addActions([w.act_new, w.act_open, w.act_reuse, w.act_merge])
    w.recent_menu = m.addMenu("最近打开的文件")
    w.recent_menu.aboutToShow.connect(lambda: fill_recent_menu(w))
    w.examples_menu = m.addMenu("打开示例")
    w.examples_menu.aboutToShow.connect(lambda: fill_examples_menu(w))
    m.addSeparator()
    m.addActions([w.act_save, w.act_save_as])
    m.addSeparator()
    m.addActions([w.act_export, w.act_properties])
    m.addSeparator()
    m.addAction(w.act_quit)

    m = bar.addMenu("编辑(&E)")
    m.addActions([w.act_undo, w.act_redo])
    m.addSeparator()
    m.addActions([w.act_find, w.act_find_next, w.act_replace])
    m.addSeparator()
    m.addActions([w.act_rename, w.act_delete, w.act_promote, w.act_demote])
    m.addActions(w.section_actions.actions())

    m = bar.addMenu("插入(&I)")
    m.addActions([w.act_add_sibling, w.act_add_child])
    m.addSeparator()
    m.addActions([w.act_insert_template, w.act_figures])

    w.view_menu = m = bar.addMenu("视图(&V)")
    for dock in (w.figures_dock, w.library_dock, w.proofread_dock):
        if dock is not None:
            m.addAction(dock.toggleViewAction())
    w.act_show_preview = _action(w, "预览", checkable=True)
    w.act_show_preview.setChecked(True)
    w.act_show_preview.toggled.connect(w.preview.setVisible)
    m.addAction(w.act_show_preview)
    numbering = m.addMenu("三级标题编号方式")
    numbering.addActions(list(w.act_numbering.values()))

    m = bar.addMenu("工具(&T)")
    m.addActions([w.act_proofread, w.act_compare, w.act_properties,
                  w.act_preferences])

    m = bar.addMenu("帮助(&H)")
    m.addActions([w.act_guide, w.act_help_templates, w.act_about])


def _outline_menu(w: "MainWindow", pos) -> None:
    menu = QMenu(w)
    menu.addActions([w.act_add_sibling, w.act_add_child])
    menu.addSeparator()
    menu.addActions([w.act_rename, w.act_promote, w.act_demote])
    menu.addActions(w.section_actions.actions())
    menu.addSeparator()
    menu.addAction(w.act_insert_template)
    menu.addSeparator()
    menu.addAction(w.act_delete)
    menu.popup(w.outline.viewport().mapToGlobal(pos))


def fill_recent_menu(w: "MainWindow") -> None:
    w.recent_menu.clear()
    files = w.recent_files()
    for path in files:
        act = w.recent_menu.addAction(Path(path).name)
        act.setToolTip(path)
        act.triggered.connect(lambda checked=False, p=path: w.open_path(p))
    if not files:
        w.recent_menu.addAction("（暂无）").setEnabled(False)

def fill_examples_menu(w: "MainWindow") -> None:
    from ..examples import list_examples
    w.examples_menu.clear()
    for name, title in list_examples():
        act = w.examples_menu.addAction(title or name)
        act.triggered.connect(lambda checked=False, n=name: w.open_example(n))


def about(w: "MainWindow") -> None:
    from .help_dialog import app_version
    QMessageBox.about(w, "关于", f"<b>{APP_TITLE}</b>　版本 {app_version()}"
                      "<p>起草年度工作总结、工作计划，"
                      "导出符合 GB/T 9704-2012《党政机关公文格式》的 Word 文档。</p>")


def help_templates(w: "MainWindow"):
    """帮助 → 模板写法说明: the Chinese guide for template authors, in the help dialog."""
    from .help_dialog import GuideDialog
    if getattr(w, "template_guide_dialog", None) is None:
        w.template_guide_dialog = GuideDialog(w, path=template_guide_path(), title="模板写法说明")
    w.template_guide_dialog.show()
    w.template_guide_dialog.raise_()
    return w.template_guide_dialog


def show_replace(w: "MainWindow"):
    """查找替换 (Ctrl+H): one dialog per window, kept between uses."""
    from .replace_dialog import ReplaceDialog
    if getattr(w, "replace_dialog", None) is None:
        w.replace_dialog = ReplaceDialog(w.session, w)
        w.replace_dialog.matchActivated.connect(w.navigator.go_to)
    w.replace_dialog.show()
    w.replace_dialog.raise_()
    w.replace_dialog.find_edit.setFocus()
    return w.replace_dialog


def show_guide(w: "MainWindow"):
    """帮助 → 用户指南: the guide shipped with the program, offline."""
    from .help_dialog import GuideDialog
    if getattr(w, "guide_dialog", None) is None:
        w.guide_dialog = GuideDialog(w)
    w.guide_dialog.show()
    w.guide_dialog.raise_()
    return w.guide_dialog


def add_part_buttons(w: "MainWindow", layout) -> None:
    """开头导语 above the outline, 结束语 below it: both open in the editor
    like a section (the outline itself is added between them)."""
    def button(text, name, tip, target):
        b = QPushButton(text)
        b.setObjectName(name)
        b.setToolTip(tip)
        b.setFlat(True)
        b.setStyleSheet("QPushButton { text-align: left; padding: 2px 6px; color: #1f4f9f; }")
        b.clicked.connect(lambda: w.go_to_section(target))
        return b
    w.preamble_button = button("✎ 开头导语", "preambleButton", "编辑第一个一级标题之前的导语",
                               "@preamble")
    w.closing_button = button("✎ 结束语", "closingButton", "编辑最后一个章节之后的结束语",
                              "@closing")
    layout.addWidget(w.preamble_button)
    layout.addWidget(w.outline, 1)
    layout.addWidget(w.closing_button)
