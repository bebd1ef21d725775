"""Which department a draft comes from: from its title, else its signature.

基础教育股2026年工作总结 → 基础教育股; 2026年度人事股工作总结 → 人事股;
青山县教育局计财股关于2026年工作情况的报告 → 计财股 (the bureau's own name
is dropped: every part of the merged document is the bureau's).  A draft
titled only 2026年工作总结 takes the unit it is signed with; failing that,
its file name says it.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..reuse import Recovered

# Names a department or school ends with; a signature line must end with one.
UNIT_ENDINGS = ("办公室", "股", "科", "室", "办", "中心", "站", "所", "处", "队", "组", "部",
                "中学", "小学", "学校", "幼儿园", "学院", "委员会", "委", "局", "校", "园", "会")
_BUREAU = re.compile(r"^.{1,12}?(?:省|市|县|区|旗|州)(?:教育局|教育和体育局|教育体育局|教体局|"
                     r"教育和科技局|教育科技局|教育和文化体育局)")
_YEAR = r"(?:19|20)\d\d\s*(?:[-－—~～至到]\s*(?:19|20)?\d\d\s*)?(?:学年度|学年|年度|年)"
_KIND = (r"(?:上半年|下半年|全年)?(?:工作)?(?:总结|计划|打算|要点|思路|安排|情况|汇报|报告|述职|"
         r"完成情况|开展情况|工作)")
_TITLE_FORMS = (
    re.compile(rf"^(?:关于)?(.+?)(?:关于)?{_YEAR}"),  # 基础教育股2026年工作总结
    re.compile(rf"^(?:关于)?{_YEAR}(?:上半年|下半年|全年)?(.+?){_KIND}"),  # 2026年度人事股工作总结
    re.compile(rf"^(?:关于)?(.+?)(?:关于|的)?{_KIND}"),  # 人事股工作总结
)
MAX_UNIT = 30


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def _clean(name: str) -> str:
    name = name.strip(" ：:，,、“”\"《》")
    name = re.sub(r"(?:关于|的)$", "", name)
    return name.strip()


def _plausible(name: str) -> bool:
    return 2 <= len(name) <= MAX_UNIT and not re.search(r"[。；;，,！？]|\d", name) \
        and name not in ("工作", "年度", "全年")


def short_unit(name: str, org: str = "") -> str:
    """The department's own name without the bureau's before it."""
    name = _squash(name)
    if org and name.startswith(_squash(org)) and len(name) > len(_squash(org)) + 1:
        return name[len(_squash(org)):]
    m = _BUREAU.match(name)
    if m and len(name) - m.end() >= 2:
        return name[m.end():]
    return name


def unit_from_title(title: str) -> str:
    t = _squash(title)
    for k, form in enumerate(_TITLE_FORMS):
        m = form.match(t)
        if m:
            name = _clean(m.group(1))
            # before the year anything plausible is the unit; elsewhere it must read as one
            if _plausible(name) and not re.fullmatch(_KIND, name) \
                    and (k == 0 or name.endswith(UNIT_ENDINGS)):
                return name
    return ""


def _signature_line(text: str) -> bool:
    t = _squash(text)
    return _plausible(t) and t.endswith(UNIT_ENDINGS)


def trailing_signature(rec: Recovered) -> tuple[list[str], int] | None:
    """A signature the reader left as text (a draft signed without a date):
    the last paragraph of the draft when it is a short unit name.  Returns
    the list it is in and its index."""
    if rec.closing:
        return (rec.closing, len(rec.closing) - 1) if _signature_line(rec.closing[-1]) else None
    holder = None
    if rec.sections:
        last = rec.sections[-1]
        while last.children:
            last = last.children[-1]
        holder = last.body
    elif rec.preamble:
        holder = rec.preamble
    if holder and len(holder) > 1 and _signature_line(holder[-1]):
        return holder, len(holder) - 1
    return None


def unit_of(rec: Recovered, path: str = "", org: str = "") -> str:
    """The unit a draft comes from (see the module's doc)."""
    for candidate in (unit_from_title(rec.title), rec.signature if _signature_line(rec.signature) else ""):
        if candidate:
            return short_unit(candidate, org)
    found = trailing_signature(rec)
    if found:
        holder, k = found
        return short_unit(holder[k], org)
    stem = Path(path).stem if path else ""
    return short_unit(unit_from_title(stem) or stem, org) if stem else "未署名单位"
