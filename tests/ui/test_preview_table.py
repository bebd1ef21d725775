"""The preview draws the 主要指标完成情况表 as the export prints it
(desktop/ui/page_layout.py ``_place_table``, desktop/ui/preview.py
``PageCanvas._paint_grid``): the export's columns, one row a line of the
layout model (``TABLE_ROW_TWIPS``), the names left, units centred, numbers
right, the header row again on a page the table continues on, and the
grid lines painted on the page."""

from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QImage, QPainter

from desktop import gbt9704 as fmt
from desktop.examples import load_example
from desktop.indicators import HEADER, NUMERIC_COLUMNS
from desktop.layout import lay_out, table_column_widths
from desktop.model import Document, Figure, Role
from desktop.render import render
from desktop.ui.page_layout import MARGIN_LEFT, MARGIN_TOP, PITCH, PageSet, Placed, U
from desktop.ui.page_layout import lay_out as preview_lay_out
from desktop.ui.preview import PageCanvas

ROW = fmt.TABLE_ROW_TWIPS / 20 * U  # a row's height in the preview's units
MARGIN = fmt.TABLE_CELL_MARGIN_TWIPS / 20 * U


def county(extra: int = 0) -> Document:
    """report-county, its table ``extra`` indicators longer."""
    doc = load_example("report-county")
    for i in range(extra):
        name = f"第{i + 1}项补充指标"
        doc.figures.append(Figure(name=name, unit="个", last=100 + i, value=110 + i,
                                  target=120 + i))
        doc.properties.table_figures.append(name)
    return doc


def shown(doc: Document) -> PageSet:
    return preview_lay_out(render(doc), profile=doc.settings.font_profile,
                           latin=doc.settings.latin_font)


def export_edges() -> list[float]:
    """The export's column boundaries, in the preview's units from the page's left."""
    edges = [MARGIN_LEFT]
    for width in table_column_widths():
        edges.append(edges[-1] + width / 20 * U)
    return edges


def table_items(pages: PageSet) -> list[Placed]:
    return [p for p in pages.placed if p.role == Role.ANNEX_TABLE]


def cell_box(item: Placed, text: str) -> tuple[float, float]:
    """Left and right edge (units from the page's left) of the glyphs of
    the first cell of the table's layout whose text is ``text``."""
    layout = item.layout
    full = layout.text()
    start = next(i for i in range(len(full)) if full.startswith(text, i)
                 and (i == 0 or full[i - 1] == "\u2028")
                 and full[i + len(text):i + len(text) + 1] in ("", "\u2028"))
    runs = layout.glyphRuns(start, len(text))
    assert runs
    left = min(r.boundingRect().left() for r in runs)
    right = max(r.boundingRect().right() for r in runs)
    return MARGIN_LEFT + left, MARGIN_LEFT + right


def test_the_county_table_is_drawn_as_the_export_prints_it(qapp):
    doc = county()
    pages = shown(doc)
    core = lay_out(doc, render(doc))
    assert pages.pages == core.pages
    table = next(pb for pb in core.blocks if pb.placement.role == Role.ANNEX_TABLE)
    cells = table.placement.block.cells
    assert cells[0] == HEADER and len(cells) == 12  # the header and 11 indicators
    assert len(pages.grids) == len(table.pieces) == 1
    grid, piece = pages.grids[0], table.pieces[0]
    # six columns at the export's boundaries
    assert len(grid.xs) == 7
    assert all(abs(a - b) < 1e-6 for a, b in zip(grid.xs, export_edges()))
    # one row per indicator and the header, each at the model's row height, on its page
    assert grid.page == piece.page
    assert len(grid.ys) == len(cells) + 1
    assert abs(grid.ys[0] - (MARGIN_TOP + piece.top / 20 * U)) < 1e-6
    steps = [b - a for a, b in zip(grid.ys, grid.ys[1:])]
    assert all(abs(s - ROW) < 1e-6 for s in steps)
    assert abs(grid.width - fmt.TABLE_BORDER.size_eighths / 8 * U) < 1e-9
    assert grid.color == "#" + fmt.TABLE_BORDER.color

    item, = table_items(pages)
    edges = export_edges()
    for row in cells[1:]:
        for c in NUMERIC_COLUMNS:  # numbers end a cell margin from the column's right
            if row[c]:
                left, right = cell_box(item, row[c])
                assert abs(right - (edges[c + 1] - MARGIN)) < MARGIN / 2, (row, c)
                assert left > edges[c] + MARGIN
        left, right = cell_box(item, row[0])  # the name starts a margin from the left
        assert abs(left - (edges[0] + MARGIN)) < MARGIN / 2, row
        left, right = cell_box(item, row[1])  # the unit is centred
        assert abs((left + right) / 2 - (edges[1] + edges[2]) / 2) < MARGIN / 2, row
    for c, name in enumerate(HEADER):  # the header row centred in every column
        left, right = cell_box(item, name)
        assert abs((left + right) / 2 - (edges[c] + edges[c + 1]) / 2) < MARGIN / 2, name


