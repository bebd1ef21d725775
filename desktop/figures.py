"""Figures: reading and writing their values, safe formulas, Chinese change phrases, import.

The figures table holds indicators with last year's value, this year's value
and the target.  A derived figure has a formula over other figures
(``本科达线人数 / 报考人数 * 100``), parsed with ``ast`` and evaluated by
walking the tree — never ``eval`` — for this year, last year and the target
alike.  ``FigureView`` is what templates see as ``fig.名称``.
"""

from __future__ import annotations

import ast
import io
import math
import operator
from typing import Callable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation
from pathlib import Path

from .errors import FigureError, FigureImportError
from .model import Figure

PERCENT_UNITS = ("%", "％")


# -- formatting -------------------------------------------------------------
_WIDE = Context(prec=400)  # enough digits to quantize any finite float


def round_half_up(x: float, places: int = 2) -> Decimal:
    d = Decimal(repr(float(x)))
    return d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=_WIDE)


def format_number(x: float, places: int = 2) -> str:
    """327 → "327", 63.6085 → "63.61", 45.5600 → "45.56", 5.0 → "5".

    Rounded half up to at most ``places`` decimals, trailing zeros dropped,
    no thousands separators.
    """
    d = round_half_up(x, places)
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def parse_number(raw) -> float | None:
    """A figure's value as typed in the table or read from a sheet:
    327 → 327.0, "1,234" → 1234.0, " 63.5% " → 63.5, "" or None → None.

    ValueError("不是数字") for what is not a number (text, a bool) and
    ValueError("不是有效数字") for NaN and infinities.
    """
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError("不是数字")
    if isinstance(raw, (int, float)):
        value = float(raw)
    else:
        text = str(raw).strip().replace(",", "").replace("，", "")
        if not text:
            return None
        text = text.rstrip("%％").strip()
        try:
            value = float(Decimal(text))
        except (InvalidOperation, ValueError):
            raise ValueError("不是数字") from None
    if math.isnan(value) or math.isinf(value):
        raise ValueError("不是有效数字")
    return value


def is_percent(unit: str) -> bool:
    return unit.strip() in PERCENT_UNITS


def with_unit(x: float, unit: str) -> str:
    return f"{format_number(x)}{unit.strip()}"


def change_phrase(value: float, last: float, unit: str) -> str:
    """增长13.33% / 下降5% (relative) or 提高2.32个百分点 (for % units)."""
    if is_percent(unit):
        diff = round_half_up(value - last)
        if diff == 0:
            return "与上年持平"
        word = "提高" if diff > 0 else "下降"
        return f"{word}{format_number(abs(float(diff)))}个百分点"
    if format_number(value) == format_number(last):
        return "与上年持平"
    if last == 0:
        return f"新增{with_unit(value, unit)}" if value > 0 else f"减少{with_unit(-value, unit)}"
    rel = round_half_up((value - last) / abs(last) * 100)
    if rel == 0:
        return "与上年基本持平"
    word = "增长" if rel > 0 else "下降"
    return f"{word}{format_number(abs(float(rel)))}%"


def diff_phrase(value: float, last: float, unit: str) -> str:
    """增加40人 / 减少3所 — the absolute difference with its unit."""
    diff = round_half_up(value - last)
    if diff == 0:
        return "与上年持平"
    if is_percent(unit):
        return change_phrase(value, last, unit)
    word = "增加" if diff > 0 else "减少"
    return f"{word}{with_unit(abs(float(diff)), unit)}"


def target_phrase(value: float, target: float, unit: str) -> str:
    """完成目标 / 超出目标0.5个百分点 / 低于目标7.33%."""
    if is_percent(unit):
        diff = round_half_up(value - target)
        if diff == 0:
            return "完成目标"
        word = "超出目标" if diff > 0 else "低于目标"
        return f"{word}{format_number(abs(float(diff)))}个百分点"
    if format_number(value) == format_number(target):
        return "完成目标"
    if target == 0:
        return "超出目标" if value > 0 else "低于目标"
    rel = round_half_up((value - target) / abs(target) * 100)
    if rel == 0:
        return "完成目标"
    word = "超出目标" if rel > 0 else "低于目标"
    return f"{word}{format_number(abs(float(rel)))}%"


