"""The one layout model: a ``RenderedDocument`` placed on GB/T 9704 pages.

Every placement rule lives here — title line breaks (``desktop.titles``),
space before and after blocks, the sign-off block's indents, the 版记 at the
foot of an even last page, the 22 × 28 grid — and the preview, the status
bar's page count and the .docx exporter all ask it, so the window, the
``report-drafter pages`` command and the printout agree.

Two steps:

- ``place(rendered, profile)`` turns each block into a ``Placement``: the
  text as set (a long title broken into lines), its indents, spacing and
  line height in twips, keep-with-next and page breaks.  The exporter
  writes exactly these values into the .docx.
- ``paginate(placements, measurer)`` flows them over pages of the text
  block's height and places the 版记; a ``LineMeasurer`` says how many
  lines a paragraph takes.  ``GridMeasurer`` estimates on the grid
  (headless); the window plugs in one that measures with Qt's text layout.

Units are twips (1/20 pt), the unit of Word's XML; one grid line is
``gbt9704.PAGE.line_pitch_twips``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from typing import Protocol

from . import gbt9704 as fmt
from .linebreak import break_lines, grid_advance, grid_width
from .model import HEADER_ROLES, IMPRINT_ROLES, SIGN_OFF_ROLES, TITLE_ROLES, Document, Role
from .render import CLOSING, Block, RenderedDocument
from .titles import title_lines

PITCH = fmt.PAGE.line_pitch_twips
CAPACITY = fmt.PAGE.text_height_twips  # twips of text on one page


# == what the format's rules compute from its numbers ====================================
def red_header_size(text: str, *, max_pt: float = fmt.SIZES["小初"], min_pt: float = 12.0) -> float:
    """The 发文机关标志's size: 小初 when it fits, smaller (in half points)
    so it is never wider than the text block."""
    units = max(grid_width(text), 1.0)
    fit = fmt.PAGE.text_width_pt / units
    size = min(max_pt, math.floor(fit * 2) / 2)
    # leave room for LibreOffice/Word glyph side bearings
    while size > min_pt and units * size > fmt.PAGE.text_width_pt - 2:
        size -= 0.5
    return max(size, min_pt)


def signature_layout(signature: str, date_text: str) -> tuple[float, float]:
    """Right indents (in characters) of the 署名 and 成文日期 lines.

    The signature is 2 characters from the right edge and the date's first
    character sits 2 characters right of the signature's; when that would
    bring the date closer than 2 characters to the edge, the date ends 2
    characters from the right and the signature shifts to keep the offset.
    """
    ls, ld = grid_width(signature), grid_width(date_text)
    if not signature or not date_text:
        return 2.0, 2.0
    date_right = ls - ld  # signature 2 from the edge, date starts 2 to its right
    if date_right >= 2:
        return 2.0, date_right
    return ld + 4 - ls, 2.0


_ATTACHMENT = re.compile(r"^(附件：)?(\d+\.)?")


def attachment_indents(text: str) -> tuple[float, float]:
    """(left, hanging) indents in characters of one 附件说明 line.

    "附件：名称" and "附件：1.名称" start 2 characters in; the following
    "2.名称" lines start under the "1."; wrapped lines align with the first
    character of the name above."""
    m = _ATTACHMENT.match(text)  # matches every text (both groups are optional)
    label = (m.group(1) if m else "") or ""
    number = (m.group(2) if m else "") or ""
    name_start = 2 + grid_width("附件：") + grid_width(number)
    if label:
        return name_start, grid_width(label) + grid_width(number)
    return name_start, grid_width(number)


def issuer_tabs(name_lines: list[str]) -> tuple[int, int]:
    """(label, names) tab stops of the 签发人 lines: the widest line of names
    ends one character from the right edge, every line's first name starts
    under the first line's (回行时与上一行第一个姓名对齐)."""
    f = fmt.FORMATS["issuer"]
    char = fmt.pt_to_twips(f.size_pt) + f.char_spacing_twips  # a character as set
    widest = max((grid_width(x) for x in name_lines), default=0.0)
    names_at = fmt.PAGE.text_width_twips - fmt.pt_to_twips(f.size_pt) * fmt.ISSUER_RIGHT_CHARS \
        - round(widest * char)
    return names_at - round(grid_width(fmt.SIGNER_LABEL) * char), names_at


