"""``FiguresModel``: a table model over ``session.document.figures``.

Columns (``COLUMNS``): 名称, 单位, 类别, 上年, 本年, 目标, 公式, 较上年.
A derived figure (one with a formula) shows its computed 上年/本年 values,
greyed and read-only; its 目标 stays editable (a typed target wins, see
``desktop.figures.compute``).  较上年 is the computed change phrase
(增长13.33% / 提高2.32个百分点), read-only.

Editing goes through ``setData``: the new value is validated (numbers,
formula syntax, empty or duplicate name, formulas that would stop
computing) and, when good, applied as an undo command
(``commands.SetFigureFieldCommand``) pushed on the session's undo
stack.  Bad input changes nothing: ``setData`` returns False and
``validationFailed(message)`` carries a message in Chinese.

API used by the dock and the main window::

    model = FiguresModel(session, parent=None)
    model.validationFailed          # Signal(str)
    model.add_figure(name="")       # -> row of the new figure (undoable)
    model.delete_rows(rows)         # -> "" or a message why it was refused
    model.set_highlighted(names)    # rows of these figures are highlighted
    model.highlighted()             # -> set[str]
    model.error()                   # -> "" or why the table does not compute
    model.figure_at(row)            # -> Figure
    model.validate(row, field, value) -> (parsed value, "" or message)
    FiguresModel.FigureNameRole     # Qt.UserRole + 1: the figure's name
"""

from __future__ import annotations

import copy

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from ..errors import FigureError
from ..figures import (compute, format_number, formula_names, parse_formula, parse_number,
                       table_rows)
from ..model import Figure
from ..figure_ops import rename_in_formula
from .commands import AddFigureCommand, DeleteFiguresCommand, SetFigureFieldCommand

COLUMNS = ("name", "unit", "category", "last", "value", "target", "formula", "change")
HEADERS = {"name": "名称", "unit": "单位", "category": "类别", "last": "上年", "value": "本年",
           "target": "目标", "formula": "公式", "change": "较上年"}
NUMBER_FIELDS = ("last", "value", "target")
GREY = QColor(128, 128, 128)
HIGHLIGHT = QColor(255, 243, 191)


def _edit_text(v: float | None) -> str:
    return "" if v is None else format_number(v, 6)


