"""Going to a place in the document: a section, a find match, a
proofreading finding, a review note.  The navigator selects the section
(the outline, editor and preview follow ``session.currentSectionChanged``)
and the text in the editor, or opens the properties dialog on the field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..proofread import Finding

if TYPE_CHECKING:
    from .main_window import MainWindow


def paragraph_offset(body: str, paragraph: int) -> tuple[int, str] | None:
    """(offset, line) of the ``paragraph``-th non-blank line of a body."""
    lines = body.split("\n")
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    if not 0 <= paragraph < len(nonblank):
        return None
    i = nonblank[paragraph]
    return sum(len(line) + 1 for line in lines[:i]), lines[i]


class Navigator:
    def __init__(self, window: "MainWindow"):
        self.window = window
        self.session = window.session
        self.editor = window.editor

    def go_to_section(self, section_id: str) -> None:
        """A section, or the 开头导语 / 结束语 ("@preamble" / "@closing"),
        which the editor shows like a section."""
        if section_id in ("@preamble", "@closing") or \
                self.session.document.find(section_id) is not None:
            self.session.set_current_section(section_id)
            if section_id.startswith("@"):
                self.window.show_editor()

    def show_match(self, section_id: str, field: str, start: int, end: int) -> None:
        self.go_to_section(section_id)
        if field == "title":
            self.editor.title_edit.setSelection(start, end - start)
            self.editor.title_edit.setFocus()
        else:
            self.editor.select_in_body(start, end)
            self.editor.body_edit.setFocus()

    def go_to_match(self, match: Any) -> None:
        """A 查找替换 match (``find_replace.Match``): the section's text, or
        the 开头导语 / 结束语 (in the editor too)."""
        self.window.show_editor()
        self.show_match(match.section_id, match.field, *match.span)

    def activate_finding(self, section_id: str, paragraph: int, start: int, end: int,
                         finding: Finding | None) -> None:
        """Go to a proofreading finding: the section, and the paragraph's text
        in the body when the body line is the printed paragraph itself; the
        title field for a heading (paragraph -1); the field of the properties
        dialog for the document's title, dates, 前言, 结束语 …."""
        excerpt = finding.excerpt if finding is not None else ""
        if section_id in ("@preamble", "@closing"):  # in the editor, like a section
            self.go_to_section(section_id)
            self.editor.select_printed(paragraph, start, end)
            self.editor.body_edit.setFocus()
            return
        if section_id.startswith("@"):
            field = finding.field if finding is not None else "title"
            self.window.edit_properties(field, excerpt, -1)
            return
        section = self.session.document.find(section_id)
        if section is None:
            return
        self.go_to_section(section_id)
        if paragraph == -1:
            self.window.show_editor()
            title = self.editor.title_edit
            text = title.text()
            if "{" not in text and 0 <= start < end <= len(text) \
                    and (not excerpt or text[start:end] == excerpt):
                title.setSelection(start, end - start)
            elif excerpt and excerpt in text:
                title.setSelection(text.index(excerpt), len(excerpt))
            else:
                title.selectAll()
            title.setFocus()
            return
        at = paragraph_offset(section.body, paragraph)
        if at is not None:
            offset, line = at
            lead = len(line) - len(line.lstrip())
            self.editor.select_in_body(offset + lead + start, offset + lead + end)

    def go_to_note(self, target: Any) -> None:
        """Go where a review note points (``review_notes.NoteTarget``)."""
        if target is None:
            return
        if target.is_property:
            self.window.edit_properties(target.field, target.excerpt, target.paragraph)
            return
        section = self.session.document.find(target.section_id)
        if section is None:
            return
        self.go_to_section(target.section_id)
        self.window.show_editor()
        if target.field == "title":
            self.editor.title_edit.selectAll()
            self.editor.title_edit.setFocus()
            return
        body = section.body
        at = body.find(target.excerpt) if target.excerpt else -1
        if at >= 0:
            self.editor.select_in_body(at, at + len(target.excerpt))
        else:
            found = paragraph_offset(body, target.paragraph)
            if found is not None:
                offset, line = found
                self.editor.select_in_body(offset, offset + len(line))
        self.editor.body_edit.setFocus()
