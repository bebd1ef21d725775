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
from .source import TITLE_PARAGRAPH, SourceRef

PREAMBLE, CLOSING = "@preamble", "@closing"  # the same keys as render.PREAMBLE/CLOSING


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


def _find_in_runs(runs: list, needle: str, case: bool, context: dict) -> list[tuple[int, int]]:
    """(start, end) of every ``needle`` in the literal text of ``runs``,
    counted in the text as printed (a field as its value); never inside a
    field."""
    found: list[tuple[int, int]] = []
    offset = 0
    for run in runs:
        if isinstance(run, str):
            hay, pat = (run, needle) if case else (run.lower(), needle.lower())
            at = hay.find(pat)
            while at >= 0:
                found.append((offset + at, offset + at + len(needle)))
                at = hay.find(pat, at + len(needle))
            offset += len(run)
        elif isinstance(run, fields.Field):
            offset += len(_printed(run, context))
    return found


def _printed(field: fields.Field, context: dict) -> str:
    """A field as printed (and as the editor's chip shows it)."""
    try:
        return fields.field_text(field, context)
    except Exception:  # TemplateError, a broken figures table
        return fields.broken_text(field)


def _lead(line: list) -> int:
    """Blank characters a line starts with (a printed paragraph is stripped)."""
    text = ""
    for run in line:
        if isinstance(run, fields.Field):
            break
        if isinstance(run, str):
            text += run
            if run.strip():
                break
    return len(text) - len(text.lstrip())


def _contains(text: str, needle: str, case: bool) -> bool:
    return needle in text if case else needle.lower() in text.lower()


def _is_blank(line: list) -> bool:
    return not any(isinstance(r, fields.Field) or (isinstance(r, str) and r.strip()) for r in line)


def find_all(doc: Document, needle: str, context: dict, *, case: bool = True) -> list[SourceRef]:
    """Every occurrence of ``needle`` in the texts the clerk edits, in
    document order (前言, then each section's title and body, then 结束语);
    occurrences do not overlap.  Each is a ``SourceRef`` — the section (or
    the properties' preamble / closing), the field, the paragraph (a title:
    ``TITLE_PARAGRAPH``) and the span in the paragraph as printed — which
    the window's navigator goes to."""
    if not needle:
        return []
    out: list[SourceRef] = []
    for key, field, text in _texts(doc, context):
        runs = fields.parse(text)
        if runs is None or not any(isinstance(r, str) and _contains(r, needle, case) for r in runs):
            continue  # (fields are evaluated only in a text where it is found)
        if field == "title":  # one line, as the title box shows it
            out.extend(SourceRef.of(key, "title", TITLE_PARAGRAPH, span)
                       for span in _find_in_runs(runs, needle, case, context))
            continue
        paragraph = -1
        for line in _lines(runs):
            if _is_blank(line):
                continue  # not a paragraph: nothing but blanks to find there
            paragraph += 1
            lead = _lead(line)
            out.extend(SourceRef.of(key, "body", paragraph, (max(0, a - lead), b - lead))
                       for a, b in _find_in_runs(line, needle, case, context) if b > lead)
    return out


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
