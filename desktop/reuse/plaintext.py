"""Plain text and web pages as a paragraph stream.

Text reaches the reader three ways: a ``.txt`` file, a ``.doc`` that is
really text or HTML saved from a web site, and text pasted into the
window.  All become ``wordxml.Para`` paragraphs, so the one outline
recovery reads them.

Paragraphs: one per line when the text is written that way; when it was
hard-wrapped (copied from a PDF or a web page, lines cut at a fixed width),
a line that is nearly full and does not end a sentence runs on into the
next one.  Page footers ("— 3 —") and the blank lines around them go, and
a paragraph cut by a page break is joined again.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .wordxml import Para

_PAGE_NUMBER = re.compile(r"^\s*[—－\-–]\s*\d+\s*[—－\-–]\s*$|^\s*第\s*\d+\s*页(?:\s*共\s*\d+\s*页)?\s*$")
_ENDS = tuple("。！？：:；;!?")
_LAYOUT = re.compile(r"\S\s{3,}\S")  # columns laid out with spaces: signatures, issuers
_MARKER_START = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、．.]|[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|"
    r"第[一二三四五六七八九十百零〇\d]+[章节条编]|\d{1,2}\s*[、．.﹒，,）)](?!\d)|[①-⑳]|附\s*件)")
FULL_LINE = 0.7  # a line this close to the text's width was cut by wrapping
# a web site's furniture copied with the text: navigation, breadcrumbs, hit counters
WEB_CHROME = re.compile(r"网站导航|设为首页|加入收藏|返回首页|当前位置|您现在的位置|您的位置|阅读次数|浏览次数|"
                        r"点击数|人围观|打印本页|关闭窗口|分享到|【\s*大\s*中\s*小\s*】|字号\s*[:：]|"
                        r"(?:来源|作者|发布时间|发布日期|发文日期)\s*[:：]|^简介$|^\s*\|")
EDGE = 12  # furniture is looked for among the first and last lines only


def _width(text: str) -> int:
    return sum(1 if ord(c) < 0x2E80 else 2 for c in text)


def _text_width(lines: list[str]) -> int:
    widths = sorted(_width(s) for s in lines if s.strip())
    if not widths:
        return 0
    return widths[min(len(widths) - 1, int(len(widths) * 0.9))]


def split_lines(text: str) -> list[str]:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\u2028", "\n")
    return [ln.rstrip() for ln in text.split("\n")]


def _wrapped(lines: list[str], width: int) -> bool:
    """Hard-wrapped text: many lines reach the same width without ending a sentence."""
    body = [s.strip() for s in lines if s.strip()]
    if len(body) < 6 or width < 30:
        return False
    cut = sum(1 for s in body if _width(s) >= FULL_LINE * width and not s.endswith(_ENDS))
    return cut >= max(3, len(body) // 5)


def text_paragraphs(text: str) -> list[Para]:
    """The paragraphs of a plain text."""
    lines = split_lines(text)
    filled = [k for k, ln in enumerate(lines) if ln.strip()]
    edges = set(filled[:EDGE]) | set(filled[-EDGE:])
    lines = [ln for k, ln in enumerate(lines) if k not in edges or not WEB_CHROME.search(ln.strip())]
    # page footers and the blank lines right around them
    keep: list[str | None] = []
    for ln in lines:
        if _PAGE_NUMBER.match(ln):
            while keep and keep[-1] is not None and not keep[-1].strip():
                keep.pop()
            keep.append(None)  # a page break
            continue
        if keep and keep[-1] is None and not ln.strip():
            continue
        keep.append(ln)
    width = _text_width([ln for ln in keep if ln is not None])
    wrapped = _wrapped([ln for ln in keep if ln is not None], width)
    paras: list[Para] = []
    current: list[str] = []
    page_break = False
    last_cut = False  # the previous line was cut by wrapping

    def flush():
        nonlocal current, page_break
        if current:
            paras.append(Para("".join(current).strip(), page_break_before=page_break))
            page_break = False
        current = []

    for line in keep:
        if line is None:
            if not last_cut:
                flush()
                page_break = True
            continue
        stripped = line.strip().replace("\u3000", " ")
        if not stripped:
            flush()
            if paras and paras[-1].text:
                paras.append(Para(""))  # a blank line: the outline sees the gap
            last_cut = False
            continue
        indented = line[:1].isspace()
        if current and not (last_cut and not indented and not _MARKER_START.match(stripped)):
            flush()
        current.append(stripped)
        last_cut = (wrapped and _width(stripped) >= FULL_LINE * width
                    and not stripped.endswith(_ENDS) and not _LAYOUT.search(stripped))
    flush()
    return paras


# -- HTML ----------------------------------------------------------------------------
_BLOCK = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
          "article", "header", "footer", "blockquote", "pre", "center", "title", "hr", "ul", "ol",
          "dt", "dd"}
_SKIP = {"script", "style", "head", "noscript", "template"}


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.cells: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
        elif tag in ("td", "th"):
            self.out.append(" ")
        elif tag in _BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.out.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.out.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_text(html: str) -> str:
    """The text of a web page, one block element per line."""
    parser = _Text()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # HTMLParser is lenient; anything left is read as far as it went
        pass
    text = "".join(parser.out).replace("\xa0", " ")
    return "\n".join(ln.strip() for ln in text.split("\n"))