# -- safe formulas ----------------------------------------------------------
_BINOPS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
           ast.Div: operator.truediv}
_UNARY: dict[type, Callable[[float], float]] = {ast.UAdd: operator.pos, ast.USub: operator.neg}


def parse_formula(formula: str, figure: str) -> ast.expr:
    try:
        tree = ast.parse(formula.strip(), mode="eval")
    except SyntaxError:
        raise FigureError(f"指标“{figure}”的公式“{formula}”无法解析") from None
    for node in ast.walk(tree.body):
        if not isinstance(node, (ast.BinOp, ast.UnaryOp, ast.Constant, ast.Name,
                                 ast.Load, *_BINOPS, *_UNARY)):
            raise FigureError(f"指标“{figure}”的公式只能包含数字、指标名称和 + - * / ( )")
        if isinstance(node, ast.Constant) and not isinstance(node.value, (int, float)):
            raise FigureError(f"指标“{figure}”的公式只能包含数字、指标名称和 + - * / ( )")
    return tree.body


def formula_names(formula: str, figure: str = "") -> list[str]:
    node = parse_formula(formula, figure)
    return [n.id for n in ast.walk(node) if isinstance(n, ast.Name)]


def _evaluate(node: ast.expr, lookup: Callable[[str], float | None], figure: str) -> float | None:
    if isinstance(node, ast.Constant):
        return float(node.value)  # type: ignore[arg-type]  # numbers only (checked on parse)
    if isinstance(node, ast.Name):
        return lookup(node.id)
    if isinstance(node, ast.UnaryOp):
        v = _evaluate(node.operand, lookup, figure)
        return None if v is None else _UNARY[type(node.op)](v)
    if isinstance(node, ast.BinOp):
        a = _evaluate(node.left, lookup, figure)
        b = _evaluate(node.right, lookup, figure)
        if a is None or b is None:
            return None
        if isinstance(node.op, ast.Div) and b == 0:
            raise FigureError(f"指标“{figure}”的公式出现除以零")
        result = _BINOPS[type(node.op)](a, b)
        if math.isinf(result) or math.isnan(result):
            raise FigureError(f"指标“{figure}”的计算结果超出范围")
        return result
    raise FigureError(f"指标“{figure}”的公式包含不支持的内容")


FIELDS = ("last", "value", "target")


def compute(figures: list[Figure]) -> dict[str, dict[str, float | None]]:
    """Values of every figure for last year, this year and the target.

    Derived figures are evaluated from their formula for each of the three
    (a target typed on the derived figure itself wins over the computed one;
    a stored value stands in where an input is missing).  Unknown names,
    cycles and division by zero raise ``FigureError`` naming the figure.
    """
    by_name = {f.name: f for f in figures}
    parsed = {f.name: parse_formula(f.formula, f.name) for f in figures if f.derived}
    results: dict[str, dict[str, float | None]] = {}
    visiting: set[str] = set()

    def resolve(name: str, requester: str) -> dict[str, float | None]:
        if name in results:
            return results[name]
        fig = by_name.get(name)
        if fig is None:
            raise FigureError(f"指标“{requester}”的公式引用了不存在的指标“{name}”")
        if name not in parsed:
            results[name] = {k: getattr(fig, k) for k in FIELDS}
            return results[name]
        if name in visiting:
            raise FigureError(f"指标“{name}”的公式存在循环引用")
        visiting.add(name)
        out: dict[str, float | None] = {}
        for key in FIELDS:
            if key == "target" and fig.target is not None:
                out[key] = fig.target  # a rate's target is usually set directly
                continue
            def lookup(n: str, k: str = key) -> float | None:
                return resolve(n, name)[k]

            computed = _evaluate(parsed[name], lookup, name)
            out[key] = computed if computed is not None else getattr(fig, key)
        visiting.discard(name)
        results[name] = out
        return out

    for f in figures:
        resolve(f.name, f.name)
    return results


# -- what templates see --------------------------------------------------------
class FigureLookupError(LookupError):
    """A template asked for a figure or value that is not there."""


