"""The project file (``*.rdraft``): JSON with a schema version.

Loading validates every field and names what is wrong and where
(``sections[2].children[0].level``); a file written by a newer version is
refused.  An older file is migrated on load: schema 1 stored section
bodies as template source, schema 2 stores field text (``desktop.fields``)
with a section's template kept in ``template_text``, and the 待核对
notes.  A key added later that an older version can ignore (a note's
``ref``) is optional and needs no new schema version: older files load
without it, and an older program reads a newer file without the place.
Saving writes a temporary file beside the target, flushes it to disk and
replaces the target atomically, keeping the previous file as
``NAME.rdraft.bak``.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, fields
from pathlib import Path

from .doc_types import DOC_TYPES
from .errors import ProjectFileError
from .fileio import atomic_write  # noqa: F401  (re-exported: one atomic write)
from .model import (FONT_PROFILES, KINDS, MAX_LEVEL, NOTE_STATES, NUMBERING_MODES, Document,
                    Figure, Properties, ReviewNote, Section, Settings)
from .number_styles import NUMBER_STYLES
from .source import TITLE_PARAGRAPH, SourceRef

SCHEMA_VERSION = 2
FORMAT_NAME = "report-drafter"
SUFFIX = ".rdraft"


# -- to JSON ------------------------------------------------------------------------
def _section_dict(s: Section) -> dict:
    d = {"id": s.id, "title": s.title, "level": s.level, "body": s.body}
    if s.run_in:
        d["run_in"] = True
    for key in ("template_id", "origin", "reference", "source", "number_style", "template_text"):
        if getattr(s, key):
            d[key] = getattr(s, key)
    if s.template_version:
        d["template_version"] = s.template_version
    d["children"] = [_section_dict(c) for c in s.children]
    return d


def to_dict(doc: Document) -> dict:
    return {
        "format": FORMAT_NAME,
        "schema_version": SCHEMA_VERSION,
        "properties": asdict(doc.properties),
        "settings": asdict(doc.settings),
        "figures": [{k: v for k, v in asdict(f).items() if v not in ("", None)} | {"name": f.name}
                    for f in doc.figures],
        "sections": [_section_dict(s) for s in doc.sections],
        "ignored_findings": list(doc.ignored_findings),
        "ignored_rules": list(doc.ignored_rules),
        "review_notes": [_note_dict(n) for n in doc.review_notes],
    }


def _note_dict(n: ReviewNote) -> dict:
    d: dict = {k: v for k, v in (("where", n.where), ("message", n.message),
                                 ("excerpt", n.excerpt), ("state", n.state)) if v}
    if n.ref is not None:
        ref: dict = {"section_id": n.ref.section_id, "field": n.ref.field}
        if n.ref.paragraph != TITLE_PARAGRAPH:
            ref["paragraph"] = n.ref.paragraph
        if n.ref.span is not None:
            ref["span"] = list(n.ref.span)
        d["ref"] = ref
    return d


def dumps(doc: Document) -> str:
    return json.dumps(to_dict(doc), ensure_ascii=False, indent=1)


# -- from JSON, validated ---------------------------------------------------------
class _Checker:
    def __init__(self, path: str | None):
        self.path = path

    def fail(self, where: str, problem: str):
        raise ProjectFileError(f"{where}：{problem}" if where else problem, path=self.path)

    def obj(self, value, where) -> dict:
        if not isinstance(value, dict):
            self.fail(where, "应为对象（{…}）")
        return value

    def text(self, d: dict, key: str, where: str, default: str = "") -> str:
        value = d.get(key, default)
        if not isinstance(value, str):
            self.fail(f"{where}.{key}" if where else key, "应为文本")
        return value

    def boolean(self, d: dict, key: str, where: str) -> bool:
        value = d.get(key, False)
        if not isinstance(value, bool):
            self.fail(f"{where}.{key}", "应为 true 或 false")
        return value

    def integer(self, d: dict, key: str, where: str, default: int, lo: int, hi: int) -> int:
        value = d.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
            self.fail(f"{where}.{key}", f"应为 {lo}–{hi} 之间的整数，实际为 {value!r}")
        return value

    def number(self, d: dict, key: str, where: str) -> float | None:
        value = d.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value \
                or value in (float("inf"), float("-inf")):
            self.fail(f"{where}.{key}", f"应为数字，实际为 {value!r}")
        return float(value)

    def text_list(self, d: dict, key: str, where: str) -> list[str]:
        value = d.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(f"{where}.{key}", "应为文本列表")
        return list(value)

    def choice(self, d: dict, key: str, where: str, options, default) -> str:
        value = self.text(d, key, where, default)
        if value not in options:
            self.fail(f"{where}.{key}", f"“{value}”不是可选值（{' / '.join(options)}）")
        return value


def _section(c: _Checker, raw, where: str, parent_level: int, seen: set[str]) -> Section:
    d = c.obj(raw, where)
    level = c.integer(d, "level", where, parent_level + 1, 1, MAX_LEVEL)
    if level <= parent_level:
        c.fail(f"{where}.level", f"层级 {level} 应大于上级的层级 {parent_level}")
    sid = c.text(d, "id", where) or None
    s = Section(title=c.text(d, "title", where), body=c.text(d, "body", where), level=level,
                run_in=c.boolean(d, "run_in", where),
                template_id=c.text(d, "template_id", where),
                template_version=c.integer(d, "template_version", where, 0, 0, 10**6),
                origin=c.text(d, "origin", where), reference=c.text(d, "reference", where),
                source=c.text(d, "source", where),
                number_style=c.text(d, "number_style", where),
                template_text=c.text(d, "template_text", where))
    if s.number_style and s.number_style not in NUMBER_STYLES:
        c.fail(f"{where}.number_style", f"“{s.number_style}”不是可用的编号样式（{' / '.join(NUMBER_STYLES)}）")
    if sid:
        if sid in seen:
            c.fail(f"{where}.id", f"章节编号“{sid}”重复")
        s.id = sid
    seen.add(s.id)
    children = d.get("children", [])
    if not isinstance(children, list):
        c.fail(f"{where}.children", "应为列表")
    s.children = [_section(c, ch, f"{where}.children[{i}]", level, seen)
                  for i, ch in enumerate(children)]
    return s


def from_dict(data, path: str | None = None) -> Document:
    c = _Checker(path)
    data = c.obj(data, "")
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int):
        c.fail("schema_version", "缺少或不是整数，这不是起草助手的项目文件")
    if version > SCHEMA_VERSION:
        c.fail("", f"此文件由更新版本的起草助手保存（格式版本 {version}，本程序支持 "
                   f"{SCHEMA_VERSION}），请升级程序后再打开")
    if version < 1:
        c.fail("schema_version", f"无效的格式版本 {version}")

    pd = c.obj(data.get("properties", {}), "properties")
    w = "properties"
    props = Properties(
        kind=c.choice(pd, "kind", w, KINDS, "年度工作总结"),
        year=c.integer(pd, "year", w, 2026, 1900, 2999),
        **{k: c.text(pd, k, w) for k in (
            "org", "org_short", "title", "recipients", "header_text", "doc_number",
            "preamble", "closing", "signature", "date", "note", "printer", "print_date",
            "notice_title", "notice_body", "table_title")},
        doc_type=c.choice(pd, "doc_type", w, DOC_TYPES, ""),
        signers=c.text_list(pd, "signers", w),
        table_figures=c.text_list(pd, "table_figures", w),
        red_header=c.boolean(pd, "red_header", w),
        as_notice=c.boolean(pd, "as_notice", w),
        attachments=c.text_list(pd, "attachments", w),
        cc=c.text_list(pd, "cc", w),
    )
    sd = c.obj(data.get("settings", {}), "settings")
    settings = Settings(
        numbering_mode=c.choice(sd, "numbering_mode", "settings", NUMBERING_MODES, "per_parent"),
        font_profile=c.choice(sd, "font_profile", "settings", FONT_PROFILES, "gb2312"),
        latin_font=c.text(sd, "latin_font", "settings"),
    )
    figs_raw = data.get("figures", [])
    if not isinstance(figs_raw, list):
        c.fail("figures", "应为列表")
    figures, names = [], set()
    for i, raw in enumerate(figs_raw):
        where = f"figures[{i}]"
        fd = c.obj(raw, where)
        name = c.text(fd, "name", where).strip()
        if not name:
            c.fail(f"{where}.name", "指标名称为空")
        if name in names:
            c.fail(f"{where}.name", f"指标“{name}”重复")
        names.add(name)
        figures.append(Figure(name=name, unit=c.text(fd, "unit", where),
                              category=c.text(fd, "category", where),
                              last=c.number(fd, "last", where), value=c.number(fd, "value", where),
                              target=c.number(fd, "target", where),
                              formula=c.text(fd, "formula", where),
                              source=c.text(fd, "source", where)))
    secs_raw = data.get("sections", [])
    if not isinstance(secs_raw, list):
        c.fail("sections", "应为列表")
    seen: set[str] = set()
    sections = [_section(c, s, f"sections[{i}]", 0, seen) for i, s in enumerate(secs_raw)]
    doc = Document(properties=props, sections=sections, figures=figures, settings=settings,
                   ignored_findings=c.text_list(data, "ignored_findings", ""),
                   ignored_rules=c.text_list(data, "ignored_rules", ""),
                   review_notes=_notes(c, data.get("review_notes", [])))
    # schema 1 kept template source in the bodies: a body still holding
    # template code becomes a template-driven section (code kept in template_text)
    from .fields import adopt_templates
    adopt_templates(doc)
    return doc


def _notes(c: _Checker, raw) -> list[ReviewNote]:
    if not isinstance(raw, list):
        c.fail("review_notes", "应为列表")
    notes = []
    for i, item in enumerate(raw):
        where = f"review_notes[{i}]"
        d = c.obj(item, where)
        notes.append(ReviewNote(where=c.text(d, "where", where), message=c.text(d, "message", where),
                                excerpt=c.text(d, "excerpt", where),
                                state=c.choice(d, "state", where, NOTE_STATES, ""),
                                ref=_ref(c, d.get("ref"), f"{where}.ref")))
    return notes


def _ref(c: _Checker, raw, where: str) -> SourceRef | None:
    """A note's place (absent in projects saved before notes kept one)."""
    if raw is None:
        return None
    d = c.obj(raw, where)
    section_id = c.text(d, "section_id", where)
    if not section_id:
        c.fail(f"{where}.section_id", "为空")
    span = d.get("span")
    if span is not None:
        if not (isinstance(span, list) and len(span) == 2
                and all(isinstance(x, int) and not isinstance(x, bool) for x in span)
                and 0 <= span[0] <= span[1]):
            c.fail(f"{where}.span", f"应为两个递增的非负整数，实际为 {span!r}")
        span = (span[0], span[1])
    return SourceRef(section_id, c.text(d, "field", where, "body"),
                     c.integer(d, "paragraph", where, TITLE_PARAGRAPH, TITLE_PARAGRAPH, 10**6), span)


