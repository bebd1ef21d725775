"""The document's paragraphs as typed: the public paragraph-level reading.

``read_paragraphs(path)`` gives every non-empty paragraph of a .docx,
.doc/.wps (through LibreOffice), text or web-page file, in document order,
with what a reader of the page sees and what Word knows about it:

- ``text``  — the typed text (without Word's automatic number);
- ``label`` — Word's automatic number as printed ("一、", "1）"), "" when none;
- ``style`` — the paragraph style's id ("" for text files);
- ``index`` — the paragraph's position in the document's paragraph stream
  (body paragraphs, one per table row), the same for empty paragraphs
  skipped here, so indices are stable between readers;
- ``outline`` (heading level of the style, 0-based), ``align``, ``in_table``.

Proofreading "as written" and the merging of departments' drafts read
documents through this; the outline recovery reads the same stream.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from .wordxml import Para


@dataclass(frozen=True)
class TypedParagraph:
    index: int
    text: str
    label: str = ""
    style: str = ""
    outline: int | None = None
    align: str = ""
    in_table: bool = False

    @property
    def shown(self) -> str:
        """The paragraph as it reads on the page: the number, then the text."""
        return f"{self.label}{self.text}"


def typed(paras: list[Para]) -> list[TypedParagraph]:
    return [TypedParagraph(index=k, text=p.text, label=p.label or "", style=p.style,
                           outline=p.outline, align=p.align, in_table=p.in_table)
            for k, p in enumerate(paras) if p.text.strip() or p.label]


def read_paragraphs(path: str | os.PathLike) -> list[TypedParagraph]:
    """The typed paragraphs of a document file (not a project), or one
    ``ImportDocumentError`` naming the file and the problem."""
    from .reader import paragraphs_of
    paras, _ = paragraphs_of(path)
    return typed(paras)


def text_paragraphs_typed(text: str) -> list[TypedParagraph]:
    """The typed paragraphs of pasted text."""
    from .plaintext import text_paragraphs
    return typed(text_paragraphs(text))
