"""The raw WordprocessingML layer: element builders in schema order.

``package`` gives us the parts; what python-docx would not offer either
(East Asian fonts without theme attributes, the line grid, complete PAGE
fields, paragraph rules, snapToGrid …) is built here, element by element,
so that a paragraph costs little more than python-docx writing bare text.
Nothing in this module knows the official format: it takes values and
returns lxml elements (the python-docx way: ``docx.oxml`` builds, the
layers above decide).
"""

from __future__ import annotations

import copy
from typing import Any

from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

Element = Any  # lxml.etree._Element (not part of lxml's typed public API)


def w(tag: str) -> str:
    """Clark name of a w: tag or attribute."""
    return f"{{{W_NS}}}{tag}"


def el(tag: str, parent: Element | None = None, **attrs: object) -> Element:
    """A w: element with w: attributes (values stringified)."""
    node = etree.SubElement(parent, w(tag)) if parent is not None else etree.Element(w(tag))
    for k, v in attrs.items():
        node.set(w(k), str(v))
    return node


def fonts(parent: Element, *, ascii: str, h_ansi: str, east_asia: str, cs: str) -> Element:
    """w:rFonts with all four slots named, w:hint="eastAsia" (so “ ” — … use
    the CJK font) and no theme attributes."""
    return el("rFonts", parent, ascii=ascii, hAnsi=h_ansi, eastAsia=east_asia, cs=cs,
              hint="eastAsia")


def rpr(run_fonts: Any = None, *, bold: bool | None = None, color: str | None = None,
        spacing: int = 0, size_pt: float | None = None) -> Element:
    """A w:rPr in schema order; ``run_fonts`` has east_asia/ascii/h_ansi/cs."""
    node = el("rPr")
    if run_fonts is not None:
        fonts(node, ascii=run_fonts.ascii, h_ansi=run_fonts.h_ansi,
              east_asia=run_fonts.east_asia, cs=run_fonts.cs)
    if bold is not None:
        el("b", node, val="1" if bold else "0")
        el("bCs", node, val="1" if bold else "0")
    if color:
        el("color", node, val=color)
    if spacing:
        el("spacing", node, val=spacing)
    if size_pt is not None:
        el("sz", node, val=round(size_pt * 2))
        el("szCs", node, val=round(size_pt * 2))
    return node


def border(parent: Element, side: str, *, size_eighths: int, space_pt: int,
           color: str) -> Element:
    return el(side, parent, val="single", sz=size_eighths, space=space_pt, color=color)


_IND_KEYS = ("left", "leftChars", "right", "rightChars", "hanging", "hangingChars",
             "firstLine", "firstLineChars")


def ppr(*, style_id: str | None = None, keep_next: bool | None = None,
        page_break_before: bool = False, widow_control: bool | None = None,
        borders: dict[str, Any] | None = None, tabs: list[tuple[str, int]] | None = None,
        auto_space: bool | None = None, snap_to_grid: bool | None = None,
        before: int | None = None, after: int | None = None, line: int | None = None,
        line_rule: str | None = None, ind: dict[str, int] | None = None, jc: str | None = None,
        outline_level: int | None = None) -> Element:
    """A w:pPr with its children in schema order.  ``borders`` maps a side
    (top/left/bottom/right) to an object with size_eighths/space_pt/color;
    ``keep_next`` False writes w:keepNext off (over a style that has it on),
    None nothing."""
    node = el("pPr")
    if style_id:
        el("pStyle", node, val=style_id)
    if keep_next:
        el("keepNext", node)
    elif keep_next is not None:
        el("keepNext", node, val="0")
    if page_break_before:
        el("pageBreakBefore", node)
    if widow_control is not None:
        el("widowControl", node, val="1" if widow_control else "0")
    if borders:
        bdr = el("pBdr", node)
        for side in ("top", "left", "bottom", "right"):
            if side in borders:
                r = borders[side]
                border(bdr, side, size_eighths=r.size_eighths, space_pt=r.space_pt,
                       color=r.color)
    if tabs:
        tabs_el = el("tabs", node)
        for kind, pos in tabs:
            el("tab", tabs_el, val=kind, pos=pos)
    if auto_space is not None:
        el("autoSpaceDE", node, val="1" if auto_space else "0")
        el("autoSpaceDN", node, val="1" if auto_space else "0")
    if snap_to_grid is not None:
        el("snapToGrid", node, val="1" if snap_to_grid else "0")
    if any(v is not None for v in (before, after, line)):
        sp = el("spacing", node)
        if before is not None:
            sp.set(w("before"), str(before))
        if after is not None:
            sp.set(w("after"), str(after))
        if line is not None:
            sp.set(w("line"), str(line))
            sp.set(w("lineRule"), line_rule or "exact")
    if ind:
        ind_el = el("ind", node)
        for k in _IND_KEYS:
            if k in ind:
                ind_el.set(w(k), str(ind[k]))
    if jc:
        el("jc", node, val=jc)
    if outline_level is not None:
        el("outlineLvl", node, val=outline_level)
    return node


