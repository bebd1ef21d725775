"""Building the bureau's outline from the departments' drafts.

The merged outline has one chapter per kind — work done, problems, plans,
and 其他 when something could not be placed — in that order; under each,
one part per department (titled by its unit) in the order the drafts were
given.  A draft chapter whose title only names its kind (2026年工作开展情况)
is replaced by the bureau's chapter: its text and items go straight into
the department's part; a chapter that says more (强化党建引领) stays a
heading of its own inside the part.  Items deeper than the four official
levels become paragraphs numbered ①②③ (and deeper ones lose their number:
``depth``), so that no number repeats a level above and nothing is lost.

Each part keeps where it came from (``Section.source``), and the result
lists notes for the clerk (``model.ReviewNote``s pointing at their part, shown in 待核对) and the
figures stated in the drafts, each with the sentence it came from.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DrafterError
from ..model import MAX_LEVEL, Document, Figure, Properties, ReviewNote, Section
from ..render import number_sections
from ..reuse import Recovered, RSection, read_outline
from ..reuse.rollforward import escape_template
from ..source import SourceRef, split_paragraphs
from ..reuse.targets import extract_targets
from .depth import Change, deep_body, flatten
from .classify import KINDS, OTHER, PLANS, WORK, Placement, classify_draft, classify_title, is_generic
from .units import short_unit, trailing_signature, unit_of

# The bureau's chapter for each kind (templates: year is the year summed up).
CHAPTER_TITLES = {
    WORK: "{{ year }}年工作开展情况",
    "problems": "存在的问题和不足",
    PLANS: "{{ next_year }}年工作打算",
    OTHER: "其他",
}
_TEXT_NOT_ORGAN = re.compile(r"现将|如下|报告|总结|汇报|情况|工作|我们|我股|我科|我室|我校|我园")
MERGED_TITLE = "{{ org }}{{ year }}年工作总结和{{ next_year }}年工作计划"


@dataclass
class Draft:
    """One department's draft as read."""

    path: str
    unit: str
    recovered: Recovered

    @property
    def name(self) -> str:
        return Path(self.path).name

    @property
    def source(self) -> str:
        return f"{self.unit}（{self.name}）" if self.name else self.unit


@dataclass
class MergedPart:
    """A department's part under a kind's chapter."""

    kind: str
    unit: str
    path: str
    section_id: str


@dataclass
class MergeResult:
    document: Document
    notes: list[ReviewNote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)  # offered, not yet in the document
    parts: list[MergedPart] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)

    def with_figures(self, figures: list[Figure] | None = None) -> Document:
        """The document with the offered figures (or those chosen) added."""
        chosen = self.figures if figures is None else figures
        names = {f.name for f in self.document.figures}
        self.document.figures.extend(f for f in chosen if f.name not in names)
        return self.document


def read_draft(path: str | os.PathLike, org: str = "") -> Draft:
    """Read one draft (.docx/.doc/.wps/.rdraft) and find its unit.

    A signature the reader left in the text (signed without a date) is taken
    out of it: it names the unit, it is not content."""
    rec = read_outline(path)
    if rec.recipients and _TEXT_NOT_ORGAN.search(rec.recipients):
        # "现将有关情况报告如下：" read as a 主送机关: it is the draft's text
        rec.preamble.append(rec.recipients.rstrip("：:") + "：")
        rec.recipients = ""
    if not rec.signature:
        found = trailing_signature(rec)
        if found:
            holder, k = found
            rec.signature = holder.pop(k)
    return Draft(str(path), unit_of(rec, str(path), org), rec)


# -- converting a draft's sections --------------------------------------------------
@dataclass
class _Deep:
    """A section whose items below the outline's four levels were rewritten
    (``depth``): where the first of them is, and what was changed."""

    section: Section
    paragraph: int  # index of the first rewritten paragraph in the section's body
    changes: list[Change]
    excerpt: str


def _text(lines: list[str]) -> str:
    return "\n".join(escape_template(x) for x in lines)


def _record(deep: list[_Deep], sec: Section, before: str, lines: list[str],
            changes: list[Change]) -> None:
    """Note that ``lines`` (appended after the text ``before``) hold rewritten numbers."""
    if changes:
        first = changes[0].line
        k = len(split_paragraphs(before)) + len(split_paragraphs(_text(lines[:first])))
        deep.append(_Deep(sec, k, changes, lines[first][:20]))


def _convert(s: RSection, level: int, source: str, deep: list[_Deep]) -> Section:
    sec = Section(title=escape_template(s.title), level=level, run_in=s.run_in and level >= 3,
                  origin="merged", source=source)
    body, changes = deep_body(s)
    if level < MAX_LEVEL:
        for c in s.children:
            sec.children.append(_convert(c, level + 1, source, deep))
    else:
        lines, more = flatten(s.children)
        changes += [Change(x.line + len(body), x.written, x.numbered) for x in more]
        body.extend(lines)
    sec.body = _text(body)
    _record(deep, sec, "", body, changes)
    return sec


