"""The window's tests (pytest-qt, offscreen)."""
