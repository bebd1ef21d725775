"""The indicators table (主要指标完成情况表) as a real Word table.

What WPS, Word and LibreOffice each read, written consistently: ``w:tblW``,
``w:gridCol`` and ``w:tcW`` from ``layout.table_column_widths`` (they add
up to the text block), fixed layout, the header row repeated on every page
(``w:tblHeader``), rows that do not split.  The table has its own table
style (指标表: lines, cell margins, 仿宋 text, a 黑体 header row) and its
cells their own paragraph styles (指标表正文 / 指标表表头: single spacing,
not the body's exact 28.95 pt, or rows blow up); runs repeat the fonts for
readers that ignore table styles.  Numbers are right-aligned.
"""

from __future__ import annotations

from .. import gbt9704 as fmt
from ..indicators import NUMERIC_COLUMNS
from ..layout import Placement, table_column_widths
from ..model import Role
from . import oxml as ox
from .oxml import Element, w
from .styles import style_ppr, style_rpr

_BORDER_SIDES = ("top", "left", "bottom", "right", "insideH", "insideV")


def _borders(parent: Element) -> None:
    b = ox.el("tblBorders", parent)
    r = fmt.TABLE_BORDER
    for side in _BORDER_SIDES:
        ox.el(side, b, val="single", sz=r.size_eighths, space=0, color=r.color)


def _cell_margins(parent: Element) -> None:
    m = ox.el("tblCellMar", parent)
    for side in ("left", "right"):
        ox.el(side, m, w=fmt.TABLE_CELL_MARGIN_TWIPS, type="dxa")


def add_table_styles(styles: Element, profile: str, latin: str) -> None:
    """The header cells' paragraph style and the table style 指标表."""
    head = fmt.TABLE_HEADER
    from .styles import add_style
    add_style(styles, head.style_id, head.style, style_ppr(head),
              style_rpr(head, fmt.font_for(Role.HEADING1, profile)), based_on=head.based_on)
    cell = fmt.FORMATS[Role.ANNEX_TABLE]
    name, style_id = fmt.TABLE_STYLE
    st = ox.el("style", styles, type="table", styleId=style_id, customStyle="1")
    ox.el("name", st, val=name)
    ox.el("basedOn", st, val="TableNormal")
    ox.el("qFormat", st)
    st.append(style_ppr(cell))
    st.append(style_rpr(cell, fmt.font_for(Role.ANNEX_TABLE, profile, latin)))
    tbl_pr = ox.el("tblPr", st)
    _borders(tbl_pr)
    _cell_margins(tbl_pr)
    first = ox.el("tblStylePr", st, type="firstRow")
    ox.el("jc", ox.el("pPr", first), val="center")
    first.append(ox.rpr(fmt.font_for(Role.HEADING1, profile)))
    ox.el("tblHeader", ox.el("trPr", first))


def _cell(tr: Element, width: int, text: str, style_id: str, jc: str, run_props) -> None:
    tc = ox.el("tc", tr)
    tc_pr = ox.el("tcPr", tc)
    ox.el("tcW", tc_pr, w=width, type="dxa")
    ox.el("vAlign", tc_pr, val="center")
    p = ox.paragraph(ox.ppr(style_id=style_id, jc=jc))
    if text:
        p.append(ox.run(text, run_props))
    tc.append(p)


def build_table(wr, p: Placement, following: Placement | None) -> Element:
    rows = p.block.cells
    widths = table_column_widths()
    tbl = ox.el("tbl")
    tbl_pr = ox.el("tblPr", tbl)
    ox.el("tblStyle", tbl_pr, val=fmt.TABLE_STYLE[1])
    ox.el("tblW", tbl_pr, w=sum(widths), type="dxa")
    ox.el("jc", tbl_pr, val="center")
    _borders(tbl_pr)
    ox.el("tblLayout", tbl_pr, type="fixed")
    _cell_margins(tbl_pr)
    ox.el("tblLook", tbl_pr, val="0420", firstRow="1", lastRow="0", firstColumn="0",
          lastColumn="0", noHBand="1", noVBand="1")
    grid = ox.el("tblGrid", tbl)
    for width in widths:
        ox.el("gridCol", grid, w=width)
    head_rpr = wr.rpr(Role.HEADING1)
    body_rpr = wr.rpr(Role.ANNEX_TABLE)
    cell_style = fmt.FORMATS[Role.ANNEX_TABLE].style_id
    for i, row in enumerate(rows):
        tr = ox.el("tr", tbl)
        tr_pr = ox.el("trPr", tr)
        ox.el("cantSplit", tr_pr)
        ox.el("trHeight", tr_pr, val=fmt.TABLE_ROW_TWIPS, hRule="atLeast")
        if i == 0:
            ox.el("tblHeader", tr_pr)
        for c, width in enumerate(widths):
            text = row[c] if c < len(row) else ""
            if i == 0:
                _cell(tr, width, text, fmt.TABLE_HEADER.style_id, "center", head_rpr)
            else:
                jc = "right" if c in NUMERIC_COLUMNS else ("center" if c == 1 else "left")
                _cell(tr, width, text, cell_style, jc, body_rpr)
    return tbl


def is_table(element: Element) -> bool:
    return element.tag == w("tbl")
