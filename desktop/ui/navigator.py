"""Going to a place in the document: a section, a find match, a
proofreading finding, a review note.  The navigator selects the section
(the outline, editor and preview follow ``session.currentSectionChanged``)
and the text in the editor, or opens the properties dialog on the field.

Places are core ``SourceRef``s (``desktop.source``): a find or 查找替换
match is one (``desktop.search`` / ``desktop.find_replace``), a finding
gives its own (``Finding.ref``), a review note its ``ref`` (``locate_note``
reads the note's display text only for notes of older projects that have
none); ``go_to(ref)`` is the one way there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..proofread import Finding
from ..source import TITLE_PARAGRAPH, SourceRef

if TYPE_CHECKING:
    from .main_window import MainWindow

PARTS = ("@preamble", "@closing")  # edited in the editor like a section


class Navigator:
    def __init__(self, window: "MainWindow"):
        self.window = window
        self.session = window.session
        self.editor = window.editor

    def go_to_section(self, section_id: str) -> None:
        """A section, or the 开头导语 / 结束语 ("@preamble" / "@closing"),
        which the editor shows like a section."""
        if section_id in PARTS or self.session.document.find(section_id) is not None:
            self.session.set_current_section(section_id)
            if section_id in PARTS:
                self.window.show_editor()

    def go_to(self, ref: SourceRef, excerpt: str = "") -> None:
        """Go to ``ref``: a property's field in the properties dialog (the
        开头导语 and 结束语 in the editor, like a section), else the section in
        the editor with ``ref.span`` of the printed paragraph (of the title
        for a heading) selected — or ``excerpt`` where it stands, or the
        whole paragraph."""
        if ref.is_property and ref.field in ("preamble", "closing"):
            self.go_to_section("@" + ref.field)
            self._select_in_body(ref, excerpt)
            return
        if ref.is_property:
            self.window.edit_properties(ref.field, excerpt, ref.paragraph)
            return
        section = self.session.document.find(ref.section_id)
        if section is None:
            return
        self.go_to_section(ref.section_id)
        self.window.show_editor()
        if ref.field == "title":
            self._select_in_title(ref.span, excerpt)
            return
        self._select_in_body(ref, excerpt)

    def _select_in_body(self, ref: SourceRef, excerpt: str) -> None:
        """Offsets are in the printed paragraph; the editor maps them past its
        data chips (``FieldTextEdit.select_printed``)."""
        editor = self.editor
        shown = editor.body_edit.toPlainText()  # a chip is one character here
        if ref.paragraph >= 0 and ref.span is not None:
            editor.select_printed(ref.paragraph, *ref.span)
        elif excerpt and excerpt in shown:
            at = shown.index(excerpt)
            editor.select_in_body(at, at + len(excerpt))
        elif ref.paragraph >= 0:
            editor.select_printed(ref.paragraph, 0, 10**6)
        editor.body_edit.setFocus()

    def _select_in_title(self, span: tuple[int, int] | None, excerpt: str) -> None:
        title = self.editor.title_edit
        text = title.text()
        if span is not None and "{" not in text and 0 <= span[0] < span[1] <= len(text) \
                and (not excerpt or text[span[0]:span[1]] == excerpt):
            title.setSelection(span[0], span[1] - span[0])
        elif excerpt and excerpt in text:
            title.setSelection(text.index(excerpt), len(excerpt))
        else:
            title.selectAll()
        title.setFocus()

    def activate_finding(self, section_id: str, paragraph: int, start: int, end: int,
                         finding: Finding | None) -> None:
        """Go to a proofreading finding (its ``ref``; without the finding, the
        place the panel's signal gives)."""
        ref = finding.ref if finding is not None else None
        if ref is None:
            field = "title" if paragraph == TITLE_PARAGRAPH else "body"
            ref = SourceRef.of(section_id, field, paragraph, (start, end))
            if ref.is_property and ref.field not in ("preamble", "closing"):
                return  # which property: only the finding says
        self.go_to(ref, finding.excerpt if finding is not None else "")
