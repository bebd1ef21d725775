"""Official outline numbering, both ways: 一、 （一） 1. （1）.

The one place that knows how a level is written (``format_number``), how
the counters run through a document (``Numberer``) and how a typed number
is recognised in a paragraph (``parse_number``).  Chinese numerals are
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


def format_number(level: int, n: int) -> str:
    """The number as printed before the heading: 一、 （一） 1. （1）."""
    prefix, suffix = LEVEL_FORMS[level]
    return f"{prefix}{number_text(level, n)}{suffix}"


class Numberer:
    """Hands out numbers in document order.

    Levels 1, 2 and 4 restart under each parent; level 3 follows the
    document's numbering mode: ``per_parent`` (restart under each parent),
    ``per_chapter`` (restart at each level-1 chapter, run on across its
    （一）（二）…) or ``continuous`` (run through the whole document).
    """

    def __init__(self, mode: str = "per_parent"):
        self.mode = mode
        self._chapter = 0
        self._level3_global = 0
        self._level3_chapter: dict[int, int] = {}

    def next(self, level: int, index_among_same_level: int, chapter: int) -> int:
        """``index_among_same_level`` is the 1-based position of the section
        among its siblings of the same level; ``chapter`` the index of the
        level-1 (top) section it lies in."""
        if level != 3 or self.mode == "per_parent":
            return index_among_same_level
        if self.mode == "continuous":
            self._level3_global += 1
            return self._level3_global
        count = self._level3_chapter.get(chapter, 0) + 1
        self._level3_chapter[chapter] = count
        return count


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
class ParsedNumber:
    level: int
    value: int
    number: str  # bare number text: "一", "12"
    length: int  # characters of the paragraph taken by the number


def parse_number(text: str) -> ParsedNumber | None:
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
        return ParsedNumber(level, value, raw, m.end())
    return None
