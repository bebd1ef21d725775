"""文种: what the document is sent as, and the header that goes with it.

- 通知: the document is issued wrapped in a 印发通知 (``Properties.as_notice``);
- 报告 / 请示: a 上行文 sent up to one superior organ: the 版头 carries the
  发文字号 on the left and the 签发人 on the right on the same line (GB/T 9704
  7.2.4–7.2.5), the title reads 关于…的报告 / 关于…的请示;
- 方案 / 要点: a plain document under its own title.

``apply_doc_type`` changes the properties the 文种 decides and leaves the
rest alone, so the properties dialog and the CLI agree.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .model import Properties

DOC_TYPES = ("", "通知", "报告", "请示", "方案", "要点")
DOC_TYPE_LABELS = {"": "（按文档类型）", "通知": "通知（印发）", "报告": "报告（上行文）",
                   "请示": "请示（上行文）", "方案": "方案", "要点": "要点"}
UPWARD = ("报告", "请示")
SIGNERS_PER_LINE = 2  # GB/T 9704 7.2.5: 一般每行排两个姓名
_ABOUT = re.compile(r"^(?P<org>\{\{\s*org\s*\}\})?(?:关于)?(?P<what>.*?)(?:的(?:报告|请示))?$")


def is_upward(props: Properties) -> bool:
    return props.doc_type in UPWARD


def signer_lines(signers: list[str]) -> list[list[str]]:
    """The 签发人 names in lines of two, in the order given (7.2.5)."""
    names = [n.strip() for n in signers if n.strip()]
    return [names[i:i + SIGNERS_PER_LINE] for i in range(0, len(names), SIGNERS_PER_LINE)]


def report_title(title: str, doc_type: str) -> str:
    """"{{ org }}2026年工作总结" → "{{ org }}关于2026年工作总结的报告"."""
    m = _ABOUT.match(title.strip())
    if not m or not m.group("what"):
        return title
    return f"{m.group('org') or ''}关于{m.group('what')}的{doc_type}"


def apply_doc_type(props: Properties, doc_type: str) -> Properties:
    """The properties with ``doc_type`` and what it decides."""
    if doc_type not in DOC_TYPES:
        raise ValueError(f"未知的文种：{doc_type}")
    p = replace(props, doc_type=doc_type)
    if doc_type == "通知":
        p.as_notice = True
    elif doc_type:
        p.as_notice = False
    if doc_type in UPWARD:
        if not p.title.strip().endswith(f"的{doc_type}"):
            p.title = report_title(p.title, doc_type)
    elif props.doc_type in UPWARD and p.title.strip().endswith(f"的{props.doc_type}"):
        m = _ABOUT.match(p.title.strip())
        if m:  # (every title matches: all of the pattern is optional)
            p.title = f"{m.group('org') or ''}{m.group('what')}"
    return p
