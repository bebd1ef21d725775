"""Rules that read one paragraph at a time: placeholders, punctuation,
typed dates, 发文字号, stale expressions."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Iterator

from .context import HAN, Context, is_cjk, is_han, make
from .finding import Finding
from .units import Unit

# -- placeholders -------------------------------------------------------------
_PLACEHOLDERS = [
    (re.compile(r"(?<![A-Za-z])(?:X{2,}|x{2,})(?![A-Za-z])"), "未填写的占位符“{0}”"),
    (re.compile(r"×{2,}"), "未填写的占位符“{0}”"),
    (re.compile(r"＊{2,}|\*{2,}"), "未填写的占位符“{0}”"),
    (re.compile(r"【[^【】]{0,30}】"), "未填写的占位符“{0}”"),
    (re.compile(r"(?:此处|请在此)填写[^，。；,;]{0,20}|待填写|待补充"), "未填写的内容“{0}”"),
]
_CIRCLES = re.compile(r"○{2,}")
_CN_DIGIT = "〇○零一二三四五六七八九十"
_TEMPLATE_MARK = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{\{|\{%|\}\}|%\}")


_STANDARD_NUMBER = re.compile(
    r"[A-Z]{1,4}(?:/[A-Z])?\s*[\dX]*X{2,}[\dX]*(?:\.[\dX]+)*(?:\s*[—－\-–]\s*(?:20[XY]{2}|[XY]{4}|\d{4}))?"
    r"|[A-Z]{1,4}(?:/[A-Z])?\s*[\dX.]+\s*[—－\-–]\s*(?:20[XY]{2}|[XY]{4})")


def _in_standard_number(text: str, start: int, end: int) -> bool:
    """XXXX / 20YY inside a draft standard's number (GB/T XXXX—20YY)."""
    return any(m.start() <= start and end <= m.end() for m in _STANDARD_NUMBER.finditer(text))


def check_placeholders(ctx: Context, unit: Unit) -> Iterator[Finding]:
    for pattern, message in _PLACEHOLDERS:
        for m in pattern.finditer(unit.text):
            if _in_standard_number(unit.text, m.start(), m.end()):
                continue
            yield make(unit, "placeholder", message.format(m.group()), m.start(), m.end())
    for m in _CIRCLES.finditer(unit.text):
        before = unit.text[m.start() - 1:m.start()]
        after = unit.text[m.end():m.end() + 1]
        if (before and before in _CN_DIGIT) or (after and after in _CN_DIGIT + "年"):
            continue  # 二○○八年: a year written with ○ for 〇
        yield make(unit, "placeholder", f"未填写的占位符“{m.group()}”", m.start(), m.end())


def check_template_marks(ctx: Context, unit: Unit, failed: set[str]) -> Iterator[Finding]:
    if unit.section_id in failed:
        return  # the template error itself is reported
    for m in _TEMPLATE_MARK.finditer(unit.text):
        yield make(unit, "unrendered-template", f"正文中残留模板标记“{m.group()[:20]}”",
                   m.start(), m.end())


# -- punctuation --------------------------------------------------------------
HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_OPEN = {"“": "”", "《": "》", "（": "）", "(": ")"}
_CLOSE_OF = {"”": "“", "》": "《", "）": "（", ")": "("}
_PAREN_EQUIV = {"(": "（", ")": "）"}
_LEADING_LIST = re.compile(r"^\s*(?:\d{1,3}|[一二三四五六七八九十]{1,3}|[a-zA-Z])[)）]")


def _pairs(text: str) -> tuple[list[tuple[int, int]], list[int]]:
    """Matched bracket/quote pairs (half- and full-width parentheses match
    each other) and the positions left unmatched."""
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    unmatched: list[int] = []
    lead = _LEADING_LIST.match(text)
    skip = lead.end() - 1 if lead else -1
    for i, ch in enumerate(text):
        if ch in _OPEN:
            stack.append(i)
        elif ch in _CLOSE_OF:
            if i == skip:
                continue  # "1）" as a list marker
            want = _PAREN_EQUIV.get(_CLOSE_OF[ch], _CLOSE_OF[ch])
            found = None
            for k in range(len(stack) - 1, -1, -1):
                opener = text[stack[k]]
                if _PAREN_EQUIV.get(opener, opener) == want:
                    found = k
                    break
            if found is None:
                unmatched.append(i)
                continue
            unmatched.extend(stack[found + 1:])
            pairs.append((stack[found], i))
            del stack[found:]
    unmatched.extend(stack)
    return pairs, sorted(unmatched)


