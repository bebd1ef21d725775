"""Compatibility name of the exporter: see ``desktop.export``."""

from __future__ import annotations

from .export import build_docx, export, export_docx

__all__ = ["build_docx", "export", "export_docx"]
