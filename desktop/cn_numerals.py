"""Chinese numerals, written out by hand: 十二, 一百零一, 二〇二六, 一点五.

Small exact conversions for what the documents use — outline numbers
(一、（十二）), 第X章, months and days, years digit by digit, the ``cn``
template filter — so that no command builds a general numeral converter
on its way to an export or an outline.  The written forms are those of
cn2an's ``low`` mode with a leading 一十 written 十 (tests compare the two
over the whole range).
"""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"
YEAR_DIGITS = "〇一二三四五六七八九"
_SMALL_UNITS = ("", "十", "百", "千")
LIMIT = 10 ** 16  # integers below this are written; 10^16 and up are refused

_DIGIT_VALUE = {c: i for i, c in enumerate(DIGITS)} | {"〇": 0, "两": 2}
_UNIT_VALUE = {"十": 10, "百": 100, "千": 1000}


def _group(n: int) -> str:
    """0 < n < 10000 as 一千零一, 一百一十, 十 (no leading zero)."""
    out: list[str] = []
    zero = False
    for power in (3, 2, 1, 0):
        d = n // 10 ** power % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append(DIGITS[d] + _SMALL_UNITS[power])
    return "".join(out)


def _split(n: int, unit: int, below, unit_char: str) -> str:
    """n written with one big unit (万 or 亿): head + unit, then the rest, after
    零 when it does not reach the next position down (一万零五, 一亿零一万)."""
    if n < unit:
        return below(n)
    head, rest = divmod(n, unit)
    text = below(head) + unit_char
    if rest:
        text += ("零" if rest < unit // 10 else "") + below(rest)
    return text


def _write_below_yi(n: int) -> str:
    return _split(n, 10000, _group, "万")


def int_to_chinese(n: int) -> str:
    """0 → 零, 12 → 十二, 110 → 一百一十, 100100 → 十万零一百, -3 → 负三."""
    if n < 0:
        return "负" + int_to_chinese(-n)
    if n >= LIMIT:
        raise ValueError(f"数字过大，无法写成中文：{n}")
    if n == 0:
        return DIGITS[0]
    text = _split(n, 10 ** 8, _write_below_yi, "亿")
    return text[1:] if text.startswith("一十") else text


def number_to_chinese(value: float | int) -> str:
    """An integer as above; a fraction digit by digit after 点 (1.5 → 一点五,
    2.05 → 二点零五), at most 16 decimals, from the shortest repr."""
    if isinstance(value, int) or value == int(value):
        return int_to_chinese(int(value))
    sign = "负" if value < 0 else ""
    text = repr(abs(float(value)))
    if "e" in text or "E" in text:
        text = format(abs(float(value)), ".16f").rstrip("0")
    whole, _, frac = text.partition(".")
    return sign + int_to_chinese(int(whole)) + "点" + "".join(DIGITS[int(c)] for c in frac[:16])


def year_to_chinese(year: int) -> str:
    """2026 → 二〇二六 (digit by digit, the form of dates in 公文)."""
    return "".join(YEAR_DIGITS[int(c)] for c in str(int(year)))


def _parse_group(text: str) -> int:
    """一千零一, 十二, 一百一十 → value below 10000; ValueError when malformed."""
    total = 0
    digit: int | None = None
    last_unit = 10000
    zero_seen = False
    for ch in text:
        if ch in _DIGIT_VALUE:
            v = _DIGIT_VALUE[ch]
            if v == 0:
                if digit is not None or zero_seen or total == 0:
                    raise ValueError(text)
                zero_seen = True
                continue
            if digit is not None:
                raise ValueError(text)
            digit = v
        elif ch in _UNIT_VALUE:
            unit = _UNIT_VALUE[ch]
            if digit is None:
                if unit != 10 or total or zero_seen:  # only a leading 十 stands alone
                    raise ValueError(text)
                digit = 1
            # after 零 a position is skipped (一千零一十); without it none is (一千一百)
            if total and (unit * 10 >= last_unit if zero_seen else unit * 10 != last_unit):
                raise ValueError(text)
            total += digit * unit
            digit = None
            last_unit = unit
            zero_seen = False
        else:
            raise ValueError(text)
    if digit is not None:
        if total and (last_unit < 100 if zero_seen else last_unit != 10):
            raise ValueError(text)  # 一百一 (colloquial) is not a written number; nor 十〇一
        total += digit
    elif zero_seen:
        raise ValueError(text)
    return total


def _tail(text: str, unit: int, below) -> int:
    """What follows 万 or 亿: empty, 零 + a number below unit/10, or a number
    from unit/10 up (一万零五, 一万五千; not 一万五, 一万一十)."""
    if not text:
        return 0
    if text[0] in "零〇":
        if text[1:2] == "十":  # a bare 十 only opens a whole number: 一万零一十, not 一万零十
            raise ValueError(text)
        value = below(text[1:])
        if not 0 < value < unit // 10:
            raise ValueError(text)
        return value
    value = below(text)
    if value < unit // 10:
        raise ValueError(text)
    return value


def _below_yi(text: str) -> int:
    head, sep, rest = text.partition("万")
    if not sep:
        return _parse_group(text)
    value = _parse_group(head)
    if value == 0:
        raise ValueError(text)
    return value * 10000 + _tail(rest, 10000, _parse_group)


def _below_limit(text: str) -> int:
    head, sep, rest = text.partition("亿")
    if not sep:
        return _below_yi(text)
    value = _below_yi(head)
    if value == 0:
        raise ValueError(text)
    return value * 10 ** 8 + _tail(rest, 10 ** 8, _below_yi)


def from_chinese(text: str) -> int:
    """一 → 1, 十二 → 12, 一百零一 → 101, 二〇二六 → 2026, 两 → 2, 〇 → 0.
    ValueError when the text is not a Chinese numeral (十十一, 百, 一百一)."""
    raw = text
    text = text.strip()
    try:
        if not text:
            raise ValueError(text)
        if all(ch in _DIGIT_VALUE for ch in text):  # 二〇二六, 一二: digit by digit
            if len(text) > 1 and "两" in text:
                raise ValueError(text)
            return int("".join(str(_DIGIT_VALUE[ch]) for ch in text))
        return _below_limit(text)
    except ValueError:
        raise ValueError(f"不是中文数字：{raw}") from None
