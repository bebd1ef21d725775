"""Numbering in a project: numbers typed into titles, gaps and repeats in
typed lists.  (A Word file's written numbers: ``asis._numbering``.)"""

from __future__ import annotations

from typing import Iterator

from ..numbering import outline_number, parse_outline_number
from .context import Context, make
from .finding import Finding
from .units import Unit


def check_typed_title_number(ctx: Context, unit: Unit) -> Iterator[Finding]:
    if not unit.is_heading:
        return
    pn = parse_outline_number(unit.text)
    if pn is None or pn.length >= len(unit.text):
        return
    typed = unit.text[:pn.length]
    yield make(unit, "typed-number",
               f"标题中手工输入了编号“{typed.strip()}”，与自动编号重复", 0, pn.length, "")


def check_body_lists(ctx: Context) -> Iterator[Finding]:
    """Typed numbers at the start of body paragraphs, section by section:
    consecutive items of one list must run 1, 2, 3 …"""
    by_section: dict[str, list[Unit]] = {}
    for u in ctx.units:
        if u.is_body and u.section_id:
            by_section.setdefault(u.section_id, []).append(u)
    for items in by_section.values():
        last: dict[int, int] = {}  # level → last value in the current list
        for u in items:
            pn = parse_outline_number(u.text)
            if pn is None or pn.length >= len(u.text):
                continue
            for deeper in [lv for lv in last if lv > pn.level]:
                del last[deeper]  # a shallower item starts new sub-lists
            prev = last.get(pn.level)
            last[pn.level] = pn.value
            if prev is None:
                continue
            typed = u.text[:pn.length]
            if pn.value == prev:
                yield make(u, "numbering-repeat", f"编号“{typed.strip()}”与上一条重复", 0, pn.length)
            elif pn.value > prev + 1:
                want = outline_number(pn.level, prev + 1)
                yield make(u, "numbering-gap",
                           f"编号跳号：上一条是{outline_number(pn.level, prev)}，此处应为{want}",
                           0, pn.length, _renumber(typed, pn.number, prev + 1, pn.level))
            elif pn.value < prev:
                yield make(u, "numbering-gap",
                           f"编号顺序有误：上一条是{outline_number(pn.level, prev)}",
                           0, pn.length)


def _renumber(typed: str, number: str, value: int, level: int) -> str:
    from ..numbering import number_text
    return typed.replace(number, number_text(level, value), 1)
