"""Find text in a document's sections (the window's 查找).

``find_all(doc, text)`` lists every occurrence of ``text`` in the section
titles and bodies, in outline order (title before body), as ``Match``
locations (section id, field, start, end) the window selects.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Document

FIELDS = ("title", "body")


@dataclass(frozen=True)
class Match:
    section_id: str
    field: str  # "title" or "body"
    start: int
    end: int


def find_all(doc: Document, text: str) -> list[Match]:
    """Every occurrence of ``text`` (none for an empty text); occurrences
    do not overlap.  The text searched is what the editor shows
    (``desktop.find_replace``: a template-driven section's text, a data
    field as one character, never inside a field); offsets are positions
    in it."""
    from .find_replace import find_all as find_shown
    from .templating import base_context
    if not text:
        return []
    try:
        context = base_context(doc)
    except Exception:  # a broken formula: search the sections' own text only
        context = base_context(Document(properties=doc.properties))
    return [Match(m.section_id, m.field, *m.span) for m in find_shown(doc, text, context)
            if not m.section_id.startswith("@")]


def next_match(matches: list[Match], last: Match | None, current_section: str,
               step: int) -> int:
    """Index of the match to show after ``last`` going ``step`` (+1/-1); without
    a last match, the first one in the current section going forward, else
    the first (forward) or the last (backward)."""
    if last in matches:
        return (matches.index(last) + step) % len(matches)
    ids = [m.section_id for m in matches]
    if step > 0 and current_section in ids:
        return ids.index(current_section)
    return 0 if step > 0 else len(matches) - 1
