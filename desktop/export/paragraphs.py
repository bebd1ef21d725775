"""Placed blocks → w:p elements: one builder per role in ``BUILDERS``.

The layout model (``desktop.layout``) decides how each block is set — its
text, indents, spacing, page breaks; a builder here turns that into
WordprocessingML: the role's style, the direct formatting the placement
asks for, and runs with the role's fonts (repeated on the runs for readers
that ignore style fonts).  A new kind of paragraph is a new builder in the
table.
"""

from __future__ import annotations

import copy
from typing import Callable

from .. import gbt9704 as fmt
from ..layout import ImprintLayout, Placement
from ..model import HEADER_ROLES, Role
from ..render import Block
from . import oxml as ox
from .oxml import Element
from .styles import indent


class ParagraphWriter:
    """Builds paragraphs for one document (caches property elements)."""

    def __init__(self, profile: str, latin: str):
        self.profile = profile
        self.latin = latin
        self._rpr_cache: dict[tuple, Element] = {}
        self._ppr_cache: dict[tuple, Element] = {}

    # cached property elements, deep-copied per paragraph
    def rpr(self, role: str, *, bold: bool | None = None) -> Element:
        key = (role, bold)
        if key not in self._rpr_cache:
            self._rpr_cache[key] = ox.rpr(fmt.font_for(role, self.profile, self.latin),
                                          bold=bold)
        return self._rpr_cache[key]

    def ppr(self, role: str, **extra) -> Element:
        """The role's w:pPr (its style and ``extra`` direct formatting;
        ``style_id`` names another style)."""
        key = (role, tuple(sorted((k, repr(v)) for k, v in extra.items())))
        if key not in self._ppr_cache:
            extra.setdefault("style_id", fmt.format_for(role, self.profile).style_id)
            self._ppr_cache[key] = ox.ppr(**extra)
        return copy.deepcopy(self._ppr_cache[key])

    def direct(self, p: Placement, **extra) -> dict:
        """Direct formatting the placement asks for, plus ``extra``."""
        if p.style_id != fmt.format_for(p.role, self.profile).style_id:
            extra["style_id"] = p.style_id
        if "before" in p.direct:
            extra["before"] = p.before
        if "ind" in p.direct:
            f = fmt.FORMATS[p.role]
            extra["ind"] = indent(f, left=p.left_chars, right=p.right_chars,
                                  hanging=p.hanging_chars, first=p.first_line_chars)
        if "keep" in p.direct:
            extra["keep_next"] = p.keep_next
        if p.break_before:
            extra["page_break_before"] = True
        return extra

    def paragraph(self, p: Placement, **extra) -> Element:
        """The usual paragraph: the role's style, one run of its text."""
        el = ox.paragraph(self.ppr(p.role, **self.direct(p, **extra)))
        spans = getattr(p.block, "bold", ()) if p.text == p.block.text else ()
        for text, bold in split_bold(p.text, spans):  # 一是…二是… lead-ins in bold
            el.append(ox.run(text, self.rpr(p.role, bold=True if bold else None)))
        return el

    def write(self, p: Placement, following: Placement | None) -> Element:
        builder = BUILDERS.get(p.role, build_plain)
        return builder(self, p, following)

    # -- the 版记 --------------------------------------------------------------------
    def imprint(self, blocks: list[Block], where: ImprintLayout) -> list[Element]:
        """版记: page breaks and a spacer that put it at the foot of its page,
        then 抄送 and 印发机关/日期 between rules, 四号.  When it is not
        numbered (a blank page before it) the caller ends the text's section
        before these paragraphs, so the first of them opens the blank page."""
        body_id = fmt.FORMATS[Role.BODY].style_id
        out: list[Element] = []
        for i in range(where.blank_pages):
            # an unnumbered 版记 starts a section (on a new page) of its own
            brk = i > 0 or where.numbered
            out.append(ox.paragraph(ox.ppr(style_id=body_id, page_break_before=brk)))
        # The rules span the text block (GB/T 9704 7.4.1), but a paragraph's
        # border only spans its indents: each rule goes on a paragraph without
        # them — the spacer above the 版记, the 印发 line (its organ set in by a
        # first-line indent) — and on the 抄送 (indented) only when no other
        # paragraph can carry it.
        borders: list[dict] = [{} for _ in blocks]
        spacer: dict = {}
        n = len(blocks)
        for i, b in enumerate(blocks):
            rule = fmt.IMPRINT_THICK if i == 0 else fmt.IMPRINT_THIN
            if b.role == Role.PRINTER:
                borders[i]["top"] = rule
            elif i == 0 and where.spacer > 0:
                spacer["bottom"] = rule
            elif i > 0 and blocks[i - 1].role == Role.PRINTER:
                borders[i - 1]["bottom"] = rule
            else:
                borders[i]["top"] = rule
        if n:
            borders[-1]["bottom"] = fmt.IMPRINT_THICK
        if where.spacer > 0:
            # one empty paragraph exactly as tall as the room above the 版记
            out.append(ox.paragraph(ox.ppr(style_id=body_id, snap_to_grid=False,
                                           line=where.spacer, line_rule="exact",
                                           borders=spacer or None)))
        for i, b in enumerate(blocks):
            builder = IMPRINT_BUILDERS[b.role]
            out.append(builder(self, b, borders=borders[i], last=i == n - 1))
        return out