def _last_leaf(sec: Section) -> Section:
    while sec.children:
        sec = sec.children[-1]
    return sec


def _append_body(sec: Section, lines: list[str]) -> None:
    if lines:
        sec.body = "\n".join(x for x in (sec.body, _text(lines)) if x)


def _append_items(sec: Section, s: RSection, deep: list[_Deep]) -> None:
    """A draft section's text appended to ``sec``, its too-deep items rewritten."""
    lines, changes = deep_body(s)
    before = sec.body
    _append_body(sec, lines)
    _record(deep, sec, before, lines, changes)


# -- one draft → its parts ----------------------------------------------------------
@dataclass
class _Part:
    kind: str
    draft: Draft
    section: Section
    inferred: list[tuple[str, str]] = field(default_factory=list)  # (chapter title, reason)
    placed: list[str] = field(default_factory=list)  # what was added to it: "前言", "结束语"
    text: list[str] = field(default_factory=list)  # the draft's text in it, for figures
    deep: list[_Deep] = field(default_factory=list)  # items below level 4 rewritten in it


def _all_text(s: RSection) -> list[str]:
    out = [s.title] + list(s.body)
    for c in s.children:
        out.extend(_all_text(c))
    return out


def _parts_of(draft: Draft, year: int, level: int) -> dict[str, _Part]:
    rec = draft.recovered
    placements = classify_draft(rec, year)
    by_kind: dict[str, list[Placement]] = {}
    for placed in placements:
        by_kind.setdefault(placed.kind, []).append(placed)
    preamble_kind = next((p.kind for p in placements if p.kind != OTHER), None)
    if preamble_kind is None and rec.preamble:
        from .classify import title_kind
        preamble_kind = title_kind(rec.title, year) or OTHER
    closing_kind = PLANS if PLANS in by_kind else OTHER
    parts: dict[str, _Part] = {}

    def part(kind: str) -> _Part:
        if kind not in parts:
            sec = Section(title=escape_template(draft.unit), level=level, origin="merged",
                          source=draft.source)
            parts[kind] = _Part(kind, draft, sec)
        return parts[kind]

    if rec.preamble:
        p = part(preamble_kind or OTHER)  # (set above whenever there is a preamble)
        _append_body(p.section, rec.preamble)
        p.text.extend(rec.preamble)
        p.placed.append("前言")
    for kind in KINDS:
        for pl in by_kind.get(kind, []):
            p = part(kind)
            s = pl.section
            p.text.extend(_all_text(s))
            if pl.inferred or kind == OTHER:
                p.inferred.append((s.title, pl.inferred))
            if kind != OTHER and not p.section.children and is_generic(s.title, kind):
                _append_items(p.section, s, p.deep)
                for c in s.children:
                    p.section.children.append(_convert(c, level + 1, draft.source, p.deep))
            else:
                p.section.children.append(_convert(s, level + 1, draft.source, p.deep))
    if rec.attachments:  # the draft's 附件 list: kept, for the clerk to decide
        p = part(OTHER)
        names = [f"附件：{a}" for a in rec.attachments]
        _append_body(p.section, names)
        p.text.extend(names)
        p.placed.append("附件说明")
    if rec.closing:
        p = part(closing_kind)
        _append_body(_last_leaf(p.section), rec.closing)
        p.text.extend(rec.closing)
        p.placed.append("结束语")
    return parts


# -- the bureau's outline -----------------------------------------------------------
def _new_document(year: int, org: str) -> Document:
    props = Properties(kind="总结及计划", year=year, org=org, org_short=org,
                       title=MERGED_TITLE, signature=org)
    return Document(properties=props)


def _chapter_for(doc: Document, kind: str) -> Section:
    """The document's chapter for a kind: the first whose title names it, or a
    new one placed before the chapters of later kinds."""
    year = doc.properties.year
    kinds = [classify_title(s.title, year) for s in doc.sections]
    for s, k in zip(doc.sections, kinds):
        if k == kind:
            return s
    order = KINDS.index(kind)
    index = next((i for i, k in enumerate(kinds) if k in KINDS and KINDS.index(k) > order),
                 len(doc.sections))
    chapter = Section(title=CHAPTER_TITLES[kind], level=1, origin="merged")
    doc.insert(None, index, chapter)
    return chapter


