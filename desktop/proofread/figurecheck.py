"""Figures against the text: "学前三年毛入园率达到94%" when the table says
otherwise.

Only plain statements are compared — the figure's name, a few characters
without digits, a verb of level (达到, 为, 保持在 …) and the number.
Approximate or bounded numbers (约, 超过, 以上, 左右) and changes (提高2个
百分点) are left alone.  Which column the number must match follows the
sentence: 目标/力争/确保 … → the target, 上年/去年 → last year's value,
otherwise a plan's number is its target and a summary's this year's value
(a 总结及计划 may use either).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Iterator

from ..errors import FigureError
from ..figures import compute, format_number, is_percent, round_half_up
from .context import Context, make
from .finding import Finding

_VERBS = ("达到了|达到|提高到|提高至|提升到|提升至|增加到|增加至|增长到|增长至|下降到|下降至|"
          "降低到|降低至|降至|增至|保持在|稳定在|控制在|为|是|达")
_AFTER_NAME = re.compile(
    rf"^(?P<gap>[^，。；！？,;:：、\d%％]{{0,8}}?)(?P<verb>{_VERBS})?(?P<pre>约|近|超过|逾|不低于|不少于|不高于|不超过)?"
    r"(?P<num>\d+(?:\.\d+)?)(?P<wan>万|亿)?(?P<unit>个百分点|%|％|[^\d\s，。；、：:,;%％（）()]{0,3})")
_BOUNDED_AFTER = ("以上", "以下", "左右", "上下", "多", "余")
_TARGET_WORDS = ("目标", "力争", "确保", "计划", "预计", "争取", "预期")
_LAST_WORDS = ("上年", "去年", "上一年")
_LONGER_UNIT = tuple("次时天份间")
_LABELS = {"last": "上年数值", "value": "本年数值", "target": "目标值"}


def _fields(ctx: Context, clause: str) -> tuple[str, ...]:
    if any(w in clause for w in _LAST_WORDS):
        return ("last",)
    if any(w in clause for w in _TARGET_WORDS):
        return ("target",)
    if ctx.is_plan:
        return ("target",)
    if ctx.kind == "总结及计划":
        return ("value", "target")
    return ("value",)


def _agrees(written: str, value: float, scale: float) -> bool:
    places = len(written.split(".")[1]) if "." in written else 0
    shown = round_half_up(value / scale, places)
    return shown == Decimal(written).quantize(shown)


def check_figures(ctx: Context) -> Iterator[Finding]:
    figures = [f for f in ctx.doc.figures if f.name.strip()]
    if not figures:
        return
    try:
        values = compute(figures)
    except FigureError:
        return  # reported as a template error
    names = sorted((f for f in figures), key=lambda f: -len(f.name))
    for unit in ctx.units:
        if unit.section_id == "@properties":
            continue
        text = unit.text
        taken: list[tuple[int, int]] = []
        for fig in names:
            for m in re.finditer(re.escape(fig.name), text):
                s, e = m.start(), m.end()
                if any(a < e and s < b for a, b in taken):
                    continue
                taken.append((s, e))
                f = _check_one(ctx, unit, fig, values[fig.name], e)
                if f is not None:
                    yield f


def _check_one(ctx, unit, fig, vals, name_end) -> Finding | None:
    text = unit.text
    m = _AFTER_NAME.match(text[name_end:])
    if not m or m.group("pre"):
        return None
    gap = m.group("gap")
    if not m.group("verb") and (gap or not (fig.unit.strip() and m.group("unit"))):
        return None  # without a verb only "名称1200个": the number right after the name, with its unit
    if "分别" in gap or "比" in gap or "较" in gap or "由" in gap:
        return None
    rest = text[name_end + m.end():]
    if rest.startswith(_BOUNDED_AFTER):
        return None
    unit_text = m.group("unit")
    wan = m.group("wan") or ""
    if unit_text == "个百分点":
        return None
    fig_unit = fig.unit.strip()
    if is_percent(fig_unit):
        if unit_text not in ("%", "％"):
            return None
    elif fig_unit:
        # 人 but not 人次: the unit must end where the table's unit ends
        if not unit_text.startswith(fig_unit) or unit_text[len(fig_unit):][:1] in _LONGER_UNIT:
            return None
        if (unit_text[len(fig_unit):] + text[name_end + m.end():]).startswith(_BOUNDED_AFTER):
            return None  # 1200个以上
        unit_text = fig_unit
    elif unit_text in ("%", "％"):
        return None
    else:
        unit_text = ""
    scale = {"万": 1e4, "亿": 1e8}.get(wan, 1.0)
    clause_start = max(text.rfind(c, 0, name_end) for c in "，。；！？,;") + 1
    clause = text[clause_start:name_end + m.end()]
    written = m.group("num")
    fields = _fields(ctx, clause)
    known = [(k, vals.get(k)) for k in fields if vals.get(k) is not None]
    if not known:
        return None
    if any(_agrees(written, v, scale) for _, v in known):
        return None
    key, v = known[0]
    start = name_end + m.start("num")
    written_unit = m.group("unit") if is_percent(fig_unit) else fig_unit
    end = start + len(written) + len(wan) + len(written_unit)
    fix = f"{format_number(v / scale)}{wan}{written_unit}"
    return make(unit, "figure-mismatch",
                f"“{fig.name}”在指标表中的{_LABELS[key]}为{format_number(v)}{fig_unit}，"
                f"正文写的是{text[start:end]}", start, end, fix)
