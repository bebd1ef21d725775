"""Official outline numbering, both ways: 一、 （一） 1. （1）.

The one place that knows how a level is written (``outline_number``), how
the counters run through a document (``Numberer``) and how a typed number
is recognised in a paragraph (``parse_outline_number``).  Chinese numerals are
written and read by ``cn_numerals`` (small exact conversions, nothing to
build at start-up).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cn_numerals import from_chinese, int_to_chinese

# level → (prefix, suffix) of the written number
LEVEL_FORMS = {1: ("", "、"), 2: ("（", "）"), 3: ("", "."), 4: ("（", "）")}
CHINESE_LEVELS = (1, 2)


def to_chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (the numbering form)."""
    if n < 1:
        raise ValueError(f"编号必须为正整数：{n}")
    return int_to_chinese(n)


def number_text(level: int, n: int) -> str:
    """The bare number of the contract: "一", "3"."""
    return to_chinese(n) if level in CHINESE_LEVELS else str(n)


def outline_number(level: int, n: int) -> str:
    """The number as printed before the heading: 一、 （一） 1. （1）."""
    prefix, suffix = LEVEL_FORMS[level]
    return f"{prefix}{number_text(level, n)}{suffix}"


# -- how level-3 numbers run (the document's numbering mode) -------------------
NUMBERING_MODES = ("per_parent", "per_chapter", "continuous")
NUMBERING_MODE_LABELS = {
    "per_parent": "每个上级标题下重新编号",
    "per_chapter": "每章（一级标题）内连续编号",
    "continuous": "全文连续编号",
}


class Level3Counter:
    """The one sequence generator of level-3 numbers (1. 2. …), for a walk
    through an outline in document order.

    Levels 1, 2 and 4 restart under each parent, and so does level 3 in the
    ``per_parent`` mode: that count is the caller's (its position among the
    siblings of its level).  ``per_chapter`` runs on across the （一）（二）…
    of one level-1 chapter and ``continuous`` through the whole document:
    those counts live here.  Rendering numbers with it (``Numberer``), the
    reader detects a document's mode with it (``candidates`` for each mode)
    and proofreading checks written numbers against it (``count`` follows the
    writer's number, so that a gap is reported once).
    """

    def __init__(self) -> None:
        self.in_chapter = 0
        self.in_document = 0

    def start_chapter(self) -> None:
        """A level-1 section begins."""
        self.in_chapter = 0

    def candidates(self, among_siblings: int) -> dict[str, int]:
        """The next level-3 number under each mode (``among_siblings``: its
        1-based position among its parent's level-3 children)."""
        return {"per_parent": among_siblings, "per_chapter": self.in_chapter + 1,
                "continuous": self.in_document + 1}

    def next(self, mode: str, among_siblings: int) -> int:
        """The next level-3 number under ``mode``, counted."""
        n = self.candidates(among_siblings).get(mode, among_siblings)
        self.count()
        return n

    def count(self, written: int | None = None, mode: str = "") -> None:
        """One level-3 number has gone by; ``written`` (the number a writer
        typed) resets the running count of ``mode`` to it."""
        self.in_chapter = written if written is not None and mode == "per_chapter" \
            else self.in_chapter + 1
        self.in_document = written if written is not None and mode == "continuous" \
            else self.in_document + 1


class Numberer:
    """Hands out numbers in document order (``Level3Counter`` for level 3 under
    the document's numbering mode; the other levels restart under each parent)."""

    def __init__(self, mode: str = "per_parent"):
        self.mode = mode
        self._chapter: int | None = None
        self._level3 = Level3Counter()

    def next(self, level: int, index_among_same_level: int, chapter: int) -> int:
        """``index_among_same_level`` is the 1-based position of the section
        among its siblings of the same level; ``chapter`` the index of the
        level-1 (top) section it lies in."""
        if chapter != self._chapter:
            self._chapter = chapter
            self._level3.start_chapter()
        if level != 3:
            return index_among_same_level
        return self._level3.next(self.mode, index_among_same_level)


def detect_numbering_mode(sections: list) -> str:
    """The mode a document's written level-3 numbers follow, whichever mode
    matches them all, else the one that matches most (``per_parent`` on a
    tie).  ``sections``: an outline of nodes with ``level``, ``value`` (the
    written number or None) and ``children``, such as ``reuse.RSection``."""
    counter = Level3Counter()
    matches = dict.fromkeys(NUMBERING_MODES, 0)
    total = 0

    def visit(items: list, top: bool) -> None:
        nonlocal total
        level3 = 0
        for s in items:
            if top:
                counter.start_chapter()
            if s.level == 3:
                level3 += 1
                if s.value is not None:
                    total += 1
                    for mode, n in counter.candidates(level3).items():
                        matches[mode] += s.value == n
                    counter.count()
            visit(s.children, False)

    visit(sections, True)
    for mode in NUMBERING_MODES:
        if matches[mode] == total:
            return mode
    return max(NUMBERING_MODES, key=lambda k: (matches[k], k == "per_parent"))


# -- recognising typed numbers ---------------------------------------------
_CN = "〇零一二三四五六七八九十百两"
_PATTERNS = [
    # （一） (一) — level 2
    (2, re.compile(rf"^\s*[（(]\s*([{_CN}]+)\s*[）)]\s*")),
    # （1） (1) — level 4
    (4, re.compile(r"^\s*[（(]\s*(\d{1,3})\s*[）)]\s*")),
    # 一、 — level 1 (also 一. 一．)
    (1, re.compile(rf"^\s*([{_CN}]+)\s*[、．.]\s*")),
    # 1. 1、 1． — level 3; a decimal like 1.5 is not a number
    (3, re.compile(r"^\s*(\d{1,3})\s*(?:[、．]|\.(?!\d))\s*")),
]


@dataclass(frozen=True)
class OutlineNumber:
    level: int
    value: int
    number: str  # bare number text: "一", "12"
    length: int  # characters of the paragraph taken by the number


def parse_outline_number(text: str) -> OutlineNumber | None:
    """Recognise a typed outline number at the start of a paragraph."""
    for level, pattern in _PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        raw = m.group(1)
        try:
            value = int(raw) if raw.isdigit() else from_chinese(raw)
        except (ValueError, TypeError):
            continue
        if value < 1:
            continue
        return OutlineNumber(level, value, raw, m.end())
    return None
