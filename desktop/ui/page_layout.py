"""The preview's pages: the rendered blocks set as QTextLayouts on A4 pages.

``lay_out`` places the rendered blocks on A4 pages on the 22 × 28 grid of
GB/T 9704 — fonts and sizes from the format table (``desktop.gbt9704``),
fixed line pitch, first-line indent, title block, signature and date, 版记
at the foot of its page, the red separator, the indicators table in the
export's columns and grid lines (``TableGrid``) — as the core layout model
(``desktop.layout``, with the window's ``QtMeasurer``) breaks the lines and
the pages, so the pages shown, the page count in the status bar and the
export agree.  ``LayoutCache`` keeps the QTextLayouts by paragraph content,
so an edit re-lays out only the paragraphs that changed; ``lay_out_steps``
does the work in steps a long first layout spreads over the event loop.
``desktop.ui.preview`` paints the result.

Geometry is kept in "units" of a quarter point so fonts can be set by
pixel size, independent of the screen's DPI; the painter scales units to
pixels.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QFont, QTextCharFormat, QTextLayout, QTextOption

from .. import gbt9704 as fmt_table
from ..indicators import NUMERIC_COLUMNS
from ..layout import (LineMeasurer, PlacedBlock, measured_lines, paginate, place,
                      table_column_widths)
from ..linebreak import grid_width
from ..model import IMPRINT_ROLES
from ..render import RenderedDocument
from .measure import QtMeasurer

U = 4.0  # units per point
MM = 72.0 / 25.4 * U  # units per millimetre

_PAGE = fmt_table.PAGE
PAGE_W, PAGE_H = _PAGE.width_mm * MM, _PAGE.height_mm * MM
MARGIN_TOP, MARGIN_LEFT = _PAGE.top_mm * MM, _PAGE.left_mm * MM
BLOCK_W, BLOCK_H = _PAGE.text_width_mm * MM, _PAGE.text_height_mm * MM
LINES_PER_PAGE = _PAGE.lines
PITCH = _PAGE.line_pitch_pt * U  # 28.95 pt

# Families to try after the official name, per font key: the look-alikes a
# machine without the official fonts has (Windows' own, then generic).
_FALLBACK_FAMILIES = {
    "title": ["方正小标宋简体", "方正小标宋_GBK", "小标宋", "宋体", "SimSun", "serif"],
    "body": ["仿宋_GB2312", "仿宋", "FangSong", "STFangsong", "serif"],
    "heading1": ["黑体", "SimHei", "Heiti SC", "sans-serif"],
    "heading2": ["楷体_GB2312", "楷体", "KaiTi", "STKaiti", "serif"],
    "page_number": ["宋体", "SimSun", "serif"],
}


@dataclass(frozen=True)
class RoleFormat:
    """What the preview needs of a role's format (from ``desktop.gbt9704``)."""

    families: tuple[str, ...]
    size: float  # pt
    bold: bool = False
    align: str = "justify"  # left, center, right, justify
    indent: float = 0  # first-line indent, characters (relative to ``left``)
    left: float = 0  # characters
    right: float = 0  # characters
    color: str = "#000000"
    spacing: float = 0  # letter spacing, pt

    @property
    def char(self) -> float:
        """One character of this role, in units."""
        return self.size * U

    def with_(self, **changes) -> "RoleFormat":
        from dataclasses import replace
        return replace(self, **changes)


def _families(key: str, profile: str, latin: str) -> tuple[str, ...]:
    official = fmt_table.font_name(key, profile)
    names = [official] + [n for n in _FALLBACK_FAMILIES.get(key, []) if n != official]
    if latin and key not in ("title", "page_number"):
        names.insert(0, latin)
    return tuple(names)


@lru_cache(maxsize=256)
def role_format(role: str, profile: str = "gb2312", latin: str = "") -> RoleFormat:
    if role == "page_number":
        f = fmt_table.PAGE_NUMBER
    else:
        f = fmt_table.format_for(role if role in fmt_table.FORMATS else "body", profile)
    align = {"both": "justify", "center": "center", "left": "left",
             "right": "right"}.get(f.align, "justify")
    return RoleFormat(_families(f.font, profile, latin), f.size_pt, f.bold, align,
                      f.first_line_chars - f.hanging_chars, f.left_chars, f.right_chars,
                      "#" + f.color if not f.color.startswith("#") else f.color,
                      f.char_spacing_twips / fmt_table.TWIPS_PER_PT)


