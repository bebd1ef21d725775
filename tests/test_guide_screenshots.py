"""tools/guide_screenshots.py still runs and makes every picture of the
user guide (docs/用户指南.md), each of them more than a blank window."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path


ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "tools" / "guide_screenshots.py"


def _pictures() -> tuple[tuple[str, ...], tuple[str, ...]]:
    from tools import guide_screenshots
    return guide_screenshots.PICTURES, guide_screenshots.PDF_PICTURES


def _distinct_colours(path: Path) -> tuple[int, int, int]:
    from PySide6.QtGui import QImage
    image = QImage(str(path))
    assert not image.isNull(), f"{path.name} is not a readable image"
    w, h = image.width(), image.height()
    colours = {image.pixel(x * w // 23, y * h // 17) for x in range(23) for y in range(17)}
    return w, h, len(colours)


def test_guide_screenshots_are_made(tmp_path):
    pictures, pdf_pictures = _pictures()
    with_pdf = bool(shutil.which("soffice") or shutil.which("libreoffice")) \
        and bool(shutil.which("pdftoppm"))
    if os.environ.get("CI"):
        with_pdf = True  # CI installs LibreOffice and poppler: the PDF page must be made
    out = tmp_path / "guide"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    cmd = [sys.executable, str(SCRIPT), "-o", str(out)] + ([] if with_pdf else ["--no-pdf"])
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Traceback" not in proc.stderr
    expected = [p for p in pictures if with_pdf or p not in pdf_pictures]
    made = sorted(p.name for p in out.glob("*.png"))
    assert made == sorted(expected)
    for name in expected:
        path = out / name
        assert path.stat().st_size > 8000, f"{name} is suspiciously small"
        w, h, colours = _distinct_colours(path)
        assert w >= 400 and h >= 140, f"{name} is {w}×{h}"
        assert colours >= 4, f"{name} looks empty ({colours} colours)"


def test_the_guide_shows_every_picture():
    pictures, _ = _pictures()
    guide = (ROOT / "docs" / "用户指南.md").read_text(encoding="utf-8")
    shown = set(re.findall(r"\]\(guide/([\w.-]+\.png)\)", guide))
    assert shown == set(pictures)
    for name in pictures:
        assert (ROOT / "docs" / "guide" / name).is_file(), f"docs/guide/{name} is missing"
    assert "模板写法说明.md" in guide
    assert "rules.md" in guide
