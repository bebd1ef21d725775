"""Undo commands over the figures table (``session.document.figures``).

- ``SetFigureFieldCommand(session, row, field, value)`` — one cell.  A
  rename also rewrites the formulas that referred to the old name
  (``desktop.figure_ops.renamed_formulas``).  Consecutive edits of the same
  cell merge into one undo step (and vanish when they end where they
  started).
- ``AddFigureCommand(session, figure, row=None)`` — insert (append by default).
- ``DeleteFiguresCommand(session, rows)`` — delete several rows.
- ``ReplaceFiguresCommand(session, figures, text=...)`` — replace the whole
  table (import "replace", or "merge" via ``desktop.figure_ops.merge_figures``).

The session's mutators announce row insertions/removals/resets before and
after they happen (``session.figure_rows``) so an item model
(``FiguresModel``) keeps views' selections instead of resetting.
"""

from __future__ import annotations

import copy
from typing import Any, Iterable

from PySide6.QtGui import QUndoCommand

from ...figure_ops import renamed_formulas
from ...model import Figure
from ..session import FIGURE_FIELDS, DocumentSession
from .value import FigureName, FiguresTable, FigureValue, ValueCommand

FIELDS = FIGURE_FIELDS
FIELD_LABELS = {"name": "名称", "unit": "单位", "category": "类别", "last": "上年",
                "value": "本年", "target": "目标", "formula": "公式"}


class SetFigureFieldCommand(ValueCommand):
    def __init__(self, session: DocumentSession, row: int, field: str, value: Any,
                 parent: QUndoCommand | None = None):
        if field not in FIELDS:
            raise ValueError(field)
        figures = session.document.figures
        name = figures[row].name
        text = f"修改指标“{name}”的{FIELD_LABELS[field]}"
        if field == "name":
            super().__init__(session, FigureName(row), (value, renamed_formulas(figures, row, value)),
                             text, merge=True, parent=parent)
        else:
            super().__init__(session, FigureValue(row, field), value, text, merge=True,
                             parent=parent)
        self.row = row
        self.field = field


class AddFigureCommand(QUndoCommand):
    def __init__(self, session: DocumentSession, figure: Figure, row: int | None = None,
                 parent: QUndoCommand | None = None):
        super().__init__(parent)
        self.session = session
        self.figure = copy.deepcopy(figure)
        count = len(session.document.figures)
        self.row = count if row is None else max(0, min(row, count))
        self.setText(f"添加指标“{figure.name}”")

    def redo(self) -> None:
        self.session.insert_figure(self.row, self.figure)

    def undo(self) -> None:
        self.figure = self.session.remove_figure(self.row)


class DeleteFiguresCommand(QUndoCommand):
    def __init__(self, session: DocumentSession, rows: Iterable[int],
                 parent: QUndoCommand | None = None):
        super().__init__(parent)
        self.session = session
        figures = session.document.figures
        self.rows = sorted({r for r in rows if 0 <= r < len(figures)})
        self.removed: list[Figure] = [figures[r] for r in self.rows]
        if len(self.rows) == 1:
            self.setText(f"删除指标“{self.removed[0].name}”")
        else:
            self.setText(f"删除{len(self.rows)}个指标")

    def redo(self) -> None:
        removed = [self.session.remove_figure(r) for r in reversed(self.rows)]
        self.removed = removed[::-1]

    def undo(self) -> None:
        for r, figure in zip(self.rows, self.removed, strict=True):
            self.session.insert_figure(r, figure)


class ReplaceFiguresCommand(ValueCommand):
    def __init__(self, session: DocumentSession, figures: list[Figure],
                 text: str = "替换指标表", parent: QUndoCommand | None = None):
        super().__init__(session, FiguresTable(), figures, text, parent=parent)
