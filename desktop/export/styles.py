"""The official format as Word styles: docDefaults, the named paragraph
styles (公文正文, 公文标题, 一级标题 …) and the theme's fonts.

The format lives in styles so that a clerk who goes on editing in Word or
WPS keeps it; every number comes from ``desktop.gbt9704``.
"""

from __future__ import annotations


from .. import gbt9704 as fmt
from ..model import Role
from . import oxml as ox
from .oxml import Element, w
from .package import RT, Package

_DRAWINGML = "http://schemas.openxmlformats.org/drawingml/2006/main"


def indent(f: fmt.RoleFormat, *, left: float | None = None, right: float | None = None,
           hanging: float | None = None, first: float | None = None) -> dict[str, int]:
    """w:ind attributes of a role's indents (twips and hundredths of a character)."""
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


def style_ppr(f: fmt.RoleFormat) -> Element:
    pitch = fmt.PAGE.line_pitch_twips
    return ox.ppr(keep_next=f.keep_next or None, snap_to_grid=f.snap_to_grid,
                  before=round(f.space_before_lines * pitch),
                  after=round(f.space_after_lines * pitch), line=f.line_twips,
                  line_rule=f.line_rule, ind=indent(f), jc=f.align,
                  outline_level=f.outline_level)


def style_rpr(f: fmt.RoleFormat, fonts: fmt.RunFonts) -> Element:
    return ox.rpr(fonts, bold=f.bold, color=f.color if f.color != fmt.BLACK else None,
                  spacing=f.char_spacing_twips, size_pt=f.size_pt)


def add_style(styles_el: Element, style_id: str, name: str, ppr: Element, rpr: Element, *,
              based_on: str = "Normal", next_id: str | None = None) -> Element:
    st = ox.el("style", styles_el, type="paragraph", styleId=style_id, customStyle="1")
    ox.el("name", st, val=name)
    if based_on:
        ox.el("basedOn", st, val=based_on)
    ox.el("next", st, val=next_id or style_id)
    ox.el("qFormat", st)
    st.append(ppr)
    st.append(rpr)
    return st


def setup_styles(styles: Element, profile_key: str, latin: str) -> None:
    """The styles part's root: docDefaults, Normal and the official styles."""
    body = fmt.FORMATS[Role.BODY]
    body_fonts = fmt.font_for(Role.BODY, profile_key, latin)
    # docDefaults: the body font in every slot, 三号, exact grid spacing
    defaults = styles.find(w("docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    defaults = ox.el("docDefaults")
    rpr = ox.rpr(body_fonts, size_pt=body.size_pt)
    ox.el("lang", rpr, val="en-US", eastAsia="zh-CN", bidi="ar-SA")
    ox.el("rPr", ox.el("rPrDefault", defaults)).extend(list(rpr))
    ppr = ox.ppr(widow_control=False, auto_space=False, before=0, after=0,
                 line=fmt.PAGE.line_pitch_twips, line_rule="exact")
    ox.el("pPrDefault", defaults).append(ppr)
    styles.insert(0, defaults)

    # Normal: plain body text without the first-line indent
    for st in styles.findall(w("style")):
        if st.get(w("styleId")) == "Normal":
            for child in list(st):
                if child.tag in (w("pPr"), w("rPr")):
                    st.remove(child)
            st.append(ox.ppr(line=fmt.PAGE.line_pitch_twips, line_rule="exact", jc="both"))
            st.append(ox.rpr(body_fonts, size_pt=body.size_pt))

    seen = set()
    for role in fmt.FORMATS:
        f = fmt.format_for(role, profile_key)
        if f.style_id in seen:
            continue
        seen.add(f.style_id)
        next_id = body.style_id if f.outline_level is not None or role in (
            Role.TITLE, Role.RECIPIENTS) else None
        add_style(styles, f.style_id, f.style, style_ppr(f),
                  style_rpr(f, fmt.font_for(role, profile_key, latin)), next_id=next_id,
                  based_on=f.based_on or "Normal")
    # 结束语: the body's format in a style of its own (based on the body style)
    closing = fmt.CLOSING
    add_style(styles, closing.style_id, closing.style, style_ppr(closing),
              style_rpr(closing, body_fonts), based_on=closing.based_on or "Normal")
    from .table import add_table_styles
    add_table_styles(styles, profile_key, latin)
    pn = fmt.PAGE_NUMBER
    add_style(styles, pn.style_id, pn.style, style_ppr(pn),
              style_rpr(pn, fmt.font_for("page_number", profile_key)))
    ox.strip_theme_fonts(styles)


def setup_font_table(package: Package, profile_key: str) -> None:
    """The profile's fonts in word/fontTable.xml, as Word writes Chinese fonts
    (the base package lists only Latin and Japanese ones): the GB2312
    character set and an alternative name, so that Word and WPS on a PC
    without 仿宋_GB2312 take 仿宋 instead of a guess."""
    table = package.part("word/fontTable.xml")
    listed = {f.get(w("name")) for f in table.findall(w("font"))}
    for name in dict.fromkeys(fmt.profile(profile_key).fonts.values()):
        if name in listed:
            continue
        font = ox.el("font", table, name=name)
        if name in fmt.FONT_ALT_NAMES:
            ox.el("altName", font, val=fmt.FONT_ALT_NAMES[name])
        ox.el("charset", font, val=fmt.FONT_CHARSET_GB2312)
        ox.el("family", font, val="auto")
        ox.el("pitch", font, val="variable")


def setup_package(package: Package, profile_key: str) -> None:
    """Point the theme's fonts at the profile (the base package carries no
    stylesWithEffects part and no thumbnail: tools/make_base_docx.py) and
    list them in the font table."""
    setup_font_table(package, profile_key)
    theme = package.target("word/document.xml", RT + "theme")
    if theme is None:
        return
    root = package.part(theme)
    for tag, key in (("majorFont", "title"), ("minorFont", "body")):
        for font in root.iter(f"{{{_DRAWINGML}}}{tag}"):
            name = fmt.font_name(key, profile_key)
            for slot in ("latin", "ea"):
                node = font.find(f"{{{_DRAWINGML}}}{slot}")
                if node is not None:
                    node.set("typeface", name)
