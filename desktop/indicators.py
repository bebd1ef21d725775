"""主要指标完成情况表: the figures table attached to a report.

The clerk chooses which figures go in and in what order
(``Properties.table_figures``); each row gives 指标 / 单位 / 上年 / 本年 /
目标 / 增减, the last being the number of the change phrase the text uses
(增长13.33% → +13.33%, 提高2.32个百分点 → +2.32个百分点).  Derived figures
show their computed values.  Pure data: the exporter lays it out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import FigureError
from .figures import change_phrase, compute, format_number, is_percent
from .model import Document

DEFAULT_TITLE = "主要指标完成情况表"
HEADER = ("指标", "单位", "上年", "本年", "目标", "增减")
NUMERIC_COLUMNS = (2, 3, 4, 5)  # right-aligned
_CHANGE = re.compile(r"^(增长|提高|新增|下降|减少)(.+)$")


def table_title(doc: Document) -> str:
    return doc.properties.table_title.strip() or DEFAULT_TITLE


def has_table(doc: Document) -> bool:
    return any(doc.figure(n) is not None for n in doc.properties.table_figures)


def change_number(value: float | None, last: float | None, unit: str) -> str:
    """The number of the change phrase, signed: +13.33%, -5%, +2.32个百分点, 0."""
    if value is None or last is None:
        return ""
    phrase = change_phrase(value, last, unit)
    m = _CHANGE.match(phrase)
    if not m:
        return "0"  # 与上年持平 / 与上年基本持平
    sign = "+" if m.group(1) in ("增长", "提高", "新增") else "-"
    return sign + m.group(2)


def _cell(x: float | None) -> str:
    return "" if x is None else format_number(x)


@dataclass(frozen=True)
class IndicatorRow:
    name: str
    unit: str
    last: str
    value: str
    target: str
    change: str

    def cells(self) -> tuple[str, ...]:
        return (self.name, self.unit, self.last, self.value, self.target, self.change)


def indicator_rows(doc: Document) -> list[IndicatorRow]:
    """The chosen figures, in the chosen order (names no longer in the
    figures table are left out)."""
    try:
        values = compute(doc.figures)
    except FigureError:  # a broken formula: the typed values, the error is reported elsewhere
        values = {f.name: {"last": f.last, "value": f.value, "target": f.target} for f in doc.figures}
    rows = []
    for name in doc.properties.table_figures:
        f = doc.figure(name)
        if f is None:
            continue
        v = values.get(name, {})
        unit = "%" if is_percent(f.unit) else f.unit.strip()
        rows.append(IndicatorRow(f.name, unit, _cell(v.get("last")), _cell(v.get("value")),
                                 _cell(v.get("target")),
                                 change_number(v.get("value"), v.get("last"), f.unit)))
    return rows
