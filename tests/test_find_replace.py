"""查找替换's matches are places (SourceRef) in every text the clerk edits."""

from __future__ import annotations

from desktop import find_replace
from desktop.model import Document, Properties, Section
from desktop.source import SourceRef
from desktop.templating import base_context


def test_matches_in_the_preamble_and_closing_are_property_fields():
    doc = Document(properties=Properties(preamble="今年稳步发展。\n稳步推进。", closing="再稳步。"),
                   sections=[Section("稳步", id="s", body="")])
    found = find_replace.find_all(doc, "稳步", base_context(doc))
    assert found == [SourceRef.prop("preamble", 0, (2, 4)), SourceRef.prop("preamble", 1, (0, 2)),
                     SourceRef("s", "title", -1, (0, 2)), SourceRef.prop("closing", 0, (1, 3))]


def test_case_insensitive_search():
    doc = Document(sections=[Section("t", id="s", body="Word 与 WORD")])
    assert [r.span for r in find_replace.find_all(doc, "word", {}, case=False)] == [(0, 4), (7, 11)]
    assert find_replace.find_all(doc, "word", {}) == []
