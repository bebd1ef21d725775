"""Test isolation: no test touches the real user's settings or folders.

- ``REPORT_DRAFTER_HOME`` points the user data folder at a temp dir;
- Qt runs offscreen, with QStandardPaths in test mode (see tests/ui);
- ``CI`` set means tools the tests need (LibreOffice, pdftotext) must be
  present: the helpers in ``tests.tooling`` fail instead of skipping.

``saved_project`` (a project with its backup, for the file-fault tests of
project files, the CLI and ``fileio``) is defined in ``tests.tooling``.
"""

from __future__ import annotations

import os

import pytest

from tests.tooling import saved_project  # noqa: F401  (a fixture for every test module)

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("REPORT_DRAFTER_HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    yield home
