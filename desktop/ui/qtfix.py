"""Work-arounds for defects of the installed Qt binding (applied on import).

PySide6 6.12.0 on CPython 3.11 returns ``None`` from every method that
returns ``void`` in C++ without taking a reference to it, so each such call
(``setText``, ``setPosition``, ``setLineWidth`` …) lowers ``None``'s
reference count by one; ``SignalInstance.emit`` does the same with the
``True`` it returns.  CPython ≤ 3.11 aborts the process ("none_dealloc:
deallocating None", "bool_dealloc") when such a count reaches zero: laying
out a 200-page document, or a few thousand signals, kill the application.
From CPython 3.12 on these objects are immortal (PEP 683) and the defect is
harmless.

``protect_none()`` detects the leaks at run time (a void call and an
``emit`` on plain ``QObject`` objects) and, only when one is present, raises the
reference counts of ``None``, ``True`` and ``False`` out of reach, which is
what CPython 3.12 does for every interpreter.
"""

from __future__ import annotations

import ctypes
import sys

# Added to None's reference count: ~10^15 leaked calls before it could reach 0.
_MARGIN = 1 << 50

_applied = False


def none_leaks_per_void_call() -> int:
    """References to ``None`` lost per void Qt call (0 with a sound binding)."""
    from PySide6.QtCore import QObject
    probe = QObject()
    n = 64
    before = sys.getrefcount(None)
    for _ in range(n):
        probe.setObjectName("probe")
    lost = before - sys.getrefcount(None)
    return max(0, round(lost / n))


def true_leaks_per_emit() -> int:
    """References to ``True`` lost per signal emitted (0 with a sound binding)."""
    from PySide6.QtCore import QObject, Signal

    class _Probe(QObject):
        poked = Signal()

    probe = _Probe()
    n = 64
    before = sys.getrefcount(True)
    for _ in range(n):
        probe.poked.emit()
    lost = before - sys.getrefcount(True)
    return max(0, round(lost / n))


def protect_none() -> bool:
    """Make ``None``, ``True`` and ``False`` effectively immortal when the
    binding leaks references to them; True when the protection was applied
    (now or before)."""
    global _applied
    if _applied:
        return True
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    if none_leaks_per_void_call() == 0 and true_leaks_per_emit() == 0:
        return False
    for obj in (None, True, False):
        refcnt = ctypes.c_ssize_t.from_address(id(obj))  # ob_refcnt is the first field
        refcnt.value = refcnt.value + _MARGIN
    _applied = True
    return True


protect_none()
