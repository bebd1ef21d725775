"""The names a new file is offered under: the document's title, in the folder
used last — for saving the project (.rdraft) and for exporting (.docx)."""

from __future__ import annotations

import re
from pathlib import Path

from ..render import render


def safe_name(text: str) -> str:
    """A file name from text: no characters Windows refuses, at most 80."""
    text = re.sub(r'[\\/:*?"<>|\r\n\t]+', "", text).strip().strip(".")
    return text[:80]


def document_stem(doc) -> str:
    """“某某县教育局2026年工作总结” — the printed title, else the kind."""
    try:
        title = next((b.text for b in render(doc).blocks if b.role == "title"), "")
    except Exception:  # a broken template must not stop a dialog
        title = ""
    return safe_name(title) or safe_name(doc.properties.kind) or "未命名文档"


def suggested_path(session, folder: str | Path | None, suffix: str) -> Path:
    """The project's own path with ``suffix`` when it has one, else the title
    in ``folder`` (the last-used folder) or the home folder."""
    if session.path:
        return Path(session.path).with_suffix(suffix)
    base = Path(folder) if folder and Path(folder).is_dir() else Path.home()
    return base / f"{document_stem(session.document)}{suffix}"
