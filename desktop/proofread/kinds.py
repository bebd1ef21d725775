"""What kind of document a text is, from its own title.

A title names its kind by its last head noun: "关于印发《…2018年工作要点》
的通知" is a 通知 (issuing 要点), "…2018年工作总结及2019年工作计划" a
总结及计划.  Messages name the document by ``label``; the checks that
depend on the kind (plan years, the year in the title) use ``model_kind``,
one of ``desktop.model.KINDS`` or "" for a document that is none of them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# head noun → label used in messages; the last one in the title wins
_HEADS = (("实施方案", "方案"), ("工作方案", "方案"), ("方案", "方案"), ("办法", "办法"),
          ("细则", "细则"), ("规定", "规定"), ("意见", "意见"), ("要点", "工作要点"),
          ("计划", "工作计划"), ("打算", "工作计划"), ("总结", "工作总结"), ("报告", "报告"),
          ("通知", "通知"), ("通报", "通报"), ("决定", "决定"), ("请示", "请示"), ("函", "函"))
ANNUAL_LABELS = ("工作要点", "工作计划", "工作总结", "总结及计划")


@dataclass(frozen=True)
class Kind:
    label: str  # "通知", "工作总结", "办法" …, "文档" when the title says nothing
    model_kind: str  # one of desktop.model.KINDS, or "" (not an annual summary/plan)
    issued: str = ""  # for a 通知 issuing another text: that text's kind label

    @property
    def annual(self) -> bool:
        """A year's summary or plan (its title should carry the year)."""
        return bool(self.model_kind)


def _last_head(title: str) -> tuple[int, str] | None:
    best = None
    for word, label in _HEADS:
        for m in re.finditer(re.escape(word), title):
            if word == "函" and m.end() != len(title):
                continue  # 函 only as the very last word
            if best is None or m.end() > best[0] or (m.end() == best[0] and len(word) > best[2]):
                best = (m.end(), label, len(word))
    return (best[0], best[1]) if best else None


def _model_kind(label: str, title: str) -> str:
    if "总结" in title and any(w in title for w in ("计划", "打算", "谋划")) \
            and label in ("工作总结", "工作计划"):
        return "总结及计划"
    return {"工作要点": "工作要点", "工作计划": "工作计划", "工作总结": "年度工作总结",
            "报告": ""}.get(label, "")


def kind_of(title: str) -> Kind:
    """The kind of a document with this title."""
    t = re.sub(r"\s+", "", title or "")
    head = _last_head(t)
    if head is None:
        return Kind("文档", "")
    end, label = head
    if label == "通知":
        inner = re.search(r"《(.+?)》", t)
        issued = _last_head(inner.group(1)) if inner else None
        issued_label = issued[1] if issued else ""
        return Kind("通知", _model_kind(issued_label, inner.group(1)) if inner else "",
                    issued_label)
    if label == "报告" and "总结" in t:
        label = "工作总结"
    kind = _model_kind(label, t)
    if kind == "总结及计划":
        label = "总结及计划"
    return Kind(label, kind)


def label_for_model_kind(kind: str) -> str:
    """The label of a project's kind (desktop.model.KINDS)."""
    return {"年度工作总结": "年度工作总结", "工作计划": "工作计划", "工作要点": "工作要点",
            "总结及计划": "总结及计划"}.get(kind, kind or "文档")
