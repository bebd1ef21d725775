"""Numbering: numbers typed into titles, gaps and repeats in typed lists,
and — for a .docx read back — the headings' written numbers against the
document's numbering mode."""

from __future__ import annotations

from typing import Iterator

from ..numbering import NUMBERING_MODE_LABELS, Level3Counter, format_number, parse_number
from .context import Context, make
from .finding import Finding
from .units import Unit


def check_typed_title_number(ctx: Context, unit: Unit) -> Iterator[Finding]:
    if not unit.is_heading or ctx.typed_outline is not None:
        return
    pn = parse_number(unit.text)
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
            pn = parse_number(u.text)
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
                want = format_number(pn.level, prev + 1)
                yield make(u, "numbering-gap",
                           f"编号跳号：上一条是{format_number(pn.level, prev)}，此处应为{want}",
                           0, pn.length, _renumber(typed, pn.number, prev + 1, pn.level))
            elif pn.value < prev:
                yield make(u, "numbering-gap",
                           f"编号顺序有误：上一条是{format_number(pn.level, prev)}",
                           0, pn.length)


def _renumber(typed: str, number: str, value: int, level: int) -> str:
    from ..numbering import number_text
    return typed.replace(number, number_text(level, value), 1)


def check_outline_numbers(ctx: Context, section_ids: dict[int, str]) -> Iterator[Finding]:
    """Written numbers of a .docx's headings (``ctx.typed_outline``).

    Levels 1, 2 and 4 restart under each parent; level 3 follows the
    numbering mode the document mostly uses (``ctx.doc.settings``).
    """
    mode = ctx.doc.settings.numbering_mode
    units = {u.section_id: u for u in ctx.units if u.is_heading}
    level3 = Level3Counter()  # the renderer's own sequence, following the written numbers

    def report(s, rule, message):
        sid = section_ids.get(id(s), "")
        u = units.get(sid)
        if u is None:
            return None
        f = make(u, rule, message, 0, 0)
        f.excerpt = format_number(s.level, s.value)
        return f

    def visit(items, top: bool):
        prev: dict[int, int] = {}
        for s in items:
            if top:
                level3.start_chapter()
            if s.value is None:
                yield from visit(s.children, False)
                continue
            written = format_number(s.level, s.value)
            siblings = prev.get(s.level, 0) + 1
            candidates = level3.candidates(siblings)
            expected = candidates.get(mode, siblings) if s.level == 3 else siblings
            found = None
            if s.value != expected:
                label = NUMBERING_MODE_LABELS.get(mode, mode)
                if s.level == 3 and mode != "per_parent" and s.value == 1 and expected > 1:
                    found = report(s, "numbering-mode",
                                   f"编号“{written}”重新从1开始，与文档的编号方式（{label}）不一致")
                elif s.level == 3 and mode == "per_parent" and s.value > 1 \
                        and s.level not in prev and s.value in (candidates["continuous"],
                                                                candidates["per_chapter"]):
                    found = report(s, "numbering-mode",
                                   f"编号“{written}”接续了上一部分，与文档的编号方式（{label}）不一致")
                elif s.value == expected - 1:
                    found = report(s, "numbering-repeat", f"编号“{written}”与上一条重复")
                elif s.value > expected:
                    found = report(s, "numbering-gap",
                                   f"编号跳号：此处应为{format_number(s.level, expected)}，写成了{written}")
                else:
                    found = report(s, "numbering-gap",
                                   f"编号顺序有误：此处应为{format_number(s.level, expected)}，写成了{written}")
            if found is not None:
                yield found
            prev[s.level] = s.value
            if s.level == 3:
                level3.count(s.value, mode)
            yield from visit(s.children, False)

    yield from visit(ctx.typed_outline or [], True)
