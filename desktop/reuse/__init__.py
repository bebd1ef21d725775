"""Reuse last year: outline recovery, roll forward, plan → summary, targets.

Entry points used by the CLI and the GUI:

- ``read_outline(path)`` → ``Recovered`` for .docx/.doc/.wps/.txt/.rdraft;
- ``read_text_outline(text)`` → ``Recovered`` of pasted text;
- ``read_paragraphs(path)`` → the document's paragraphs as typed
  (``paragraphs.TypedParagraph``: text, label, style, index);
- ``outline_json(path)`` → the dict of the CLI contract;
- ``import_document(path, year)`` → a new ``Document`` for that year;
- ``start_from(recovered, year, mode)`` → ``ImportResult`` (document +
  notes for review), used by the wizard.
"""

from __future__ import annotations

import os
from pathlib import Path  # noqa: F401  (public names of the reader)

from ..errors import DrafterError, ImportDocumentError  # noqa: F401
from .outline import Recovered, RSection

__all__ = ["read_outline", "read_text_outline", "read_paragraphs", "TypedParagraph", "outline_json", "import_document", "Recovered", "RSection",
           "start_from", "ImportResult", "MODES", "import_with_notes"]


def read_outline(path: str | os.PathLike) -> Recovered:
    from .reader import check_file, read_any
    kind = check_file(path)
    if kind == "rdraft":
        from ..project_file import load
        from .from_project import recovered_from_document
        return recovered_from_document(load(path))
    return read_any(path)


def read_text_outline(text: str) -> Recovered:
    from .reader import read_text
    return read_text(text)


def read_paragraphs(path: str | os.PathLike):
    from .paragraphs import read_paragraphs as _read
    return _read(path)


from .paragraphs import TypedParagraph  # noqa: E402


def outline_json(path: str | os.PathLike) -> dict:
    return read_outline(path).to_json()


def load_source(path: str | os.PathLike):
    """(Recovered, source Document or None): a project keeps its figures."""
    from .reader import check_file
    if check_file(path) == "rdraft":
        from ..project_file import load
        from .from_project import recovered_from_document
        doc = load(path)
        return recovered_from_document(doc), doc
    return read_outline(path), None


def __getattr__(name: str):
    """Roll forward (start_from, ImportResult, MODES) is imported on first use:
    ``outline`` does not need it (start-up cost)."""
    if name in ("MODES", "ImportResult", "start_from"):
        from . import rollforward
        return getattr(rollforward, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def import_with_notes(path: str | os.PathLike, year: int, mode: str | None = None):
    """(→ rollforward.ImportResult)"""
    from .rollforward import start_from
    rec, source = load_source(path)
    return start_from(rec, year, mode=mode, source=source)


def import_document(path: str | os.PathLike, year: int, mode: str | None = None):
    return import_with_notes(path, year, mode).document
