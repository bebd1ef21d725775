"""From last year's recovered document to this year's project.

Three ways to start (``MODES``):

- ``plan_to_plan`` 计划→计划 (any document rolled forward as the same
  kind): title and heading years move on, body text kept as it was, every
  other year in it listed for review;
- ``plan_to_summary`` 计划→总结: the plan's chapters and items become the
  summary's, each item empty for what was achieved with the planned text
  kept as ``Section.reference``; planned targets become figures whose
  ``target`` is the planned value;
- ``summary_and_plan`` 总结+计划: one document with both — the summary part
  from last year's plan as above, then the plan part rolled forward.

Years in the body are never rewritten silently: ``ImportResult.notes``
lists each one (a ``model.ReviewNote`` whose ``ref`` is its place); the
new document carries the same notes (``Document.review_notes``, 待核对).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..render import format_date
from ..source import SourceRef
from ..model import MAX_LEVEL, Document, Figure, Properties, ReviewNote, Section, Settings
from .outline import Recovered, RSection
from .targets import Target, extract_targets, targets_to_figures

MODES = {
    "plan_to_plan": "计划→计划",
    "plan_to_summary": "计划→总结",
    "summary_and_plan": "总结+计划",
}
# a year: followed by 年, or by another year in a range or a list ("2021-2022学年",
# "2018和2019年", "2018、2019年": the first year of a list is as stale as the last)
_YEAR = re.compile(r"(?<![\d〔\[])((?:19[5-9]|20\d)\d)"
                   r"(?=\s*(?:年|学年|[-－—~～至到和、与及]\s*(?:19|20)\d\d))")
_DOC_NUMBER_YEAR = re.compile(r"[〔\[［(（]\s*((?:19|20)\d\d)\s*[〕\]］)）]\s*(\d*)\s*号")
_PLAN_WORDS = ("计划", "打算", "谋划", "要点", "思路", "安排", "设想")


@dataclass
class ImportResult:
    document: Document
    notes: list[ReviewNote] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    source_year: int | None = None


# -- years -------------------------------------------------------------------------
def years_in(text: str) -> list[int]:
    return [int(m.group(1)) for m in _YEAR.finditer(text)]


def shift_years(text: str, delta: int) -> str:
    if not delta:
        return text
    return _YEAR.sub(lambda m: str(int(m.group(1)) + delta), text)


def source_year(rec: Recovered) -> int | None:
    """The year last year's document was about: the first year of its title
    (2018 in "2018年工作总结及2019年工作计划"); for a yearly summary or plan
    without one, the first year of its headings ("一、2019年工作回顾"), else
    of its date.  Any other document (a 通知, a 办法) is of the year it was
    issued — its date, else its 发文字号's year: the years in its headings
    are those of the facts it asks for ("2019年度营业收入" in a 2020 notice)."""
    ys = years_in(rec.title)
    if ys:
        return min(ys)
    issued = _issue_year(rec)
    if issued is not None and not _yearly(rec.title):
        return issued
    for s in rec.walk():
        ys = years_in(s.title)
        if ys:
            return min(ys)
    return issued


def _issue_year(rec: Recovered) -> int | None:
    if rec.date[:4].isdigit():
        return int(rec.date[:4])
    m = _DOC_NUMBER_YEAR.search(rec.doc_number)
    return int(m.group(1)) if m else None


def _yearly(title: str) -> bool:
    """A yearly summary or plan by its title (总结, 计划, 要点 …)."""
    return any(w in title for w in ("总结", "计划", "打算", "谋划", "要点"))


def new_doc_number(last: str, delta: int, year: int) -> str:
    """Last year's 发文字号 for this year's document: the organ's code kept,
    the year moved on as far as the document's (the year of issue: a plan
    is often issued the year before, a summary the year after — never more
    than a year from ``year``), the serial number left empty for the clerk
    (proofreading reports "〔2027〕号" until it is filled).  A number not in
    the form 代字〔年份〕序号号 is kept as it was (the note asks to check it)."""
    m = _DOC_NUMBER_YEAR.search(last)
    if m is None:
        return last
    issued = int(m.group(1)) + delta
    if abs(issued - year) > 1:
        issued = year
    return f"{last[:m.start()].rstrip()}〔{issued}〕号"


def guess_kind(title: str) -> str:
    has_summary = "总结" in title
    has_plan = any(w in title for w in ("计划", "打算", "谋划"))
    if has_summary and has_plan:
        return "总结及计划"
    if "要点" in title:
        return "工作要点"
    if has_plan:
        return "工作计划"
    return "年度工作总结"


def guess_org(rec: Recovered) -> str:
    if rec.signature:
        return rec.signature
    m = re.match(r"^(.+?)(?:19|20)\d\d\s*年", rec.title)
    if m and len(m.group(1)) <= 30:
        return m.group(1).strip()
    m = re.match(r"^(.+?)关于", rec.notice_title)
    if m:
        return m.group(1).strip()
    return ""


def escape_template(text: str) -> str:
    """Imported text is literal: keep Jinja2 from reading {{ }} in it."""
    if any(t in text for t in ("{{", "{%", "{#", "}}", "%}", "#}")):
        return "{% raw %}" + text + "{% endraw %}"
    return text


def _body(lines: list[str]) -> str:
    return "\n".join(escape_template(x) for x in lines)


# -- the tree ---------------------------------------------------------------------
def _path(parent: str, s: RSection) -> str:
    return f"{parent}/{s.number}" if parent else s.number


def _year_notes(rec: Recovered, new_year: int, notes: list[ReviewNote], headings_shifted: bool,
                ids: dict[int, str] | None = None) -> None:
    """Notes on years in last year's text; ``ids`` maps a recovered section
    (by ``id()``) to the id of the section made from it."""
    ids = ids or {}

    def check(where: str, text: str, ref: SourceRef | None):
        for m in _YEAR.finditer(text):
            y = int(m.group(1))
            a, b = max(0, m.start() - 12), min(len(text), m.end() + 12)
            notes.append(ReviewNote(where, f"“{y}年”可能是旧年份，请核对是否需要改为 {new_year} 年前后的年份",
                                    text[a:b], ref=ref))

    for k, p in enumerate(rec.preamble):
        check(f"前言第{k + 1}段", p, SourceRef.prop("preamble", k))

    def visit(items: list[RSection], parent: str):
        for s in items:
            path = _path(parent, s)
            sid = ids.get(id(s))
            if not headings_shifted:
                check(f"{path} 标题", s.title, SourceRef(sid, "title") if sid else None)
            for k, p in enumerate(s.body):
                check(f"{path} {s.title[:12]} 第{k + 1}段" if s.title else f"{path} 第{k + 1}段", p,
                      SourceRef(sid, "body", k) if sid else None)
            visit(s.children, path)

    visit(rec.sections, "")
    for k, p in enumerate(rec.closing):
        check(f"结束语第{k + 1}段", p, SourceRef.prop("closing", k))


def _rolled_sections(items: list[RSection], delta: int, origin: str = "imported",
                     ids: dict[int, str] | None = None) -> list[Section]:
    """Last year's sections with years moved on; ``ids`` records which new
    section each recovered one became (``id()`` → section id)."""
    out = []
    for s in items:
        sec = Section(title=escape_template(shift_years(s.title, delta)), body=_body(s.body),
                      level=s.level, run_in=s.run_in, origin=origin, number_style=s.style_form)
        if ids is not None:
            ids[id(s)] = sec.id
        sec.children = _rolled_sections(s.children, delta, origin, ids)
        out.append(sec)
    return out


def _reference(s: RSection) -> str:
    lines = list(s.body)
    return "\n".join(lines) if lines else s.title


def _summary_sections(items: list[RSection], delta: int, shift: int = 0) -> list[Section]:
    """Plan items → summary items: same headings, empty bodies, planned
    text as reference.  ``shift`` moves every level down (for a summary
    part nested under one chapter); items pushed past level 4 are folded
    into their parent's reference."""
    out = []
    for s in items:
        level = s.level + shift
        sec = Section(title=escape_template(shift_years(s.title, delta)), body="",
                      level=min(level, MAX_LEVEL), run_in=s.run_in, origin="plan",
                      reference=_reference(s))
        children = []
        for c in s.children:
            if c.level + shift > MAX_LEVEL:
                sec.reference += "\n" + _flatten(c)
            else:
                children.append(c)
        sec.children = _summary_sections(children, delta, shift)
        out.append(sec)
    return out


