"""文种 and the indicators table's rows (headless)."""

from __future__ import annotations

import pytest

from desktop.doc_types import apply_doc_type, report_title, signer_lines
from desktop.indicators import change_number, indicator_rows, table_title
from desktop.model import Document, Figure, Properties
from desktop.project_file import dumps, loads


def test_report_title_and_back():
    p = Properties(title="{{ org }}{{ year }}年工作总结")
    up = apply_doc_type(p, "报告")
    assert up.title == "{{ org }}关于{{ year }}年工作总结的报告" and up.doc_type == "报告"
    assert apply_doc_type(up, "报告").title == up.title  # not wrapped twice
    assert apply_doc_type(up, "要点").title == "{{ org }}{{ year }}年工作总结"
    assert report_title("关于开展督导的请示", "请示") == "关于开展督导的请示"
    assert apply_doc_type(p, "通知").as_notice and not apply_doc_type(up, "方案").as_notice
    with pytest.raises(ValueError):
        apply_doc_type(p, "函件")


def test_signer_lines_two_a_line():
    assert signer_lines(["张三"]) == [["张三"]]
    assert signer_lines(["张三", " ", "李四", "王五"]) == [["张三", "李四"], ["王五"]]


def test_properties_round_trip():
    doc = Document(properties=Properties(doc_type="报告", signers=["张三", "李四"],
                                         table_figures=["入园率"], table_title="主要指标表"))
    back = loads(dumps(doc))
    p = back.properties
    assert (p.doc_type, p.signers, p.table_figures, p.table_title) == (
        "报告", ["张三", "李四"], ["入园率"], "主要指标表")
    with pytest.raises(Exception, match="doc_type"):
        loads(dumps(doc).replace('"报告"', '"函件"'))


def test_change_numbers():
    assert change_number(94.6, 93.2, "%") == "+1.4个百分点"
    assert change_number(85, 100, "人") == "-15%"
    assert change_number(120, 0, "所") == "+120所"
    assert change_number(5, 5, "个") == "0"
    assert change_number(None, 5, "个") == ""


def test_rows_in_the_chosen_order_with_derived_values():
    doc = Document(figures=[
        Figure("报考人数", "人", last=1000, value=1200),
        Figure("本科达线人数", "人", last=600, value=780),
        Figure("本科达线率", "%", formula="本科达线人数 / 报考人数 * 100", target=66),
    ])
    doc.properties.table_figures = ["本科达线率", "报考人数", "已删除的指标"]
    rows = [r.cells() for r in indicator_rows(doc)]
    assert rows == [("本科达线率", "%", "60", "65", "66", "+5个百分点"),
                    ("报考人数", "人", "1000", "1200", "", "+20%")]
    assert table_title(doc) == "主要指标完成情况表"
