"""Shared test helpers that are not fixtures (a plain module: ``conftest`` is
ambiguous as an import name once tests/ui has its own conftest.py)."""

from __future__ import annotations

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
