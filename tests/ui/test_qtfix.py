"""The work-around for PySide6 6.12.0 losing a reference to None on every
void call and to True on every emit (fatal on CPython 3.11 after a few
thousand calls)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import sys
import desktop.ui  # applies desktop.ui.qtfix
from PySide6.QtCore import QObject
from PySide6.QtCore import Signal

class Poked(QObject):
    poked = Signal()

o = Poked()
for _ in range(300_000):  # far more than None and True have references at start
    o.setObjectName("x")
    o.poked.emit()
print("alive")
"""


def test_many_void_calls_do_not_abort_the_process():
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True,
                         text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "alive"


def test_protection_only_when_the_binding_leaks():
    from desktop.ui import qtfix
    leaks = qtfix.none_leaks_per_void_call()
    if sys.version_info >= (3, 12):
        assert not qtfix._applied
    elif leaks and not qtfix._applied:  # unprotected: the next void calls may abort
        raise AssertionError("None leaks but was not protected")
    if qtfix._applied:
        assert sys.getrefcount(None) > (1 << 40)
        assert sys.getrefcount(True) > (1 << 40) and sys.getrefcount(False) > (1 << 40)
