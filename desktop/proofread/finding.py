"""A proofreading finding and the catalogue of rules.

A finding points at text exactly as it stands in one rendered paragraph:
``section_id`` (a section id, or ``@properties`` / ``@preamble`` /
``@closing``), ``paragraph`` (-1 for a section's title or the document
title, otherwise the index of the paragraph in the rendered body) and
``start``/``end`` (character offsets in that paragraph's text, for a
heading: in its title without the generated number).  ``field`` names the
property for findings outside sections ("title", "date", "doc_number" …).
"""

from __future__ import annotations

import hashlib
import dataclasses
from dataclasses import dataclass

SEVERITIES = ("error", "warning", "info")
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
SEVERITY_ORDER = {s: i for i, s in enumerate(SEVERITIES)}
CONTEXT_CHARS = 20  # characters of the paragraph shown on each side of an excerpt
FILE_SECTION = "@file"  # section_id of a finding in a Word file checked as written

# rule id → (Chinese name, severity)
RULES: dict[str, tuple[str, str]] = {
    "placeholder": ("未填写的占位符", "error"),
    "template-error": ("模板错误", "error"),
    "unrendered-template": ("未渲染的模板标记", "error"),
    "stale-term": ("过时表述", "warning"),
    "title-year": ("标题年份", "error"),
    "plan-year": ("计划年份", "warning"),
    "date-format": ("日期格式", "warning"),
    "date-year": ("成文日期年份", "warning"),
    "halfwidth-punct": ("半角标点", "warning"),
    "fullwidth-alnum": ("全角数字字母", "warning"),
    "unmatched-pair": ("引号括号不配对", "warning"),
    "doubled-punct": ("重复标点", "warning"),
    "cjk-space": ("汉字间空格", "warning"),
    "doc-number-format": ("发文字号格式", "warning"),
    "doc-number-missing": ("发文字号缺少序号", "error"),
    "heading-number-form": ("标题序号格式", "warning"),
    "recipients-colon": ("主送机关冒号", "warning"),
    "date-missing-day": ("日期缺少“日”", "warning"),
    "impossible-range": ("起止年份有误", "error"),
    "range-dash": ("年份起止连接号", "warning"),
    "cjk-alnum-space": ("汉字与数字字母间空格", "warning"),
    "quote-punct": ("标点应在引号外", "warning"),
    "doubled-char": ("重复字", "warning"),
    "year-statement": ("年份表述与文档年份不符", "error"),
    "missing-date": ("缺少成文日期", "error"),
    "missing-signature": ("缺少署名", "error"),
    "upward-signer": ("上行文缺少签发人", "error"),
    "upward-recipients": ("上行文主送多个机关", "warning"),
    "print-before-date": ("印发日期早于成文日期", "error"),
    "empty-section": ("空章节", "error"),
    "title-no-year": ("标题缺少年份", "error"),
    "typed-number": ("标题中重复编号", "error"),
    "numbering-gap": ("编号跳号", "error"),
    "numbering-repeat": ("编号重复", "error"),
    "numbering-mode": ("编号方式不一致", "warning"),
    "figure-mismatch": ("数字与指标表不符", "error"),
    "repeated-paragraph": ("重复段落", "warning"),
    "repeated-sentence": ("重复语句", "warning"),
}


def rule_name(rule: str) -> str:
    return RULES.get(rule, (rule, ""))[0]


@dataclass
class Finding:
    rule: str
    message: str
    excerpt: str = ""
    section: str = ""  # numbered path "二/4"; "" for title, properties, preamble, closing
    section_id: str = ""
    paragraph: int = 0  # -1: the title line
    start: int = 0
    end: int = 0
    fix: str | None = None
    severity: str = ""
    field: str = "body"  # "title" / "body" for sections; a property name otherwise
    key: str = ""
    context: str = dataclasses.field(default="", repr=False, compare=False)  # the paragraph text, for keys

    def __post_init__(self):
        if not self.severity:
            self.severity = RULES.get(self.rule, ("", "warning"))[1]
        if self.severity not in SEVERITIES:
            raise ValueError(f"unknown severity {self.severity!r}")

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS[self.severity]

    @property
    def rule_name(self) -> str:
        return rule_name(self.rule)

    @property
    def ref(self):
        """The place in the edited document (``desktop.source.SourceRef``),
        span in the paragraph's printed text; None for a Word file's
        finding (a place in that file: ``paragraph``/``start``/``end``)."""
        from ..source import PROPERTIES, TITLE_PARAGRAPH, SourceRef
        if self.section_id in ("", FILE_SECTION):
            return None
        span = (self.start, self.end)
        if self.section_id == PROPERTIES:
            one_line = self.field not in ("notice_body", "attachments", "cc", "preamble", "closing")
            return SourceRef.prop(self.field, TITLE_PARAGRAPH if one_line else max(self.paragraph, 0),
                                  span)
        if self.section_id.startswith("@"):
            return SourceRef.of(self.section_id, paragraph=max(self.paragraph, 0), span=span)
        if self.paragraph == -1:
            return SourceRef(self.section_id, "title", TITLE_PARAGRAPH, span)
        return SourceRef(self.section_id, "body", self.paragraph, span)

    def around(self, width: int = CONTEXT_CHARS) -> str:
        """The excerpt with about ``width`` characters of its paragraph on
        each side (the paragraph's text when it is short)."""
        if not self.context:
            return self.excerpt
        a = max(0, self.start - width)
        b = min(len(self.context), self.end + width)
        return self.context[a:b]

    def marked(self, width: int = CONTEXT_CHARS) -> str:
        """The excerpt in its context, set off by 【】 (a space shown as ␣):
        "组织开展【␣】教师培训" — how a list shows what is wrong where."""
        if not self.excerpt:
            return ""
        text = self.context if self.context[self.start:self.end] == self.excerpt else self.excerpt
        start, end = (self.start, self.end) if text is self.context else (0, len(text))
        a = max(0, start - width)
        b = min(len(text), end + width)
        shown = text[start:end].replace(" ", "␣").replace("\u3000", "␣").replace("\t", "␣")
        left = ("…" if a > 0 else "") + text[a:start].lstrip(" \u3000\t")
        right = text[end:b] + ("…" if b < len(text) else "")
        return f"{left}【{shown}】{right}".replace("\n", " ")

    def to_dict(self) -> dict:
        return {"rule": self.rule, "severity": self.severity, "message": self.message,
                "section": self.section, "paragraph": self.paragraph, "start": self.start,
                "end": self.end, "excerpt": self.excerpt, "fix": self.fix,
                "context": self.around(), "field": self.field}

    def base_key(self) -> str:
        """Stable across edits elsewhere: rule, place and the text around it
        (not the paragraph index, which moves when paragraphs are added)."""
        around = self.context[max(0, self.start - 6):self.end + 6] if self.context else ""
        raw = "\x1f".join((self.rule, self.section_id, self.field, self.excerpt, around))
        return f"{self.rule}:{hashlib.sha1(raw.encode('utf-8')).hexdigest()[:12]}"


def assign_keys(findings: list[Finding]) -> None:
    seen: dict[str, int] = {}
    for f in findings:
        base = f.base_key()
        n = seen.get(base, 0)
        seen[base] = n + 1
        f.key = base if n == 0 else f"{base}#{n}"
