"""Numbering kept as a document wrote it, beyond the official 一、（一）1.（1）.

An imported section whose number was written "第三章", "第十二条", "2）"
or "③" keeps that style (``Section.number_style``, saved in .rdraft): the
number is still counted by the outline (reordering renumbers), and written
in the style.  The official forms themselves stay in ``numbering``.
Light on purpose: the reader and the exporter import it (no cn2an).
"""

from __future__ import annotations

from .cn_numerals import int_to_chinese

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# marker kind (desktop.reuse.markers) → the style its numbers are written in
STYLE_FORMS = {
    "part": "第{cn}编", "chapter": "第{cn}章", "section": "第{cn}节", "article": "第{cn}条",
    "cn": "{cn}、", "cn_paren": "（{cn}）", "num": "{n}.", "num_paren": "（{n}）",
    "cn_half": "{cn}）", "num_half": "{n}）", "circled": "{circled}",
}
# the styles a section may carry (the official forms are written by level instead)
# (and an official form at another level, as a 办法 writes （一） under 第X条, at level 3)
NUMBER_STYLES = ("第{cn}编", "第{cn}章", "第{cn}节", "第{cn}条", "{cn}）", "{n}）", "{circled}",
                 "{cn}、", "（{cn}）", "{n}.", "（{n}）")
# styles whose numbers run on through the whole document (articles do)
RUN_ON_STYLES = ("第{cn}条",)


def cn_text(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 105 → 一百零五 (n ≥ 1)."""
    return int_to_chinese(n)


def format_styled(style: str, n: int) -> str:
    """A number ``n`` written in ``style``: ("第{cn}章", 3) → 第三章, ("{n}）", 2) → 2）."""
    circled = CIRCLED[n - 1] if 1 <= n <= len(CIRCLED) else f"({n})"
    return style.replace("{cn}", cn_text(n)).replace("{n}", str(n)).replace("{circled}", circled)


def bare_number(style: str, n: int) -> str:
    """The bare number of a styled section, as the outline shows it:
    "第三章", "三", "2", "③"."""
    if style.startswith("第"):
        return format_styled(style, n)
    if "{cn}" in style:
        return cn_text(n)
    if "{circled}" in style:
        return format_styled("{circled}", n)
    return str(n)
