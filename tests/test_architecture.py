"""The headless core never imports Qt: an import-linter contract.  No module
is over 600 lines.  The tests and benchmarks import their helpers as
packages, never through ``sys.path``."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_import_linter_contract_holds():
    lint = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    proc = subprocess.run([lint, "--no-cache"], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "KEPT" in proc.stdout and "BROKEN" not in proc.stdout


def test_every_core_module_is_under_the_contract():
    """A new module in desktop/ must be added to the contract's list."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    core = sorted(p.stem if p.is_file() else p.name
                  for p in (ROOT / "desktop").iterdir()
                  if (p.suffix == ".py" and p.stem not in ("__init__", "__main__", "cli"))
                  or (p.is_dir() and (p / "__init__.py").exists() and p.name != "ui"))
    missing = [name for name in core if f'"desktop.{name}"' not in text]
    assert not missing, f"add to [tool.importlinter] source_modules: {missing}"


MAX_MODULE_LINES = 600


def test_no_module_is_over_600_lines():
    """A module that grows past this is split by what its parts hold (issue 15)."""
    long = {str(path.relative_to(ROOT)): n for path in sorted((ROOT / "desktop").rglob("*.py"))
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long, f"modules over {MAX_MODULE_LINES} lines: {long}"


# sys.path changed in place: insert/append/extend/remove, slice assignment, +=
SYS_PATH_EDIT = re.compile(r"\bsys\.path\s*(\.\s*(insert|append|extend|remove)\s*\(|\[[^\]]*\]\s*=[^=]|\+=)")


def test_sys_path_edit_pattern_finds_what_it_should():
    p = "sys" + ".path"  # spelled apart: this file is scanned too
    edits = [f"{p}.insert(0, ROOT)", f"{p}.append(str(here))", f"{p} .extend(dirs)", f"{p}[:0] = [ROOT]",
             f"{p} += [ROOT]", f'code = "import sys; {p}.insert(0, %r)"']
    reads = [f"env = [str(ROOT)] + {p}", f"if {p}[0] == ROOT:", f"print({p})", "sys.pathlib_thing = 1"]
    assert all(SYS_PATH_EDIT.search(line) for line in edits)
    assert not any(SYS_PATH_EDIT.search(line) for line in reads)


def test_no_sys_path_edits_in_tests_or_benchmarks():
    """Helpers are imported by name (tests.tooling, benchmarks.sample_documents …;
    pytest's ``pythonpath`` puts the repository root first), subprocesses get
    the root as their working folder or PYTHONPATH."""
    found = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
             for folder in ("tests", "benchmarks")
             for path in sorted((ROOT / folder).rglob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if SYS_PATH_EDIT.search(line)]
    assert not found, "import helpers as packages instead:\n" + "\n".join(found)


def test_no_nested_event_loop_waits_for_work():
    """Work runs off the UI thread and the window goes on in a continuation
    (``BusyState.run``, ``workers.Task``): no code waits in an event loop
    of its own (modal dialogs aside)."""
    found = [f"{p.relative_to(ROOT)}:{n}" for p in sorted((ROOT / "desktop").rglob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if "QEventLoop" in line]
    assert not found, found