def _flatten(s: RSection) -> str:
    parts = [f"{s.number}. {s.title}" if s.number else s.title] + list(s.body)
    for c in s.children:
        parts.append(_flatten(c))
    return "\n".join(parts)


def _demoted(items: list[Section]) -> list[Section]:
    """Levels one down (一、 → （一） …), folding what falls past level 4."""
    out = []
    for s in items:
        s.level += 1
        keep = []
        for c in s.children:
            if c.level + 1 > MAX_LEVEL:
                extra = "\n".join([c.title] + ([c.body] if c.body else []))
                s.body = (s.body + "\n" + extra).strip("\n")
            else:
                keep.append(c)
        s.children = _demoted(keep)
        out.append(s)
    return out


def _all_text(items: list[RSection]) -> str:
    lines = []
    for s in items:
        for x in s.walk():
            lines.append(x.title)
            lines.extend(x.body)
    return "\n".join(lines)


def _plan_part(rec: Recovered) -> list[RSection]:
    """The plan chapters of a document: all of a plan; of a 总结及计划 the
    chapters from the first one about next year's work."""
    if guess_kind(rec.title) != "总结及计划":
        return rec.sections
    for k, s in enumerate(rec.sections):
        if k > 0 and any(w in s.title for w in _PLAN_WORDS):
            return rec.sections[k:]
    return rec.sections


