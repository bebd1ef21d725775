"""Find text in a document's sections (the window's 查找).

``find_all(doc, text)`` lists every occurrence of ``text`` in the section
titles and bodies, in outline order (title before body), as ``SourceRef``s
(section id, field, paragraph, span in the paragraph as printed) that the
window's navigator goes to.
"""

from __future__ import annotations

from .model import Document
from .source import SourceRef


def find_all(doc: Document, text: str) -> list[SourceRef]:
    """Every occurrence of ``text`` (none for an empty text); occurrences
    do not overlap.  The text searched is what the editor shows
    (``desktop.find_replace``: a template-driven section's text, never
    inside a data field)."""
    from .find_replace import find_all as find_shown
    from .templating import base_context
    if not text:
        return []
    try:
        context = base_context(doc)
    except Exception:  # a broken formula: search the sections' own text only
        context = base_context(Document(properties=doc.properties))
    return [ref for ref in find_shown(doc, text, context) if ref.is_section]


def next_match(matches: list[SourceRef], last: SourceRef | None, current_section: str,
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
