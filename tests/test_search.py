"""Find in section titles and bodies (the window's 查找 bar)."""

from __future__ import annotations

from desktop.model import Document, Section
from desktop.search import Match, find_all, next_match


def doc() -> Document:
    return Document(sections=[
        Section("加强备考", id="a", body="备考备考，再备考。", children=[
            Section("备考心得", id="a1", level=2, body="无")]),
        Section("其他", id="b", body="没有"),
    ])


def test_every_occurrence_in_outline_order_title_first():
    found = find_all(doc(), "备考")
    assert found == [Match("a", "title", 2, 4), Match("a", "body", 0, 2), Match("a", "body", 2, 4),
                     Match("a", "body", 6, 8), Match("a1", "title", 0, 2)]
    assert find_all(doc(), "") == [] and find_all(doc(), "不存在") == []


def test_occurrences_do_not_overlap():
    d = Document(sections=[Section("啊啊啊", id="x")])
    assert [m.start for m in find_all(d, "啊啊")] == [0]


def test_next_match_wraps_and_starts_in_the_current_section():
    found = find_all(doc(), "备考")
    assert next_match(found, None, "a1", +1) == 4
    assert next_match(found, None, "b", +1) == 0
    assert next_match(found, None, "a1", -1) == 4  # backwards: from the last one
    assert next_match(found, found[4], "a1", +1) == 0
    assert next_match(found, found[0], "a", -1) == 4