def table_column_widths(chars: tuple[float, ...] = fmt.TABLE_COLUMN_CHARS) -> list[int]:
    """Twips of each column of the indicators table, filling the text block
    exactly (tblW = Σ gridCol = Σ tcW)."""
    per_char = fmt.pt_to_twips(fmt.FORMATS["annex_table"].size_pt)
    widths = [round(c * per_char) + 2 * fmt.TABLE_CELL_MARGIN_TWIPS if c else 0 for c in chars]
    rest = fmt.PAGE.text_width_twips - sum(widths)
    return [w or rest for w in widths]


def imprint_height(lines_per_block: list[int]) -> int:
    """Height in twips of the 版记: its lines plus its rules (thick on top and
    at the bottom, thin between blocks)."""
    n = len(lines_per_block)
    rules = fmt.IMPRINT_THICK.size_eighths * 2 + fmt.IMPRINT_THIN.size_eighths * max(n - 1, 0)
    return sum(lines_per_block) * fmt.IMPRINT_LINE_TWIPS + round(rules / 8 * fmt.TWIPS_PER_PT)


# == one paragraph as set ===============================================================
@dataclass(frozen=True)
class Placement:
    """How one block is set: everything the exporter writes as direct
    formatting and the paginator needs.  Indents in characters of the
    role's size, spacing and line height in twips."""

    block: Block
    role: str
    text: str  # as printed; a broken title has "\n" between its lines
    style_id: str
    left_chars: float
    right_chars: float
    hanging_chars: float
    first_line_chars: float
    before: int  # space before, twips
    after: int  # space after, twips
    line: int  # height of one line, twips
    keep_next: bool = False
    break_before: bool = False  # starts a new page
    bold_prefix: int = 0  # characters of bold run-in heading before the body text
    size_pt: float = 0.0  # the text's size (the red header shrinks to fit)
    # direct formatting the exporter must write because it differs from the style
    direct: tuple[str, ...] = ()
    tabs: tuple[int, ...] = ()  # left tab stops, twips from the left margin (签发人 lines)
    # keep_next holds only while the paragraph has at most this many lines (0: always)
    keep_if_lines: int = 0

    @property
    def format(self) -> fmt.RoleFormat:
        return fmt.FORMATS[self.role]


@dataclass(frozen=True)
class LineSpec:
    """What a measurer needs of a paragraph besides its text."""

    role: str
    size_pt: float
    char_spacing_twips: int
    left_chars: float
    right_chars: float
    first_chars: float  # first-line indent relative to left (negative: hanging)
    bold: bool = False
    bold_prefix: int = 0


def line_spec(p: Placement, profile: str | None = None) -> LineSpec:
    f = fmt.format_for(p.role, profile)
    return LineSpec(p.role, p.size_pt or f.size_pt, f.char_spacing_twips, p.left_chars,
                    p.right_chars, p.first_line_chars - p.hanging_chars, f.bold and not
                    p.bold_prefix, p.bold_prefix)


