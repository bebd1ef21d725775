"""Restyling the fragments of a ``QTextDocument`` in place.

``restyle_fragments(document, restyle)`` gives every fragment the character
format ``restyle(format)`` returns for its own (``None``: leave it as it
is).  The guide window fits its pictures to its width this way; the chip
editors show their fields' current values.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextDocument


def restyle_fragments(document: QTextDocument,
                      restyle: Callable[[QTextCharFormat], QTextCharFormat | None]) -> int:
    """Apply ``restyle`` to every fragment; returns how many changed."""
    changes: list[tuple[int, int, QTextCharFormat]] = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            new = restyle(fragment.charFormat())
            if new is not None:
                changes.append((fragment.position(), fragment.length(), new))
            it += 1
        block = block.next()
    for position, length, new in changes:  # same lengths: the positions stay valid
        cursor = QTextCursor(document)
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(new)
    return len(changes)
