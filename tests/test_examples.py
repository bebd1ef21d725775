"""The built-in example projects (resources/examples/*.rdraft)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from desktop.examples import example_names, examples_dir, load_example
from desktop.project_file import dumps, load, save
from desktop.render import render
from desktop.templating import template_figures

ROOT = Path(__file__).resolve().parent.parent
NAMES = ("keypoints-notice", "plan-county", "report-county", "summary-and-plan")
CJK = re.compile(r"[\u4e00-\u9fff]")
HALF_WIDTH = re.compile(r"[\u4e00-\u9fff“”][,.;:!?()]|[,;:!?()][\u4e00-\u9fff]")
STALE = ("十三五", "十四五", "十九大", "十九届", "XX", "××", "某某")


def body_blocks(out):
    return [b for b in out.blocks if b.role == "body" or b.role.startswith("heading")]


def test_exactly_the_four_examples():
    assert tuple(example_names()) == NAMES
    assert sorted(p.name for p in examples_dir().iterdir()) == [f"{n}.rdraft" for n in NAMES]


def test_cli_lists_name_tab_title():
    proc = subprocess.run([sys.executable, "-m", "desktop", "examples"], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.strip().splitlines()
    assert [line.split("\t")[0] for line in lines] == list(NAMES)
    titles = dict(line.split("\t", 1) for line in lines)
    assert titles["plan-county"] == "青山县教育局2027年教育工作计划"
    assert titles["keypoints-notice"] == "青山县教育局2026年教育工作要点"
    assert titles["summary-and-plan"] == "云溪区教育局2026年工作总结及2027年工作计划"
    assert titles["report-county"] == "青山县教育局关于2026年工作总结和2027年工作计划的报告"
    for title in titles.values():
        assert "{" not in title


@pytest.mark.parametrize("name", NAMES)
def test_renders_without_errors(name):
    doc = load_example(name)
    out = render(doc)
    assert out.errors == [], [str(e.error) for e in out.errors]
    p = doc.properties
    assert p.signature.strip()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", p.date)
    assert any(b.role in ("date", "notice_date") for b in out.blocks)


@pytest.mark.parametrize("name", NAMES)
def test_generator_reproduces_the_files(name, tmp_path):
    from tools import make_examples
    save(make_examples.EXAMPLES[name](), tmp_path / "x.rdraft")
    assert dumps(load(tmp_path / "x.rdraft")) == dumps(load_example(name)), \
        "the example is stale: run python tools/make_examples.py"


@pytest.mark.parametrize("name", NAMES)
def test_text_is_clean_for_the_proofreader(name):
    doc = load_example(name)
    out = render(doc)
    paragraphs = [b.full_text for b in out.blocks if b.role != "page_break"]
    text = "\n".join(paragraphs)
    for word in STALE:
        assert word not in text
    m = HALF_WIDTH.search(text)
    assert m is None, m.group(0)
    for doubled in ("。。", "，，", "；；", "、、", "：。", "，。"):
        assert doubled not in text
    for a, b in ("“”", "《》", "（）", "〔〕"):
        assert text.count(a) == text.count(b), a + b
    body = [b.full_text for b in body_blocks(out)]
    repeated = [t for t, n in Counter(body).items() if n > 1]
    assert not repeated
    # years: only the document's own year and its neighbours
    years = {int(y) for y in re.findall(r"(?<!\d)(20\d\d)(?!\d)", text)}
    y = doc.properties.year
    allowed = {y - 1, y, y + 1} if doc.properties.kind == "总结及计划" else {y - 1, y}
    assert years <= allowed, years


@pytest.mark.parametrize("name", NAMES)
def test_figures_are_used_and_come_from_the_table(name):
    doc = load_example(name)
    out = render(doc)
    used = set().union(*out.figures_used.values())
    sources = [doc.properties.preamble, doc.properties.closing]
    for s in doc.walk():
        sources += [s.title, s.body]
    named = set().union(*(template_figures(src) for src in sources))
    table = {f.name for f in doc.figures}
    assert named <= table
    # every non-input figure of the table is stated in the text
    inputs = {"报考人数", "本科达线人数"}
    assert table - used - inputs == set(), table - used
    # no percentage typed by hand: every "N%" in the text is a figure value,
    # a target or a change phrase
    for s in doc.walk():
        assert not re.search(r"\d%", s.body), s.title


def test_plan_county_numbering_and_length():
    doc = load_example("plan-county")
    assert doc.properties.kind == "工作计划" and doc.properties.year == 2027
    assert doc.settings.numbering_mode == "continuous"
    out = render(doc)
    level1 = [b.title for b in out.blocks if b.role == "heading1"]
    assert level1[:3] == ["总体要求", "工作目标", "重点工作及措施"]
    # 工作目标 uses （一）（二）, not 1. items
    goals = doc.sections[1]
    assert goals.children and all(c.level == 2 for c in goals.children)
    tasks = doc.sections[2]
    assert [b.number for b in out.blocks if b.role == "heading2" and b.path.startswith("三/")] == \
        ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）", "（八）"]
    numbers = [b.number for b in out.blocks if b.role == "heading3"]
    assert numbers == [f"{i}." for i in range(1, 31)]
    assert all(s.run_in for c in tasks.children for s in c.children)
    body = "".join(b.full_text for b in body_blocks(out))
    assert len(CJK.findall(body)) >= 3500
    text = out.text()
    assert "学前三年毛入园率由2026年的94.6%提高到95.5%" in text
    assert "九年义务教育巩固率达到99.2%" in text
    assert "青山县教育局2027年教育工作计划" == out.blocks[0].text


def test_keypoints_notice_header_and_record():
    doc = load_example("keypoints-notice")
    p = doc.properties
    assert p.kind == "工作要点" and p.as_notice and p.red_header
    assert p.header_text == "青山县教育局文件"
    assert re.match(r"^.+教发〔2026〕\d+号$", p.doc_number)
    assert p.recipients == "各乡镇中心学校，县直各学校、幼儿园，局机关各股室"
    assert p.signature == "青山县教育局" and p.date == "2026-03-12"
    assert p.cc and p.printer and p.print_date
    assert doc.settings.numbering_mode == "continuous"
    assert {s.level for s in doc.sections} == {1}
    assert all(c.level == 3 and c.run_in for s in doc.sections for c in s.children)
    out = render(doc)
    roles = [b.role for b in out.blocks]
    for role in ("red_header", "doc_number", "notice_title", "notice_recipients",
                 "notice_body", "notice_signature", "notice_date", "page_break", "title",
                 "cc", "printer"):
        assert role in roles, role
    assert roles.index("notice_date") < roles.index("title")
    notice = next(b.text for b in out.blocks if b.role == "notice_title")
    assert notice == "青山县教育局关于印发《青山县教育局2026年教育工作要点》的通知"
    numbers = [b.number for b in out.blocks if b.role == "heading3"]
    assert numbers == [f"{i}." for i in range(1, len(numbers) + 1)] and len(numbers) >= 15
    assert next(b for b in out.blocks if b.role == "printer").title == "2026年3月12日印发"


def test_summary_and_plan_derived_rate_and_changes():
    doc = load_example("summary-and-plan")
    assert doc.properties.kind == "总结及计划"
    rate = doc.figure("本科达线率")
    assert rate.formula == "本科达线人数 / 报考人数 * 100"
    assert rate.value is None  # derived, not typed
    assert doc.figure("报考人数").value == 327 and doc.figure("本科达线人数").value == 208
    out = render(doc)
    text = out.text()
    assert "63.61%" in text
    assert "327人报考，本科达线208人，本科达线率63.61%，比上年提高3.14个百分点" in text
    assert re.search(r"增长\d+(\.\d+)?%", text)
    assert re.search(r"提高\d+(\.\d+)?个百分点", text)
    assert re.search(r"增加\d+", text)
    level1 = [b.title for b in out.blocks if b.role == "heading1"]
    assert level1 == ["2026年工作完成情况", "存在的问题", "2027年工作计划"]
    first = doc.sections[0]
    assert [c.level for c in first.children] == [2] * len(first.children) >= [2] * 5
    assert all(g.level == 3 for c in first.children for g in c.children)
    plan = [b for b in out.blocks if b.role == "heading3" and b.path.startswith("三/")]
    assert [b.number for b in plan] == [f"{i}." for i in range(1, len(plan) + 1)]


@pytest.mark.parametrize("name", NAMES)
def test_file_is_plain_json_with_schema(name):
    data = json.loads((examples_dir() / f"{name}.rdraft").read_text(encoding="utf-8"))
    assert data["format"] == "report-drafter" and data["schema_version"] >= 1