def place(rendered: RenderedDocument | list[Block], profile: str | None = None
          ) -> list[Placement]:
    """The blocks of the document's text (not the 版记) as they are set."""
    blocks = rendered.blocks if isinstance(rendered, RenderedDocument) else rendered
    sig = {b.role: b.text for b in blocks if b.role in SIGN_OFF_ROLES}
    sign_right: dict[str, float] = {}
    for s, d in ((Role.SIGNATURE, Role.DATE), (Role.NOTICE_SIGNATURE, Role.NOTICE_DATE)):
        sign_right[s], sign_right[d] = signature_layout(sig.get(s, ""), sig.get(d, ""))
    red_roles = HEADER_ROLES
    out: list[Placement] = []
    prev = ""
    break_next = False
    text_blocks = [b for b in blocks if b.role not in IMPRINT_ROLES]
    for b in text_blocks:
        role = b.role
        if role == Role.PAGE_BREAK:
            break_next = True
            prev = role
            continue
        f = fmt.format_for(role, profile)
        text = b.full_text
        left, right, hanging, first = (f.left_chars, f.right_chars, f.hanging_chars,
                                       f.first_line_chars)
        before = round(f.space_before_lines * PITCH)
        after = round(f.space_after_lines * PITCH)
        line = f.line_twips
        direct: list[str] = []
        size = f.size_pt
        bold_prefix = 0
        style_id = f.style_id
        tabs: tuple[int, ...] = ()
        if role == Role.RED_HEADER:
            size = red_header_size(b.text)
            before = fmt.mm_to_twips(fmt.RED_HEADER_TOP_MM)
            line = max(PITCH, round(size * fmt.LINE_HEIGHT_EM * fmt.TWIPS_PER_PT))
            direct.append("before")
        elif role == Role.ISSUER:
            tabs = issuer_tabs([x.title for x in text_blocks if x.role == Role.ISSUER])
            if prev == Role.ISSUER:
                before = 0  # the 签发人's next line follows the first
                direct.append("before")
        elif role == Role.ANNEX_TABLE:
            line = fmt.TABLE_ROW_TWIPS  # one row a line (the builder makes the table)
        elif role in TITLE_ROLES:
            text = "\n".join(title_lines(b.text, f.size_pt))
            if prev in red_roles:  # two lines below the red separator
                before = 2 * PITCH
                direct.append("before")
        elif role == Role.ATTACHMENT:
            left, hanging = attachment_indents(b.text)
            direct.append("ind")
            if prev != Role.ATTACHMENT:  # one blank line below the text
                before = PITCH
                direct.append("before")
        elif role in SIGN_OFF_ROLES:
            right = sign_right[role]
            direct.append("ind")
            if role in (Role.DATE, Role.NOTICE_DATE) and prev not in (
                    Role.SIGNATURE, Role.NOTICE_SIGNATURE):
                before = PITCH  # a date without a signature: one line below the body
                direct.append("before")
        elif role.startswith("heading") and b.run_in and b.text:
            bold_prefix = len(text) - len(b.text)
        elif role == Role.BODY and b.section_id == CLOSING:
            style_id = fmt.CLOSING.style_id  # the 结束语 in its own style
        out.append(Placement(b, role, text, style_id, left, right, hanging, first, before,
                             after, line, f.keep_next, break_next, bold_prefix, size,
                             tuple(direct), tuple(tabs)))
        break_next = False
        prev = role
    if break_next:  # a trailing page break: an empty page
        body = fmt.FORMATS[Role.BODY]
        out.append(Placement(Block(Role.PAGE_BREAK), Role.BODY, "", body.style_id, 0, 0, 0, 0,
                             0, 0, PITCH, break_before=True, size_pt=body.size_pt))
    return keep_together(out)


_HEADING_LEVEL = {"heading1": 1, "heading2": 2, "heading3": 3, "heading4": 4}


