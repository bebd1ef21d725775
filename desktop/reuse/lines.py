"""Paragraphs as lines the outline recovery reads, and small recognisers.

``normalise`` turns the paragraph stream (``wordxml.Para``) into ``Line``
objects: text with spaces tidied, the marker that starts it (typed, or
Word's automatic label — see ``markers``), the heading level of its style
when it has no number, whether an empty paragraph stood before it (a gap),
and whether it is furniture that is never text of the document: rule lines
drawn with characters (───), page numbers, （此页无正文）, （此件公开发布）,
信息公开选项.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .markers import Marker, parse_marker, style_of
from .wordxml import Para

DOC_NUMBER = re.compile(r"^\S{1,30}[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d{1,4}\s*号$")
PAGE_NUMBER = re.compile(r"^[—－\-–]\s*\d+\s*[—－\-–]$")
RULE_LINE = re.compile(r"^[\s─━—－\-–_＿=＝═~～·•*＊]+$")
ATTACHMENT = re.compile(r"^附\s*件\s*[：:]\s*(.*)$")
# "附件1：推荐汇总表" — one attachment per line, numbered after 附件
ATTACHMENT_ITEM = re.compile(r"^附\s*件\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*[：:.．、]\s*(\S.*)$")
ATTACHMENT_HEAD = re.compile(r"^附\s*件\s*(?:[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})?\s*[：:]?$")
NOT_TEXT = re.compile(r"^[（(]\s*(?:此页无正文|此件[^）)]{0,8}公开[^）)]{0,6}|此件不公开|此件不予公开)\s*[）)]$"
                      r"|^[（(]\s*联系人\s*[：:][^（）()]{1,60}[）)]$"  # a 上行文's 附注 (GB/T 9704 7.3.7)
                      r"|^信息公开(?:选项|方式|属性)\s*[：:]")
CONTACT = re.compile(r"^(?:联\s*系\s*人|联系电话|联系方式|电\s*话|邮\s*箱|电子邮箱|传\s*真|地\s*址|"
                     r"咨询电话|技术支持)\s*[：:]")
MAX_TITLE = 80


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def is_short_line(text: str, limit: int = 40) -> bool:
    return len(text) <= limit and not any(c in text for c in "。，；;,")


_CJK_SPACE = re.compile(r"(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])")


def tidy_heading(title: str) -> str:
    """"总  则" → "总则": spaces that only spread a short heading out."""
    if len(title) <= 20 and not any(c in title for c in "，。；："):
        return _CJK_SPACE.sub("", title)
    return title


@dataclass
class Line:
    text: str
    align: str = ""
    in_table: bool = False
    page_break: bool = False
    gap: bool = False  # an empty paragraph stood before it
    level: int | None = None  # heading level once levels are given
    kind: str | None = None  # marker kind ("cn", "article" …) or "style:N"; None = text
    value: int | None = None
    number: str = ""  # as seen: "一", "1", "第一章"
    style_form: str = ""  # number style when not an official form: "第{cn}章", "{n}）"
    printed: str = ""  # the marker as printed: "（一）", "1、", "第一章"
    rule_before: bool = False  # a rule line (───) stood before it
    title: str = ""
    styled: bool = False  # heading by style, no number
    closing: bool = False  # in the closing style (never a heading)
    style: str = ""
    outline: int | None = None  # the paragraph's heading level by style (0-based)
    note: bool = False  # （此页无正文）, （此件公开发布）, 信息公开选项: never text
    attach: bool = False  # part of a 附件 list
    attach_names: list[str] | None = None  # on the list's first line: the attachments

    @property
    def heading(self) -> bool:
        return self.kind is not None

    def unhead(self) -> None:
        self.kind = None
        self.level = None
        self.styled = False


def _label_marker(label: str) -> Marker | None:
    return parse_marker(label, whole=True)


def normalise(paras: list[Para], closing_style: str = "", closing_default: str = "") -> list[Line]:
    lines: list[Line] = []
    pending_break = False
    gap = rule = False
    for p in paras:
        text = p.text.replace("\n", "").replace("\u3000", " ").replace("\xa0", " ").strip()
        if "\t" in text or "  " in text:
            text = re.sub(r"[ \t]{2,}|\t", " ", text)
        label = (p.label or "").strip()
        if not text and not label:
            pending_break = pending_break or p.page_break_before
            gap = True
            continue
        if not text:  # a numbered empty paragraph still counts; shows no heading
            continue
        if PAGE_NUMBER.match(text) or RULE_LINE.match(text):
            gap = True
            rule = rule or bool(RULE_LINE.match(text))
            continue
        line = Line(text, p.align, p.in_table, p.page_break_before or pending_break, gap, style=p.style,
                    rule_before=rule, outline=p.outline)
        pending_break = gap = rule = False
        lines.append(line)
        if NOT_TEXT.match(squash(text)):
            line.note = True
            continue
        if p.in_table:
            continue
        if p.style and p.style in (closing_style, closing_default):
            # a 结束语 paragraph is text, even one that starts like a number
            line.closing = True
            line.text = f"{label}{text}"
            continue
        marker = _label_marker(label) if label else None
        if marker is not None:
            title = text
        elif label:
            # an automatic number in a form not read here (roman, letters …): text as printed
            text = f"{label}{text}"
            line.text = text
            marker = None
        if marker is None:
            marker = parse_marker(text)
            title = text[marker.length:].strip() if marker else ""
            if marker is not None and not title:
                marker = None
        if marker is not None:
            line.kind, line.value, line.number = marker.kind, marker.value, marker.number
            line.style_form = style_of(marker)
            line.printed = marker.text
            line.title = tidy_heading(title)
        elif p.outline is not None and 0 <= p.outline <= 8 and len(text) <= MAX_TITLE:
            line.kind, line.styled, line.title = f"style:{p.outline}", True, tidy_heading(text)
    _unstyle_body_styles(lines)
    return lines


def _unstyle_body_styles(lines: list[Line]) -> None:
    """A heading style that also carries sentences (WPS and Word documents
    written entirely in one "标题" style) is this document's body style: its
    unnumbered paragraphs are text, not headings."""
    stats: dict[int, list[int]] = {}
    for ln in lines:
        if ln.outline is not None and not ln.in_table:
            s = stats.setdefault(ln.outline, [0, 0])
            s[0] += 1
            numbered = ln.heading and not ln.styled
            s[1] += (ln.text.endswith(("。", "；", ";")) and not numbered) or len(ln.text) > MAX_TITLE
    body_levels = {lv for lv, (n, sentences) in stats.items() if n >= 4 and sentences * 4 >= n}
    if body_levels:
        for ln in lines:
            if ln.styled and ln.outline in body_levels:
                ln.unhead()
