"""Year-over-year comparison, section by section (difflib), without Qt.

Both documents are rendered; sections are paired by their heading titles
with the years taken out (so "2024年重点工作" pairs with "2025年重点工作"),
in order, with difflib's SequenceMatcher; the text of each pair is then
compared character by character (Chinese has no spaces to split words).
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass

from ..model import Document
from ..render import CLOSING, PREAMBLE, Block, RenderedDocument, render

SAME, CHANGED, ADDED, REMOVED = "same", "changed", "added", "removed"
STATUS_LABELS = {SAME: "未变", CHANGED: "有改动", ADDED: "新增", REMOVED: "已删除"}
_YEAR = re.compile(r"(?:19|20)\d\d")


@dataclass
class SectionDiff:
    label: str  # "二、工作目标" (the new number when there is one)
    status: str
    old_text: str
    new_text: str
    level: int = 0

    @property
    def ratio(self) -> float:
        return difflib.SequenceMatcher(None, self.old_text, self.new_text, autojunk=False).ratio()

    def html(self) -> str:
        return diff_html(self.old_text, self.new_text)


def _units(doc: Document) -> list[tuple[str, str, str, int]]:
    """(key, label, text, level) per unit: title, preamble, each section, closing."""
    out: RenderedDocument = render(doc)
    units: list[tuple[str, str, str, int]] = []
    title = "\n".join(b.text for b in out.blocks if b.role == "title")
    units.append(("@title", "标题", title, 0))
    pre = "\n".join(b.text for b in out.blocks if b.section_id == PREAMBLE)
    if pre:
        units.append(("@preamble", "前言", pre, 0))
    order: list[str] = []
    texts: dict[str, list[str]] = {}
    heads: dict[str, Block] = {}
    for b in out.blocks:
        if b.role.startswith("heading"):
            order.append(b.section_id)
            heads[b.section_id] = b
            # without the generated number: a section added or removed above
            # renumbers the rest, which is not a change of their text
            head = b.full_text
            texts[b.section_id] = [head[len(b.number):] if b.number and head.startswith(b.number)
                                   else head]
        elif b.role == "body" and b.section_id in texts:
            texts[b.section_id].append(b.text)
    for sid in order:
        b = heads[sid]
        key = _YEAR.sub("", b.title)
        units.append((key, f"{b.number}{b.title}", "\n".join(texts[sid]), b.level))
    close = "\n".join(b.text for b in out.blocks if b.section_id == CLOSING)
    if close:
        units.append(("@closing", "结束语", close, 0))
    return units


def _same(old: str, new: str) -> bool:
    """Equal, or differing only by the year in the first line (the title or
    a heading): a title rolled from 2025 to 2026 is not a change of text."""
    if old == new:
        return True
    o_head, _, o_rest = old.partition("\n")
    n_head, _, n_rest = new.partition("\n")
    return o_rest == n_rest and _YEAR.sub("", o_head) == _YEAR.sub("", n_head)


def compare_documents(old: Document, new: Document) -> list[SectionDiff]:
    a, b = _units(old), _units(new)
    matcher = difflib.SequenceMatcher(None, [u[0] for u in a], [u[0] for u in b], autojunk=False)
    diffs: list[SectionDiff] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for ua, ub in zip(a[i1:i2], b[j1:j2]):
                status = SAME if _same(ua[2], ub[2]) else CHANGED
                diffs.append(SectionDiff(ub[1], status, ua[2], ub[2], ub[3]))
            continue
        # replaced runs: pair by position when the text is still similar
        olds, news = list(a[i1:i2]), list(b[j1:j2])
        while olds and news:
            ua, ub = olds[0], news[0]
            if difflib.SequenceMatcher(None, ua[2], ub[2], autojunk=False).ratio() >= 0.5:
                diffs.append(SectionDiff(ub[1], CHANGED, ua[2], ub[2], ub[3]))
                olds.pop(0)
                news.pop(0)
            else:
                break
        for ua in olds:
            diffs.append(SectionDiff(ua[1], REMOVED, ua[2], "", ua[3]))
        for ub in news:
            diffs.append(SectionDiff(ub[1], ADDED, "", ub[2], ub[3]))
    return diffs


def diff_html(old: str, new: str) -> str:
    """Character-level diff as HTML: deletions struck through in red,
    insertions underlined in green, paragraphs kept."""
    sm = difflib.SequenceMatcher(None, old, new, autojunk=False)
    parts = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            parts.append(html.escape(new[j1:j2]))
            continue
        if i2 > i1:
            parts.append('<span style="color:#c00000;text-decoration:line-through">'
                         f"{html.escape(old[i1:i2])}</span>")
        if j2 > j1:
            parts.append('<span style="color:#007a33;text-decoration:underline">'
                         f"{html.escape(new[j1:j2])}</span>")
    body = "".join(parts).replace("\n", "<br/>")
    return f'<div style="line-height:150%">{body}</div>'
