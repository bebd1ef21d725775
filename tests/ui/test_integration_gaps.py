"""Window integration: proofreading findings on titles and properties, the
year-over-year comparison menu, the reuse wizard's review notes, and the
preferences reloading the template library."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from desktop.export_docx import export_docx  # noqa: E402
from desktop.project_file import save  # noqa: E402
from desktop.reuse.compare import ADDED, CHANGED, SAME  # noqa: E402
from desktop.ui.compare_view import CompareDialog  # noqa: E402
from desktop.ui.preferences import PreferencesDialog  # noqa: E402
from desktop.ui.properties_dialog import PropertiesDialog  # noqa: E402
from desktop.ui.reuse_wizard import PAGE_OUTLINE, PAGE_TARGETS, ReuseWizard  # noqa: E402
from desktop.ui.review_notes import locate_note  # noqa: E402

from tests.reuse_docx import write_typed
from tests.ui.documents import make_document


def faulty_document():
    doc = make_document()
    doc.sections[1].title = "存在的问题,不足"
    doc.properties.doc_number = "某教发[2025]3号"
    doc.properties.preamble = "一年来，全县教育工作稳步推进。\n今年,全县教育工作取得新成效。"
    doc.properties.closing = "我们将继续努力,再创佳绩。"
    doc.properties.date = "2023-12-20"
    return doc


def capture_dialogs(window, handler=None):
    """Replace the window's modal loop: record each dialog, let ``handler``
    act on it, return its result."""
    seen = []

    def run(dialog):
        seen.append(dialog)
        return handler(dialog) if handler is not None else 0

    window.run_dialog = run
    return seen


def finding_index(panel, rule, section_id):
    for i, f in enumerate(panel.findings):
        if f.rule == rule and f.section_id == section_id:
            return i
    raise AssertionError(f"no {rule} finding in {section_id}: {panel.findings}")


def activate(window, index):
    """What a click in the panel does: select the row, emit findingActivated."""
    panel = window.proofread_panel
    panel.select(index)
    panel._activate(panel.tree.topLevelItem(index))


@pytest.fixture
def faulty(window):
    window.set_document(faulty_document(), None)
    window.show_proofread()
    return window


# -- 1. findings on titles, properties, 前言 and 结束语 ------------------------------------------
def test_title_finding_selects_the_text_in_the_title_field(faulty):
    w = faulty
    panel = w.proofread_panel
    section = w.session.document.sections[1]
    i = finding_index(panel, "halfwidth-punct", section.id)
    assert panel.findings[i].paragraph == -1
    dialogs = capture_dialogs(w)
    activate(w, i)
    assert not dialogs
    assert w.session.current_section_id == section.id
    title = w.editor.title_edit
    assert title.text() == "存在的问题,不足"
    assert title.selectedText() == ","
    assert title.selectionStart() == 5


def test_title_finding_with_template_title_selects_the_excerpt(window):
    doc = faulty_document()
    doc.sections[1].title = "{{ year }}年存在的问题,不足"
    window.set_document(doc, None)
    window.show_proofread()
    panel = window.proofread_panel
    i = finding_index(panel, "halfwidth-punct", doc.sections[1].id)
    activate(window, i)
    title = window.editor.title_edit
    assert title.text() == f"{doc.properties.year}年存在的问题,不足"  # shown as printed
    assert title.selectedText() == ","
    assert title.selectionStart() == title.text().index(",")


def test_property_finding_opens_the_dialog_on_that_field(faulty):
    w = faulty
    panel = w.proofread_panel
    dialogs = capture_dialogs(w)
    activate(w, finding_index(panel, "doc-number-format", "@properties"))
    assert len(dialogs) == 1 and isinstance(dialogs[0], PropertiesDialog)
    d = dialogs[0]
    assert d.tabs.tabText(d.tabs.currentIndex()) == "版头与主送"
    assert d.focused_field_widget() is d.doc_number_edit
    assert d.doc_number_edit.selectedText() == "[2025]3号"


def test_date_finding_opens_the_date_field(faulty):
    w = faulty
    dialogs = capture_dialogs(w)
    activate(w, finding_index(w.proofread_panel, "date-year", "@properties"))
    d = dialogs[0]
    assert d.tabs.tabText(d.tabs.currentIndex()) == "落款与版记"
    assert d.focused_field_widget() is d.date_edit.edit


@pytest.mark.parametrize("where,field,tab_paragraph", [("@preamble", "preamble", 1),
                                                        ("@closing", "closing", 0)])
def test_preamble_and_closing_findings_select_in_the_editor(faulty, where, field,
                                                             tab_paragraph):
    """The 开头导语 and 结束语 are edited in the main editor like any section."""
    w = faulty
    panel = w.proofread_panel
    i = finding_index(panel, "halfwidth-punct", where)
    assert panel.findings[i].paragraph == tab_paragraph
    dialogs = capture_dialogs(w)
    activate(w, i)
    assert dialogs == []
    assert w.editor.part() == field
    body = w.editor.body_edit
    cursor = body.textCursor()
    assert cursor.selectedText() == ","
    line = body.toPlainText().split("\n")[tab_paragraph]
    assert cursor.selectionStart() == body.toPlainText().index(line) + line.index(",")


def test_focus_field_when_the_dialog_is_shown(qtbot, faulty):
    d = PropertiesDialog(faulty.session, faulty)
    qtbot.addWidget(d)
    assert d.focus_field("signature", "")
    assert not d.focus_field("no-such-field")
    d.show()
    qtbot.waitExposed(d)
    qtbot.waitUntil(lambda: d.focusWidget() is d.signature_edit)
    assert isinstance(d.focusWidget(), QLineEdit)
    d.reject()


def test_properties_action_still_opens_the_dialog_on_the_first_tab(faulty):
    dialogs = capture_dialogs(faulty)
    faulty.act_properties.trigger()  # triggered(bool) must not become a field name
    assert len(dialogs) == 1 and dialogs[0].tabs.currentIndex() == 0
    assert dialogs[0].focused_field_widget() is None


# -- 2. 与去年文档对比 -----------------------------------------------------------------------
def menu_action(window, menu_title, text):
    for top in window.menuBar().actions():
        if top.text() == menu_title:
            for act in top.menu().actions():
                if act.text() == text:
                    return act
    raise AssertionError(f"{menu_title} → {text} not found")


def last_and_this_year(tmp_path):
    old = make_document()
    old.properties.year = 2024
    old.sections[1].body = "发展还不够平衡。"
    old.sections = old.sections[:2]  # no 下一步打算 last year
    path = tmp_path / "去年.rdraft"
    save(old, path)
    return old, path


@pytest.mark.parametrize("suffix", [".rdraft", ".docx"])
def test_compare_menu_compares_last_years_file_with_the_open_document(window, tmp_path, suffix,
                                                                       qtbot):
    old, path = last_and_this_year(tmp_path)
    if suffix == ".docx":
        path = tmp_path / "去年.docx"
        export_docx(old, path)
    window.set_document(make_document(), None)
    window.ask_compare_path = lambda: str(path)
    dialogs = capture_dialogs(window)
    act = menu_action(window, "工具(&T)", "与去年文档对比(&D)…")
    act.trigger()
    assert window.busy.active and not dialogs  # reading in a worker
    qtbot.waitUntil(lambda: bool(dialogs), timeout=20_000)
    assert len(dialogs) == 1 and isinstance(dialogs[0], CompareDialog)
    diffs = {d.label: d.status for d in dialogs[0].diffs()}
    assert diffs["二、存在的问题"] == CHANGED
    assert diffs["三、下一步打算"] == ADDED
    assert diffs["（二）教师队伍建设"] == SAME
    assert path.name in dialogs[0].windowTitle()


def test_compare_needs_an_open_document_and_reports_bad_files(window, tmp_path, finish):
    dialogs = capture_dialogs(window)
    window.ask_compare_path = lambda: str(tmp_path / "x.docx")
    assert finish(window.compare_with_last_year) is None  # start page: nothing open
    assert not dialogs and not window.errors
    window.set_document(make_document(), None)
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(b"not a zip")
    assert finish(window.compare_with_last_year, str(bad)) is None
    assert not dialogs
    assert window.errors and window.errors[0][0] == "无法读取去年的文档"
    window.ask_compare_path = lambda: ""
    assert finish(window.compare_with_last_year) is None


def spy_busy(window):
    """The labels of the work the window runs in a worker (``BusyState.run``)."""
    labels = []
    window.busy.changed.connect(lambda busy: busy and labels.append(window.busy.label.text()))
    return labels


def in_threads(monkeypatch, load=None):
    """Record whether ``load_last_year_document`` runs on the UI thread."""
    import desktop.ui.document_controller as controller
    real = load or controller.load_last_year_document
    on_ui_thread = []

    def recording(path):
        on_ui_thread.append(threading.current_thread() is threading.main_thread())
        return real(path)
    monkeypatch.setattr(controller, "load_last_year_document", recording)
    return on_ui_thread


def test_compare_reads_last_years_file_in_a_worker(window, tmp_path, monkeypatch, finish):
    """A .doc/.wps goes through LibreOffice: reading is never on the UI thread."""
    old, _ = last_and_this_year(tmp_path)
    path = tmp_path / "去年.docx"
    export_docx(old, path)
    window.set_document(make_document(), None)
    labels = spy_busy(window)
    on_ui_thread = in_threads(monkeypatch)
    dialogs = capture_dialogs(window)
    dialog = finish(window.compare_with_last_year, str(path))
    assert labels == ["正在读取去年的文档…"]
    assert on_ui_thread == [False]
    assert dialogs == [dialog] and not window.errors
    diffs = {d.label: d.status for d in dialog.diffs()}
    assert diffs["二、存在的问题"] == CHANGED and diffs["三、下一步打算"] == ADDED


def test_compare_unreadable_file_reports_through_the_worker(window, tmp_path, monkeypatch,
                                                            finish):
    window.set_document(make_document(), None)
    labels = spy_busy(window)
    on_ui_thread = in_threads(monkeypatch)
    dialogs = capture_dialogs(window)
    bad = tmp_path / "坏文件.wps"
    bad.write_bytes(b"\xd0\xcf\x11\xe0 not really a document")
    assert finish(window.compare_with_last_year, str(bad)) is None
    assert labels == ["正在读取去年的文档…"] and on_ui_thread == [False]
    assert not dialogs
    assert [title for title, _ in window.errors] == ["无法读取去年的文档"]
    assert QApplication.overrideCursor() is None


def test_compare_slow_conversion_keeps_the_window_responsive(window, qtbot, monkeypatch,
                                                             finish):
    """A slow conversion (LibreOffice on a big .doc): the event loop runs
    and the window shows it is busy meanwhile."""
    from tests.ui.big_document import Heartbeat
    window.set_document(make_document(), None)

    def slow_load(path):
        time.sleep(1.5)
        return make_document()
    on_ui_thread = in_threads(monkeypatch, slow_load)
    dialogs = capture_dialogs(window)
    busy = []

    def look():
        if window.busy.label.isVisible():
            busy.append(window.busy.label.text())
    poll = QTimer()
    poll.setInterval(50)
    poll.timeout.connect(look)
    poll.start()
    with Heartbeat() as beat:
        dialog = finish(window.compare_with_last_year, "/去年/某某县教育局2024年工作总结.doc")
    poll.stop()
    beat.check("reading last year's .doc")
    assert on_ui_thread == [False]
    assert "正在读取去年的文档…" in busy
    assert dialogs == [dialog] and all(d.status == SAME for d in dialog.diffs())


# -- 3. the reuse wizard's notes ---------------------------------------------------------------
PLAN = [
    ("某某县教育局2024年工作计划", "center"),
    "2024年，全县教育工作以办好人民满意的教育为目标。",
    "一、工作目标",
    "学前三年入园率达到94%，创建省标准化学校12所。",
    "二、重点工作",
    "（一）推进均衡发展",
    "1.完善规划布局。到2023年底已完成规划修编，2024年继续实施。",
    "2.改善办学条件。新校区建设计划投资4900万元。",
]


def drive_wizard(qtbot, path, year, mode):
    def handler(wizard):
        if not isinstance(wizard, ReuseWizard):
            return 0  # the properties dialog opened from a note
        wizard.source_page.path_edit.setText(str(path))
        wizard.source_page.year_spin.setValue(year)
        wizard.set_mode(mode)
        wizard.restart()
        wizard.next()
        qtbot.waitUntil(lambda: wizard.currentId() == PAGE_OUTLINE, timeout=10000)
        wizard.next()
        assert wizard.currentId() == PAGE_TARGETS
        wizard.accept()
        return 1
    return handler


def test_wizard_notes_are_listed_and_lead_to_the_section(window, qtbot, tmp_path):
    path = write_typed(tmp_path / "plan2024.docx", PLAN)
    dialogs = capture_dialogs(window, drive_wizard(qtbot, path, 2025, "plan_to_plan"))
    assert window.review_dock is None
    assert window.start_from_last_year()
    wizard = dialogs[0]
    notes = wizard.notes()
    assert notes, "the plan's old years must be listed for review"
    dock = window.review_dock
    assert dock is not None and dock.isVisible()
    assert dock.list.count() == len(notes)
    assert [dock.list.item(i).text() for i in range(dock.list.count())] == [str(n) for n in notes]
    assert dock.toggleViewAction() in window.view_menu.actions()

    doc = window.session.document
    layout = next(s for s in doc.walk() if s.title.startswith("完善规划布局"))
    row = next(i for i, n in enumerate(notes) if "完善规划布局" in n.where)
    assert "2023" in notes[row].excerpt
    dock.list.itemClicked.emit(dock.list.item(row))
    assert window.session.current_section_id == layout.id
    selected = window.editor.body_edit.textCursor().selectedText()
    assert selected == notes[row].excerpt

    # a note about 前言 opens the 开头导语 in the editor, like a section
    pre = next(i for i, n in enumerate(notes) if n.where.startswith("前言"))
    dock.activate(pre)
    assert window.editor.part() == "preamble"
    if notes[pre].excerpt:
        assert window.editor.body_edit.textCursor().selectedText() == notes[pre].excerpt
    else:
        assert window.editor.body_edit.textCursor().hasSelection()

    dock.clear_notes()
    assert dock.list.count() == 0
    dock.set_notes(notes)
    # the notes and the import message belong to that document: opening another clears them
    window.figures_dock.legend.setText("已导入 3 个指标（可撤销）。")
    window.open_example("plan-county")
    assert dock.list.count() == 0 and not dock.isVisible()
    assert "已导入" not in window.figures_dock.legend.text()


def test_plan_to_summary_notes_point_at_properties(window, qtbot, tmp_path):
    lines = list(PLAN) + [("某某县教育局", "right"), ("2024年1月10日", "right")]
    path = write_typed(tmp_path / "plan2024.docx", lines)
    capture_dialogs(window, drive_wizard(qtbot, path, 2024, "plan_to_summary"))
    assert window.start_from_last_year()
    doc = window.session.document
    targets = [locate_note(doc, n) for n in window.review_dock.notes()]
    wheres = [n.where for n in window.review_dock.notes()]
    assert "正文" in wheres
    body_note = targets[wheres.index("正文")]
    assert body_note.section_id == doc.sections[0].id
    for n, t in zip(window.review_dock.notes(), targets):
        if n.where == "成文日期":
            assert t.is_property and t.field == "date"

    # the planned text is shown (read-only) beside the empty summary body
    planned = next(s for s in doc.walk() if s.title.startswith("改善办学条件"))
    window.go_to_section(planned.id)
    editor = window.editor
    assert editor.reference_box.isVisibleTo(window)
    assert "4900万元" in editor.reference_view.toPlainText()
    assert editor.reference_view.isReadOnly()
    window.go_to_section(doc.sections[0].id)
    if not doc.sections[0].reference:
        assert not editor.reference_box.isVisibleTo(window)


def test_locate_note_by_title_when_the_path_moved(window):
    from desktop.model import ReviewNote as Note
    doc = make_document()
    # the note's path is last year's; the section is now elsewhere
    note = Note("五/2 师德师风 第1段", "“2023年”可能是旧年份", "持续加强")
    target = locate_note(doc, note)
    assert target.section_id == next(s.id for s in doc.walk() if s.title == "师德师风")
    assert target.paragraph == 0 and target.field == "body"
    assert locate_note(doc, Note("一/二 标题", "x")).section_id == doc.sections[0].children[1].id
    assert locate_note(doc, Note("发文字号", "x")).field == "doc_number"
    assert locate_note(doc, Note("九/9 不存在的章节 第1段", "x")) is None


# -- 4. preferences reload the library ------------------------------------------------------
SHARED = """{#-
id: office-shared-demo
title: 本单位共享模板
category: 本单位
kinds: 年度工作总结, 总结及计划
version: 1
description: 测试用
-#}
{{ year }}年，我局认真做好各项工作。
"""


def test_new_shared_folder_shows_in_the_library_at_once(window, tmp_path):
    shared = tmp_path / "共享模板"
    shared.mkdir()
    (shared / "demo.j2").write_text(SHARED, encoding="utf-8")
    dock = window.library_dock
    assert dock.library.get("office-shared-demo") is None

    def choose_folder(dialog):
        assert isinstance(dialog, PreferencesDialog)
        dialog.shared_dir_edit.setText(str(shared))
        dialog.accept()
        return 1

    capture_dialogs(window, choose_folder)
    window.act_preferences.trigger()
    assert dock.library.get("office-shared-demo") is not None
    assert dock.select_template("office-shared-demo")

    def clear_folder(dialog):
        dialog.shared_dir_edit.setText("")
        dialog.accept()
        return 1

    capture_dialogs(window, clear_folder)
    window.edit_preferences()
    assert dock.library.get("office-shared-demo") is None


# -- opening another document renders it afresh ----------------------------------------------
def test_preview_renders_the_new_document_after_opening_another(window):
    window.open_example("plan-county")
    window.live.render_now()
    window.open_example("summary-and-plan")
    result = window.live.result
    assert set(result.numbers) == {s.id for s in window.session.document.walk()}
    assert "工作总结" in result.blocks[0].text or any("工作总结" in b.text for b in result.blocks[:3])


def test_examples_are_listed_by_their_titles(window):
    from desktop.examples import list_examples
    titles = [window.start_page.examples.item(i).text()
              for i in range(window.start_page.examples.count())]
    assert titles == [t for _, t in list_examples()]
    assert all("-" not in t and "年" in t for t in titles)
    window.examples_menu.aboutToShow.emit()  # the menu fills itself when shown
    assert [a.text() for a in window.examples_menu.actions()] == titles
    from desktop.ui.start_page import PathRole
    names = [window.start_page.examples.item(i).data(PathRole) for i in range(len(titles))]
    assert names == [n for n, _ in list_examples()]


def test_compare_renumbered_sections_are_unchanged():
    from desktop.model import Section
    from desktop.reuse.compare import compare_documents
    old = make_document()
    new = make_document()
    chapter = new.sections[0]
    chapter.children.insert(0, Section(title="新设的工作", level=2, body="全年新建学校2所。"))
    diffs = {d.label: d.status for d in compare_documents(old, new)}
    assert diffs["（一）新设的工作"] == ADDED
    assert diffs["（二）高考成绩稳中有升"] == SAME  # was （一）
    assert diffs["（三）教师队伍建设"] == SAME
    assert [d.status for d in compare_documents(old, new)].count(CHANGED) == 0
