"""Reading back what a 上行文 adds: the 签发人 lines of its header and an
attachment laid out on its own pages (附件 label, title, table).

``issuer_line`` reads "青教报〔2026〕21号⇥签发人：周正明" (and the lines of
names around it when there are more than two signers); ``annex_start``
finds where an attachment begins at the end of a document, so the outline
reader stops before it (its name is in the 附件说明 line already).
"""

from __future__ import annotations

import re

_DOC_NUMBER = r"\S{1,20}?[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d{1,4}\s*号"
_ISSUER = re.compile(rf"^(?P<number>{_DOC_NUMBER})?[\s\t]*(?P<label>签\s*发\s*人\s*[：:])?"
                     r"[\s\t]*(?P<names>[^\s\t：:，,。]{2,5}(?:[\s\t　]+[^\s\t：:，,。]{2,5})*)?$")
_ANNEX_LABEL = re.compile(r"^附\s*件\s*\d{0,2}$")


def issuer_line(text: str, after_issuer: bool) -> tuple[str, list[str]] | None:
    """(发文字号 or "", names) of a 签发人 line, else None.  A line without the
    "签发人：" label counts only right after one that has it."""
    m = _ISSUER.match(text.strip())
    if not m or not (m.group("label") or (after_issuer and m.group("names"))):
        return None
    names = re.split(r"[\s\t　]+", m.group("names") or "")
    return re.sub(r"\s+", "", m.group("number") or ""), [n for n in names if n]


def annex_start(lines) -> int | None:
    """Index of the first line of a trailing attachment: a "附件" / "附件2"
    line that starts a page, then only its title and table lines."""
    for k in range(len(lines) - 1, -1, -1):
        ln = lines[k]
        if ln.page_break and _ANNEX_LABEL.match(ln.text.strip()):
            rest = lines[k + 1:]
            titles = [x for x in rest if not x.in_table]
            if len(titles) <= 3:
                return k
            return None
    return None