def add_page_break_before(p: Element) -> None:
    """Give a paragraph w:pageBreakBefore (right after its w:pStyle)."""
    props = p.find(w("pPr"))
    if props is None:
        props = el("pPr")
        p.insert(0, props)
    if props.find(w("pageBreakBefore")) is not None:
        return
    style = props.find(w("pStyle"))
    brk = el("pageBreakBefore")
    if style is not None:
        style.addnext(brk)
    else:
        props.insert(0, brk)


def run(text: str, run_props: Element | None = None) -> Element:
    """A w:r with text; line breaks in ``text`` become w:br."""
    r = el("r")
    if run_props is not None:
        r.append(copy.deepcopy(run_props))
    for i, part in enumerate(text.split("\n")):
        if i:
            el("br", r)
        if part:
            t = el("t", r)
            t.text = part
            if part[0] == " " or part[-1] == " ":
                t.set(XML_SPACE, "preserve")
    return r


def tab_run(run_props: Element | None = None) -> Element:
    r = run("", run_props)
    el("tab", r)
    return r


def paragraph(props: Element, *runs: Element) -> Element:
    p = el("p")
    p.append(props)
    p.extend(runs)
    return p


def empty_paragraph(style_id: str) -> Element:
    return paragraph(ppr(style_id=style_id))


def page_field(run_props: Element | None, cached: str) -> list[Element]:
    """A complete PAGE field: begin → instrText → separate → cached → end."""
    runs = []
    r = run("", run_props)
    el("fldChar", r, fldCharType="begin")
    runs.append(r)
    r = run("", run_props)
    instr = el("instrText", r)
    instr.text = " PAGE "
    instr.set(XML_SPACE, "preserve")
    runs.append(r)
    r = run("", run_props)
    el("fldChar", r, fldCharType="separate")
    runs.append(r)
    runs.append(run(cached, run_props))
    r = run("", run_props)
    el("fldChar", r, fldCharType="end")
    runs.append(r)
    return runs


def doc_grid(sect_pr: Element, line_pitch: int) -> None:
    """A line grid (type "lines", not "linesAndChars": LibreOffice spreads
    characters over two cells of a Word character grid)."""
    for old in sect_pr.findall(w("docGrid")):
        sect_pr.remove(old)
    el("docGrid", sect_pr, type="lines", linePitch=line_pitch)


def strip_theme_fonts(root: Element) -> None:
    """Remove theme-font attributes (w:asciiTheme …) from every rFonts."""
    for node in root.iter(w("rFonts")):
        for a in THEME_ATTRS:
            node.attrib.pop(w(a), None)


SECT_ORDER = ("headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz",
              "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt",
              "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter",
              "docGrid", "printerSettings", "sectPrChange")


def order_sect_pr(sp: Element) -> None:
    """Put w:sectPr children in schema order (Word refuses others)."""
    rank = {w(t): i for i, t in enumerate(SECT_ORDER)}
    children = sorted(list(sp), key=lambda c: rank.get(c.tag, len(rank)))
    for c in children:
        sp.remove(c)
    sp.extend(children)
