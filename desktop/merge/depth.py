"""Items deeper than the four official levels, written as GB/T 9704 allows.

Text has at most four levels (一、（一）1.（1））; what lies deeper is
written ①②③ or folded into the paragraph.  In the merged outline a
department's items sit two levels lower than in its draft (the kind's
chapter and the department's part come first), so a draft's （1） or its
own fifth level lands below level 4.  Such items come two ways:

- sections of the draft that the outline has no room for (``flatten``);
- items the reader already kept as text of their level-4 item — a draft's
  typed "1)" or "（1）" under its own （1） (``deep_body``): a paragraph of a
  level-4 item that starts with a marker (``reuse.markers.parse_marker``,
  the reader's own recogniser) is such an item, since the reader makes
  every other marked paragraph a heading.

Either way the first level below the outline is numbered ①②③ among its
siblings (``number_styles``' circled style) and anything deeper loses its
number and stays as a paragraph, so that no number repeats the form of a
level above.  Every rewritten paragraph is reported as a ``Change`` for the
merge's note to the clerk.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import MAX_LEVEL
from ..number_styles import CIRCLED, format_styled
from ..reuse import RSection
from ..reuse.markers import parse_marker

FIFTH_LEVEL_STYLE = "{circled}"  # ①②③: the number style of the first level below the outline


@dataclass(frozen=True)
class Change:
    """One paragraph whose number was rewritten."""

    line: int  # index among the returned lines
    written: str  # the number as the draft wrote it: "（1）", "1)"
    numbered: bool  # True: renumbered ①②③; False: its number dropped (folded)


def fifth_level_number(n: int) -> str:
    """The number of the ``n``-th item of the first level below the outline:
    ① … ⑳; "" beyond (the style's fallback "(21)" would read as a （1））."""
    return format_styled(FIFTH_LEVEL_STYLE, n) if n <= len(CIRCLED) else ""


def deep_body(s: RSection, numbered: bool = True) -> tuple[list[str], list[Change]]:
    """A draft section's body, its items too deep for the draft's outline
    rewritten: the outermost of them ①②③ (when ``numbered``; counted anew
    under each item of the level above), the deeper ones without a number.

    Only a draft's level-4 items hold such paragraphs; the body of a
    shallower section is returned as it is."""
    if s.level < MAX_LEVEL:
        return list(s.body), []
    lines: list[str] = []
    changes: list[Change] = []
    kinds: list[str] = []  # the markers' kinds, outermost first (as the reader gives levels)
    count = 0
    for text in s.body:
        m = parse_marker(text)
        rest = text[m.length:].strip() if m is not None else ""
        if m is None or not rest:
            lines.append(text)
            continue
        if m.kind in kinds:
            del kinds[kinds.index(m.kind) + 1:]
        else:
            kinds.append(m.kind)
        outermost = len(kinds) == 1
        number = ""
        if numbered and outermost:
            count += 1
            number = fifth_level_number(count)
        new = number + rest
        if new != text:
            changes.append(Change(len(lines), m.text, bool(number)))
        lines.append(new)
    return lines, changes


def flatten(children: list[RSection], numbered: bool = True) -> tuple[list[str], list[Change]]:
    """Sections below the outline's last level as paragraphs, in order:
    each item's heading (①②③ among its siblings when ``numbered``, else
    without a number), its text, then its own items (never numbered)."""
    lines: list[str] = []
    changes: list[Change] = []
    for n, c in enumerate(children, 1):
        number = fifth_level_number(n) if numbered else ""
        head = f"{number}{c.title}"
        body, inner = deep_body(c, numbered=False)
        if c.run_in and body:
            head = f"{head}。{body.pop(0)}"
            inner = [Change(x.line - 1, x.written, x.numbered) for x in inner if x.line > 0]
        changes.append(Change(len(lines), c.marker(), bool(number)))
        lines.append(head)
        changes.extend(Change(x.line + len(lines), x.written, x.numbered) for x in inner)
        lines.extend(body)
        sub, sub_changes = flatten(c.children, numbered=False)
        changes.extend(Change(x.line + len(lines), x.written, x.numbered) for x in sub_changes)
        lines.extend(sub)
    return lines, changes
