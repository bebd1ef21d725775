"""The document model: plain dataclasses and the outline operations.

A document is its properties (kind, year, organ, title block, signature …),
an outline of sections, a figures table and settings.  A section's
``level`` is its place in the official numbering sequence — 1 一、,
2 （一）, 3 1., 4 （1） — and is always greater than its parent's level, so a
document that goes straight from 一、 to 1. (levels 1 and 3) is
represented as it is written.

Outline operations (insert, remove, move, promote, demote) live here so the
UI's undo commands are one-liners over them; each returns what is needed to
undo it.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from enum import Enum
from typing import Iterator

from . import gbt9704
from .numbering import NUMBERING_MODE_LABELS, NUMBERING_MODES  # noqa: F401  (re-exported)
from .source import SourceRef

KINDS = ("年度工作总结", "工作计划", "工作要点", "总结及计划")
FONT_PROFILES = tuple(gbt9704.FONT_PROFILES)  # keys of the font profiles (their facts: gbt9704)
MAX_LEVEL = 4


class Role(str, Enum):
    """What a rendered block is (``desktop.render.Block.role``), in the order
    blocks may appear.  A ``str`` enum: ``Role.BODY == "body"``, so format
    tables keyed by the plain names keep working."""

    RED_HEADER = "red_header"  # 发文机关标志
    DOC_NUMBER = "doc_number"  # 发文字号
    ISSUER = "issuer"  # 上行文: 发文字号 left and 签发人 right on one line (one block a line)
    NOTICE_TITLE = "notice_title"  # the 印发通知 around the document
    NOTICE_RECIPIENTS = "notice_recipients"
    NOTICE_BODY = "notice_body"
    NOTICE_SIGNATURE = "notice_signature"
    NOTICE_DATE = "notice_date"
    PAGE_BREAK = "page_break"
    TITLE = "title"
    RECIPIENTS = "recipients"  # 主送机关
    BODY = "body"
    HEADING1 = "heading1"  # 一、
    HEADING2 = "heading2"  # （一）
    HEADING3 = "heading3"  # 1.
    HEADING4 = "heading4"  # （1）
    ATTACHMENT = "attachment"  # 附件说明
    SIGNATURE = "signature"  # 署名
    DATE = "date"  # 成文日期
    NOTE = "note"  # 附注
    ANNEX_LABEL = "annex_label"  # the attached 主要指标完成情况表: "附件" on its own page
    ANNEX_TITLE = "annex_title"
    ANNEX_TABLE = "annex_table"  # a Word table (``Block.cells``)
    CC = "cc"  # 抄送 (版记)
    PRINTER = "printer"  # 印发机关和印发日期 (版记)

    def __str__(self) -> str:
        return self.value

    @property
    def is_heading(self) -> bool:
        return self.value.startswith("heading")


HEADING_ROLES = {1: Role.HEADING1, 2: Role.HEADING2, 3: Role.HEADING3, 4: Role.HEADING4}
NOTICE_ROLES = (Role.NOTICE_TITLE, Role.NOTICE_RECIPIENTS, Role.NOTICE_BODY,
                Role.NOTICE_SIGNATURE, Role.NOTICE_DATE)
SIGN_OFF_ROLES = (Role.SIGNATURE, Role.DATE, Role.NOTICE_SIGNATURE, Role.NOTICE_DATE)
IMPRINT_ROLES = (Role.CC, Role.PRINTER)  # the 版记
TITLE_ROLES = (Role.TITLE, Role.NOTICE_TITLE, Role.ANNEX_TITLE)
HEADER_ROLES = (Role.RED_HEADER, Role.DOC_NUMBER, Role.ISSUER)  # the 版头 above the red rule


def new_id() -> str:
    """12 random hex digits (48 bits, as uuid4's first twelve)."""
    return os.urandom(6).hex()


@dataclass
class Figure:
    """One indicator of the figures table.

    ``last``/``value``/``target`` are last year's value, this year's value
    and the target; a figure with a ``formula`` is derived: its values are
    computed from the other figures (see ``desktop.figures``).
    """

    name: str
    unit: str = ""
    category: str = ""
    last: float | None = None
    value: float | None = None
    target: float | None = None
    formula: str = ""
    source: str = ""  # the sentence a target was extracted from, if any

    @property
    def derived(self) -> bool:
        return bool(self.formula.strip())


@dataclass
class Section:
    title: str = ""
    body: str = ""  # field text (desktop.fields); one paragraph per line
    level: int = 1
    children: list["Section"] = field(default_factory=list)
    id: str = field(default_factory=new_id)
    run_in: bool = False  # "1.标题。正文…" on one line (levels 3 and 4)
    template_id: str = ""
    template_version: int = 0
    origin: str = ""  # "" (typed), "template", "imported", "plan", "merged"
    reference: str = ""  # last year's planned text (plan → summary); not exported
    # numbering kept as last year's document wrote it ("第{cn}章", "第{cn}条", "{n}）",
    # "{circled}", see reuse.markers.STYLE_FORMS); "" = the official form of the level
    number_style: str = ""
    source: str = ""  # where a merged part came from: "基础教育股（基础教育股总结.docx）"; not exported
    template_text: str = ""  # the template the body comes from (模板源码); "" for typed text

    def walk(self) -> Iterator["Section"]:
        yield self
        for child in self.children:
            yield from child.walk()

    def clone(self, *, new_ids: bool = True) -> "Section":
        dup = copy.deepcopy(self)
        if new_ids:
            for s in dup.walk():
                s.id = new_id()
        return dup


@dataclass
class Properties:
    kind: str = "年度工作总结"
    year: int = 2026
    org: str = ""  # 发文机关全称
    org_short: str = ""  # 机关简称: how the text names the organ ("" → the full name)
    title: str = ""  # template text, e.g. "{{ org }}{{ year }}年工作总结"
    recipients: str = ""  # 主送机关, without the final colon
    red_header: bool = False
    header_text: str = ""  # 发文机关标志, e.g. "XX县教育局文件"
    doc_number: str = ""  # 发文字号, e.g. "X教发〔2026〕3号"
    preamble: str = ""  # template text before the first chapter
    closing: str = ""  # template text after the last chapter
    attachments: list[str] = field(default_factory=list)
    signature: str = ""  # 署名
    date: str = ""  # 成文日期, ISO yyyy-mm-dd
    note: str = ""  # 附注, without parentheses
    cc: list[str] = field(default_factory=list)  # 抄送
    printer: str = ""  # 印发机关
    print_date: str = ""  # 印发日期, ISO
    as_notice: bool = False  # issued wrapped in a 印发通知
    notice_title: str = ""  # template; default made from the title
    notice_body: str = ""  # template; default: 现将《…》印发给你们…
    doc_type: str = ""  # 文种 (desktop.doc_types): "", 通知, 报告, 请示, 方案, 要点
    signers: list[str] = field(default_factory=list)  # 签发人 of a 上行文 (报告/请示)
    table_figures: list[str] = field(default_factory=list)  # 主要指标完成情况表: names, in order
    table_title: str = ""  # the attached table's title; "" = 主要指标完成情况表


NOTE_STATES = ("", "done", "ignored")  # open, 已核对, 忽略


@dataclass
class ReviewNote:
    """A point the clerk is asked to check (待核对), made when last year's
    document is rolled forward or drafts are merged; kept in the project
    until resolved.  ``ref`` is the place it is about, which the window goes
    to; ``where`` only says it to the clerk (a note without a ``ref`` — from
    an older project — is found from it)."""

    where: str  # "标题", "前言第2段", "二/4 …"
    message: str
    excerpt: str = ""
    state: str = ""  # one of NOTE_STATES
    ref: SourceRef | None = None  # the place in the document, when there is one

    def __str__(self) -> str:
        return f"{self.where}：{self.message}" + (f"（{self.excerpt}）" if self.excerpt else "")


@dataclass
class Settings:
    numbering_mode: str = "per_parent"  # level-3 numbering, see NUMBERING_MODES
    font_profile: str = "gb2312"
    latin_font: str = ""  # "" = the body font; e.g. "Times New Roman"


@dataclass
class Document:
    properties: Properties = field(default_factory=Properties)
    sections: list[Section] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    settings: Settings = field(default_factory=Settings)
    ignored_findings: list[str] = field(default_factory=list)  # proofreading keys
    ignored_rules: list[str] = field(default_factory=list)
    review_notes: list[ReviewNote] = field(default_factory=list)  # 待核对

    # -- lookup -------------------------------------------------------------
    def walk(self) -> Iterator[Section]:
        for s in self.sections:
            yield from s.walk()

    def find(self, section_id: str) -> Section | None:
        for s in self.walk():
            if s.id == section_id:
                return s
        return None

    def locate(self, section_id: str) -> tuple[Section | None, int]:
        """(parent or None for top level, index in the parent's list)."""

        def search(parent: Section | None, items: list[Section]):
            for i, s in enumerate(items):
                if s.id == section_id:
                    return parent, i
                found = search(s, s.children)
                if found:
                    return found
            return None

        found = search(None, self.sections)
        if not found:
            raise KeyError(section_id)
        return found

    def children_of(self, parent_id: str | None) -> list[Section]:
        if parent_id is None:
            return self.sections
        parent = self.find(parent_id)
        if parent is None:
            raise KeyError(parent_id)
        return parent.children

    def parent_of(self, section_id: str) -> Section | None:
        return self.locate(section_id)[0]

    def depth_of(self, section_id: str) -> int:
        depth, parent = 1, self.parent_of(section_id)
        while parent is not None:
            depth += 1
            parent = self.parent_of(parent.id)
        return depth

    def figure(self, name: str) -> Figure | None:
        for f in self.figures:
            if f.name == name:
                return f
        return None

    # -- outline operations (each returns what undo needs) -------------------
    def insert(self, parent_id: str | None, index: int, section: Section) -> None:
        siblings = self.children_of(parent_id)
        parent = self.find(parent_id) if parent_id else None
        index = max(0, min(index, len(siblings)))
        siblings.insert(index, section)
        _fit_levels(section, parent.level if parent else 0)

    def remove(self, section_id: str) -> tuple[str | None, int, Section]:
        parent, index = self.locate(section_id)
        siblings = parent.children if parent else self.sections
        section = siblings.pop(index)
        return (parent.id if parent else None), index, section

    def move(self, section_id: str, new_parent_id: str | None, index: int) -> tuple[str | None, int]:
        """Move a section (with its subtree); returns its old (parent id, index).

        ``index`` is the position in the new parent's list after removal.
        Moving a section into its own subtree is refused with ValueError.
        """
        section = self.find(section_id)
        if section is None:
            raise KeyError(section_id)
        if new_parent_id is not None and any(s.id == new_parent_id for s in section.walk()):
            raise ValueError("不能把章节移动到它自己的下级")
        old_parent, old_index, _ = self.remove(section_id)
        self.insert(new_parent_id, index, section)
        return old_parent, old_index

    def _prev_sibling(self, section_id: str) -> Section | None:
        parent, index = self.locate(section_id)
        siblings = parent.children if parent else self.sections
        return siblings[index - 1] if index > 0 else None

    def can_demote(self, section_id: str) -> bool:
        prev = self._prev_sibling(section_id)
        section = self.find(section_id)
        return prev is not None and section is not None \
            and prev.level + _subtree_height(section) <= MAX_LEVEL

    def demote(self, section_id: str) -> None:
        """Make the section the last child of its previous sibling."""
        if not self.can_demote(section_id):
            raise ValueError("该章节无法降级")
        prev = self._prev_sibling(section_id)
        assert prev is not None  # can_demote
        self.move(section_id, prev.id, len(prev.children))

    def can_promote(self, section_id: str) -> bool:
        return self.parent_of(section_id) is not None

    def promote(self, section_id: str) -> None:
        """Make the section the next sibling of its parent, at its parent's
        level; the siblings that followed it become its children (as
        outliners do)."""
        parent, index = self.locate(section_id)
        if parent is None:
            raise ValueError("一级标题无法再升级")
        section = parent.children[index]
        grand, pindex = self.locate(parent.id)
        followers = parent.children[index + 1:]
        del parent.children[index:]
        section.children.extend(followers)
        section.level = parent.level
        self.insert(grand.id if grand else None, pindex + 1, section)

    # -- snapshots for undo of structural edits -------------------------------
    def snapshot_outline(self) -> list[Section]:
        return copy.deepcopy(self.sections)

    def restore_outline(self, snapshot: list[Section]) -> None:
        self.sections = copy.deepcopy(snapshot)


def _subtree_height(section: Section) -> int:
    if not section.children:
        return 1
    return 1 + max(_subtree_height(c) for c in section.children)


def _fit_levels(section: Section, parent_level: int) -> None:
    """Keep levels strictly increasing down the tree and within 1–4.

    A section keeps its level when it still fits (so a 1. directly under 一、
    stays a 1.); otherwise it takes the next level below its parent.
    """
    if section.level <= parent_level or section.level > MAX_LEVEL:
        section.level = min(parent_level + 1, MAX_LEVEL)
    for child in section.children:
        _fit_levels(child, section.level)


def fit_levels(doc: Document) -> None:
    for s in doc.sections:
        _fit_levels(s, 0)
