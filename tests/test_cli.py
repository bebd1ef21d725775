"""The CLI contract: one-line errors with exit 2, headless without Qt, and
no command ever opens a network connection (an office's 内网 has none).

File faults (a full disk, a target open in Word/WPS, an unreadable sheet)
are simulated by patching the os calls and running ``cli.main`` in this
process: the tests run as root here, so ``chmod`` cannot block a write.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import cli
from desktop.file_lock import ProjectLock
from tests.tooling import assert_intact, disk_full_after, refuse_reading, refuse_replace

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


# -- file faults: one line, exit 2, earlier files untouched ------------------------------------
def one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith("错误：") and "\n" not in err, err
    return err


def test_cli_export_disk_full(tmp_path, monkeypatch, capsys):
    out = tmp_path / "计划.docx"
    assert cli.main(["export", "--example", "plan-county", "-o", str(out)]) == 0
    data = out.read_bytes()
    capsys.readouterr()
    disk_full_after(monkeypatch, room=1000)
    assert cli.main(["export", "--example", "plan-county", "-o", str(out)]) == 2
    assert "磁盘空间不足" in one_line_error(capsys)
    assert out.read_bytes() == data


def test_cli_export_target_open_in_word(tmp_path, monkeypatch, capsys):
    out = tmp_path / "计划.docx"
    out.write_bytes(b"earlier")
    refuse_replace(monkeypatch, out)
    assert cli.main(["export", "--example", "plan-county", "-o", str(out)]) == 2
    assert "Word/WPS" in one_line_error(capsys)
    assert out.read_bytes() == b"earlier"


def test_cli_import_save_refused(tmp_path, monkeypatch, capsys, saved_project):
    path, data, bak, _ = saved_project
    src = tmp_path / "去年.docx"
    assert cli.main(["export", "--example", "plan-county", "-o", str(src)]) == 0
    capsys.readouterr()
    refuse_replace(monkeypatch, path)
    assert cli.main(["import", str(src), "--year", "2026", "-o", str(path)]) == 2
    assert "原文件未改动" in one_line_error(capsys)
    assert_intact(path, data, bak)


def test_cli_import_onto_a_project_open_in_a_window(tmp_path, capsys, saved_project):
    path, data, bak, _ = saved_project
    src = tmp_path / "去年.docx"
    cli.main(["export", "--example", "plan-county", "-o", str(src)])
    capsys.readouterr()
    lock = ProjectLock(path)
    assert lock.acquire() is None
    try:
        assert cli.main(["import", str(src), "--year", "2026", "-o", str(path)]) == 2
        assert "正由" in one_line_error(capsys)
        assert_intact(path, data, bak)
    finally:
        lock.release()
    assert cli.main(["import", str(src), "--year", "2026", "-o", str(path)]) == 0


def test_cli_figures_unreadable(tmp_path, monkeypatch, capsys):
    tpl = tmp_path / "t.j2"
    tpl.write_text("{{ fig.报考人数 }}", encoding="utf-8")
    csv = tmp_path / "f.csv"
    csv.write_text("指标,单位,上年,本年\n报考人数,人,300,327\n", encoding="utf-8")
    refuse_reading(monkeypatch, csv)
    assert cli.main(["render", str(tpl), "--figures", str(csv)]) == 2
    assert "没有读取权限" in one_line_error(capsys)


# -- no network ---------------------------------------------------------------------------------
# Any socket other than a local (AF_UNIX) one, any name lookup: recorded and refused.
GUARD = r'''
import json, os, socket, sys
LOG = os.environ["NET_GUARD_LOG"]
def hook(event, args):
    if event == "socket.__new__" and args[1] in (socket.AF_UNIX, -1):
        return
    if event.startswith("socket.") or event in ("urllib.Request", "http.client.connect"):
        with open(LOG, "a", encoding="utf-8") as fh:
            fh.write(json.dumps([event, repr(args)]) + "\n")
        raise OSError(f"network use refused in this test: {event}")
sys.addaudithook(hook)
from desktop.cli import main
sys.exit(main(sys.argv[1:]))
'''


def test_no_command_opens_a_network_connection(tmp_path):
    log = tmp_path / "net.log"
    home = tmp_path / "home"
    env = dict(os.environ, NET_GUARD_LOG=str(log), REPORT_DRAFTER_HOME=str(home), HOME=str(home),
               PYTHONPATH=os.pathsep.join([str(ROOT)] + sys.path))
    out = tmp_path / "plan.docx"
    project = tmp_path / "new.rdraft"
    figures = tmp_path / "figs.csv"
    figures.write_text("名称,单位,上年,本年\n招生人数,人,100,120\n", encoding="utf-8")
    template = tmp_path / "t.j2"
    template.write_text("招生{{ fig.招生人数 }}，{{ fig.招生人数.change }}。", encoding="utf-8")
    commands = [["examples"], ["export", "--example", "plan-county", "-o", str(out)],
                ["outline", str(out), "--json"], ["import", str(out), "--year", "2028", "-o", str(project)],
                ["check", str(project), "--json"], ["check", str(out)],
                ["export", str(project), "-o", str(tmp_path / "again.docx")],
                ["render", str(template), "--figures", str(figures)]]
    for argv in commands:
        proc = subprocess.run([sys.executable, "-c", GUARD, *argv], capture_output=True, text=True,
                              env=env, cwd=tmp_path, timeout=300)
        assert proc.returncode in (0, 1), (argv, proc.stderr)  # check: 1 = errors found
        assert "network use refused" not in proc.stderr, (argv, proc.stderr)
    assert not log.exists(), log.read_text(encoding="utf-8")
    assert json.loads(subprocess.run([sys.executable, "-c", GUARD, "outline", str(out), "--json"],
                                     capture_output=True, text=True, env=env,
                                     timeout=300).stdout)["sections"]


def test_the_guard_sees_a_connection(tmp_path):
    """The guard above is not blind: code that does reach for the network is caught."""
    log = tmp_path / "net.log"
    code = GUARD.replace("from desktop.cli import main\nsys.exit(main(sys.argv[1:]))",
                         "import urllib.request\nurllib.request.urlopen('http://127.0.0.1:9/', timeout=1)")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=dict(os.environ, NET_GUARD_LOG=str(log)), timeout=60)
    assert proc.returncode != 0 and "network use refused" in proc.stderr
    assert log.read_text(encoding="utf-8").strip()