def check_punctuation(ctx: Context, unit: Unit) -> Iterator[Finding]:
    text = unit.text
    if not any(is_han(c) for c in text):
        return
    pairs, unmatched = _pairs(text)
    # half-width , ; : ? ! next to Chinese
    for i, ch in enumerate(text):
        if ch in ",;:?!":
            before = text[i - 1] if i > 0 else ""
            after = text[i + 1] if i + 1 < len(text) else ""
            if is_cjk(before) or is_cjk(after):
                yield make(unit, "halfwidth-punct", f"中文中使用了半角标点“{ch}”，应为“{HALF_TO_FULL[ch]}”",
                           i, i + 1, HALF_TO_FULL[ch])
    # half-width parentheses around or next to Chinese
    flagged: set[int] = set()
    for a, b in pairs:
        if text[a] != "(" and text[b] != ")":
            continue
        inner = text[a + 1:b]
        outer = (text[a - 1] if a > 0 else "") + (text[b + 1] if b + 1 < len(text) else "")
        if any(is_han(c) for c in inner) or any(is_cjk(c) for c in outer):
            for k in (a, b):
                if text[k] in "()":
                    flagged.add(k)
    for k in unmatched:
        if text[k] in "()":
            around = text[max(0, k - 1):k + 2]
            if any(is_cjk(c) for c in around):
                flagged.add(k)
    for k in sorted(flagged):
        ch = text[k]
        yield make(unit, "halfwidth-punct", f"中文中使用了半角括号“{ch}”，应为“{HALF_TO_FULL[ch]}”",
                   k, k + 1, HALF_TO_FULL[ch])
    # unmatched quotes, book-title marks, parentheses
    for k in unmatched:
        ch = text[k]
        what = {"“": "引号", "”": "引号", "《": "书名号", "》": "书名号"}.get(ch, "括号")
        side = "缺少对应的后半" if ch in _OPEN else "缺少对应的前半"
        yield make(unit, "unmatched-pair", f"{what}“{ch}”不配对（{side}）", k, k + 1)
    # doubled punctuation
    for m in re.finditer(r"[。，、；：]{2,}", text):
        marks = m.group()
        if len(set(marks)) == 1:
            yield make(unit, "doubled-punct", f"标点“{marks[0]}”重复", m.start(), m.end(), marks[0])
        else:
            yield make(unit, "doubled-punct", f"标点“{marks}”连用，应只保留一个", m.start(), m.end())
    # spaces: see spacing.py


_FULLWIDTH_RUN = re.compile(r"[０-９Ａ-Ｚａ-ｚ]+(?:[．.][０-９]+)?")


def check_fullwidth(ctx: Context, unit: Unit) -> Iterator[Finding]:
    for m in _FULLWIDTH_RUN.finditer(unit.text):
        fix = unicodedata.normalize("NFKC", m.group())
        yield make(unit, "fullwidth-alnum", f"全角数字或字母“{m.group()}”，应为半角“{fix}”",
                   m.start(), m.end(), fix)


# -- 发文字号 -------------------------------------------------------------------------
_DOC_NO = re.compile(
    rf"(?<=[{HAN}A-Za-z])([ \u3000]*)([\[【(（〈［〔｛{{〖<])[ \u3000]*(\d{{4}})[ \u3000]*"
    rf"([\]】)）〉］〕｝}}〗>])[ \u3000]*(第?)[ \u3000]*(\d{{0,4}})[ \u3000]*号")


def check_doc_number(ctx: Context, unit: Unit) -> Iterator[Finding]:
    text = unit.text
    is_field = unit.field == "doc_number"
    for m in _DOC_NO.finditer(text):
        start = m.start(1)
        year, ordinal, number = m.group(3), m.group(5), m.group(6)
        right = m.group(2) == "〔" and m.group(4) == "〕"
        if not number:
            if right or is_field:
                yield make(unit, "doc-number-missing", f"发文字号缺少序号（如“〔{year}〕3号”），印发前须填写",
                           start, m.end())
            continue
        fix = f"〔{year}〕{int(number)}号"
        if text[start:m.end()] == fix:
            continue
        if not right:
            why = "发文字号的年份应使用六角括号〔〕"
        elif ordinal or number.startswith("0"):
            why = "发文字号的序号不加“第”、不编虚位（不加前导0）"
        else:
            why = "发文字号中不应有空格"
        yield make(unit, "doc-number-format", f"{why}：“{fix}”", start, m.end(), fix)


