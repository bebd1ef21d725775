"""Page setup of a section: A4, margins, the 22-line grid, and the footers
that carry the page number "— N —" (odd pages right, even pages left)."""

from __future__ import annotations

from .. import gbt9704 as fmt
from . import oxml as ox
from .oxml import Element, w
from .package import R_NS, Package


def setup_section(package: Package, sp: Element, *, footers: bool, profile_key: str) -> None:
    """Geometry, grid, headers (empty) and footers (page numbers, or empty
    when ``footers`` is false) of the section whose w:sectPr is ``sp``: new
    header and footer parts in ``package``, odd (default) and even pages."""
    page = fmt.PAGE
    for tag in ("pgSz", "pgMar", "cols", "docGrid", "headerReference", "footerReference"):
        for old in sp.findall(w(tag)):
            sp.remove(old)
    ox.el("pgSz", sp, w=fmt.mm_to_twips(page.width_mm), h=fmt.mm_to_twips(page.height_mm))
    ox.el("pgMar", sp, top=fmt.mm_to_twips(page.top_mm), right=fmt.mm_to_twips(page.right_mm),
          bottom=fmt.mm_to_twips(page.bottom_mm), left=fmt.mm_to_twips(page.left_mm),
          header=fmt.mm_to_twips(page.header_mm), footer=fmt.mm_to_twips(page.footer_mm),
          gutter=0)
    ox.el("cols", sp, space=425)
    ox.doc_grid(sp, fmt.PAGE.line_pitch_twips)
    for odd in (True, False):
        rid = package.add_header_footer("footer", [
            page_number_paragraph(odd, profile_key) if footers else
            ox.empty_paragraph(fmt.PAGE_NUMBER.style_id)])
        ref = ox.el("footerReference", sp, type="default" if odd else "even")
        ref.set(f"{{{R_NS}}}id", rid)
    for odd in (True, False):
        rid = package.add_header_footer("header", [ox.empty_paragraph(fmt.PAGE_NUMBER.style_id)])
        ref = ox.el("headerReference", sp, type="default" if odd else "even")
        ref.set(f"{{{R_NS}}}id", rid)
    ox.order_sect_pr(sp)


def page_number_paragraph(odd: bool, profile_key: str) -> Element:
    """ "— N —": odd pages right with 1 character to spare, even pages left."""
    f = fmt.PAGE_NUMBER
    side = f.chars_to_twips(fmt.PAGE_NUMBER_SIDE_CHARS)
    chars = round(fmt.PAGE_NUMBER_SIDE_CHARS * 100)
    ind = {"right": side, "rightChars": chars} if odd else {"left": side, "leftChars": chars}
    rpr = ox.rpr(fmt.font_for("page_number", profile_key))
    before, after = fmt.page_number_text(0)
    return ox.paragraph(ox.ppr(style_id=f.style_id, ind=ind, jc="right" if odd else "left"),
                        ox.run(before, rpr), *ox.page_field(rpr, "1" if odd else "2"),
                        ox.run(after, rpr))
