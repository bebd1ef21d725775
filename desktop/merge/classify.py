"""Sorting a draft's chapters by kind: work done, problems, plans, other.

A department's draft names its chapters its own way — 主要工作 /
工作开展情况 / 主要成效, 存在的问题 / 存在不足, 工作打算 / 下一步工作计划 /
明年工作思路 — or by topic (强化党建引领, 提升教学质量) with the kind
implied by where the chapter stands.  ``classify_title`` reads a title;
``classify_draft`` places every chapter of a draft, saying when a place
was inferred rather than read (the merge turns that into a review note).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..reuse import Recovered, RSection

WORK, PROBLEMS, PLANS, OTHER = "work", "problems", "plans", "other"
KINDS = (WORK, PROBLEMS, PLANS, OTHER)
KIND_LABELS = {WORK: "主要工作", PROBLEMS: "存在的问题", PLANS: "工作打算", OTHER: "其他"}

# Checked in this order: "需要协调解决的问题" is a request, not a problem of the work;
# "存在问题及下步打算" is taken by its first words.
_OTHER = ("其他", "其它", "意见建议", "意见和建议", "有关建议", "相关建议", "工作建议", "建议",
          "协调解决", "需要解决", "需要支持", "请求", "诉求", "附件", "附表", "附：")
_PROBLEMS = ("存在的问题", "存在问题", "存在的不足", "存在不足", "问题与不足", "问题和不足",
             "问题及不足", "不足与问题", "不足之处", "困难和问题", "困难与问题", "困难问题",
             "问题和困难", "问题与困难", "短板弱项", "短板", "薄弱环节", "差距和不足", "差距与不足",
             "问题分析", "主要问题", "突出问题", "面临的困难", "存在困难")
_PLANS = ("工作打算", "工作计划", "工作思路", "工作安排", "工作设想", "工作要点", "下步", "下一步",
          "明年", "来年", "今后", "新的一年", "下一年", "下年度", "未来", "工作谋划", "谋划",
          "打算", "计划", "思路", "目标任务", "努力方向", "重点任务", "主要任务")
_WORK = ("主要工作", "工作开展情况", "开展情况", "工作完成情况", "完成情况", "工作情况",
         "主要成效", "工作成效", "取得成效", "取得的成效", "主要成绩", "工作成绩", "取得的成绩",
         "取得成绩", "成绩", "成效", "工作回顾", "回顾", "工作总结", "总结", "主要做法", "做法",
         "工作亮点", "亮点", "特色工作", "工作进展", "进展情况", "落实情况", "履职情况",
         "基本情况", "重点工作", "工作举措", "主要举措", "任务完成")
_DONE = ("完成情况", "落实情况", "执行情况", "开展情况", "进展情况", "推进情况", "成效", "成绩")
_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
_NUMBERING = re.compile(r"^[\s（(]*[一二三四五六七八九十\d]+[)）、.．]?\s*")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _first_hit(title: str, words: tuple[str, ...]) -> int | None:
    hits = [title.find(w) for w in words if w in title]
    return min(hits) if hits else None


def classify_title(title: str, year: int | None = None, *, by_year: bool = True) -> str | None:
    """The kind a chapter title names (``WORK``/``PROBLEMS``/``PLANS``/``OTHER``),
    or None when it names none.  ``year`` is the year summed up: a title
    about that year is work done, one about the next year a plan."""
    t = _squash(title)
    if not t:
        return None
    other = _first_hit(t, _OTHER)
    if other is not None and other <= min(
            x for x in (_first_hit(t, _PROBLEMS), _first_hit(t, _PLANS), _first_hit(t, _WORK), len(t))
            if x is not None):
        return OTHER
    hits = {kind: _first_hit(t, words) for kind, words in
            ((PROBLEMS, _PROBLEMS), (PLANS, _PLANS), (WORK, _WORK))}
    found = {k: v for k, v in hits.items() if v is not None}
    if found:
        years = [int(y) for y in _YEAR.findall(t)]
        if WORK in found and t.rstrip("。").endswith(_DONE) and PROBLEMS not in found:
            return WORK  # 2026年工作计划完成情况: what was done of the plan
        kind = min(found, key=lambda k: (found[k], (PROBLEMS, PLANS, WORK).index(k)))
        if year and years and kind == WORK and years[0] > year:
            return PLANS  # 2027年重点工作
        return kind
    if by_year and year:
        years = [int(y) for y in _YEAR.findall(t)]
        if years:
            if years[0] > year:
                return PLANS
            if years[0] == year:
                return WORK
    return None


def title_kind(title: str, year: int | None = None) -> str | None:
    """What a draft's own title says it is: only a summary → WORK, only a
    plan → PLANS, both or neither → None."""
    t = _squash(title)
    summary = any(w in t for w in ("总结", "工作情况", "开展情况", "完成情况", "述职", "汇报"))
    plan = any(w in t for w in ("计划", "打算", "要点", "思路", "安排"))
    if summary and not plan:
        return WORK
    if plan and not summary:
        return PLANS
    return None


_FILLER = re.compile(r"(?:19|20)\d\d\s*年度?|一年来|一年以来|今年以来|年来|年度|工作|主要|情况|今后|存在|"
                     r"以及|及|和|与|的|等|方面|"
                     r"全年|本年|今年|本年度|上半年|下半年|有关|全股|全科|全室|我股|我科|我室|我校|我园|"
                     r"[、，,。：:；;！!“”\"（）()]")


def is_generic(title: str, kind: str) -> bool:
    """A chapter title that only names its kind (2026年工作开展情况, 存在的问题,
    下一步工作打算): the bureau's chapter replaces it.  A title that says
    more (2026年党建工作, 强化师资建设) is kept as a heading of its own."""
    words = {WORK: _WORK, PROBLEMS: _PROBLEMS, PLANS: _PLANS, OTHER: _OTHER}.get(kind, ())
    t = _squash(title)
    for w in sorted(words, key=len, reverse=True):
        t = t.replace(w, "")
    t = _FILLER.sub("", t)
    return len(t) <= 1


@dataclass
class Placement:
    """A chapter of a draft and the kind it goes to."""

    section: RSection
    kind: str
    inferred: str = ""  # why the kind was inferred ("" when the title says it)


def classify_draft(rec: Recovered, year: int | None) -> list[Placement]:
    """Every chapter of a draft with its kind, in the draft's order.

    A chapter whose title names no kind takes the draft's own kind when the
    draft is only a summary or only a plan; in a draft with both, a topic
    chapter before the first problems/plans chapter is work done (drafts
    that list their work by topic) when no chapter is called work; anything
    else is ``OTHER``.  Children of a chapter that name another kind
    (（三）存在问题 inside 一、2026年工作总结) are placed on their own."""
    whole = title_kind(rec.title, year)
    named = [classify_title(s.title, year) for s in rec.sections]
    has_work = WORK in named
    first_later = next((i for i, k in enumerate(named) if k in (PROBLEMS, PLANS)), len(named))
    out: list[Placement] = []
    for i, (s, kind) in enumerate(zip(rec.sections, named)):
        inferred = ""
        if kind is None:
            if whole is not None:
                kind, inferred = whole, f"未写明类别，按材料标题归入“{KIND_LABELS[whole]}”"
            elif i < first_later and not has_work:
                kind, inferred = WORK, f"未写明类别，按所在位置归入“{KIND_LABELS[WORK]}”"
            else:
                kind, inferred = OTHER, "未能按标题归类"
        out.extend(_split_children(s, kind, inferred, year))
    return out


def _split_children(s: RSection, kind: str, inferred: str, year: int | None) -> list[Placement]:
    """The chapter, with children that name another kind taken out after it."""
    if kind == OTHER:
        return [Placement(s, kind, inferred)]
    moved: list[Placement] = []
    kept: list[RSection] = []
    for child in s.children:
        k = classify_title(child.title, year, by_year=False)
        if k in (PROBLEMS, PLANS) and k != kind and is_generic(child.title, k):
            moved.append(Placement(child, k, ""))
        else:
            kept.append(child)
    if not moved:
        return [Placement(s, kind, inferred)]
    head = RSection(level=s.level, number=s.number, title=s.title, body=list(s.body),
                    children=kept, run_in=s.run_in, value=s.value)
    return [Placement(head, kind, inferred)] + moved
