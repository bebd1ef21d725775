"""Report Drafter (年度总结·计划起草助手): the headless core.

Nothing under ``desktop`` except ``desktop.ui`` may import Qt; an
import-linter contract in pyproject.toml enforces it (tests/test_architecture.py).
"""

__version__ = "0.1.0"
