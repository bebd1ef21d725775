"""The headless core never imports Qt: an import-linter contract."""

from __future__ import annotations

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


def test_no_nested_event_loop_waits_for_work():
    """Work runs off the UI thread and the window goes on in a continuation
    (``BusyState.run``, ``workers.Task``): no code waits in an event loop
    of its own (modal dialogs aside)."""
    found = [f"{p.relative_to(ROOT)}:{n}" for p in sorted((ROOT / "desktop").rglob("*.py"))
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if "QEventLoop" in line]
    assert not found, found
