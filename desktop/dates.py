"""Dates as a 公文 writes them: 2026年3月5日, 2026年03月05日, 二〇二六年三月五日.

``parse_written_date`` reads such a date — a whole paragraph, the 成文日期
line or the date of an 印发 line — back to ISO.  Both the reader of last
year's document (``reuse``) and proofreading of a document as written
(``proofread.written``) use it, so they agree on what a date line is.

The other date conversions say what they take: writing an ISO date the
公文 way is the templates' ``date`` filter (``templating.date_filter``),
and reading the ISO date a template is given is
``templating.parse_iso_date``.
"""

from __future__ import annotations

import re

from .cn_numerals import from_chinese, int_to_chinese

_YEAR_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
WRITTEN_DATE = re.compile(r"^(\d{4}|[〇○零一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,3})月"
                          r"(\d{1,2}|[一二三四五六七八九十]{1,3})日$")


def _small(text: str) -> int | None:
    """A month or day: 03 → 3, 十二 → 12; None for a numeral that is not
    written the way a date writes it (一二, 十十)."""
    if text.isdigit():
        return int(text)
    try:
        value = from_chinese(text)
    except ValueError:
        return None
    return value if int_to_chinese(value) == text else None


def parse_written_date(text: str) -> str | None:
    """The ISO date of a paragraph that is a date and nothing else:
    "2026年11月22日", "2026 年 3 月 5 日", "二〇二二年十二月一日" → "2022-12-01";
    None for anything else (other text around it, a month past 12, a day
    past 31)."""
    m = WRITTEN_DATE.match(re.sub(r"\s+", "", text))
    if not m:
        return None
    y, mo, d = m.groups()
    year = int(y) if y.isdigit() else int("".join(str(_YEAR_DIGITS[c]) for c in y))
    month, day = _small(mo), _small(d)
    if month is None or day is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
