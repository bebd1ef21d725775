"""Repeats: the same paragraph, or the same long sentence, twice — the
usual leftover of copy and paste.  The later occurrence is reported; its
fix deletes it."""

from __future__ import annotations

import re
from typing import Iterator

from .context import HAN_RE, Context, make
from .finding import Finding

MIN_PARAGRAPH = 12  # characters (Han) for a paragraph to count
MIN_SENTENCE = 20
_SENTENCE = re.compile(r"[^。！？]+[。！？]")


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _han_count(text: str) -> int:
    return len(HAN_RE.findall(text))


def _where(unit) -> str:
    if unit.section:
        return f"“{unit.section}”"
    return {"@preamble": "前言", "@closing": "结束语"}.get(unit.section_id, "前文")


def check_repeats(ctx: Context) -> Iterator[Finding]:
    body = [u for u in ctx.units if u.is_body and u.section_id != "@properties"]
    first_para: dict[str, object] = {}
    repeated: set[int] = set()
    for i, u in enumerate(body):
        key = _norm(u.text)
        if _han_count(key) < MIN_PARAGRAPH:
            continue
        if key in first_para:
            repeated.add(i)
            yield make(u, "repeated-paragraph", f"本段与{_where(first_para[key])}的一段完全相同",
                       0, len(u.text), "")
        else:
            first_para[key] = u
    first_sentence: dict[str, object] = {}
    for i, u in enumerate(body):
        if i in repeated:
            continue
        for m in _SENTENCE.finditer(u.text):
            sentence = m.group().strip()
            key = _norm(sentence)
            if _han_count(key) < MIN_SENTENCE:
                continue
            if key in first_sentence:
                start = m.start() + (len(m.group()) - len(m.group().lstrip()))
                yield make(u, "repeated-sentence", f"此句与{_where(first_sentence[key])}的一句重复",
                           start, start + len(sentence), "")
            else:
                first_sentence[key] = u
