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


RUNTIME_MODULES = ("PySide6", "shiboken6", "docx", "lxml", "jinja2", "markupsafe", "openpyxl",
                   "et_xmlfile", "platformdirs", "typing_extensions")


def clean_env(**extra) -> dict:
    """The environment without PYTHONPATH & co: a venv sees only what is installed in it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env.update(extra)
    return env


def build_wheel(dest: Path) -> Path:
    """The project's wheel, with the build tools already installed when they can
    build it (no network), else in pip's isolated build environment."""
    for isolation in (["--no-build-isolation"], []):
        build = subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", *isolation,
                                "-w", str(dest), str(ROOT)], capture_output=True, text=True,
                               timeout=600)
        if build.returncode == 0:
            break
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = dest.glob("report_drafter-*.whl")
    return wheel


def venv_with_wheel(path: Path, wheel: Path) -> Path:
    """A new virtual environment (no system site-packages) with ``wheel`` installed,
    whose only view of the running environment is then the folders holding the
    application's dependencies (a .pth file, added after the install so that pip
    does not take an installation seen there for this one): the package itself
    comes from the wheel, whether these tests run from .venv, pyenv or a system
    Python."""
    import importlib.util
    subprocess.run([sys.executable, "-m", "venv", str(path)], check=True, timeout=300)
    py = path / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", str(wheel)],
                   check=True, timeout=300, capture_output=True, env=clean_env())
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                             check=True, capture_output=True, text=True).stdout.strip()
    folders = set()
    for name in RUNTIME_MODULES:
        spec = importlib.util.find_spec(name)
        if spec is None or not spec.origin:
            pytest.fail(f"dependency {name} is not installed in {sys.prefix}")
        origin = Path(spec.origin)
        folders.add(str(origin.parent.parent if origin.name == "__init__.py" else origin.parent))
    Path(purelib, "report_drafter_test_deps.pth").write_text("\n".join(sorted(folders)) + "\n")
    return py


@pytest.mark.slow
def test_wheel_carries_templates_and_resources(tmp_path):
    """An office PC installs from a wheelhouse: the wheel alone must hold the
    templates, examples, rule files and phrases."""
    wheel = build_wheel(tmp_path / "wheels")
    py = venv_with_wheel(tmp_path / "venv", wheel)
    env = clean_env(REPORT_DRAFTER_HOME=str(tmp_path / "home"))
    venv_dir = str(tmp_path / "venv")
    code = ("import desktop, desktop.paths as p, desktop.library as l, desktop.examples as e;"
            f"assert desktop.__file__.startswith({venv_dir!r}), desktop.__file__;"
            "print(len(l.Library().all()), e.example_names(), (p.resources_dir() / 'rules').is_dir())")
    proc = subprocess.run([str(py), "-c", code], capture_output=True, text=True, env=env,
                          cwd=tmp_path, timeout=120)
    assert proc.returncode == 0, proc.stderr
    count, rest = proc.stdout.split(" ", 1)
    assert int(count) >= 20
    assert "plan-county" in rest and rest.strip().endswith("True")
    out = tmp_path / "plan.docx"
    export = subprocess.run([str(py), "-m", "desktop.cli", "export", "--example", "plan-county",
                             "-o", str(out)], capture_output=True, text=True, env=env, cwd=tmp_path,
                            timeout=300)
    assert export.returncode == 0, export.stderr
    assert "2027年教育工作计划" in "\n".join(p.text for p in DocxDocument(str(out)).paragraphs)
