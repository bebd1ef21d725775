"""Undo commands over the figures table (``session.document.figures``).

Every change to the figures table goes through one of these commands,
pushed on ``session.undo_stack``:

- ``SetFigureFieldCommand(session, row, field, value)`` — one cell.  A
  rename also rewrites the formulas that referred to the old name.
  Consecutive edits of the same cell merge into one undo step (and vanish
  when they end where they started).
- ``AddFigureCommand(session, figure, row=None)`` — insert (append by default).
- ``DeleteFiguresCommand(session, rows)`` — delete several rows.
- ``ReplaceFiguresCommand(session, figures, text=...)`` — replace the whole
  table (import "replace", or "merge" via ``merge_figures``).

Besides ``session.notify_figures()`` (after every change), the commands
announce row insertions/removals/resets *before and after* they happen on
``figure_signals(session)`` so an item model (``FiguresModel``) can keep
views' selections instead of resetting.  Code that changes figures without
these commands only needs to call ``session.notify_figures()``: the model
then resets itself.
"""

from __future__ import annotations

import copy
import re

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand

from ..model import Figure

FIELDS = ("name", "unit", "category", "last", "value", "target", "formula")
FIELD_LABELS = {"name": "名称", "unit": "单位", "category": "类别", "last": "上年",
                "value": "本年", "target": "目标", "formula": "公式"}

_SET_FIELD_ID = 0x46494701  # "FIG" + 1


class FigureSignals(QObject):
    """Fine-grained row notifications for the figures table of one session."""

    aboutToInsert = Signal(int, int)  # first, last
    inserted = Signal()
    aboutToRemove = Signal(int, int)
    removed = Signal()
    aboutToReset = Signal()
    reset = Signal()


def figure_signals(session) -> FigureSignals:
    """The (lazily created) ``FigureSignals`` of a session."""
    sig = getattr(session, "_figure_signals", None)
    if sig is None:
        sig = FigureSignals(session)
        session._figure_signals = sig
    return sig


def rename_in_formula(formula: str, old: str, new: str) -> str:
    """Replace the figure name ``old`` by ``new`` where it stands as a name."""
    if not formula or not old or old == new:
        return formula
    return re.sub(rf"(?<![\w]){re.escape(old)}(?![\w])", new, formula)


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


class SetFigureFieldCommand(QUndoCommand):
    def __init__(self, session, row: int, field: str, value, parent=None):
        if field not in FIELDS:
            raise ValueError(field)
        super().__init__(parent)
        self.session = session
        self.row = row
        self.field = field
        figures = session.document.figures
        figure = figures[row]
        self.old = getattr(figure, field)
        self.new = value
        # a rename carries the formulas that mention the old name along
        self.old_formulas: dict[int, str] = {}
        if field == "name":
            for i, f in enumerate(figures):
                if i != row and f.formula:
                    self.old_formulas[i] = f.formula
        self._update_text()

    def _update_text(self):
        name = self.session.document.figures[self.row].name if self.field != "name" else self.old
        self.setText(f"修改指标“{name}”的{FIELD_LABELS[self.field]}")

    def id(self) -> int:
        return _SET_FIELD_ID

    def _apply(self, value, old_name, new_name, restore_formulas: bool):
        figures = self.session.document.figures
        setattr(figures[self.row], self.field, value)
        if self.field == "name":
            for i, formula in self.old_formulas.items():
                figures[i].formula = formula if restore_formulas else \
                    rename_in_formula(formula, old_name, new_name)
        self.session.notify_figures()

    def redo(self):
        self._apply(self.new, self.old, self.new, restore_formulas=False)

    def undo(self):
        self._apply(self.old, self.new, self.old, restore_formulas=True)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SetFigureFieldCommand) or other.row != self.row \
                or other.field != self.field or other.session is not self.session:
            return False
        # a rename's formulas were rewritten old→mid→new; redo rewrites the
        # original formulas old→new, undo restores the originals
        self.new = other.new
        if self.new == self.old:
            self.setObsolete(True)
        return True


class AddFigureCommand(QUndoCommand):
    def __init__(self, session, figure: Figure, row: int | None = None, parent=None):
        super().__init__(parent)
        self.session = session
        self.figure = copy.deepcopy(figure)
        count = len(session.document.figures)
        self.row = count if row is None else max(0, min(row, count))
        self.setText(f"添加指标“{figure.name}”")

    def redo(self):
        sig = figure_signals(self.session)
        sig.aboutToInsert.emit(self.row, self.row)
        self.session.document.figures.insert(self.row, copy.deepcopy(self.figure))
        sig.inserted.emit()
        self.session.notify_figures()

    def undo(self):
        sig = figure_signals(self.session)
        sig.aboutToRemove.emit(self.row, self.row)
        del self.session.document.figures[self.row]
        sig.removed.emit()
        self.session.notify_figures()


class DeleteFiguresCommand(QUndoCommand):
    def __init__(self, session, rows, parent=None):
        super().__init__(parent)
        self.session = session
        figures = session.document.figures
        self.rows = sorted({r for r in rows if 0 <= r < len(figures)})
        self.removed = [copy.deepcopy(figures[r]) for r in self.rows]
        if len(self.rows) == 1:
            self.setText(f"删除指标“{self.removed[0].name}”")
        else:
            self.setText(f"删除{len(self.rows)}个指标")

    def redo(self):
        sig = figure_signals(self.session)
        figures = self.session.document.figures
        for r in reversed(self.rows):
            sig.aboutToRemove.emit(r, r)
            del figures[r]
            sig.removed.emit()
        self.session.notify_figures()

    def undo(self):
        sig = figure_signals(self.session)
        figures = self.session.document.figures
        for r, f in zip(self.rows, self.removed):
            sig.aboutToInsert.emit(r, r)
            figures.insert(r, copy.deepcopy(f))
            sig.inserted.emit()
        self.session.notify_figures()


class ReplaceFiguresCommand(QUndoCommand):
    def __init__(self, session, figures: list[Figure], text: str = "替换指标表", parent=None):
        super().__init__(parent)
        self.session = session
        self.old = copy.deepcopy(session.document.figures)
        self.new = copy.deepcopy(figures)
        self.setText(text)

    def _set(self, figures):
        sig = figure_signals(self.session)
        sig.aboutToReset.emit()
        self.session.document.figures = copy.deepcopy(figures)
        sig.reset.emit()
        self.session.notify_figures()

    def redo(self):
        self._set(self.new)

    def undo(self):
        self._set(self.old)
