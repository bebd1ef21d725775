"""Departments' drafts typed with different habits, written with python-docx.

A draft is given as an outline (``Item``: level, title, body paragraphs)
and written either with typed numbers (一、（一）1.（1）) or with Word's
automatic numbering (numbering.xml, the numbers not in the text), so the
tests know exactly which paragraphs each file holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

NSDECL = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_FORMS = {1: ("", "、"), 2: ("（", "）"), 3: ("", "."), 4: ("（", "）"), 5: ("", ")")}
_CN = "一二三四五六七八九十"


@dataclass
class Item:
    level: int
    title: str
    body: list[str] = field(default_factory=list)


def _number(level: int, n: int) -> str:
    prefix, suffix = _FORMS[level]
    digits = _CN[n - 1] if level in (1, 2) else str(n)
    return f"{prefix}{digits}{suffix}"


def _lvl(ilvl: int, fmt: str, text: str) -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>')


NUMBERING = (
    f"<w:numbering {NSDECL}>"
    '<w:abstractNum w:abstractNumId="0">'
    + _lvl(0, "chineseCounting", "%1、") + _lvl(1, "chineseCounting", "（%2）")
    + _lvl(2, "decimal", "%3.") + _lvl(3, "decimal", "（%4）") + _lvl(4, "decimal", "%5)")
    + "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    "</w:numbering>")


def write_draft(path, title: str, items: list[Item], *, preamble=(), closing=(),
                signature: str = "", date: str = "", auto: bool = False,
                heading_styles: bool = False) -> None:
    """Write a draft: centred title, preamble, the numbered outline, closing,
    then signature and date (right-aligned) when given."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml

    d = docx.Document()
    if auto:
        d.part.numbering_part._element = parse_xml(NUMBERING)
    d.add_paragraph(title).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in preamble:
        d.add_paragraph(text)
    counts: dict[int, int] = {}
    for it in items:
        counts[it.level] = counts.get(it.level, 0) + 1
        for deeper in [k for k in counts if k > it.level]:
            del counts[deeper]
        style = f"Heading {it.level}" if heading_styles and it.level <= 2 else None
        if auto:
            p = d.add_paragraph(it.title, style=style)
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {NSDECL}><w:ilvl w:val="{it.level - 1}"/><w:numId w:val="1"/></w:numPr>'))
        else:
            d.add_paragraph(_number(it.level, counts[it.level]) + it.title, style=style)
        for text in it.body:
            d.add_paragraph(text)
    for text in closing:
        d.add_paragraph(text)
    for text in (signature, date):
        if text:
            d.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.save(str(path))
