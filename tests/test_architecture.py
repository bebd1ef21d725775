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
