"""User folders (platformdirs) and the application's own resource folders.

``REPORT_DRAFTER_HOME`` overrides the user data folder (tests set it to a
temporary directory so they never touch a real user's files).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "report-drafter"
PACKAGE_DIR = Path(__file__).resolve().parent
BUILTIN_TEMPLATES = PACKAGE_DIR / "templates"


def resources_dir() -> Path:
    """``resources/`` beside the package (source checkout) or inside it (wheel)."""
    for candidate in (PACKAGE_DIR.parent / "resources", PACKAGE_DIR / "resources"):
        if candidate.is_dir():
            return candidate
    return PACKAGE_DIR.parent / "resources"


def _doc_path(name: str) -> Path:
    """A document shipped for the help menu, beside the package (source
    checkout: docs/) or inside it (wheel: desktop/docs)."""
    for candidate in (PACKAGE_DIR.parent / "docs", PACKAGE_DIR / "docs"):
        if (candidate / name).is_file():
            return candidate / name
    return PACKAGE_DIR.parent / "docs" / name


def guide_path() -> Path:
    """The user guide (docs/用户指南.md, with its pictures in docs/guide/)."""
    return _doc_path("用户指南.md")


def template_guide_path() -> Path:
    """The guide for template authors (docs/模板写法说明.md): 帮助 → 模板写法说明."""
    return _doc_path("模板写法说明.md")


def user_data_dir() -> Path:
    override = os.environ.get("REPORT_DRAFTER_HOME")
    if override:
        return Path(override)
    import platformdirs  # on first use: an export or an outline never needs it
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_templates_dir() -> Path:
    return user_data_dir() / "templates"


def user_rules_dir() -> Path:
    return user_data_dir() / "rules"


def recovery_dir() -> Path:
    return user_data_dir() / "recovery"
