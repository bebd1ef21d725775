"""What surrounds the sections: 版头, title, 主送, a covering 印发通知,
附件 lists, 署名, 成文日期, 附注 and the 版记.

Works on ``lines.Line`` lists and fills a ``Recovered``; ``outline.recover``
calls it.  The rules, with the conventions they settle, are in docs/reader.md.
"""

from __future__ import annotations

import re

from ..dates import parse_written_date
from .lines import (ATTACHMENT, ATTACHMENT_HEAD, ATTACHMENT_ITEM, CONTACT, DOC_NUMBER, MAX_TITLE, Line, is_short_line,
                    squash)
from .markers import parse_marker
from .upward import issuer_line

PRINTER = re.compile(r"(\d{4}年\d{1,2}月\d{1,2}日)\s*印发$")
CC = re.compile(r"^抄\s*送\s*[：:]\s*(.+)$")
NOTICE = re.compile(r"(?:印发|转发|下发|颁发|发布)了?\s*(?:《(.+?)》)?[^《》]*的通知$")
MAX_NOTICE_TITLE = 300
MAX_SIGNATURE_LINES = 6


# -- 附件 lists ---------------------------------------------------------------------
def mark_attachment_lists(lines: list[Line]) -> None:
    """"附件：1.…" and the lines of its list (numbered items, and the lines
    an item's long name wrapped onto) are the document's attachment list:
    never sections."""
    k = 0
    while k < len(lines):
        m = ATTACHMENT.match(lines[k].text) or ATTACHMENT_ITEM.match(lines[k].text)
        if not m or lines[k].in_table:
            k += 1
            continue
        head = lines[k]
        names: list[str] = []
        first = m.group(m.lastindex or 0).strip()
        if first:
            names.append(_attachment_name(first))
        head.attach = True
        head.unhead()
        j = k + 1
        while j < len(lines):
            ln = lines[j]
            if ln.gap or ln.in_table or ln.note or parse_written_date(ln.text) or ATTACHMENT_HEAD.match(ln.text):
                break
            marker = parse_marker(ln.text)
            item = ATTACHMENT_ITEM.match(ln.text)
            if item:
                names.append(_attachment_name(item.group(2)))
            elif marker is not None and marker.kind in ("num", "num_half", "num_paren", "cn", "cn_paren"):
                names.append(_attachment_name(ln.text))
            elif names and is_short_line(ln.text, MAX_TITLE) and not ln.text.endswith("。") \
                    and not CONTACT.match(ln.text) and ln.align not in ("right", "end") \
                    and _numbered_item_follows(lines, j):
                names[-1] += ln.text.strip()
            else:
                break
            ln.attach = True
            ln.unhead()
            j += 1
        head.attach_names = [n for n in names if n]
        if not head.attach_names and j == k + 1:
            head.attach = False  # "附件：" alone heads an attached form's page, not a list
            head.attach_names = None
        k = j


def _numbered_item_follows(lines: list[Line], j: int) -> bool:
    """A line inside a numbered list of attachments (a wrapped long name)
    has the next item right after it."""
    if j + 1 >= len(lines) or lines[j + 1].gap:
        return False
    marker = parse_marker(lines[j + 1].text)
    return marker is not None and marker.kind in ("num", "num_half", "num_paren", "cn", "cn_paren")


def _attachment_name(text: str) -> str:
    marker = parse_marker(text)
    if marker is not None and marker.kind in ("num", "num_half", "num_paren", "cn", "cn_paren"):
        text = text[marker.length:]
    return text.strip().rstrip("。；;")


# -- the front ----------------------------------------------------------------------
def _is_recipients(ln: Line) -> bool:
    text = ln.text
    return text.endswith(("：", ":")) and len(text) <= 120 and "。" not in text \
        and not ATTACHMENT.match(text) and not ln.heading


def title_run(lines: list[Line], i: int, end: int) -> tuple[str, int]:
    """The title starting at ``i``: that line and the lines that continue
    it (same alignment, no empty paragraph between, no sentence end)."""
    first = lines[i]
    parts = [first.text]
    j = i + 1
    while j < end:
        ln = lines[j]
        if (ln.gap or ln.heading or ln.in_table or ln.attach or ln.note or ln.align != first.align
                or ln.text.endswith(("。", "：", ":", "；")) or parse_written_date(ln.text)
                or len(ln.text) > MAX_TITLE or ln.page_break or first.text.endswith(("。", "：", ":"))):
            break
        parts.append(ln.text)
        j += 1
    return "".join(parts), j


