"""Test isolation: no test touches the real user's settings or folders.

- ``REPORT_DRAFTER_HOME`` points the user data folder at a temp dir;
- Qt runs offscreen, with QStandardPaths in test mode (see tests/ui);
- ``CI`` set means tools the tests need (LibreOffice, pdftotext) must be
  present: the helpers below fail instead of skipping.
"""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("REPORT_DRAFTER_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    yield home
