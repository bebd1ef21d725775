"""Builders for the .docx fixtures of the reuse tests (no tests here).

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




def test_targets_are_named_well_and_unclear_ones_not_confident():
    from desktop.reuse.targets import extract_targets, targets_to_figures
    text = ("每年培训72学时以上。实施城区第二小学改扩建工程，计划投资4900万元。"
            "学前三年毛入园率达到94%以上。计划投资300万元。计划投资500万元。")
    found = {t.name: t for t in extract_targets(text)}
    assert "培训以上" not in found
    assert found["培训学时"].qualifier == "以上" and not found["培训学时"].confident
    assert found["城区第二小学改扩建工程投资"].confident
    assert found["学前三年毛入园率"].confident
    names = [f.name for f in targets_to_figures(extract_targets(text))]
    assert "计划投资2" not in names and "计划投资（二）" in names
    assert not [t for t in extract_targets(text) if t.name == "计划投资"][0].confident


def test_compare_ignores_a_year_only_change_in_a_title():
    from desktop.model import Document, Properties, Section
    from desktop.reuse.compare import CHANGED, SAME, compare_documents

    def doc(year, body):
        return Document(properties=Properties(year=year, title=f"某县教育局{year}年工作计划"),
                        sections=[Section(title=f"{year}年重点工作", body=body)])
    diffs = compare_documents(doc(2025, "推进学前教育。"), doc(2026, "推进学前教育。"))
    assert [d.status for d in diffs] == [SAME, SAME]
    diffs = compare_documents(doc(2025, "推进学前教育。"), doc(2026, "推进义务教育。"))
    assert [d.status for d in diffs] == [SAME, CHANGED]
