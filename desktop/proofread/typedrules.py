"""Slips of typing that a re-typeset copy would hide or that read one
paragraph at a time: typed heading numbers, the 主送机关's colon, dates
without 日, impossible year ranges, punctuation inside quotes, doubled
characters, year statements that contradict the document's year."""

from __future__ import annotations

import re
from typing import Iterator

from .context import Context, make
from .finding import Finding
from .units import Unit

_CN = "一二三四五六七八九十百零〇两"

# -- typed heading numbers (GB/T 9704 7.3.3: 一、 （一） 1. （1）) --------------------------
_NUMBER_FORMS = [
    # (一) (1) and mixed (一） （1): half-width brackets
    (re.compile(rf"^([ \u3000]*)([(（])[ \u3000]*([{_CN}]+|\d{{1,3}})[ \u3000]*([)）])([、.．，,]?)"),
     "paren"),
    # 1) 1）: a closing bracket only
    (re.compile(r"^([ \u3000]*)()(\d{1,3})([)）])()(?![\d.])"), "close"),
    # 一. 一． 一, : a Chinese numeral needs 、
    (re.compile(rf"^([ \u3000]*)()([{_CN}]{{1,3}})([.．,，])()(?!\d)"), "cn_dot"),
    # 1、 1， : an Arabic number takes a full stop
    (re.compile(r"^([ \u3000]*)()(\d{1,3})([、，,])()(?!\d)"), "arabic_comma"),
]


def heading_number_fix(text: str) -> tuple[int, int, str, str] | None:
    """(start, end, fix, what) for a typed number written in the wrong form
    at the start of ``text``, else None."""
    for pattern, kind in _NUMBER_FORMS:
        m = pattern.match(text)
        if not m:
            continue
        start, end = m.end(1), m.end()
        number = m.group(3)
        if kind == "paren":
            fix = f"（{number}）"
            if text[start:end] == fix:
                return None
            what = "序号后不加标点" if m.group(5) and m.group(2) == "（" and m.group(4) == "）" \
                else "序号应使用全角括号"
        elif kind == "close":
            fix, what = f"（{number}）", "序号应写成全角括号“（1）”"
        elif kind == "cn_dot":
            if not text[end:end + 1].strip():
                return None
            fix, what = f"{number}、", "汉字序号后应使用顿号"
        else:
            if not text[end:end + 1].strip():
                return None
            fix, what = f"{number}.", "阿拉伯数字序号后应使用下脚点“.”"
        return start, end, fix, what
    return None


def check_heading_number(ctx: Context, unit: Unit) -> Iterator[Finding]:
    """A typed number at the start of a paragraph (a heading or a list
    item), or of an attachment name after "附件："."""
    text = unit.text
    offset = 0
    if unit.field == "attachment":
        m = re.match(r"^[ \u3000]*附[ \u3000]*件[ \u3000]*[：:][ \u3000]*", text)
        offset = m.end() if m else 0
    found = heading_number_fix(text[offset:])
    if found is None:
        return
    start, end, fix, what = found
    if unit.field == "attachment" and fix.endswith("）"):
        return
    if unit.field == "attachment":
        what = "附件序号应使用阿拉伯数字加下脚点（GB/T 9704：“附件：1.……”）"
    yield make(unit, "heading-number-form", f"{what}：“{fix}”", offset + start, offset + end, fix)


# -- 主送机关 -------------------------------------------------------------------------------
def check_recipients(ctx: Context, unit: Unit) -> Iterator[Finding]:
    text = unit.text.rstrip()
    if unit.field == "recipients" and text.endswith(":"):
        yield make(unit, "recipients-colon", "主送机关后应使用全角冒号“：”", len(text) - 1, len(text), "：")


# -- dates --------------------------------------------------------------------------------
_NO_DAY = re.compile(r"(?<!\d)(\d{1,2})月(\d{1,2})(?=前|后|以前|之前|起|止|左右|[，。；]|[ \u3000]*$)")
_ZERO_MONTH = re.compile(r"(?<![\d年])0(\d)月(?:0?(\d{1,2})日)?")
_RANGE = re.compile(
    r"(?<![A-Za-z0-9/.\-－])((?:19|20)\d\d)[ \u3000]*年?[ \u3000]*([-－—–~～至到])[ \u3000]*((?:19|20)\d\d)(?=[ \u3000]*年)")
_HYPHENS = "-－–"


_HAO = re.compile(r"(?<![\d〕\]）)])(\d{1,2})月(\d{1,2})号(?=前|后|以前|之前|起|止|[，。；、至到—-]|[ \u3000]*$)")


