"""RenderedDocument → .docx in the official format (GB/T 9704-2012).

Every format number comes from ``desktop.gbt9704``.  python-docx opens the
package and gives us its parts; the raw WordprocessingML this needs and
python-docx does not offer (East Asian fonts without theme attributes, the
line grid, complete PAGE fields, paragraph rules, snapToGrid …) is built by
the few ``_x_*`` helpers at the top, and paragraphs are assembled from
them directly — so the body of a 60-page document costs little more than
python-docx writing bare text.

The format lives in named paragraph styles (公文正文, 公文标题, 一级标题 …)
and docDefaults, so a clerk who goes on editing in Word or WPS keeps it;
runs carry the same fonts again for readers that ignore style fonts.  The
结束语 has a style of its own (公文结束语: the body's format under another
name), so that the reader tells it from the last section's body.
"""

from __future__ import annotations

import copy
import errno
import io
import os
from dataclasses import replace
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

from . import gbt9704 as fmt
from .errors import ExportError
from .model import Document
from .render import CLOSING, PROPERTIES, Block, RenderedDocument, render

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_THEME_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


def _el(tag: str, parent=None, **attrs):
    """A w: element with w: attributes (values stringified)."""
    el = etree.SubElement(parent, _w(tag)) if parent is not None else etree.Element(_w(tag))
    for k, v in attrs.items():
        el.set(_w(k), str(v))
    return el


# == raw WordprocessingML helpers ================================================
def _x_fonts(parent, fonts: fmt.RunFonts):
    """w:rFonts with all four slots named, w:hint="eastAsia" (so “ ” — … use
    the CJK font) and no theme attributes."""
    return _el("rFonts", parent, ascii=fonts.ascii, hAnsi=fonts.h_ansi,
               eastAsia=fonts.east_asia, cs=fonts.cs, hint="eastAsia")


def _x_rpr(fonts: fmt.RunFonts | None, *, bold: bool | None = None, color: str | None = None,
           spacing: int = 0, size_pt: float | None = None):
    """A w:rPr in schema order."""
    rpr = _el("rPr")
    if fonts is not None:
        _x_fonts(rpr, fonts)
    if bold is not None:
        _el("b", rpr, val="1" if bold else "0")
        _el("bCs", rpr, val="1" if bold else "0")
    if color:
        _el("color", rpr, val=color)
    if spacing:
        _el("spacing", rpr, val=spacing)
    if size_pt is not None:
        _el("sz", rpr, val=round(size_pt * 2))
        _el("szCs", rpr, val=round(size_pt * 2))
    return rpr


def _x_border(parent, side: str, rule: fmt.Rule):
    return _el(side, parent, val="single", sz=rule.size_eighths, space=rule.space_pt,
               color=rule.color)


def _x_ppr(*, style_id: str | None = None, keep_next: bool = False,
           page_break_before: bool = False, widow_control: bool | None = None,
           borders: dict | None = None, tabs: list | None = None,
           auto_space: bool | None = None, snap_to_grid: bool | None = None,
           before: int | None = None, after: int | None = None, line: int | None = None,
           line_rule: str | None = None, ind: dict | None = None, jc: str | None = None,
           outline_level: int | None = None):
    """A w:pPr with its children in schema order."""
    ppr = _el("pPr")
    if style_id:
        _el("pStyle", ppr, val=style_id)
    if keep_next:
        _el("keepNext", ppr)
    if page_break_before:
        _el("pageBreakBefore", ppr)
    if widow_control is not None:
        _el("widowControl", ppr, val="1" if widow_control else "0")
    if borders:
        bdr = _el("pBdr", ppr)
        for side in ("top", "left", "bottom", "right"):
            if side in borders:
                _x_border(bdr, side, borders[side])
    if tabs:
        el = _el("tabs", ppr)
        for kind, pos in tabs:
            _el("tab", el, val=kind, pos=pos)
    if auto_space is not None:
        _el("autoSpaceDE", ppr, val="1" if auto_space else "0")
        _el("autoSpaceDN", ppr, val="1" if auto_space else "0")
    if snap_to_grid is not None:
        _el("snapToGrid", ppr, val="1" if snap_to_grid else "0")
    if any(v is not None for v in (before, after, line)):
        sp = _el("spacing", ppr)
        if before is not None:
            sp.set(_w("before"), str(before))
        if after is not None:
            sp.set(_w("after"), str(after))
        if line is not None:
            sp.set(_w("line"), str(line))
            sp.set(_w("lineRule"), line_rule or "exact")
    if ind:
        el = _el("ind", ppr)
        for k in ("left", "leftChars", "right", "rightChars", "hanging", "hangingChars",
                  "firstLine", "firstLineChars"):
            if k in ind:
                el.set(_w(k), str(ind[k]))
    if jc:
        _el("jc", ppr, val=jc)
    if outline_level is not None:
        _el("outlineLvl", ppr, val=outline_level)
    return ppr


