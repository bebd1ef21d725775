"""The text proofreading reads: one ``Unit`` per printed paragraph.

Units come from the ``RenderedDocument`` so findings agree with what is
exported.  A heading gives a title unit (paragraph -1, text without the
generated number) and, when run in, its first body paragraph (paragraph 0).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..render import CLOSING, PREAMBLE, PROPERTIES, RenderedDocument

# property blocks worth proofreading, role → property field
PROPERTY_ROLES = {"title": "title", "recipients": "recipients", "notice_title": "notice_title",
                  "notice_recipients": "recipients", "notice_body": "notice_body",
                  "attachment": "attachments", "signature": "signature",
                  "notice_signature": "signature", "note": "note", "cc": "cc"}
# 发文字号 and 成文日期 are read from the properties themselves (see engine)


@dataclass
class Unit:
    text: str
    section_id: str
    section: str  # numbered path, "" outside sections
    paragraph: int  # -1 for a title line
    field: str  # "title" / "body" for sections and the title; property names
    role: str
    level: int = 0

    @property
    def is_heading(self) -> bool:
        return self.paragraph == -1 and self.section_id not in (PROPERTIES, PREAMBLE, CLOSING)

    @property
    def is_body(self) -> bool:
        return self.role in ("body", "notice_body") or (self.role.startswith("heading")
                                                          and self.paragraph >= 0)


def units(rendered: RenderedDocument) -> list[Unit]:
    out: list[Unit] = []
    for b in rendered.blocks:
        if b.role == "page_break":
            continue
        if b.role.startswith("heading"):
            out.append(Unit(b.title, b.section_id, b.path, -1, "title", b.role, b.level))
            if b.run_in and b.text:
                out.append(Unit(b.text, b.section_id, b.path, 0, "body", b.role, b.level))
        elif b.section_id in (PREAMBLE, CLOSING):
            out.append(Unit(b.text, b.section_id, "", b.paragraph, "body", b.role))
        elif b.section_id == PROPERTIES:
            fld = PROPERTY_ROLES.get(b.role)
            if fld is None:
                continue
            paragraph = -1 if b.role == "title" else b.paragraph
            out.append(Unit(b.text, PROPERTIES, "", paragraph, fld, b.role))
        else:
            out.append(Unit(b.text, b.section_id, b.path, b.paragraph, "body", b.role, b.level))
    return out