class FiguresModel(QAbstractTableModel):
    FigureNameRole = Qt.ItemDataRole.UserRole + 1

    validationFailed = Signal(str)

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self._count = len(session.document.figures)
        self._rows = None
        self._error = ""
        self._highlighted: set[str] = set()
        sig = session.figure_rows
        sig.aboutToInsert.connect(self._about_to_insert)
        sig.inserted.connect(self._inserted)
        sig.aboutToRemove.connect(self._about_to_remove)
        sig.removed.connect(self._removed)
        sig.aboutToReset.connect(self._about_to_reset)
        sig.reset.connect(self._reset_done)
        session.figuresChanged.connect(self._figures_changed)
        session.documentReset.connect(self._document_reset)

    # -- change tracking ---------------------------------------------------------
    @property
    def figures(self) -> list[Figure]:
        return self.session.document.figures

    def _invalidate(self):
        self._rows = None

    def _about_to_insert(self, first, last):
        self._invalidate()
        self.beginInsertRows(QModelIndex(), first, last)

    def _inserted(self):
        self._invalidate()
        self._count = len(self.figures)
        self.endInsertRows()

    def _about_to_remove(self, first, last):
        self._invalidate()
        self.beginRemoveRows(QModelIndex(), first, last)

    def _removed(self):
        self._invalidate()
        self._count = len(self.figures)
        self.endRemoveRows()

    def _about_to_reset(self):
        self._invalidate()
        self.beginResetModel()

    def _reset_done(self):
        self._invalidate()
        self._count = len(self.figures)
        self.endResetModel()

    def _document_reset(self):
        self.beginResetModel()
        self._invalidate()
        self._count = len(self.figures)
        self.endResetModel()

    def _figures_changed(self):
        self._invalidate()
        if self._count != len(self.figures):  # changed behind our back
            self._document_reset()
            return
        if self._count:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(self._count - 1, len(COLUMNS) - 1))

    # -- computed values --------------------------------------------------------------
    def _computed(self):
        if self._rows is None:
            try:
                self._rows = table_rows(self.figures)
                self._error = ""
            except FigureError as e:
                self._rows = []
                self._error = e.message
        return self._rows

    def error(self) -> str:
        self._computed()
        return self._error

    def figure_at(self, row: int) -> Figure:
        return self.figures[row]

    # -- highlighting -------------------------------------------------------------------
    def highlighted(self) -> set[str]:
        return set(self._highlighted)

    def set_highlighted(self, names) -> None:
        names = set(names)
        if names == self._highlighted:
            return
        self._highlighted = names
        if self._count:
            self.dataChanged.emit(self.index(0, 0), self.index(self._count - 1, len(COLUMNS) - 1),
                                  [Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.FontRole])

    # -- Qt model interface --------------------------------------------------------------
    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(COLUMNS):
                return HEADERS[COLUMNS[section]]
            return None
        return str(section + 1)

    def _is_computed_cell(self, figure: Figure, field: str) -> bool:
        if field == "change":
            return True
        if not figure.derived:
            return False
        if field in ("last", "value"):
            return True
        return field == "target" and figure.target is None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
        if index.row() >= len(self.figures):
            return flags
        field = COLUMNS[index.column()]
        figure = self.figures[index.row()]
        if field == "change" or (figure.derived and field in ("last", "value")):
            return flags
        return flags | Qt.ItemFlag.ItemIsEditable

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < min(self._count, len(self.figures))):
            return None
        row, field = index.row(), COLUMNS[index.column()]
        figure = self.figures[row]
        rows = self._computed()
        computed = rows[row] if row < len(rows) else None
        if role == Qt.ItemDataRole.DisplayRole:
            if field == "change":
                return computed.change if computed else ""
            if field in NUMBER_FIELDS:
                v = getattr(computed, field) if computed else getattr(figure, field)
                return "" if v is None else format_number(v)
            return getattr(figure, field)
        if role == Qt.ItemDataRole.EditRole:
            if field == "change":
                return computed.change if computed else ""
            if field in NUMBER_FIELDS:
                return _edit_text(getattr(figure, field))
            return getattr(figure, field)
        if role == Qt.ItemDataRole.ForegroundRole:
            if self._is_computed_cell(figure, field):
                return QBrush(GREY)
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            if figure.name in self._highlighted:
                return QBrush(HIGHLIGHT)
            return None
        if role == Qt.ItemDataRole.FontRole:
            if figure.name in self._highlighted:
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if self._error and (field == "change" or figure.derived):
                return self._error
            if field == "change":
                return "本年与上年比较（自动计算）"
            if figure.derived and field in ("last", "value"):
                return f"由公式计算：{figure.formula}"
            if figure.name in self._highlighted and field == "name":
                return "当前章节使用了该指标"
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if field in NUMBER_FIELDS:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return None
        if role == self.FigureNameRole:
            return figure.name
        return None

    # -- editing ---------------------------------------------------------------------------
    def validate(self, row: int, field: str, value) -> tuple[object, str]:
        """(parsed value, "") or (None, message) for a would-be cell value."""
        figures = self.figures
        figure = figures[row]
        if field in NUMBER_FIELDS:
            try:
                parsed = parse_number(value)
            except ValueError:
                return None, f"“{value}”不是数字，请输入如 327、63.5 的数值"
            if figure.derived and field in ("last", "value"):
                return None, f"指标“{figure.name}”由公式计算，不能直接填写{HEADERS[field]}"
        else:
            parsed = "" if value is None else str(value).strip()
        if field == "name":
            if not parsed:
                return None, "指标名称不能为空"
            if any(i != row and f.name == parsed for i, f in enumerate(figures)):
                return None, f"已有名为“{parsed}”的指标，名称不能重复"
        if field == "formula" and parsed:
            try:
                parse_formula(parsed, figure.name)
            except FigureError as e:
                return None, e.message
            if figure.name in formula_names(parsed, figure.name):
                return None, f"指标“{figure.name}”的公式不能引用它自己"
        candidate = copy.deepcopy(figures)
        if field == "name":
            for i, f in enumerate(candidate):
                if i != row:
                    f.formula = rename_in_formula(f.formula, figure.name, parsed)
        setattr(candidate[row], field, parsed)
        try:
            compute(figures)
            was_ok = True
        except FigureError:
            was_ok = False
        if was_ok:
            try:
                compute(candidate)
            except FigureError as e:
                return None, e.message
        return parsed, ""

    def setData(self, index, value, role=Qt.ItemDataRole.EditRole):
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        if not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        row, field = index.row(), COLUMNS[index.column()]
        parsed, message = self.validate(row, field, value)
        if message:
            self.validationFailed.emit(message)
            return False
        if parsed == getattr(self.figures[row], field):
            return True
        self.session.push(SetFigureFieldCommand(self.session, row, field, parsed))
        return True

    def unique_name(self, base: str = "新指标") -> str:
        names = {f.name for f in self.figures}
        if base not in names:
            return base
        n = 2
        while f"{base}{n}" in names:
            n += 1
        return f"{base}{n}"

    def add_figure(self, name: str = "", row: int | None = None) -> int:
        """Add a figure (a fresh unique name by default); returns its row."""
        name = name.strip() or self.unique_name()
        if any(f.name == name for f in self.figures):
            name = self.unique_name(name)
        cmd = AddFigureCommand(self.session, Figure(name=name), row)
        self.session.push(cmd)
        return cmd.row

    def dependents(self, names) -> dict[str, list[str]]:
        """Figure name → the other figures whose formula uses it."""
        names = set(names)
        out: dict[str, list[str]] = {}
        for f in self.figures:
            if not f.derived or f.name in names:
                continue
            try:
                used = formula_names(f.formula, f.name)
            except FigureError:
                continue
            for n in used:
                if n in names:
                    out.setdefault(n, []).append(f.name)
        return out

    def delete_rows(self, rows) -> str:
        """Delete the figures of these rows (undoable); "" or why refused."""
        rows = sorted({r for r in rows if 0 <= r < len(self.figures)})
        if not rows:
            return "请先选择要删除的指标"
        deps = self.dependents(self.figures[r].name for r in rows)
        if deps:
            name, users = next(iter(deps.items()))
            message = f"指标“{name}”被“{'、'.join(users)}”的公式引用，请先修改这些公式"
            self.validationFailed.emit(message)
            return message
        self.session.push(DeleteFiguresCommand(self.session, rows))
        return ""