def _x_run(text: str, rpr=None):
    """A w:r with text; line breaks in ``text`` become w:br."""
    r = _el("r")
    if rpr is not None:
        r.append(copy.deepcopy(rpr))
    for i, part in enumerate(text.split("\n")):
        if i:
            _el("br", r)
        if part:
            t = _el("t", r)
            t.text = part
            if part[0] == " " or part[-1] == " ":
                t.set(_XML_SPACE, "preserve")
    return r


def _x_page_field(rpr, cached: str) -> list:
    """A complete PAGE field: begin → instrText → separate → cached → end."""
    runs = []
    r = _x_run("", rpr)
    _el("fldChar", r, fldCharType="begin")
    runs.append(r)
    r = _x_run("", rpr)
    instr = _el("instrText", r)
    instr.text = " PAGE "
    instr.set(_XML_SPACE, "preserve")
    runs.append(r)
    r = _x_run("", rpr)
    _el("fldChar", r, fldCharType="separate")
    runs.append(r)
    runs.append(_x_run(cached, rpr))
    r = _x_run("", rpr)
    _el("fldChar", r, fldCharType="end")
    runs.append(r)
    return runs


def _x_doc_grid(sect_pr):
    """Line grid of 22 lines (linePitch 579).  Type "lines", not
    "linesAndChars": LibreOffice spreads characters over two cells of a
    Word character grid; the 28 characters come from −0.25 pt spacing."""
    for old in sect_pr.findall(_w("docGrid")):
        sect_pr.remove(old)
    _el("docGrid", sect_pr, type="lines", linePitch=fmt.PAGE.line_pitch_twips)


def _x_strip_theme_fonts(root) -> None:
    """Remove theme-font attributes (w:asciiTheme …) from every rFonts."""
    for el in root.iter(_w("rFonts")):
        for a in _THEME_ATTRS:
            el.attrib.pop(_w(a), None)


# == the format as styles ============================================================
def _ind(f: fmt.RoleFormat, *, left=None, right=None, hanging=None, first=None) -> dict:
    left = f.left_chars if left is None else left
    right = f.right_chars if right is None else right
    hanging = f.hanging_chars if hanging is None else hanging
    first = f.first_line_chars if first is None else first
    ind = {"left": f.chars_to_twips(left), "leftChars": round(left * 100),
           "right": f.chars_to_twips(right), "rightChars": round(right * 100)}
    if hanging:
        ind["hanging"] = f.chars_to_twips(hanging)
        ind["hangingChars"] = round(hanging * 100)
    else:
        ind["firstLine"] = f.chars_to_twips(first)
        ind["firstLineChars"] = round(first * 100)
    return ind


def _style_ppr(f: fmt.RoleFormat):
    pitch = fmt.PAGE.line_pitch_twips
    return _x_ppr(keep_next=f.keep_next, snap_to_grid=f.snap_to_grid,
                  before=round(f.space_before_lines * pitch),
                  after=round(f.space_after_lines * pitch), line=f.line_twips,
                  line_rule=f.line_rule, ind=_ind(f), jc=f.align,
                  outline_level=f.outline_level)


def _style_rpr(f: fmt.RoleFormat, fonts: fmt.RunFonts):
    return _x_rpr(fonts, bold=f.bold, color=f.color if f.color != fmt.BLACK else None,
                  spacing=f.char_spacing_twips, size_pt=f.size_pt)


def _add_style(styles_el, style_id: str, name: str, ppr, rpr, *, based_on="Normal",
               next_id: str | None = None):
    st = _el("style", styles_el, type="paragraph", styleId=style_id, customStyle="1")
    _el("name", st, val=name)
    if based_on:
        _el("basedOn", st, val=based_on)
    _el("next", st, val=next_id or style_id)
    _el("qFormat", st)
    st.append(ppr)
    st.append(rpr)
    return st


