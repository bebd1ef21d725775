"""The CLI contract: one-line errors with exit 2, headless without Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True,
                          text=True, cwd=cwd or ROOT, timeout=300)


def assert_one_line_error(proc, *needles):
    assert proc.returncode == 2, proc.stderr
    lines = [line for line in proc.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    for needle in needles:
        assert needle in lines[0]


def test_render_template_with_figures(tmp_path):
    tpl = tmp_path / "t.j2"
    tpl.write_text("{#-\nid: t\ntitle: {{ year }}年学前教育\n-#}\n毛入园率达到{{ fig.入园率 }}，比上年{{ fig.入园率.change }}。\n",
                   encoding="utf-8")
    figs = tmp_path / "f.csv"
    figs.write_text("名称,单位,上年,本年\n入园率,%,92.5,94\n", encoding="utf-8")
    proc = run("render", str(tpl), "--figures", str(figs), "--year", "2027")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == ["2027年学前教育", "毛入园率达到94%，比上年提高1.5个百分点。"]


def test_render_error_names_file_and_line(tmp_path):
    tpl = tmp_path / "bad.j2"
    tpl.write_text("第一行\n{{ fig.不存在 }}\n", encoding="utf-8")
    assert_one_line_error(run("render", str(tpl)), "bad.j2", "第2行", "不存在")
    tpl.write_text("{% if %}", encoding="utf-8")
    assert_one_line_error(run("render", str(tpl)), "bad.j2", "语法")
    tpl.write_text("{{ ''.__class__.__mro__ }}", encoding="utf-8")
    assert_one_line_error(run("render", str(tpl)), "安全限制")


@pytest.mark.parametrize("make, needle", [
    (lambda p: None, "不存在"),
    (lambda p: p.write_text("{oops", encoding="utf-8"), "JSON"),
    (lambda p: p.write_text('{"schema_version": 99}', encoding="utf-8"), "更新版本"),
])
def test_export_bad_project(tmp_path, make, needle):
    path = tmp_path / "p.rdraft"
    make(path)
    assert_one_line_error(run("export", str(path), "-o", str(tmp_path / "o.docx")), str(path), needle)


def test_unknown_example_and_bad_arguments(tmp_path):
    assert_one_line_error(run("export", "--example", "nope", "-o", str(tmp_path / "o.docx")), "nope")
    assert_one_line_error(run("export"), "参数错误")
    assert_one_line_error(run("render", str(tmp_path / "none.j2")), "不存在")


def test_gui_on_missing_file_is_one_line():
    assert_one_line_error(run("/nonexistent/x.rdraft"), "x.rdraft", "不存在")


def test_headless_commands_do_not_import_qt(tmp_path):
    code = ("import sys\n"
            "from desktop import cli\n"
            "rc = cli.main(['examples'])\n"
            "import desktop.export_docx, desktop.render, desktop.figures, desktop.library\n"
            "try:\n    import desktop.reuse, desktop.proofread\nexcept ImportError:\n    pass\n"
            "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'\n"
            "print('ok', rc)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().endswith("ok 0")


def test_pages_prints_the_layout_models_count(tmp_path):
    import json

    from desktop.examples import example_names, load_example
    from desktop.layout import lay_out
    from desktop.project_file import save
    from desktop.render import render
    for name in example_names():
        doc = load_example(name)
        layout = lay_out(doc, render(doc))
        proc = run("pages", "--example", name)
        assert proc.returncode == 0, proc.stderr
        assert proc.stdout.strip() == str(layout.pages)
    save(load_example(example_names()[0]), tmp_path / "p.rdraft")
    proc = run("pages", str(tmp_path / "p.rdraft"), "--json")
    data = json.loads(proc.stdout)
    assert data["pages"] % 2 == 0 or data["imprint_page"] is None
    assert_one_line_error(run("pages", str(tmp_path / "missing.rdraft")), "missing.rdraft", "不存在")


def _printed(doc) -> str:
    from desktop.render import render
    return "\n".join(b.full_text for b in render(doc).blocks)


def test_replace_over_the_whole_document_as_ctrl_h(tmp_path):
    from desktop.project_file import load, save
    from desktop.starter import new_document
    doc = new_document("年度工作总结", 2026, "示范县教育局", "县教育局")
    before = _printed(doc)
    n = before.count("坚持")
    assert n >= 2
    save(doc, tmp_path / "p.rdraft")
    proc = run("replace", str(tmp_path / "p.rdraft"), "--find", "坚持", "--with", "始终坚持",
               "-o", str(tmp_path / "q.rdraft"))
    assert proc.returncode == 0, proc.stderr
    assert f"已替换 {n} 处" in proc.stdout
    after = _printed(load(tmp_path / "q.rdraft"))
    assert after.count("始终坚持") == n and after.replace("始终坚持", "坚持") == before
    assert _printed(load(tmp_path / "p.rdraft")) == before  # -o leaves the original alone


def test_freeze_turns_template_driven_sections_into_plain_text(tmp_path):
    from desktop import fields
    from desktop.project_file import load, save
    from desktop.starter import new_document
    doc = new_document("年度工作总结", 2026, "示范县教育局", "县教育局")
    assert any(s.template_text for s in doc.walk())
    save(doc, tmp_path / "p.rdraft")
    before = _printed(doc)
    proc = run("freeze", str(tmp_path / "p.rdraft"))
    assert proc.returncode == 0, proc.stderr
    frozen = load(tmp_path / "p.rdraft")
    assert not any(s.template_text for s in frozen.walk())
    assert all(isinstance(r, str) or isinstance(r, fields.Bold)
               for s in frozen.walk() for r in (fields.parse(s.body) or []))
    assert _printed(frozen) == before


def test_replace_and_freeze_refuse_bad_input_in_one_line(tmp_path):
    assert_one_line_error(run("replace", str(tmp_path / "none.rdraft"), "--find", "a", "--with", "b"),
                          "none.rdraft")
    from desktop.examples import load_example
    from desktop.project_file import save
    save(load_example("plan-county"), tmp_path / "p.rdraft")
    assert_one_line_error(run("freeze", str(tmp_path / "p.rdraft"), "--section", "nosuchid"),
                          "nosuchid")
    assert_one_line_error(run("replace", str(tmp_path / "p.rdraft"), "--find", "", "--with", "b"),
                          "查找内容不能为空")
