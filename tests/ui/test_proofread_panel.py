"""The proofreading panel: listing, debounced re-checks, activation, fixes
and ignores as undoable commands; on a 1,000-section document, re-checks in
a worker and 修正全部同类 in one pass without freezing the window."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QStandardPaths, Qt

from desktop.model import Document, Properties, Section
from desktop.project_file import save
from desktop.ui.proofread_panel import ProofreadPanel
from desktop.ui.session import DocumentSession
from tests.ui.big_document import Heartbeat, comma_document, type_text, wait_laid_out

QStandardPaths.setTestModeEnabled(True)


def faulty_document() -> Document:
    p = Properties(kind="工作计划", year=2026, org="某某县教育局",
                   title="{{ org }}2025年工作计划", date="2026-01-10", signature="某某县教育局")
    a = Section(title="总体要求", level=1,
                body="坚持稳中求进,全面提升质量。\n深入学习贯彻党的十九大精神。")
    b = Section(title="主要任务", level=1, body="完成XX所学校改造,推进集团化办学,扩大优质资源。")
    return Document(properties=p, sections=[a, b])


@pytest.fixture
def session(qapp):
    s = DocumentSession(faulty_document())
    yield s
    s.undo_stack.clear()


@pytest.fixture
def panel(qtbot, session):
    w = ProofreadPanel(session, debounce_ms=20)
    qtbot.addWidget(w)
    w.show()
    return w


def rules(panel):
    return [f.rule for f in panel.findings]


def index_of(panel, rule, excerpt=None):
    for i, f in enumerate(panel.findings):
        if f.rule == rule and (excerpt is None or f.excerpt == excerpt):
            return i
    raise AssertionError((rule, excerpt, rules(panel)))


def test_lists_findings_with_summary(panel):
    assert rules(panel) == ["title-year", "halfwidth-punct", "stale-term", "placeholder",
                            "halfwidth-punct", "halfwidth-punct"]
    assert panel.tree.topLevelItemCount() == 6
    item = panel.tree.topLevelItem(0)
    assert item.text(0) == "错误" and item.text(1) == "标题" and item.text(3) == "某某县教育局【2025】年工作计划"
    assert panel.tree.topLevelItem(2).text(1) == "一"
    assert panel.summary.text() == "共6条：2条错误，4条警告"


def test_click_emits_finding_activated(panel, qtbot):
    i = index_of(panel, "stale-term")
    item = panel.tree.topLevelItem(i)
    rect = panel.tree.visualItemRect(item)
    with qtbot.waitSignal(panel.findingActivated) as blocker:
        qtbot.mouseClick(panel.tree.viewport(), Qt.LeftButton, pos=rect.center())
    sid = panel.session.document.sections[0].id
    assert blocker.args == [sid, 1, 8, 11]


def test_rechecks_debounced_on_session_signals(panel, session, qtbot):
    session.document.sections[0].body = "全面提升质量。"
    session.notify_section(session.document.sections[0].id)
    assert panel.pending
    qtbot.waitUntil(lambda: not panel.pending and "stale-term" not in rules(panel), timeout=2000)
    session.document.properties.title = "{{ org }}{{ year }}年工作计划"
    session.notify_properties()
    qtbot.waitUntil(lambda: "title-year" not in rules(panel), timeout=2000)


def test_fix_is_one_undoable_command(panel, session, qtbot):
    body0 = session.document.sections[0].body
    panel.select(index_of(panel, "halfwidth-punct"))
    assert panel.fix_button.isEnabled()
    with qtbot.waitSignal(session.sectionChanged):
        assert panel.fix_current()
    assert session.document.sections[0].body.startswith("坚持稳中求进，全面提升质量。")
    assert session.undo_stack.count() == 1 and session.modified
    session.undo_stack.undo()
    assert session.document.sections[0].body == body0
    qtbot.waitUntil(lambda: rules(panel).count("halfwidth-punct") == 3, timeout=2000)


def test_fix_in_title_property(panel, session):
    panel.select(index_of(panel, "title-year"))
    assert panel.fix_current()
    assert session.document.properties.title == "{{ org }}2026年工作计划"
    assert "title-year" not in rules(panel)
    session.undo_stack.undo()
    assert session.document.properties.title == "{{ org }}2025年工作计划"


def test_finding_without_fix_cannot_be_fixed(panel):
    panel.select(index_of(panel, "stale-term"))
    assert not panel.fix_button.isEnabled()
    assert not panel.fix_current()


def test_fix_all_of_a_rule_is_one_undo_step(panel, session):
    panel.select(index_of(panel, "halfwidth-punct"))
    assert panel.fix_all_current_rule() == 3
    assert "halfwidth-punct" not in rules(panel)
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    panel.refresh()
    assert rules(panel).count("halfwidth-punct") == 3



def test_fix_all_waits_for_a_check_under_way(qtbot, session):
    """A long document (here: any, sync_chars=0) changed since its last
    check: the fixes are located in the findings of the check that follows."""
    w = ProofreadPanel(session, debounce_ms=20, sync_chars=0)
    qtbot.addWidget(w)
    section = session.document.sections[1]
    section.body += "\n另外,还要加强师资。"
    session.notify_section(section.id)  # the findings shown are stale now
    w.select(index_of(w, "halfwidth-punct"))
    assert w.fix_all_current_rule() is None  # waits for the check
    assert w.running
    qtbot.waitUntil(lambda: session.undo_stack.count() == 1 and not w.pending, timeout=5000)
    assert "halfwidth-punct" not in rules(w)
    assert section.body.endswith("另外，还要加强师资。")
    assert "（4处）" in session.undo_stack.text(0)
    session.undo_stack.undo()
    assert section.body.endswith("另外,还要加强师资。")
    qtbot.waitUntil(lambda: rules(w).count("halfwidth-punct") == 4, timeout=5000)


def test_fix_all_queued_is_dropped_when_the_document_is_replaced(qtbot, session):
    w = ProofreadPanel(session, debounce_ms=20, sync_chars=0)
    qtbot.addWidget(w)
    session.notify_section(session.document.sections[0].id)
    assert w.fix_all("halfwidth-punct") is None
    session.reset(faulty_document())
    qtbot.waitUntil(lambda: not w.pending and bool(w.findings), timeout=5000)
    assert session.undo_stack.count() == 0 and rules(w).count("halfwidth-punct") == 3


def test_ignore_finding_and_rule_are_undoable(panel, session):
    f = panel.findings[index_of(panel, "stale-term")]
    panel.select(index_of(panel, "stale-term"))
    panel.ignore_current()
    assert session.document.ignored_findings == [f.key]
    assert "stale-term" not in rules(panel)
    panel.select(index_of(panel, "halfwidth-punct"))
    panel.ignore_current_rule()
    assert session.document.ignored_rules == ["halfwidth-punct"]
    assert rules(panel) == ["title-year", "placeholder"]
    session.undo_stack.undo()
    session.undo_stack.undo()
    panel.refresh()
    assert session.document.ignored_findings == [] and session.document.ignored_rules == []
    assert "stale-term" in rules(panel)


def test_document_reset_rechecks(panel, session, qtbot):
    clean = Document(properties=Properties(kind="工作计划", year=2026, title="{{ year }}年工作计划",
                                           date="2026-01-10", signature="某某县教育局"),
                     sections=[Section(title="总体要求", body="全面提升教育质量。")])
    session.reset(clean)
    qtbot.waitUntil(lambda: panel.findings == [] and not panel.pending, timeout=2000)
    assert panel.summary.text() == "未发现问题"
    assert not panel.fix_button.isEnabled() and not panel.ignore_button.isEnabled()


def test_malformed_rule_file_is_shown_not_raised(panel, session):
    from desktop.paths import user_rules_dir
    folder = user_rules_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bad.txt").write_text("[过时表述]\n坏规则\n", encoding="utf-8")
    panel.refresh()
    assert panel.findings == [] and "bad.txt" in panel.summary.text() and "第2行" in panel.summary.text()


def test_source_column_shows_a_space_in_its_context(panel, session, qtbot):
    session.document.sections[0].body = "组织开展 教师培训活动。"
    panel.refresh()
    i = index_of(panel, "cjk-space")
    assert panel.tree.topLevelItem(i).text(3) == "组织开展【␣】教师培训活动。"
    assert "原文：组织开展 教师培训活动。" in panel.tree.topLevelItem(i).toolTip(2)


def test_word_file_checked_as_written(panel, qtbot, tmp_path):
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for text in ["某某县教育局文件", "某教发〔2026〕15 号", "关于做好2026年暑期安全工作的通知",
                 "各学校:", "(一)压实责任", "各校要担负起管理的的责任。", "某某县教育局", "2026年6月5日"]:
        d.add_paragraph(text)
    path = tmp_path / "draft.docx"
    d.save(path)
    dialog = panel.check_word_file(str(path))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.summary.text() != "正在校对…", timeout=20_000)
    assert [f.rule for f in dialog.findings] == ["doc-number-format", "recipients-colon",
                                                 "heading-number-form", "doubled-char"]
    rows = [dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())]
    assert [r.text(1) for r in rows] == ["第2段", "第4段", "第5段（一）", "第6段（一）"]
    assert rows[3].text(3) == "各校要担负起管理【的的】责任。"
    assert dialog.summary.text() == "共4条"
    assert panel.findings and all(f.section_id != "@file" for f in panel.findings)  # untouched


def test_word_file_that_cannot_be_read_says_why(panel, qtbot, tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not a zip")
    dialog = panel.check_word_file(str(bad))
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.summary.text() != "正在校对…", timeout=20_000)
    assert dialog.summary.text().startswith("无法校对：") and "bad.docx" in dialog.summary.text()


def _answer_question(qtbot, button_text: str, seen: list):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    def answer():
        for w in QApplication.topLevelWidgets():
            if isinstance(w, QMessageBox) and w.objectName() == "exportBlockersQuestion" and w.isVisible():
                seen.append(w.text())
                next(b for b in w.buttons() if b.text() == button_text).click()
                return
        QTimer.singleShot(20, answer)
    QTimer.singleShot(20, answer)


def test_export_asks_first_when_the_document_has_errors(qtbot, session):
    from desktop.ui.export_dialog import confirm_despite_errors
    seen: list[str] = []
    _answer_question(qtbot, "返回修改", seen)
    assert confirm_despite_errors(None, session.document) is False
    assert seen and seen[0].endswith("仍要导出?") and "XX" in seen[0] and "2025" in seen[0]
    seen.clear()
    _answer_question(qtbot, "仍要导出", seen)
    assert confirm_despite_errors(None, session.document) is True and seen


def test_export_does_not_ask_for_a_finished_document(qtbot):
    from desktop.ui.export_dialog import confirm_despite_errors
    clean = Document(properties=Properties(kind="工作计划", year=2026, title="{{ year }}年工作计划",
                                           date="2026-01-10", signature="某某县教育局"),
                     sections=[Section(title="总体要求", body="全面提升教育质量。")])
    assert confirm_despite_errors(None, clean) is True


# -- a 1,000-section document -------------------------------------------------------------------
def test_proofreading_is_debounced_and_runs_in_a_worker(opened, qtbot):
    w = opened
    panel = w.proofread_panel
    target = w.session.document.sections[7].children[2].children[4]
    w.go_to_section(target.id)
    runs = []
    original_start = panel.recheck

    def counting():
        runs.append(time.perf_counter())
        original_start()
    panel._timer.timeout.disconnect()
    panel._timer.timeout.connect(counting)
    with Heartbeat() as beat:
        edit = w.editor.body_edit
        edit.setFocus()
        cursor = edit.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        edit.setTextCursor(cursor)
        type_text(edit, "另外,")  # a half-width comma: a finding
        assert panel.pending and not runs  # debounced: nothing checked while typing
        qtbot.waitUntil(lambda: panel.running, timeout=10_000)  # in the worker
        assert panel.summary.text() == "正在校对…" and not panel.busy.isHidden()
        qtbot.waitUntil(lambda: not panel.pending, timeout=60_000)
    beat.check("re-checking 200 pages")
    assert len(runs) == 1
    assert any(f.rule == "halfwidth-punct" and f.section_id == target.id for f in panel.findings)
    assert panel.busy.isHidden()

    # F7: a full pass, also in the worker
    with Heartbeat() as beat:
        w.show_proofread()
        assert panel.running
        qtbot.waitUntil(lambda: not panel.pending, timeout=60_000)
    beat.check("F7 on 200 pages")
    assert any(f.section_id == target.id for f in panel.findings)


def test_stale_check_result_is_dropped(opened, qtbot):
    w = opened
    panel = w.proofread_panel
    target = w.session.document.sections[0].children[0].children[1]
    panel.recheck()
    assert panel.running
    # an edit while the worker checks: its result must not be the one shown
    from desktop.ui.commands import EditSectionTextCommand
    w.session.push(EditSectionTextCommand(w.session, target.id, "body", target.body + "又,"))
    panel.recheck()  # what the debounce timer does
    qtbot.waitUntil(lambda: not panel.pending, timeout=60_000)
    assert any(f.rule == "halfwidth-punct" and f.section_id == target.id for f in panel.findings)


def test_fix_all_of_a_rule_in_one_pass(window, qtbot, tmp_path, finish):
    """修正全部同类 on ~450 findings: one command, one re-check, no freeze."""
    doc, planted = comma_document()
    assert len(planted) >= 400
    path = tmp_path / "commas.rdraft"
    save(doc, path)
    w = window
    panel = w.proofread_panel
    assert finish(w.open_path, str(path))
    wait_laid_out(qtbot, w)
    qtbot.waitUntil(lambda: not panel.pending, timeout=60_000)
    commas = [f for f in panel.findings if f.rule == "halfwidth-punct"]
    assert {f.section_id for f in commas} == set(planted)
    panel.select(panel.findings.index(commas[0]))
    assert panel.fix_all_button.isEnabled()

    import desktop.ui.proofread_panel as panel_mod
    checks = []
    real_check = panel_mod.check_document

    def counting_check(*args, **kwargs):
        checks.append(1)
        return real_check(*args, **kwargs)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(panel_mod, "check_document", counting_check)
        with Heartbeat() as beat:
            panel.fix_all_button.click()
            assert panel.running  # the one re-check, in the worker
            qtbot.waitUntil(lambda: not panel.pending, timeout=60_000)
            wait_laid_out(qtbot, w)
        beat.check("fixing all half-width commas in 200 pages")
    assert len(checks) == 1
    stack = w.session.undo_stack
    assert stack.count() == 1 and "半角标点" in stack.text(0)
    current = w.session.document
    for sid, body in planted.items():
        assert current.find(sid).body == body.replace(",", "，", 1)
    assert not any(f.rule == "halfwidth-punct" for f in panel.findings)

    with Heartbeat() as beat:
        stack.undo()  # one step puts every comma back
        qtbot.waitUntil(lambda: not panel.pending, timeout=60_000)
        wait_laid_out(qtbot, w)
    beat.check("undoing the fixes")
    for sid, body in planted.items():
        assert current.find(sid).body == body
    assert len([f for f in panel.findings if f.rule == "halfwidth-punct"]) == len(planted)


def test_another_document_shows_no_findings_of_the_last_until_checked(panel, session, qtbot):
    """Opening another document clears the list at once and says a check
    is under way (the last document's findings never stand beside it, and
    the panel is never blank without a word)."""
    assert panel.tree.topLevelItemCount() == 6
    clean = Document(properties=Properties(kind="工作计划", year=2026, org="某某县教育局",
                                           title="某某县教育局2026年工作计划", date="2026-01-10",
                                           signature="某某县教育局"),
                     sections=[Section(title="总体要求", level=1, body="坚持稳中求进。")])
    session.reset(clean)
    assert panel.tree.topLevelItemCount() == 0 and panel.findings == []
    assert panel.summary.text() == "正在校对…"
    qtbot.waitUntil(lambda: not panel.pending, timeout=5000)
    assert panel.summary.text() != "正在校对…"


def test_a_new_panel_says_it_is_checking_before_its_first_check(qtbot, session):
    w = ProofreadPanel(session, debounce_ms=10_000, check_now=False)  # as the window makes it
    qtbot.addWidget(w)
    assert w.summary.text() == "正在校对…"
