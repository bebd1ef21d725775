"""Years: the title's year, a plan speaking of last year as the planned
year, and the 成文日期 property."""

from __future__ import annotations

import re
from datetime import date
from typing import Iterator

from ..render import PROPERTIES
from .context import Context, make
from .finding import Finding
from .units import Unit

_YEAR = re.compile(r"(?<![\d〔\[［(（])((?:19|20)\d\d)(?!\d)")
_RANGE_AFTER = re.compile(r"^\s*年?\s*[-－—–~～至到]\s*(?:19|20)\d\d")
_RANGE_BEFORE = re.compile(r"(?:19|20)\d\d\s*年?\s*[-－—–~～至到]\s*$")
_RETRO = ("回顾", "全面完成", "圆满完成", "顺利完成", "已完成", "完成情况", "落实情况", "取得",
          "实现了", "过去", "成效", "成绩", "已经", "总结", "相比", "比较", "同比")


def _allowed_title_years(ctx: Context) -> set[int]:
    if ctx.kind == "总结及计划":
        return {ctx.year, ctx.year + 1}
    return {ctx.year}


def title_years(text: str) -> list[re.Match]:
    out = []
    for m in _YEAR.finditer(text):
        if _RANGE_AFTER.match(text[m.end():]) or _RANGE_BEFORE.search(text[:m.start()]):
            continue  # 2021—2025年: a period, not the document's year
        if text[m.end():m.end() + 1] not in ("年", ""):
            continue
        out.append(m)
    return out


def check_title_year(ctx: Context, unit: Unit) -> Iterator[Finding]:
    if unit.section_id != PROPERTIES or unit.field not in ("title", "notice_title"):
        return
    allowed = _allowed_title_years(ctx)
    for m in title_years(unit.text):
        y = int(m.group(1))
        if y in allowed:
            continue
        fix = str(ctx.year) if len(allowed) == 1 else None
        want = "或".join(f"{a}年" for a in sorted(allowed))
        yield make(unit, "title-year",
                   f"标题中的年份“{y}”与文档年份不符（本文档为{want}的{ctx.kind_label}）",
                   m.start(), m.end(), fix)


_PLAN_NOUN = ("工作计划|工作要点|工作思路|工作目标|主要目标|主要任务|目标任务|重点工作|"
              "重点任务|工作安排|工作重点")


def _plan_patterns(last: int) -> list[re.Pattern]:
    y = str(last)
    return [
        re.compile(rf"(?<!\d)({y})年(?:度)?(?:的)?(?:{_PLAN_NOUN})"),
        re.compile(rf"(?:力争|争取|确保|计划在|计划于|预计|要在|将在|力求|到)\s*({y})(?=年)"),
    ]


def check_plan_year(ctx: Context, unit: Unit) -> Iterator[Finding]:
    if not ctx.is_plan or unit.section_id == PROPERTIES:
        return
    text = unit.text
    seen: set[int] = set()
    for pattern in _plan_patterns(ctx.year - 1):
        for m in pattern.finditer(text):
            s, e = m.start(1), m.end(1)
            if s in seen:
                continue
            a = max(text.rfind(c, 0, s) for c in "。！？；") + 1
            b = min([i for i in (text.find(c, e) for c in "。！？；") if i >= 0] or [len(text)])
            if any(w in text[a:b] for w in _RETRO):
                continue
            seen.add(s)
            yield make(unit, "plan-year",
                       f"本计划是{ctx.year}年的，此处把{ctx.year - 1}年当作计划年份", s, e,
                       str(ctx.year))


def _date_years_allowed(ctx: Context) -> set[int]:
    if ctx.is_plan:
        return {ctx.year - 1, ctx.year}
    return {ctx.year, ctx.year + 1}


def check_date_property(ctx: Context) -> Iterator[Finding]:
    raw = ctx.doc.properties.date
    if not raw or not raw.strip():
        return
    unit = Unit(raw, PROPERTIES, "", 0, "date", "date")
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", raw)
    d = None
    if m:
        try:
            d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            d = None
    if d is None:
        from ..templating import parse_iso_date
        fix = None
        try:
            fix = parse_iso_date(raw).isoformat()
        except Exception:
            fix = None
        yield make(unit, "date-format", f"成文日期“{raw}”无法识别，应为有效日期（如2026年3月5日）",
                   0, len(raw), fix, severity="error")
        return
    allowed = _date_years_allowed(ctx)
    if d.year not in allowed:
        yield make(unit, "date-year",
                   f"成文日期的年份{d.year}与文档年份不符（{ctx.year}年的{ctx.kind_label}通常成文于"
                   + "或".join(f"{a}年" for a in sorted(allowed)) + "）", 0, len(raw))
