"""Builders for the .docx fixtures of the reuse tests.

Documents are written with python-docx; automatic numbering is raw
numbering.xml, and tracked changes raw paragraph XML, so the tests control
exactly what Word would have written.
"""

from __future__ import annotations

from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import qn

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = f'xmlns:w="{W_NS}"'


def lvl_xml(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}<w:lvlJc w:val="left"/></w:lvl>')


def numbering_xml(abstracts: dict[int, list[str]], nums: dict[int, tuple[int, str]]) -> str:
    """abstracts: id → [lvl xml]; nums: numId → (abstractId, override xml)."""
    parts = [f"<w:numbering {NSDECL}>"]
    for aid, levels in abstracts.items():
        parts.append(f'<w:abstractNum w:abstractNumId="{aid}">{"".join(levels)}</w:abstractNum>')
    for nid, (aid, override) in nums.items():
        parts.append(f'<w:num w:numId="{nid}"><w:abstractNumId w:val="{aid}"/>{override}</w:num>')
    parts.append("</w:numbering>")
    return "".join(parts)


def set_numbering(document, xml: str) -> None:
    part = document.part.numbering_part
    part._element = parse_xml(xml)


def add_para(document, text: str = "", *, style: str | None = None, num: tuple[int, int] | None = None,
             align: str | None = None, outline: int | None = None):
    p = document.add_paragraph(text)
    if style:
        p.style = document.styles[style]
    if align == "center":
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    elif align == "right":
        p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    ppr = p._p.get_or_add_pPr()
    if num is not None:
        num_id, ilvl = num
        ppr.append(parse_xml(f'<w:numPr {NSDECL}><w:ilvl w:val="{ilvl}"/>'
                             f'<w:numId w:val="{num_id}"/></w:numPr>'))
    if outline is not None:
        ppr.append(parse_xml(f'<w:outlineLvl {NSDECL} w:val="{outline}"/>'))
    return p


def add_raw_para(document, inner_xml: str):
    """A paragraph given as raw run XML (for w:ins / w:del)."""
    p = parse_xml(f"<w:p {NSDECL}>{inner_xml}</w:p>")
    document.element.body.insert(len(document.element.body) - 1, p)  # before sectPr
    return p


def new_document():
    return docx.Document()


def write_typed(path: Path, lines: list[str | tuple[str, str]]) -> Path:
    """A document of typed paragraphs; (text, "center"/"right") aligns one."""
    d = new_document()
    for item in lines:
        if isinstance(item, tuple):
            add_para(d, item[0], align=item[1])
        else:
            add_para(d, item)
    d.save(path)
    return path


def add_paragraph_style(document, style_id: str, name: str, *, outline: int | None = None,
                        based_on: str | None = None, num: tuple[int, int] | None = None) -> str:
    """A paragraph style written as raw XML (styleId and name chosen freely)."""
    ppr = ""
    if num is not None:
        ppr += (f'<w:numPr><w:ilvl w:val="{num[1]}"/><w:numId w:val="{num[0]}"/></w:numPr>')
    if outline is not None:
        ppr += f'<w:outlineLvl w:val="{outline}"/>'
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    xml = (f'<w:style {NSDECL} w:type="paragraph" w:styleId="{style_id}"><w:name w:val="{name}"/>'
           f'{based}<w:pPr>{ppr}</w:pPr></w:style>')
    document.styles.element.append(parse_xml(xml))
    return style_id


def set_style_id(document, para, style_id: str) -> None:
    ppr = para._p.get_or_add_pPr()
    ps = ppr.find(qn("w:pStyle"))
    if ps is None:
        ps = parse_xml(f'<w:pStyle {NSDECL} w:val="{style_id}"/>')
        ppr.insert(0, ps)
    else:
        ps.set(qn("w:val"), style_id)


def flatten(sections: list[dict]) -> list[tuple[int, str, str]]:
    out = []
    for s in sections:
        out.append((s["level"], s["number"], s["title"]))
        out.extend(flatten(s["children"]))
    return out
