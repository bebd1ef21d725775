"""Live preview of the whole document as it will print.

- ``LiveRender`` (``live_render``) renders the open document; the preview
  shows what it hands over.
- ``lay_out`` places the rendered blocks on A4 pages on the 22 × 28 grid
  of GB/T 9704 — fonts and sizes from the format table
  (``desktop.gbt9704`` when present), fixed line pitch, first-line indent,
  title block, signature and date, 版记 at the foot of the last page, page
  numbers "— 1 —" — so the page count in the status bar is an estimate of
  the printed one.
- ``PreviewPane`` paints the pages (only the visible ones), scrolls to the
  section being edited, and maps a click back to its section.

Geometry is kept in "units" of a quarter point so fonts can be set by
pixel size, independent of the screen's DPI; the painter scales units to
pixels.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from functools import lru_cache

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (QColor, QFont, QPainter, QPalette, QPen,
                           QTextCharFormat, QTextLayout, QTextOption)
from PySide6.QtWidgets import QScrollArea, QSizePolicy, QWidget

from ..render import RenderedDocument
from .live_render import LiveRender

from .. import gbt9704 as fmt_table

U = 4.0  # units per point
MM = 72.0 / 25.4 * U  # units per millimetre

_PAGE = fmt_table.PAGE
PAGE_W, PAGE_H = _PAGE.width_mm * MM, _PAGE.height_mm * MM
MARGIN_TOP, MARGIN_LEFT = _PAGE.top_mm * MM, _PAGE.left_mm * MM
BLOCK_W, BLOCK_H = _PAGE.text_width_mm * MM, _PAGE.text_height_mm * MM
LINES_PER_PAGE = _PAGE.lines
PITCH = _PAGE.line_pitch_pt * U  # 28.95 pt
PAGE_GAP = 14.0  # pixels between pages on screen

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


# -- layout -------------------------------------------------------------------------------
@dataclass
class Placed:
    """One paragraph (or its part) on one page."""

    page: int
    line: int  # first grid line on the page (0–21)
    lines: int  # grid lines it takes on this page
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
class PageSet:
    pages: int = 1
    placed: list[Placed] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    characters: int = 0
    first_place: dict[str, tuple[int, int]] = field(default_factory=dict)  # section → (page, line)


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
                  x: float | None = None, bold_spans: tuple = ()) -> tuple[QTextLayout, list[int]]:
        """A laid-out paragraph and the grid lines each of its lines takes.

        ``x`` places a one-line paragraph (signature, date) at that offset;
        ``bold_spans`` are (start, end) runs set in bold (一是…二是…)."""
        if bold_prefix:
            bold_spans = ((0, bold_prefix),) + tuple(bold_spans)
        key = (text, fmt, bold_spans, x)
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
            line.setLineWidth(max(fmt.char, right - left))
            line.setPosition(QPointF(left, y + (grid * PITCH - line.height()) / 2))
            spans.append(grid)
            y += grid * PITCH
        layout.endLayout()
        self._layouts[key] = (layout, spans)
        return layout, spans


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


def lay_out_steps(rendered: RenderedDocument, *, profile: str = "gb2312", latin: str = "",
                  cache: LayoutCache | None = None):
    """``lay_out`` in steps: a generator yielding the fraction done every
    ``STEP_BLOCKS`` blocks and returning the ``PageSet`` (so a long first
    layout can be spread over several turns of the event loop)."""
    cache = cache or LayoutCache()
    cache.begin()
    out = PageSet()
    page, line = 0, 0
    previous = ""
    blocks = [b for b in rendered.blocks if b.role not in ("cc", "printer")]
    imprint = [b for b in rendered.blocks if b.role in ("cc", "printer")]
    dates = {b.role: b.text for b in rendered.blocks if b.role in ("date", "notice_date")}
    signatures = {b.role: b.text for b in rendered.blocks
                  if b.role in ("signature", "notice_signature")}

    def new_page():
        nonlocal page, line
        page += 1
        line = 0

    def place(layout, spans, block, color, blank):
        nonlocal page, line
        if line > 0:
            line += blank
        if line >= LINES_PER_PAGE:
            new_page()
        i = 0
        while i < len(spans):
            room = LINES_PER_PAGE - line
            take, used = 0, 0
            while i + take < len(spans) and used + spans[i + take] <= room:
                used += spans[i + take]
                take += 1
            if take == 0:
                if line == 0:  # taller than a page: put it anyway
                    take, used = 1, spans[i]
                else:
                    new_page()
                    continue
            out.placed.append(Placed(page, line, used, layout, i, block.section_id, block.role,
                                     color, sum(spans[:i]) * PITCH))
            out.first_place.setdefault(block.section_id, (page, line))
            line += used
            i += take
            if i < len(spans):
                new_page()

    space_after = 0
    for index, block in enumerate(blocks):
        if index % STEP_BLOCKS == 0 and index:
            yield index / len(blocks)
        role = block.role
        if role == "page_break":
            if line > 0:
                new_page()
            previous, space_after = role, 0
            continue
        fmt = role_format(role, profile, latin)
        gb = fmt_table.FORMATS.get(role)
        text = block.full_text
        if role == "annex_table":  # one row a line (Qt breaks at U+2028)
            text = text.replace("\n", "\u2028")
        elif role == "issuer":  # 发文字号 left, the names ending one character from the right
            label = block.number or "　" * int(fmt_table.char_units(fmt_table.SIGNER_LABEL))
            right = label + block.title
            pad = fmt_table.PAGE.chars - 2 - fmt_table.char_units(block.text) \
                - fmt_table.char_units(right)
            text = block.text + "　" * max(1, int(pad)) + right
        if role not in _NO_COUNT:
            out.characters += _count(text)
        blank = max(space_after, round(gb.space_before_lines) if gb else 0)
        if role == "attachment" and previous != "attachment":
            blank = max(blank, 1)
        x = None
        bold = 0
        if role == "red_header":
            fmt = fmt.with_(size=fmt_table.red_header_size(text))
        elif role in ("signature", "notice_signature", "date", "notice_date"):
            sig_role = "signature" if role in ("signature", "date") else "notice_signature"
            date_role = "date" if sig_role == "signature" else "notice_date"
            sig_r, date_r = fmt_table.signature_layout(signatures.get(sig_role, ""),
                                                       dates.get(date_role, ""))
            right = sig_r if role == sig_role else date_r
            x = BLOCK_W - (right + fmt_table.char_units(text)) * fmt.char
            x = max(0.0, x)
        elif role == "attachment":
            left, hanging = fmt_table.attachment_indents(text)
            fmt = fmt.with_(left=left, indent=-hanging)
        elif role.startswith("heading") and block.run_in:
            bold = len(block.heading_text) if fmt.bold else 0
            fmt = fmt.with_(bold=False)
        layout, spans = cache.paragraph(text, fmt, bold_prefix=bold, x=x,
                                        bold_spans=tuple(getattr(block, "bold", ()))
                                        if role == "body" else ())
        if role.startswith("heading") and line > 0 and index + 1 < len(blocks) \
                and line + blank + sum(spans) + 1 > LINES_PER_PAGE:
            new_page()  # keep with next: a heading never alone at the foot of a page
        place(layout, spans, block, fmt.color, blank)
        following = blocks[index + 1].role if index + 1 < len(blocks) else ""
        if role == "doc_number" or (role == "issuer" and following != "issuer"):
            # the red separator, about 4 mm below the 发文字号 (上行文: its 签发人 line)
            out.rules.append(Rule(page, MARGIN_TOP + line * PITCH + 4 * MM - PITCH / 2,
                                  fmt_table.RED_SEPARATOR.width_mm * MM, "#ff0000"))
            line += 1
        space_after = round(gb.space_after_lines) if gb else 0
        previous = role

    if imprint:
        _place_imprint(imprint, out, cache, profile, latin, page, line)
    out.pages = max(out.pages, max((p.page for p in out.placed), default=0) + 1)
    cache.end()
    return out


def _place_imprint(blocks, out: PageSet, cache: LayoutCache, profile, latin, page, line):
    """版记 (抄送, 印发机关和日期) at the foot of the last page, between rules."""
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
    if line + needed > LINES_PER_PAGE:
        page, line = page + 1, 0
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
        scale = max(0.08, (width - 2 * PAGE_GAP) / PAGE_W)
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

    def y_of(self, page: int, line: int) -> int:
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
        y = MARGIN_TOP + BLOCK_H + _PAGE.page_number_gap_mm * MM - fmt.char * 0.6
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
