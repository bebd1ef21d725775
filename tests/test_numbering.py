"""Outline numbering both ways."""

from __future__ import annotations

import pytest

from desktop.model import Document, Section, Settings
from desktop.numbering import from_chinese, outline_number, parse_outline_number, to_chinese
from desktop.render import number_sections


@pytest.mark.parametrize("n, text", [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (21, "二十一"),
                                     (99, "九十九"), (100, "一百")])
def test_chinese_numerals_round_trip(n, text):
    assert to_chinese(n) == text
    assert from_chinese(text) == n


def test_printed_forms():
    assert [outline_number(level, 3) for level in (1, 2, 3, 4)] == ["三、", "（三）", "3.", "（3）"]


@pytest.mark.parametrize("text, level, number, rest", [
    ("一、总体要求", 1, "一", "总体要求"), ("十二、其他", 1, "十二", "其他"),
    ("（一）加强党建", 2, "一", "加强党建"), ("(二)加强德育", 2, "二", "加强德育"),
    ("1.认真总结规划。", 3, "1", "认真总结规划。"), ("12、强化管理", 3, "12", "强化管理"),
    ("3．加强", 3, "3", "加强"), ("（1）具体", 4, "1", "具体"), ("(2)具体", 4, "2", "具体"),
])
def test_parse_typed_numbers(text, level, number, rest):
    parsed = parse_outline_number(text)
    assert (parsed.level, parsed.number) == (level, number)
    assert text[parsed.length:] == rest


@pytest.mark.parametrize("text", ["1.5万元用于", "2026年", "一是优化", "全县", "（注）", ""])
def test_not_numbers(text):
    assert parse_outline_number(text) is None


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


# -- the hand-written Chinese numerals, against a general converter ------------
from hypothesis import example, given, settings, strategies as st  # noqa: E402

from desktop.cn_numerals import (  # noqa: E402
    from_chinese as parse_cn, int_to_chinese, number_to_chinese, year_to_chinese)


def _cn2an():
    return pytest.importorskip("cn2an", reason="cn2an (test extra) checks the hand-written numerals")


def _reference(n) -> str:
    if isinstance(n, int) and n < 0:
        return "负" + _reference(-n)
    if isinstance(n, int) and n >= 10 ** 8 and (n // 10 ** 4) % 10 ** 4 == 0 and n % 10 ** 4 >= 1000:
        # cn2an drops the 零 of an empty 万 group before a 千 (100001000 → 一亿一千, which
        # it cannot read back itself); the written form is 一亿零一千
        return _reference(n - n % 10 ** 4) + "零" + _reference(n % 10 ** 4)
    text = _cn2an().an2cn(n, "low")
    return text[1:] if text.startswith("一十") else text


@pytest.mark.parametrize("n, text", [(100_001_000, "一亿零一千"), (9_900_001_000, "九十九亿零一千"),
                                     (-1_000_001_000, "负十亿零一千"), (10_001_000, "一千万一千"),
                                     (100_000_100, "一亿零一百")])
def test_an_empty_wan_group_is_written_as_ling(n, text):
    assert int_to_chinese(n) == text == _reference(n)
    if n >= 0:
        assert parse_cn(text) == n


def test_numbers_of_headings_chapters_and_days_match_cn2an_exactly():
    """Every number a heading, a 第X章, a month or a day can have."""
    for n in range(0, 1000):
        assert int_to_chinese(n) == _reference(n), n
        assert parse_cn(int_to_chinese(n)) == n
        assert _cn2an().cn2an(int_to_chinese(n), "smart") == n


@settings(max_examples=400, deadline=None)
@given(st.integers(min_value=-(10 ** 12) + 1, max_value=10 ** 12 - 1))
@example(9_900_001_000)
def test_integers_match_cn2an(n):
    assert int_to_chinese(n) == _reference(n)
    if n >= 0:
        assert parse_cn(int_to_chinese(n)) == n


@settings(max_examples=300, deadline=None)
@given(st.decimals(min_value=-99999, max_value=99999, places=3, allow_nan=False, allow_infinity=False))
def test_decimals_match_cn2an(d):
    value = float(d)
    # a whole number is written as one (3.0 → 三), as the cn filter always did
    expected = _reference(int(value)) if value == int(value) else _reference(value)
    assert number_to_chinese(value) == expected


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="〇零一二三四五六七八九十百千万亿两", min_size=1, max_size=8))
def test_what_is_read_as_a_number_cn2an_reads_the_same(text):
    """Our reader is stricter than cn2an's smart mode (it refuses 一百一, 一万五),
    never more lenient: what it accepts, cn2an reads as the same number."""
    try:
        value = parse_cn(text)
    except ValueError:
        return
    assert _cn2an().cn2an(text.replace("两", "二"), "smart") == value


@pytest.mark.parametrize("text", ["十十一", "百", "一百一", "一万五", "一万一十", "零零十", "", "十二三", "一万〇十", "一万零十"])
def test_malformed_numerals_are_refused(text):
    with pytest.raises(ValueError):
        parse_cn(text)


@pytest.mark.parametrize("year, text", [(2026, "二〇二六"), (2010, "二〇一〇"), (1999, "一九九九")])
def test_years_digit_by_digit(year, text):
    assert year_to_chinese(year) == text
    assert parse_cn(text) == year


def test_export_and_outline_build_no_general_numeral_converter(tmp_path):
    """No command loads cn2an (nor any numeral converter package) on its way."""
    import os
    import subprocess
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    out = tmp_path / "plan.docx"
    code = ("import sys; from desktop.cli import main; "
            "rc = main(sys.argv[1:]); print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('cn2an', 'proces', 'PySide6'))); sys.exit(rc)")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(root)] + sys.path),
               REPORT_DRAFTER_HOME=str(tmp_path / "home"))
    for argv in (["export", "--example", "plan-county", "-o", str(out)], ["outline", str(out)]):
        proc = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True,
                              env=env, timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.strip().splitlines()[-1] == "[]", (argv, proc.stdout)


def test_one_level3_sequence_for_rendering_detection_and_checking():
    """The numbers render() prints under each mode are detected as that mode
    (numbering.detect_numbering_mode walks the same Level3Counter)."""
    from types import SimpleNamespace

    from desktop.model import Document, Section, Settings
    from desktop.numbering import NUMBERING_MODES, detect_numbering_mode, parse_outline_number
    from desktop.render import render

    def outline():
        return [Section(title=f"第{c}章", level=1, children=[
            Section(title=f"第{p}部分", level=2, children=[
                Section(title=f"措施{i}", level=3) for i in range(1, 3 + p)])
            for p in range(1, 3)]) for c in range(1, 3)]

    for mode in NUMBERING_MODES:
        doc = Document(sections=outline(), settings=Settings(numbering_mode=mode))
        numbers = render(doc).numbers

        def node(s):
            parsed = parse_outline_number(numbers[s.id])
            return SimpleNamespace(level=s.level, value=parsed.value,
                                   children=[node(c) for c in s.children])

        assert detect_numbering_mode([node(s) for s in doc.sections]) == mode
