"""Spaces in running text: between Chinese characters (``cjk-space``) and
between a Chinese character and a digit or Latin word (``cjk-alnum-space``).

Conventional spaces are left alone:
- letter-spaced words and aligned labels: "江 苏 省"、"邮  箱："、"总  则";
- after a chapter/article number: "第一章  总则"、"第三条  为…", and before
  "第N部分" in a standard's title;
- between joint issuers: "中共某省委 某省人民政府关于…"、"某财政厅  某科技厅";
- after a standard's number: "GB/T 9704—2012 党政机关公文格式";
- in contact lines (联系人、电话、邮箱、地址 …), where names are spaced apart,
  and in a 主题词 line, where the words are.
Spaces at either end of a paragraph are indentation, never reported.
"""

from __future__ import annotations

import re
from typing import Iterator

from .context import HAN, Context, is_cjk, is_han, make
from .finding import Finding
from .units import Unit

SPACES = " \u3000\u00a0\t"
_SPACE_RUN = re.compile(f"[{SPACES}]+")
_CN_NUM = "一二三四五六七八九十百零〇两"
_ORDINAL_BEFORE = re.compile(rf"第[{_CN_NUM}\d]+(?:章|条|节|编|款|部分)$")
_PAGE = re.compile(r"[第共][ \u3000]*\d+[ \u3000]*页")
_PART_AFTER = re.compile(rf"^第[{_CN_NUM}\d]+(?:部分|章|节|篇)")
_ORG = ("委员会", "办公厅", "办公室", "人民政府", "政府", "人大", "政协", "厅", "局", "部", "委", "办",
        "院", "会", "中心", "公司", "集团", "大学", "学院", "学校", "处", "署", "总局", "法院",
        "检察院", "银行")
_ORG_BEFORE = re.compile(rf"(?:^|[《（(“、，\s])[{HAN}]{{2,20}}(?:{'|'.join(_ORG)})$")
_ORG_AFTER = re.compile(rf"^(?:中共|中国)?[{HAN}]{{1,20}}?(?:{'|'.join(_ORG)})(?:$|[{SPACES}]|关于|、|，|》|等)")
_STANDARD_BEFORE = re.compile(r"[A-Z]{1,4}(?:/[A-Z])?\s*[\dX]+(?:\.[\dX]+)*\s*[—－\-–]\s*(?:\d{2,4}|20[XY]{2}|[XY]{4})$")
_CONTACT = re.compile(r"^\s*(?:联\s*系\s*人|联\s*系\s*电\s*话|电\s*话|手\s*机|传\s*真|邮\s*箱|电子邮箱|"
                      r"地\s*址|邮\s*编|通讯地址|联系方式|主\s*题\s*词|关\s*键\s*词)")


def _letter_spaced(text: str, a: int, b: int) -> bool:
    """The space is part of a word written with spaces between its
    characters (or an aligned label such as "邮  箱：")."""
    if a >= 1 and is_han(text[a - 1]) and (a == 1 or text[a - 2] in SPACES):
        return True
    if b < len(text) and is_han(text[b]) and (b + 1 == len(text) or text[b + 1] in SPACES + "：:"):
        return True
    return False


def conventional(text: str, a: int, b: int) -> bool:
    """Whether the space ``text[a:b]`` is one the conventions keep."""
    before, after = text[:a], text[b:]
    if _CONTACT.match(text):
        return True
    if _letter_spaced(text, a, b):
        return True
    if _ORDINAL_BEFORE.search(before) or _PART_AFTER.match(after):
        return True
    if any(m.start() <= a and b <= m.end() for m in _PAGE.finditer(text)):
        return True  # 第 1 页 / 共 4 页
    if _ORG_BEFORE.search(before) and _ORG_AFTER.match(after):
        return True
    if _STANDARD_BEFORE.search(before):
        return True
    if is_han(text[a - 1]) and b < len(text) and is_han(text[b]) and _in_slogan(text, a, b):
        return True
    return False


def _in_slogan(text: str, a: int, b: int) -> bool:
    """"“爱文明家园 做文明市民”": a space parting the phrases of a quoted slogan."""
    opening = text.rfind("“", 0, a)
    if opening < 0 or text.rfind("”", 0, a) > opening:
        return False
    closing = text.find("”", b)
    if closing < 0:
        return False
    inner = text[opening + 1:closing]
    return not any(c in inner for c in "，。、；：,;:") and len(text[opening + 1:a]) >= 2 \
        and len(text[b:closing]) >= 2


def check_spaces(ctx: Context, unit: Unit) -> Iterator[Finding]:
    text = unit.text
    if not any(is_han(c) for c in text):
        return
    for m in _SPACE_RUN.finditer(text):
        a, b = m.start(), m.end()
        if a == 0 or b == len(text) or not text[:a].strip() or not text[b:].strip():
            continue
        left, right = text[a - 1], text[b]
        cjk_pair = is_cjk(left) and is_cjk(right) and (is_han(left) or is_han(right))
        alnum_pair = (is_han(left) and right.isascii() and right.isalnum()) or \
            (is_han(right) and left.isascii() and left.isalnum())
        if not (cjk_pair or alnum_pair):
            continue
        if conventional(text, a, b):
            continue
        if cjk_pair:
            yield make(unit, "cjk-space", "汉字之间有多余的空格", a, b, "")
        else:
            what = "数字" if (left.isdigit() or right.isdigit()) else "字母"
            yield make(unit, "cjk-alnum-space", f"汉字与{what}之间有多余的空格", a, b, "")