def check_dates(ctx: Context, unit: Unit) -> Iterator[Finding]:
    text = unit.text
    for m in _HAO.finditer(text):
        mo, d = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            fix = f"{mo}月{d}日"
            yield make(unit, "date-missing-day", f"日期应写“日”，不写“号”：“{fix}”", m.start(), m.end(), fix)
    for m in _NO_DAY.finditer(text):
        mo, d = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            fix = f"{mo}月{d}日"
            yield make(unit, "date-missing-day", f"日期缺少“日”：“{fix}”", m.start(), m.end(), fix)
    for m in _ZERO_MONTH.finditer(text):
        mo = int(m.group(1))
        if not 1 <= mo <= 9:
            continue
        day = m.group(2)
        fix = f"{mo}月{int(day)}日" if day else f"{mo}月"
        yield make(unit, "date-format", f"日期不加前导0：“{fix}”", m.start(), m.end(), fix)
    for m in _RANGE.finditer(text):
        a, b = int(m.group(1)), int(m.group(3))
        if b <= a:
            yield make(unit, "impossible-range",
                       f"起止年份有误：“{m.group(1)}{m.group(2)}{m.group(3)}”的止年不晚于起年",
                       m.start(), m.end(3))


def year_ranges(text: str) -> Iterator[re.Match]:
    for m in _RANGE.finditer(text):
        if int(m.group(3)) > int(m.group(1)):
            yield m


def check_range_dashes(ctx: Context, units: list[Unit]) -> Iterator[Finding]:
    """Year ranges joined by a hyphen where the document otherwise joins
    them with 至 or a dash (—, ～)."""
    seps: dict[str, int] = {}
    found = []
    for u in units:
        for m in year_ranges(u.text):
            sep = m.group(2)
            seps[sep] = seps.get(sep, 0) + 1
            found.append((u, m))
    others = {s: n for s, n in seps.items() if s not in _HYPHENS}
    if not others or not any(s in _HYPHENS for s in seps):
        return
    usual = max(others, key=lambda s: (others[s], s == "—"))
    usual = "—" if usual == "–" else usual
    for u, m in found:
        if m.group(2) in _HYPHENS:
            yield make(u, "range-dash", f"年份起止应与全文一致，使用“{usual}”", m.start(2), m.end(2), usual)


# -- punctuation inside quotes -------------------------------------------------------------
_INSIDE_QUOTE = re.compile(r"[、，；](?=”)")


def check_quote_punct(ctx: Context, unit: Unit) -> Iterator[Finding]:
    for m in _INSIDE_QUOTE.finditer(unit.text):
        mark = m.group()
        yield make(unit, "quote-punct", f"“{mark}”应放在引号之外", m.start(), m.end() + 1, f"”{mark}")


# -- doubled characters -----------------------------------------------------------------------
# a character never written twice in a row, with the words where it is
# (previous character, next character) that make the pair legitimate
_DOUBLE_OK = {
    "的": ("目", "确"), "了": ("不", "解之如"), "是": ("", "否非"), "在": ("现存实正所内外潜自", ""),
    "和": ("平温柔缓总饱", "谐平睦"), "与": ("参给", "否"), "及": ("以涉普企顾", "时格早"),
    "把": ("", "关握手"), "被": ("", "子动"), "从": ("服听跟", "事严而"), "也": ("", ""),
    "都": ("首", "市"), "就": ("成造迁", "业近"), "将": ("即", "来近"), "们": ("", ""),
    "要": ("主需重只想必紧摘纪提首概", "求素点害闻务领件"),
    "对": ("针面核相反绝应", "象话接照比标应口待于策称外手"),
    "为": ("作认成因行称以", "民主人止"),
    "有": ("", "效关力利序机限益偿"),
}
_DOUBLE = re.compile(f"([{''.join(_DOUBLE_OK)}])\\1")


def check_doubled_chars(ctx: Context, unit: Unit) -> Iterator[Finding]:
    text = unit.text
    for m in _DOUBLE.finditer(text):
        ch = m.group(1)
        prev_ok, next_ok = _DOUBLE_OK[ch]
        before = text[m.start() - 1:m.start()]
        after = text[m.end():m.end() + 1]
        if (before and before in prev_ok) or (after and after in next_ok):
            continue
        yield make(unit, "doubled-char", f"“{ch}”字重复", m.start(), m.end(), ch)


# -- a year said to be the current one ---------------------------------------------------------
_YEAR_IS = re.compile(r"(?<![\d〔\[（(])((?:19|20)\d\d)年(?:度)?是")
_PAST = ("回顾", "过去", "已经", "刚刚过去", "取得", "收官", "圆满", "完成")


def check_year_statement(ctx: Context, unit: Unit) -> Iterator[Finding]:
    """"2026年是…开局之年" in a 2027 plan: a statement left from last year."""
    if not ctx.year or ctx.kind not in ("工作计划", "工作要点", "年度工作总结", "总结及计划"):
        return
    text = unit.text
    allowed = {ctx.year, ctx.year + 1} if ctx.kind == "总结及计划" else {ctx.year}
    for m in _YEAR_IS.finditer(text):
        y = int(m.group(1))
        if y in allowed:
            continue
        end = min([i for i in (text.find(c, m.end()) for c in "。！？；") if i >= 0] or [len(text)])
        sentence = text[m.start():end]
        if "之年" not in sentence or any(w in sentence for w in _PAST):
            continue
        yield make(unit, "year-statement",
                   f"“{y}年是……”与文档年份不符（本文档为{ctx.year}年的{ctx.kind_label}）",
                   m.start(), m.end(1) + 1, None)