def split_bold(text: str, spans) -> list[tuple[str, bool]]:
    """A paragraph's text in runs: (text, bold) for the block's bold spans."""
    if not text:
        return []
    out, pos = [], 0
    for a, b in sorted(spans):
        a, b = max(a, pos), min(b, len(text))
        if b <= a:
            continue
        if a > pos:
            out.append((text[pos:a], False))
        out.append((text[a:b], True))
        pos = b
    if pos < len(text):
        out.append((text[pos:], False))
    return out


Builder = Callable[[ParagraphWriter, Placement, "Placement | None"], Element]


def build_plain(w: ParagraphWriter, p: Placement, following: Placement | None) -> Element:
    return w.paragraph(p)


def build_heading(w: ParagraphWriter, p: Placement, following: Placement | None) -> Element:
    """A heading; a run-in heading's body text follows in the body's weight."""
    if not p.bold_prefix:
        return w.paragraph(p)
    el = ox.paragraph(w.ppr(p.role, **w.direct(p)))
    el.append(ox.run(p.text[:p.bold_prefix], w.rpr(p.role)))
    f = fmt.format_for(p.role, w.profile)
    el.append(ox.run(p.text[p.bold_prefix:], w.rpr(Role.BODY, bold=False if f.bold else None)))
    return el


def _red_roles_end(following: Placement | None) -> bool:
    return following is None or following.role not in HEADER_ROLES


def build_red_header(w: ParagraphWriter, p: Placement, following: Placement | None) -> Element:
    """发文机关标志 in red, shrunk to fit; the red rule under the last red line."""
    f = fmt.FORMATS[Role.RED_HEADER]
    extra = {"borders": {"bottom": fmt.RED_SEPARATOR}} if _red_roles_end(following) else {}
    el = ox.paragraph(w.ppr(p.role, **w.direct(p, **extra)))
    rpr = ox.rpr(fmt.font_for(Role.RED_HEADER, w.profile), color=f.color, size_pt=p.size_pt)
    el.append(ox.run(p.text, rpr))
    return el


def build_doc_number(w: ParagraphWriter, p: Placement, following: Placement | None) -> Element:
    extra = {"borders": {"bottom": fmt.RED_SEPARATOR}} if _red_roles_end(following) else {}
    return w.paragraph(p, **extra)


BUILDERS: dict[str, Builder] = {
    Role.RED_HEADER: build_red_header,
    Role.DOC_NUMBER: build_doc_number,
    Role.HEADING1: build_heading,
    Role.HEADING2: build_heading,
    Role.HEADING3: build_heading,
    Role.HEADING4: build_heading,
}


def _register_more() -> None:
    """Builders of their own modules: the 上行文 header line and the table."""
    from .table import build_table
    from .upward import build_issuer
    BUILDERS[Role.ISSUER] = build_issuer
    BUILDERS[Role.ANNEX_TABLE] = build_table


_register_more()


def build_cc(w: ParagraphWriter, b: Block, *, borders: dict, last: bool) -> Element:
    el = ox.paragraph(w.ppr(Role.CC, borders=borders, line=fmt.IMPRINT_LINE_TWIPS,
                            keep_next=(not last) or None))
    el.append(ox.run(b.text, w.rpr(Role.CC)))
    return el


def build_printer(w: ParagraphWriter, b: Block, *, borders: dict, last: bool) -> Element:
    """印发机关 left, 印发日期 right (a right tab 1 character from the edge)."""
    f = fmt.FORMATS[Role.PRINTER]
    tab = fmt.PAGE.text_width_twips - f.chars_to_twips(f.right_chars)
    # no left or right indent, so that its rules span the text block: the organ
    # 1 character in by a first-line indent, the date ending at the tab
    el = ox.paragraph(w.ppr(Role.PRINTER, borders=borders, line=fmt.IMPRINT_LINE_TWIPS,
                            tabs=[("right", tab)],
                            ind=indent(f, left=0, right=0, hanging=0, first=f.left_chars)))
    rpr = w.rpr(Role.PRINTER)
    el.append(ox.run(b.text, rpr))
    if b.title:
        el.append(ox.tab_run(rpr))
        el.append(ox.run(b.title, rpr))
    return el


IMPRINT_BUILDERS: dict[str, Callable[..., Element]] = {Role.CC: build_cc,
                                                       Role.PRINTER: build_printer}
