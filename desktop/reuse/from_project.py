"""A project (.rdraft or an in-memory Document) seen as a recovered outline.

The project is rendered (``desktop.render``) so numbers and text are
exactly what the exported .docx would print.
"""

from __future__ import annotations

from ..model import Document, Section
from ..render import CLOSING, PREAMBLE, render
from .outline import Recovered, RSection, detect_numbering_mode


def _bare(path: str) -> str:
    return path.rsplit("/", 1)[-1]


def recovered_from_document(doc: Document) -> Recovered:
    out = render(doc)
    p = doc.properties
    rec = Recovered()
    by_section: dict[str, list] = {}
    for b in out.blocks:
        by_section.setdefault(b.section_id, []).append(b)
        if b.role == "title":
            rec.title = b.text
        elif b.role == "recipients" or b.role == "notice_recipients":
            rec.recipients = b.text.rstrip("：:")
        elif b.role == "notice_title":
            rec.notice_title = b.text
        elif b.role == "notice_body":
            rec.notice_body.append(b.text)
        elif b.role == "red_header":
            rec.header_text = b.text
        elif b.role == "doc_number":
            rec.doc_number = b.text
        elif b.role in ("signature", "notice_signature"):
            rec.signature = b.text
    rec.as_notice = p.as_notice
    rec.date = p.date
    rec.note = p.note.strip().strip("（）()")
    rec.attachments = [a.strip() for a in p.attachments if a.strip()]
    if p.as_notice:
        rec.notice_attachments = list(rec.attachments)  # the export lists them in the notice
    rec.cc = [c.strip() for c in p.cc if c.strip()]
    rec.printer = p.printer.strip()
    rec.print_date = p.print_date
    rec.preamble = [b.text for b in by_section.get(PREAMBLE, []) if b.role == "body"]
    rec.closing = [b.text for b in by_section.get(CLOSING, []) if b.role == "body"]

    def convert(s: Section) -> RSection:
        blocks = by_section.get(s.id, [])
        head = next((b for b in blocks if b.role.startswith("heading")), None)
        number = _bare(out.paths.get(s.id, ""))
        title = head.title if head else s.title
        if title.endswith("。"):
            title = title[:-1]
        body = []
        if head is not None and head.run_in and head.text:
            body.append(head.text)
        body.extend(b.text for b in blocks if b.role == "body")
        try:
            value = int(number) if number.isdigit() else None
        except ValueError:
            value = None
        r = RSection(level=s.level, number=number, title=title, body=body,
                     run_in=bool(head and head.run_in), value=value, style_form=s.number_style)
        r.children = [convert(c) for c in s.children]
        return r

    rec.sections = [convert(s) for s in doc.sections]
    rec.numbering_mode = doc.settings.numbering_mode or detect_numbering_mode(rec.sections)
    return rec
