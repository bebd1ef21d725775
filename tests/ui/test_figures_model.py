"""FiguresModel: qtmodeltester, computed columns, validation, undoable edits."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.model import Figure
from desktop.ui.commands import ReplaceFiguresCommand
from desktop.ui.figures_model import COLUMNS, FiguresModel


def col(name):
    return COLUMNS.index(name)


def cell(model, row, name, role=Qt.ItemDataRole.DisplayRole):
    return model.data(model.index(row, col(name)), role)


def test_qtmodeltester_passes_and_survives_edits(qtmodeltester, session):
    model = FiguresModel(session)
    qtmodeltester.check(model)
    model.add_figure("新增")
    model.setData(model.index(0, col("value")), "330")
    model.delete_rows([3])
    session.undo_stack.undo()
    session.undo_stack.undo()
    session.push(ReplaceFiguresCommand(session, [Figure("甲", last=1, value=2)]))
    qtmodeltester.check(model)
    session.undo_stack.undo()
    qtmodeltester.check(model)


def test_qtmodeltester_on_empty_table(qtmodeltester, session):
    session.document.figures = []
    session.notify_figures()
    model = FiguresModel(session)
    qtmodeltester.check(model)
    assert model.rowCount() == 0


def test_headers_and_computed_columns(session):
    model = FiguresModel(session)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["名称", "单位", "类别", "上年", "本年", "目标", "公式", "较上年"]
    assert cell(model, 0, "change") == "增长9%"
    assert cell(model, 2, "value") == "63.61"  # derived: 208 / 327 * 100
    assert cell(model, 2, "last") == "60"
    assert cell(model, 2, "change") == "提高3.61个百分点"
    assert cell(model, 2, "value", Qt.ItemDataRole.ForegroundRole) is not None  # greyed


def test_derived_values_are_read_only_but_target_editable(session):
    model = FiguresModel(session)
    assert not model.flags(model.index(2, col("value"))) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(2, col("last"))) & Qt.ItemFlag.ItemIsEditable
    assert model.flags(model.index(2, col("target"))) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(model.index(0, col("change"))) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(2, col("value")), "70")


def test_edit_is_one_undo_step_and_recomputes(session, qtbot):
    model = FiguresModel(session)
    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(model.index(1, col("value")), "218")
    assert session.document.figures[1].value == 218
    assert cell(model, 2, "value") == "66.67"
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert session.document.figures[1].value == 208
    assert cell(model, 2, "value") == "63.61"
    session.undo_stack.redo()
    assert session.document.figures[1].value == 218


def test_consecutive_edits_of_one_cell_merge(session):
    model = FiguresModel(session)
    model.setData(model.index(0, col("value")), "330")
    model.setData(model.index(0, col("value")), "331")
    assert session.undo_stack.count() == 1
    model.setData(model.index(0, col("last")), "301")
    assert session.undo_stack.count() == 2
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert session.document.figures[0].value == 327
    assert session.document.figures[0].last == 300


def test_edit_back_to_original_value_leaves_no_step(session):
    model = FiguresModel(session)
    model.setData(model.index(0, col("unit")), "名")
    model.setData(model.index(0, col("unit")), "人")
    assert session.undo_stack.count() == 0
    assert session.document.figures[0].unit == "人"


def test_bad_input_is_rejected_with_message_and_no_change(session, qtbot):
    model = FiguresModel(session)
    before = [(f.name, f.last, f.value, f.formula) for f in session.document.figures]
    cases = [
        ((0, "value"), "三百", "不是数字"),
        ((0, "name"), "  ", "不能为空"),
        ((0, "name"), "培训教师", "不能重复"),
        ((3, "formula"), "报考人数 +* 2)", "无法解析"),
        ((3, "formula"), "不存在的指标 * 2", "不存在的指标"),
        ((3, "formula"), "培训教师 + 1", "引用它自己"),
        ((0, "formula"), "本科达线率 * 2", "循环引用"),
    ]
    for (row, field), value, fragment in cases:
        with qtbot.waitSignal(model.validationFailed) as blocker:
            assert not model.setData(model.index(row, col(field)), value)
        assert fragment in blocker.args[0], (value, blocker.args[0])
    after = [(f.name, f.last, f.value, f.formula) for f in session.document.figures]
    assert after == before
    assert session.undo_stack.count() == 0


def test_rename_carries_formulas_along_and_undoes(session):
    model = FiguresModel(session)
    assert model.setData(model.index(1, col("name")), "本科上线人数")
    assert session.document.figures[2].formula == "本科上线人数 / 报考人数 * 100"
    assert cell(model, 2, "value") == "63.61"
    session.undo_stack.undo()
    assert session.document.figures[1].name == "本科达线人数"
    assert session.document.figures[2].formula == "本科达线人数 / 报考人数 * 100"


def test_add_and_delete_are_undoable(session, qtbot):
    model = FiguresModel(session)
    with qtbot.waitSignal(model.rowsInserted):
        row = model.add_figure()
    assert row == 4 and session.document.figures[4].name == "新指标"
    assert model.add_figure() == 5 and session.document.figures[5].name == "新指标2"
    assert model.delete_rows([3, 4]) == ""
    assert [f.name for f in session.document.figures] == [
        "报考人数", "本科达线人数", "本科达线率", "新指标2"]
    session.undo_stack.undo()
    assert [f.name for f in session.document.figures] == [
        "报考人数", "本科达线人数", "本科达线率", "培训教师", "新指标", "新指标2"]
    session.undo_stack.undo()
    session.undo_stack.undo()
    assert len(session.document.figures) == 4
    assert model.rowCount() == 4


def test_delete_of_a_figure_used_in_a_formula_is_refused(session):
    model = FiguresModel(session)
    message = model.delete_rows([0])
    assert "本科达线率" in message
    assert len(session.document.figures) == 4


def test_external_change_resets_model(session):
    model = FiguresModel(session)
    session.document.figures = [Figure("甲")]
    session.notify_figures()
    assert model.rowCount() == 1
    assert cell(model, 0, "name") == "甲"


def test_highlighting(session):
    model = FiguresModel(session)
    model.set_highlighted({"培训教师"})
    assert cell(model, 3, "name", Qt.ItemDataRole.BackgroundRole) is not None
    assert cell(model, 0, "name", Qt.ItemDataRole.BackgroundRole) is None