@dataclass
class Placed:
    """One paragraph (or its part) on one page."""

    page: int
    line: float  # where it starts on the page, in grid lines (0–22)
    lines: float  # grid lines it takes on this page
    layout: QTextLayout
    first_layout_line: int  # the paragraph's first line shown here
    section_id: str
    role: str
    color: str = "#000000"
    y0: float = 0.0  # layout y of the top of the first line shown here


@dataclass
class Rule:
    page: int
    y: float  # units from the page's top
    width: float  # pen width, units
    color: str


@dataclass
class TableGrid:
    """The lines of a table's rows on one page, in units from the page's top
    left: across at each of ``ys`` (the rows' edges) from the first to the
    last of ``xs``, down at each of ``xs`` (the columns' edges) from the
    first to the last of ``ys``."""

    page: int
    ys: tuple[float, ...]
    xs: tuple[float, ...]
    width: float  # pen width, units
    color: str


@dataclass
class PageSet:
    pages: int = 1
    placed: list[Placed] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    grids: list[TableGrid] = field(default_factory=list)
    characters: int = 0
    first_place: dict[str, tuple[int, float]] = field(default_factory=dict)  # section → (page, line)
    unnumbered: set[int] = field(default_factory=set)  # pages without a page number (版记)


class LayoutCache:
    """QTextLayouts by paragraph content, so an edit re-lays out only the
    paragraphs that changed."""

    def __init__(self):
        self._layouts: dict[tuple, tuple[QTextLayout, list[int]]] = {}
        self._fonts: dict[tuple, QFont] = {}
        self._used: set[tuple] = set()

    def font(self, fmt: RoleFormat, bold: bool | None = None) -> QFont:
        key = (fmt.families, fmt.size, fmt.bold if bold is None else bold, fmt.spacing)
        font = self._fonts.get(key)
        if font is None:
            font = QFont()
            font.setFamilies(list(fmt.families))
            font.setPixelSize(max(1, round(fmt.size * U)))
            font.setBold(key[2])
            if fmt.spacing:  # e.g. −0.25 pt so that 28 characters fill a line
                font.setLetterSpacing(QFont.AbsoluteSpacing, fmt.spacing * U)
            font.setKerning(False)
            self._fonts[key] = font
        return font

    def begin(self) -> None:
        self._used = set()

    def end(self) -> None:
        for key in list(self._layouts):
            if key not in self._used:
                del self._layouts[key]

    def paragraph(self, text: str, fmt: RoleFormat, *, bold_prefix: int = 0,
                  x: float | None = None, columns: tuple[int, ...] | None = None,
                  line_units: float | None = None,
                  bold_spans: tuple = ()) -> tuple[QTextLayout, list[int]]:
        """A laid-out paragraph and the grid lines each of its lines takes.

        ``x`` places a one-line paragraph (signature, date) at that offset;
        ``columns`` are the characters of each line as the layout model broke
        them (each line then ``line_units`` high), else Qt wraps the text;
        ``bold_spans`` are (start, end) runs set in bold (一是…二是…)."""
        if bold_prefix:
            bold_spans = ((0, bold_prefix),) + tuple(bold_spans)
        key = (text, fmt, tuple(bold_spans), x, columns, line_units)
        self._used.add(key)
        hit = self._layouts.get(key)
        if hit is not None:
            return hit
        font = self.font(fmt)
        layout = QTextLayout(text or " ", font)
        align = {"left": Qt.AlignLeft, "center": Qt.AlignHCenter, "right": Qt.AlignRight,
                 "justify": Qt.AlignJustify}[fmt.align if x is None else "left"]
        option = QTextOption(align)
        option.setWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        ranges = []
        for a, b in bold_spans:
            rng = QTextLayout.FormatRange()
            rng.start, rng.length = a, b - a
            cf = QTextCharFormat()
            cf.setFont(self.font(fmt, bold=True))
            rng.format = cf
            ranges.append(rng)
        if ranges:
            layout.setFormats(ranges)
        grid = max(1, math.ceil(fmt.size * U * 1.2 / PITCH))
        right = BLOCK_W - fmt.right * fmt.char
        spans: list[int] = []
        layout.beginLayout()
        y = 0.0
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            if x is not None:
                left = x
            else:
                left = (fmt.left + (fmt.indent if not spans else 0)) * fmt.char
            width = max(fmt.char, right - left)
            if columns is not None:
                if len(spans) >= len(columns):
                    line.setNumColumns(0)
                    break
                # the layout model's line; justified (but not the last) to the line's width
                count = columns[len(spans)] or 1
                line.setNumColumns(count, width)
                if line.textLength() < count:  # a ， or 。 hanging in the margin: let it
                    line.setNumColumns(count, width + fmt.char)
                step = line_units or PITCH
                line.setPosition(QPointF(left, y + (step - line.height()) / 2))
                spans.append(1)
                y += step
                continue
            line.setLineWidth(width)
            line.setPosition(QPointF(left, y + (grid * PITCH - line.height()) / 2))
            spans.append(grid)
            y += grid * PITCH
        layout.endLayout()
        self._layouts[key] = (layout, spans)
        return layout, spans


    def table(self, cells: tuple[tuple[str, ...], ...], body: RoleFormat, head: RoleFormat,
              edges: tuple[float, ...], rows: tuple[float, ...]) -> QTextLayout:
        """A table's cells (the header row first) as one layout, each cell
        placed in its column (x from the text block's left) and its row
        (``rows``: their heights, units), centred in the row's height; names
        left, units centred, numbers right and the header row centred in
        ``head``'s font, as the export aligns them."""
        key = ("table", cells, body, head, edges, rows)
        self._used.add(key)
        hit = self._layouts.get(key)
        if hit is not None:
            return hit[0]
        texts = [c for row in cells for c in row]
        starts = [0]
        for t in texts:
            starts.append(starts[-1] + len(t) + 1)
        layout = QTextLayout("\u2028".join(texts) or " ", self.font(body))
        if cells:
            rng = QTextLayout.FormatRange()
            rng.start, rng.length = 0, starts[len(cells[0])]
            cf = QTextCharFormat()
            cf.setFont(self.font(head))
            rng.format = cf
            layout.setFormats([rng])
        option = QTextOption(Qt.AlignLeft)
        option.setWrapMode(QTextOption.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        margin = fmt_table.TABLE_CELL_MARGIN_TWIPS / 20 * U
        columns = len(edges) - 1
        per_cell: dict[int, list] = {}
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            cell = bisect_right(starts, line.textStart()) - 1
            c = cell % columns if cells else 0
            line.setLineWidth(max(1.0, edges[c + 1] - edges[c] - 2 * margin))
            per_cell.setdefault(cell, []).append(line)
        layout.endLayout()
        pitch = fmt_table.TABLE_LINE_TWIPS / 20 * U  # the lines of a cell
        for cell, lines in per_cell.items():
            r, c = divmod(cell, columns)
            y = sum(rows[:r]) + (rows[r] - len(lines) * pitch) / 2 if r < len(rows) else 0
            inner = edges[c + 1] - edges[c] - 2 * margin
            for line in lines:
                free = max(0.0, inner - line.naturalTextWidth())
                if r == 0 or c == 1:  # the header row, the unit column
                    free /= 2
                elif c not in NUMERIC_COLUMNS:
                    free = 0
                line.setPosition(QPointF(edges[c] + margin + free, y + (pitch - line.height()) / 2))
                y += pitch
        self._layouts[key] = (layout, [])
        return layout


_NO_COUNT = {"page_break", "red_header", "doc_number"}


def _count(text: str) -> int:
    """Characters as a word processor counts them: without white space."""
    return len("".join(text.split()))


def lay_out(rendered: RenderedDocument, *, profile: str = "gb2312", latin: str = "",
            cache: LayoutCache | None = None) -> PageSet:
    """Place the rendered blocks on pages (see the module's docstring)."""
    steps = lay_out_steps(rendered, profile=profile, latin=latin, cache=cache)
    while True:
        try:
            next(steps)
        except StopIteration as done:
            return done.value


STEP_BLOCKS = 32  # blocks placed between two yields of ``lay_out_steps``
_TW = fmt_table.PAGE.line_pitch_twips  # twips of one grid line


def measurer_for(profile: str, latin: str) -> QtMeasurer:
    """The window's measurer: the preview's fonts (with their fallbacks)."""
    def families(role: str) -> list[str]:
        return list(role_format(role if role in fmt_table.FORMATS else "body", profile,
                                latin).families)
    return QtMeasurer(families)


def lay_out_steps(rendered: RenderedDocument, *, profile: str = "gb2312", latin: str = "",
                  cache: LayoutCache | None = None, measurer: LineMeasurer | None = None):
    """``lay_out`` in steps: a generator yielding the fraction done every
    ``STEP_BLOCKS`` blocks and returning the ``PageSet`` (so a long first
    layout can be spread over several turns of the event loop).

    Where every line and page breaks is the core layout model's
    (``desktop.layout``, with the window's ``QtMeasurer``): the preview draws
    the lines it sets, so the pages shown, the page count and the export agree."""
    cache = cache or LayoutCache()
    cache.begin()
    measurer = measurer or measurer_for(profile, latin)
    out = PageSet()
    imprint = [b for b in rendered.blocks if b.role in IMPRINT_ROLES]
    placements = place(rendered, profile)
    measured: list[list[str]] = []
    total = 2 * max(1, len(placements))
    for index, p in enumerate(placements):  # measuring is most of the work: in steps
        if index % STEP_BLOCKS == 0 and index:
            yield index / total
        measured.append(measured_lines(p, measurer, profile))
    core = paginate(placements, measurer, imprint=imprint, profile=profile,
                    lines_of=[len(lines) for lines in measured])
    out.unnumbered = core.unnumbered_pages
    for index, pb in enumerate(core.blocks):
        if index % STEP_BLOCKS == 0 and index:
            yield (len(placements) + index) / total
        p = pb.placement
        block = p.block
        role = p.role
        if block.role == "page_break":  # a trailing page break: an empty page
            continue
        fmt = role_format(role, profile, latin)
        text = p.text
        columns: tuple[int, ...] | None = None
        if role == "annex_table" and block.cells:
            out.characters += _count("".join(c for row in block.cells for c in row))
            _place_table(out, cache, pb, profile, latin)
            continue
        if role == "issuer":  # 发文字号 left, the names ending one character from the right
            label = block.number or "　" * int(grid_width(fmt_table.SIGNER_LABEL))
            right = label + block.title
            pad = fmt_table.PAGE.chars - 2 - grid_width(block.text) \
                - grid_width(right)
            text = block.text + "　" * max(1, int(pad)) + right
        else:  # the lines the layout model set
            lines = measured[index]
            columns = tuple(len(t) for t in lines)
            text = "".join(lines)
        if role not in _NO_COUNT:
            out.characters += _count(text)
        x = None
        bold = p.bold_prefix
        if role == "red_header":
            fmt = fmt.with_(size=p.size_pt)
        elif role in ("signature", "notice_signature", "date", "notice_date"):
            x = max(0.0, BLOCK_W - (p.right_chars + grid_width(text)) * fmt.char)
        elif role == "attachment":
            fmt = fmt.with_(left=p.left_chars, indent=p.first_line_chars - p.hanging_chars)
        if bold:
            bold = bold if fmt.bold else 0
            fmt = fmt.with_(bold=False)
        line_units = p.line / 20 * U
        layout, spans = cache.paragraph(text, fmt, bold_prefix=bold, x=x, columns=columns,
                                        line_units=line_units if columns else None,
                                        bold_spans=tuple(getattr(block, "bold", ()))
                                        if role == "body" and text == block.text else ())
        for piece in pb.pieces:
            first_y = sum(spans[:piece.first]) * PITCH if not columns \
                else piece.first * line_units
            height = sum(spans[piece.first:piece.first + piece.count]) * PITCH \
                if not columns else piece.count * line_units
            top = piece.top / _TW
            out.placed.append(Placed(piece.page, top, height / PITCH, layout, piece.first,
                                     block.section_id, block.role, fmt.color, first_y))
            out.first_place.setdefault(block.section_id, (piece.page, top))
        following = core.blocks[index + 1].placement.role if index + 1 < len(core.blocks) else ""
        if pb.pieces and (role == "doc_number" or (role == "issuer" and following != "issuer")):
            # the red separator, about 4 mm below the 发文字号 (上行文: its 签发人 line)
            last = pb.pieces[-1]
            end = (last.top + last.count * p.line) / _TW
            out.rules.append(Rule(last.page, MARGIN_TOP + end * PITCH + 4 * MM - PITCH / 2,
                                  fmt_table.RED_SEPARATOR.width_mm * MM, "#ff0000"))

    if imprint and core.imprint is not None:
        _place_imprint(imprint, out, cache, profile, latin, core.imprint.page)
    out.pages = max(core.pages, max((p.page for p in out.placed), default=0) + 1)
    cache.end()
    return out


def table_columns() -> tuple[float, ...]:
    """The edges of the indicators table's columns, units from the text block's
    left: the export's column widths (``desktop.layout.table_column_widths``)."""
    edges = [0.0]
    for width in table_column_widths():
        edges.append(edges[-1] + width / 20 * U)
    return tuple(edges)


def _place_table(out: PageSet, cache: LayoutCache, pb: PlacedBlock, profile: str,
                 latin: str) -> None:
    """The indicators table as the export prints it: the layout model's rows
    (``pb.heights``) on their pages, the cells aligned in the export's
    columns, the grid lines, and the header row again at the top of a page
    the table continues on."""
    block = pb.placement.block
    body = role_format("annex_table", profile, latin)
    head = body.with_(families=role_format("heading1", profile, latin).families)
    rows = tuple(h / 20 * U for h in pb.heights)  # units
    edges = table_columns()
    cells = tuple(tuple(row[c] if c < len(row) else "" for c in range(len(edges) - 1))
                  for row in block.cells)
    layout = cache.table(cells, body, head, edges, rows)
    header = cache.table(cells[:1], body, head, edges, rows[:1])
    starts = [sum(rows[:i]) for i in range(len(rows) + 1)]  # each row's top in the layout
    border = fmt_table.TABLE_BORDER
    for piece in pb.pieces:
        top = MARGIN_TOP + piece.top / 20 * U
        y0 = starts[piece.first]
        ys = [top + y - y0 for y in starts[piece.first:piece.first + piece.count + 1]]
        if piece.header:
            out.placed.append(Placed(piece.page, piece.top / _TW - piece.header / _TW,
                                     piece.header / _TW, header, 0, block.section_id,
                                     block.role))
            ys.insert(0, top - piece.header / 20 * U)
        out.placed.append(Placed(piece.page, piece.top / _TW, (ys[-1] - top) / PITCH,
                                 layout, piece.first, block.section_id, block.role, y0=y0))
        out.first_place.setdefault(block.section_id, (piece.page, piece.top / _TW))
        out.grids.append(TableGrid(piece.page, tuple(ys),
                                   tuple(MARGIN_LEFT + x for x in edges),
                                   border.size_eighths / 8 * U, "#" + border.color))


def _place_imprint(blocks, out: PageSet, cache: LayoutCache, profile, latin, page):
    """版记 (抄送, 印发机关和日期) at the foot of its page (the layout model's), between rules."""
    items = []
    for b in blocks:
        fmt = role_format(b.role, profile, latin)
        out.characters += _count(b.text + b.title)
        layout, spans = cache.paragraph(b.text, fmt)
        items.append((b, layout, spans, fmt))
        if b.role == "printer" and b.title:  # the print date, on the organ's line
            right = fmt.with_(align="right", left=0, indent=0)
            d_layout, d_spans = cache.paragraph(b.title, right)
            items.append((b, d_layout, d_spans, None))
    needed = sum(sum(s) for b, _, s, f in items if f is not None)
    start = LINES_PER_PAGE - needed
    y = start
    thick = fmt_table.IMPRINT_THICK.width_mm * MM
    thin = fmt_table.IMPRINT_THIN.width_mm * MM
    rules = [Rule(page, MARGIN_TOP + start * PITCH, thick, "#000000")]
    for b, layout, spans, fmt in items:
        if fmt is None:
            out.placed.append(Placed(page, y - sum(spans), sum(spans), layout, 0, b.section_id,
                                     b.role))
            continue
        if b.role == "printer" and y > start:
            rules.append(Rule(page, MARGIN_TOP + y * PITCH, thin, "#000000"))
        out.placed.append(Placed(page, y, sum(spans), layout, 0, b.section_id, b.role))
        y += sum(spans)
    rules.append(Rule(page, MARGIN_TOP + y * PITCH, thick, "#000000"))
    out.rules.extend(rules)
    out.pages = max(out.pages, page + 1)