def keep_together(out: list[Placement]) -> list[Placement]:
    """Keep-with-next, paragraph by paragraph (written into the .docx as it
    is set here where it differs from the role's style):

    - a heading of any level keeps with what belongs to it — body text or
      a deeper heading — so that it never ends a page, but not with a
      heading of its own or a higher level (a run of headings without text
      would otherwise be one chain that the reader pushes onto a page of its
      own, leaving a page with a title alone); a run-in heading is a
      paragraph of text, kept with nothing;
    - the sign-off block never stands on a page without text (GB/T 9704
      7.3.5: 署名 and 成文日期 on the page where the text ends): the text's
      last paragraph keeps with the 附件说明 and the signature, the
      signature with the date, the date with the 附注."""
    n = len(out)
    sign_off = [False] * n  # out[i] belongs to a sign-off block
    for i in range(n - 1, -1, -1):
        role = out[i].role
        if role in SIGN_OFF_ROLES:
            sign_off[i] = True
        elif role == Role.ATTACHMENT:  # 附件说明 lines before a signature
            sign_off[i] = i + 1 < n and sign_off[i + 1] and not out[i + 1].break_before
        elif role == Role.NOTE:  # 附注 right after the date
            sign_off[i] = i > 0 and out[i - 1].role in SIGN_OFF_ROLES
    result = []
    for i, p in enumerate(out):
        nxt = out[i + 1] if i + 1 < n and not out[i + 1].break_before else None
        keep = p.keep_next
        level = _HEADING_LEVEL.get(str(p.role))
        if level is not None:  # 1.标题 and （1）标题 on a line of their own too
            keep = (nxt is not None and not p.bold_prefix
                    and _HEADING_LEVEL.get(str(nxt.role), 99) > level)
        short = 0
        if nxt is not None and sign_off[i + 1] and p.role != Role.ANNEX_TABLE:
            keep = True
            if not sign_off[i]:  # the text's last paragraph: only a short one
                short = fmt.SIGN_OFF_KEEP_LINES
        p = with_keep(p, keep)
        result.append(replace(p, keep_if_lines=short) if short else p)
    return result


def with_keep(p: Placement, keep: bool) -> Placement:
    """``p`` kept with the next paragraph or not ("keep" in ``direct`` when
    that differs from the role's style)."""
    if keep == p.keep_next:
        return p
    direct = tuple(d for d in p.direct if d != "keep")
    if keep != fmt.FORMATS[p.role].keep_next:
        direct += ("keep",)
    return replace(p, keep_next=keep, direct=direct, keep_if_lines=0)


# == measuring ==========================================================================
class LineMeasurer(Protocol):
    """How a paragraph (one part of it: no "\\n" in ``text``) breaks into lines."""

    def lines(self, text: str, spec: LineSpec) -> list[str]: ...

    def count_lines(self, text: str, spec: LineSpec) -> int: ...


class GridMeasurer:
    """The grid estimate: CJK and full-width characters one character wide,
    ASCII half a character (the metrics of the GB2312 fonts), broken into
    lines by ``desktop.linebreak``."""

    def lines(self, text: str, spec: LineSpec) -> list[str]:
        return grid_lines(text, spec)

    def count_lines(self, text: str, spec: LineSpec) -> int:
        return len(grid_lines(text, spec))


def line_widths(spec: LineSpec) -> tuple[float, float]:
    """Width in points of the first and the other lines of a paragraph."""
    char = spec.size_pt
    full = fmt.PAGE.text_width_pt - (spec.left_chars + spec.right_chars) * char
    return full - spec.first_chars * char, full


def grid_lines(text: str, spec: LineSpec) -> list[str]:
    """``text`` broken into lines on the grid (see ``GridMeasurer``)."""
    first, rest = line_widths(spec)
    size = spec.size_pt
    return break_lines(text, first_width=first, width=rest, size_pt=size,
                       spacing_pt=spec.char_spacing_twips / fmt.TWIPS_PER_PT,
                       advance=lambda ch: grid_advance(ch) * size)


# == pages ==============================================================================
@dataclass
class Piece:
    """The part of a placement on one page: its lines ``first``…``first+count``."""

    page: int  # 0-based
    top: int  # twips from the top of the text block (space before excluded)
    first: int
    count: int
    header: int = 0  # twips above ``top`` taken by a table's header row repeated there


@dataclass
class PlacedBlock:
    placement: Placement
    lines: int
    pieces: list[Piece] = field(default_factory=list)
    heights: list[int] = field(default_factory=list)  # a table's rows, twips each


