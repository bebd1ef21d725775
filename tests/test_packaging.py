"""The one-folder PyInstaller build: built, then its executable exports an example headless."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document as DocxDocument

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_pyinstaller_build_exports_headless(tmp_path):
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("PyInstaller is required on CI (test extra)")
        pytest.skip("PyInstaller not installed")
    dist, work = tmp_path / "dist", tmp_path / "build"
    build = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
                            "--distpath", str(dist), "--workpath", str(work),
                            str(ROOT / "packaging" / "report-drafter.spec")],
                           capture_output=True, text=True, cwd=tmp_path, timeout=1200)
    assert build.returncode == 0, build.stderr[-3000:]
    exe = dist / "report-drafter" / ("report-drafter.exe" if os.name == "nt" else "report-drafter")
    assert exe.is_file()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["REPORT_DRAFTER_HOME"] = str(tmp_path / "home")
    listed = subprocess.run([str(exe), "examples"], capture_output=True, text=True, env=env,
                            cwd=tmp_path, timeout=120)
    assert listed.returncode == 0, listed.stderr
    assert "plan-county\t" in listed.stdout
    out = tmp_path / "out" / "plan.docx"
    export = subprocess.run([str(exe), "export", "--example", "plan-county", "-o", str(out)],
                            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert export.returncode == 0, export.stderr
    text = "\n".join(p.text for p in DocxDocument(str(out)).paragraphs)
    assert "2027年教育工作计划" in text and "三、" in text
    bad = subprocess.run([str(exe), "export", str(tmp_path / "none.rdraft"), "-o", str(out)],
                         capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120)
    assert bad.returncode == 2 and len(bad.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_wheel_carries_templates_and_resources(tmp_path):
    """An office PC installs from a wheelhouse: the wheel alone must hold the
    templates, examples, rule files, phrases and the user guide."""
    wheels = tmp_path / "wheels"
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels),
                            str(ROOT)], capture_output=True, text=True, timeout=600)
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = wheels.glob("report_drafter-*.whl")
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True,
                   timeout=300)
    py = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                   check=True, timeout=300, capture_output=True)
    env = dict(os.environ, REPORT_DRAFTER_HOME=str(tmp_path / "home"))
    code = ("import desktop, desktop.paths as p, desktop.library as l, desktop.examples as e;"
            "assert 'site-packages' in desktop.__file__, desktop.__file__;"
            "assert p.guide_path().is_file() and (p.guide_path().parent / 'guide' / 'main.png').is_file();"
            "print(len(l.Library().all()), e.example_names(), (p.resources_dir() / 'rules').is_dir())")
    proc = subprocess.run([str(py), "-c", code], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    count, rest = proc.stdout.split(" ", 1)
    assert int(count) >= 20
    assert "plan-county" in rest and rest.strip().endswith("True")
