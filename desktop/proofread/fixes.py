"""Where a finding's fix applies in the source, and applying it.

Findings point into rendered text; a fix is applied to the source text (a
section's title or body template, or a property) only where the excerpt
stands there literally: at the same place when the paragraph has no
template syntax, otherwise where the excerpt occurs exactly once in the
field.  Anything else is left to the user (``locate_fix`` returns None).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Document
from ..render import CLOSING, PREAMBLE, PROPERTIES
from .finding import Finding

# properties a fix may edit (list properties such as 抄送 are left alone)
TEXT_PROPERTIES = ("title", "recipients", "notice_title", "notice_body", "signature", "note",
                   "doc_number", "date", "preamble", "closing", "header_text")
_MULTI_PARAGRAPH = ("body", "preamble", "closing", "notice_body")


@dataclass(frozen=True)
class FixTarget:
    """Replace ``old`` by ``new`` in one source field."""

    section_id: str  # a section id, or "@properties"
    field: str  # "title" / "body" for a section; a property name otherwise
    old: str
    new: str


def _source(doc: Document, finding: Finding) -> tuple[str, str] | None:
    """(owner id, field) of the source text a finding lies in."""
    if finding.section_id == PREAMBLE:
        return PROPERTIES, "preamble"
    if finding.section_id == CLOSING:
        return PROPERTIES, "closing"
    if finding.section_id == PROPERTIES:
        return (PROPERTIES, finding.field) if finding.field in TEXT_PROPERTIES else None
    section = doc.find(finding.section_id)
    if section is None:
        return None
    return finding.section_id, "title" if finding.paragraph == -1 else "body"


def get_text(doc: Document, section_id: str, field: str) -> str:
    if section_id == PROPERTIES:
        return getattr(doc.properties, field)
    section = doc.find(section_id)
    if section is None:
        raise KeyError(section_id)
    return getattr(section, field)


def set_text(doc: Document, section_id: str, field: str, value: str) -> None:
    if section_id == PROPERTIES:
        setattr(doc.properties, field, value)
        return
    section = doc.find(section_id)
    if section is None:
        raise KeyError(section_id)
    setattr(section, field, value)


def _replace_at(text: str, offset: int, length: int, new: str) -> str:
    return text[:offset] + new + text[offset + length:]


def _in_paragraph(source: str, paragraph: int, finding: Finding) -> str | None:
    """Replace at the finding's place when the paragraph is plain text."""
    lines = source.split("\n")
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if not (0 <= paragraph < len(nonblank)):
        return None
    i = nonblank[paragraph]
    line = lines[i]
    if "{" in line or "}" in line:
        return None
    lead = len(line) - len(line.lstrip())
    at = lead + finding.start
    if line[at:at + len(finding.excerpt)] != finding.excerpt:
        return None
    new_line = _replace_at(line, at, len(finding.excerpt), finding.fix)
    if new_line.strip():
        lines[i] = new_line
    else:
        del lines[i]
    return "\n".join(lines)


def locate_fix(doc: Document, finding: Finding) -> FixTarget | None:
    if finding.fix is None or not finding.excerpt:
        return None
    where = _source(doc, finding)
    if where is None:
        return None
    owner, field = where
    try:
        source = get_text(doc, owner, field)
    except (KeyError, AttributeError):
        return None
    if not isinstance(source, str):
        return None
    new = None
    if field in _MULTI_PARAGRAPH and "{%" not in source:
        new = _in_paragraph(source, max(finding.paragraph, 0), finding)
    elif field not in _MULTI_PARAGRAPH and "{" not in source:
        lead = len(source) - len(source.lstrip())
        at = lead + finding.start
        if source[at:at + len(finding.excerpt)] == finding.excerpt:
            new = _replace_at(source, at, len(finding.excerpt), finding.fix)
    if new is None and source.count(finding.excerpt) == 1:
        at = source.index(finding.excerpt)
        new = _replace_at(source, at, len(finding.excerpt), finding.fix)
    if new is None or new == source:
        return None
    return FixTarget(owner, field, source, new)


def apply_fix(doc: Document, finding: Finding) -> FixTarget | None:
    """Apply a finding's fix to the model; the target (for undo) or None."""
    target = locate_fix(doc, finding)
    if target is not None:
        set_text(doc, target.section_id, target.field, target.new)
    return target