@dataclass
class ImprintLayout:
    """Where the 版记 goes: ``blank_pages`` page breaks before it (0, 1 or 2:
    the first starts the page after the text; with 2 the page between stays
    blank) and a spacer of ``spacer`` twips above it on its page."""

    page: int  # 0-based page of the 版记
    blank_pages: int
    spacer: int
    height: int
    lines: list[int]  # lines of each 版记 block
    numbered: bool  # its page (and a blank page before it) carry page numbers


@dataclass
class Layout:
    blocks: list[PlacedBlock]
    pages: int  # number of pages, the 版记's page included
    text_pages: int  # pages of the text (without a blank page and 版记 page)
    used: int  # twips used on the last text page
    imprint: ImprintLayout | None = None
    imprint_blocks: list[Block] = field(default_factory=list)

    @property
    def unnumbered_pages(self) -> set[int]:
        """0-based pages that carry no page number (GB/T 9704 7.5: a blank
        page before the 版记 and the 版记's page)."""
        im = self.imprint
        if im is None or im.numbered:
            return set()
        return {im.page - 1, im.page}


def imprint_lines(blocks: list[Block], measurer: LineMeasurer) -> list[int]:
    out = []
    for b in blocks:
        if b.role == Role.CC:
            f = fmt.FORMATS[Role.CC]
            spec = LineSpec(Role.CC, f.size_pt, f.char_spacing_twips, f.left_chars,
                            f.right_chars, -f.hanging_chars)
            out.append(measurer.count_lines(b.text, spec))
        else:
            out.append(1)
    return out


def table_row_lines(p: Placement, measurer: LineMeasurer, profile: str | None = None
                    ) -> list[int]:
    """Lines of each row of a table: those of its tallest cell, each cell
    broken in its column (``table_column_widths`` less the cell margins;
    the header row in the heading font)."""
    size = p.size_pt or fmt.format_for(Role.ANNEX_TABLE, profile).size_pt
    out = []
    for r, row in enumerate(p.block.cells):
        lines = 1
        for width, text in zip(table_column_widths(), row):
            if not text:
                continue
            inner = (width - 2 * fmt.TABLE_CELL_MARGIN_TWIPS) / fmt.TWIPS_PER_PT
            spec = LineSpec(Role.HEADING1 if r == 0 else Role.ANNEX_TABLE, size, 0, 0,
                            (fmt.PAGE.text_width_pt - inner) / size, 0)
            lines = max(lines, len(measurer.lines(text, spec)))
        out.append(lines)
    return out


def table_row_heights(p: Placement, measurer: LineMeasurer, profile: str | None = None
                      ) -> list[int]:
    """Twips of each row of a table: ``TABLE_ROW_TWIPS`` at least, more for
    a row whose cells take several lines."""
    return [max(fmt.TABLE_ROW_TWIPS, n * fmt.TABLE_LINE_TWIPS)
            for n in table_row_lines(p, measurer, profile)]


def is_table(p: Placement) -> bool:
    return p.role == Role.ANNEX_TABLE and bool(p.block.cells)


def measured_lines(p: Placement, measurer: LineMeasurer, profile: str | None = None
                   ) -> list[str]:
    """The lines of a placement as ``measurer`` breaks them; a table's rows
    (each a "line" of its own height: ``table_row_heights``)."""
    if is_table(p):
        return ["　".join(c for c in row if c) for row in p.block.cells]
    if not p.text:
        return [""]
    spec = line_spec(p, profile)
    return [t for part in p.text.split("\n") for t in measurer.lines(part, spec)]


