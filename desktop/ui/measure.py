"""The window's line measurer for the layout model (``desktop.layout``):
characters as wide as Qt's font metrics make them in the fonts the preview
draws with, broken into lines by the core's one line breaker
(``desktop.linebreak``), so the preview, the status bar's page count and
the export agree wherever the fonts have the 公文 fonts' metrics (full-width
CJK, half-width ASCII) and the window shows the real widths where they do not.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QFont, QFontMetricsF

from .. import gbt9704 as fmt
from ..layout import LineSpec, line_widths
from ..linebreak import break_lines


class QtMeasurer:
    """``LineMeasurer`` over QFontMetricsF (advances cached per font and character)."""

    PIXELS = 1000.0  # font pixel size the advances are measured at

    def __init__(self, families: Callable[[str], list[str]]) -> None:
        # families(role) -> list of family names (the preview's fallbacks)
        self._families = families
        self._fonts: dict[tuple, QFontMetricsF] = {}
        self._advance: dict[tuple, float] = {}

    def _metrics(self, role: str, bold: bool) -> QFontMetricsF:
        key = (role, bold)
        metrics = self._fonts.get(key)
        if metrics is None:
            font = QFont()
            font.setFamilies(list(self._families(role)))
            font.setPixelSize(int(self.PIXELS))
            font.setBold(bold)
            font.setKerning(False)
            metrics = self._fonts[key] = QFontMetricsF(font)
        return metrics

    def lines(self, text: str, spec: LineSpec) -> list[str]:
        first, rest = line_widths(spec)
        metrics = self._metrics(spec.role, spec.bold)
        scale = spec.size_pt / self.PIXELS

        def advance(ch: str) -> float:
            key = (spec.role, spec.bold, ch)
            width = self._advance.get(key)
            if width is None:
                width = self._advance[key] = metrics.horizontalAdvance(ch)
            return width * scale

        return break_lines(text, first_width=first, width=rest, size_pt=spec.size_pt,
                           spacing_pt=spec.char_spacing_twips / fmt.TWIPS_PER_PT,
                           advance=advance)

    def count_lines(self, text: str, spec: LineSpec) -> int:
        return len(self.lines(text, spec))
