"""A .docx read back for proofreading, as it stands (nothing rolled forward).

The outline is recovered by ``desktop.reuse``; its written numbers are kept
so the numbering check can compare them with the document's mode.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DrafterError
from ..model import KINDS, Document, Properties, Section, Settings
from ..reuse.rollforward import escape_template as _escape
from ..reuse.rollforward import guess_kind as _guess_kind


def _guess_year(rec) -> int | None:
    try:
        from ..reuse.rollforward import source_year
        return source_year(rec)
    except ImportError:  # pragma: no cover - reuse always ships with the core
        return None


def document_from_recovered(rec, year: int | None = None):
    """(Document, (sections, {id(RSection): section id}))."""
    kind = _guess_kind(rec.title)
    y = year or _guess_year(rec) or 0
    props = Properties(kind=kind if kind in KINDS else "年度工作总结", year=y,
                       title=_escape(rec.title), recipients=rec.recipients,
                       header_text=rec.header_text, red_header=bool(rec.header_text),
                       doc_number=rec.doc_number, signature=rec.signature, date=rec.date,
                       note=rec.note, attachments=list(rec.attachments), cc=list(rec.cc),
                       printer=rec.printer, print_date=rec.print_date,
                       preamble="\n".join(_escape(x) for x in rec.preamble),
                       closing="\n".join(_escape(x) for x in rec.closing),
                       as_notice=rec.as_notice, notice_title=_escape(rec.notice_title),
                       notice_body="\n".join(_escape(x) for x in rec.notice_body))
    ids: dict[int, str] = {}

    def convert(items, parent_level: int) -> list[Section]:
        out = []
        for r in items:
            level = max(min(r.level, 4), parent_level + 1)
            s = Section(title=_escape(r.title), body="\n".join(_escape(b) for b in r.body),
                        level=min(level, 4), run_in=r.run_in, origin="imported")
            ids[id(r)] = s.id
            s.children = convert(r.children, s.level)
            out.append(s)
        return out

    doc = Document(properties=props, sections=convert(rec.sections, 0),
                   settings=Settings(numbering_mode=rec.numbering_mode or "per_parent"))
    return doc, (rec.sections, ids)


def read_for_check(path: Path, year: int | None = None):
    """(Document, outline or None) for a .docx (or .doc/.wps, converted
    through LibreOffice by ``desktop.reuse``)."""
    try:
        from ..reuse.reader import check_file, read_any
    except ImportError:
        read_any = None
    if read_any is not None:
        if check_file(path) == "rdraft":
            raise DrafterError("不是 Word 文档", path=str(path))
        rec = read_any(path)
        doc, outline = document_from_recovered(rec, year)
        if not doc.properties.year:
            raise DrafterError("无法从文档标题判断年份，请用 --year 指定", path=str(path))
        return doc, outline
    try:
        from ..reuse import read_docx  # a reader giving a Document directly
    except ImportError:
        raise DrafterError("暂不能校对 Word 文档（文档读取模块不可用）", path=str(path)) from None
    result = read_docx(path)
    if not isinstance(result, Document):
        raise DrafterError("暂不能校对 Word 文档（文档读取模块不可用）", path=str(path))
    if year is not None:
        result.properties.year = year
    return result, None
