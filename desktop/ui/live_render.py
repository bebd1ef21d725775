"""Renders the open document a short while after the last edit.

``LiveRender(session)`` hands the ``RenderedDocument`` (``desktop.render``)
to whoever listens on ``rendered`` — the preview, the editor's inline
errors, the outline, the status bar.  An edit of one section re-renders
only that section; ``render_now()`` renders at once (before an export).
"""

from __future__ import annotations

import os

from PySide6.QtCore import QObject, QTimer, Signal

from ..render import Block, LastGood, RenderedDocument, Renderer, render, section_blocks


class LiveRender(QObject):
    """Renders the session's document shortly after the last change.

    An edit of one section's title, body or run-in flag re-renders only
    that section and splices its blocks into the last result (numbers,
    figures and the rest of the document cannot have changed); any other
    change renders the whole document."""

    rendered = Signal(object)  # RenderedDocument

    def __init__(self, session, delay_ms: int | None = None, parent=None):
        super().__init__(parent)
        self.session = session
        self.result: RenderedDocument | None = None
        self._renderer: Renderer | None = None
        # each template-driven section's last good text, for this document
        self._last_good: LastGood = {}
        self._dirty: set[str] = set()
        self._full = True
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms if delay_ms is not None
                                else int(os.environ.get("REPORT_DRAFTER_PREVIEW_MS", "300")))
        self._timer.timeout.connect(self.render_now)
        for signal in (session.outlineChanged, session.propertiesChanged,
                       session.figuresChanged, session.settingsChanged):
            signal.connect(self.schedule)
        session.sectionChanged.connect(self._section_changed)
        session.documentReset.connect(self._document_reset)

    def schedule(self, *args) -> None:
        self._full = True
        self._timer.start()

    def _document_reset(self) -> None:
        # another document: nothing of the last result may be reused
        self._full = True
        self._dirty = set()
        self._last_good = {}
        self.render_now()

    def _section_changed(self, section_id: str) -> None:
        self._dirty.add(section_id)
        self._timer.start()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def render_now(self) -> RenderedDocument:
        self._timer.stop()
        doc = self.session.document
        dirty = [] if self._full or self.result is None else \
            [s for s in doc.walk() if s.id in self._dirty]  # in document order
        if self._full or self.result is None or len(dirty) != len(self._dirty):
            self.result = render(doc, self._last_good)
            self._renderer = None
        else:
            self._rerender_sections(dirty)
        self._full = False
        self._dirty = set()
        self.rendered.emit(self.result)
        return self.result

    def _rerender_sections(self, sections) -> None:
        """Splice these sections' new blocks into ``self.result`` (as
        ``desktop.render.render`` makes them), in one pass over the blocks."""
        out = self.result
        if self._renderer is None:
            self._renderer = Renderer(self.session.document, self._last_good)
        r = self._renderer
        r.errors = []
        new_blocks: dict[str, list[Block]] = {}
        for s in sections:
            new_blocks[s.id] = section_blocks(r, s, out)
        spliced: list[Block] = []
        for b in out.blocks:  # a section's blocks stand together: the first is replaced
            replacement = new_blocks.get(b.section_id)
            if replacement is None:
                spliced.append(b)
            elif replacement:
                spliced.extend(replacement)
                new_blocks[b.section_id] = []
        out.blocks[:] = spliced
        out.errors = [e for e in out.errors if e.section_id not in new_blocks]
        out.errors.extend(r.errors)

    def errors_for(self, section_id: str):
        if self.result is None:
            return []
        return [e for e in self.result.errors if e.section_id == section_id]