# -- typed dates ----------------------------------------------------------------
_DATE_CN = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_DATE_SEP = re.compile(r"(?<![\d.\-/])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d.\-/])")
_DATE_ORDER = re.compile(r"(?<!\d)(\d{1,2})月(\d{1,2})日\s*[，,]?\s*(\d{4})年(?![\d月])")
_CN_NUM = "〇○零一二三四五六七八九十"
_DATE_CN_NUMERALS = re.compile(
    rf"^([{_CN_NUM}]{{4}})年([一二三四五六七八九十]{{1,3}})月([一二三四五六七八九十]{{1,3}})日$")


def _valid(y: int, mo: int, d: int | None) -> bool:
    try:
        date(y, mo, d or 1)
        return True
    except ValueError:
        return False


def _canonical(y: int, mo: int, d: int | None) -> str:
    return f"{y}年{mo}月{d}日" if d is not None else f"{y}年{mo}月"


def check_dates(ctx: Context, unit: Unit) -> Iterator[Finding]:
    text = unit.text
    for m in _DATE_CN.finditer(text):
        y, mo = int(m.group(1)), int(m.group(2))
        d = int(m.group(3)) if m.group(3) else None
        if not _valid(y, mo, d):
            continue
        fix = _canonical(y, mo, d)
        if m.group() != fix:
            yield make(unit, "date-format", f"日期应写作“{fix}”（不加前导0，中间不留空格）",
                       m.start(), m.end(), fix)
    if any(is_han(c) for c in text):
        for m in _DATE_SEP.finditer(text):
            y, mo, d = int(m.group(1)), int(m.group(3)), int(m.group(4))
            if 1900 <= y <= 2100 and _valid(y, mo, d):
                fix = _canonical(y, mo, d)
                yield make(unit, "date-format", f"日期应写作“{fix}”", m.start(), m.end(), fix)
    for m in _DATE_ORDER.finditer(text):
        y, mo, d = int(m.group(3)), int(m.group(1)), int(m.group(2))
        if _valid(y, mo, d):
            fix = _canonical(y, mo, d)
            yield make(unit, "date-format", f"日期顺序有误，应写作“{fix}”", m.start(), m.end(), fix)
    cn = _DATE_CN_NUMERALS.match(text.strip())
    if cn and unit.field in ("body", "date"):
        from ..numbering import from_chinese
        digits = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}
        try:
            y = int("".join(digits[c] for c in cn.group(1)))
            mo, d = from_chinese(cn.group(2)), from_chinese(cn.group(3))
        except (KeyError, ValueError, TypeError):
            return
        if _valid(y, mo, d):
            offset = text.index(cn.group())
            fix = _canonical(y, mo, d)
            yield make(unit, "date-format", f"成文日期应使用阿拉伯数字：“{fix}”",
                       offset, offset + len(cn.group()), fix)


# -- stale expressions ------------------------------------------------------------
_CLAUSE_END = "。！？；，：!?;,:"
_NUMERAL_BEFORE = "一二三四五六七八九十百零〇"


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    a = start
    while a > 0 and text[a - 1] not in _CLAUSE_END:
        a -= 1
    b = end
    while b < len(text) and text[b] not in _CLAUSE_END:
        b += 1
    return a, b


def _inside_book_title(text: str, start: int) -> bool:
    return text.rfind("《", 0, start) > text.rfind("》", 0, start)


def check_stale(ctx: Context, unit: Unit) -> Iterator[Finding]:
    text = unit.text
    for term, rule in ctx.rules.terms.items():
        if term not in text or not rule.stale_for(ctx.year, ctx.month):
            continue
        for m in re.finditer(re.escape(term), text):
            s, e = m.start(), m.end()
            if s > 0 and text[s - 1] in _NUMERAL_BEFORE:
                continue  # part of a longer numeral (二十九大…)
            if _inside_book_title(text, s):
                continue  # the name of a document, which does not age
            if text[e:e + 2].lstrip("”\"’")[:1] == "末":
                continue  # “十四五”末: a point in time, compared with
            a, b = _sentence_bounds(text, s, e)
            clause = text[a:b]
            if any(c in clause for c in ctx.rules.contexts):
                continue
            what = f"（{rule.note}，{rule.period_text}）" if rule.note else f"（{rule.period_text}）"
            now = f"；现行表述：“{rule.current}”" if rule.current else ""
            yield make(unit, "stale-term",
                       f"“{term}”{what}在{ctx.year}年的文档中作为当前表述使用，可能已过时{now}", s, e)
