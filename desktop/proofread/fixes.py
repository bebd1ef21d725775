"""Where a finding's fix applies in the source, and applying it.

Findings point into rendered text; a fix is applied to the source text (a
section's title or body template, or a property) only where the excerpt
stands there literally: at the same place when the paragraph has no
template syntax, otherwise where the excerpt occurs exactly once in the
field.  Anything else is left to the user (``locate_fix`` returns None).

``plan_fixes`` does the same for many findings at once (修正全部同类): every
replacement is located in the source text as it stands, before any of them
is made, and the changes of one field are joined into one ``FixTarget``.
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
    if finding.fix is None:
        return None
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


@dataclass(frozen=True)
class _Edit:
    """Replace ``length`` characters at ``at`` (an offset in the whole
    source field) by ``new``; ``line``/``col`` say where that is."""

    at: int
    length: int
    new: str
    line: int
    col: int
    drop_blank: bool  # a paragraph the fix leaves blank is removed (as _in_paragraph does)
    finding: Finding


def _line_col(starts: list[int], at: int) -> tuple[int, int]:
    lo, hi = 0, len(starts) - 1
    while lo < hi:  # the last line starting at or before ``at``
        mid = (lo + hi + 1) // 2
        if starts[mid] <= at:
            lo = mid
        else:
            hi = mid - 1
    return lo, at - starts[lo]


def _occurrences(source: str, excerpt: str) -> list[int]:
    """Where ``excerpt`` stands in ``source``, as ``str.count`` counts them."""
    out, i = [], source.find(excerpt)
    while i >= 0:
        out.append(i)
        i = source.find(excerpt, i + len(excerpt))
    return out


def _plan_field(field: str, source: str, findings: list[Finding]) -> tuple[str, list[Finding]]:
    """The field's text with every locatable fix made, and the findings fixed."""
    lines = source.split("\n")
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    exact: list[_Edit] = []
    loose: list[Finding] = []
    for f in findings:
        if f.fix is None or not f.excerpt or f.fix == f.excerpt \
                or "\n" in f.excerpt or "\n" in f.fix:
            continue
        edit = None
        if field in _MULTI_PARAGRAPH and "{%" not in source:
            p = max(f.paragraph, 0)
            if 0 <= p < len(nonblank):
                i = nonblank[p]
                line = lines[i]
                if "{" not in line and "}" not in line:
                    col = len(line) - len(line.lstrip()) + f.start
                    if line[col:col + len(f.excerpt)] == f.excerpt:
                        edit = _Edit(starts[i] + col, len(f.excerpt), f.fix, i, col, True, f)
        elif field not in _MULTI_PARAGRAPH and "{" not in source:
            at = len(source) - len(source.lstrip()) + f.start
            if source[at:at + len(f.excerpt)] == f.excerpt:
                i, col = _line_col(starts, at)
                edit = _Edit(at, len(f.excerpt), f.fix, i, col, False, f)
        if edit is not None:
            exact.append(edit)
        else:
            loose.append(f)

    # a finding not found at its place: where its excerpt stands exactly once,
    # not counting the places fixed above (as fixing one by one would find it)
    taken = sorted((e.at, e.at + e.length) for e in exact)

    def overlaps_taken(a: int, b: int) -> bool:
        return any(s < b and a < e for s, e in taken)

    edits = list(exact)
    for f in loose:
        free = [at for at in _occurrences(source, f.excerpt)
                if not overlaps_taken(at, at + len(f.excerpt))]
        if len(free) == 1 and f.fix is not None:  # (loose findings all have a fix)
            i, col = _line_col(starts, free[0])
            edits.append(_Edit(free[0], len(f.excerpt), f.fix, i, col, False, f))

    # two findings at overlapping places: the first is fixed, the other left
    chosen: list[_Edit] = []
    end = -1
    for e in sorted(edits, key=lambda e: (e.at, e.length)):
        if e.at >= end:
            chosen.append(e)
            end = e.at + e.length
    if not chosen:
        return source, []
    by_line: dict[int, list[_Edit]] = {}
    for e in chosen:
        by_line.setdefault(e.line, []).append(e)
    drop = set()
    for i, line_edits in by_line.items():
        line = lines[i]
        for e in reversed(line_edits):  # right to left: earlier columns stay valid
            line = _replace_at(line, e.col, e.length, e.new)
        if not line.strip() and any(e.drop_blank for e in line_edits):
            drop.add(i)
        lines[i] = line
    new = "\n".join(line for i, line in enumerate(lines) if i not in drop)
    if new == source:
        return source, []
    return new, [e.finding for e in chosen]


def plan_fixes(doc: Document, findings: list[Finding]) -> tuple[list[FixTarget], list[Finding]]:
    """Where the fixes of ``findings`` apply, all located in the source as it
    stands now: one ``FixTarget`` per source field changed, in the order
    the fields are first met, and the findings those targets fix.  Nothing
    is changed; ``apply_targets`` makes the changes."""
    sections = {s.id: s for s in doc.walk()}
    groups: dict[tuple[str, str], list[Finding]] = {}
    for f in findings:
        if f.fix is None or not f.excerpt:
            continue
        if f.section_id in (PREAMBLE, CLOSING, PROPERTIES):
            where = _source(doc, f)
        elif f.section_id in sections:
            where = f.section_id, "title" if f.paragraph == -1 else "body"
        else:
            where = None
        if where is not None:
            groups.setdefault(where, []).append(f)
    targets: list[FixTarget] = []
    fixed: list[Finding] = []
    for (owner, field), group in groups.items():
        owner_obj = doc.properties if owner == PROPERTIES else sections[owner]
        source = getattr(owner_obj, field, None)
        if not isinstance(source, str):
            continue
        new, done = _plan_field(field, source, group)
        if done:
            targets.append(FixTarget(owner, field, source, new))
            fixed += done
    return targets, fixed


def apply_targets(doc: Document, targets: list[FixTarget], undo: bool = False) -> None:
    """Make the changes of ``targets`` (``undo``: put the old texts back)."""
    sections = {s.id: s for s in doc.walk()}
    for t in (reversed(targets) if undo else targets):
        owner = doc.properties if t.section_id == PROPERTIES else sections.get(t.section_id)
        if owner is None:
            raise KeyError(t.section_id)
        setattr(owner, t.field, t.old if undo else t.new)