class FigureView:
    """``fig.名称`` in a template.  ``str()`` is this year's value with unit."""

    def __init__(self, figure: Figure, values: dict[str, float | None]):
        self.name = figure.name
        self.unit = figure.unit
        self.category = figure.category
        self._values = values

    def _need(self, key: str) -> float:
        v = self._values.get(key)
        if v is None:
            label = {"last": "上年数值", "value": "本年数值", "target": "目标值"}[key]
            raise FigureLookupError(f"指标“{self.name}”缺少{label}")
        return v

    @staticmethod
    def _bare(v: float) -> float | int:
        d = round_half_up(v)
        return int(d) if d == d.to_integral_value() else float(d)

    def __str__(self) -> str:
        return with_unit(self._need("value"), self.unit)

    @property
    def has_value(self) -> bool:
        return self._values.get("value") is not None

    @property
    def has_last(self) -> bool:
        return self._values.get("last") is not None

    @property
    def has_target(self) -> bool:
        return self._values.get("target") is not None

    @property
    def last(self) -> str:
        return with_unit(self._need("last"), self.unit)

    @property
    def target(self) -> str:
        return with_unit(self._need("target"), self.unit)

    @property
    def value(self) -> float | int:
        return self._bare(self._need("value"))

    @property
    def last_value(self) -> float | int:
        return self._bare(self._need("last"))

    @property
    def target_value(self) -> float | int:
        return self._bare(self._need("target"))

    @property
    def change(self) -> str:
        return change_phrase(self._need("value"), self._need("last"), self.unit)

    @property
    def diff(self) -> str:
        return diff_phrase(self._need("value"), self._need("last"), self.unit)

    @property
    def vs_last(self) -> str:
        """比上年增长13.33% / 比上年提高2.32个百分点 / 与上年持平 — a whole clause."""
        return _against_last(self.change)

    @property
    def vs_last_diff(self) -> str:
        """比上年增加40人 / 与上年持平."""
        return _against_last(self.diff)

    @property
    def vs_target(self) -> str:
        return target_phrase(self._need("value"), self._need("target"), self.unit)

    @property
    def reached(self) -> bool:
        """This year's value is at or above the target (at shown precision)."""
        return round_half_up(self._need("value")) >= round_half_up(self._need("target"))


def _against_last(phrase: str) -> str:
    return phrase if phrase.startswith("与上年") else f"比上年{phrase}"


class FigureTable:
    """``fig`` in a template: ``fig.名称`` and ``fig["名称"]``."""

    def __init__(self, figures: list[Figure]):
        self._values = compute(figures)
        self._figures = {f.name: f for f in figures}
        self.used: set[str] = set()

    def __getattr__(self, name: str) -> FigureView:
        if name.startswith("_"):
            raise AttributeError(name)
        return self[name]

    def __getitem__(self, name: str) -> FigureView:
        fig = self._figures.get(name)
        if fig is None:
            raise FigureLookupError(f"未找到指标“{name}”")
        self.used.add(name)
        return FigureView(fig, self._values[name])

    def __contains__(self, name: object) -> bool:
        return name in self._figures

    def __iter__(self):
        return iter(self._figures)


# -- import from CSV / .xlsx -----------------------------------------------------
COLUMN_ALIASES = {
    "name": ("名称", "指标", "指标名称", "name"),
    "unit": ("单位", "unit"),
    "category": ("类别", "分类", "category"),
    "last": ("上年", "上年数", "上年值", "last"),
    "value": ("本年", "本年数", "本年值", "value"),
    "target": ("目标", "目标值", "target"),
    "formula": ("公式", "formula"),
}
_LOOKUP = {alias.lower(): key for key, names in COLUMN_ALIASES.items() for alias in names}
_COLUMN_LABEL = {"last": "上年", "value": "本年", "target": "目标"}


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _import_number(raw, where: str, path: str) -> float | None:
    try:
        return parse_number(raw)
    except ValueError as e:
        raise FigureImportError(f"{where}：“{raw}”{e}", path=path) from None


