"""Offline: the wheelhouse route installs with ``pip --no-index`` and no network,
and no command ever opens a network connection (an office's 内网 has none)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv  # noqa: F401  (the test below makes virtual environments)
from pathlib import Path

import pytest
from docx import Document as DocxDocument

ROOT = Path(__file__).resolve().parents[1]

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


def _no_network_prefix() -> list[str]:
    """``unshare -n`` (a network namespace with no interface) where it works."""
    try:
        if subprocess.run(["unshare", "-n", "true"], capture_output=True, timeout=30).returncode == 0:
            return ["unshare", "-n"]
    except (OSError, subprocess.SubprocessError):
        pass
    return []


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


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="tools/wheelhouse.sh is a bash script")
def test_wheelhouse_installs_with_no_index_and_no_network(tmp_path):
    """tools/wheelhouse.sh gathers the wheels from local ones (no index), a new
    environment installs them with --no-index, with no network, and exports."""
    local = Path(os.environ.get("REPORT_DRAFTER_WHEELS", ROOT / ".wheelhouse"))
    if not any(local.glob("pyside6_essentials-*.whl")):
        if os.environ.get("CI"):
            pytest.fail(f"no local wheels in {local} (tools/setup.sh --test makes them)")
        pytest.skip(f"no local wheels in {local}: run tools/setup.sh --test")
    offline = _no_network_prefix()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "PIP_"))}
    # without a network namespace: any attempt to reach an index fails at once
    env.update(PIP_NO_INDEX="1", PIP_CONFIG_FILE=os.devnull, http_proxy="http://127.0.0.1:9",
               https_proxy="http://127.0.0.1:9", PIP_DISABLE_PIP_VERSION_CHECK="1",
               PYTHON=sys.executable, HOME=str(tmp_path / "home"))
    house = tmp_path / "wheelhouse"
    gather = subprocess.run([*offline, "bash", str(ROOT / "tools" / "wheelhouse.sh"), str(house),
                             "--no-index", "--find-links", str(local)], capture_output=True, text=True,
                            env=env, timeout=900)
    assert gather.returncode == 0, gather.stdout + gather.stderr
    names = sorted(p.name.lower() for p in house.glob("*.whl"))
    for dist in ("report_drafter-", "pyside6_essentials-", "python_docx-", "jinja2-", "openpyxl-",
                 "platformdirs-", "lxml-"):
        assert any(n.startswith(dist) for n in names), (dist, names)
    assert not any(n.startswith(("cn2an", "pytest", "pyinstaller")) for n in names), names

    target = tmp_path / "office-pc"
    subprocess.run([sys.executable, "-m", "venv", str(target)], check=True, timeout=300, env=env)
    py = target / "bin" / "python"
    install = subprocess.run([*offline, str(py), "-m", "pip", "install", "-q", "--no-index",
                              "--find-links", str(house), "report-drafter"],
                             capture_output=True, text=True, env=env, timeout=1200)
    assert install.returncode == 0, install.stdout + install.stderr
    out = tmp_path / "plan.docx"
    run = subprocess.run([*offline, str(target / "bin" / "report-drafter"), "export", "--example",
                          "plan-county", "-o", str(out)], capture_output=True, text=True,
                         env=dict(env, REPORT_DRAFTER_HOME=str(tmp_path / "rd")), cwd=tmp_path, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "2027年教育工作计划" in "\n".join(p.text for p in DocxDocument(str(out)).paragraphs)
