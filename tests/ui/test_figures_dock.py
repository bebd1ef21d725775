"""FiguresDock: add/delete, import (replace/merge, bad cells), highlighting."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtWidgets import QMessageBox

from desktop.errors import FigureImportError
from desktop.ui.figures_dock import FiguresDock


@pytest.fixture
def dock(qtbot, session):
    d = FiguresDock(session)
    qtbot.addWidget(d)
    return d


def write_xlsx(path, rows):
    wb = openpyxl.Workbook()
    ws = wb.active
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def names(session):
    return [f.name for f in session.document.figures]


def test_import_replaces_and_undoes(dock, session, tmp_path):
    path = write_xlsx(tmp_path / "f.xlsx", [["名称", "单位", "上年", "本年"],
                                             ["在校生", "人", 5000, 5200],
                                             ["学校", "所", 40, 41]])
    assert dock.import_from(path, "replace") == 2
    assert names(session) == ["在校生", "学校"]
    assert dock.model.rowCount() == 2
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert names(session) == ["报考人数", "本科达线人数", "本科达线率", "培训教师"]
    assert dock.model.rowCount() == 4


def test_import_merges_by_name(dock, session, tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("名称,本年\n报考人数,340\n新建学校,3\n", encoding="utf-8")
    dock.import_from(path, "merge")
    assert names(session) == ["报考人数", "本科达线人数", "本科达线率", "培训教师", "新建学校"]
    assert session.document.figures[0].value == 340
    assert session.document.figures[0].last == 300  # kept


def test_bad_cell_names_row_and_column_and_changes_nothing(dock, session, tmp_path,
                                                             monkeypatch):
    path = write_xlsx(tmp_path / "bad.xlsx", [["名称", "单位", "上年", "本年"],
                                               ["在校生", "人", 5000, 5200],
                                               ["学校", "所", 40, "四十一"]])
    with pytest.raises(FigureImportError) as err:
        dock.import_from(path, "replace")
    assert "第3行D列" in err.value.message

    shown = []
    monkeypatch.setattr(dock, "_choose_import_file", lambda: str(path))
    monkeypatch.setattr(dock, "_ask_import_mode", lambda p: "replace")
    monkeypatch.setattr(QMessageBox, "critical",
                        lambda parent, title, text, *a, **k: shown.append((title, text)))
    assert dock.import_figures() is False
    assert shown and "第3行D列" in shown[0][1] and "四十一" in shown[0][1]
    assert "未作改动" in shown[0][1]
    assert names(session) == ["报考人数", "本科达线人数", "本科达线率", "培训教师"]
    assert session.undo_stack.count() == 0


def test_interactive_import_cancelled(dock, session, monkeypatch, tmp_path):
    path = tmp_path / "f.csv"
    path.write_text("名称,本年\n甲,1\n", encoding="utf-8")
    monkeypatch.setattr(dock, "_choose_import_file", lambda: str(path))
    monkeypatch.setattr(dock, "_ask_import_mode", lambda p: None)
    assert dock.import_figures() is False
    monkeypatch.setattr(dock, "_ask_import_mode", lambda p: "merge")
    assert dock.import_figures() is True
    assert names(session)[-1] == "甲"


def test_add_and_delete_buttons(dock, session, qtbot):
    dock.add_button.click()
    assert names(session)[-1] == "新指标"
    dock.view.selectRow(4)
    assert dock.delete_button.isEnabled()
    dock.delete_button.click()
    assert len(session.document.figures) == 4
    session.undo_stack.undo()
    assert names(session)[-1] == "新指标"


def test_validation_message_is_shown(dock, session):
    dock.model.setData(dock.model.index(0, 4), "abc")
    assert "不是数字" in dock.message_label.text()
    assert not dock.message_label.isHidden()


def test_figures_used_by_current_section_are_highlighted(dock, session, qtbot):
    first = session.document.sections[0]
    session.set_current_section(first.id)
    qtbot.waitUntil(lambda: dock.model.highlighted() == {"报考人数", "本科达线率"})
    second = session.document.sections[1]
    session.set_current_section(second.id)
    qtbot.waitUntil(lambda: dock.model.highlighted() == {"培训教师"})
    session.set_current_section("")
    qtbot.waitUntil(lambda: dock.model.highlighted() == set())


def test_compute_error_is_shown(dock, session):
    session.document.figures[2].formula = "缺失 * 2"
    session.notify_figures()
    assert "不存在的指标" in dock.error_label.text()