def _rolled_figures(figures: list[Figure], delta: int, keep_target: bool) -> list[Figure]:
    out = []
    for f in figures:
        g = Figure(name=f.name, unit=f.unit, category=f.category, formula=f.formula)
        if delta > 0:
            g.last = f.value if f.value is not None else None
        else:
            g.last = f.last
        if keep_target:
            g.target = f.target
        out.append(g)
    return out


def _summary_title(title: str, delta: int) -> str:
    t = shift_years(title, delta)
    t = re.sub(r"工作计划|工作要点|工作打算", "工作总结", t)
    if "总结" not in t:
        t = re.sub(r"计划|要点|打算", "总结", t) if re.search(r"计划|要点|打算", t) else t + "总结"
    return t


def _summary_and_plan_title(rec: Recovered, year: int, delta: int) -> str:
    if guess_kind(rec.title) == "总结及计划":
        return shift_years(rec.title, delta)
    m = re.match(r"^(.*?)(?:19|20)\d\d\s*年(.*?)(工作计划|工作要点|计划|要点)?$", rec.title)
    prefix = m.group(1) if m else ""
    middle = (m.group(2) if m else "") or ""
    middle = middle.replace("工作", "") if middle.endswith("工作") else middle
    return f"{prefix}{year}年{middle}工作总结及{year + 1}年{middle}工作计划"


