"""Operations over the figures table that the window's edits use.

- ``rename_in_formula(formula, old, new)`` — the name ``old`` replaced by
  ``new`` where the formula's syntax tree has it as a name (not inside a
  longer name); a formula that does not parse keeps its text but for
  whole-word occurrences of ``old``.
- ``renamed_formulas(figures, row, new)`` — every formula of the table
  after the figure at ``row`` is renamed to ``new``.
- ``merge_figures(existing, imported)`` — an import merged by name.
"""

from __future__ import annotations

import ast
import copy
import re
import unicodedata

from .model import Figure


def _name_spans(formula: str, name: str) -> list[tuple[int, int]] | None:
    """Character spans of the ``ast.Name`` nodes called ``name`` (None when
    the formula does not parse)."""
    lead = len(formula) - len(formula.lstrip())
    text = formula.strip()
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        return None
    if "\n" in text:
        return None
    wanted = unicodedata.normalize("NFKC", name)
    encoded = text.encode("utf-8")
    spans = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == wanted and node.end_col_offset is not None:
            # col offsets count UTF-8 bytes
            start = len(encoded[:node.col_offset].decode("utf-8"))
            end = len(encoded[:node.end_col_offset].decode("utf-8"))
            spans.append((lead + start, lead + end))
    return sorted(spans)


def rename_in_formula(formula: str, old: str, new: str) -> str:
    """Replace the figure name ``old`` by ``new`` where it stands as a name."""
    if not formula or not old or old == new:
        return formula
    spans = _name_spans(formula, old)
    if spans is None:
        return re.sub(rf"(?<![\w]){re.escape(old)}(?![\w])", lambda m: new, formula)
    for start, end in reversed(spans):
        formula = formula[:start] + new + formula[end:]
    return formula


def renamed_formulas(figures: list[Figure], row: int, new: str) -> tuple[str, ...]:
    """The formulas of every figure once the figure at ``row`` is called ``new``."""
    old = figures[row].name
    return tuple(f.formula if i == row else rename_in_formula(f.formula, old, new)
                 for i, f in enumerate(figures))


def merge_figures(existing: list[Figure], imported: list[Figure]) -> list[Figure]:
    """Imported figures update the existing ones of the same name and the
    others are appended.  Fields left empty in the import keep their value."""
    result = [copy.deepcopy(f) for f in existing]
    by_name = {f.name: f for f in result}
    for new in imported:
        old = by_name.get(new.name)
        if old is None:
            dup = copy.deepcopy(new)
            result.append(dup)
            by_name[dup.name] = dup
            continue
        for key in ("unit", "category", "formula", "source"):
            if getattr(new, key):
                setattr(old, key, getattr(new, key))
        for key in ("last", "value", "target"):
            if getattr(new, key) is not None:
                setattr(old, key, getattr(new, key))
    return result
