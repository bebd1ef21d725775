"""What every check receives: the document, its rendering, units, rules."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Document
from ..render import RenderedDocument
from .finding import Finding
from .rulefile import RuleSet
from .units import Unit

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = ("\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"
             "\u2018-\u201f\u2026\u2014\u00b7")
HAN_RE = re.compile(f"[{HAN}]")
CJK_RE = re.compile(f"[{HAN}{CJK_PUNCT}]")
PLAN_KINDS = ("工作计划", "工作要点")


def is_han(ch: str) -> bool:
    return bool(ch) and bool(HAN_RE.fullmatch(ch))


def is_cjk(ch: str) -> bool:
    """A Han character or Chinese (full-width) punctuation."""
    return bool(ch) and bool(CJK_RE.fullmatch(ch))


@dataclass
class Context:
    doc: Document
    rendered: RenderedDocument | None
    units: list[Unit]
    rules: RuleSet
    year: int
    kind: str
    month: int | None = None  # month of 成文日期, when known
    findings: list[Finding] = field(default_factory=list)
    kind_label: str = ""  # what messages call the document ("通知", "工作计划" …)

    def __post_init__(self):
        if not self.kind_label:
            from .kinds import label_for_model_kind
            self.kind_label = label_for_model_kind(self.kind)

    @property
    def is_plan(self) -> bool:
        return self.kind in PLAN_KINDS


def make(unit: Unit, rule: str, message: str, start: int, end: int,
         fix: str | None = None, severity: str = "") -> Finding:
    return Finding(rule=rule, message=message, excerpt=unit.text[start:end],
                   section=unit.section, section_id=unit.section_id, paragraph=unit.paragraph,
                   start=start, end=end, fix=fix, severity=severity, field=unit.field,
                   context=unit.text)
