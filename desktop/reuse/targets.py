"""Target extraction: planned figures found in a plan's sentences.

"小学、初中教育入学率分别达到100%和99.98%" gives two targets, 小学教育入学率
100 % and 初中教育入学率 99.98 %; "创建省标准化学校12所", "入园率达到94%",
"不少于50学时", "计划投资4900万元" one each.  Every target keeps the
sentence it came from (``Figure.source``), so the clerk can check it.
Ratios ("1∶0.8") and years are never taken for targets.  A target whose
name is unclear (no subject found: a bare 计划投资, a count with only a
verb) is kept but not ``confident``: the wizard leaves it unticked.  An
investment without a subject is named after the project in the clause
before it ("实施城区二小改扩建工程，计划投资4900万元" → 城区二小改扩建工程投资).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Figure

_NUM = r"(\d+(?:\.\d+)?)"
_RANGE = rf"{_NUM}(?:\s*[-－~～至到]\s*{_NUM})?"
UNITS = ("万平方米", "平方米", "万人次", "人次", "万元", "亿元", "千元", "元", "学时", "课时",
         "小时", "万人", "人", "名", "所", "个", "项", "家", "台", "套", "间", "次", "场", "期",
         "篇", "节", "本", "册", "座", "条", "公里", "米", "亩", "吨", "户", "天", "%", "％", "‰")
_UNIT = "(" + "|".join(re.escape(u) for u in UNITS) + ")"
_QUAL = r"(以上|以下|左右|以内)?"
_REACH = (r"(?:继续|力争|争取|稳定|确保|基本|全面)?(?:达到了|达到|达|提高到|提高至|提升到|提升至|增加到|增长到|"
          r"增至|保持在|保持|控制在|控制|稳定在|不低于|不少于|不超过|低于|超过|为)")
_VERBS = ("计划投资", "完成投资", "投资", "投入", "创建", "新建", "建成", "建设", "完成", "培训", "招聘",
          "引进", "新增", "改造", "创成", "评选", "培养", "资助", "争创", "认定", "打造", "招收",
          "补充", "开展", "举办", "组织", "安排", "发放", "建立", "创设", "改扩建", "扩建")
_VERB = "(" + "|".join(_VERBS) + ")"
_METRIC_END = ("率", "比例", "比重", "占比", "覆盖面", "人数", "数", "量", "总量", "经费", "面积",
               "规模", "指数", "水平", "时长")
_LEAD = re.compile(r"^(?:[一二三四五六七八九十]+是|其中|同时|并|要|使|确保|力争|争取|继续|进一步|全县|全区|全市|每人每年|每年|全年|"
                   r"提高|提升|实现|做到|保证)+")
_SEP = re.compile(r"[，,；;：:]")
_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")


@dataclass
class Target:
    name: str
    value: float
    unit: str
    source: str
    qualifier: str = ""  # 以上 / 以下 / 左右
    confident: bool = True  # named from a clear subject; the wizard ticks only these

    def to_figure(self) -> Figure:
        unit = "%" if self.unit == "％" else self.unit
        return Figure(name=self.name, unit=unit, target=self.value, source=self.source,
                      category="目标")


def _number(text: str, upper: str | None) -> float:
    value = float(upper if upper else text)
    return int(value) if value.is_integer() else value


_FROM = re.compile(r"由(?:\d{4}年|上年|去年|目前|现在)?的?\d+(?:\.\d+)?\s*\S{0,3}$")


def _clean_name(name: str) -> str:
    name = _FROM.sub("", name)  # 入园率由2026年的94.6%（提高到…）: the old value is not the name
    name = name.strip(" “”\"'（）()")
    name = _LEAD.sub("", name)
    name = name.rstrip("的")
    return name.strip()


def _split_items(text: str) -> list[str]:
    return [x for x in re.split(r"[、和及与，,]", text) if x.strip()]


def _distribute(subjects: list[str]) -> list[str]:
    """小学、初中教育入学率 → 小学教育入学率, 初中教育入学率."""
    last = subjects[-1]
    out = []
    for s in subjects[:-1]:
        if s.endswith(_METRIC_END) or len(s) >= len(last):
            out.append(s)
        else:
            out.append(s + last[len(s):])
    out.append(last)
    return out


_VALUES = re.compile(rf"{_RANGE}\s*{_UNIT}?")


def _values(text: str) -> list[tuple[float, str]]:
    found = []
    for m in _VALUES.finditer(text):
        end = m.end()
        if text[end:end + 1] in ("年", "∶", ":") or text[max(0, m.start() - 1):m.start()] in ("∶", ":"):
            continue
        found.append((_number(m.group(1), m.group(2)), m.group(3) or ""))
    return found


_RESPECTIVELY = re.compile(rf"^(.+?)(?:分别|依次){_REACH}?(.+?){_QUAL}$")
_METRIC = re.compile(rf"^(.*?)({_REACH})?{_RANGE}\s*{_UNIT}{_QUAL}$")
_PER_MYRIAD = re.compile(rf"^(.*?)({_REACH})?万分之{_NUM}{_QUAL}$")
_VERB_OBJ_NUM = re.compile(rf"^(.*?){_VERB}(\D.*?){_RANGE}\s*{_UNIT}{_QUAL}$")
_INVEST = re.compile(rf"^(.*?)(计划总投资|计划投资|总投资|投资|计划投入|投入)(?:资金|经费)?(?:{_REACH})?{_RANGE}\s*{_UNIT}{_QUAL}$")
_VERB_NUM_OBJ = re.compile(rf"^(.*?){_VERB}{_RANGE}\s*{_UNIT}(.+)$")


def _cut_unit(unit: str, rest: str) -> bool:
    """True when the unit matched is the head of a longer one (人 of 人次)."""
    return any(u.startswith(unit) and len(u) > len(unit) and (unit + rest).startswith(u)
               for u in UNITS)


_QUALIFIERS = ("以上", "以下", "左右", "以内")
_PROJECT_LEAD = re.compile(r"^(?:实施|启动|推进|加快|开工|完成|推动|开展|建设|新建)+")
MAX_NAME = 16


def _named_well(name: str) -> bool:
    """A name a clerk would give a figure: not too short or long, no digits,
    not ending in a qualifier or a bare verb."""
    return 3 <= len(name) <= MAX_NAME and not re.search(r"\d", name) \
        and not name.endswith(_QUALIFIERS) and name not in _VERBS


def _project_name(previous: str) -> str:
    """"实施城区第二小学改扩建工程" → "城区第二小学改扩建工程" (what is invested in)."""
    name = _PROJECT_LEAD.sub("", _clean_name(previous)).strip()
    return name if 2 <= len(name) <= MAX_NAME - 2 else ""


def _clause_targets(clause: str, sentence: str, previous: str = "") -> list[Target]:
    found = _clause_targets_raw(clause, sentence, previous)
    for t in found:
        t.confident = t.confident and _named_well(t.name)
    return found


def _clause_targets_raw(clause: str, sentence: str, previous: str = "") -> list[Target]:
    clause = clause.strip()
    if not clause or not re.search(r"\d", clause) or "∶" in clause or re.search(r"\d:\d", clause):
        return []
    m = _RESPECTIVELY.match(clause)
    if m:
        subjects = _split_items(_clean_name(m.group(1)))
        values = _values(m.group(2))
        qual = m.group(3) or ""
        if subjects and len(subjects) == len(values):
            names = _distribute(subjects)
            return [Target(_clean_name(n), v, u, sentence, qual)
                    for n, (v, u) in zip(names, values)]
    m = _PER_MYRIAD.match(clause)
    if m and m.group(1):
        return [Target(_clean_name(m.group(1)), _number(m.group(3), None), "‱", sentence,
                       m.group(4) or "")]
    m = _INVEST.match(clause)
    if m:
        before = _clean_name(m.group(1)) or _project_name(previous)
        word = "投入" if m.group(2).endswith("投入") else "投资"
        name = f"{before}{word}" if before else m.group(2)
        return [Target(name, _number(m.group(3), m.group(4)), m.group(5), sentence,
                       m.group(6) or "", confident=bool(before))]
    m = _METRIC.match(clause)
    if m and m.group(2):
        name = _clean_name(m.group(1))
        if name:
            return [Target(name, _number(m.group(3), m.group(4)), m.group(5), sentence,
                           m.group(6) or "")]
    m = _VERB_NUM_OBJ.match(clause)
    if m and not re.search(r"\d", m.group(6)) and not _cut_unit(m.group(5), m.group(6)):
        verb, obj = m.group(2), m.group(6).strip()
        qualifier = ""
        if obj in _QUALIFIERS:  # "培训72学时以上": no object, the unit says what is counted
            qualifier, obj = obj, m.group(5)
            before = _clean_name(m.group(1))
            return [Target(_clean_name(before + verb + obj), _number(m.group(3), m.group(4)),
                           m.group(5), sentence, qualifier, confident=bool(before))]
        return [Target(_clean_name(verb + obj), _number(m.group(3), m.group(4)), m.group(5),
                       sentence)]
    m = _VERB_OBJ_NUM.match(clause)
    if m:
        before, verb, obj = m.group(1), m.group(2), m.group(3)
        name = verb + obj
        if obj.rstrip("的").endswith(_METRIC_END) and before.strip():
            name = before + name
        name = _clean_name(name)
        if name:
            return [Target(name, _number(m.group(4), m.group(5)), m.group(6), sentence,
                           m.group(7) or "")]
    m = _METRIC.match(clause)
    if m:
        name = _clean_name(m.group(1))
        if name and name.endswith(_METRIC_END):
            return [Target(name, _number(m.group(3), m.group(4)), m.group(5), sentence,
                           m.group(6) or "")]
    return []


def extract_targets(text: str) -> list[Target]:
    """All targets of a text (one or more paragraphs), in order."""
    out: list[Target] = []
    seen: set[tuple[str, float]] = set()
    for para in text.splitlines():
        for sm in _SENTENCE.finditer(para):
            sentence = sm.group(0).strip()
            if not re.search(r"\d", sentence):
                continue
            body = re.sub(r"[。！？!?]$", "", sentence)
            previous = ""
            for clause in _SEP.split(body):
                for part in _subclauses(clause):
                    for t in _clause_targets(part, sentence, previous):
                        key = (t.name, t.value)
                        if key not in seen:
                            seen.add(key)
                            out.append(t)
                    previous = part
    return out


def _subclauses(clause: str) -> list[str]:
    """Split "A达到100%，B…" already done by commas; here split a clause with
    several independent targets joined without commas is not attempted —
    but "…工程，完成16所…" style joins by 、 are left whole."""
    return [clause]


_ORDINALS = "〇一二三四五六七八九十"


def targets_to_figures(targets: list[Target]) -> list[Figure]:
    figures: list[Figure] = []
    names: set[str] = set()
    for t in targets:
        name = t.name
        k = 2
        while name in names:  # a second 计划投资: named 计划投资（二）, never ticked for sure
            name = f"{t.name}（{_ORDINALS[min(k, len(_ORDINALS) - 1)]}）"
            k += 1
            t.confident = False
        names.add(name)
        f = t.to_figure()
        f.name = name
        figures.append(f)
    return figures
