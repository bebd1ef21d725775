"""The 上行文's header line: 发文字号 left, 签发人 right (GB/T 9704 7.2.4–7.2.5).

One paragraph a line of names.  The 发文字号 starts one character from the
left (the role's indent) on the last line; "签发人：" in 3号仿宋 and the
names in 3号楷体 sit at two left tab stops (``layout.issuer_tabs``) so that
the widest line ends one character from the right and every line's first
name starts under the first line's.  The red rule goes under the last line.
"""

from __future__ import annotations

from .. import gbt9704 as fmt
from ..layout import Placement
from ..model import HEADER_ROLES, Role
from . import oxml as ox
from .oxml import Element
from .styles import indent


def build_issuer(w, p: Placement, following: Placement | None) -> Element:
    b = p.block
    extra: dict = {"tabs": [("left", t) for t in p.tabs]}
    if following is None or following.role not in HEADER_ROLES:
        extra["borders"] = {"bottom": fmt.RED_SEPARATOR}
        # the red rule spans the text block, and a border spans the paragraph's
        # indents: the 发文字号 set in by a first-line indent instead
        f = fmt.FORMATS[Role.ISSUER]
        extra["ind"] = indent(f, left=0, right=0, hanging=0, first=p.left_chars)
    el = ox.paragraph(w.ppr(p.role, **w.direct(p, **extra)))
    body = w.rpr(Role.ISSUER)
    if b.text:
        el.append(ox.run(b.text, body))
    if b.title:
        el.append(ox.tab_run(body))
        if b.number:  # the first line: "签发人：" at the first stop
            el.append(ox.run(b.number, body))
        else:  # later lines: the names under the first line's names
            el.append(ox.tab_run(body))
        el.append(ox.run(b.title, w.rpr(Role.HEADING2)))  # 楷体
    return el