def _setup_styles(document, profile_key: str, latin: str) -> None:
    styles = document.styles.element
    body = fmt.FORMATS["body"]
    body_fonts = fmt.font_for("body", profile_key, latin)
    # docDefaults: the body font in every slot, 三号, exact grid spacing
    defaults = styles.find(_w("docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    defaults = _el("docDefaults")
    rpr = _x_rpr(body_fonts, size_pt=body.size_pt)
    _el("lang", rpr, val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    _el("rPr", _el("rPrDefault", defaults)).extend(list(rpr))
    ppr = _x_ppr(widow_control=False, auto_space=False, before=0, after=0,
                 line=fmt.PAGE.line_pitch_twips, line_rule="exact")
    _el("pPrDefault", defaults).append(ppr)
    styles.insert(0, defaults)

    # Normal: plain body text without the first-line indent
    for st in styles.findall(_w("style")):
        if st.get(_w("styleId")) == "Normal":
            for child in list(st):
                if child.tag in (_w("pPr"), _w("rPr")):
                    st.remove(child)
            st.append(_x_ppr(line=fmt.PAGE.line_pitch_twips, line_rule="exact", jc="both"))
            st.append(_x_rpr(body_fonts, size_pt=body.size_pt))

    seen = set()
    for role in fmt.FORMATS:
        f = fmt.format_for(role, profile_key)
        if f.style_id in seen:
            continue
        seen.add(f.style_id)
        next_id = body.style_id if f.outline_level is not None or role in ("title", "recipients") \
            else None
        _add_style(styles, f.style_id, f.style, _style_ppr(f),
                   _style_rpr(f, fmt.font_for(role, profile_key, latin)), next_id=next_id,
                   based_on=f.based_on or "Normal")
    # 结束语: the body's format in a style of its own (based on the body style)
    closing = fmt.CLOSING
    _add_style(styles, closing.style_id, closing.style, _style_ppr(closing),
               _style_rpr(closing, body_fonts), based_on=closing.based_on or "Normal")
    pn = fmt.PAGE_NUMBER
    _add_style(styles, pn.style_id, pn.style, _style_ppr(pn),
               _style_rpr(pn, fmt.font_for("page_number", profile_key)))
    _x_strip_theme_fonts(styles)


def _setup_package(document, profile_key: str) -> None:
    """Drop parts that carry theme fonts or stale content (stylesWithEffects,
    the template's thumbnail) and point the theme's fonts at the profile."""
    part = document.part
    for rid, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rid)
            part.rels.pop(rid, None)
    pkg_rels = part.package.rels
    for rid, rel in list(pkg_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            pkg_rels.pop(rid, None)
    for rel in part.rels.values():
        if rel.reltype == RT.THEME:
            theme = rel.target_part
            root = etree.fromstring(theme.blob)
            a = "http://schemas.openxmlformats.org/drawingml/2006/main"
            for tag, key in (("majorFont", "title"), ("minorFont", "body")):
                for font in root.iter(f"{{{a}}}{tag}"):
                    name = fmt.font_name(key, profile_key)
                    for slot in ("latin", "ea"):
                        el = font.find(f"{{{a}}}{slot}")
                        if el is not None:
                            el.set("typeface", name)
            theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                         standalone=True)


def _setup_section(section, *, footers: bool, profile_key: str) -> None:
    page = fmt.PAGE
    sp = section._sectPr
    for tag in ("pgSz", "pgMar", "cols", "docGrid"):
        for old in sp.findall(_w(tag)):
            sp.remove(old)
    _el("pgSz", sp, w=fmt.mm_to_twips(page.width_mm), h=fmt.mm_to_twips(page.height_mm))
    _el("pgMar", sp, top=fmt.mm_to_twips(page.top_mm), right=fmt.mm_to_twips(page.right_mm),
        bottom=fmt.mm_to_twips(page.bottom_mm), left=fmt.mm_to_twips(page.left_mm),
        header=fmt.mm_to_twips(page.header_mm), footer=fmt.mm_to_twips(page.footer_mm),
        gutter=0)
    _el("cols", sp, space=425)
    _x_doc_grid(sp)
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    section.header.is_linked_to_previous = False
    section.even_page_header.is_linked_to_previous = False
    for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
        el = footer._element
        for child in list(el):
            el.remove(child)
        el.append(_page_number_paragraph(odd, profile_key) if footers else
                  _empty_paragraph(fmt.PAGE_NUMBER.style_id))
    for header in (section.header, section.even_page_header):
        el = header._element
        for child in list(el):
            el.remove(child)
        el.append(_empty_paragraph(fmt.PAGE_NUMBER.style_id))


def _empty_paragraph(style_id: str):
    p = _el("p")
    p.append(_x_ppr(style_id=style_id))
    return p


def _page_number_paragraph(odd: bool, profile_key: str):
    """ "— N —": odd pages right with 1 character to spare, even pages left."""
    f = fmt.PAGE_NUMBER
    side = f.chars_to_twips(fmt.PAGE_NUMBER_SIDE_CHARS)
    chars = round(fmt.PAGE_NUMBER_SIDE_CHARS * 100)
    ind = {"right": side, "rightChars": chars} if odd else {"left": side, "leftChars": chars}
    p = _el("p")
    p.append(_x_ppr(style_id=f.style_id, ind=ind, jc="right" if odd else "left"))
    rpr = _x_rpr(fmt.font_for("page_number", profile_key))
    before, after = fmt.page_number_text(0)
    p.append(_x_run(before, rpr))
    p.extend(_x_page_field(rpr, "1" if odd else "2"))
    p.append(_x_run(after, rpr))
    return p


# == blocks → paragraphs ================================================================
class _Writer:
    def __init__(self, doc: Document, rendered: RenderedDocument):
        self.doc = doc
        self.blocks = rendered.blocks
        self.profile = doc.settings.font_profile
        self.latin = doc.settings.latin_font
        self.pitch = fmt.PAGE.line_pitch_twips
        self._rpr_cache: dict = {}
        self._ppr_cache: dict = {}
        self.flow: list[_Item] = []
        sig = {b.role: b.text for b in self.blocks if b.role in (
            "signature", "date", "notice_signature", "notice_date")}
        self.sig_right = {}
        for s, d in (("signature", "date"), ("notice_signature", "notice_date")):
            rs, rd = fmt.signature_layout(sig.get(s, ""), sig.get(d, ""))
            self.sig_right[s], self.sig_right[d] = rs, rd

    # cached property elements, deep-copied per paragraph
    def rpr(self, role: str, *, bold=None):
        key = (role, bold)
        if key not in self._rpr_cache:
            self._rpr_cache[key] = _x_rpr(fmt.font_for(role, self.profile, self.latin), bold=bold)
        return self._rpr_cache[key]

    def ppr(self, role: str, **extra):
        """The role's w:pPr (its style and ``extra`` direct formatting;
        ``style_id`` names another style)."""
        key = (role, tuple(sorted((k, repr(v)) for k, v in extra.items())))
        if key not in self._ppr_cache:
            extra.setdefault("style_id", fmt.format_for(role, self.profile).style_id)
            self._ppr_cache[key] = _x_ppr(**extra)
        return copy.deepcopy(self._ppr_cache[key])

    def paragraph(self, role: str, text: str, *, ppr=None):
        p = _el("p")
        p.append(ppr if ppr is not None else self.ppr(role))
        if text:
            p.append(_x_run(text, self.rpr(role)))
        return p

    # -- roles with their own placement ------------------------------------------------
    def heading(self, b: Block):
        role = b.role
        p = _el("p")
        p.append(self.ppr(role))
        if b.run_in and b.text:
            head = b.full_text[: len(b.full_text) - len(b.text)]
            p.append(_x_run(head, self.rpr(role)))
            f = fmt.format_for(role, self.profile)
            p.append(_x_run(b.text, self.rpr("body", bold=False if f.bold else None)))
        else:
            p.append(_x_run(b.full_text, self.rpr(role)))
        return p

    def red_header(self, b: Block, is_last: bool):
        f = fmt.FORMATS["red_header"]
        size = fmt.red_header_size(b.text)
        extra = {"before": fmt.mm_to_twips(fmt.RED_HEADER_TOP_MM)}
        if is_last:
            extra["borders"] = {"bottom": fmt.RED_SEPARATOR}
        p = _el("p")
        p.append(self.ppr("red_header", **extra))
        rpr = _x_rpr(fmt.font_for("red_header", self.profile), color=f.color, size_pt=size)
        p.append(_x_run(b.text, rpr))
        return p

    def attachment(self, b: Block, first: bool):
        left, hanging = fmt.attachment_indents(b.text)
        f = fmt.FORMATS["attachment"]
        extra = {"ind": _ind(f, left=left, hanging=hanging)}
        if first:
            extra["before"] = self.pitch
        return self.paragraph("attachment", b.text, ppr=self.ppr("attachment", **extra))

    def signature_or_date(self, b: Block, prev_role: str):
        f = fmt.FORMATS[b.role]
        extra = {"ind": _ind(f, right=self.sig_right[b.role])}
        if b.role.endswith("date") and not prev_role.endswith("signature"):
            extra["before"] = self.pitch  # a date without a signature: one line below the body
        return self.paragraph(b.role, b.text, ppr=self.ppr(b.role, **extra))

    def imprint(self, blocks: list[Block]) -> list:
        """版记: 抄送 and 印发机关/日期 between rules, 四号."""
        out = []
        n = len(blocks)
        for i, b in enumerate(blocks):
            borders = {}
            if i == 0:
                borders["top"] = fmt.IMPRINT_THICK
            borders["bottom"] = fmt.IMPRINT_THICK if i == n - 1 else fmt.IMPRINT_THIN
            line = fmt.IMPRINT_LINE_TWIPS
            if b.role == "cc":
                p = self.paragraph("cc", b.text, ppr=self.ppr(
                    "cc", borders=borders, line=line, keep_next=i < n - 1))
            else:
                f = fmt.FORMATS["printer"]
                tab = fmt.PAGE.text_width_twips - f.chars_to_twips(f.right_chars)
                p = _el("p")
                p.append(self.ppr("printer", borders=borders, line=line,
                                  tabs=[("right", tab)]))
                rpr = self.rpr("printer")
                p.append(_x_run(b.text, rpr))
                if b.title:
                    r = _x_run("", rpr)
                    _el("tab", r)
                    p.append(r)
                    p.append(_x_run(b.title, rpr))
            out.append(p)
        return out

    # -- the whole body --------------------------------------------------------------
    def body_elements(self) -> tuple[list, list]:
        """(paragraphs of the document, paragraphs of the 版记)."""
        out: list = []
        imprint = [b for b in self.blocks if b.role in ("cc", "printer")]
        blocks = [b for b in self.blocks if b.role not in ("cc", "printer")]
        red_roles = ("red_header", "doc_number")
        prev_role = ""
        break_next = False
        after_red = False
        for i, b in enumerate(blocks):
            role = b.role
            nxt = blocks[i + 1].role if i + 1 < len(blocks) else ""
            if role == "page_break":
                break_next = True
                prev_role = role
                continue
            if role == "red_header":
                p = self.red_header(b, is_last=nxt not in red_roles)
            elif role == "doc_number":
                extra = {"borders": {"bottom": fmt.RED_SEPARATOR}} if nxt not in red_roles else {}
                p = self.paragraph(role, b.text, ppr=self.ppr(role, **extra))
            elif role.startswith("heading"):
                p = self.heading(b)
            elif role == "attachment":
                p = self.attachment(b, first=prev_role != "attachment")
            elif role in ("signature", "date", "notice_signature", "notice_date"):
                p = self.signature_or_date(b, prev_role)
            elif role in ("title", "notice_title"):
                text = "\n".join(fmt.title_lines(b.text, fmt.FORMATS[role].size_pt))
                p = self.paragraph(role, text, ppr=self.ppr(role, before=2 * self.pitch)
                                   if after_red else None)
            elif role == "body" and b.section_id == CLOSING:
                # the 结束语 in its own style, so the reader knows it from the last section
                p = self.paragraph(role, b.text, ppr=self.ppr(role, style_id=fmt.CLOSING.style_id))
            else:
                p = self.paragraph(role, b.text)
            if break_next:
                ppr = p.find(_w("pPr"))
                pstyle = ppr.find(_w("pStyle"))
                pstyle.addnext(_el("pageBreakBefore"))
            self.flow.append(self._measure(b, p, break_next))
            break_next = False
            after_red = role in red_roles
            prev_role = role
            out.append(p)
        if break_next:  # a trailing page break: keep it as an empty page
            p = _empty_paragraph(fmt.FORMATS["body"].style_id)
            p.find(_w("pPr")).append(_el("pageBreakBefore"))
            self.flow.append(_Item(1, self.pitch, break_before=True))
            out.append(p)
        return out, (self.place_imprint(self.imprint(imprint), imprint) if imprint else [])

    # -- layout estimate, to put the 版记 at the foot of an even page ---------------------
    def _measure(self, b: Block, p, break_before: bool) -> "_Item":
        role = b.role
        f = fmt.format_for(role, self.profile)
        sp = p.find(_w("pPr")).find(_w("spacing"))
        before = round(f.space_before_lines * self.pitch)
        if sp is not None and sp.get(_w("before")) is not None:
            before = int(sp.get(_w("before")))
        after = round(f.space_after_lines * self.pitch)
        if role == "red_header":
            size = fmt.red_header_size(b.text)
            return _Item(1, max(self.pitch, round(size * fmt.LINE_HEIGHT_EM * 20)), before, after)
        if role in ("signature", "date", "notice_signature", "notice_date"):
            lines = 1
        elif role == "attachment":
            left, hanging = fmt.attachment_indents(b.text)
            lines = fmt.lines_for(b.text, replace(f, left_chars=left, hanging_chars=hanging))
        elif role in ("title", "notice_title"):
            lines = len(fmt.title_lines(b.text, f.size_pt))
        else:
            text = b.full_text if role.startswith("heading") else b.text
            lines = sum(fmt.lines_for(part, f) for part in text.split("\n"))
        return _Item(lines, f.line_twips, before, after, f.keep_next, break_before)

    def place_imprint(self, paragraphs: list, blocks: list[Block]) -> list:
        """The 版记 at the foot of the last page, an even one: on the page
        where the text ends when that page is even and has room, else on
        the next even page (a blank page added when needed).  Empty grid
        lines above it push it down (no frames or text boxes: WPS loses
        those)."""
        page, used = _paginate(self.flow)
        height = fmt.imprint_height([fmt.lines_for(b.text, fmt.FORMATS[b.role]) if b.role == "cc"
                                     else 1 for b in blocks])
        capacity = fmt.PAGE.text_height_twips
        out: list = []
        body_id = fmt.FORMATS["body"].style_id
        if page % 2 == 0 and capacity - used >= height + self.pitch:
            free = capacity - used
        else:
            breaks = 1 if page % 2 else 2
            for _ in range(breaks):
                p = _empty_paragraph(body_id)
                p.find(_w("pPr")).find(_w("pStyle")).addnext(_el("pageBreakBefore"))
                out.append(p)
            free = capacity - self.pitch  # the last break paragraph takes the first line
        spacer = free - height - fmt.IMPRINT_SLACK_TWIPS
        if spacer > 0:
            # one empty paragraph exactly as tall as the room above the 版记
            p = _el("p")
            p.append(_x_ppr(style_id=body_id, snap_to_grid=False, line=spacer, line_rule="exact"))
            out.append(p)
        return out + paragraphs


class _Item:
    """A paragraph as the pagination estimate sees it."""

    __slots__ = ("lines", "line", "before", "after", "keep_next", "break_before")

    def __init__(self, lines, line, before=0, after=0, keep_next=False, break_before=False):
        self.lines, self.line, self.before, self.after = lines, line, before, after
        self.keep_next, self.break_before = keep_next, break_before


def _paginate(items: list[_Item]) -> tuple[int, int]:
    """(last page, twips used on it) when the items are laid out on
    pages of the text block's height (no widow control; a keep-with-next
    heading moves when the next line would not fit)."""
    capacity = fmt.PAGE.text_height_twips
    page, used = 1, 0
    for i, it in enumerate(items):
        if it.break_before and (used or page > 1 or i):
            page, used = page + 1, 0
        if used:
            used += it.before
        elif page == 1 and i == 0:
            used += it.before
        if it.keep_next and i + 1 < len(items):
            nxt = items[i + 1]
            need = it.lines * it.line + it.after + nxt.before + nxt.line
            if used and used + need > capacity and not nxt.break_before:
                page, used = page + 1, 0
        for _ in range(it.lines):
            if used + it.line > capacity:
                page, used = page + 1, 0
            used += it.line
        used += it.after
        if used > capacity:
            page, used = page + 1, used - capacity
    return page, used


# == public API ================================================================================
def build_docx(doc: Document, rendered: RenderedDocument | None = None) -> bytes:
    """The .docx file's bytes (refuses a document whose render has errors)."""
    rendered = rendered if rendered is not None else render(doc)
    _refuse_errors(rendered)
    profile_key = doc.settings.font_profile if doc.settings.font_profile in fmt.FONT_PROFILES \
        else fmt.DEFAULT_PROFILE
    latin = doc.settings.latin_font
    document = docx.Document()
    _setup_package(document, profile_key)
    _setup_styles(document, profile_key, latin)
    document.settings.odd_and_even_pages_header_footer = True
    body = document.element.body
    for child in list(body):
        if child.tag != _w("sectPr"):
            body.remove(child)

    writer = _Writer(doc, rendered)
    paragraphs, imprint = writer.body_elements()
    if not paragraphs:
        paragraphs = [_empty_paragraph(fmt.FORMATS["body"].style_id)]
    sect_pr = body.find(_w("sectPr"))
    first = document.sections[0]
    _setup_section(first, footers=True, profile_key=profile_key)
    for p in paragraphs + imprint:
        sect_pr.addprevious(p)
    _order_sect_pr(first._sectPr)

    props = document.core_properties
    props.author = doc.properties.org or ""
    props.last_modified_by = doc.properties.org or ""
    props.title = next((b.text for b in rendered.blocks if b.role == "title"), "")
    props.comments = ""
    props.language = "zh-CN"
    _x_strip_theme_fonts(document.element)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


_SECT_ORDER = ["headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz",
               "pgMar", "paperSrc", "pgBorders", "lnNumType", "pgNumType", "cols", "formProt",
               "vAlign", "noEndnote", "titlePg", "textDirection", "bidi", "rtlGutter",
               "docGrid", "printerSettings", "sectPrChange"]


def _order_sect_pr(sp) -> None:
    """Put w:sectPr children in schema order (Word refuses others)."""
    rank = {_w(t): i for i, t in enumerate(_SECT_ORDER)}
    children = sorted(list(sp), key=lambda c: rank.get(c.tag, len(rank)))
    for c in children:
        sp.remove(c)
    sp.extend(children)


def _refuse_errors(rendered: RenderedDocument) -> None:
    if not rendered.errors:
        return
    e = rendered.errors[0]
    if e.section_id == PROPERTIES:
        where = {"figures": "指标表", "title": "文档属性（标题）"}.get(e.where, "文档属性")
    else:
        where = f"章节“{e.path}”" if e.path else "章节"
    more = f"（另有 {len(rendered.errors) - 1} 处错误）" if len(rendered.errors) > 1 else ""
    raise ExportError(f"{where}有错误，无法导出：{e.error}{more}")


def _save(data: bytes, path: Path) -> None:
    """Write atomically: a temporary file in the target folder, then
    os.replace; an existing file is left intact when anything fails."""
    import tempfile
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise ExportError("无法导出：目标文件夹不存在", path=str(path))
    if path.is_dir():
        raise ExportError("无法导出：这是一个文件夹，不是文件", path=str(path))
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists() and not os.access(path, os.W_OK):
            raise PermissionError(errno.EACCES, "read-only", str(path))
        os.replace(tmp, path)
        tmp = None
    except OSError as e:
        if e.errno in (errno.EACCES, errno.EPERM):
            msg = "无法写入：文件是只读的、没有写入权限，或正被 Word/WPS 打开（请关闭后重试），原文件未改动"
        elif e.errno == errno.ENOSPC:
            msg = "无法写入：磁盘空间不足，原文件未改动"
        elif e.errno == errno.EROFS:
            msg = "无法写入：磁盘是只读的，原文件未改动"
        else:
            msg = f"无法写入（{e.strerror or e}），原文件未改动"
        raise ExportError(msg, path=str(path)) from None
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def export_docx(doc: Document, path: str | os.PathLike, *,
                rendered: RenderedDocument | None = None) -> Path:
    """Export ``doc`` to ``path`` in the official format; returns the path.

    Raises ExportError for a document with render errors (naming the section
    and the error) or a target that cannot be written (the existing file, if
    any, is left as it was)."""
    target = Path(path)
    try:
        data = build_docx(doc, rendered)
    except ExportError as e:
        if e.path is None:
            e.path = str(target)
        raise
    _save(data, target)
    return target