def figures_from_rows(rows: list[list], path: str, *, letters: bool) -> list[Figure]:
    """Rows of cells (the first is the header) → figures, checked cell by cell."""
    rows = [r for r in rows if any(c not in (None, "") and str(c).strip() for c in r)]
    if not rows:
        raise FigureImportError("表格为空，第一行应为列名（名称,单位,上年,本年,目标,公式）", path=path)
    header = rows[0]
    columns: dict[str, int] = {}
    for i, cell in enumerate(header):
        key = _LOOKUP.get(str(cell or "").strip().lower())
        if key and key not in columns:
            columns[key] = i
    if "name" not in columns:
        raise FigureImportError("缺少“名称”列（第一行应为列名：名称,单位,上年,本年,目标,公式）", path=path)
    figures: list[Figure] = []
    seen: set[str] = set()
    for rno, row in enumerate(rows[1:], start=2):
        def cell(key):
            i = columns.get(key)
            return row[i] if i is not None and i < len(row) else None

        def where(key):
            i = columns[key]
            col = f"{_column_letter(i)}列" if letters else f"第{i + 1}列"
            return f"第{rno}行{col}（{_COLUMN_LABEL.get(key, key)}）"

        name = str(cell("name") or "").strip()
        if not name:
            raise FigureImportError(f"{where('name')}：名称为空", path=path)
        if name in seen:
            raise FigureImportError(f"{where('name')}：指标“{name}”重复", path=path)
        seen.add(name)
        fig = Figure(name=name, unit=str(cell("unit") or "").strip(),
                     category=str(cell("category") or "").strip(),
                     formula=str(cell("formula") or "").strip())
        for key in FIELDS:
            if key in columns:
                setattr(fig, key, _import_number(cell(key), where(key), path))
        if fig.formula:
            try:
                parse_formula(fig.formula, name)
            except FigureError as e:
                raise FigureImportError(f"{where('formula')}：{e.message}", path=path) from None
        figures.append(fig)
    try:
        compute(figures)
    except FigureError as e:
        raise FigureImportError(e.message, path=path) from None
    return figures


def read_figures(path: str | Path) -> list[Figure]:
    """Read a figures sheet (.csv or .xlsx); errors name row and column."""
    p = Path(path)
    if not p.exists():
        raise FigureImportError("文件不存在", path=str(p))
    suffix = p.suffix.lower()
    if suffix == ".csv":
        try:
            raw = p.read_bytes()
        except OSError as e:
            from .fileio import os_error_reason
            raise FigureImportError(f"无法读取文件：{os_error_reason(e, reading=True)}", path=str(p)) from None
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise FigureImportError("无法识别文件编码（应为 UTF-8 或 GBK）", path=str(p))
        import csv  # only for a .csv file
        try:
            rows = list(csv.reader(io.StringIO(text)))
        except csv.Error as e:
            raise FigureImportError(f"CSV 格式错误：{e}", path=str(p)) from None
        return figures_from_rows(rows, str(p), letters=False)
    if suffix in (".xlsx", ".xlsm"):
        try:
            import openpyxl
            wb = openpyxl.load_workbook(p, read_only=True, data_only=True)
        except OSError as e:  # locked by Excel/WPS, no permission, a folder …
            from .fileio import os_error_reason
            raise FigureImportError(f"无法读取文件：{os_error_reason(e, reading=True)}",
                                    path=str(p)) from None
        except Exception as e:  # openpyxl raises many types for a bad package
            raise FigureImportError(f"不是有效的 Excel 文件（{type(e).__name__}）", path=str(p)) from None
        try:
            ws = wb.worksheets[0]
            rows = [list(r) for r in ws.iter_rows(values_only=True)]
        except Exception as e:
            raise FigureImportError(f"读取工作表失败（{type(e).__name__}）", path=str(p)) from None
        finally:
            wb.close()
        return figures_from_rows(rows, str(p), letters=True)
    raise FigureImportError("不支持的文件类型，请使用 .csv 或 .xlsx", path=str(p))


@dataclass
class FigureRow:
    """A figure with its computed values, for tables (UI, CLI)."""

    figure: Figure
    last: float | None
    value: float | None
    target: float | None
    change: str


def table_rows(figures: list[Figure]) -> list[FigureRow]:
    values = compute(figures)
    rows = []
    for f in figures:
        v = values[f.name]
        change = ""
        if v["value"] is not None and v["last"] is not None:
            change = change_phrase(v["value"], v["last"], f.unit)
        rows.append(FigureRow(f, v["last"], v["value"], v["target"], change))
    return rows
