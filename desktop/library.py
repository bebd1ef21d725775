"""Section template libraries: built-in, the user's own, and a shared folder.

A template is a ``.j2`` file whose front matter is a Jinja comment at the
top, so the file stays a valid template::

    {#-
    id: party-building
    title: 加强党的建设，压实全面从严治党责任
    category: 党建
    kinds: 年度工作总结, 工作计划, 工作要点, 总结及计划
    figures: 党员教师人数
    version: 1
    -#}
    body text with {{ fig.党员教师人数 }} …

Keys: ``id`` (unique, ASCII), ``title`` (the section title, itself a
template), ``category``, ``kinds`` (document kinds it fits), ``figures``
(figure names it uses), ``version`` (raise it when the text changes, so
sections made from it can be updated), optional ``run_in`` (true for a
"1.标题。正文" item) and ``description``.  See docs/模板写法说明.md
(English reference: docs/templates.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import TemplateError
from .model import KINDS, Section
from .paths import BUILTIN_TEMPLATES, user_templates_dir
from .fileio import atomic_write

_FRONT = re.compile(r"\A\s*\{#-?\s*\n(.*?)\n\s*-?#\}\s*\n?", re.S)
SOURCES = ("builtin", "user", "shared")
SOURCE_LABELS = {"builtin": "内置", "user": "我的模板", "shared": "共享模板"}


@dataclass
class SectionTemplate:
    id: str
    title: str
    body: str
    category: str = ""
    kinds: tuple[str, ...] = KINDS
    figures: tuple[str, ...] = ()
    version: int = 1
    run_in: bool = False
    description: str = ""
    source: str = "builtin"
    path: Path | None = None
    children: list["SectionTemplate"] = field(default_factory=list)

    def make_section(self, level: int = 1) -> Section:
        """A template-driven section (desktop.fields.is_live) made from this."""
        return Section(title=self.title, template_text=self.body, level=level, run_in=self.run_in,
                       template_id=self.id, template_version=self.version,
                       origin="template")

    def to_text(self) -> str:
        lines = [f"id: {self.id}", f"title: {self.title}", f"category: {self.category}",
                 f"kinds: {', '.join(self.kinds)}", f"figures: {', '.join(self.figures)}",
                 f"version: {self.version}"]
        if self.run_in:
            lines.append("run_in: true")
        if self.description:
            lines.append(f"description: {self.description}")
        return "{#-\n" + "\n".join(lines) + "\n-#}\n" + self.body.rstrip("\n") + "\n"


def _split_list(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in re.split(r"[,，、]", value) if v.strip())


def parse_template(text: str, *, path: Path | None = None, source: str = "builtin") -> SectionTemplate:
    where = str(path) if path else None
    m = _FRONT.match(text)
    if not m:
        raise TemplateError("缺少模板说明头（文件开头的 {#- … -#}）", path=where)
    meta: dict[str, str] = {}
    for no, line in enumerate(m.group(1).splitlines(), start=2):
        if not line.strip():
            continue
        if ":" not in line:
            raise TemplateError(f"说明头第{no}行应为“键: 值”", path=where)
        key, value = line.split(":", 1)
        meta[key.strip()] = value.strip()
    for key in ("id", "title"):
        if not meta.get(key):
            raise TemplateError(f"说明头缺少“{key}”", path=where)
    kinds = _split_list(meta.get("kinds", "")) or KINDS
    bad = [k for k in kinds if k not in KINDS]
    if bad:
        raise TemplateError(f"说明头 kinds 中的“{bad[0]}”不是文档类型（{'、'.join(KINDS)}）", path=where)
    try:
        version = int(meta.get("version", "1"))
    except ValueError:
        raise TemplateError("说明头 version 应为整数", path=where) from None
    return SectionTemplate(
        id=meta["id"], title=meta["title"], body=text[m.end():].rstrip("\n"),
        category=meta.get("category", ""), kinds=kinds,
        figures=_split_list(meta.get("figures", "")), version=version,
        run_in=meta.get("run_in", "").lower() in ("true", "yes", "1", "是"),
        description=meta.get("description", ""), source=source, path=path)


def load_folder(folder: Path, source: str) -> tuple[list[SectionTemplate], list[TemplateError]]:
    """Every ``*.j2`` in a folder; unreadable ones are reported, not fatal."""
    templates: list[SectionTemplate] = []
    errors: list[TemplateError] = []
    if not folder or not folder.is_dir():
        return templates, errors
    for path in sorted(folder.rglob("*.j2")):
        try:
            templates.append(parse_template(path.read_text(encoding="utf-8"), path=path,
                                            source=source))
        except (OSError, UnicodeDecodeError) as e:
            errors.append(TemplateError(f"无法读取模板（{e}）", path=str(path)))
        except TemplateError as e:
            errors.append(e)
    return templates, errors


class Library:
    """All templates by id; user and shared templates shadow built-in ones."""

    def __init__(self, *, user_dir: Path | None = None, shared_dir: Path | None = None,
                 builtin_dir: Path = BUILTIN_TEMPLATES):
        self.user_dir = user_dir if user_dir is not None else user_templates_dir()
        self.shared_dir = shared_dir
        self.builtin_dir = builtin_dir
        self.reload()

    def reload(self) -> None:
        self.templates: dict[str, SectionTemplate] = {}
        self.errors: list[TemplateError] = []
        for folder, source in ((self.builtin_dir, "builtin"), (self.shared_dir, "shared"),
                               (self.user_dir, "user")):
            items, errors = load_folder(folder, source) if folder else ([], [])
            self.errors.extend(errors)
            for t in items:
                self.templates[t.id] = t

    def get(self, template_id: str) -> SectionTemplate | None:
        return self.templates.get(template_id)

    def all(self) -> list[SectionTemplate]:
        return sorted(self.templates.values(), key=lambda t: (t.category, t.id))

    def search(self, text: str = "", category: str = "", kind: str = "") -> list[SectionTemplate]:
        text = text.strip().lower()
        out = []
        for t in self.all():
            if category and t.category != category:
                continue
            if kind and kind not in t.kinds:
                continue
            if text and text not in (t.title + t.category + t.id + t.description).lower():
                continue
            out.append(t)
        return out

    def categories(self) -> list[str]:
        return sorted({t.category for t in self.templates.values() if t.category})

    def save_user_template(self, template: SectionTemplate) -> Path:
        """Write a template into the user's folder (atomically)."""
        if not re.fullmatch(r"[A-Za-z0-9_.-]+", template.id):
            raise TemplateError(f"模板编号“{template.id}”只能包含字母、数字、- _ .")
        self.user_dir.mkdir(parents=True, exist_ok=True)
        path = self.user_dir / f"{template.id}.j2"
        atomic_write(path, template.to_text().encode("utf-8"), backup=False)
        self.reload()
        return path

    def outdated(self, section: Section) -> SectionTemplate | None:
        """The library template when it is newer than the section made from it."""
        if not section.template_id:
            return None
        t = self.get(section.template_id)
        if t and t.version > section.template_version:
            return t
        return None
