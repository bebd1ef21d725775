"""The template language: a sandboxed Jinja2 environment, context and filters.

Section titles and bodies are Jinja2 templates rendered in a
``SandboxedEnvironment`` with ``StrictUndefined``: a missing variable or
figure is an error naming it and the section, a syntax error names the
section and line, and any reach for Python internals
(``{{ ''.__class__.__mro__ }}``) is refused with a security message.
Template authors' guide: docs/模板写法说明.md (English reference: docs/templates.md).
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from typing import TYPE_CHECKING

from .errors import TemplateError
from .figures import FigureLookupError, FigureTable, FigureView, format_number
from .model import Document
from .cn_numerals import number_to_chinese, year_to_chinese

if TYPE_CHECKING:  # Jinja2 is imported only when a template needs its engine
    import jinja2

MAX_OUTPUT = 200_000  # characters a single template may produce
MAX_POWER = 100
SECURITY_MESSAGE = "安全限制：模板不允许访问 Python 内部属性或调用不安全的方法"


# -- filters ------------------------------------------------------------------
def cn_filter(value) -> str:
    """3 → 三, 12 → 十二, 2026 → 二千零二十六, 1.5 → 一点五."""
    try:
        n = float(value)
    except (TypeError, ValueError):
        raise TemplateFilterError(f"cn 过滤器需要数字，得到“{value}”") from None
    try:
        return number_to_chinese(n)
    except (ValueError, OverflowError):
        raise TemplateFilterError(f"cn 过滤器无法写出“{value}”（数字过大或无效）") from None


def parse_iso_date(value) -> date:
    """2026-11-22 (or 2026/11/22, 2026年11月22日) → date; a template filter's input.
    (Reading a date written in a document is ``dates.parse_written_date``.)"""
    if isinstance(value, date):
        return value
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
    if not m:
        raise TemplateFilterError(f"无法识别的日期“{value}”（应为 2026-11-22）")
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise TemplateFilterError(f"无效的日期“{value}”") from None


def date_filter(value) -> str:
    """2026-03-05 → 2026年3月5日 (GB/T 9704 成文日期 form)."""
    d = parse_iso_date(value)
    return f"{d.year}年{d.month}月{d.day}日"


def cn_date_filter(value) -> str:
    """2026-11-22 → 二〇二六年十一月二十二日."""
    d = parse_iso_date(value)
    return f"{year_to_chinese(d.year)}年{cn_filter(d.month)}月{cn_filter(d.day)}日"


def cn_year_filter(value) -> str:
    """2026 → 二〇二六."""
    return year_to_chinese(int(value))


def num_filter(value, places: int = 2) -> str:
    """A bare number rounded half up, trailing zeros dropped: 12.50 → 12.5."""
    try:
        return format_number(float(value), int(places))
    except (TypeError, ValueError):
        raise TemplateFilterError(f"num 过滤器需要数字，得到“{value}”") from None


class TemplateFilterError(Exception):
    pass


FILTERS = {"cn": cn_filter, "date": date_filter, "cn_date": cn_date_filter,
           "cn_year": cn_year_filter, "num": num_filter}


# -- environment --------------------------------------------------------------
def _sandbox_class():
    from jinja2.sandbox import SandboxedEnvironment, SecurityError

    class _Sandbox(SandboxedEnvironment):
        intercepted_binops = frozenset(["*", "**"])

        def call_binop(self, context, operator, left, right):
            if operator == "**":
                if isinstance(right, (int, float)) and abs(right) > MAX_POWER:
                    raise SecurityError("指数过大")
                return left ** right
            if operator == "*":
                for a, b in ((left, right), (right, left)):
                    if isinstance(a, (str, list, tuple)) and isinstance(b, int) \
                            and len(a) * max(b, 0) > MAX_OUTPUT:
                        raise SecurityError("结果过长")
            return left * right

    return _Sandbox


@lru_cache(maxsize=1)
def environment():
    """The sandboxed Jinja2 environment (imports Jinja2 on first use)."""
    import jinja2
    env = _sandbox_class()(undefined=jinja2.StrictUndefined, autoescape=False,
                           keep_trailing_newline=False, trim_blocks=True, lstrip_blocks=True)
    env.filters.update(FILTERS)
    return env


@lru_cache(maxsize=4096)
def _compile(source: str) -> jinja2.Template:
    return environment().from_string(source)


def compile_template(source: str, *, section: str | None = None) -> jinja2.Template:
    import jinja2
    try:
        return _compile(source)
    except jinja2.TemplateSyntaxError as e:
        raise TemplateError(f"模板语法错误：{_syntax_message(e)}", section=section,
                            line=e.lineno) from None


def _syntax_message(e: jinja2.TemplateSyntaxError) -> str:
    msg = e.message or "语法错误"
    m = re.search(r"innermost block that needs to be closed is '(\w+)'", msg)
    if m and msg.lower().startswith("unexpected end of template"):
        return f"模板意外结束，缺少 {{% end{m.group(1)} %}}"  # not the first tag Jinja lists (elif)
    m = re.match(r"unexpected end of template.*?(?:expected|looking for the following tags:) '(\w+)'",
                 msg, re.I | re.S)
    if m:
        return f"模板意外结束，缺少 {{% {m.group(1)} %}}"
    m = re.match(r"Encountered unknown tag '(\w+)'", msg)
    if m:
        return f"未知的标签“{m.group(1)}”"
    if msg.startswith("unexpected '}'"):
        return "多余的“}”"
    if "expected token 'end of print statement'" in msg:
        return "变量表达式书写有误（检查 {{ }} 内的内容）"
    if msg.startswith("No filter named"):
        name = re.search(r"'(.+?)'", msg)
        return f"没有名为“{name.group(1) if name else ''}”的过滤器"
    return msg


def _security_detail(message: str) -> str:
    """What the sandbox refused, in Chinese (Jinja's own text is English)."""
    m = re.match(r"access to attribute '(.+?)' of '(.+?)' object is unsafe", message)
    if m:
        return f"（不允许访问“{m.group(1)}”）"
    if message and not message.isascii():  # our own limits (指数过大, 结果过长)
        return f"（{message}）"
    return ""


def _template_line(exc: BaseException) -> int | None:
    import traceback  # only for an error
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == "<template>":
            line = frame.lineno
    return line


def _undefined_name(message: str) -> str:
    m = re.match(r"'(.+?)' is undefined", message)
    if m:
        return m.group(1)
    m = re.search(r"has no attribute '(.+?)'", message)
    return m.group(1) if m else message


def base_context(doc: Document, figures: FigureTable | None = None) -> dict:
    p = doc.properties
    return {
        "year": p.year,
        "last_year": p.year - 1,
        "next_year": p.year + 1,
        "org": p.org,
        "org_short": p.org_short or p.org,
        "kind": p.kind,
        "fig": figures if figures is not None else FigureTable(doc.figures),
    }


CONTEXT_NAMES = ("year", "last_year", "next_year", "org", "org_short", "kind", "fig")
FIGURE_ATTRIBUTES = ("last", "target", "value", "last_value", "target_value",
                     "change", "diff", "vs_last", "vs_last_diff", "vs_target", "reached", "has_value",
                     "has_last", "has_target", "unit", "name")


def render_template(source: str, context: dict, *, section: str | None = None) -> str:
    """Render one template; every failure is a ``TemplateError``."""
    if "{" not in source:  # plain text: nothing to do
        return source
    text = _render_fields(source, context)
    if text is not None:
        return text
    import jinja2
    from jinja2.sandbox import SecurityError
    template = compile_template(source, section=section)
    try:
        text = template.render(context)
    except SecurityError as e:
        raise TemplateError(f"{SECURITY_MESSAGE}{_security_detail(str(e))}", section=section,
                            line=_template_line(e), security=True) from None
    except jinja2.UndefinedError as e:
        name = _undefined_name(str(e))
        raise TemplateError(f"未定义的变量“{name}”", section=section,
                            line=_template_line(e)) from None
    except FigureLookupError as e:
        raise TemplateError(str(e.args[0]), section=section, line=_template_line(e)) from None
    except TemplateFilterError as e:
        raise TemplateError(str(e), section=section, line=_template_line(e)) from None
    except jinja2.TemplateError as e:
        raise TemplateError(f"模板错误：{e}", section=section, line=_template_line(e)) from None
    except RecursionError:
        raise TemplateError("模板嵌套过深", section=section) from None
    except (ArithmeticError, TypeError, ValueError, LookupError, AttributeError) as e:
        raise TemplateError(f"模板运行出错：{e}", section=section,
                            line=_template_line(e)) from None
    if len(text) > MAX_OUTPUT:
        raise TemplateError("模板输出过长", section=section)
    return text


# -- fields without Jinja2 ---------------------------------------------------------
# A template made of text and bare ``{{ name }}`` / ``{{ fig.名称 }}`` /
# ``{{ fig.名称.target }}`` fields (what the examples and most sections hold)
# renders here, exactly as Jinja2 would, without loading or compiling
# anything.  Whatever this does not fully understand — filters, tags,
# whitespace control, a failing lookup — returns None and goes to Jinja2,
# which gives the result or the error message.
_FIELD = re.compile(r"\{\{ *([^\W\d]\w*(?:\.[^\W\d]\w*){0,2}) *\}\}")
_NEWLINES = re.compile(r"\r\n|\r|\n")
_SAFE_VALUES = (str, int, float)


def _render_fields(source: str, context: dict) -> str | None:
    parts = _FIELD.split(source)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:  # text between fields, newlines as Jinja2 writes them
            if "{{" in part or "{%" in part or "{#" in part or (
                    part.endswith("{") and i + 1 < len(parts)):
                return None
            out.append(_NEWLINES.sub("\n", part))
            continue
        name, *attrs = part.split(".")
        if name not in CONTEXT_NAMES or name not in context or not all(
                a.isidentifier() and not a.startswith("_") for a in attrs):
            return None
        value = context[name]
        if attrs and (name != "fig" or (len(attrs) == 2 and attrs[1] not in FIGURE_ATTRIBUTES)):
            return None
        try:
            for a in attrs:
                value = getattr(value, a)
            if not (isinstance(value, _SAFE_VALUES) and type(value) is not bool
                    or len(attrs) == 1 and isinstance(value, FigureView)):
                return None
            out.append(str(value))
        except Exception:  # noqa: BLE001 - Jinja2 gives the proper error
            return None
    if out[-1].endswith("\n"):  # Jinja2 drops one trailing newline
        out[-1] = out[-1][:-1]
    text = "".join(out)
    return text if len(text) <= MAX_OUTPUT else None


def template_figures(source: str) -> set[str]:
    """Names used as ``fig.X`` / ``fig["X"]`` in a template (for highlighting)."""
    names = set(re.findall(r"fig\.([^\W\d][\w]*)", source))
    names |= set(re.findall(r"fig\[\s*[\"']([^\"']+)[\"']\s*\]", source))
    return names
