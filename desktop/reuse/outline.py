"""Recovering a document's outline from its paragraphs.

Input is the paragraph stream of a .docx (``wordxml.Para``): text, Word's
automatic label when the paragraph is numbered, the outline level of its
heading style, alignment.  Output is a ``Recovered`` document: title,
front matter (red header, 发文字号, 主送机关, a 印发通知 wrapped around it),
preamble, the section tree, closing paragraphs and the tail (附件, 署名,
成文日期, 附注, 版记).

Levels come from the markers' kinds (``markers``: 一、 （一） 1. （1） 1）
① 第一章 第一条 …) and their order in the document, whether typed or
produced by Word; heading styles give the level where there is no number.
How the reader decides is written down in docs/reader.md.

Closing paragraphs: this app's exporter writes them in their own style
(``gbt9704.CLOSING``, 公文结束语), so in its documents they are exactly the
paragraphs in that style after the last section; in documents written by
others they are guessed from their phrases (``_closing``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import numbering
from ..gbt9704 import CLOSING as _CLOSING_FORMAT
from . import frontmatter
from .lines import Line, normalise
from ..number_styles import STYLE_FORMS
from .markers import OFFICIAL_LEVEL, RUNS_ON, STRUCTURE, cn_text
from .upward import annex_start
from .wordxml import Para

_SENTENCE_END = "。！？"
MAX_RUN_IN_TITLE = 60
CLOSING_STYLE = _CLOSING_FORMAT.style_id  # styleId of the 结束语 paragraphs
_CLOSING_MARKERS = ("特此", "以上", "妥否", "请予", "新的一年", "新的一年里", "展望", "让我们",
                    "回顾", "总之", "总而言之", "我们将", "我局将", "今后")
_TITLE_TRAIL = "。；;：:"
MAX_LEVEL = 4  # the outline's levels (model.MAX_LEVEL); deeper items stay text



@dataclass
class RSection:
    level: int
    number: str  # bare number as written: "一", "12"; "" until numbered
    title: str
    body: list[str] = field(default_factory=list)
    children: list["RSection"] = field(default_factory=list)
    run_in: bool = False
    value: int | None = None  # the number's value, None for style headings
    style_form: str = ""  # number style when not the official form: "第{cn}章", "{n}）", "{circled}"
    printed: str = ""  # the marker as it was printed ("1、", "（一）"); "" = the level's official form

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    def to_json(self) -> dict:
        return {"level": self.level, "number": self.number, "marker": self.marker(),
                "title": self.title, "body": list(self.body),
                "children": [c.to_json() for c in self.children]}

    def marker(self) -> str:
        """The number as printed before the title: "一、", "第一章", "1）"."""
        if self.printed:
            return self.printed
        if self.style_form:
            return self.number if self.number.startswith("第") else \
                self.style_form.replace("{cn}", self.number).replace("{n}", self.number) \
                .replace("{circled}", self.number)
        if self.level not in numbering.LEVEL_FORMS or not self.number:
            return self.number
        prefix, suffix = numbering.LEVEL_FORMS[self.level]
        return f"{prefix}{self.number}{suffix}"


@dataclass
class Recovered:
    title: str = ""
    preamble: list[str] = field(default_factory=list)
    sections: list[RSection] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)
    recipients: str = ""
    header_text: str = ""
    doc_number: str = ""
    signature: str = ""
    date: str = ""  # ISO
    note: str = ""
    attachments: list[str] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    printer: str = ""
    print_date: str = ""
    as_notice: bool = False
    notice_title: str = ""
    notice_body: list[str] = field(default_factory=list)
    notice_attachments: list[str] = field(default_factory=list)
    notice_signature: str = ""
    notice_date: str = ""
    numbering_mode: str = "per_parent"
    signers: list[str] = field(default_factory=list)  # 签发人 of a 上行文

    def walk(self):
        for s in self.sections:
            yield from s.walk()

    def to_json(self) -> dict:
        """The CLI contract.  A covering notice and the text it issues in one
        file: the title is the notice's, the preamble the notice's body, the
        sections the issued text's; the issued text's own title heads the
        attachment list (docs/reader.md)."""
        title, preamble, attachments = self.title, list(self.preamble), list(self.attachments)
        if self.as_notice:
            title, preamble = self.notice_title, list(self.notice_body)
            own = list(self.notice_attachments) or ([self.title] if self.title else [])
            attachments = own + [a for a in attachments if a not in own]
        return {"title": title, "preamble": preamble,
                "sections": [s.to_json() for s in self.sections],
                "closing": list(self.closing), "attachments": attachments}


# -- run-in headings --------------------------------------------------------------
def split_run_in(text: str, limit: int = MAX_RUN_IN_TITLE) -> tuple[str, str]:
    """"认真总结规划，科学协调发展。认真总结……" → (title, rest).

    The title is the first sentence when it is short enough to be one; the
    full stop after it is dropped.  A heading that is all title loses a
    trailing 。 as well."""
    for k, ch in enumerate(text):
        if ch in _SENTENCE_END:
            if k + 1 >= len(text):
                return text[:k] if ch == "。" else text, ""
            if k <= limit:
                title = text[:k] if ch == "。" else text[:k + 1]
                rest = text[k + 1:].strip()
                if rest.startswith(("”", "’", "）", ")")):
                    return text, ""
                return title.strip(), rest
            break
    return text, ""



# -- the whole document -----------------------------------------------------------
def recover(paras: list[Para], *, closing_style: str | None = None) -> Recovered:
    """The outline of a paragraph stream.

    ``closing_style``: the document's id of the closing style when the
    document defines it (it comes from this app's exporter): its closing
    paragraphs are exactly those in that style, none is guessed from its
    phrases.  Without it, paragraphs in ``CLOSING_STYLE`` still close the
    document, and when there are none the closing is guessed."""
    rec = Recovered()
    lines = normalise(paras, closing_style or "", CLOSING_STYLE)
    annex = annex_start(lines)  # an attachment on pages of its own is not the document's text
    if annex is not None:
        lines = lines[:annex]
    for ln in lines:
        if ln.note and ("此件" in ln.text or "联系人" in ln.text) and not rec.note:
            rec.note = ln.text.strip()[1:-1].strip()
    # a file that is itself an attachment starts with "附件" / "附件1" alone
    while lines and frontmatter.ATTACHMENT_HEAD.match(lines[0].text):
        lines.pop(0)
    if not lines:
        return rec
    # A heading-styled first paragraph alone at its level is the title.
    if lines[0].styled and not any(ln.styled and ln.kind == lines[0].kind for ln in lines[1:]):
        lines[0].unhead()
    frontmatter.mark_attachment_lists(lines)
    first = next((k for k, ln in enumerate(lines) if ln.heading), None)
    if first is None:
        end = frontmatter.tail(lines, 0, rec)
        end = _styled_closing(lines, 0, end, rec)
        frontmatter.front(lines, end, rec)
        return rec
    frontmatter.front(lines, first, rec)
    end = frontmatter.main_text_end(lines, first)
    lines = lines[:end]
    last_heading = max(k for k, ln in enumerate(lines) if ln.heading)
    body_end = max(frontmatter.tail(lines, last_heading + 1, rec), last_heading + 1)
    body_end = _styled_closing(lines, last_heading + 1, body_end, rec)
    body = [ln for ln in lines[first:body_end] if not ln.note and not ln.attach]
    give_levels(body)
    rec.sections = _tree(body)
    _number_styled(rec.sections)
    if not rec.closing and not closing_style:
        rec.closing = _closing(rec)
    rec.numbering_mode = detect_numbering_mode(rec.sections)
    return rec


def _family(kind: str) -> str:
    """The family of a kind's ``_rank`` ("structure", "official", "style"), "" when unknown."""
    rank = _rank(kind)
    return rank[0] if rank else ""


def _rank(kind: str) -> tuple[str, int] | None:
    """(family, depth) of a kind, for the kinds whose order is known."""
    if kind in STRUCTURE:
        return "structure", STRUCTURE.index(kind)
    if kind in OFFICIAL_LEVEL:
        return "official", OFFICIAL_LEVEL[kind]
    if kind.startswith("style:"):
        return "style", int(kind[6:])
    return None


def _outranks(new: str, top: str) -> bool:
    """A heading of kind ``new`` closes an open list of kind ``top``."""
    a, b = _rank(new), _rank(top)
    if a is None or b is None:
        return False
    if a[0] == b[0]:
        return a[1] < b[1]
    # a chapter/article closes any list inside it; a style heading closes numbered lists
    return a[0] == "structure" or (a[0] == "style" and b[0] == "official")


def give_levels(lines: list[Line]) -> None:
    """Levels from the kinds' order: a kind already open is a sibling of
    that list (deeper lists close); a new kind opens a list inside the
    current one, after closing lists it outranks.  The official forms keep
    their level when the document skips one (一、 straight to 1. is 1 and 3)."""
    stack: list[tuple[str, int]] = []
    for ln in lines:
        if ln.kind is None:
            continue
        kind = ln.kind
        at = next((k for k in range(len(stack) - 1, -1, -1) if stack[k][0] == kind), None)
        if at is not None:
            del stack[at:]
        else:
            while stack and _outranks(kind, stack[-1][0]):
                stack.pop()
        parent = stack[-1][1] if stack else 0
        level = parent + 1
        official = OFFICIAL_LEVEL.get(kind)
        if official and official > parent and not any(_family(k) == "structure" for k, _ in stack):
            level = official
        if official and level != official:
            # （一） under an article is level 3, whose official form is 1.: keep it as written
            ln.style_form = STYLE_FORMS[kind]
        ln.level = level
        stack.append((kind, level))


def _tree(lines: list[Line]) -> list[RSection]:
    roots: list[RSection] = []
    stack: list[RSection] = []
    for ln in lines:
        if ln.level is not None and ln.level > MAX_LEVEL:
            ln.level = None  # deeper than the four levels of the outline: text of its parent
        if ln.level is None:
            if stack:
                stack[-1].body.append(ln.text)
            continue
        title = ln.title
        body_first = ""
        run_in = False
        if ln.kind in RUNS_ON:
            # an article (第X条) is a numbered paragraph of text: no title, the
            # number set apart before its text, printed as written (its 。 kept)
            title, body_first, run_in = "", ln.title, True
        elif not ln.styled:
            title, body_first = split_run_in(ln.title, MAX_RUN_IN_TITLE)
            run_in = bool(body_first) and ln.level >= 3
        title = title.rstrip(_TITLE_TRAIL).strip() if len(title) > 1 else title
        sec = RSection(level=ln.level, number=ln.number, title=title, run_in=run_in,
                       value=ln.value, style_form=ln.style_form, printed=ln.printed)
        if body_first:
            sec.body.append(body_first)
        while stack and stack[-1].level >= sec.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(sec)
        stack.append(sec)
    return roots


def _number_styled(items: list[RSection]) -> None:
    counts: dict[int, int] = {}
    for s in items:
        counts[s.level] = counts.get(s.level, 0) + 1
        if not s.number:
            s.value = counts[s.level]
            s.number = cn_text(s.value) if s.level in (1, 2) else str(s.value)
        _number_styled(s.children)


def _styled_closing(lines: list[Line], start: int, end: int, rec: Recovered) -> int:
    """The paragraphs in the closing style that end ``lines[start:end]``
    (after the last section, before the signature block) go to
    ``rec.closing``; returns where the body before them ends."""
    k = end
    while k > start and lines[k - 1].closing:
        k -= 1
    rec.closing = [ln.text for ln in lines[k:end]]
    return k


def _closing(rec: Recovered) -> list[str]:
    """Paragraphs after the last section that close the whole document.

    They are written after the last item, so they sit in its body; they are
    taken out when they read like a conclusion, or when the last item is a
    run-in heading among run-in siblings that carry no extra paragraphs."""
    if not rec.sections:
        return []
    last_top = rec.sections[-1]
    chain = [last_top]
    while chain[-1].children:
        chain.append(chain[-1].children[-1])
    last = chain[-1]
    if not last.body:
        return []
    start = len(last.body)
    for k in range(len(last.body) - 1, 0 if last.run_in else -1, -1):
        if last.body[k].startswith(_CLOSING_MARKERS):
            start = k
    if start == len(last.body) and len(last.body) > 1 and last.title:
        # every earlier sibling has exactly one paragraph: the extra ones close the document
        # (not after an article: it has no heading, its paragraphs are its own)
        siblings = chain[-2].children[:-1] if len(chain) > 1 else rec.sections[:-1]
        if (len(siblings) >= 2 or (siblings and last.run_in)) \
                and all(len(s.body) == 1 and not s.children for s in siblings) \
                and all(s.run_in == last.run_in for s in siblings):
            start = 1
    if start >= len(last.body):
        return []
    closing = last.body[start:]
    del last.body[start:]
    return closing


def detect_numbering_mode(sections: list[RSection]) -> str:
    """How level-3 numbers run: restart under each parent, per chapter or
    through the whole document — whichever the written numbers match
    (counted by the renderer's own sequence, ``numbering.Level3Counter``)."""
    return numbering.detect_numbering_mode(sections)
