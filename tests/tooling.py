"""Shared test helpers that are not fixtures (a plain module: ``conftest`` is
ambiguous as an import name once tests/ui has its own conftest.py)."""

from __future__ import annotations

import errno
import os
import shutil

import pytest


def require_tool(name: str) -> str:
    """Path of an external tool; skip without it, but fail when CI is set."""
    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("CI"):
        pytest.fail(f"{name} is required on CI but was not found")
    pytest.skip(f"{name} not installed")


class FullDisk:
    """A file object that takes ``room`` bytes and then fails with ENOSPC."""

    def __init__(self, fh, room: int):
        self.fh, self.room = fh, room

    def write(self, data):
        if len(data) > self.room:
            self.fh.write(data[:self.room])
            self.room = 0
            raise OSError(errno.ENOSPC, "No space left on device")
        self.room -= len(data)
        return self.fh.write(data)

    def __getattr__(self, name):
        return getattr(self.fh, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.fh.close()


def disk_full_after(monkeypatch, room: int = 100) -> None:
    """Every file opened through ``os.fdopen`` (atomic writes) fills the disk after ``room`` bytes."""
    real = os.fdopen
    monkeypatch.setattr(os, "fdopen", lambda fd, *a, **k: FullDisk(real(fd, *a, **k), room))