def loads(text: str, path: str | None = None) -> Document:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ProjectFileError(f"不是有效的项目文件（JSON 第{e.lineno}行第{e.colno}列：{e.msg}）",
                               path=path) from None
    except RecursionError:
        raise ProjectFileError("不是有效的项目文件（嵌套过深）", path=path) from None
    try:
        return from_dict(data, path)
    except RecursionError:
        raise ProjectFileError("项目文件嵌套过深", path=path) from None


def load(path: str | os.PathLike) -> Document:
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise ProjectFileError("文件不存在", path=str(p)) from None
    except IsADirectoryError:
        raise ProjectFileError("这是一个文件夹，不是项目文件", path=str(p)) from None
    except OSError as e:
        from .fileio import os_error_reason
        raise ProjectFileError(f"无法读取文件：{os_error_reason(e, reading=True)}",
                               path=str(p)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ProjectFileError("不是有效的项目文件（不是 UTF-8 文本）", path=str(p)) from None
    return loads(text, str(p))


def save(doc: Document, path: str | os.PathLike, *, backup: bool = True) -> None:
    from .fileio import os_error_reason
    try:
        atomic_write(path, dumps(doc).encode("utf-8"), backup=backup)
    except OSError as e:
        raise ProjectFileError(f"保存失败：{os_error_reason(e)}。原文件未改动", path=str(path)) from None


def document_fields() -> list[str]:
    return [f.name for f in fields(Properties)]
