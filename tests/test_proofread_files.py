"""Rule files, check_path (.rdraft and .docx), the built-in examples and
the ``check`` command.

A rule file that cannot be read is simulated by patching the read: the
tests run as root here, so ``chmod`` cannot block it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.errors import DrafterError, RuleFileError
from desktop.examples import example_names, load_example
from desktop.model import Document, Properties, Section
from desktop.paths import user_rules_dir
from desktop.project_file import save
from desktop.proofread import check_document, check_path, load_rules
from desktop.proofread.rulefile import builtin_rules_dir, parse_rule_file
from tests.tooling import refuse_reading

ROOT = Path(__file__).resolve().parents[1]


def doc_with(body: str, year: int = 2026) -> Document:
    p = Properties(kind="工作计划", year=year, org="某某县教育局",
                   title="{{ org }}{{ year }}年工作计划", date=f"{year}-01-10", signature="某某县教育局")
    return Document(properties=p, sections=[Section(title="总体要求", body=body)])


# -- rule files ------------------------------------------------------------------------
def test_builtin_rule_file_loads_with_the_planning_periods_and_congresses():
    rules = load_rules()
    assert (rules.terms["十四五"].start_year, rules.terms["十四五"].end_year) == (2021, 2025)
    assert (rules.terms["十九大"].end_year, rules.terms["十九大"].end_month) == (2022, 10)
    assert "收官" in rules.contexts
    assert any(f.endswith("stale-terms.txt") for f in rules.files)
    assert builtin_rules_dir().is_dir()


@pytest.mark.parametrize("text,line,needle", [
    ("[过时表述]\n十四五 | 2021-2025\n十三五 | 二〇一六 |\n", 3, "适用期"),
    ("十四五 | 2021-2025\n", 1, "节标题"),
    ("# 注释\n\n[其他]\n", 3, "未知的节"),
    ("[过时表述]\n十四五\n", 2, "表述 | 适用期"),
    ("[过时表述]\n十四五 | 2025-2021\n", 2, "适用期"),
    ("[过时表述]\n十四五 | 2021-13 至 2025\n", 2, "适用期"),
    ("[回顾语境]\n回顾 | 收官\n", 2, "一个词"),
    ("[过时表述\n", 1, "节标题"),
])
def test_malformed_rule_file_names_file_and_line(text, line, needle):
    with pytest.raises(RuleFileError) as info:
        parse_rule_file(text, "/x/office.txt")
    message = str(info.value)
    assert message.startswith("/x/office.txt: ") and f"第{line}行" in message and needle in message


def test_user_rule_file_adds_terms_and_is_used(tmp_path):
    folder = user_rules_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "本局.txt").write_text(
        "[过时表述]\n“双一流”建设第一轮 | 2016-2020 | 第一轮建设期\n[回顾语境]\n盘点\n",
        encoding="utf-8-sig")
    doc = doc_with("推进“双一流”建设第一轮各项任务。\n盘点“十四五”教育发展。")
    assert [f.excerpt for f in check_document(doc)] == ["“双一流”建设第一轮"]


def test_user_rule_file_can_move_a_period(tmp_path):
    folder = user_rules_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "override.txt").write_text("[过时表述]\n十四五 | 2021-2026\n", encoding="utf-8")
    assert check_document(doc_with("全面落实“十四五”规划。")) == []


def test_malformed_user_rule_file_is_an_error_naming_it():
    folder = user_rules_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bad.txt").write_text("[过时表述]\n十四五 2021-2025\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as info:
        check_document(doc_with("做好工作。"))
    assert "bad.txt" in str(info.value) and "第2行" in str(info.value)


def test_period_end_month_matters_only_in_the_final_year():
    t = load_rules().terms["二十大"]
    assert not t.stale_for(2027, None) and not t.stale_for(2027, 9)
    assert t.stale_for(2027, 11) and t.stale_for(2028, None)


def test_rule_file_unreadable(tmp_path, monkeypatch):
    folder = user_rules_dir()
    folder.mkdir(parents=True)
    rules = folder / "本单位.txt"
    rules.write_text("[过时表述]\n十三五 | 2016-2020\n", encoding="utf-8")
    assert "十三五" in load_rules().terms
    refuse_reading(monkeypatch, rules)
    with pytest.raises(RuleFileError) as info:
        load_rules()
    assert "无法读取规则文件" in str(info.value) and str(rules) in str(info.value)


# -- the built-in examples --------------------------------------------------------------------
@pytest.mark.parametrize("name", example_names() or ["(none)"])
def test_builtin_example_has_no_finding(name):
    if name == "(none)":
        pytest.skip("no built-in examples yet")
    found = check_document(load_example(name))
    assert [(f.rule, f.section, f.excerpt, f.message) for f in found] == []


# -- check_path ----------------------------------------------------------------------------------
def test_check_path_rdraft_and_year(tmp_path):
    path = tmp_path / "p.rdraft"
    save(doc_with("全面落实“十四五”规划。"), path)
    assert [f.rule for f in check_path(path)] == ["stale-term"]
    # as a 2025 plan: 十四五 is current, but the title and the date say 2026
    assert [f.rule for f in check_path(path, year=2025)] == ["title-year", "date-year"]


def test_check_path_bad_inputs(tmp_path):
    with pytest.raises(DrafterError):
        check_path(tmp_path / "missing.rdraft")
    other = tmp_path / "a.xyz"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(DrafterError):
        check_path(other)


def test_check_path_reads_a_text_file_as_written(tmp_path):
    text = tmp_path / "稿子.txt"
    text.write_text("关于做好2026年招生工作的通知\n各学校:\n请于7月15前报送材料。\n", encoding="utf-8")
    assert [(f.rule, f.excerpt) for f in check_path(text)] == [("recipients-colon", ":"),
                                                              ("date-missing-day", "7月15")]


def _docx(tmp_path, paragraphs: list[str]) -> Path:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for text in paragraphs:
        d.add_paragraph(text)
    path = tmp_path / "typed.docx"
    d.save(path)
    return path


DOCX_GOOD = ["某某县教育局2026年工作计划", "一、总体要求", "坚持稳中求进，全面提升教育质量。",
             "二、主要任务", "（一）加强党的建设", "抓好班子建设。", "（二）加强队伍建设",
             "抓好教师培训。", "三、保障措施", "强化经费保障。"]


def test_docx_read_back_typed_numbers(tmp_path):
    assert check_path(_docx(tmp_path, DOCX_GOOD)) == []
    bad = list(DOCX_GOOD)
    bad[6] = "（三）加强队伍建设"  # skips （二）
    bad[8] = "三、保障措施"
    found = check_path(_docx(tmp_path, bad))
    assert [(f.rule, f.excerpt, f.section) for f in found] == [("numbering-gap", "（三）", "二/三")]


def test_docx_level3_restart_against_continuous_numbering(tmp_path):
    paras = ["某某县教育局2026年工作计划", "一、主要任务", "（一）党建", "1.班子建设。", "2.队伍建设。",
             "（二）教学", "3.课堂改革。", "4.教研改革。", "二、保障措施", "（一）经费",
             "5.经费保障。", "6.督导考核。", "（二）安全", "1.校园安全。"]
    found = check_path(_docx(tmp_path, paras))
    assert [(f.rule, f.excerpt) for f in found] == [("numbering-mode", "1.")]


# -- the CLI ----------------------------------------------------------------------------------------
def run(*args):
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)


def test_cli_check_json_shape_and_exit_codes(tmp_path):
    good = tmp_path / "good.rdraft"
    save(doc_with("全面提升教育质量。"), good)
    proc = run("check", str(good), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == []

    warn = tmp_path / "warn.rdraft"
    save(doc_with("全面落实“十四五”规划。"), warn)
    proc = run("check", str(warn), "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [d["rule"] for d in data] == ["stale-term"]
    assert list(data[0]) == ["rule", "severity", "message", "section", "paragraph", "start",
                             "end", "excerpt", "fix", "context", "field"]
    assert data[0]["section"] == "一" and data[0]["excerpt"] == "十四五"

    bad = tmp_path / "bad.rdraft"
    save(doc_with("全县共有XX所学校。"), bad)
    proc = run("check", str(bad))
    assert proc.returncode == 1
    assert "错误\t[一] 未填写的占位符“XX”：XX" in proc.stdout
    assert "共 1 条校对意见" in proc.stdout


def test_cli_check_bad_input_exit_2(tmp_path):
    proc = run("check", str(tmp_path / "missing.rdraft"))
    assert proc.returncode == 2 and "missing.rdraft" in proc.stderr and "Traceback" not in proc.stderr
    broken = tmp_path / "broken.rdraft"
    broken.write_text("{not json", encoding="utf-8")
    proc = run("check", str(broken))
    assert proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1


def test_cli_check_malformed_rule_file_exit_2(tmp_path):
    home = tmp_path / "home"
    (home / "rules").mkdir(parents=True)
    (home / "rules" / "x.txt").write_text("[过时表述]\n坏规则\n", encoding="utf-8")
    good = tmp_path / "good.rdraft"
    save(doc_with("全面提升教育质量。"), good)
    import os
    env = dict(os.environ, REPORT_DRAFTER_HOME=str(home))
    proc = subprocess.run([sys.executable, "-m", "desktop", "check", str(good)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300, env=env)
    assert proc.returncode == 2 and "x.txt" in proc.stderr and "第2行" in proc.stderr


def test_cli_check_docx_year_override(tmp_path):
    path = _docx(tmp_path, DOCX_GOOD)
    proc = run("check", str(path), "--year", "2027", "--json")
    assert proc.returncode == 1, proc.stderr
    assert [d["rule"] for d in json.loads(proc.stdout)] == ["title-year"]


def test_cli_check_corrupt_docx_exit_2(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    proc = run("check", str(bad))
    assert proc.returncode == 2 and "bad.docx" in proc.stderr and "Traceback" not in proc.stderr


def test_docx_without_a_year_asks_for_one(tmp_path):
    path = _docx(tmp_path, ["某某县教育局工作计划", "一、总体要求", "全面提升教育质量。"])
    with pytest.raises(DrafterError) as info:
        check_path(path)
    assert "--year" in str(info.value)
    # a plan's title must carry its year: finished documents are checked as such
    assert [f.rule for f in check_path(path, year=2026)] == ["title-no-year"]


def test_docx_review_heading_with_stale_term_in_a_later_year(tmp_path):
    paras = ["某某县教育局2026年工作总结", "一、“十四五”规划实施情况", "全面完成各项目标任务。",
             "二、主要工作", "全面落实“十四五”规划。"]
    found = check_path(_docx(tmp_path, paras))
    assert [(f.rule, f.section) for f in found] == [("stale-term", "二")]


def test_cli_check_template_error_line_has_no_dangling_colon(tmp_path):
    bad = tmp_path / "tpl.rdraft"
    save(doc_with("全县{{ 未知变量 }}。"), bad)
    proc = run("check", str(bad))
    assert proc.returncode == 1
    line = proc.stdout.splitlines()[0]
    assert line.startswith("错误\t[一] ") and "未知变量" in line and not line.endswith("：")
