"""Reading a .docx as a stream of paragraphs, with Word's own numbering.

python-docx opens the package and gives us the XML parts; everything else
is done here on the raw elements, because python-docx knows nothing of
automatic numbering or tracked changes:

- text of a paragraph: runs in document order, tracked insertions (w:ins)
  read, tracked deletions (w:del, w:delText) ignored, field instructions
  and text boxes skipped;
- styles resolved by styleId through w:basedOn (numbering and
  w:outlineLvl), never by display name; each paragraph keeps its style's
  id (the default paragraph style when it names none or an unknown one);
- automatic numbering resolved from numbering.xml (w:num → w:abstractNum,
  lvlOverride/startOverride, numFmt, lvlText) and counted the way Word
  counts: one counter set per list, shared by the w:num instances of one
  abstractNum unless an instance restarts with a startOverride, deeper
  levels restarting when a shallower one advances;
- tables become one pseudo-paragraph per row (cells joined by " | ").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..cn_numerals import int_to_chinese as to_chinese

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def w(tag: str) -> str:
    return f"{{{W}}}{tag}"


W_P, W_TBL, W_SDT, W_SDTCONTENT = w("p"), w("tbl"), w("sdt"), w("sdtContent")
W_R, W_T, W_TAB, W_BR, W_CR = w("r"), w("t"), w("tab"), w("br"), w("cr")
W_INS, W_DEL, W_DELTEXT, W_INSTR = w("ins"), w("del"), w("delText"), w("instrText")
W_PPR, W_RPR, W_VAL = w("pPr"), w("rPr"), w("val")
W_TXBX = w("txbxContent")
_SKIP = {W_DEL, W_DELTEXT, W_INSTR, W_PPR, W_RPR, W_TXBX, f"{{{MC}}}Fallback",
         w("drawing"), w("pict"), w("object"), w("footnoteReference"), w("commentReference"),
         w("fldData"), w("moveFrom")}
TABLE_CELL_SEPARATOR = " | "


def _val(el, default=None):
    if el is None:
        return default
    return el.get(W_VAL, default)


def _int(text, default=None):
    try:
        return int(text)
    except (TypeError, ValueError):
        return default


# -- number formats ---------------------------------------------------------------
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_DIGITS = "〇一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PAREN = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_STOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_CHINESE_FORMATS = {"chineseCounting", "chineseCountingThousand", "japaneseCounting",
                    "taiwaneseCounting", "taiwaneseCountingThousand", "koreanCounting",
                    "ideographLegalTraditional"}


def _roman(n: int) -> str:
    out = []
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                       (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: a … z, aa … zz
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_counter(n: int, fmt: str) -> str:
    """One level's counter written in a w:numFmt."""
    if n < 1 and fmt != "decimal":
        n = max(n, 0)
    if fmt in ("decimal", "", None):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt in _CHINESE_FORMATS:
        return to_chinese(n) if n >= 1 else "〇"
    if fmt in ("ideographDigital", "japaneseDigitalTenThousand"):
        return "".join(_DIGITS[int(c)] for c in str(n))
    if fmt == "chineseLegalSimplified":
        return "".join(_LEGAL[int(c)] for c in str(n))
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10] if n >= 1 else str(n)
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12] if n >= 1 else str(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _CIRCLED[n - 1] if 1 <= n <= 20 else str(n)
    if fmt == "decimalEnclosedParen":
        return _PAREN[n - 1] if 1 <= n <= 20 else f"({n})"
    if fmt == "decimalEnclosedFullstop":
        return _STOP[n - 1] if 1 <= n <= 20 else f"{n}."
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "none":
        return ""
    return str(n)


# -- numbering definitions --------------------------------------------------------
@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    legal: bool = False
    restart: int | None = None  # w:lvlRestart
    style: str = ""  # w:pStyle linking a style to this level


# Word's own limits: nine levels (w:ilvl 0-8); start values within what its
# dialog accepts (a huge w:start would make "MMMM…" labels without end)
MAX_ILVL = 8
MAX_START = 32767


def _start(text, default=1) -> int:
    value = _int(text, default)
    return max(-MAX_START, min(value, MAX_START))


def _level(el) -> Level:
    lv = Level()
    lv.start = _start(_val(el.find(w("start"))))
    fmt = el.find(w("numFmt"))
    lv.fmt = _val(fmt, "decimal") if fmt is not None else "decimal"
    txt = el.find(w("lvlText"))
    lv.text = _val(txt, "") if txt is not None else ""
    lv.legal = el.find(w("isLgl")) is not None and _val(el.find(w("isLgl")), "1") not in ("0", "false")
    lv.restart = _int(_val(el.find(w("lvlRestart"))))
    lv.style = _val(el.find(w("pStyle")), "") or ""
    return lv


@dataclass
class NumInstance:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # ilvl → startOverride
    levels: dict[int, Level] = field(default_factory=dict)  # ilvl → overriding w:lvl


class NumberingResolver:
    """Turns (numId, ilvl) of each paragraph, in document order, into the
    label Word prints ("一、", "（三）", "12.")."""

    def __init__(self, numbering_root: Any = None) -> None:
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.nums: dict[str, NumInstance] = {}
        self.style_levels: dict[str, tuple[str, int]] = {}  # styleId → (abstract, ilvl)
        self._counters: dict[object, list[int | None]] = {}
        self._started: set[tuple[str, int]] = set()
        if numbering_root is None:
            return
        links: dict[str, str] = {}
        for a in numbering_root.iterchildren(w("abstractNum")):
            aid = a.get(w("abstractNumId"))
            levels = {}
            for lvl in a.iterchildren(w("lvl")):
                ilvl = _int(lvl.get(w("ilvl")), 0)
                levels[ilvl] = _level(lvl)
            self.abstracts[aid] = levels
            link = a.find(w("numStyleLink"))
            if link is not None:
                links[aid] = _val(link, "")
        for n in numbering_root.iterchildren(w("num")):
            nid = n.get(w("numId"))
            inst = NumInstance(_val(n.find(w("abstractNumId")), ""))
            for ov in n.iterchildren(w("lvlOverride")):
                ilvl = _int(ov.get(w("ilvl")), 0)
                so = ov.find(w("startOverride"))
                if so is not None:
                    inst.starts[ilvl] = _start(_val(so))
                lvl = ov.find(w("lvl"))
                if lvl is not None:
                    inst.levels[ilvl] = _level(lvl)  # a new look; restarts only by startOverride
            self.nums[nid] = inst
        self._links = links
        for aid, levels in self.abstracts.items():
            for ilvl, lv in levels.items():
                if lv.style:
                    self.style_levels[lv.style] = (aid, ilvl)

    def resolve_link(self, aid: str, style_num: dict[str, str]) -> str:
        """A numStyleLink abstractNum takes its levels from the style's list."""
        target = self._links.get(aid) if hasattr(self, "_links") else None
        if target and target in style_num:
            inst = self.nums.get(style_num[target])
            if inst and inst.abstract in self.abstracts:
                return inst.abstract
        return aid

    def level_def(self, inst: NumInstance, aid: str, ilvl: int) -> Level | None:
        if ilvl in inst.levels:
            return inst.levels[ilvl]
        return self.abstracts.get(aid, {}).get(ilvl)

    def label(self, num_id: str, ilvl: int, style_num: dict[str, str] | None = None) -> str | None:
        """Advance the list's counter and return the printed label, or None
        when the paragraph is not really numbered (numId 0, unknown list,
        bullet)."""
        if not num_id or num_id == "0" or ilvl is None or not 0 <= ilvl <= MAX_ILVL:
            return None
        inst = self.nums.get(num_id)
        if inst is None:
            return None
        aid = self.resolve_link(inst.abstract, style_num or {})
        lvl = self.level_def(inst, aid, ilvl)
        if lvl is None:
            return None
        key = ("num", num_id) if inst.starts else ("abs", aid)
        counters = self._counters.setdefault(key, [None] * 10)
        current = counters[ilvl]
        if ilvl in inst.starts and (num_id, ilvl) not in self._started:
            self._started.add((num_id, ilvl))
            counters[ilvl] = inst.starts[ilvl]
        elif current is None:
            counters[ilvl] = lvl.start
        else:
            counters[ilvl] = current + 1
        for deeper in range(ilvl + 1, 10):
            d = self.level_def(inst, aid, deeper)
            if d is not None and d.restart == 0:
                continue  # w:lvlRestart 0: never restarts
            if d is not None and d.restart is not None and d.restart - 1 < ilvl:
                continue  # restarts only after a shallower level
            counters[deeper] = None
        if lvl.fmt == "bullet":
            return None
        text = lvl.text

        def sub(m):
            k = int(m.group(1)) - 1
            other = self.level_def(inst, aid, k)
            value = counters[k]
            if value is None:
                value = other.start if other else 1
            fmt = other.fmt if other else "decimal"
            if lvl.legal and k != ilvl:
                fmt = "decimal"
            return format_counter(value, fmt)

        return re.sub(r"%([1-9])", sub, text)


# -- styles -----------------------------------------------------------------------
_HEADING_ID = re.compile(r"^heading\s*([1-9])$", re.I)


@dataclass
class StyleInfo:
    style_id: str
    based_on: str = ""
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None  # w:outlineLvl, 0-based
    builtin_heading: int | None = None  # from styleId / internal name heading N


class Styles:
    def __init__(self, styles_root: Any = None) -> None:
        self.styles: dict[str, StyleInfo] = {}
        self.default_para = ""
        self.names: dict[str, str] = {}  # w:name → styleId (first of that name)
        self._cache: dict[str, tuple] = {}
        if styles_root is None:
            return
        for st in styles_root.iterchildren(w("style")):
            if st.get(w("type")) not in (None, "paragraph"):
                continue
            sid = st.get(w("styleId")) or ""
            info = StyleInfo(sid, _val(st.find(w("basedOn")), "") or "")
            ppr = st.find(W_PPR)
            if ppr is not None:
                numpr = ppr.find(w("numPr"))
                if numpr is not None:
                    info.num_id = _val(numpr.find(w("numId")))
                    info.ilvl = _int(_val(numpr.find(w("ilvl"))))
                info.outline = _int(_val(ppr.find(w("outlineLvl"))))
            m = _HEADING_ID.match(sid)
            name = (_val(st.find(w("name")), "") or "").strip()
            self.names.setdefault(name, sid)
            mn = re.match(r"^heading\s+([1-9])$", name, re.I)  # built-in (locale-free) name
            if m:
                info.builtin_heading = int(m.group(1)) - 1
            elif mn:
                info.builtin_heading = int(mn.group(1)) - 1
            self.styles[sid] = info
            if st.get(w("default")) in ("1", "true"):
                self.default_para = sid

    def style_id(self, sid: str) -> str:
        """The style a paragraph naming ``sid`` is in: ``sid`` when the
        document defines it, else the default paragraph style (as Word does)."""
        return sid if sid and sid in self.styles else self.default_para

    def find(self, sid: str, name: str) -> str:
        """The document's id of a style this app writes: ``sid`` when the
        document defines it, else the id of the style named ``name`` (WPS
        and LibreOffice keep a custom style's name but may renumber its id:
        "Style20"), else ""."""
        if sid in self.styles:
            return sid
        return self.names.get(name, "")

    def resolved(self, sid: str) -> tuple[str | None, int | None, int | None, str]:
        """(numId, ilvl, outline level, style that carries the numbering)
        of a paragraph style, following w:basedOn."""
        sid = sid or self.default_para
        if sid in self._cache:
            return self._cache[sid]
        num_id = ilvl = outline = None
        num_style = ""
        seen = set()
        cur = sid
        while cur and cur in self.styles and cur not in seen:
            seen.add(cur)
            st = self.styles[cur]
            if num_id is None and st.num_id is not None:
                num_id, num_style = st.num_id, cur
                if ilvl is None:
                    ilvl = st.ilvl
            if outline is None:
                if st.outline is not None:
                    outline = st.outline
                elif st.builtin_heading is not None:
                    outline = st.builtin_heading
            cur = st.based_on
        if outline is not None and outline >= 9:  # 9 = body text
            outline = None
        result = (num_id, ilvl, outline, num_style)
        self._cache[sid] = result
        return result


# -- the paragraph stream ---------------------------------------------------------
@dataclass
class Para:
    text: str
    label: str | None = None  # automatic number as printed, e.g. "一、"
    outline: int | None = None  # 0-based outline level (heading styles)
    align: str = ""  # "center", "right", "both", …
    in_table: bool = False
    page_break_before: bool = False
    style: str = ""  # styleId of the paragraph's style (resolved: the default when unnamed)


def _run_text(el, out: list[str], flags: dict) -> None:
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == W_T:
            text = child.text or ""
            out.append(text)
            if text.strip():
                flags["text"] = True  # (not "".join(out) at each break: quadratic)
        elif tag == W_TAB:
            out.append("\t")
        elif tag == W_BR:
            if child.get(w("type")) == "page":
                if flags.get("text"):
                    out.append("\n")
                else:
                    flags["page"] = True
            else:
                out.append("\n")
        elif tag == W_CR:
            out.append("\n")
        elif tag == w("noBreakHyphen"):
            out.append("-")
            flags["text"] = True
        elif tag == w("sym"):
            continue
        elif tag == w("lastRenderedPageBreak"):
            continue
        else:
            _run_text(child, out, flags)


def paragraph_text(p) -> tuple[str, bool]:
    out: list[str] = []
    flags: dict = {}
    _run_text(p, out, flags)
    return "".join(out), bool(flags.get("page"))


class ParagraphReader:
    def __init__(self, docx_document):
        part = docx_document.part
        try:
            styles_root = part.styles.element  # python-docx adds defaults when missing
        except Exception:
            styles_root = None
        try:
            numbering_root = part.numbering_part.element
        except Exception:  # no numbering part
            numbering_root = None
        self.styles = Styles(styles_root)
        self.numbering = NumberingResolver(numbering_root)
        self.style_num = {sid: info.num_id for sid, info in self.styles.styles.items() if info.num_id}
        self.body = docx_document.element.body

    def paragraphs(self) -> list[Para]:
        out: list[Para] = []
        self._walk(self.body, out)
        return out

    def _walk(self, container, out: list[Para]) -> None:
        for el in container:
            tag = el.tag
            if tag == W_P:
                para = self._para(el)
                if para is not None:
                    out.append(para)
            elif tag == W_TBL:
                self._table(el, out)
            elif tag == W_SDT:
                content = el.find(W_SDTCONTENT)
                if content is not None:
                    self._walk(content, out)
            elif tag in (W_INS, w("customXml"), w("smartTag")):
                self._walk(el, out)

    def _table(self, tbl, out: list[Para]) -> None:
        for tr in tbl.iterchildren(w("tr")):
            cells = []
            for tc in tr.iter(w("tc")):
                texts = []
                for p in tc.iter(W_P):
                    t, _ = paragraph_text(p)
                    t = t.strip()
                    if t:
                        texts.append(t)
                cells.append("".join(texts))
            if any(cells):
                text = TABLE_CELL_SEPARATOR.join(c for c in cells if c)
                out.append(Para(text, in_table=True))

    def _para(self, p) -> Para | None:
        ppr = p.find(W_PPR)
        style = ""
        num_id = ilvl = outline = None
        align = ""
        page_before = False
        if ppr is not None:
            style = _val(ppr.find(w("pStyle")), "") or ""
            numpr = ppr.find(w("numPr"))
            if numpr is not None:
                num_id = _val(numpr.find(w("numId")))
                ilvl = _int(_val(numpr.find(w("ilvl"))))
            outline = _int(_val(ppr.find(w("outlineLvl"))))
            align = _val(ppr.find(w("jc")), "") or ""
            pb = ppr.find(w("pageBreakBefore"))
            page_before = pb is not None and _val(pb, "1") not in ("0", "false")
        s_num, s_ilvl, s_outline, num_style = self.styles.resolved(style)
        if outline is None or outline >= 9:
            outline = s_outline if outline is None else None
        if num_id is None:
            num_id = s_num
        if ilvl is None:
            ilvl = s_ilvl
        if ilvl is None:
            link = self.numbering.style_levels.get(num_style or style)
            ilvl = link[1] if link else 0
        text, page_break = paragraph_text(p)
        label = self.numbering.label(num_id, ilvl, self.style_num) if num_id else None
        return Para(text=text, label=label, outline=outline, align=align,
                    page_break_before=page_before or page_break,
                    style=self.styles.style_id(style))
