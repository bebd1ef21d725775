"""Text pasted from Word/WPS or a web page, made into paragraphs and sections.

Word puts a hard line break where a line was wrapped or where a paragraph
was broken by hand; a line that does not end a sentence joins the next one
(:func:`join_broken_lines`).  Lines that start with an outline number
(一、 （一） 1. （1）) can become sections (:func:`split_sections`, offered as
“识别为章节”).
"""

from __future__ import annotations

from .fields import literal
from .model import MAX_LEVEL, Section
from .numbering import parse_outline_number

_ENDS = tuple("。！？；：…”’）)】》!?;:")


def _is_heading(line: str) -> bool:
    return parse_outline_number(line) is not None


def join_broken_lines(text: str) -> str:
    """One paragraph per line: a line broken inside a sentence joins the next."""
    lines = [ln.strip() for ln in text.replace("\r\n", "\n").replace("\r", "\n")
             .replace("\u2028", "\n").replace("\u000b", "\n").split("\n")]
    out: list[str] = []
    joinable = False
    for line in lines:
        if not line:
            joinable = False
            continue
        if out and joinable and not _is_heading(line):
            out[-1] += line
        else:
            out.append(line)
        joinable = not line.endswith(_ENDS) and not _is_heading(line)
    return "\n".join(out)


def has_headings(text: str) -> bool:
    return any(_is_heading(ln) for ln in join_broken_lines(text).split("\n"))


def split_sections(text: str, base_level: int = 1) -> tuple[str, list[Section]]:
    """(text before the first heading, sections) of pasted text.

    A numbered line starts a section whose title is the line without its
    number; a 1./（1） item with a run-in title (“1.标题。正文”) is split there.
    Levels follow the numbers' forms, shifted so the highest is
    ``base_level``; the lines after a heading are its body.
    """
    from .reuse.outline import split_run_in
    lead: list[str] = []
    flat: list[tuple[int, Section]] = []
    for line in join_broken_lines(text).split("\n"):
        number = parse_outline_number(line)
        if number is None:
            if flat:
                s = flat[-1][1]
                s.body = (s.body + "\n" + line) if s.body else line
            else:
                lead.append(line)
            continue
        rest = line[number.length:].strip()
        title, body = split_run_in(rest) if number.level >= 3 else (rest.rstrip("。"), "")
        section = Section(title=title, body=body, level=number.level, run_in=bool(body))
        flat.append((number.level, section))
    for _, s in flat:  # pasted text is literal, whatever braces it holds
        s.title, s.body = literal(s.title), literal(s.body)
    if not flat:
        return "\n".join(lead), []
    top = min(level for level, _ in flat)
    roots: list[Section] = []
    stack: list[Section] = []
    for level, s in flat:
        s.level = min(MAX_LEVEL, level - top + base_level)
        while stack and stack[-1].level >= s.level:
            stack.pop()
        (stack[-1].children if stack else roots).append(s)
        stack.append(s)
    return "\n".join(lead), roots
