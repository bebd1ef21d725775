"""Live preview of the whole document as it will print.

- ``LiveRender`` (``live_render``) renders the open document; the preview
  shows what it hands over.
- ``desktop.ui.page_layout`` sets the rendered blocks on A4 pages as the
  core layout model breaks them (so the page count in the status bar is
  the printed one's estimate).
- ``PreviewPane`` paints the pages (only the visible ones), lays out a long
  document in slices between turns of the event loop, scrolls to the
  section being edited, and maps a click back to its section.
"""

from __future__ import annotations

import math
import time

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFont, QPainter, QPalette, QPen
from PySide6.QtWidgets import QScrollArea, QSizePolicy, QWidget

from .. import gbt9704 as fmt_table
from ..render import RenderedDocument
from .live_render import LiveRender
from .page_layout import (BLOCK_H, BLOCK_W, MARGIN_LEFT, MARGIN_TOP, MM, PAGE_H, PAGE_W, PITCH, U,
                          LayoutCache, PageSet, Placed, TableGrid, lay_out_steps,
                          role_format)

PAGE_GAP = 14.0  # pixels between pages on screen


# -- the pages on screen -------------------------------------------------------------------
class PageCanvas(QWidget):
    sectionClicked = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.pages = PageSet()
        self.scale = 0.3  # pixels per unit
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)
        self.setAttribute(Qt.WA_OpaquePaintEvent, False)
        self.highlight = ""

    def set_pages(self, pages: PageSet) -> None:
        self.pages = pages
        self._update_size()
        self.update()

    def set_width(self, width: int) -> None:
        """Pages as wide as the pane allows (there is no horizontal scrolling):
        in a narrow pane they shrink to thumbnails rather than lose their
        right side."""
        scale = max(0.01, (width - 2 * PAGE_GAP) / PAGE_W)
        if abs(scale - self.scale) > 1e-6:
            self.scale = scale
            self._update_size()
            self.update()

    def page_rect(self, page: int) -> QRectF:
        w, h = PAGE_W * self.scale, PAGE_H * self.scale
        x = max(PAGE_GAP, (self.width() - w) / 2)
        return QRectF(x, PAGE_GAP + page * (h + PAGE_GAP), w, h)

    def _update_size(self) -> None:
        h = PAGE_GAP + self.pages.pages * (PAGE_H * self.scale + PAGE_GAP)
        self.setFixedHeight(int(math.ceil(h)))

    def sizeHint(self) -> QSize:
        return QSize(int(PAGE_W * self.scale + 2 * PAGE_GAP), self.height())

    def y_of(self, page: int, line: float) -> int:
        rect = self.page_rect(page)
        return int(rect.top() + (MARGIN_TOP + line * PITCH) * self.scale)

    def paintEvent(self, event):
        painter = QPainter(self)
        painter.setRenderHint(QPainter.Antialiasing, True)
        painter.setRenderHint(QPainter.TextAntialiasing, True)
        painter.fillRect(event.rect(), self.palette().color(QPalette.Dark))
        clip = QRectF(event.rect())
        by_page: dict[int, list[Placed]] = {}
        for p in self.pages.placed:
            by_page.setdefault(p.page, []).append(p)
        for page in range(self.pages.pages):
            rect = self.page_rect(page)
            if not rect.intersects(clip):
                continue
            painter.fillRect(rect.translated(2, 2), QColor(0, 0, 0, 60))
            painter.fillRect(rect, Qt.white)
            painter.save()
            painter.translate(rect.topLeft())
            painter.scale(self.scale, self.scale)
            block = QRectF(MARGIN_LEFT, MARGIN_TOP, BLOCK_W, BLOCK_H)
            for item in by_page.get(page, []):
                self._paint_item(painter, item, block)
            for rule in self.pages.rules:
                if rule.page == page:
                    painter.setPen(QPen(QColor(rule.color), rule.width))
                    painter.drawLine(QPointF(MARGIN_LEFT, rule.y),
                                     QPointF(MARGIN_LEFT + BLOCK_W, rule.y))
            for grid in self.pages.grids:
                if grid.page == page:
                    self._paint_grid(painter, grid)
            if page not in self.pages.unnumbered:  # GB/T 9704 7.5: not before the 版记
                self._paint_page_number(painter, page)
            painter.restore()
        painter.end()

    def _paint_item(self, painter: QPainter, item: Placed, block: QRectF) -> None:
        top = MARGIN_TOP + item.line * PITCH
        offset_y = top - item.y0
        area = QRectF(block.left() - 2 * MM, top, block.width() + 4 * MM, item.lines * PITCH)
        painter.save()
        painter.setClipRect(area)
        if item.section_id and item.section_id == self.highlight:
            painter.fillRect(area, QColor(255, 243, 176))
        painter.setPen(QColor(item.color))
        item.layout.draw(painter, QPointF(MARGIN_LEFT, offset_y))
        painter.restore()

    def _paint_grid(self, painter: QPainter, grid: TableGrid) -> None:
        """A table's lines; at least a pixel wide, as a PDF viewer draws hairlines."""
        pen = QPen(QColor(grid.color), max(grid.width, 1.0 / self.scale))
        pen.setCapStyle(Qt.SquareCap)
        painter.setPen(pen)
        left, right, top, bottom = grid.xs[0], grid.xs[-1], grid.ys[0], grid.ys[-1]
        for y in grid.ys:
            painter.drawLine(QPointF(left, y), QPointF(right, y))
        for x in grid.xs:
            painter.drawLine(QPointF(x, top), QPointF(x, bottom))

    def _paint_page_number(self, painter: QPainter, page: int) -> None:
        fmt = role_format("page_number")
        font = QFont()
        font.setFamilies(list(fmt.families))
        font.setPixelSize(round(fmt.size * U))
        painter.setFont(font)
        painter.setPen(Qt.black)
        before, after = fmt_table.page_number_text(page + 1)
        text = f"{before}{page + 1}{after}"
        side = fmt_table.PAGE_NUMBER_SIDE_CHARS * fmt.char
        y = MARGIN_TOP + BLOCK_H + fmt_table.PAGE.page_number_gap_mm * MM - fmt.char * 0.6
        rect = QRectF(MARGIN_LEFT + side, y, BLOCK_W - 2 * side, fmt.char * 1.5)
        align = Qt.AlignRight if page % 2 == 0 else Qt.AlignLeft
        painter.drawText(rect, align | Qt.AlignTop, text)

    def mousePressEvent(self, event):
        pos = event.position()
        for page in range(self.pages.pages):
            rect = self.page_rect(page)
            if not rect.contains(pos):
                continue
            y = (pos.y() - rect.top()) / self.scale
            line = int((y - MARGIN_TOP) // PITCH)
            for item in self.pages.placed:
                if item.page == page and item.line <= line < item.line + item.lines:
                    if item.section_id and not item.section_id.startswith("@"):
                        self.sectionClicked.emit(item.section_id)
                    return
        super().mousePressEvent(event)


class PreviewPane(QScrollArea):
    """The preview: pages, scroll to the current section, page and character counts.

    A layout that takes longer than ``SLICE_MS`` (the first one of a long
    document: about 0.25 s for 200 pages) goes on in slices between turns
    of the event loop, reporting ``layoutProgress``; the pages shown change
    when it is complete.  Later layouts reuse the cached paragraphs and
    finish within the first slice."""

    SLICE_MS = 30

    statsChanged = Signal(int, int)  # estimated pages, characters
    sectionClicked = Signal(str)
    layoutProgress = Signal(int)  # percent of a layout in slices
    laidOut = Signal()  # the pages shown are those of the last rendering

    def __init__(self, session, live: LiveRender, parent=None):
        super().__init__(parent)
        self.session = session
        self.live = live
        self.cache = LayoutCache()
        self.setObjectName("preview")
        self.setAccessibleName("预览")
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarAlwaysOn)  # a stable width for the pages
        self.canvas = PageCanvas()
        self.canvas.sectionClicked.connect(self.sectionClicked)
        self.setWidget(self.canvas)
        self.pages = PageSet()
        self._steps = None  # the layout in progress (a lay_out_steps generator)
        self._sliced = False
        self._slice_timer = QTimer(self)
        self._slice_timer.setSingleShot(True)
        self._slice_timer.setInterval(0)
        self._slice_timer.timeout.connect(self._continue_layout)
        live.rendered.connect(self.show_rendered)
        session.currentSectionChanged.connect(self.scroll_to_section)
        if live.result is not None:
            self.show_rendered(live.result)

    def show_rendered(self, rendered: RenderedDocument) -> None:
        settings = self.session.document.settings
        self._steps = lay_out_steps(rendered, profile=settings.font_profile,
                                    latin=settings.latin_font, cache=self.cache)
        self._sliced = False
        self._continue_layout()

    @property
    def laying_out(self) -> bool:
        return self._steps is not None

    def _continue_layout(self) -> None:
        steps = self._steps
        if steps is None:
            return
        deadline = time.perf_counter() + self.SLICE_MS / 1000
        try:
            while True:
                fraction = next(steps)
                if time.perf_counter() >= deadline:
                    self._sliced = True
                    self.layoutProgress.emit(int(fraction * 100))
                    self._slice_timer.start()
                    return
        except StopIteration as done:
            pages = done.value
        self._steps = None
        self.pages = pages
        self.canvas.set_pages(self.pages)
        self.statsChanged.emit(self.pages.pages, self.pages.characters)
        if self.session.current_section_id:
            self.canvas.highlight = self.session.current_section_id
            if self._sliced:  # the section was chosen before its page existed
                self.scroll_to_section(self.session.current_section_id)
        if self._sliced:
            self.layoutProgress.emit(100)
        self.laidOut.emit()

    def resizeEvent(self, event):
        super().resizeEvent(event)
        self.canvas.set_width(self.viewport().width())

    def scroll_to_section(self, section_id: str) -> None:
        self.canvas.highlight = section_id
        self.canvas.update()
        where = self.pages.first_place.get(section_id)
        if where is None:
            return
        y = self.canvas.y_of(*where)
        bar = self.verticalScrollBar()
        view_h = self.viewport().height()
        if not (bar.value() + 20 <= y <= bar.value() + view_h - 40):
            bar.setValue(max(0, y - view_h // 4))
