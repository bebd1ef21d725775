"""Finished means finished: what an official document cannot go out with.

For a project (``check_project_finished``, part of ``check_document``):
a 发文字号 without its number (青教发〔2027〕号, reported by the 发文字号
rule), no 成文日期, no 署名, an 印发日期 before the 成文日期, a section with
neither text nor subsections, the title of a year's summary or plan
without its year.  All are errors.

For the window's export (``export_blockers`` / ``export_question``): the
errors among a document's findings, and the question "仍要导出?" naming
them, for a dialog to ask before writing the file.
"""

from __future__ import annotations

import re
from typing import Iterator

from ..doc_types import UPWARD
from ..model import Document
from ..render import PROPERTIES
from .context import Context, make
from .finding import Finding
from .units import Unit

ANNUAL_KINDS = ("年度工作总结", "工作计划", "工作要点", "总结及计划")


def print_date_message(print_date: str, date: str) -> str:
    return f"印发日期（{_cn(print_date)}）早于成文日期（{_cn(date)}）"


def _cn(iso: str) -> str:
    try:
        y, m, d = (int(x) for x in iso.split("-"))
        return f"{y}年{m}月{d}日"
    except ValueError:
        return iso


def _property_unit(ctx: Context, field: str, text: str) -> Unit:
    return Unit(text, PROPERTIES, "", -1 if field == "title" else 0, field, field)


def check_project_finished(ctx: Context) -> Iterator[Finding]:
    p = ctx.doc.properties
    if not p.date.strip():
        yield make(_property_unit(ctx, "date", ""), "missing-date",
                   "尚未填写成文日期（文档属性 → 成文日期）", 0, 0)
    if not p.signature.strip():
        yield make(_property_unit(ctx, "signature", ""), "missing-signature",
                   "尚未填写署名（文档属性 → 署名，即发文机关名称）", 0, 0)
    if p.date.strip() and p.print_date.strip() and p.print_date < p.date \
            and re.fullmatch(r"\d{4}-\d\d-\d\d", p.print_date) and re.fullmatch(r"\d{4}-\d\d-\d\d", p.date):
        yield make(_property_unit(ctx, "print_date", p.print_date), "print-before-date",
                   print_date_message(p.print_date, p.date), 0, len(p.print_date))
    if p.doc_type in UPWARD:
        yield from _upward(ctx, p.doc_type)
    if ctx.kind in ANNUAL_KINDS:
        title = next((u for u in ctx.units if u.section_id == PROPERTIES and u.field == "title"), None)
        if title is not None and title.text.strip() and not re.search(r"(?:19|20)\d\d", title.text):
            yield make(title, "title-no-year", f"{ctx.kind_label}的标题应写明年份（如“{ctx.year}年”）",
                       0, 0, None)
    yield from _empty_sections(ctx)


def _upward(ctx: Context, doc_type: str) -> Iterator[Finding]:
    """A 上行文 (报告/请示) carries its 签发人 (GB/T 9704 7.2.6) and is sent to
    one superior organ (党政机关公文处理工作条例 第十五条)."""
    p = ctx.doc.properties
    if not any(n.strip() for n in p.signers):
        yield make(_property_unit(ctx, "signers", ""), "upward-signer",
                   f"{doc_type}是上行文，应标注签发人（文档属性 → 签发人）", 0, 0)
    organs = [o for o in re.split(r"[、，,；;\n]+", p.recipients.strip().rstrip("：:")) if o.strip()]
    if len(organs) > 1:
        yield make(_property_unit(ctx, "recipients", p.recipients), "upward-recipients",
                   f"{doc_type}一般只主送一个上级机关（现为{len(organs)}个：{'、'.join(organs)}），"
                   "其他机关可抄送", 0, len(p.recipients))


def _empty_sections(ctx: Context) -> Iterator[Finding]:
    # a section whose template failed prints nothing; its template error is the finding
    failed = {e.section_id for e in ctx.rendered.errors} if ctx.rendered is not None else set()
    has_text: set[str] = set(failed)
    for u in ctx.units:
        if u.paragraph >= 0 and u.text.strip():
            has_text.add(u.section_id)
    for s in ctx.doc.walk():
        if s.children or s.id in has_text:
            continue
        title = next((u for u in ctx.units if u.section_id == s.id and u.paragraph == -1), None)
        if title is None:
            continue
        name = title.text.strip() if len(title.text.strip()) <= 20 else title.text.strip()[:20] + "…"
        yield make(title, "empty-section", f"“{name}”一节没有正文，也没有下级标题", 0, 0)


# -- before export ------------------------------------------------------------------------
def export_blockers(doc: Document, findings: list[Finding] | None = None) -> list[Finding]:
    """The errors a document would go out with (not ignored ones)."""
    if findings is None:
        from . import check_document
        findings = check_document(doc)
    return [f for f in findings if f.severity == "error"]


def export_question(blockers: list[Finding], limit: int = 8) -> str:
    """"文档中还有 N 处错误：… 仍要导出?" naming the errors."""
    lines = []
    for f in blockers[:limit]:
        where = f"［{f.section}］" if f.section else ""
        lines.append(f"· {where}{f.message}")
    more = f"\n……另有 {len(blockers) - limit} 处" if len(blockers) > limit else ""
    return (f"文档中还有 {len(blockers)} 处错误，公文不宜这样印发：\n" + "\n".join(lines) + more
            + "\n\n仍要导出?")
