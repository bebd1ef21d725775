"""Renaming in formulas (by the formula's syntax tree) and merging imports."""

from __future__ import annotations

from desktop.figure_ops import merge_figures, rename_in_formula, renamed_formulas
from desktop.model import Figure


def test_rename_only_whole_names():
    assert rename_in_formula("教师 + 教师总数", "教师", "老师") == "老师 + 教师总数"
    assert rename_in_formula("(教师*2)/教师总数-教师", "教师", "老师") == "(老师*2)/教师总数-老师"
    assert rename_in_formula("  甲 + 1", "甲", "乙丙") == "  乙丙 + 1"  # spacing kept


def test_rename_leaves_other_text_alone():
    assert rename_in_formula("甲+乙", "丙", "丁") == "甲+乙"
    assert rename_in_formula("", "甲", "乙") == ""
    assert rename_in_formula("甲 +", "甲", "乙") == "乙 +"  # unparsable: whole words still


def test_renamed_formulas_of_a_table():
    figures = [Figure("甲", value=1), Figure("乙", formula="甲 * 2"), Figure("丙", formula="乙+甲")]
    assert renamed_formulas(figures, 0, "子") == ("", "子 * 2", "乙+子")


def test_merge_figures_updates_by_name_and_appends():
    existing = [Figure("报考人数", "人", last=300, value=320), Figure("达线率", "%", formula="1")]
    merged = merge_figures(existing, [Figure("报考人数", value=340), Figure("新指标", "所", value=3)])
    assert merged[0].value == 340 and merged[0].last == 300 and merged[0].unit == "人"
    assert merged[-1].name == "新指标" and len(merged) == 3
    assert existing[0].value == 320  # the table itself is unchanged
