"""A Word file as it is written: its paragraphs, as typed, each with the
part of the document it is (title, 发文字号, 主送机关, heading, body, 署名,
成文日期, 附件, 版记 …).

This is the proofreader's view of a .docx (or a .doc/.wps converted by
LibreOffice, or a text file or web page): nothing is re-typeset, so typed
numbers keep their punctuation and a date line keeps its zeros.
Paragraphs come from the reader's ``desktop.reuse.read_paragraphs`` and
keep its index (the place in the file's paragraph stream: every paragraph,
empty ones included, a table row as one paragraph); findings point at it.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..dates import parse_written_date
from ..errors import DrafterError
from ..numbering import parse_outline_number
from .kinds import Kind, kind_of

# whole-paragraph forms
DOC_NUMBER_LINE = re.compile(
    r"^\s*[\u4e00-\u9fffA-Za-z]{1,20}\s*[〔\[［(（【]\s*\d{4}\s*[〕\]］)）】]\s*(?:第\s*)?\d{0,4}\s*号\s*$")
_PRINTER = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印\s*发\s*$")
_IMPRINT_START = re.compile(r"^\s*(?:抄\s*送|信息公开选项|公开方式)\s*[：:]")
_NOTE = re.compile(r"^\s*[（(](?:此件|此页)[^）)]*[）)]\s*$")
_PAGE_NUMBER = re.compile(r"^\s*[—－\-–]\s*\d+\s*[—－\-–]\s*$")
_ATTACHMENT_LIST = re.compile(r"^\s*附\s*件\s*[：:]")
_ATTACHMENT_MARK = re.compile(r"^\s*附\s*件\s*\d{0,2}\s*$")
_CHAPTER = re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]+[章编节]")
_ARTICLE = re.compile(r"^\s*第[一二三四五六七八九十百零〇\d]+条")
_CONTINUED_ITEM = re.compile(r"^\s*(\d{1,3})\.(?=\d)")  # "2.2019年度…": item 2, then text
_SENTENCE_END = "。！？；"

# roles of a paragraph
HEADER, DOC_NUMBER, TITLE, RECIPIENTS, HEADING, BODY = \
    "header", "doc_number", "title", "recipients", "heading", "body"
SIGNATURE, DATE, ATTACHMENT, MARK, IMPRINT, NOTE, TABLE, PAGE, EMPTY = \
    "signature", "date", "attachment", "attachment_mark", "imprint", "note", "table", "page", "empty"


@dataclass
class WrittenLine:
    index: int  # paragraph index in the file, as the reader numbers them
    text: str  # as typed (Word's automatic number is in ``label``)
    label: str = ""  # Word's automatic number as printed, "" when none
    role: str = BODY
    level: int | None = None  # heading level (一、=1, （一）=2, 1.=3, （1）=4)
    value: int | None = None
    number_end: int = 0  # characters of ``text`` taken by a typed number
    section: str = ""  # numbered path of the heading the line is in ("二/（一）")
    align: str = ""
    attached: bool = False  # in a text attached after 附件 (its numbering restarts)

    @property
    def typed_number(self) -> str:
        return self.text[:self.number_end]


@dataclass
class WrittenDocument:
    path: str
    lines: list[WrittenLine]
    title: str = ""
    kind: Kind = field(default_factory=lambda: kind_of(""))
    year: int | None = None
    date: str = ""  # ISO 成文日期, "" when none is written
    print_date: str = ""  # ISO 印发日期
    doc_number: str = ""

    def of_role(self, *roles: str) -> list[WrittenLine]:
        return [ln for ln in self.lines if ln.role in roles]


# -- reading ---------------------------------------------------------------------------
@dataclass
class _Para:
    text: str
    label: str = ""
    align: str = ""
    in_table: bool = False
    outline: int | None = None
    index: int | None = None  # in the file's paragraph stream, when the reader gives it


def read_paragraphs(path: str | os.PathLike) -> list[_Para]:
    """The file's paragraphs as typed, through the reader's public
    paragraph-level reading (``desktop.reuse.read_paragraphs``)."""
    from ..reuse import read_paragraphs as typed_paragraphs
    p = Path(path)
    if p.suffix.lower() == ".rdraft":
        raise DrafterError("不是 Word 文档", path=str(p))
    return [_Para(t.text, t.label or "", t.align, t.in_table, t.outline, t.index)
            for t in typed_paragraphs(p)]


# -- parts of the document -------------------------------------------------------------
def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _is_recipients(text: str) -> bool:
    t = text.strip()
    return t.endswith(("：", ":")) and 2 <= len(t) <= 100 and "。" not in t \
        and not _ATTACHMENT_LIST.match(t) and not re.match(r"^.{0,6}(?:联系|电话|邮箱|地址)", t)


def _is_short(text: str, limit: int = 40) -> bool:
    t = text.strip()
    return 0 < len(t) <= limit and not any(c in t for c in "。，；;,：:")


def _number_of(line: WrittenLine) -> None:
    if line.label:
        pn = parse_outline_number(line.label)
        if pn is not None and pn.length >= len(line.label.rstrip()):
            line.level, line.value = pn.level, pn.value
        return
    pn = parse_outline_number(line.text)
    if pn is not None and line.text[pn.length:].strip():
        line.level, line.value, line.number_end = pn.level, pn.value, pn.length


def classify(paras: list[_Para]) -> list[WrittenLine]:
    lines = [WrittenLine(i if p.index is None else p.index, p.text, p.label, align=p.align)
             for i, p in enumerate(paras)]
    for ln, p in zip(lines, paras):
        if not ln.text.strip():
            ln.role = EMPTY
        elif p.in_table:
            ln.role = TABLE
    filled = [ln for ln in lines if ln.role != EMPTY]
    # the 版记 and page numbers
    for ln in filled:
        t = ln.text.strip()
        if _PAGE_NUMBER.match(t):
            ln.role = PAGE
        elif _PRINTER.search(t) or _IMPRINT_START.match(t):
            ln.role = IMPRINT
        elif _NOTE.match(t):
            ln.role = NOTE
        elif parse_written_date(t) is not None:
            ln.role = DATE
        elif ln.role == TABLE and any(parse_written_date(c) for c in t.split("|")) \
                and not _PRINTER.search(t):
            ln.role = DATE  # a signature block laid out in a table
    # the signature: short lines right before a date line
    for k, ln in enumerate(filled):
        if ln.role != DATE:
            continue
        j = k - 1
        taken = 0
        while j >= 0 and taken < 3 and filled[j].role in (BODY, TABLE) and _is_short(filled[j].text) \
                and parse_outline_number(filled[j].text.strip()) is None \
                and not re.match(r"^\d{1,2}\s*[.．、]", filled[j].text.strip()) \
                and not _ATTACHMENT_LIST.match(filled[j].text):
            filled[j].role = SIGNATURE
            taken += 1
            j -= 1
    # attachments: "附件：1.…" and its list; "附件" alone starts an attached text
    attached = False
    in_list = False
    for ln in filled:
        t = ln.text.strip()
        if ln.role != BODY:
            in_list = False
            continue
        if _ATTACHMENT_LIST.match(t):
            ln.role, in_list = ATTACHMENT, True
            continue
        if in_list and (re.match(r"^\d{1,2}\s*[.．、]", t) or ln.text[:1] in " \u3000\t"
                        or (len(t) <= 60 and not t.endswith(tuple(_SENTENCE_END)))):
            ln.role = ATTACHMENT
            continue
        in_list = False
        if _ATTACHMENT_MARK.match(t):
            ln.role = MARK
            attached = True
            continue
        ln.attached = attached
    _front(filled)
    # headings and sections
    path: dict[int, str] = {}
    for ln in filled:
        if ln.role == MARK:
            path = {}
        if ln.role not in (BODY,):
            if ln.role in (TABLE, NOTE):
                ln.section = "/".join(path[k] for k in sorted(path))
            continue
        _number_of(ln)
        if ln.level is not None:
            ln.role = HEADING
            for deeper in [k for k in path if k >= ln.level]:
                del path[deeper]
            shown = ln.label.strip() or ln.typed_number.strip()
            path[ln.level] = re.sub(r"[（）()、.．，,\s]", "", shown) or str(ln.value)
        ln.section = "/".join(path[k] for k in sorted(path))
    return lines


def _front(filled: list[WrittenLine]) -> None:
    """Header (版头), 发文字号, title lines and 主送机关 at the top of the
    document (and the title of an attached text after "附件")."""
    k = 0
    n = len(filled)
    while k < n and filled[k].role == TABLE and k < 3:
        t = _squash(filled[k].text)
        if t.endswith("文件") or "文件" in t.split("|")[-1] or DOC_NUMBER_LINE.match(t):
            filled[k].role = DOC_NUMBER if DOC_NUMBER_LINE.match(t) else HEADER
        k += 1
    start = k
    while k < n and k < start + 8 and filled[k].role == BODY:
        t = filled[k].text.strip()
        if DOC_NUMBER_LINE.match(t):
            filled[k].role = DOC_NUMBER
            for j in range(start, k):
                if filled[j].role == BODY:
                    # the 版头's issuers, or (typed out of order) the title itself
                    names_kind = kind_of(filled[j].text).label != "文档" and "文件" not in filled[j].text
                    filled[j].role = TITLE if names_kind else HEADER
            k += 1
            break
        k += 1
    else:
        k = start
    if k == start:
        # no 发文字号: a 版头 line ending with 文件 may still stand first
        if k < n and filled[k].role == BODY and _squash(filled[k].text).endswith("文件") \
                and len(filled[k].text.strip()) <= 40:
            filled[k].role = HEADER
            k += 1
    while k < n and filled[k].role in (TABLE, HEADER, DOC_NUMBER):
        k += 1
    _title_and_recipients(filled, k)
    for j, ln in enumerate(filled):
        if ln.role == MARK:
            m = j + 1
            _title_and_recipients(filled, m, attached=True)


def _title_and_recipients(filled: list[WrittenLine], k: int, attached: bool = False) -> None:
    n = len(filled)
    taken = 0
    while k < n and taken < 4 and filled[k].role == BODY:
        ln = filled[k]
        t = ln.text.strip()
        if _is_recipients(t) or parse_outline_number(t) is not None or ln.label.strip() or _CHAPTER.match(t) \
                or _ARTICLE.match(t) or len(t) > 80 or t.endswith(tuple(_SENTENCE_END)):
            break
        if taken and ln.align != "center" and filled[k - 1].align == "center":
            break
        ln.role = TITLE
        taken += 1
        k += 1
    if not attached and k < n and filled[k].role == BODY and _is_recipients(filled[k].text):
        filled[k].role = RECIPIENTS


def read_written(path: str | os.PathLike, paras: list | None = None) -> WrittenDocument:
    """The file at ``path`` as written (``paras``: its paragraphs, when the
    caller has read them)."""
    paras = read_paragraphs(path) if paras is None else paras
    lines = classify(paras)
    titles = [ln for ln in lines if ln.role == TITLE and not ln.attached]
    title = "".join(ln.text.strip() for ln in titles)
    doc = WrittenDocument(str(path), lines, title=title, kind=kind_of(title))
    dates = [ln for ln in lines if ln.role == DATE]
    if dates:
        doc.date = parse_written_date(dates[0].text) or ""
    for ln in lines:
        if ln.role == IMPRINT:
            m = _PRINTER.search(ln.text)
            if m:
                doc.print_date = parse_written_date(
                    re.sub(r"\s*印\s*发\s*$", "", m.group())) or doc.print_date
        if ln.role == DOC_NUMBER and not doc.doc_number:
            doc.doc_number = _squash(ln.text.split("|")[-1])
    doc.year = _year_of(doc)
    return doc


def _year_of(doc: WrittenDocument) -> int | None:
    """The year a document is about: the first year in its title (the
    issued text's, for a 通知), else the year of its 成文日期."""
    m = re.search(r"(?<!\d)((?:19|20)\d\d)(?=\s*年)", doc.title)
    if m:
        return int(m.group(1))
    if doc.date:
        return int(doc.date[:4])
    return None
