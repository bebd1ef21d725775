"""Figures: formatting, derived rates, change and target phrases, import.

A sheet that cannot be read (no permission, or open in Excel/WPS: as
Windows reports it, PermissionError 13 from ``open``) is simulated by
patching the read: the tests run as root here, so ``chmod`` cannot block it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.errors import FigureError, FigureImportError
from desktop.figures import (FigureTable, change_phrase, compute, diff_phrase, format_number,
                             parse_number, read_figures, target_phrase)
from desktop.model import Figure
from tests.tooling import refuse_reading


@pytest.mark.parametrize("value, text", [
    (327, "327"), (63.6085, "63.61"), (45.56, "45.56"), (45.5600, "45.56"), (5.0, "5"),
    (0.125, "0.13"), (2.675, "2.68"), (1200, "1200"), (1234567.891, "1234567.89"),
    (-3.455, "-3.46"), (0.004, "0"), (99.98, "99.98"),
])
def test_format_number_rounds_half_up_and_drops_zeros(value, text):
    assert format_number(value) == text


def test_parse_number_accepts_commas_percent_and_blank():
    assert parse_number("1,234") == 1234
    assert parse_number("1，234") == 1234
    assert parse_number(" 63.5% ") == 63.5
    assert parse_number("") is None and parse_number("  ") is None and parse_number(None) is None
    assert parse_number(7) == 7.0


@pytest.mark.parametrize("raw, why", [
    ("三百", "不是数字"), (True, "不是数字"), ("1.2.3", "不是数字"),
    (float("nan"), "不是有效数字"), ("inf", "不是有效数字"), (float("-inf"), "不是有效数字"),
])
def test_parse_number_says_why_a_value_is_not_a_number(raw, why):
    with pytest.raises(ValueError, match=why):
        parse_number(raw)


def exam_figures():
    return [Figure("报考人数", "人", last=300, value=327),
            Figure("本科达线人数", "人", last=180, value=208),
            Figure("本科达线率", "%", formula="本科达线人数 / 报考人数 * 100", target=65)]


def test_derived_rate_from_counts_this_year_and_last_year():
    values = compute(exam_figures())
    assert format_number(values["本科达线率"]["value"]) == "63.61"
    assert format_number(values["本科达线率"]["last"]) == "60"
    fig = FigureTable(exam_figures())
    assert str(fig.本科达线率) == "63.61%"
    assert fig["本科达线率"].last == "60%"
    assert fig.报考人数.value == 327 and fig.本科达线率.value == 63.61


def test_values_with_units():
    fig = FigureTable([Figure("资助金额", "万元", last=40, value=45.56, target=50)])
    assert str(fig.资助金额) == "45.56万元"
    assert fig.资助金额.last == "40万元"
    assert fig.资助金额.target == "50万元"
    assert fig.资助金额.target_value == 50 and fig.资助金额.last_value == 40


@pytest.mark.parametrize("value, last, unit, phrase", [
    (340, 300, "人", "增长13.33%"),
    (95, 100, "人", "下降5%"),
    (100, 100, "所", "与上年持平"),
    (1.001, 1.004, "万元", "与上年持平"),  # equal at the shown precision
    (65.93, 63.61, "%", "提高2.32个百分点"),
    (99.5, 100, "%", "下降0.5个百分点"),
    (98.001, 98.004, "%", "与上年持平"),
])
def test_change_phrases(value, last, unit, phrase):
    assert change_phrase(value, last, unit) == phrase


@pytest.mark.parametrize("value, target, unit, phrase", [
    (98, 98, "%", "完成目标"),
    (98.5, 98, "%", "超出目标0.5个百分点"),
    (97.5, 98, "%", "低于目标0.5个百分点"),
    (322, 300, "人", "超出目标7.33%"),
    (278, 300, "人", "低于目标7.33%"),
    (300, 300, "人", "完成目标"),
])
def test_target_phrases(value, target, unit, phrase):
    assert target_phrase(value, target, unit) == phrase


def test_diff_phrase_absolute():
    assert diff_phrase(340, 300, "人") == "增加40人"
    assert diff_phrase(12, 15, "所") == "减少3所"


def test_template_view_exposes_change_and_target():
    fig = FigureTable([Figure("入园率", "%", last=92.5, value=94.1, target=94)])
    assert fig.入园率.change == "提高1.6个百分点"
    assert fig.入园率.vs_target == "超出目标0.1个百分点"
    assert fig.入园率.reached is True


def test_formula_errors_name_the_figure():
    with pytest.raises(FigureError, match="达线率.*除以零"):
        compute([Figure("报考人数", "人", value=0), Figure("达线率", "%", formula="达线人数/报考人数",),
                 Figure("达线人数", "人", value=3)])
    with pytest.raises(FigureError, match="达线率.*不存在的指标“未知”"):
        compute([Figure("达线率", "%", formula="未知 * 100")])
    with pytest.raises(FigureError, match="循环"):
        compute([Figure("甲", formula="乙 + 1"), Figure("乙", formula="甲 + 1")])


@pytest.mark.parametrize("formula", ["__import__('os').system('true')", "a.b", "a[0]",
                                     "'x' * 3", "a if b else c", "f(1)", "2 ** 1000000"])
def test_formulas_are_parsed_never_evaluated(formula):
    with pytest.raises(FigureError):
        compute([Figure("危险", formula=formula), Figure("a", value=1), Figure("b", value=1)])


def test_missing_input_leaves_derived_value_empty():
    values = compute([Figure("报考人数", "人", value=327), Figure("达线人数", "人"),
                      Figure("达线率", "%", formula="达线人数 / 报考人数 * 100")])
    assert values["达线率"]["value"] is None


def test_csv_import_with_chinese_headers(tmp_path):
    path = tmp_path / "figures.csv"
    path.write_text("名称,单位,上年,本年,目标,公式\n报考人数,人,300,327,,\n"
                    "本科达线人数,人,180,208,,\n本科达线率,%,,,65,本科达线人数 / 报考人数 * 100\n",
                    encoding="utf-8")
    figures = read_figures(path)
    assert [f.name for f in figures] == ["报考人数", "本科达线人数", "本科达线率"]
    assert str(FigureTable(figures).本科达线率) == "63.61%"


def test_csv_import_english_aliases_and_gbk(tmp_path):
    path = tmp_path / "figures.csv"
    path.write_bytes("name,unit,last,value,target,formula\n教师培训人次,人次,1200,1350,1300,\n"
                     .encode("gb18030"))
    (fig,) = read_figures(path)
    assert (fig.name, fig.unit, fig.last, fig.value, fig.target) == ("教师培训人次", "人次", 1200, 1350, 1300)


def test_csv_bad_cell_names_row_and_column(tmp_path):
    path = tmp_path / "figures.csv"
    path.write_text("名称,单位,上年,本年\n报考人数,人,300,327\n达线人数,人,一百八,208\n", encoding="utf-8")
    with pytest.raises(FigureImportError) as info:
        read_figures(path)
    message = str(info.value)
    assert "第3行" in message and "第3列" in message and "上年" in message and "“一百八”不是数字" in message
    assert str(path) in message


def test_xlsx_import_and_bad_cell(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["名称", "单位", "上年", "本年", "目标", "公式"])
    ws.append(["报考人数", "人", 300, 327, None, None])
    ws.append(["本科达线人数", "人", 180, 208, None, None])
    ws.append(["本科达线率", "%", None, None, 65, "本科达线人数 / 报考人数 * 100"])
    good = tmp_path / "good.xlsx"
    wb.save(good)
    assert str(FigureTable(read_figures(good)).本科达线率) == "63.61%"
    ws["D3"] = "两百零八"
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    with pytest.raises(FigureImportError, match=r"第3行D列（本年）"):
        read_figures(bad)


def test_import_rejects_non_spreadsheets(tmp_path):
    path = tmp_path / "figures.xlsx"
    path.write_bytes(b"not a zip")
    with pytest.raises(FigureImportError, match="不是有效的 Excel 文件"):
        read_figures(path)
    with pytest.raises(FigureImportError, match="不存在"):
        read_figures(tmp_path / "missing.csv")
    with pytest.raises(FigureImportError, match="缺少“名称”列"):
        (tmp_path / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
        read_figures(tmp_path / "x.csv")


def test_figures_sheet_locked_or_unreadable(tmp_path, monkeypatch):
    csv = tmp_path / "指标.csv"
    csv.write_text("指标,单位,上年,本年\n报考人数,人,300,327\n", encoding="utf-8")
    assert read_figures(csv)[0].name == "报考人数"
    refuse_reading(monkeypatch, csv)
    with pytest.raises(FigureImportError) as info:
        read_figures(csv)
    assert "没有读取权限" in str(info.value) and str(csv) in str(info.value)
    folder = tmp_path / "表.csv"
    folder.mkdir()
    with pytest.raises(FigureImportError, match="文件夹"):
        read_figures(folder)


def test_figures_xlsx_locked(tmp_path, monkeypatch):
    import builtins
    import io

    import openpyxl

    xlsx = tmp_path / "指标.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["指标", "单位", "上年", "本年"])
    wb.active.append(["报考人数", "人", 300, 327])
    wb.save(xlsx)
    assert read_figures(xlsx)[0].value == 327
    real_open = builtins.open

    def refusing_open(file, *a, **k):
        if Path(str(file)) == xlsx:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *a, **k)

    monkeypatch.setattr(builtins, "open", refusing_open)
    monkeypatch.setattr(io, "open", refusing_open)
    with pytest.raises(FigureImportError) as info:
        read_figures(xlsx)
    assert str(xlsx) in str(info.value) and "没有读取权限" in str(info.value)
