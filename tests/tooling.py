"""Shared test helpers (a plain module: ``conftest`` is ambiguous as an import
name once tests/ui has its own conftest.py; the one fixture here, ``saved_project``,
is registered by tests/conftest.py).

File faults — a full disk, no permission, a file another program holds open
(as Windows reports it: PermissionError 13 from ``os.replace`` or ``open``) —
are simulated by patching the os calls: the tests run as root here, so
``chmod`` cannot block a write.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import NamedTuple

import pytest

from desktop.examples import load_example
from desktop.model import Document
from desktop.project_file import save


def require_tool(name: str) -> str:
    """Path of an external tool; skip without it, but fail when CI is set."""
    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail(f"{name} is required on CI but was not found")
    pytest.skip(f"{name} not installed")


class FullDisk:
    """A file object that takes ``room`` bytes and then fails with ENOSPC."""

    def __init__(self, fh, room: int):
        self.fh, self.room = fh, room

    def write(self, data):
        if len(data) > self.room:
            self.fh.write(data[:self.room])
            self.room = 0
            raise OSError(errno.ENOSPC, "No space left on device")
        self.room -= len(data)
        return self.fh.write(data)

    def __getattr__(self, name):
        return getattr(self.fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.fh.close()


def disk_full_after(monkeypatch, room: int = 100) -> None:
    """Every file opened through ``os.fdopen`` (atomic writes) fills the disk after ``room`` bytes."""
    real = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: FullDisk(real(fd, *a, **k), room))


def refuse_replace(monkeypatch, target: Path, exc: OSError | None = None) -> list[tuple]:
    """``os.replace`` onto ``target`` fails (by default as Windows fails it for a
    file another program holds open); returns the refused calls, as they come."""
    real = os.replace
    calls: list[tuple] = []

    def replace(src, dst, *a, **k):
        if Path(dst) == Path(target):
            calls.append((src, dst))
            raise exc or PermissionError(errno.EACCES, "Permission denied", str(dst))
        return real(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", replace)
    return calls


def refuse_reading(monkeypatch, target: Path, exc: OSError | None = None) -> None:
    """``Path.read_bytes`` of ``target`` fails (by default: no permission)."""
    real = Path.read_bytes

    def read_bytes(self):
        if self == target:
            raise exc or PermissionError(errno.EACCES, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def temp_files(folder: Path) -> list[str]:
    """The temporary files an atomic write would leave behind in ``folder``."""
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp") or ".tmp." in p.name]


@pytest.fixture
def saved_project(tmp_path) -> tuple[Path, bytes, bytes, Document]:
    """A project saved twice, so it has a backup: (path, its bytes, the backup's bytes, document)."""
    doc = load_example("plan-county")
    path = tmp_path / "计划.rdraft"
    save(doc, path)
    doc.sections[0].title = "第二次保存"
    save(doc, path)  # now path.bak holds the first save
    return path, path.read_bytes(), Path(str(path) + ".bak").read_bytes(), doc


def assert_intact(path: Path, data: bytes, bak: bytes) -> None:
    """The project and its backup are byte for byte as before, no temporary file left."""
    assert path.read_bytes() == data
    assert Path(str(path) + ".bak").read_bytes() == bak
    assert temp_files(path.parent) == []


class PdfLine(NamedTuple):
    """One text line of a rendered page, as pdftotext -bbox-layout gives it (points)."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    words: list[tuple[float, float, str]]  # (xMin, xMax, text) of each word


_LINE = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                   r'yMax="([\d.]+)">(.*?)</line>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>')


def pdf_page_lines(pdf: Path) -> list[list[PdfLine]]:
    """Per page, the text lines of a PDF with their boxes (pdftotext -bbox-layout)."""
    html = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = []
    for page in html.split("<page")[1:]:
        lines = []
        for m in _LINE.finditer(page):
            words = [(float(a), float(b), t) for a, b, t in _WORD.findall(m.group(5))]
            lines.append(PdfLine(float(m.group(1)), float(m.group(2)), float(m.group(3)),
                                 float(m.group(4)), "".join(t for _, _, t in words), words))
        pages.append(lines)
    return pages
