"""查找替换 over the whole document: titles, bodies, 前言 and 结束语.

Only the text the clerk wrote is searched and replaced — never inside a
field (a figure's value is not text to edit; change the figure instead) and
never template code: a template-driven section is searched in the text its
template gives now, and replacing in it keeps that text as the section's own
(the same as the clerk's first edit would).  ``plan_replace_all`` returns
the new texts; the window applies them as one undo step.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import fields
from .errors import TemplateError
from .model import Document

PREAMBLE, CLOSING = "@preamble", "@closing"  # the same keys as render.PREAMBLE/CLOSING


@dataclass(frozen=True)
class Match:
    section_id: str  # a section id, or PREAMBLE / CLOSING
    field: str  # "title" or "body"
    paragraph: int  # index of the line in the text
    start: int  # offsets in the line's literal text as shown (fields count as one)
    end: int
    offset: int = 0  # where ``start`` is in the whole text as shown (lines joined by "\n")

    @property
    def span(self) -> tuple[int, int]:
        """(start, end) in the whole text as the editor shows it."""
        return self.offset, self.offset + self.end - self.start


def _texts(doc: Document, context: dict):
    """(key, field, field text) of every editable text in document order."""
    yield PREAMBLE, "body", doc.properties.preamble
    for s in doc.walk():
        yield s.id, "title", s.title
        try:
            body = fields.editable_text(s, context)
        except TemplateError:
            body = s.body  # a broken template: nothing of it is clerk's text
        yield s.id, "body", body
    yield CLOSING, "body", doc.properties.closing


def _lines(runs: list) -> list[list]:
    lines: list[list] = [[]]
    for run in runs:
        if isinstance(run, str):
            parts = run.split("\n")
            for i, part in enumerate(parts):
                if i:
                    lines.append([])
                if part:
                    lines[-1].append(part)
        else:
            lines[-1].append(run)
    return lines


def _find_in_line(line: list, needle: str, case: bool):
    """Offsets of ``needle`` within the line's text runs (a field is one character)."""
    offset = 0
    for run in line:
        if isinstance(run, str):
            hay, pat = (run, needle) if case else (run.lower(), needle.lower())
            at = hay.find(pat)
            while at >= 0:
                yield offset + at, offset + at + len(needle)
                at = hay.find(pat, at + len(needle))
            offset += len(run)
        elif isinstance(run, fields.Field):  # a field shows as one chip
            offset += 1


def find_all(doc: Document, needle: str, context: dict, *, case: bool = True) -> list[Match]:
    if not needle:
        return []
    out: list[Match] = []
    for key, field, text in _texts(doc, context):
        runs = fields.parse(text)
        if runs is None:
            continue
        base = 0
        for p, line in enumerate(_lines(runs)):
            out.extend(Match(key, field, p, a, b, base + a)
                       for a, b in _find_in_line(line, needle, case))
            base += _shown_length(line) + 1
    return out


def _shown_length(line: list) -> int:
    return sum(len(r) if isinstance(r, str) else 1 if isinstance(r, fields.Field) else 0
               for r in line)


def replace_in(text: str, needle: str, replacement: str, *, case: bool = True) -> tuple[str, int]:
    """Replace in the literal runs of field text; (new text, count)."""
    runs = fields.parse(text)
    if runs is None or not needle:
        return text, 0
    count, out = 0, []
    for run in runs:
        if isinstance(run, str):
            if case:
                n = run.count(needle)
                run = run.replace(needle, replacement)
            else:
                n, run = _replace_nocase(run, needle, replacement)
            count += n
        out.append(run)
    return fields.serialize(fields.merge_runs([r for r in out if r != ""])), count


def _replace_nocase(text: str, needle: str, replacement: str) -> tuple[int, str]:
    low, pat, out, pos, n = text.lower(), needle.lower(), [], 0, 0
    at = low.find(pat)
    while at >= 0:
        out.append(text[pos:at] + replacement)
        pos = at + len(needle)
        n += 1
        at = low.find(pat, pos)
    out.append(text[pos:])
    return n, "".join(out)


@dataclass
class Replacement:
    section_id: str  # a section id, or PREAMBLE / CLOSING
    field: str  # "title" / "body" (for PREAMBLE/CLOSING: the property)
    old: str
    new: str
    count: int


def plan_replace_all(doc: Document, needle: str, replacement: str, context: dict, *,
                     case: bool = True) -> list[Replacement]:
    """Every text that changes, with its old and new stored form."""
    out = []
    for key, field, text in _texts(doc, context):
        new, n = replace_in(text, needle, replacement, case=case)
        if n:
            if key in (PREAMBLE, CLOSING):
                old = doc.properties.preamble if key == PREAMBLE else doc.properties.closing
            else:
                old = getattr(doc.find(key), field)
            out.append(Replacement(key, field, old, new, n))
    return out


def apply(doc: Document, changes: list[Replacement], *, undo: bool = False) -> None:
    for c in changes:
        value = c.old if undo else c.new
        if c.section_id == PREAMBLE:
            doc.properties.preamble = value
        elif c.section_id == CLOSING:
            doc.properties.closing = value
        else:
            section = doc.find(c.section_id)
            if section is not None:
                setattr(section, c.field, value)
