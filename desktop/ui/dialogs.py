"""Small dialog helpers shared by the window and its dialogs."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QWidget


def ok_cancel_buttons(dialog: QDialog, ok_text: str = "确定") -> QDialogButtonBox:
    """An OK/取消 button box wired to the dialog's accept/reject."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def ask_choice(parent: QWidget | None, title: str, text: str,
               accept: tuple[str, str], destructive: tuple[str, str], *,
               object_name: str = "") -> str:
    """A warning with three buttons: ``accept`` (the default), ``destructive``
    and 取消 (Esc).  Each choice is (key, label); returns the chosen key, or
    "cancel"."""
    box = QMessageBox(QMessageBox.Warning, title, text, parent=parent)
    if object_name:
        box.setObjectName(object_name)
    first = box.addButton(accept[1], QMessageBox.AcceptRole)
    second = box.addButton(destructive[1], QMessageBox.DestructiveRole)
    cancel = box.addButton("取消", QMessageBox.RejectRole)
    box.setDefaultButton(first)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    return accept[0] if clicked is first else destructive[0] if clicked is second else "cancel"


def fit_to_text(edit, cap: int = 900) -> None:
    """Make a line edit wide enough for the path it shows (up to ``cap``
    pixels), so the dialog opens showing the whole path."""
    width = edit.fontMetrics().horizontalAdvance(edit.text()) + 32
    edit.setMinimumWidth(min(max(width, 360), cap))


def move_list_row(widget, delta: int) -> None:
    """Move the current row of a QListWidget up (-1) or down (+1), keeping it current."""
    row = widget.currentRow()
    target = row + delta
    if row < 0 or not (0 <= target < widget.count()):
        return
    item = widget.takeItem(row)
    widget.insertItem(target, item)
    widget.setCurrentRow(target)


def update_move_buttons(widget, up_button, down_button) -> None:
    """Enable 上移/下移 only where the current row can move."""
    row = widget.currentRow()
    up_button.setEnabled(row > 0)
    down_button.setEnabled(0 <= row < widget.count() - 1)