_GENRES = ("通知", "通报", "意见", "办法", "规定", "方案", "计划", "要点", "总结", "报告", "请示",
           "批复", "函", "决定", "细则", "规划", "纪要", "公告", "通告", "规则", "制度", "措施", "安排")


def _issuer_line(text: str) -> bool:
    """A line that only names issuers: "某某县教育局", "甲厅  乙厅"."""
    names = [n for n in re.split(r"\s+", text.strip()) if n]
    return 0 < len(squash(text)) <= 60 and "关于" not in text and \
        all(_issuer_like(n) for n in names) and not squash(text).endswith(_GENRES)


def _title_like(ln: Line) -> bool:
    t = squash(ln.text)
    return not ln.heading and not ln.in_table and len(t) <= MAX_TITLE * 2 and \
        not t.endswith(("。", "：", ":")) and ("关于" in t or t.rstrip("）)").endswith(_GENRES)
                                             or bool(re.search(r"(?:试行|暂行|修订)[）)]?$", t)))


def _header(lines: list[Line], end: int, rec) -> int:
    """版头 (发文机关标志, joint issuers on several lines or in a table) and
    发文字号: returns where the title starts."""
    limit = min(end, 12)
    for k in range(limit):
        if lines[k].heading:
            break
        upward = issuer_line(lines[k].text, False)  # 上行文: 发文字号 ⇥ 签发人：names
        if upward or DOC_NUMBER.match(squash(lines[k].text)):
            after = k + 1
            if upward:
                after = k
                found: tuple[str, list[str]] | None = upward
                while after < end and found:
                    rec.doc_number = found[0] or rec.doc_number
                    rec.signers.extend(found[1])
                    after += 1
                    found = issuer_line(lines[after].text, True) if after < end else None
            issuers = [squash(ln.text.replace(" | ", "")) for ln in lines[:k]]
            if any(t.endswith("文件") for t in issuers):
                # one issuer, or joint issuers on several lines (文件 on any of them)
                names = [t[:-2] if t.endswith("文件") else t for t in issuers]
                rec.header_text = " ".join(n for n in names if n) + "文件"
            else:
                rec.header_text = " ".join(issuers)
            if not upward:
                rec.doc_number = squash(lines[k].text)
            return after
    for k in range(1, min(end, 8)):
        if lines[k].rule_before and all(len(ln.text) <= 60 and not ln.heading for ln in lines[:k]):
            # issuers above a rule line drawn with characters: the 版头
            rec.header_text = " ".join(ln.text.replace(" | ", "") for ln in lines[:k])
            return k
    if end and not lines[0].heading and squash(lines[0].text).endswith("文件") and len(lines[0].text) <= 60:
        rec.header_text = lines[0].text.replace(" | ", "")
        return 1
    return 0


def front(lines: list[Line], first_heading: int, rec) -> int:
    """Header, title, recipients and preamble before ``first_heading``;
    for a covering notice, its body and tail too.  Returns the index where
    the issued text's front matter ended (= first_heading normally)."""
    end = first_heading
    i = _header(lines, end, rec)
    while 0 < i < end and lines[i].in_table and lines[i - 1].in_table:
        i += 1  # the rest of a 版头 table
    if i >= end:
        return end
    title, i = title_run(lines, i, end)
    while i < end and squash(lines[i].text) == squash(title) and not lines[i].heading:
        i += 1  # the title twice (a web page's heading above the document's own)
    if i < end and _issuer_line(title) and _title_like(lines[i]):
        # the issuers' names alone above the title (one or joint, spaced on one line): 版头
        rec.header_text = rec.header_text or title
        title, i = title_run(lines, i, end)
    squashed = squash(title)
    m = NOTICE.search(squashed) if len(squashed) <= MAX_NOTICE_TITLE and squashed.endswith("的通知") \
        else None
    if m:
        i = _notice(lines, i, end, title, m.group(1) or "", rec)
        if i < end:
            while i < end and (lines[i].note or ATTACHMENT_HEAD.match(lines[i].text)):
                i += 1
            if i < end:
                title, i = title_run(lines, i, end)
        else:
            title = m.group(1) or title
    rec.title = title
    if i < end and _is_recipients(lines[i]) and not rec.recipients:
        rec.recipients = lines[i].text.rstrip("：:").strip()
        i += 1
    rec.preamble = [ln.text for ln in lines[i:end] if not ln.note and not ln.attach]
    return end


