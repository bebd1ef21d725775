"""ReuseWizard and CompareDialog, offscreen with pytest-qt."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QStandardPaths

QStandardPaths.setTestModeEnabled(True)

from desktop.model import Document, Properties, Section  # noqa: E402
from desktop.project_file import save  # noqa: E402
from desktop.ui.compare_view import CompareDialog  # noqa: E402
from desktop.ui.reuse_wizard import PAGE_OUTLINE, PAGE_SOURCE, PAGE_TARGETS, ReuseWizard  # noqa: E402
from tests.reuse_docx import write_typed  # noqa: E402

PLAN = [
    ("某某县教育局2024年工作计划", "center"),
    "2024年，全县教育工作以办好人民满意的教育为目标。",
    "一、工作目标",
    "学前三年入园率达到94%，创建省标准化学校12所。",
    "二、重点工作",
    "（一）推进均衡发展",
    "1.完善规划布局。科学制定规划。",
    "2.改善办学条件。新校区建设计划投资4900万元。",
    "3.错放的标题",
]


@pytest.fixture
def plan_file(tmp_path):
    return write_typed(tmp_path / "plan2024.docx", PLAN)


def open_wizard(qtbot, path, year, mode):
    wizard = ReuseWizard(path=str(path), year=year)
    qtbot.addWidget(wizard)
    wizard.set_mode(mode)
    wizard.restart()  # what show() does; not shown: offscreen warns about QWizard size hints
    assert wizard.currentId() == PAGE_SOURCE
    wizard.next()  # starts loading in a worker thread
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_OUTLINE, timeout=10000)
    assert not wizard.loading
    return wizard


def test_plan_to_summary_with_level_fix_and_targets(qtbot, plan_file):
    wizard = open_wizard(qtbot, plan_file, 2024, "plan_to_summary")
    page = wizard.outline_page
    assert page.rows() == [(1, "工作目标"), (1, "重点工作"), (2, "推进均衡发展"),
                           (3, "完善规划布局"), (3, "改善办学条件"), (3, "错放的标题")]
    assert page.tree.topLevelItemCount() == 2
    # the clerk makes the last heading a （1） under 改善办学条件
    combo = page.tree.itemWidget(page.tree.topLevelItem(1).child(0).child(2), 1)
    combo.setCurrentIndex(3)
    assert page.rows()[-1] == (4, "错放的标题")
    item = page.tree.topLevelItem(1).child(0).child(1)
    assert item.childCount() == 1 and item.child(0).text(0) == "（3）错放的标题"
    wizard.next()
    assert wizard.currentId() == PAGE_TARGETS
    targets = wizard.targets_page
    names = [targets.targets.item(i).text().split("　")[0] for i in range(targets.targets.count())]
    assert names == ["学前三年入园率", "创建省标准化学校", "新校区建设投资"]
    targets.set_checked(1, False)
    wizard.accept()
    doc = wizard.result_document()
    assert doc is not None and doc.properties.kind == "年度工作总结"
    assert doc.properties.title == "某某县教育局2024年工作总结"
    assert [f.name for f in doc.figures] == ["学前三年入园率", "新校区建设投资"]
    assert doc.figures[0].target == 94
    fixed = doc.sections[1].children[0].children[1].children[0]
    assert fixed.title == "错放的标题" and fixed.level == 4
    assert doc.sections[1].children[0].children[1].reference == "新校区建设计划投资4900万元。"


def test_plan_to_plan_from_project(qtbot, tmp_path):
    last = Document(properties=Properties(kind="工作计划", year=2025, org="某某县教育局",
                                          title="{{ org }}{{ year }}年工作计划"),
                    sections=[Section(title="2025年重点工作", body="开展2025年专项行动。")])
    path = tmp_path / "last.rdraft"
    save(last, path)
    wizard = open_wizard(qtbot, path, 2026, "plan_to_plan")
    wizard.next()
    assert "2025" in wizard.targets_page.notes.toPlainText()
    assert wizard.targets_page.targets.count() == 0
    wizard.accept()
    doc = wizard.result_document()
    assert doc.properties.title == "某某县教育局2026年工作计划"
    assert doc.sections[0].title == "2026年重点工作"
    assert doc.sections[0].body == "开展2025年专项行动。"
    assert any("2025" in str(n) for n in wizard.notes())


def test_bad_file_shows_message_and_stays(qtbot, tmp_path):
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"not a word file")
    wizard = ReuseWizard(path=str(bad), year=2025)
    qtbot.addWidget(wizard)
    wizard.restart()  # what show() does; not shown: offscreen warns about QWizard size hints
    with qtbot.waitSignal(wizard.loadFailed, timeout=10000) as blocker:
        wizard.next()
    assert "broken.docx" in blocker.args[0]
    assert wizard.currentId() == PAGE_SOURCE
    assert "无法读取" in wizard.source_page.status.text()
    assert wizard.result_document() is None


def test_closing_while_reading_does_not_wait_and_drops_the_result(qtbot, plan_file, monkeypatch):
    """A slow read (LibreOffice on a .doc): closing the wizard is at once;
    what the worker reads afterwards goes nowhere."""
    import threading
    import time
    import desktop.ui.reuse_wizard as reuse_wizard
    gate, read = threading.Event(), []

    def slow_load(path):
        gate.wait(10)
        read.append(path)
        return reuse_wizard.load_source(path)
    monkeypatch.setattr(reuse_wizard, "load_source", slow_load)
    wizard = ReuseWizard(path=str(plan_file), year=2025)
    qtbot.addWidget(wizard)
    wizard.restart()
    wizard.next()
    assert wizard.loading
    start = time.monotonic()
    wizard.reject()
    assert time.monotonic() - start < 1 and not wizard.loading
    monkeypatch.undo()  # the worker reads the real file once let go
    gate.set()
    qtbot.waitUntil(lambda: bool(read))
    qtbot.wait(200)  # the worker's report has come and gone
    assert wizard.recovered is None and wizard.loaded_path == ""
    assert not wizard.source_page.status.text().startswith("已读取")
    assert wizard.result_document() is None


def test_cancel_gives_no_document(qtbot, plan_file):
    wizard = open_wizard(qtbot, plan_file, 2025, "plan_to_plan")
    wizard.reject()
    assert wizard.result_document() is None


def test_compare_dialog_year_over_year(qtbot):
    old = Document(properties=Properties(year=2024, title="2024年工作计划"),
                   sections=[Section(title="2024年重点工作", body="开展专项行动。"),
                             Section(title="总体要求", body="坚持立德树人。"),
                             Section(title="安全工作", body="加强安全教育。")])
    new = Document(properties=Properties(year=2025, title="2025年工作计划"),
                   sections=[Section(title="2025年重点工作", body="开展专项行动和督导检查。"),
                             Section(title="总体要求", body="坚持立德树人。"),
                             Section(title="教育信息化", body="推进智慧校园建设。")])
    dialog = CompareDialog(old, new)
    qtbot.addWidget(dialog)
    statuses = [(d.label, d.status) for d in dialog.diffs()]
    # a title that differs only by its year is not a change (issue 12)
    assert statuses == [("标题", "same"), ("一、2025年重点工作", "changed"),
                        ("二、总体要求", "same"), ("三、安全工作", "removed"),
                        ("三、教育信息化", "added")]
    dialog.select(1)
    html = dialog.current_html()
    assert "和督导检查" in html and "line-through" in html
    dialog.only_changes.setChecked(True)
    assert [d.status for d in dialog.visible_diffs()] == ["changed", "removed", "added"]
    assert "有改动 1" in dialog.summary.text()


def test_pasted_text_is_read_like_a_file(qtbot):
    wizard = ReuseWizard(year=2025)
    qtbot.addWidget(wizard)
    wizard.set_mode("plan_to_plan")
    wizard.restart()
    page = wizard.source_page
    assert not page.text_edit.isVisibleTo(page)
    page.from_text.setChecked(True)
    assert page.text_edit.isVisibleTo(page) and not page.path_edit.isEnabled()
    assert not page.isComplete()
    page.text_edit.setPlainText("\n".join(["某某县教育局2024年工作计划", "", "一、工作目标",
                                           "入园率达到94%。", "二、重点工作", "1）推进均衡发展",
                                           "2）改善办学条件"]))
    assert page.isComplete()
    wizard.next()
    assert wizard.currentId() == PAGE_OUTLINE
    assert wizard.outline_page.rows() == [(1, "工作目标"), (1, "重点工作"), (2, "推进均衡发展"),
                                          (2, "改善办学条件")]
    item = wizard.outline_page.tree.topLevelItem(1).child(0)
    assert item.text(0) == "1）推进均衡发展"
    wizard.next()
    wizard.accept()
    doc = wizard.result_document()
    assert doc.properties.title.startswith("某某县教育局2025年") or "2025" in doc.properties.title
    assert [s.number_style for s in doc.sections[1].children] == ["{n}）", "{n}）"]
