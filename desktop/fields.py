"""Text with live fields: what the clerk edits instead of template code.

A section body (and a title, the 前言 and the 结束语) is stored as *field
text*: plain text in which a figure or the year appears as a **field** that
stays live — it always prints the current value.  The stored form is a tiny
subset of the template language, so the file stays readable and every
renderer understands it:

* a field is ``{{ EXPR }}`` where EXPR is one of ``year``, ``last_year``,
  ``next_year`` (in a title also ``org``, ``org_short``), ``fig.名称`` / ``fig["名称"]`` or ``fig.名称.ATTR`` with ATTR
  one of :data:`FIELD_ATTRS` (``change``, ``vs_last``, ``target`` …);
* ``{#b#}…{#/b#}`` marks a bold run inside a paragraph (the 一是…二是…
  lead-ins); to any template renderer these are comments, so they vanish;
* any other text is literal; literal text that itself contains ``{{``,
  ``{%`` or ``{#`` is wrapped in ``{% raw %}…{% endraw %}``.

Anything else (``{% if %}``, filters, expressions) is *template source*:
:func:`parse` returns ``None`` for it.  A section made from a library
template keeps its template in ``Section.template_text`` and is *template-driven*
(:func:`is_live`: empty body) — it prints what its template gives with
today's figures.  The editor shows it as the field text the template
evaluates to with the figures bound as fields (:func:`materialize`); the
clerk's first edit stores that text, with the edit, in ``body``: the
template's conditions are decided then, its figure phrases stay live
fields.  Template authors still edit the template itself (the 模板源码
view).

Rendering substitutes each field's current value (:func:`field_text`); a
field that cannot be evaluated (the figure was deleted or has no value)
prints as ``〈名称〉`` and its error is reported (proofreading, export) —
never as code.  :func:`freeze` turns field text into plain text (转为普通文字).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import TemplateError
from .figures import FigureTable, FigureView
from .model import Document, Section
from .templating import base_context, render_template

# What a figure field can show, and how the clerk sees it named.
FIELD_ATTRS = ("last", "target", "value", "last_value", "target_value", "change", "diff",
               "vs_last", "vs_last_diff", "vs_target")
ATTR_LABELS = {
    "": "本年数值", "value": "本年数值（不带单位）", "last": "上年数值",
    "last_value": "上年数值（不带单位）", "target": "目标值", "target_value": "目标值（不带单位）",
    "change": "较上年变化", "diff": "较上年增减", "vs_last": "比上年", "vs_last_diff": "比上年增减",
    "vs_target": "与目标比较",
}
YEAR_FIELDS = {"year": "本年度", "last_year": "上一年度", "next_year": "下一年度"}
# the issuing body's names: fields only in a title (``parse(…, names=True)``,
# 文档属性 → 标题); in a body they stay template code that is written out once
ORG_FIELDS = {"org": "机关名称", "org_short": "机关简称"}
NAME_FIELDS = {**YEAR_FIELDS, **ORG_FIELDS}

_OPEN, _CLOSE = "\ue000", "\ue001"  # marks a field in a template's output while materializing
_NAME = r"[^\W\d][\w]*"
_FIELD = re.compile(
    r"\{\{-?\s*(?:(?P<year>year|last_year|next_year|org_short|org)"
    r"|fig(?:\.(?P<ident>" + _NAME + r")|\[\s*\"(?P<quoted>[^\"{}\n]+)\"\s*\])"
    r"(?:\.(?P<attr>" + "|".join(FIELD_ATTRS) + r"))?)\s*-?\}\}")
_RAW = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.S)
_BOLD = re.compile(r"\{#(/?)b#\}")
_CODE = ("{{", "{%", "{#")


@dataclass(frozen=True)
class Field:
    """One live field: a year (``figure`` empty) or a figure and what of it."""

    name: str = ""  # "year" / "last_year" / "next_year" for a year field
    figure: str = ""  # the figure's name for a figure field
    attr: str = ""  # "" = this year's value with unit

    @property
    def expr(self) -> str:
        if not self.figure:
            return self.name
        base = f"fig.{self.figure}" if self.figure.isidentifier() else f'fig["{self.figure}"]'
        return f"{base}.{self.attr}" if self.attr else base

    @property
    def source(self) -> str:
        return "{{ " + self.expr + " }}"

    @property
    def label(self) -> str:
        """How the clerk sees the field named (the chip's tooltip)."""
        if not self.figure:
            return NAME_FIELDS.get(self.name, self.name)
        return f"{self.figure}（{ATTR_LABELS.get(self.attr, self.attr)}）"


@dataclass(frozen=True)
class Bold:
    """Start (``on``) or end of a bold run."""

    on: bool

    @property
    def source(self) -> str:
        return BOLD_ON if self.on else BOLD_OFF


BOLD_ON, BOLD_OFF = "{#b#}", "{#/b#}"
PRINT_BOLD_ON, PRINT_BOLD_OFF = "\ue002", "\ue003"  # bold in rendered text (render.py)


def figure_field(name: str, attr: str = "") -> Field:
    if attr and attr not in FIELD_ATTRS:
        raise ValueError(f"unknown figure attribute {attr!r}")
    return Field(figure=name, attr=attr)


def _field_of(m: re.Match) -> Field:
    if m.group("year"):
        return Field(name=m.group("year"))
    return Field(figure=m.group("ident") or m.group("quoted"), attr=m.group("attr") or "")


def parse(text: str, *, names: bool = False) -> list | None:
    """Field text → runs (``str`` and :class:`Field`), or None for template source.
    ``names``: ``{{ org }}`` and ``{{ org_short }}`` are fields too (a title)."""
    runs: list = []

    def literal(chunk: str) -> bool:
        if any(c in chunk for c in _CODE):
            return False
        if chunk:
            if runs and isinstance(runs[-1], str):
                runs[-1] += chunk
            else:
                runs.append(chunk)
        return True

    pos = 0
    for m in _TOKENS.finditer(text):
        if not literal(text[pos:m.start()]):
            return None
        if m.group("bold") is not None:
            runs.append(Bold(on=not m.group("bold")))
        elif m.group(1) is not None:  # a raw block: literal text as it is
            if m.group(1):
                if runs and isinstance(runs[-1], str):
                    runs[-1] += m.group(1)
                else:
                    runs.append(m.group(1))
        else:
            field = _field_of(m)
            if field.name in ORG_FIELDS and not names:
                return None
            runs.append(field)
        pos = m.end()
    if not literal(text[pos:]):
        return None
    return runs


_TOKENS = re.compile(_RAW.pattern + "|" + _FIELD.pattern + r"|\{#(?P<bold>/?)b#\}", re.S)


def is_field_text(text: str) -> bool:
    return parse(text) is not None


def _escape(text: str) -> str:
    """Literal text in the stored form."""
    if any(c in text for c in _CODE):
        return "{% raw %}" + text + "{% endraw %}"
    return text


def serialize(runs: list) -> str:
    """Runs → the stored field text (the inverse of :func:`parse`)."""
    out = []
    for i, run in enumerate(runs):
        if isinstance(run, (Field, Bold)):
            out.append(run.source)
        elif run:
            # text that ends in "{" would glue onto a following field's "{{"
            glued = run.endswith("{") and i + 1 < len(runs) and isinstance(runs[i + 1], Field)
            out.append("{% raw %}" + run + "{% endraw %}" if glued else _escape(run))
    return "".join(out)


def literal(text: str) -> str:
    """Plain text (typed, imported) in the stored form."""
    return _escape(text) if text else ""


def plain_text(text: str) -> str:
    """The literal text of field text with fields shown as their labels
    (for searching and labels, without evaluating anything)."""
    runs = parse(text)
    if runs is None:
        return text
    return "".join(r if isinstance(r, str) else f"【{r.label}】" for r in runs
                   if not isinstance(r, Bold))


# -- evaluating --------------------------------------------------------------------
def context_for(doc: Document, figures: FigureTable | None = None) -> dict:
    return base_context(doc, figures)


def field_text(field: Field, context: dict) -> str:
    """The field's current value as printed; TemplateError (naming the
    field as data, not as a section) when it has none."""
    try:
        return render_template(field.source, context)
    except TemplateError as e:
        raise TemplateError(e.detail, field=field.label, security=e.security) from None


def broken_text(field: Field) -> str:
    """What a field that cannot be evaluated prints: its name in angle
    brackets (the render error is reported once), never template code."""
    return f"〈{field.figure or NAME_FIELDS.get(field.name, field.name)}〉"


def render_runs(runs: list, context: dict, on_error=None) -> str:
    out = []
    for run in runs:
        if isinstance(run, str):
            out.append(run)
            continue
        if isinstance(run, Bold):
            out.append(PRINT_BOLD_ON if run.on else PRINT_BOLD_OFF)
            continue
        try:
            out.append(field_text(run, context))
        except TemplateError as e:
            if on_error is not None:
                on_error(run, e)
            out.append(broken_text(run))
    return "".join(out)


def freeze(text: str, context: dict) -> str:
    """转为普通文字: field text with every field replaced by its value (a
    field without a value keeps its placeholder), as stored literal text.
    Template source is rendered first; TemplateError if that fails."""
    runs = parse(text)
    if runs is None:
        runs = parse(materialize(text, context)) or []
    frozen = []
    for run in runs:  # bold runs stay bold
        frozen.append(run if isinstance(run, Bold) else
                      run if isinstance(run, str) else render_runs([run], context))
    return serialize(merge_runs(frozen))


def freeze_sections(doc: Document, section_ids: list[str] | None = None) -> list[str]:
    """转为普通文字 for whole sections (all, or those named): body and title
    become plain text with the current values; the section no longer follows
    its template.  Returns the ids changed; TemplateError names a failing one."""
    context = context_for(doc)
    wanted = set(section_ids) if section_ids is not None else None
    changed = []
    for s in doc.walk():
        if wanted is not None and s.id not in wanted:
            continue
        body = freeze(body_source(s), context) if (s.body or s.template_text) else ""
        title = freeze(s.title, context) if s.title else ""
        if (body, title, "") != (s.body, s.title, s.template_text):
            s.body, s.title, s.template_text = body, title, ""
            changed.append(s.id)
    return changed


def bold_spans(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Rendered text with bold marks → (plain text, [(start, end), …] of bold)."""
    if PRINT_BOLD_ON not in text and PRINT_BOLD_OFF not in text:
        return text, []
    plain, spans, start = [], [], None
    n = 0
    for ch in text:
        if ch == PRINT_BOLD_ON:
            start = n if start is None else start
        elif ch == PRINT_BOLD_OFF:
            if start is not None and n > start:
                spans.append((start, n))
            start = None
        else:
            plain.append(ch)
            n += 1
    if start is not None and n > start:
        spans.append((start, n))
    return "".join(plain), spans


# -- materializing: template source → field text -------------------------------------
def _mark(expr: str) -> str:
    return _OPEN + expr + _CLOSE


class _Marked:
    """A value (text or number) that prints as a field marker; comparisons and
    arithmetic see the value."""

    expr: str

    def __new__(cls, value, expr: str):
        obj = super().__new__(cls, value)  # type: ignore[call-arg]  # str/int/float.__new__
        obj.expr = expr
        return obj

    def __str__(self) -> str:
        return _mark(self.expr)


class _FieldStr(_Marked, str):
    pass


class _FieldInt(_Marked, int):
    pass


class _FieldFloat(_Marked, float):
    pass


def _number_field(value, expr: str):
    return _FieldInt(value, expr) if isinstance(value, int) else _FieldFloat(value, expr)


class _FieldFigure(FigureView):
    """``fig.名称`` while materializing: every printed value is a field."""

    def __init__(self, view: FigureView):
        self.__dict__.update(view.__dict__)

    def _expr(self, attr: str = "") -> str:
        return figure_field(self.name, attr).expr

    def __str__(self) -> str:
        super().__str__()  # a missing value is an error now, as when rendering
        return _mark(self._expr())


def _text_prop(attr: str):
    base = getattr(FigureView, attr)

    def get(self):
        return _FieldStr(base.fget(self), self._expr(attr))
    return property(get)


def _number_prop(attr: str):
    base = getattr(FigureView, attr)

    def get(self):
        return _number_field(base.fget(self), self._expr(attr))
    return property(get)


for _attr in ("last", "target", "change", "diff", "vs_last", "vs_last_diff", "vs_target"):
    setattr(_FieldFigure, _attr, _text_prop(_attr))
for _attr in ("value", "last_value", "target_value"):
    setattr(_FieldFigure, _attr, _number_prop(_attr))


class _FieldTable(FigureTable):
    def __init__(self, table: FigureTable):
        self.__dict__.update(table.__dict__)

    def __getitem__(self, name: str) -> FigureView:
        return _FieldFigure(super().__getitem__(name))


def _binding_context(context: dict) -> dict:
    ctx = dict(context)
    for name in YEAR_FIELDS:
        if isinstance(ctx.get(name), int):
            ctx[name] = _FieldInt(ctx[name], name)
    if isinstance(ctx.get("fig"), FigureTable):
        ctx["fig"] = _FieldTable(ctx["fig"])
    return ctx


def materialize(source: str, context: dict, *, label: str | None = None) -> str:
    """Evaluate template source once with the figures bound as fields.

    Conditions are decided with today's values; every figure or year the
    template prints becomes a live field.  Field text is returned unchanged.
    Raises TemplateError (naming ``label``) when the template fails.
    """
    if parse(source) is not None:
        return source
    out = render_template(source, _binding_context(context), section=label)
    runs: list = []
    for i, chunk in enumerate(re.split(f"{_OPEN}(.*?){_CLOSE}", out)):
        if i % 2 == 0:
            if chunk:
                runs.append(chunk)
            continue
        m = _FIELD.fullmatch("{{ " + chunk + " }}")
        runs.append(_field_of(m) if m else chunk)
    return serialize(merge_runs(runs))


def merge_runs(runs: list) -> list:
    merged: list = []
    for r in runs:
        if isinstance(r, str) and merged and isinstance(merged[-1], str):
            merged[-1] += r
        else:
            merged.append(r)
    return merged


def is_live(section: Section) -> bool:
    """A template-driven section: its text is its template's output, following
    the figures, until the clerk first edits it (then ``body`` holds it)."""
    return bool(section.template_text) and not section.body


def body_source(section: Section) -> str:
    """What the section prints from: its own text, or its template while live."""
    return section.template_text if is_live(section) else section.body


def editable_text(section: Section, context: dict) -> str:
    """The field text the clerk edits: the body, or for a template-driven
    section the template evaluated now with the figures as fields.
    TemplateError when the template fails."""
    if not is_live(section):
        return section.body
    return materialize(section.template_text, context, label=_section_label(section))


def _section_label(section: Section) -> str:
    return (plain_text(section.title) or "无标题")[:30]


def adopt_templates(doc: Document) -> None:
    """Bodies still holding template code (files of schema 1, documents built
    by hand) become template-driven sections: the code moves to ``template_text``;
    a title, the 开头导语 and the 结束语 with template code are evaluated once
    into field text (what the clerk edits, finds and replaces)."""
    try:
        figures = FigureTable(doc.figures)
    except Exception:  # a broken formula: titles evaluate without figures
        figures = FigureTable([])
    context = base_context(doc, figures)
    for s in doc.walk():
        if s.body and not is_field_text(s.body):
            s.template_text, s.body = s.body, ""
        if not is_field_text(s.title):
            try:
                s.title = materialize(s.title, context, label=_section_label(s))
            except TemplateError:
                pass  # the render reports it; the title edit shows the error
    p = doc.properties
    for key in ("preamble", "closing"):
        text = getattr(p, key)
        if text and not is_field_text(text):
            try:
                setattr(p, key, materialize(text, context, label="开头导语" if key == "preamble" else "结束语"))
            except TemplateError:
                pass  # kept as it is: the render reports it