def merge_drafts(drafts: list[Draft], year: int, into: Document | None = None,
                 org: str = "") -> MergeResult:
    """Merge the drafts, in the order given, into a new document for ``year``
    (the year summed up) or into ``into`` (changed in place)."""
    doc = into if into is not None else _new_document(year, org)
    result = MergeResult(doc, drafts=list(drafts))
    all_parts: dict[str, list[_Part]] = {k: [] for k in KINDS}
    for d in drafts:
        for kind, p in _parts_of(d, doc.properties.year if into is not None else year, 2).items():
            all_parts[kind].append(p)
    placed: list[_Part] = []
    for kind in KINDS:
        if not all_parts[kind]:
            continue
        chapter = _chapter_for(doc, kind)
        for p in all_parts[kind]:
            doc.insert(chapter.id, len(chapter.children), p.section)
            placed.append(p)
            result.parts.append(MergedPart(kind, p.draft.unit, p.draft.path, p.section.id))
    result.notes = _notes(doc, placed)
    result.figures = _figures(doc, placed, result.notes)
    return result


def merge_files(paths: list[str | os.PathLike], year: int, into: str | os.PathLike | None = None,
                org: str = "") -> MergeResult:
    """Read the drafts and merge them (``into``: a bureau project to merge into)."""
    if not paths:
        raise DrafterError("请至少指定一份科室材料")
    base = None
    if into is not None:
        from ..project_file import load
        base = load(into)
        org = org or base.properties.org
    drafts = [read_draft(p, org) for p in paths]
    return merge_drafts(drafts, year, base, org)


# -- notes and figures --------------------------------------------------------------
def _notes(doc: Document, parts: list[_Part]) -> list[ReviewNote]:
    _, paths = number_sections(doc)
    notes: list[ReviewNote] = []
    for p in parts:
        where = f"{paths.get(p.section.id, '')} {p.draft.unit[:12]}".strip()
        ref = SourceRef(p.section.id, "body")
        notes.extend(_deep_note(d, p, paths) for d in p.deep)
        if p.kind == OTHER:
            what = "、".join([f"“{t}”" for t, _ in p.inferred if t] + p.placed) or "部分内容"
            notes.append(ReviewNote(where, f"{p.draft.source}中未能归类的内容（{what}）已放在“其他”，"
                                           "请移到合适的章节或删除", ref=ref))
            continue
        for title, reason in p.inferred:
            notes.append(ReviewNote(where, f"{p.draft.source}的“{title}”{reason}，请核对", title[:20],
                                    ref=ref))
        for what in p.placed:
            notes.append(ReviewNote(where, f"{p.draft.source}的{what}已并入这里，请删改为局里的口径",
                                    ref=ref))
    return notes


def _deep_note(d: _Deep, p: _Part, paths: dict[str, str]) -> ReviewNote:
    forms: dict[str, str] = {}  # one example per number form: （1） for （1）（2）…
    for c in d.changes:
        if c.written:
            forms.setdefault(re.sub(r"[0-9一二三四五六七八九十百①-⑳]+", "1", c.written), c.written)
    written = list(forms.values())[:3]
    was = f"（原编号{'、'.join(f'“{w}”' for w in written)}等）" if written else ""
    what = "已改写为①②③" if any(c.numbered for c in d.changes) else ""
    if not all(c.numbered for c in d.changes):
        what += ("，" if what else "") + "更深的条目已去掉编号、作为段落保留"
    where = f"{paths.get(d.section.id, '')} {p.draft.unit[:12]}".strip()
    return ReviewNote(where, f"{p.draft.source}中超出四级标题（一、（一）1.（1））的条目{was}{what}，"
                             "请核对层次，必要时并入段落", d.excerpt,
                      ref=SourceRef(d.section.id, "body", d.paragraph))


def _figures(doc: Document, parts: list[_Part], notes: list[ReviewNote]) -> list[Figure]:
    """Figures stated in the drafts: a value in work done and problems, a
    target in plans; each with its sentence, its unit as category."""
    existing = {f.name: f for f in doc.figures}
    out: list[Figure] = []
    seen: dict[str, Figure] = {}
    for p in parts:
        text = "\n".join(p.text)
        for t in extract_targets(text):
            f = t.to_figure()
            f.category = p.draft.unit
            if p.kind != PLANS:
                f.value, f.target = f.target, None
            key = f.name
            value = f.target if f.target is not None else f.value
            if key in existing:
                old = existing[key]
                old_value = old.target if p.kind == PLANS else old.value
                if old_value is not None and old_value != value:
                    notes.append(ReviewNote("", f"{p.draft.source}中“{key}”为{value:g}{f.unit}，"
                                                f"与指标表中的{old_value:g}{old.unit}不一致，请核对",
                                            t.source[:40]))
                continue
            if key in seen:
                prev = seen[key]
                if (prev.target, prev.value) == (f.target, f.value):
                    continue
                key = f"{f.name}（{short_unit(p.draft.unit)}）"
                n = 2
                while key in seen:
                    key = f"{f.name}（{short_unit(p.draft.unit)}{n}）"
                    n += 1
                f.name = key
            seen[key] = f
            out.append(f)
    return out
