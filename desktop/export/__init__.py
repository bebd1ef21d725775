"""RenderedDocument → .docx (and PDF) in the official format (GB/T 9704-2012).

The one export path: ``export(doc, path, pdf=False, rendered=None)`` is
what the CLI, the window's export dialog and the tests call.

Layers, the python-docx way:

- ``oxml``: raw WordprocessingML element builders in schema order;
- ``styles``: docDefaults, the named paragraph styles (公文正文, 公文标题 …)
  and the theme fonts; ``section``: page geometry, grid, footers;
- ``paragraphs``: a role → paragraph builder table;
- ``package``: the .docx package itself, written with zipfile + lxml from
  python-docx's default template parts (python-docx is not imported);
- ``desktop.layout``: how every block is set and where the pages break
  (the same model the preview and ``report-drafter pages`` use).

Every format number comes from ``desktop.gbt9704``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..errors import ExportError
from ..fileio import atomic_write, os_error_reason, writable_problem

if TYPE_CHECKING:
    from ..model import Document
    from ..render import RenderedDocument

__all__ = ["ExportResult", "build_docx", "export", "export_docx"]


def build_docx(doc: Document, rendered: RenderedDocument | None = None) -> bytes:
    """The .docx file's bytes (refuses a document whose render has errors).
    The layout and package code is imported here, on the first export."""
    from .document import build_docx as build
    return build(doc, rendered)


def export_docx(doc: Document, path: str | os.PathLike, *,
                rendered: RenderedDocument | None = None) -> Path:
    """Export ``doc`` to ``path`` in the official format; returns the path
    (``export`` without the PDF)."""
    return export(doc, path, rendered=rendered).docx


@dataclass
class ExportResult:
    docx: Path
    pdf: Path | None = None
    pdf_error: str = ""  # the .docx was written but the PDF was not


def export(doc: Document, path: str | os.PathLike, *, pdf: bool = False,
           rendered: RenderedDocument | None = None,
           progress: Callable[[str], None] | None = None) -> ExportResult:
    """Export ``doc`` to ``path`` in the official format and, with ``pdf``, a
    PDF beside it (LibreOffice).  ``rendered`` is ``render(doc)`` when the
    caller has it already (the window's live render); ``progress`` hears
    what is being done, in words for a status line.

    Raises ExportError for a document with render errors (naming the section
    and the error) or a target that cannot be written (the existing file, if
    any, is left as it was).  A PDF that cannot be made is not an error:
    ``pdf_error`` says why."""
    say = progress or (lambda text: None)
    target = Path(path)
    problem = writable_problem(target)
    if problem:
        raise ExportError(f"无法导出：{problem}，原文件未改动" if target.exists()
                          else f"无法导出：{problem}", path=str(target))
    say("正在生成 Word 文档…")
    try:
        data = build_docx(doc, rendered)
    except ExportError as e:
        if e.path is None:
            e.path = str(target)
        raise
    say("正在保存…")
    try:
        atomic_write(target, data, backup=False)
    except OSError as e:
        raise ExportError(f"无法写入：{os_error_reason(e)}，原文件未改动", path=str(target)) from None
    result = ExportResult(target)
    if pdf:
        say("正在生成 PDF（LibreOffice）…")
        from ..office import convert_to_pdf
        try:
            result.pdf = convert_to_pdf(target, target.parent)
        except ExportError as e:
            result.pdf_error = e.message
    return result