def _notice(lines: list[Line], i: int, end: int, title: str, inner: str, rec) -> int:
    """The covering notice after its title: recipients, body, its own
    attachments/signature/date/版记; returns where the issued text starts
    (``end`` when the file holds only the notice)."""
    rec.as_notice = True
    rec.notice_title = title
    if i < end and _is_recipients(lines[i]):
        rec.recipients = lines[i].text.rstrip("：:").strip()
        i += 1
    inner_sq = squash(inner)
    real = None
    for k in range(i, end):
        t = squash(lines[k].text)
        if inner_sq and t == inner_sq:
            real = k
            break
        if ATTACHMENT_HEAD.match(lines[k].text) and k + 1 < end and not lines[k + 1].attach:
            real = k + 1
            break
    if real is None:
        for k in range(i + 1, end):
            if lines[k].page_break and any(parse_written_date(ln.text) for ln in lines[i:k]):
                real = k
                break
    if real is None:
        real = end
    stop = real
    while stop > i and (ATTACHMENT_HEAD.match(lines[stop - 1].text) or lines[stop - 1].note):
        stop -= 1
    notice = lines[i:stop]
    body_end = tail(notice, 0, rec, banji=True)
    rec.notice_body = [ln.text for ln in notice[:body_end] if not ln.note and not ln.attach]
    rec.notice_attachments = rec.attachments
    # the issued text's own tail, read later, wins where it has one
    rec.notice_signature, rec.notice_date = rec.signature, rec.date
    return real


# -- the tail -----------------------------------------------------------------------
def tail(lines: list[Line], start: int, rec, banji: bool = True) -> int:
    """版记, 成文日期, 署名, 附注 and the 附件 list at the end of
    ``lines[start:]``; fills ``rec`` and returns where the body ends."""
    end = len(lines)
    if banji:
        end = _banji(lines, start, end, rec)
    while end > start and lines[end - 1].note:
        end -= 1
    date_at = None
    for k in range(end - 1, max(start - 1, end - 5), -1):
        if lines[k].note or lines[k].in_table:
            continue
        if parse_written_date(lines[k].text):
            date_at = k
            break
        if not is_short_line(lines[k].text) or lines[k].heading:
            break
    body_end = end
    if date_at is not None:
        rec.date = parse_written_date(lines[date_at].text) or ""
        body_end = date_at
        sig: list[str] = []
        k = date_at - 1
        while k >= start and len(sig) < MAX_SIGNATURE_LINES:
            ln = lines[k]
            if ln.heading or ln.closing or ln.attach or ln.note or not is_short_line(ln.text) \
                    or CONTACT.match(ln.text) or parse_marker(ln.text) is not None:
                break
            if sig and not _issuer_like(ln.text):
                break  # above the first line, only more issuers (joint signatures)
            sig.insert(0, ln.text)
            k -= 1
        if sig:
            rec.signature = " ".join(sig)
            body_end = k + 1
    for k in range(body_end - 1, max(start - 1, body_end - 15), -1):
        names = lines[k].attach_names
        if names is not None:
            rec.attachments = list(names)
            return k
        if not lines[k].attach:
            if not lines[k].note:
                break
    return body_end


def _issuer_like(text: str) -> bool:
    return bool(re.search(r"(?:厅|局|部|委|办|会|院|府|室|处|中心|学校|公司|政府|委员会)$", squash(text)))


def _banji(lines: list[Line], start: int, end: int, rec) -> int:
    while end > start:
        ln = lines[end - 1]
        t = ln.text
        squashed = squash(t) if "印发" in t else ""
        m = PRINTER.search(squashed) if squashed.endswith("印发") else None
        if m:
            rec.printer = squashed[:m.start()].strip(" |")
            rec.print_date = parse_written_date(m.group(1)) or ""
            end -= 1
            continue
        mc = CC.match(t)
        if mc:
            items = re.split(r"[，,、]", mc.group(1).rstrip("。."))
            rec.cc = [x.strip() for x in items if x.strip()] + rec.cc
            end -= 1
            continue
        if ln.note:
            end -= 1
            continue
        break
    return end


def main_text_end(lines: list[Line], first_heading: int) -> int:
    """Where the main text ends: at the 版记 (印发 line) or at a page that
    starts an attached form ("附件2" alone on its line) after the sections
    began; what follows (申报表, 承诺书 …) is not part of the outline."""
    for k in range(first_heading + 1, len(lines)):
        ln = lines[k]
        if (ATTACHMENT_HEAD.match(ln.text) or ATTACHMENT_ITEM.match(ln.text)) and not ln.attach:
            return k
        t = squash(ln.text)
        if t.endswith("印发") and PRINTER.search(t) and k + 1 < len(lines):
            return k + 1
    return len(lines)
