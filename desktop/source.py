"""Where text comes from: ``SourceRef``, and how a source field splits into
paragraphs.

A location in the document the clerk edits — a section's title or body, or
a field of the document properties (标题, 前言, 结束语, 发文字号 …) — down
to a paragraph and a span of characters.  Rendered blocks carry one
(``render.Block.ref``), so do proofreading findings and roll-forward notes,
and the window navigates from it instead of parsing display strings back.

Paragraphs are the non-blank lines of a field (``split_paragraphs``);
``paragraph_span`` finds one of them in the field's text.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

# Where a block came from when it is not a section (``render.Block.section_id``)
PREAMBLE, CLOSING, PROPERTIES = "@preamble", "@closing", "@properties"

# Blocks made from document properties: role → the Properties field they show
ROLE_FIELDS = {
    "red_header": "header_text", "doc_number": "doc_number", "notice_title": "notice_title",
    "notice_recipients": "recipients", "notice_body": "notice_body",
    "notice_signature": "signature", "notice_date": "date", "title": "title",
    "recipients": "recipients", "attachment": "attachments", "signature": "signature",
    "date": "date", "note": "note", "cc": "cc", "printer": "printer",
    "issuer": "signers", "annex_label": "table_title", "annex_title": "table_title",
    "annex_table": "table_figures",
}
TITLE_PARAGRAPH = -1  # ``paragraph`` of a one-line field: a title, a date


@dataclass(frozen=True)
class SourceRef:
    """A place in the edited document.

    ``section_id`` is a section's id, or ``PROPERTIES`` for a field of the
    document properties; ``field`` is "title" or "body" in a section, the
    ``Properties`` field name otherwise ("title", "preamble", "closing",
    "doc_number", "attachments" …); ``paragraph`` the index among the
    field's paragraphs (``split_paragraphs``; list fields: the item), -1
    for a title or a one-line field; ``span`` (start, end) characters within
    that paragraph, if the reference is that precise.
    """

    section_id: str
    field: str = "body"
    paragraph: int = TITLE_PARAGRAPH
    span: tuple[int, int] | None = None

    @classmethod
    def of(cls, section_id: str, field: str = "body", paragraph: int = TITLE_PARAGRAPH,
           span: tuple[int, int] | None = None) -> "SourceRef":
        """A reference from a block's pseudo section id (``PREAMBLE`` /
        ``CLOSING`` become the properties' preamble / closing)."""
        if section_id == PREAMBLE:
            return cls(PROPERTIES, "preamble", paragraph, span)
        if section_id == CLOSING:
            return cls(PROPERTIES, "closing", paragraph, span)
        return cls(section_id, field, paragraph, span)

    @classmethod
    def prop(cls, field: str, paragraph: int = TITLE_PARAGRAPH,
             span: tuple[int, int] | None = None) -> "SourceRef":
        return cls(PROPERTIES, field, paragraph, span)

    @property
    def is_property(self) -> bool:
        return self.section_id == PROPERTIES

    @property
    def is_section(self) -> bool:
        return not self.section_id.startswith("@")

    def at(self, start: int, end: int) -> "SourceRef":
        """The same paragraph, narrowed to characters ``start``…``end``."""
        return replace(self, span=(start, end))

    def __str__(self) -> str:
        where = f"{self.section_id}.{self.field}"
        if self.paragraph != TITLE_PARAGRAPH:
            where += f"[{self.paragraph}]"
        if self.span is not None:
            where += f"@{self.span[0]}-{self.span[1]}"
        return where


def split_paragraphs(text: str) -> list[str]:
    """One paragraph per non-blank line, surrounding whitespace removed."""
    return [line.strip() for line in text.replace("\r\n", "\n").split("\n") if line.strip()]


def paragraph_span(text: str, index: int) -> tuple[int, int] | None:
    """(start, end) in ``text`` of paragraph ``index`` of
    ``split_paragraphs(text)`` (its stripped text), or None when there is
    no such paragraph.  Offsets count "\\r\\n" as two characters, as the
    text is stored."""
    if index < 0:
        return None
    pos = 0
    n = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            if n == index:
                start = pos + (len(line) - len(line.lstrip()))
                return start, start + len(stripped)
            n += 1
        pos += len(line) + 1
    return None
