"""Outline numbering both ways."""

from __future__ import annotations

import pytest

from desktop.model import Document, Section, Settings
from desktop.numbering import format_number, from_chinese, parse_number, to_chinese
from desktop.render import number_sections


@pytest.mark.parametrize("n, text", [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (21, "二十一"),
                                     (99, "九十九"), (100, "一百")])
def test_chinese_numerals_round_trip(n, text):
    assert to_chinese(n) == text
    assert from_chinese(text) == n


def test_printed_forms():
    assert [format_number(level, 3) for level in (1, 2, 3, 4)] == ["三、", "（三）", "3.", "（3）"]


@pytest.mark.parametrize("text, level, number, rest", [
    ("一、总体要求", 1, "一", "总体要求"), ("十二、其他", 1, "十二", "其他"),
    ("（一）加强党建", 2, "一", "加强党建"), ("(二)加强德育", 2, "二", "加强德育"),
    ("1.认真总结规划。", 3, "1", "认真总结规划。"), ("12、强化管理", 3, "12", "强化管理"),
    ("3．加强", 3, "3", "加强"), ("（1）具体", 4, "1", "具体"), ("(2)具体", 4, "2", "具体"),
])
def test_parse_typed_numbers(text, level, number, rest):
    parsed = parse_number(text)
    assert (parsed.level, parsed.number) == (level, number)
    assert text[parsed.length:] == rest


@pytest.mark.parametrize("text", ["1.5万元用于", "2026年", "一是优化", "全县", "（注）", ""])
def test_not_numbers(text):
    assert parse_number(text) is None


def outline():
    def items(n):
        return [Section(f"条目{i}", level=3) for i in range(n)]
    return [Section("总体要求"),
            Section("重点工作", children=[Section("甲", level=2, children=items(2)),
                                      Section("乙", level=2, children=items(3))]),
            Section("保障措施", children=[Section("丙", level=2, children=items(1))])]


@pytest.mark.parametrize("mode, expected", [
    ("per_parent", ["1.", "2.", "1.", "2.", "3.", "1."]),
    ("per_chapter", ["1.", "2.", "3.", "4.", "5.", "1."]),
    ("continuous", ["1.", "2.", "3.", "4.", "5.", "6."]),
])
def test_level3_numbering_modes(mode, expected):
    doc = Document(sections=outline(), settings=Settings(numbering_mode=mode))
    numbers, paths = number_sections(doc)
    level3 = [numbers[s.id] for s in doc.walk() if s.level == 3]
    assert level3 == expected
    top = [numbers[s.id] for s in doc.sections]
    assert top == ["一、", "二、", "三、"]
    last = [s for s in doc.walk() if s.level == 3][-1]
    assert paths[last.id] == f"三/一/{expected[-1].rstrip('.')}"


def test_level3_directly_under_level1():
    doc = Document(sections=[Section("党建", children=[Section("学习", level=3), Section("组织", level=3)]),
                             Section("改革", children=[Section("学区", level=3)])],
                   settings=Settings(numbering_mode="continuous"))
    numbers, _ = number_sections(doc)
    assert [numbers[s.id] for s in doc.walk()] == ["一、", "1.", "2.", "二、", "3."]