def test_the_text_of_a_row_stays_in_its_row(qapp):
    pages = shown(county())
    item, = table_items(pages)
    layout, grid = item.layout, pages.grids[0]
    top = MARGIN_TOP + item.line * PITCH - item.y0  # the layout's origin on the page
    assert abs(top - grid.ys[0]) < 1e-6
    assert layout.lineCount() == 6 * (len(grid.ys) - 1)  # a line a cell
    for i in range(layout.lineCount()):
        line = layout.lineAt(i)
        row = i // 6
        assert grid.ys[row] < top + line.y() < top + line.y() + line.height() < grid.ys[row + 1]
        # centred in the row
        middle = top + line.y() + line.height() / 2
        assert abs(middle - (grid.ys[row] + grid.ys[row + 1]) / 2) < 0.05


def test_a_long_table_repeats_its_header_row_on_the_next_page(qapp):
    doc = county(30)
    pages = shown(doc)
    core = lay_out(doc, render(doc))
    assert pages.pages == core.pages
    table = next(pb for pb in core.blocks if pb.placement.role == Role.ANNEX_TABLE)
    assert len(table.pieces) == 2 == len(pages.grids)
    first, second = table.pieces
    assert (first.header, second.header) == (0, fmt.TABLE_ROW_TWIPS)
    assert second.top == fmt.TABLE_ROW_TWIPS and second.first == first.count
    for piece, grid in zip(table.pieces, pages.grids):
        assert grid.page == piece.page
        # the model's rows on that page, and the repeated header
        assert len(grid.ys) - 1 == piece.count + (1 if piece.header else 0)
    header = [p for p in table_items(pages) if p.page == second.page
              and p.layout.text().split("\u2028") == list(HEADER)]
    assert len(header) == 1
    assert abs(MARGIN_TOP + header[0].line * PITCH - pages.grids[1].ys[0]) < 1e-6
    assert abs(header[0].lines * PITCH - ROW) < 1e-6


def test_the_canvas_paints_the_grid_lines(qapp):
    pages = shown(county())
    grid = pages.grids[0]
    canvas = PageCanvas()
    canvas.resize(900, 100)
    canvas.set_width(900)
    canvas.set_pages(pages)
    rect = canvas.page_rect(grid.page)
    image = QImage(rect.toAlignedRect().size(), QImage.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    canvas.render(painter, QPoint(0, 0), rect.toAlignedRect())
    painter.end()
    scale = canvas.scale
    origin = rect.toAlignedRect().topLeft()

    def dark(x: float, y: float) -> bool:
        px = QPoint(round(x * scale + rect.left() - origin.x()),
                    round(y * scale + rect.top() - origin.y()))
        return QColor(image.pixel(px)).lightness() < 160

    def line_across(y: float) -> bool:  # dark on the line (or the pixel next to it)
        xs = [grid.xs[0] + (grid.xs[-1] - grid.xs[0]) * k / 40 for k in range(1, 40)]
        return all(dark(x, y) or dark(x, y + 1 / scale) or dark(x, y - 1 / scale) for x in xs)

    def line_down(x: float) -> bool:
        ys = [grid.ys[0] + (grid.ys[-1] - grid.ys[0]) * k / 40 for k in range(1, 40)]
        return all(dark(x, y) or dark(x + 1 / scale, y) or dark(x - 1 / scale, y) for y in ys)

    assert all(line_across(y) for y in grid.ys)
    assert all(line_down(x) for x in grid.xs)
    # and not between the lines: half-way down a row, left of the first name
    assert not dark(grid.xs[0] + MARGIN / 2, (grid.ys[1] + grid.ys[2]) / 2)


def test_a_name_on_two_lines_makes_its_row_taller(qapp):
    # the name column holds 9 characters: a longer name wraps, and LibreOffice
    # prints the row two lines (TABLE_LINE_TWIPS each) high
    doc = county()
    for i in range(3):
        doc.figures.append(Figure(name=f"义务教育学校标准化达标率{i}", unit="%", last=90, value=91))
        doc.properties.table_figures.append(f"义务教育学校标准化达标率{i}")
    pages = shown(doc)
    core = lay_out(doc, render(doc))
    assert pages.pages == core.pages
    table = next(pb for pb in core.blocks if pb.placement.role == Role.ANNEX_TABLE)
    assert table.heights == [fmt.TABLE_ROW_TWIPS] * 12 + [2 * fmt.TABLE_LINE_TWIPS] * 3
    grid, = pages.grids
    steps = [b - a for a, b in zip(grid.ys, grid.ys[1:])]
    assert all(abs(s - h / 20 * U) < 1e-6 for s, h in zip(steps, table.heights))
    item, = table_items(pages)
    top = MARGIN_TOP + item.line * PITCH - item.y0
    layout = item.layout
    name_lines = [layout.lineAt(i) for i in range(layout.lineCount())
                  if layout.text()[layout.lineAt(i).textStart()] in "义达"]
    assert len(name_lines) == 6  # three names on two lines each
    for k, line in enumerate(name_lines):
        row = 12 + k // 2
        middle = top + line.y() + line.height() / 2
        assert grid.ys[row] < middle < grid.ys[row + 1]
        assert abs(MARGIN_LEFT + line.x() - (grid.xs[0] + MARGIN)) < 1e-3  # flush left
