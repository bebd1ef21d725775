"""Model → RenderedDocument: the one intermediate form.

Export, preview and proofreading all read a ``RenderedDocument``: a flat
list of blocks, each with its role, generated number, text and the id of
the section it came from — so they can never disagree about numbering or
text, and a finding or a preview click maps straight back to a section.

Texts are field text (``desktop.fields``): each field prints its current
value.  Errors do not stop rendering and never print template code: a field
without a value prints as 〈名称〉, a failing template
(template source that was never materialized) prints the last text it gave in
this session, or nothing if it never rendered; the error is
collected in ``errors`` (export asks first; the editor shows them inline).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import fields
from .errors import FigureError, TemplateError
from .doc_types import is_upward, signer_lines
from .figures import FigureTable
from .indicators import HEADER, has_table, indicator_rows, table_title
from .model import HEADING_ROLES, NOTICE_ROLES, Document, Role, Section
from .numbering import Numberer, number_text, outline_number
from .number_styles import RUN_ON_STYLES, bare_number, format_styled
from .source import (CLOSING, PREAMBLE, PROPERTIES, ROLE_FIELDS, SourceRef, paragraph_span,
                     split_paragraphs)
from .templating import base_context, date_filter, render_template

# Block roles, in the order they may appear (``model.Role``)
ROLES = tuple(Role)
__all__ = ["ROLES", "HEADING_ROLES", "NOTICE_ROLES", "Role", "Block", "RenderedDocument",
           "render", "section_blocks", "split_paragraphs", "paragraph_span", "SourceRef",
           "PREAMBLE", "CLOSING", "PROPERTIES"]


@dataclass
class Block:
    role: str
    text: str = ""  # body text (for a run-in heading: the text after the title)
    number: str = ""  # printed number: "一、" "（一）" "1." "（1）"
    title: str = ""  # heading text without number
    section_id: str = ""
    level: int = 0  # 1–4 for headings and their body paragraphs
    run_in: bool = False
    paragraph: int = 0  # index of the paragraph within its section's body
    path: str = ""  # numbered path of the section, e.g. "二/4"
    bold: tuple = ()  # (start, end) runs of ``text`` set in bold (一是…二是… lead-ins)
    cells: tuple[tuple[str, ...], ...] = ()  # a table's rows (the header row first)

    @property
    def ref(self) -> SourceRef:
        """Where the block's text is edited (a heading: its section's title)."""
        if self.section_id == PROPERTIES:
            listed = self.role in (Role.ATTACHMENT, Role.NOTICE_BODY)
            return SourceRef.prop(ROLE_FIELDS.get(self.role, ""),
                                  self.paragraph if listed else -1)
        if self.role.startswith("heading"):
            return SourceRef(self.section_id, "title")
        return SourceRef.of(self.section_id, "body", self.paragraph)

    @property
    def heading_text(self) -> str:
        """The heading as printed, without a run-in body."""
        return f"{self.number}{self.title}"

    @property
    def full_text(self) -> str:
        """The paragraph exactly as printed."""
        if self.role.startswith("heading"):
            if self.run_in:  # an article (第X条) has no title: its number, then its text
                sep = "" if not self.text or not self.title or self.title.endswith(("。", "：", "？", "！")) \
                    else "。"
                return f"{self.number}{self.title}{sep}{self.text}"
            return self.heading_text
        if self.role == Role.ISSUER:  # 发文字号 …… 签发人：张三　李四
            return f"{self.text}　　{self.number}{self.title}" if self.text else f"{self.number}{self.title}"
        if self.role == Role.ANNEX_TABLE:
            return "\n".join("　".join(c for c in row if c) for row in self.cells)
        return self.text


@dataclass
class RenderError:
    section_id: str
    path: str
    error: TemplateError | FigureError
    where: str = "body"  # "title" or "body"


@dataclass
class RenderedDocument:
    blocks: list[Block] = field(default_factory=list)
    errors: list[RenderError] = field(default_factory=list)
    figures_used: dict[str, set[str]] = field(default_factory=dict)  # section id → names
    numbers: dict[str, str] = field(default_factory=dict)  # section id → printed number
    paths: dict[str, str] = field(default_factory=dict)  # section id → "二/4"

    def text(self) -> str:
        return "\n".join(b.full_text for b in self.blocks if b.role != "page_break")

    def blocks_of(self, section_id: str) -> list[Block]:
        return [b for b in self.blocks if b.section_id == section_id]


def _text_and_bold(para: str) -> tuple[str, tuple]:
    """A paragraph's text without bold marks, and its bold runs (a bold run
    ends with its paragraph)."""
    text, spans = fields.bold_spans(para)
    stripped = text.strip()
    lead = len(text) - len(text.lstrip())
    return stripped, tuple((max(0, a - lead), min(len(stripped), b - lead)) for a, b in spans
                           if min(len(stripped), b - lead) > max(0, a - lead))


def format_date(iso: str) -> str:
    if not iso:
        return ""
    try:
        return date_filter(iso)
    except Exception:
        return iso


def default_notice_title(doc: Document, title: str) -> str:
    org = doc.properties.org
    return f"{org}关于印发《{title}》的通知"


def default_notice_body(title: str) -> str:
    return f"现将《{title}》印发给你们，请结合实际认真贯彻落实。"


LastGood = dict[tuple[str, str], str]  # (section id, "title"/"body") → text


class Renderer:
    """Renders a document; keeps one figures table for the whole pass.

    ``last_good`` is the memory of whoever renders the same document again
    and again (the window's live render): the last text each template-driven
    section rendered to, so a template that starts failing (a figure it uses
    deleted, a typo in the source view) keeps showing its last good text,
    with the error reported beside it.  Without it a failing template gives
    no text (and the error)."""

    def __init__(self, doc: Document, last_good: LastGood | None = None):
        self.doc = doc
        self.last_good: LastGood = {} if last_good is None else last_good
        self.errors: list[RenderError] = []
        try:
            self.figures = FigureTable(doc.figures)
            self.figure_error: FigureError | None = None
        except FigureError as e:
            self.figures = FigureTable([])
            self.figure_error = e
        self.context = base_context(doc, self.figures)

    def text(self, source: str, *, label: str, section_id: str, path: str,
             where: str) -> str:
        runs = fields.parse(source)
        if runs is not None:  # field text: each field its current value
            def failed(field, error):
                self.errors.append(RenderError(section_id, path, error, where))
            return fields.render_runs(runs, self.context, failed)
        key = (section_id, where)
        try:
            text = render_template(source, self.context, section=label)
        except TemplateError as e:
            self.errors.append(RenderError(section_id, path, e, where))
            # never the template code: the last text it gave, the error beside it
            return self.last_good.get(key, "")
        self.last_good[key] = text
        return text

    def section_text(self, section: Section, label: str, path: str) -> tuple[str, str, set[str]]:
        """(title, body) of one section rendered, and the figures it used."""
        before = set(self.figures.used)
        self.figures.used.clear()
        title = self.text(section.title, label=label, section_id=section.id, path=path,
                          where="title").strip()
        body = self.text(fields.body_source(section), label=label, section_id=section.id, path=path,
                         where="body")
        used = set(self.figures.used)
        self.figures.used = before | used
        return title, body, used


def number_sections(doc: Document) -> tuple[dict[str, str], dict[str, str]]:
    """Printed number and numbered path of every section, in document order."""
    numbers: dict[str, str] = {}
    paths: dict[str, str] = {}
    numberer = Numberer(doc.settings.numbering_mode)
    styled: dict = {}

    def visit(items: list[Section], chapter: int, parent_path: str):
        counts: dict[int, int] = {}
        for s in items:
            counts[s.level] = counts.get(s.level, 0) + 1
            chap = chapter if chapter else counts[s.level]
            if s.number_style:
                # numbering kept as last year's document wrote it; articles run on
                key = s.number_style if s.number_style in RUN_ON_STYLES else (id(items), s.number_style)
                styled[key] = styled.get(key, 0) + 1
                n = styled[key]
                numbers[s.id] = format_styled(s.number_style, n) + ("\u3000" if s.number_style.startswith("第")
                                                                    else "")
                bare = bare_number(s.number_style, n)
                path = f"{parent_path}/{bare}" if parent_path else bare
                paths[s.id] = path
                visit(s.children, chapter or counts[s.level], path)
                continue
            n = numberer.next(s.level, counts[s.level], chap)
            numbers[s.id] = outline_number(s.level, n)
            path = f"{parent_path}/{number_text(s.level, n)}" if parent_path \
                else number_text(s.level, n)
            paths[s.id] = path
            visit(s.children, chap, path)

    visit(doc.sections, 0, "")
    return numbers, paths


def section_blocks(r: Renderer, s: Section, out: RenderedDocument) -> list[Block]:
    """The blocks of one section (its heading and body paragraphs, without
    its children), rendered with ``r``; records the figures it used in
    ``out``.  The full render and the live preview's re-render of an edited
    section both make a section's blocks here."""
    number = out.numbers[s.id]
    path = out.paths[s.id]
    label = f"{number}{s.title}"[:30]
    stitle, body, used = r.section_text(s, label, path)
    out.figures_used[s.id] = used
    paras = split_paragraphs(body)
    run_in = s.run_in and bool(paras)
    blocks = [Block(HEADING_ROLES[s.level], title=fields.bold_spans(stitle)[0], number=number,
                    section_id=s.id, level=s.level, run_in=run_in, path=path,
                    text=_text_and_bold(paras[0])[0] if run_in else "")]
    for i, para in enumerate(paras[1:] if run_in else paras, start=1 if run_in else 0):
        para, bold = _text_and_bold(para)
        blocks.append(Block(Role.BODY, para, section_id=s.id, level=s.level, paragraph=i,
                            path=path, bold=bold))
    return blocks


def render(doc: Document, last_good: LastGood | None = None) -> RenderedDocument:
    """``doc`` rendered (``last_good``: see ``Renderer``)."""
    p = doc.properties
    r = Renderer(doc, last_good)
    out = RenderedDocument()
    if r.figure_error is not None:
        out.errors.append(RenderError(PROPERTIES, "", r.figure_error, "figures"))
    out.numbers, out.paths = number_sections(doc)
    blocks = out.blocks

    def add_paragraphs(role, source, section_id, label):
        text = r.text(source, label=label, section_id=section_id, path="", where="body")
        for i, para in enumerate(split_paragraphs(text)):
            para, bold = _text_and_bold(para)
            blocks.append(Block(role=role, text=para, section_id=section_id, paragraph=i,
                                bold=bold))

    title = r.text(p.title, label="标题", section_id=PROPERTIES, path="", where="title").strip()

    if p.red_header and p.header_text.strip():
        blocks.append(Block(Role.RED_HEADER, p.header_text.strip(), section_id=PROPERTIES))
        if p.doc_number.strip() and not is_upward(p):
            blocks.append(Block(Role.DOC_NUMBER, p.doc_number.strip(), section_id=PROPERTIES))
    if is_upward(p):
        _issuer(blocks, p.doc_number.strip(), p.signers)
    attachments = list(p.attachments)
    table = has_table(doc)
    if table and table_title(doc) not in [a.strip() for a in attachments]:
        attachments.append(table_title(doc))

    if p.as_notice:
        notice_title = r.text(p.notice_title, label="通知标题", section_id=PROPERTIES,
                              path="", where="title").strip() or default_notice_title(doc, title)
        blocks.append(Block(Role.NOTICE_TITLE, notice_title, section_id=PROPERTIES))
        if p.recipients.strip():
            blocks.append(Block(Role.NOTICE_RECIPIENTS, p.recipients.strip().rstrip("：:") + "：",
                                section_id=PROPERTIES))
        notice_body = p.notice_body if p.notice_body.strip() else default_notice_body(title)
        add_paragraphs(Role.NOTICE_BODY, notice_body, PROPERTIES, "通知正文")
        if attachments:
            _attachments(blocks, attachments)
        if p.signature.strip():
            blocks.append(Block(Role.NOTICE_SIGNATURE, p.signature.strip(), section_id=PROPERTIES))
        if p.date:
            blocks.append(Block(Role.NOTICE_DATE, format_date(p.date), section_id=PROPERTIES))
        blocks.append(Block(Role.PAGE_BREAK, section_id=PROPERTIES))

    if title:
        blocks.append(Block(Role.TITLE, title, section_id=PROPERTIES))
    if p.recipients.strip() and not p.as_notice:
        blocks.append(Block(Role.RECIPIENTS, p.recipients.strip().rstrip("：:") + "：",
                            section_id=PROPERTIES))
    add_paragraphs(Role.BODY, p.preamble, PREAMBLE, "前言")

    def visit(items: list[Section]):
        for s in items:
            blocks.extend(section_blocks(r, s, out))
            visit(s.children)

    visit(doc.sections)
    add_paragraphs(Role.BODY, p.closing, CLOSING, "结束语")

    if not p.as_notice:
        if attachments:
            _attachments(blocks, attachments)
        if p.signature.strip():
            blocks.append(Block(Role.SIGNATURE, p.signature.strip(), section_id=PROPERTIES))
        if p.date:
            blocks.append(Block(Role.DATE, format_date(p.date), section_id=PROPERTIES))
        if p.note.strip():
            note = p.note.strip().strip("（）()")
            blocks.append(Block(Role.NOTE, f"（{note}）", section_id=PROPERTIES))
    if table:
        _annex_table(blocks, doc, attachments)
    if p.cc or p.printer.strip():
        if p.cc:
            blocks.append(Block(Role.CC, "抄送：" + "，".join(c.strip() for c in p.cc if c.strip()) + "。",
                                section_id=PROPERTIES))
        if p.printer.strip():
            blocks.append(Block(Role.PRINTER, p.printer.strip(), title=format_date(p.print_date or p.date)
                                + ("印发" if (p.print_date or p.date) else ""),
                                section_id=PROPERTIES))
    out.errors.extend(r.errors)
    return out


def _issuer(blocks: list[Block], doc_number: str, signers: list[str]) -> None:
    """上行文: one block a line of 签发人 names (two a line), "签发人：" before
    the first line's, the 发文字号 on the last line (GB/T 9704 7.2.4–7.2.5)."""
    lines = signer_lines(signers) or [[]]
    for i, names in enumerate(lines):
        last = i == len(lines) - 1
        blocks.append(Block(Role.ISSUER, doc_number if last else "", number="签发人：" if i == 0 and names
                            else "", title="　".join(names), section_id=PROPERTIES, paragraph=i))


def _annex_table(blocks: list[Block], doc: Document, attachments: list[str]) -> None:
    """The indicators table as an attachment on its own page: 附件(n), its
    title, the table (header row first)."""
    title = table_title(doc)
    names = [a.strip() for a in attachments if a.strip()]
    label = "附件" if len(names) <= 1 else f"附件{names.index(title) + 1}"
    rows = indicator_rows(doc)
    blocks.append(Block(Role.PAGE_BREAK, section_id=PROPERTIES))
    blocks.append(Block(Role.ANNEX_LABEL, label, section_id=PROPERTIES))
    blocks.append(Block(Role.ANNEX_TITLE, title, section_id=PROPERTIES))
    blocks.append(Block(Role.ANNEX_TABLE, section_id=PROPERTIES,
                        cells=(HEADER,) + tuple(r.cells() for r in rows)))


def _attachments(blocks: list[Block], attachments: list[str]) -> None:
    names = [a.strip() for a in attachments if a.strip()]
    if not names:
        return
    if len(names) == 1:
        blocks.append(Block(Role.ATTACHMENT, f"附件：{names[0]}", section_id=PROPERTIES))
        return
    for i, name in enumerate(names, start=1):
        prefix = "附件：" if i == 1 else ""
        blocks.append(Block(Role.ATTACHMENT, f"{prefix}{i}.{name}", section_id=PROPERTIES,
                            paragraph=i - 1))