# -- the entry point ---------------------------------------------------------------
def start_from(rec: Recovered, year: int, mode: str | None = None,
               source: Document | None = None,
               targets: list[Target] | None = None) -> ImportResult:
    """A new document for ``year`` started from last year's ``rec``.

    ``source`` is last year's project when it was one (its figures carry
    over); ``targets`` overrides the extracted targets (the wizard passes
    the ones the user kept)."""
    mode = mode or "plan_to_plan"
    if mode not in MODES:
        raise ValueError(f"未知的起草方式：{mode}")
    y0 = source_year(rec)
    if y0 is None:
        y0 = source.properties.year if source is not None else year - 1
    notes: list[ReviewNote] = []
    props = Properties(year=year)
    props.org = guess_org(rec) if source is None else source.properties.org
    props.org_short = source.properties.org_short if source is not None else ""
    props.recipients = rec.recipients
    props.signature = rec.signature
    props.header_text = rec.header_text
    props.red_header = bool(rec.header_text)
    props.attachments = []
    props.cc = list(rec.cc)
    props.printer = rec.printer
    props.note = ""
    settings = Settings(numbering_mode=rec.numbering_mode)
    if source is not None:
        settings.font_profile = source.settings.font_profile
        settings.latin_font = source.settings.latin_font
    doc = Document(properties=props, settings=settings)
    figures: list[Figure] = []
    kept_targets: list[Target] = []

    if rec.doc_number:
        props.doc_number = new_doc_number(rec.doc_number, year - y0, year)
        notes.append(ReviewNote("发文字号", f"去年的发文字号序号已清空（现为“{props.doc_number}”），"
                                "请填写今年的序号，并按发文时间核对年份", rec.doc_number,
                                ref=SourceRef.prop("doc_number")))
    if rec.date:
        notes.append(ReviewNote("成文日期", "去年的成文日期未沿用，请填写今年的日期",
                                format_date(rec.date), ref=SourceRef.prop("date")))
    if rec.print_date and rec.print_date != rec.date:
        notes.append(ReviewNote("印发日期", "去年的印发日期未沿用，请填写今年的日期（不填则与成文日期相同）",
                                format_date(rec.print_date), ref=SourceRef.prop("print_date")))
    if rec.attachments:
        notes.append(ReviewNote("附件", "去年的附件未沿用：" + "、".join(rec.attachments),
                                ref=SourceRef.prop("attachments")))

    if mode == "plan_to_plan":
        delta = year - y0
        props.kind = guess_kind(rec.title)
        props.title = escape_template(shift_years(rec.title, delta))
        props.preamble = _body(rec.preamble)
        props.closing = _body(rec.closing)
        ids: dict[int, str] = {}
        doc.sections = _rolled_sections(rec.sections, delta, ids=ids)
        _year_notes(rec, year, notes, headings_shifted=True, ids=ids)
        if rec.as_notice:
            props.as_notice = True
            props.notice_title = escape_template(shift_years(rec.notice_title, delta))
            props.notice_body = _body([shift_years(p, delta) for p in rec.notice_body])
        if source is not None:
            figures = _rolled_figures(source.figures, delta, keep_target=False)
    elif mode == "plan_to_summary":
        delta = year - y0
        props.kind = "年度工作总结"
        props.title = escape_template(_summary_title(rec.title, delta))
        doc.sections = _summary_sections(_plan_part(rec), delta)
        kept_targets = targets if targets is not None else \
            extract_targets("\n".join(rec.preamble) + "\n" + _all_text(_plan_part(rec)))
        if source is not None:
            figures = _rolled_figures(source.figures, delta, keep_target=True)
        notes.append(ReviewNote("正文", "各项已按去年计划列出，去年的计划内容保存在“参考”中，请填写完成情况",
                                ref=SourceRef(doc.sections[0].id) if doc.sections else None))
    else:  # summary_and_plan
        plan = _plan_part(rec)
        delta_summary = year - y0 if guess_kind(rec.title) != "总结及计划" else year - (y0 + 1)
        delta_plan = delta_summary + 1
        props.kind = "总结及计划"
        props.title = escape_template(_summary_and_plan_title(rec, year, year - y0))
        props.preamble = ""
        summary = Section(title=f"{year}年工作完成情况", level=1, origin="plan",
                          reference="对照去年计划逐项填写完成情况")
        for ch in plan:
            if plan is not rec.sections and ch.children and any(w in ch.title for w in _PLAN_WORDS):
                # last year's "2019年工作谋划": its items are this year's checklist
                summary.children.extend(_summary_sections(ch.children, delta_summary))
            else:
                summary.children.extend(_demoted(_summary_sections([ch], delta_summary)))
        next_plan = Section(title=f"{year + 1}年工作计划", level=1, origin="imported")
        ids = {}
        rolled = _rolled_sections(plan, delta_plan, ids=ids)
        if plan is rec.sections:
            next_plan.children = _demoted(rolled)
            doc.sections = [summary, next_plan]
        else:
            doc.sections = [summary] + rolled
        kept_targets = targets if targets is not None else extract_targets(_all_text(plan))
        if source is not None:
            figures = _rolled_figures(source.figures, delta_summary, keep_target=True)
        sub = Recovered(title=rec.title, sections=plan)
        _year_notes(sub, year, notes, headings_shifted=True, ids=ids)

    names = {f.name for f in figures}
    for f in targets_to_figures(kept_targets):
        existing = next((g for g in figures if g.name == f.name), None)
        if existing is not None:
            if existing.target is None:
                existing.target = f.target
            existing.source = existing.source or f.source
        elif f.name not in names:
            figures.append(f)
            names.add(f.name)
    doc.figures = figures
    from ..model import fit_levels
    fit_levels(doc)
    # the notes are the document's (待核对, saved in the project): a project made
    # without the window (``report-drafter import``) carries them too
    doc.review_notes = list(notes)
    return ImportResult(document=doc, notes=notes, targets=kept_targets, source_year=y0)
