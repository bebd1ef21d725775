"""A title's line breaks (GB/T 9704 7.3.1: 回行时词意完整，排列对称 — a
trapezoid or a diamond): a placement rule of the layout model
(``desktop.layout`` uses it and re-exports ``title_lines``), in a module of
its own for its word-boundary heuristics."""

from __future__ import annotations

import functools
import math
import re

from . import gbt9704 as fmt
from .linebreak import grid_width

# an organ's name ends at 局, 委, 厅 … — unless the character is the start of a
# word (办法, 部门, 部署, 会议, 会同, 委员, 办公室, 中心学校, 社会主义 …)
_TITLE_BREAK_AFTER = re.compile(
    r"关于|》|”|第[一二三四五六七八九十\d]+(?:批|届|次|期)"
    r"|(?:局|委|府|会|院|厅|办|部|室|校|园|中心)(?=[^的，。、》）”法门署议员同长区校所园公学主级属]|$)")
_TITLE_BREAK_BEFORE = re.compile(r"《|“|的(?:通知|报告|意见|决定|请示|批复|函)$|\d{4}年"
                                 r"|(?:工作)(?:总结|计划|要点)")
_TITLE_OPEN, _TITLE_CLOSE = "《“（", "》”）"
_NO_TITLE_LINE_START = "，。、；：！？）》”’%"


def title_lines(text: str, size_pt: float = fmt.SIZES["二号"]) -> list[str]:
    """A title too long for one line, broken at word boundaries into lines
    that each fit, the upper ones no longer than the lower ones (梯形) where
    possible.  Explicit line breaks are kept as they are."""
    if "\n" in text:
        return [t for t in text.split("\n") if t.strip()]
    # one character of margin: digits and Latin letters in the title font are
    # proportional and often wider than half a character
    per_line = math.floor(fmt.PAGE.text_width_pt / size_pt + 1e-6) - 1
    if grid_width(text) <= per_line:
        return [text]
    good = set()
    for m in _TITLE_BREAK_AFTER.finditer(text):
        good.add(m.end())
    for m in _TITLE_BREAK_BEFORE.finditer(text):
        good.add(m.start())
    inside = set()  # positions inside 《…》, “…” or （…）: a break there splits a name
    depth = 0
    for i, ch in enumerate(text):
        depth += (ch in _TITLE_OPEN) - (ch in _TITLE_CLOSE)
        if depth > 0:
            inside.add(i + 1)

    def allowed(i: int) -> bool:
        if i <= 0 or i >= len(text) or text[i] in _NO_TITLE_LINE_START or text[i - 1] in "《（“‘":
            return False
        return not (text[i - 1].isdigit() and text[i].isdigit())

    @functools.lru_cache(maxsize=None)
    def best(offset: int):
        """(score, lines) of the best way to set text[offset:], or None."""
        rest = text[offset:]
        if grid_width(rest) <= per_line:
            return (0, 0, 0, 0.0), (rest,)
        found = None
        for i in range(offset + 1, len(text)):
            head = text[offset:i]
            if grid_width(head) > per_line:
                break
            if not allowed(i):
                continue
            sub = best(i)
            if sub is None:
                continue
            (n, bad, split, _), tail = sub
            upper, lower = grid_width(head), grid_width(tail[0])
            # fewest lines, then word boundaries, then names kept whole, then
            # upper lines not longer than lower ones (梯形), then balance
            score = (n + 1, bad + (i not in good), split + (i in inside),
                     (upper > lower) * 100 + abs(lower - upper))
            if found is None or score < found[0]:
                found = (score, (head, *tail))
        return found

    result = best(0)
    return list(result[1]) if result else [text]
