"""The numbers people type before a heading, recognised as written.

A marker is the number at the start of a paragraph (typed, or Word's
automatic label): its *kind* says which list it belongs to, its *number*
is the number as the reader sees it ("一", "1", "第一章", "①").  Kinds:

====================  ==========================================  ===========
kind                  written                                     official level
====================  ==========================================  ===========
``part``              第一编 / 第一部分                           —
``chapter``           第一章                                      —
``section``           第一节                                      —
``article``           第一条                                      —
``cn``                一、 一． 一. 一﹒                            1
``cn_paren``          （一） (一)                                  2
``num``               1. 1． 1﹒ 1、 1，                            3
``num_paren``         （1） (1)                                    4
``cn_half``           一） 一)                                     —
``num_half``          1） 1)                                       —
``circled``           ① … ⑳                                       —
====================  ==========================================  ===========

Separators are the ones people type (half- and full-width), with or
without a space after.  A number followed by more digits is text, not an
item — "3.5万元" — except where the digits are plainly the item's first
words: a year ("2.2019年度…", "1.2018和2019年…") or a month ("2.7月15日前…").
Levels are not decided here: ``outline`` gives them from the kinds'
order in the document.  Nothing here imports cn2an (the reader stays light).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..cn_numerals import from_chinese
from ..number_styles import CIRCLED, STYLE_FORMS, cn_text

_CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN = "零〇○一二两三四五六七八九十百千"
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")

# the official sequence 一、 （一） 1. （1）
OFFICIAL_LEVEL = {"cn": 1, "cn_paren": 2, "num": 3, "num_paren": 4}
# the 办法/规定 structure, outermost first
STRUCTURE = ("part", "chapter", "section", "article")
# kinds whose numbers run on through the whole document (articles do)
RUNS_ON = ("article",)


def cn_value(text: str) -> int | None:
    """一 → 1, 十二 → 12, 二十一 → 21, 一百零五 → 105; None for what is not
    an outline number: 〇, 二三, 十十一, 百百, 一万 and beyond."""
    if not text or any(c not in _CN_DIGITS and c not in _CN_UNITS for c in text):
        return None
    try:
        value = from_chinese(text)
    except (ValueError, TypeError, KeyError, IndexError):
        return None
    if not 1 <= value < 1000:
        return None
    # only the well-formed numeral of its value: 十十一 and 百百 are text
    written = cn_text(value)
    return value if text in (written, "一" + written, written.replace("二", "两", 1)) else None


@dataclass(frozen=True)
class Marker:
    kind: str
    value: int
    number: str  # as seen: "一", "1", "第一章", "①"
    text: str  # the marker as printed, without the space after: "一、", "1）", "第一章"
    length: int  # characters of the paragraph it takes, with the spaces after

    @property
    def official_level(self) -> int | None:
        return OFFICIAL_LEVEL.get(self.kind)


_SP = r"[ \t\u3000\xa0]*"
_STRUCT = re.compile(rf"^{_SP}(第{_SP}([{CN}\d]+){_SP}(编|部分|章|节|条)){_SP}")
_CN_MARK = re.compile(rf"^{_SP}([{CN}]+){_SP}([、．.﹒，,]|[）)]){_SP}")
_CN_PAREN = re.compile(rf"^{_SP}[（(]{_SP}([{CN}]+){_SP}[）)]{_SP}")
_NUM_PAREN = re.compile(rf"^{_SP}[（(]{_SP}(\d{{1,3}}){_SP}[）)]{_SP}")
_NUM_MARK = re.compile(rf"^{_SP}(\d{{1,3}}){_SP}([.．﹒、，,]|[）)]){_SP}")
_CIRCLED = re.compile(rf"^{_SP}([{CIRCLED}]){_SP}")
_STRUCT_KIND = {"编": "part", "部分": "part", "章": "chapter", "节": "section", "条": "article"}
# after "N." digits that start the item's text, not a decimal fraction
_YEAR_OR_MONTH = re.compile(r"^(?:(?:19|20)\d\d(?!\d|[.．%％])|(?:1[0-2]|0?[1-9])\s*月|\d{1,2}\s*日)")
_YEAR = re.compile(r"^(?:19|20)\d\d(?!\d|[.．%％])")
# "一、二年级", "1、2月份": a run of numbers in the text, not an item
_CN_RUN = re.compile(rf"^[{CN}]+\s*(?:[、至到~－—-]|年级|季度)")


def parse_marker(text: str, whole: bool = False) -> Marker | None:
    """The marker at the start of ``text``, or None.  ``whole``: ``text``
    is an automatic label that must be all marker ("1）", "第一章")."""
    if not text:
        return None
    text = text.translate(_FULLWIDTH_DIGITS) if any("０" <= c <= "９" for c in text[:6]) else text
    m = _STRUCT.match(text)
    if m:
        raw = m.group(2)
        value = int(raw) if raw.isdigit() else cn_value(raw)
        if value:
            return _done(text, m, _STRUCT_KIND[m.group(3)], value, re.sub(_SP, "", m.group(1)),
                         re.sub(_SP, "", m.group(1)), whole)
        return None
    m = _CN_PAREN.match(text)
    if m:
        value = cn_value(m.group(1))
        return _done(text, m, "cn_paren", value, m.group(1), f"（{m.group(1)}）", whole) if value else None
    m = _NUM_PAREN.match(text)
    if m:
        value = int(m.group(1))
        return _done(text, m, "num_paren", value, m.group(1), f"（{m.group(1)}）", whole) if value else None
    m = _CIRCLED.match(text)
    if m:
        value = CIRCLED.index(m.group(1)) + 1
        return _done(text, m, "circled", value, m.group(1), m.group(1), whole)
    m = _CN_MARK.match(text)
    if m:
        value = cn_value(m.group(1))
        sep = m.group(2)
        if not value or (sep in "，," and not whole):
            return None
        if sep == "、" and not whole and _CN_RUN.match(text[m.end():]):
            return None  # 一、二年级: numbers in the text
        kind = "cn_half" if sep in "）)" else "cn"
        return _done(text, m, kind, value, m.group(1), m.group(1) + sep, whole)
    m = _NUM_MARK.match(text)
    if m:
        value = int(m.group(1))
        sep = m.group(2)
        rest = text[m.end():]
        if not value:
            return None
        if sep in ".．﹒" and rest[:1].isdigit() and not _YEAR_OR_MONTH.match(rest):
            return None  # 3.5万元: a decimal
        if sep in "，," and (rest[:1].isdigit() or whole is False and not rest.strip()):
            return None  # 1，2，3: a list of figures
        if sep in "、，," and rest[:1].isdigit() and not _YEAR.match(rest):
            return None
        kind = "num_half" if sep in "）)" else "num"
        return _done(text, m, kind, value, m.group(1), m.group(1) + sep, whole)
    return None


def _done(text, m, kind, value, number, printed, whole) -> Marker | None:
    if whole and text[m.end():].strip():
        return None
    return Marker(kind, value, number, printed, m.end())


# -- writing a number in a kind (render of imported sections) -----------------------
def style_of(marker: Marker) -> str:
    """The number style a marker is written in ("第{cn}章", "{n}）"), or ""
    for the official forms of its level (written the official way)."""
    if marker.kind in OFFICIAL_LEVEL:
        return ""
    return STYLE_FORMS.get(marker.kind, "")
