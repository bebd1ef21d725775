"""Where a paragraph's lines break, as LibreOffice and Word set CJK text.

One line breaker for the layout model (``desktop.layout``): the grid
estimate and the window's font measurer differ only in the width of a
character (``advance``), so they break the same text the same way.  The
rules, checked against LibreOffice's PDF (tests/test_layout_render.py):

- every character carries the role's character spacing except the last of
  a run of one script (Asian / Latin);
- between an ideograph and a Latin letter or digit LibreOffice adds a fifth
  of the font size (its "space between Asian and non-Asian text", which it
  applies whatever the .docx says);
- ， 。 、 ； ： ！ ？ may hang past the right edge (one of them); closing
  brackets and quotes never start a line, opening ones never end one;
- a run of Latin letters, digits and their punctuation ("16.97%") is not
  split, except at a space.
"""

from __future__ import annotations

import unicodedata
from typing import Callable

HANGING = "，。、；：！？"
NO_LINE_START = "，。、；：！？）》」』”’〕】〉｝］)]}>"
NO_LINE_END = "（《「『“‘〔【〈｛［([{<"
WEAK = "“”‘’—…·"  # set in the Asian font, but take the script of their neighbour
AUTOSPACE_EM = 0.2


def is_wide(ch: str) -> bool:
    """Set one character wide (CJK, full-width forms and the quotes and
    dashes a 公文 sets in its CJK font); everything else is half wide."""
    return not (ord(ch) < 0x2E80 and unicodedata.east_asian_width(ch) not in ("W", "F")
                and ch not in WEAK)


def grid_advance(ch: str) -> float:
    """Width in characters on the 公文 grid: 1 or ½ (GB2312 fonts' half-width ASCII)."""
    return 1.0 if is_wide(ch) else 0.5


def grid_width(text: str) -> float:
    """Width of ``text`` in characters of its size on the grid: CJK and
    full-width characters count 1, ASCII (digits, Latin, half-width
    punctuation) ½."""
    return sum(grid_advance(ch) for ch in text)


def _ideograph(ch: str) -> bool:
    return ord(ch) >= 0x2E80 and unicodedata.category(ch) == "Lo"


def _latin_word(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def scripts(text: str) -> list[bool]:
    """Per character: True for Asian script (weak characters take their
    neighbour's)."""
    out: list[bool | None] = [None if ch in WEAK else is_wide(ch) for ch in text]
    prev: bool | None = None
    for i, s in enumerate(out):
        if s is None:
            out[i] = prev
        else:
            prev = s
    nxt: bool | None = True
    for i in range(len(out) - 1, -1, -1):
        if out[i] is None:
            out[i] = nxt
        else:
            nxt = out[i]
    return [bool(s) for s in out]


def _can_break_before(text: str, i: int) -> bool:
    a, b = text[i - 1], text[i]
    if b in NO_LINE_START or a in NO_LINE_END:
        return False
    if a.isascii() and b.isascii():
        return a == " "  # inside a Latin run: only after a space
    return True


def break_lines(text: str, *, first_width: float, width: float, size_pt: float,
                spacing_pt: float, advance: Callable[[str], float]) -> list[str]:
    """``text`` broken into lines: ``first_width`` / ``width`` in points for
    the first / other lines, ``advance(ch)`` a character's width in points
    (without ``spacing_pt``, the character spacing)."""
    if not text:
        return [""]
    n = len(text)
    asian = scripts(text)
    adv = [advance(ch) for ch in text]
    gap = AUTOSPACE_EM * size_pt
    lines: list[str] = []
    start = 0
    while start < n:
        room = (first_width if not lines else width) + 0.01
        used = 0.0
        end = start
        while end < n:
            w = adv[end] + spacing_pt
            if end > start and asian[end] != asian[end - 1]:
                w -= spacing_pt  # the run before ends: its last character has no spacing
                a, b = text[end - 1], text[end]
                if (_ideograph(a) and _latin_word(b)) or (_latin_word(a) and _ideograph(b)):
                    w += gap
            if used + w - spacing_pt > room:  # the line's last character has no spacing
                break
            used += w
            end += 1
        if end >= n:
            lines.append(text[start:])
            break
        if end == start:  # wider than the line: one character anyway
            end = start + 1
        elif text[end] in HANGING and (end + 1 >= n or text[end + 1] not in NO_LINE_START):
            end += 1  # hangs in the margin
        else:
            brk = end
            while brk > start and not _can_break_before(text, brk):
                brk -= 1
            if brk > start:
                end = brk
        lines.append(text[start:end])
        start = end
        # a space at a line's start disappears
        while start < n and text[start] == " ":
            start += 1
    return lines
