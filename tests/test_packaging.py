"""Packaging for office PCs: the one-folder PyInstaller build (built, then its
executable exports an example headless), the wheel, the offline wheelhouse
(installed with ``pip --no-index`` and no network) and the .deb."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document as DocxDocument

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def pyinstaller_dist(tmp_path_factory) -> Path:
    """The one-folder build, made once for the tests of this module."""
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("PyInstaller is required on CI (test extra)")
        pytest.skip("PyInstaller not installed")
    tmp = tmp_path_factory.mktemp("pyinstaller")
    dist, work = tmp / "dist", tmp / "build"
    build = subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR",
                            "--distpath", str(dist), "--workpath", str(work),
                            str(ROOT / "packaging" / "report-drafter.spec")],
                           capture_output=True, text=True, cwd=tmp, timeout=1800)
    assert build.returncode == 0, build.stderr[-3000:]
    return dist / "report-drafter"


@pytest.mark.slow
def test_pyinstaller_build_exports_headless(tmp_path, pyinstaller_dist):
    dist = pyinstaller_dist.parent
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
    templates, examples, rule files, phrases and the user guide."""
    wheel = build_wheel(tmp_path / "wheels")
    py = venv_with_wheel(tmp_path / "venv", wheel)
    env = clean_env(REPORT_DRAFTER_HOME=str(tmp_path / "home"))
    venv_dir = str(tmp_path / "venv")
    code = ("import desktop, desktop.paths as p, desktop.library as l, desktop.examples as e;"
            f"assert desktop.__file__.startswith({venv_dir!r}), desktop.__file__;"
            "assert p.guide_path().is_file() and (p.guide_path().parent / 'guide' / 'main.png').is_file();"
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


def _no_network_prefix() -> list[str]:
    """``unshare -n`` (a network namespace with no interface) where it works."""
    try:
        if subprocess.run(["unshare", "-n", "true"], capture_output=True, timeout=30).returncode == 0:
            return ["unshare", "-n"]
    except (OSError, subprocess.SubprocessError):
        pass
    return []


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
    build = subprocess.run([sys.executable, "-c", "import setuptools, wheel, sys; "
                            "sys.exit(int(setuptools.__version__.split('.')[0]) < 68)"],
                           capture_output=True)
    if build.returncode != 0:  # the project's wheel is built offline with these (pyproject)
        reason = f"{sys.executable} has no setuptools >= 68 and wheel: tools/setup.sh --test installs them"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
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


def _dpkg(root: Path, *args: str) -> subprocess.CompletedProcess:
    """dpkg on a scratch root: its own database; maintainer scripts run outside a
    chroot (the root has no shell) and see the root as $DPKG_ROOT; dependencies
    are the real system's business, not the scratch root's."""
    return subprocess.run(["dpkg", f"--root={root}", "--force-script-chrootless", "--force-depends",
                           "--force-not-root", *args], capture_output=True, text=True, timeout=600,
                          env=dict(clean_env(), PATH=os.environ.get("PATH", "/usr/bin:/bin")))


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="a .deb is for Linux office PCs")
def test_deb_installs_runs_headless_and_uninstalls_cleanly(tmp_path, pyinstaller_dist):
    import shutil
    if not shutil.which("dpkg-deb"):
        if os.environ.get("CI"):
            pytest.fail("dpkg-deb is required on CI (tools/setup.sh --test installs dpkg-dev)")
        pytest.skip("dpkg-deb not installed")
    out = tmp_path / "debs"
    build = subprocess.run(["bash", str(ROOT / "tools" / "build_deb.sh"), "--dist", str(pyinstaller_dist),
                            "-o", str(out)], capture_output=True, text=True, timeout=1200,
                           env=dict(os.environ, DEB_COMPRESS_LEVEL="1"))
    assert build.returncode == 0, build.stderr[-3000:]
    deb = Path(build.stdout.strip().splitlines()[-1])
    assert deb.is_file() and deb.name.startswith("report-drafter_") and deb.suffix == ".deb"

    info = subprocess.run(["dpkg-deb", "--info", str(deb)], capture_output=True, text=True, check=True).stdout
    assert "Package: report-drafter" in info and "Depends:" in info
    assert " postinst" in info and " postrm" in info
    contents = subprocess.run(["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True,
                              check=True).stdout
    for path in ("./opt/report-drafter/report-drafter", "./usr/bin/report-drafter",
                 "./usr/share/applications/report-drafter.desktop",
                 "./usr/share/mime/packages/report-drafter.xml",
                 "./usr/share/icons/hicolor/scalable/apps/report-drafter.svg",
                 "./usr/share/icons/hicolor/48x48/apps/report-drafter.png"):
        assert path in contents, path
    assert all(line.split()[1] == "root/root" for line in contents.splitlines())

    # Unpacked: the files as an office PC gets them
    x = tmp_path / "x"
    subprocess.run(["dpkg", "-x", str(deb), str(x)], check=True, timeout=600)
    desktop = (x / "usr/share/applications/report-drafter.desktop").read_text(encoding="utf-8")
    assert "Name[zh_CN]=年度总结·计划起草助手" in desktop
    assert "Categories=Office;" in desktop and "MimeType=application/x-report-drafter;" in desktop
    assert "Exec=report-drafter %f" in desktop and "Icon=report-drafter" in desktop
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(x / "usr/share/applications/report-drafter.desktop")],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stdout + check.stderr
    mime = (x / "usr/share/mime/packages/report-drafter.xml").read_text(encoding="utf-8")
    assert 'type="application/x-report-drafter"' in mime and 'pattern="*.rdraft"' in mime
    wrapper = (x / "usr/bin/report-drafter").read_text(encoding="utf-8")
    assert "exec /opt/report-drafter/report-drafter" in wrapper

    # Installed with dpkg into a scratch root, run headless from there
    root = tmp_path / "root"
    for d in ("var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers", "var/log"):
        (root / d).mkdir(parents=True)
    (root / "var/lib/dpkg/status").write_text("")
    # the system's own MIME database, as on every desktop (shared-mime-info)
    system_mime = Path("/usr/share/mime/packages/freedesktop.org.xml")
    if system_mime.is_file():
        (root / "usr/share/mime/packages").mkdir(parents=True)
        shutil.copy(system_mime, root / "usr/share/mime/packages" / system_mime.name)
    install = _dpkg(root, "--install", str(deb))
    assert install.returncode == 0, install.stdout + install.stderr
    listed = _dpkg(root, "--status", "report-drafter")
    assert "Status: install ok installed" in listed.stdout
    owned = [line for line in _dpkg(root, "--listfiles", "report-drafter").stdout.splitlines()
             if line.startswith("/")]
    exe = root / "opt/report-drafter/report-drafter"
    assert str(exe).endswith("/opt/report-drafter/report-drafter") and "/opt/report-drafter/report-drafter" in owned
    env = clean_env(REPORT_DRAFTER_HOME=str(tmp_path / "home"), HOME=str(tmp_path / "home"),
                    QT_QPA_PLATFORM="offscreen")
    docx_out = tmp_path / "out" / "计划.docx"
    run = subprocess.run([str(exe), "export", "--example", "plan-county", "-o", str(docx_out)],
                         capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "2027年教育工作计划" in "\n".join(p.text for p in DocxDocument(str(docx_out)).paragraphs)
    if shutil.which("update-mime-database") and system_mime.is_file():  # postinst ran it there
        globs = (root / "usr/share/mime/globs2").read_text(encoding="utf-8")
        assert "application/x-report-drafter:*.rdraft" in globs

    # Uninstalled: nothing the package owned is left, no cache still knows it
    purge = _dpkg(root, "--purge", "report-drafter")
    assert purge.returncode == 0, purge.stdout + purge.stderr
    assert "report-drafter" not in _dpkg(root, "--list").stdout.replace("dpkg-query", "")
    left = [p for p in owned if (root / p.lstrip("/")).exists() and not (root / p.lstrip("/")).is_dir()]
    assert left == []
    assert not (root / "opt/report-drafter").exists()
    for f in root.rglob("*"):
        if f.is_file() and "var/lib/dpkg" not in str(f) and "var/log" not in str(f):
            assert b"report-drafter" not in f.read_bytes(), f
    if system_mime.is_file():
        assert (root / "usr/share/mime/packages" / system_mime.name).is_file()  # the system's, kept
