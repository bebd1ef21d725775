"""汇总各科室材料…: pick the drafts, preview the merged outline, accept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.ui.merge_dialog import MergeDialog
from tests.drafts import Item, write_draft


def _drafts(tmp_path):
    a = tmp_path / "基础教育股.docx"
    write_draft(a, "基础教育股2026年工作总结", [
        Item(1, "主要工作", ["学前三年毛入园率达到93.2%。"]),
        Item(1, "存在问题", ["城区学位紧张。"]),
        Item(1, "下步打算", ["新增学位600个。"])], signature="基础教育股", date="2026年12月1日")
    b = tmp_path / "人事股.docx"
    write_draft(b, "人事股2026年工作总结", [
        Item(1, "工作开展情况", ["招聘教师148人。"]),
        Item(1, "意见建议", ["建议增加编制。"])], auto=True)
    return a, b


def test_preview_then_accept_gives_an_unsaved_document(qtbot, tmp_path):
    a, b = _drafts(tmp_path)
    dialog = MergeDialog(year=2026, org="青山县教育局")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and not dialog.preview_button.isEnabled()
    dialog.add_paths([b, a])
    dialog.files.setCurrentRow(1)
    dialog.move_current(-1)  # 基础教育股 first
    assert [p.split("/")[-1] for p in dialog.paths()] == ["基础教育股.docx", "人事股.docx"]
    dialog.show()
    outcome = []
    dialog.merge_now(then=outcome.append)  # in a worker: the dialog is busy meanwhile
    assert dialog.merging and not dialog.preview_button.isEnabled() and not ok.isEnabled()
    assert dialog.status.text() == "正在读取和汇总各科室材料…"
    dialog.reject()  # closing waits for the merge
    assert dialog.isVisible()
    qtbot.waitUntil(lambda: bool(outcome), timeout=20_000)
    assert outcome == [True] and not dialog.merging
    assert ok.isEnabled()
    tree = dialog.tree
    chapters = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert chapters == ["2026年工作开展情况", "存在的问题和不足", "2027年工作打算", "其他"]
    work = tree.topLevelItem(0)
    assert [work.child(i).text(0) for i in range(work.childCount())] == ["基础教育股", "人事股"]
    assert work.child(1).text(1) == "人事股.docx"
    assert dialog.notes_list.count() >= 1
    # untick a figure: it is left out
    names = [dialog.figures_list.item(i).text() for i in range(dialog.figures_list.count())]
    assert any(n.startswith("学前三年毛入园率") for n in names)
    dialog.figures_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    doc = dialog.result_document()
    assert doc.properties.org == "青山县教育局"
    assert len(doc.figures) == dialog.figures_list.count() - 1
    # a change to the list asks for a new preview
    dialog.year_spin.setValue(2025)
    assert dialog.result is None and not ok.isEnabled()


def test_unreadable_draft_says_so_in_the_dialog(qtbot, tmp_path, finish):
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"not a docx")
    dialog = MergeDialog()
    qtbot.addWidget(dialog)
    dialog.add_paths([bad])
    assert finish(dialog.merge_now) is False
    assert "坏.docx" in dialog.status.text() and dialog.result is None


def test_window_action_opens_the_merged_document_unsaved(qtbot, window, tmp_path, finish):
    a, b = _drafts(tmp_path)

    def drive(dialog):
        dialog.add_paths([a, b])
        assert finish(dialog.merge_now)
        return 1

    window.run_dialog = drive
    assert "汇总各科室材料(&M)…" in [act.text() for act in window.menuBar().actions()[0].menu().actions()]
    window.act_merge.trigger()
    doc = window.session.document
    assert window.session.path is None
    assert [s.title for s in doc.sections[0].children] == ["基础教育股", "人事股"]
    assert window.review_dock is not None and window.review_dock.notes()
    # nothing dropped: the merged document is unsaved (*) until saved
    assert window.session.modified and window.windowTitle().startswith("未命名*")
