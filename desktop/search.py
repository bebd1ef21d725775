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
    do not overlap."""
    out: list[Match] = []
    if not text:
        return out
    for section in doc.walk():
        for field in FIELDS:
            value = getattr(section, field)
            start = value.find(text)
            while start >= 0:
                out.append(Match(section.id, field, start, start + len(text)))
                start = value.find(text, start + len(text))
    return out


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