def paginate(placements: list[Placement], measurer: LineMeasurer | None = None, *,
             imprint: list[Block] | None = None, profile: str | None = None,
             lines_of: list[int] | None = None) -> Layout:
    """Flow the placements over pages; then the 版记 (``imprint``) at the foot
    of the last page, an even one (see ``place_imprint``).  ``lines_of``: the
    line count of each placement when the caller has measured them."""
    measurer = measurer or GridMeasurer()
    placed: list[PlacedBlock] = []
    page, used = 0, 0
    if lines_of is None:
        lines_of = [len(measured_lines(p, measurer, profile)) for p in placements]
    placements = [with_keep(p, False) if p.keep_if_lines and lines_of[i] > p.keep_if_lines
                  else p for i, p in enumerate(placements)]
    for i, p in enumerate(placements):
        lines = lines_of[i]
        pb = PlacedBlock(p, lines)
        placed.append(pb)
        if p.break_before and (used or page or i):
            page, used = page + 1, 0
        if used or (page == 0 and i == 0):
            used += p.before
        if p.keep_next and i + 1 < len(placements):
            # keep with next: the chain of keep-with-next paragraphs and the
            # first line of the one after them go to the next page together
            need = lines * p.line + p.after
            k = i + 1
            while k < len(placements) and not placements[k].break_before:
                q = placements[k]
                need += q.before
                if not q.keep_next:
                    need += q.line
                    break
                need += lines_of[k] * q.line + q.after
                k += 1
            if used and used + need > CAPACITY and need <= CAPACITY \
                    and not placements[i + 1].break_before:
                page, used = page + 1, 0
        piece: Piece | None = None
        header = 0
        if is_table(p):  # a "line" a row (that does not split)
            pb.heights = table_row_heights(p, measurer, profile)
        for k in range(lines):
            step = pb.heights[k] if pb.heights else p.line
            if used + step > CAPACITY:
                page, used = page + 1, 0
                piece = None
                if pb.heights and k:
                    # the export repeats the header row on every page (w:tblHeader)
                    header = used = pb.heights[0]
            if piece is None:
                piece = Piece(page, used, k, 0, header)
                pb.pieces.append(piece)
            piece.count += 1
            used += step
        used += p.after
        if i + 1 == len(placements) and is_table(p):
            # the paragraph the export ends the text with after a table
            if used + fmt.TABLE_END_ROOM_TWIPS > CAPACITY:
                page, used = page + 1, 0
            used += fmt.TABLE_END_TWIPS
        if used > CAPACITY:
            page, used = page + 1, used - CAPACITY
    layout = Layout(placed, page + 1, page + 1, used)
    if imprint:
        layout.imprint_blocks = list(imprint)
        layout.imprint = place_imprint(page, used, imprint_lines(imprint, measurer))
        layout.pages = layout.imprint.page + 1
    return layout


def place_imprint(page: int, used: int, lines: list[int]) -> ImprintLayout:
    """The 版记 at the foot of the last page, an even one: on the page where
    the text ends when that page is even and has room, else on the next
    even page (a blank page between when needed).  Empty grid lines above
    it push it down (no frames or text boxes: WPS loses those)."""
    height = imprint_height(lines)
    if (page + 1) % 2 == 0 and CAPACITY - used >= height + PITCH:
        free = CAPACITY - used
        breaks, target = 0, page
    else:
        breaks = 1 if (page + 1) % 2 else 2
        target = page + breaks
        free = CAPACITY - PITCH  # the last break paragraph takes the first line
    spacer = max(0, free - height - fmt.IMPRINT_SLACK_TWIPS)
    return ImprintLayout(target, breaks, spacer, height, lines, numbered=breaks < 2)


def lay_out(doc: Document, rendered: RenderedDocument,
            measurer: LineMeasurer | None = None) -> Layout:
    """The document's layout (``rendered`` is ``render(doc)``)."""
    profile = doc.settings.font_profile
    imprint = [b for b in rendered.blocks if b.role in IMPRINT_ROLES]
    return paginate(place(rendered, profile), measurer, imprint=imprint, profile=profile)


def page_count(doc: Document, rendered: RenderedDocument | None = None,
               measurer: LineMeasurer | None = None) -> int:
    """Pages of the printed document (the 版记's page included)."""
    from .render import render
    return lay_out(doc, rendered if rendered is not None else render(doc), measurer).pages
