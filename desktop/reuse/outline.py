"""Recovering a document's outline from its paragraphs.

Input is the paragraph stream of a .docx (``wordxml.Para``): text, Word's
automatic label when the paragraph is numbered, the outline level of its
heading style, alignment.  Output is a ``Recovered`` document: title,
front matter (red header, 发文字号, 主送机关, a 印发通知 wrapped around it),
preamble, the section tree, closing paragraphs and the tail (附件, 署名,
成文日期, 附注, 版记).

Levels come from the numbering form (一、 > （一） > 1. > （1）, see
``desktop.numbering.parse_number``) whether typed or produced by Word;
heading styles give the level where there is no number.

Closing paragraphs: this app's exporter writes them in their own style
(``gbt9704.CLOSING``, 公文结束语), so in its documents they are exactly the
paragraphs in that style after the last section; in documents written by
others they are guessed from their phrases (``_closing``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import numbering
from ..gbt9704 import CLOSING as _CLOSING_FORMAT
from ..numbering import from_chinese, number_text, parse_number
from .upward import annex_start, issuer_line
from .wordxml import Para

_DATE = re.compile(r"^(\d{4}|[〇○零一二三四五六七八九]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月"
                   r"\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日$")
_DOC_NUMBER = re.compile(r"^\S{1,20}[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d{1,4}\s*号$")
# searched, not matched with a lazy prefix: "^(.*?)[\s|]*…" backtracks
# quadratically on a long run of "|" (the printer is what precedes the date)
_PRINTER = re.compile(r"(\d{4}年\d{1,2}月\d{1,2}日)\s*印发$")
_CC = re.compile(r"^抄\s*送\s*[：:]\s*(.+)$")
_ATTACHMENT = re.compile(r"^附\s*件\s*[：:]\s*(.*)$")
_PAGE_NUMBER = re.compile(r"^[—－\-–]\s*\d+\s*[—－\-–]$")
_NOTICE = re.compile(r"关于印发\s*(?:《(.+?)》)?.*的通知$")
_SENTENCE_END = "。！？"
MAX_RUN_IN_TITLE = 60
MAX_TITLE = 80
MAX_NOTICE_TITLE = 300  # longer is no notice title (and keeps _NOTICE linear)
CLOSING_STYLE = _CLOSING_FORMAT.style_id  # styleId of the 结束语 paragraphs
_CLOSING_MARKERS = ("特此", "以上", "妥否", "请予", "新的一年", "新的一年里", "展望", "让我们",
                    "回顾", "总之", "总而言之", "我们将", "我局将", "今后")


@dataclass
class RSection:
    level: int
    number: str  # bare number as written: "一", "12"; "" until numbered
    title: str
    body: list[str] = field(default_factory=list)
    children: list["RSection"] = field(default_factory=list)
    run_in: bool = False
    value: int | None = None  # the number's value, None for style headings

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()

    def to_json(self) -> dict:
        return {"level": self.level, "number": self.number, "title": self.title,
                "body": list(self.body), "children": [c.to_json() for c in self.children]}


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
    numbering_mode: str = "per_parent"
    signers: list[str] = field(default_factory=list)  # 签发人 of a 上行文

    def walk(self):
        for s in self.sections:
            yield from s.walk()

    def to_json(self) -> dict:
        return {"title": self.title, "preamble": list(self.preamble),
                "sections": [s.to_json() for s in self.sections],
                "closing": list(self.closing)}


# -- small recognisers ------------------------------------------------------------
def _cn_or_int(text: str) -> int:
    if text.isdigit():
        return int(text)
    return from_chinese(text)


def parse_date(text: str) -> str | None:
    """"2026年11月22日" or "二〇二二年十二月一日" → ISO, else None."""
    m = _DATE.match(_squash(text))
    if not m:
        return None
    y, mo, d = m.groups()
    if not y.isdigit():
        y = "".join(str("〇一二三四五六七八九".index(c)) if c in "〇一二三四五六七八九"
                    else "0" for c in y)
    try:
        year, month, day = int(y), _cn_or_int(mo), _cn_or_int(d)
    except (ValueError, TypeError):
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _is_short_line(text: str, limit: int = 40) -> bool:
    return len(text) <= limit and not any(c in text for c in "。，；;,")


@dataclass
class _Line:
    text: str
    align: str = ""
    in_table: bool = False
    page_break: bool = False
    level: int | None = None  # heading level when the line is a heading
    value: int | None = None
    number: str = ""
    title: str = ""
    styled: bool = False  # heading by style, no number
    closing: bool = False  # in the closing style (never a heading)


def _normalise(paras: list[Para], closing_style: str = "") -> list[_Line]:
    lines: list[_Line] = []
    pending_break = False
    for p in paras:
        text = p.text.replace("\n", "").replace("\u3000", " ").strip()
        text = re.sub(r"[ \t]{2,}", " ", text) if "\t" in text or "  " in text else text
        label = (p.label or "").strip()
        if not text and not label:
            pending_break = pending_break or p.page_break_before
            continue
        if not text:  # a numbered empty paragraph still counts; shows no heading
            continue
        if _PAGE_NUMBER.match(text):
            continue
        line = _Line(text, p.align, p.in_table, p.page_break_before or pending_break)
        pending_break = False
        if p.in_table:
            lines.append(line)
            continue
        if p.style and p.style in (closing_style, CLOSING_STYLE):
            # a 结束语 paragraph is text, even one that starts like a number
            line.closing = True
            line.text = f"{label}{text}"
            lines.append(line)
            continue
        parsed = parse_number(label) if label else None
        if label and parsed and parsed.length >= len(label.rstrip()):
            line.level, line.value, line.number = parsed.level, parsed.value, parsed.number
            line.title = text
        else:
            if label:
                text = f"{label}{text}"
                line.text = text
            parsed = parse_number(text)
            if parsed and text[parsed.length:].strip():
                line.level, line.value, line.number = parsed.level, parsed.value, parsed.number
                line.title = text[parsed.length:].strip()
            elif p.outline is not None and 0 <= p.outline <= 3 and len(text) <= MAX_TITLE:
                line.level, line.styled, line.title = p.outline + 1, True, text
        lines.append(line)
    return lines


# -- the front matter -------------------------------------------------------------
def _title_run(lines: list[_Line], i: int, end: int) -> tuple[str, int]:
    """Title lines starting at i (consecutive centred lines, or one line)."""
    first = lines[i]
    parts = [first.text]
    j = i + 1
    if first.align == "center":
        while j < end:
            ln = lines[j]
            if (ln.align != "center" or ln.level is not None or ln.in_table
                    or ln.text.endswith(("。", "：", ":")) or parse_date(ln.text)
                    or len(ln.text) > MAX_TITLE or ln.page_break):
                break
            parts.append(ln.text)
            j += 1
    return "".join(parts), j


def _front(lines: list[_Line], first_heading: int, rec: Recovered) -> None:
    i = 0
    end = first_heading
    if i < end and lines[i].text.endswith("文件") and len(lines[i].text) <= 40 \
            and lines[i].level is None:
        rec.header_text = lines[i].text
        i += 1
    if i < end and _DOC_NUMBER.match(_squash(lines[i].text)):
        rec.doc_number = lines[i].text.replace(" ", "")
        i += 1
    while i < end and (found := issuer_line(lines[i].text, bool(rec.signers))):  # 上行文
        rec.doc_number = found[0] or rec.doc_number
        rec.signers.extend(found[1])
        i += 1
    if i >= end:
        return
    title, i = _title_run(lines, i, end)
    squashed = _squash(title)
    # the suffix test first: a long title without it would make the search quadratic
    m = _NOTICE.search(squashed) if len(squashed) <= MAX_NOTICE_TITLE and squashed.endswith("的通知") \
        else None
    if m:
        rec.as_notice = True
        rec.notice_title = title
        inner = _squash(m.group(1) or "")
        # the notice: recipients, body, attachments, signature, date, then the title
        if i < end and _is_recipients(lines[i].text):
            rec.recipients = lines[i].text.rstrip("：:").strip()
            i += 1
        body_start = i
        k = i
        real = None
        while k < end:
            t = _squash(lines[k].text)
            if inner and t == inner:
                real = k
                break
            if lines[k].page_break and k > body_start:
                real = k
                break
            k += 1
        if real is None:
            # no page break and no repeated title: the notice ends at its date
            for k in range(body_start, end):
                if parse_date(lines[k].text):
                    real = k + 1
                    break
        if real is None:
            real = end
        notice = [ln.text for ln in lines[body_start:real]]
        tail = _tail_of(notice, rec)
        rec.notice_body = notice[:tail]
        i = real
        if i < end:
            title, i = _title_run(lines, i, end)
        else:
            title = m.group(1) or title
    rec.title = title
    if i < end and _is_recipients(lines[i].text) and not rec.recipients:
        rec.recipients = lines[i].text.rstrip("：:").strip()
        i += 1
    rec.preamble = [ln.text for ln in lines[i:end]]


def _is_recipients(text: str) -> bool:
    return text.endswith(("：", ":")) and len(text) <= 100 and "。" not in text \
        and not _ATTACHMENT.match(text)


def _tail_of(texts: list[str], rec: Recovered, text_only: frozenset[int] = frozenset()) -> int:
    """Find 附件/署名/成文日期/附注 at the end of ``texts``; fill ``rec``
    and return where the body ends.  ``text_only``: indices of paragraphs
    known to be text (the closing), never a signature."""
    end = len(texts)
    date_at = None
    for k in range(end - 1, max(-1, end - 4), -1):
        if parse_date(texts[k]):
            date_at = k
            break
    if date_at is None:
        return _attachments_of(texts, end, rec)
    rec.date = parse_date(texts[date_at]) or ""
    for t in texts[date_at + 1:]:
        if re.match(r"^[（(].+[）)]$", t):
            rec.note = t[1:-1].strip()
    body_end = date_at
    if date_at > 0 and _is_short_line(texts[date_at - 1]) and not _ATTACHMENT.match(texts[date_at - 1]) \
            and parse_number(texts[date_at - 1]) is None and date_at - 1 not in text_only:
        rec.signature = texts[date_at - 1]
        body_end = date_at - 1
    return _attachments_of(texts, body_end, rec)


def _attachments_of(texts: list[str], end: int, rec: Recovered) -> int:
    for k in range(end - 1, max(-1, end - 12), -1):
        m = _ATTACHMENT.match(texts[k])
        if m:
            names = [m.group(1)] + texts[k + 1:end]
            cleaned = []
            for n in names:
                n = re.sub(r"^\s*\d{1,2}\s*[.．、]\s*", "", n).strip()
                if n:
                    cleaned.append(n)
            rec.attachments = cleaned
            return k
    return end


def _back(lines: list[_Line], start: int, rec: Recovered) -> int:
    """The 版记 and the signature block after the body; returns body end."""
    end = len(lines)
    # 版记: 抄送 and 印发 lines at the very end
    while end > start:
        t = lines[end - 1].text
        squashed = _squash(t) if "印发" in t else ""
        m = _PRINTER.search(squashed) if squashed.endswith("印发") else None
        if m:
            rec.printer = squashed[:m.start()].strip(" |")
            rec.print_date = parse_date(m.group(1)) or ""
            end -= 1
            continue
        mc = _CC.match(t)
        if mc:
            items = re.split(r"[，,、]", mc.group(1).rstrip("。."))
            rec.cc = [x.strip() for x in items if x.strip()] + rec.cc
            end -= 1
            continue
        break
    texts = [ln.text for ln in lines[start:end]]
    closing = frozenset(k for k, ln in enumerate(lines[start:end]) if ln.closing)
    return start + _tail_of(texts, rec, closing)


# -- run-in headings --------------------------------------------------------------
def split_run_in(text: str) -> tuple[str, str]:
    """"认真总结规划，科学协调发展。认真总结……" → (title, rest).

    The title is the first sentence when it is short enough to be one; the
    full stop after it is dropped.  A heading that is all title loses a
    trailing 。 as well."""
    for k, ch in enumerate(text):
        if ch in _SENTENCE_END:
            if k + 1 >= len(text):
                return text[:k] if ch == "。" else text, ""
            if k <= MAX_RUN_IN_TITLE:
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
    lines = _normalise(paras, closing_style or "")
    annex = annex_start(lines)  # an attachment on its own pages is not the document's text
    if annex is not None:
        lines = lines[:annex]
    if not lines:
        return rec
    # A heading-styled first paragraph alone at its level is the title.
    if lines[0].styled and not any(ln.styled and ln.level == lines[0].level for ln in lines[1:]):
        lines[0].level, lines[0].styled = None, False
    # Lines after 附件： at the end are attachment names, not headings.
    for k in range(len(lines) - 1, max(-1, len(lines) - 20), -1):
        if _ATTACHMENT.match(lines[k].text):
            for ln in lines[k:]:
                ln.level, ln.styled = None, False
            break
    first = next((k for k, ln in enumerate(lines) if ln.level is not None), None)
    if first is None:
        body_end = _styled_closing(lines, 0, _back(lines, 0, rec), rec)
        _front(lines, body_end, rec)
        return rec
    _front(lines, first, rec)
    last_heading = max(k for k, ln in enumerate(lines) if ln.level is not None)
    body_end = max(_back(lines, last_heading + 1, rec), last_heading + 1)
    body_end = _styled_closing(lines, last_heading + 1, body_end, rec)
    _remap_styled(lines[first:body_end])
    rec.sections = _tree(lines[first:body_end])
    _number_styled(rec.sections)
    if not rec.closing and not closing_style:
        rec.closing = _closing(rec)
    rec.numbering_mode = detect_numbering_mode(rec.sections)
    return rec


def _remap_styled(lines: list[_Line]) -> None:
    """Style headings without numbers: outline levels used → levels 1, 2 … so
    that a document whose chapters are Heading 2 still starts at 一、."""
    used = sorted({ln.level for ln in lines if ln.styled})
    if not used or any(ln.level is not None and not ln.styled for ln in lines):
        return
    mapping = {lv: min(i + 1, 4) for i, lv in enumerate(used)}
    for ln in lines:
        if ln.styled:
            ln.level = mapping[ln.level]


def _tree(lines: list[_Line]) -> list[RSection]:
    roots: list[RSection] = []
    stack: list[RSection] = []
    for ln in lines:
        if ln.level is None:
            if stack:
                stack[-1].body.append(ln.text)
            continue
        title = ln.title
        body_first = ""
        run_in = False
        if not ln.styled:
            title, body_first = split_run_in(ln.title)
            run_in = bool(body_first) and ln.level >= 3
        sec = RSection(level=ln.level, number=ln.number, title=title, run_in=run_in,
                       value=ln.value)
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
            s.number = number_text(s.level, s.value)
        _number_styled(s.children)


def _styled_closing(lines: list[_Line], start: int, end: int, rec: Recovered) -> int:
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
    if start == len(last.body) and len(last.body) > 1:
        # every earlier sibling has exactly one paragraph: the extra ones close the document
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
