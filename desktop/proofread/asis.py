"""Proofreading a Word file as it is written (``check_written``).

Every rule reads the paragraphs as they stand in the file (``written.py``):
a finding's ``paragraph`` is the paragraph's index in the file as the
reader numbers it, ``start``/``end`` are offsets in its typed text,
``field`` is the part of the document it is in (title, recipients,
heading, body, date …), ``section`` the numbered path of the heading it
stands under and ``context`` its paragraph's text.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..model import Document, Properties
from . import spacing, textrules, typedrules, years
from .context import Context, make
from .finding import FILE_SECTION, Finding, assign_keys
from .rulefile import RuleSet, load_rules
from .units import Unit
from .written import (ATTACHMENT, BODY, DATE, DOC_NUMBER, HEADING, MARK, NOTE, RECIPIENTS,
                      TABLE, TITLE, WrittenDocument, WrittenLine, _ARTICLE, _CHAPTER, _CONTINUED_ITEM)

FILE = FILE_SECTION
TEXT_ROLES = (BODY, HEADING, TITLE, RECIPIENTS, ATTACHMENT, TABLE, NOTE)
# a finding of a general rule inside the span of a specific one is left out
_GENERAL = ("halfwidth-punct", "cjk-space", "cjk-alnum-space", "unmatched-pair", "doubled-punct",
            "date-format", "placeholder")


def _unit(ln: WrittenLine) -> Unit:
    role = "body" if ln.role in (BODY, HEADING, TABLE) else ln.role
    return Unit(ln.text, FILE, ln.section, ln.index, ln.role, role, ln.level or 0)


def _context(wd: WrittenDocument, year: int, rules: RuleSet | None) -> Context:
    kind = wd.kind.model_kind
    props = Properties(kind=kind or "年度工作总结", year=year, title=wd.title, date=wd.date,
                       doc_number=wd.doc_number)
    month = int(wd.date[5:7]) if wd.date else None
    return Context(doc=Document(properties=props), rendered=None, units=[],
                   rules=rules if rules is not None else load_rules(), year=year, kind=kind,
                   month=month, kind_label=wd.kind.label)


def _text_findings(ctx: Context, unit: Unit) -> Iterator[Finding]:
    if unit.field != TABLE:  # a form's blanks (XX市XX局) are there to be filled in by others
        yield from textrules.check_placeholders(ctx, unit)
    yield from textrules.check_punctuation(ctx, unit)
    yield from spacing.check_spaces(ctx, unit)
    yield from textrules.check_fullwidth(ctx, unit)
    yield from textrules.check_doc_number(ctx, unit)
    yield from textrules.check_dates(ctx, unit)
    yield from typedrules.check_dates(ctx, unit)
    yield from typedrules.check_quote_punct(ctx, unit)
    yield from typedrules.check_doubled_chars(ctx, unit)
    yield from textrules.check_stale(ctx, unit)
    yield from typedrules.check_year_statement(ctx, unit)


def _line_findings(ctx: Context, wd: WrittenDocument, ln: WrittenLine) -> Iterator[Finding]:
    unit = _unit(ln)
    if ln.role in TEXT_ROLES:
        yield from _text_findings(ctx, unit)
    if ln.role in (HEADING, BODY, ATTACHMENT):
        yield from typedrules.check_heading_number(ctx, unit)
    if ln.label.strip() and ln.role in (HEADING, BODY):
        yield from _automatic_number(unit, ln)
    if ln.role == RECIPIENTS:
        yield from typedrules.check_recipients(ctx, unit)
    if ln.role == DOC_NUMBER:
        text = ln.text.split("|")[-1] if "|" in ln.text else ln.text
        offset = len(ln.text) - len(text)
        doc_unit = Unit(text, FILE, "", ln.index, "doc_number", "doc_number")
        for f in textrules.check_doc_number(ctx, doc_unit):
            f.start, f.end, f.context = f.start + offset, f.end + offset, ln.text
            yield f
    if ln.role == DATE:
        yield from textrules.check_dates(ctx, unit)
    if ln.role == TITLE and ctx.kind and ctx.year:
        for f in years.check_title_year(ctx, Unit(ln.text, "@properties", "", -1, "title", "title")):
            f.paragraph = ln.index
            yield f
    if ln.role in (BODY, HEADING) and not ln.attached:
        for f in years.check_plan_year(ctx, unit):
            yield f


def _automatic_number(unit: Unit, ln: WrittenLine) -> Iterator[Finding]:
    """Word's automatic number: in a wrong form ("(一)", "1、"), or with a
    number typed after it as well ("一、一、总体要求")."""
    from ..numbering import parse_outline_number
    label = ln.label.strip()
    wrong = typedrules.heading_number_fix(label + ln.text)
    if wrong is not None and wrong[1] <= len(label) + 1:
        f = make(unit, "heading-number-form",
                 f"自动编号“{label}”：{wrong[3]}（在 Word 的“编号格式”中修改）：“{wrong[2]}”", 0, 0)
        f.excerpt = label
        yield f
    typed = parse_outline_number(ln.text)
    if typed is not None and ln.text[typed.length:].strip():
        yield make(unit, "typed-number",
                   f"自动编号“{label}”之后又手工输入了编号“{ln.text[:typed.length].strip()}”",
                   0, typed.length, "")


def _retarget(findings: list[Finding], wd: WrittenDocument) -> None:
    by_index = {ln.index: ln for ln in wd.lines}
    for f in findings:
        ln = by_index.get(f.paragraph)
        f.section_id, f.field = FILE, (ln.role if ln else f.field)
        if ln is not None:
            f.section = ln.section
            f.context = ln.text


def _numbering(wd: WrittenDocument) -> Iterator[Finding]:
    """Typed numbers run on by one within a list: a shallower number, a
    第X章/第X条 line or an attached text after "附件" starts new lists; a
    list may also continue across its parents (numbered through)."""
    last: dict[int, int] = {}
    through: dict[int, int] = {}
    restarts: list[WrittenLine] = []  # a 1 after a parent changed, where a list had run on
    runs_on = 0
    since: dict[int, str] = {}  # text since the last heading of a level: a number run into it counts
    for ln in wd.lines:
        t = ln.text.strip()
        if ln.role == MARK:
            last.clear()
            through.clear()
            continue
        if ln.role == BODY and (_CHAPTER.match(t) or _ARTICLE.match(t)):
            for k in list(last):
                if _CHAPTER.match(t) or k >= 2:
                    del last[k]
            continue
        if ln.role == BODY:
            for k in since:
                since[k] += ln.text
            m = _CONTINUED_ITEM.match(ln.text)
            if m and last.get(3) == int(m.group(1)) - 1:
                last[3] = through[3] = int(m.group(1))  # "2.2019年度…": item 2
            continue
        if ln.role != HEADING or ln.level is None or ln.value is None:
            continue
        level, value = ln.level, ln.value
        before = since.get(level, "")
        since[level] = ""
        for k in since:
            since[k] += ln.text
        for deeper in [k for k in last if k > level]:
            del last[deeper]
        if level == 1:  # lists may run on through a chapter, not beyond it
            for deeper in [k for k in through if k > 1]:
                del through[deeper]
        prev = last.get(level)
        last[level] = value
        cont = through.get(level)
        through[level] = value
        if prev is None and value > 1 and cont is not None and value == cont + 1:
            runs_on += 1
        if prev is None and value == 1 and cont is not None and level == 3:
            restarts.append(ln)
        if prev is None or value == 1 or value == prev + 1 or (cont is not None and value == cont + 1):
            continue
        unit = _unit(ln)
        end = ln.number_end or 0
        shown = (ln.label or ln.typed_number).strip()
        from ..numbering import outline_number
        if value == prev:
            yield make(unit, "numbering-repeat", f"编号“{shown}”与上一条重复", 0, end)
        elif value > prev + 1:
            if all(_run_into(before, level, v) for v in range(prev + 1, value)):
                continue  # "…建设。(五)构建…": the number lost its own paragraph
            yield make(unit, "numbering-gap",
                       f"编号跳号：上一条是{outline_number(level, prev)}，此处应为{outline_number(level, prev + 1)}",
                       0, end)
        else:
            yield make(unit, "numbering-gap", f"编号顺序有误：上一条是{outline_number(level, prev)}", 0, end)
    if restarts and runs_on >= len(restarts):
        for ln in restarts:
            shown = (ln.label or ln.typed_number).strip()
            yield make(_unit(ln), "numbering-mode",
                       f"编号“{shown}”重新从1开始，而文中其他同级编号是接续上一部分编排的",
                       0, ln.number_end or 0)


def _run_into(text: str, level: int, value: int) -> bool:
    from ..numbering import number_text
    n = number_text(level, value)
    forms = {1: [f"{n}、"], 2: [f"（{n}）", f"({n})"], 3: [f"{n}."], 4: [f"（{n}）", f"({n})"]}[level]
    return any(re.search(rf"[。；;]\s*{re.escape(x)}", text) for x in forms)


def _quotations(findings: list[Finding], wd: WrittenDocument) -> list[Finding]:
    """A quotation over several paragraphs opens each with “ and closes
    only on the last: the openings are not unmatched."""
    texts = [ln for ln in wd.lines if ln.text.strip()]
    nxt = {a.index: b for a, b in zip(texts, texts[1:])}
    keep = []
    for f in findings:
        if f.rule == "unmatched-pair" and f.excerpt == "“":
            ln = nxt.get(f.paragraph)
            here = f.context.lstrip(" \u3000\t")
            at_start = f.start == len(f.context) - len(here)
            if at_start and ln is not None and ln.text.lstrip(" \u3000\t").startswith("“"):
                continue
        keep.append(f)
    return keep


def _split_titles(findings: list[Finding], wd: WrittenDocument) -> list[Finding]:
    """A title broken over lines pairs its 《》 and “” across them."""
    from .textrules import _pairs
    runs: list[list[WrittenLine]] = []
    for ln in wd.lines:
        if ln.role == TITLE and runs and runs[-1][-1].role == TITLE \
                and runs[-1][-1].attached == ln.attached:
            runs[-1].append(ln)
        elif ln.role == TITLE:
            runs.append([ln])
        elif ln.text.strip() and runs and runs[-1][-1].role == TITLE:
            runs.append([ln])  # ends the run
    paired: set[tuple[int, int]] = set()
    for run in runs:
        if len(run) < 2 or run[0].role != TITLE:
            continue
        joined, starts = "", []
        for ln in run:
            starts.append((ln.index, len(joined)))
            joined += ln.text
        _, unmatched = _pairs(joined)
        for index, at in starts:
            ln_len = len(next(x for x in run if x.index == index).text)
            for k in range(ln_len):
                if at + k not in unmatched:
                    paired.add((index, k))
    return [f for f in findings
            if not (f.rule == "unmatched-pair" and (f.paragraph, f.start) in paired)]


def _drop_covered(findings: list[Finding]) -> list[Finding]:
    specific = [f for f in findings if f.rule not in _GENERAL]
    out = []
    for f in findings:
        if f.rule in _GENERAL and any(
                s.paragraph == f.paragraph and s.field == f.field and s.start <= f.start
                and f.end <= s.end and s is not f for s in specific):
            continue
        out.append(f)
    return out


def _finished(wd: WrittenDocument, ctx: Context) -> Iterator[Finding]:
    """What a file shows it cannot go out with: an 印发日期 before its
    成文日期, a year's summary or plan without the year in its title.  (A
    missing 成文日期 or 署名 is reported for projects, whose properties say
    so for sure; a file's draft may still be a fragment.)"""
    from . import finished
    anchor = next((ln for ln in wd.lines if ln.role == TITLE), None) \
        or next((ln for ln in wd.lines if ln.text.strip()), None)
    if anchor is None:
        return
    if wd.date and wd.print_date and wd.print_date < wd.date:
        imprint = next(ln for ln in wd.lines if ln.role == "imprint" and "印" in ln.text)
        yield make(_unit(imprint), "print-before-date",
                   finished.print_date_message(wd.print_date, wd.date), 0, len(imprint.text))
    if wd.kind.annual and wd.title and not re.search(r"(?:19|20)\d\d", wd.title):
        yield make(_unit(anchor), "title-no-year", f"{wd.kind.label}的标题应写明年份", 0, 0)


def check_written(wd: WrittenDocument, *, year: int | None = None,
                  rules: RuleSet | None = None) -> list[Finding]:
    """All findings for a file as written, in the order of its paragraphs."""
    y = year or wd.year or 0
    ctx = _context(wd, y, rules)
    found: list[Finding] = []
    for ln in wd.lines:
        found += _line_findings(ctx, wd, ln)
    text_units = [_unit(ln) for ln in wd.lines if ln.role in TEXT_ROLES]
    found += typedrules.check_range_dashes(ctx, text_units)
    found += _numbering(wd)
    from . import repeats
    ctx.units = [u for u in text_units if u.field in (BODY, HEADING)]
    found += repeats.check_repeats(ctx)
    found += _finished(wd, ctx)
    _retarget(found, wd)
    found = _drop_covered(_split_titles(_quotations(found, wd), wd))
    found.sort(key=lambda f: (f.paragraph, f.start, f.rule))
    assign_keys(found)
    return found
