"""Proofreading (校对): rules over the rendered document or a Word file as
written, findings, fixes.

- ``check_document(doc, year=None, rendered=None)`` → findings, minus the
  ones the document ignores (``doc.ignored_findings`` keys and
  ``doc.ignored_rules``);
- ``check_file(path, year=None)`` for a Word file as it is written
  (``written.py``, ``asis.py``);
- ``check_path(path, year=None)`` for a .rdraft project or a Word file;
- ``Finding`` (see ``finding.py``) and ``RULES``, the catalogue;
- ``fixes.locate_fix`` finds where a finding's fix applies in the source.

Rules and their precision choices are documented in docs/rules.md.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DrafterError
from ..model import Document
from ..render import PROPERTIES, RenderedDocument, render
from .context import Context
from .finding import RULES, SEVERITY_ORDER, Finding, assign_keys, rule_name
from .rulefile import RuleSet, load_rules
from .units import Unit, units

__all__ = ["check_document", "check_path", "check_file", "Finding", "RULES", "rule_name", "load_rules",
           "RuleSet"]


def _month(iso: str) -> int | None:
    try:
        return int(iso[5:7]) if len(iso) >= 7 and iso[4] == "-" else None
    except ValueError:
        return None


def _template_findings(rendered: RenderedDocument, unit_list: list[Unit]) -> list[Finding]:
    out = []
    for err in rendered.errors:
        where = err.where
        title = next((u for u in unit_list if u.section_id == err.section_id
                      and u.paragraph == -1), None)
        fld = "title" if where == "title" else ("figures" if where == "figures" else "body")
        message = str(err.error) if not hasattr(err.error, "detail") else str(err.error)
        excerpt = title.text if (title is not None and where == "title") else ""
        out.append(Finding(rule="template-error", message=message, excerpt=excerpt,
                           section=err.path or (title.section if title else ""),
                           section_id=err.section_id, paragraph=-1 if where == "title" else 0,
                           start=0, end=len(excerpt), field=fld, context=excerpt))
    return out


def run_checks(ctx: Context) -> list[Finding]:
    from . import figurecheck, finished, numbering, repeats, spacing, textrules, typedrules, years
    rendered = ctx.rendered
    assert rendered is not None, "run_checks checks a rendered document"
    found: list[Finding] = _template_findings(rendered, ctx.units)
    failed = {e.section_id for e in rendered.errors}
    extra: list[Unit] = []
    if ctx.doc.properties.doc_number.strip():
        extra.append(Unit(ctx.doc.properties.doc_number, PROPERTIES, "", 0, "doc_number",
                          "doc_number"))
    for u in ctx.units + extra:
        found += textrules.check_placeholders(ctx, u)
        found += textrules.check_template_marks(ctx, u, failed)
        found += textrules.check_punctuation(ctx, u)
        found += textrules.check_fullwidth(ctx, u)
        found += textrules.check_doc_number(ctx, u)
        found += textrules.check_dates(ctx, u)
        found += textrules.check_stale(ctx, u)
        found += spacing.check_spaces(ctx, u)
        found += typedrules.check_dates(ctx, u)
        found += typedrules.check_quote_punct(ctx, u)
        found += typedrules.check_doubled_chars(ctx, u)
        found += typedrules.check_year_statement(ctx, u)
        found += typedrules.check_recipients(ctx, u)
        if u.is_body:
            found += typedrules.check_heading_number(ctx, u)
        found += years.check_title_year(ctx, u)
        found += years.check_plan_year(ctx, u)
        found += numbering.check_typed_title_number(ctx, u)
    found += years.check_date_property(ctx)
    found += numbering.check_body_lists(ctx)
    found += figurecheck.check_figures(ctx)
    found += repeats.check_repeats(ctx)
    found += typedrules.check_range_dashes(ctx, ctx.units)
    found += finished.check_project_finished(ctx)
    return found


def _order(rendered_units: list[Unit], findings: list[Finding]) -> list[Finding]:
    position: dict[tuple[str, str, int], int] = {}
    for i, u in enumerate(rendered_units):
        position.setdefault((u.section_id, u.field, u.paragraph), i)
    big = len(rendered_units)  # after everything: closing-only fields

    def key(f: Finding):
        default = -1 if f.section_id == PROPERTIES and f.field != "date" else big
        pos = position.get((f.section_id, f.field, f.paragraph), default)
        return (pos, f.start, SEVERITY_ORDER[f.severity], f.rule)

    return sorted(findings, key=key)


def _kind_label(doc: Document, unit_list: list[Unit]) -> str:
    """What messages call the document: the kind its title names (a
    rolled-forward 通知 stays a 通知), else its 文种, else its kind."""
    from .kinds import kind_of, label_for_model_kind
    title = "".join(u.text for u in unit_list if u.section_id == PROPERTIES and u.field == "title")
    kind = kind_of(title)
    if kind.label != "文档":
        return kind.label
    return getattr(doc.properties, "doc_type", "") or label_for_model_kind(doc.properties.kind)


def check_document(doc: Document, *, year: int | None = None,
                   rendered: RenderedDocument | None = None, rules: RuleSet | None = None,
                   include_ignored: bool = False) -> list[Finding]:
    """All findings for ``doc``, in document order, each with its ``key``.

    ``year`` overrides the document's year; ``rendered`` saves a second
    render when the caller has one.  Findings whose key is in
    ``doc.ignored_findings`` or whose rule is in ``doc.ignored_rules`` are
    left out unless ``include_ignored``.
    """
    rendered = rendered if rendered is not None else render(doc)
    unit_list = units(rendered)
    ctx = Context(doc=doc, rendered=rendered, units=unit_list,
                  rules=rules if rules is not None else load_rules(),
                  year=year if year is not None else doc.properties.year,
                  kind=doc.properties.kind, month=_month(doc.properties.date),
                  kind_label=_kind_label(doc, unit_list))
    findings = _order(unit_list, run_checks(ctx))
    assign_keys(findings)
    if include_ignored:
        return findings
    ignored_keys = set(doc.ignored_findings)
    ignored_rules = set(doc.ignored_rules)
    return [f for f in findings if f.key not in ignored_keys and f.rule not in ignored_rules]


WORD_SUFFIXES = (".docx", ".docm", ".dotx", ".doc", ".wps", ".wpt", ".dot", ".rtf", ".odt",
                 ".txt", ".htm", ".html")


def check_file(path, year: int | None = None, rules: RuleSet | None = None) -> list[Finding]:
    """Proofread a Word file as it is written (see ``asis.py``)."""
    from .asis import check_written
    from .written import read_written
    wd = read_written(path)
    if not (year or wd.year) and wd.kind.annual:
        raise DrafterError("无法从文档标题判断年份，请用 --year 指定", path=str(path))
    return check_written(wd, year=year, rules=rules)


def check_path(path, year: int | None = None) -> list[Finding]:
    """Proofread a .rdraft project or a .docx (read as it stands, not
    rolled forward)."""
    p = Path(path)
    if not p.exists():
        raise DrafterError("文件不存在", path=str(p))
    suffix = p.suffix.lower()
    if suffix == ".rdraft":
        from ..project_file import load
        return check_document(load(p), year=year)
    if suffix in WORD_SUFFIXES:
        return check_file(p, year=year)
    raise DrafterError("无法校对此类文件（应为 .rdraft 项目文件或 .docx/.doc/.wps/.txt 文档）", path=str(p))
