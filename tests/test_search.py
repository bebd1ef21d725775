"""Find in section titles and bodies (the window's 查找 bar)."""

from __future__ import annotations

from desktop.model import Document, Section
from desktop.search import find_all, next_match
from desktop.source import SourceRef


def doc() -> Document:
    return Document(sections=[
        Section("加强备考", id="a", body="备考备考，再备考。", children=[
            Section("备考心得", id="a1", level=2, body="无")]),
        Section("其他", id="b", body="没有"),
    ])


def test_every_occurrence_in_outline_order_title_first():
    found = find_all(doc(), "备考")
    assert found == [SourceRef("a", "title", -1, (2, 4)), SourceRef("a", "body", 0, (0, 2)),
                     SourceRef("a", "body", 0, (2, 4)), SourceRef("a", "body", 0, (6, 8)),
                     SourceRef("a1", "title", -1, (0, 2))]
    assert find_all(doc(), "") == [] and find_all(doc(), "不存在") == []


def test_occurrences_do_not_overlap():
    d = Document(sections=[Section("啊啊啊", id="x")])
    assert [m.span for m in find_all(d, "啊啊")] == [(0, 2)]


def test_next_match_wraps_and_starts_in_the_current_section():
    found = find_all(doc(), "备考")
    assert next_match(found, None, "a1", +1) == 4
    assert next_match(found, None, "b", +1) == 0
    assert next_match(found, None, "a1", -1) == 4  # backwards: from the last one
    assert next_match(found, found[4], "a1", +1) == 0
    assert next_match(found, found[0], "a", -1) == 4


def test_offsets_are_in_the_paragraph_as_printed():
    from desktop.model import Figure, Properties
    d = Document(properties=Properties(year=2026),
                 figures=[Figure("人数", "人", value=1350)],
                 sections=[Section("{{ year }}年备考", id="a",
                                   body="共{{ fig.人数 }}参加备考\n\n   再备考。\n")])
    found = find_all(d, "备考")
    # the title box and the printed paragraph show "2026" and "1350人"
    assert found == [SourceRef("a", "title", -1, (5, 7)),
                     SourceRef("a", "body", 0, (1 + 5 + 2, 1 + 5 + 4)),
                     SourceRef("a", "body", 1, (1, 3))]  # the blank line is no paragraph
    assert find_all(d, "BEI") == []


def test_a_broken_field_counts_as_it_prints():
    d = Document(sections=[Section("t", id="a", body="{{ fig.没有 }}备考")])
    # 〈没有〉: four characters before the match
    assert find_all(d, "备考") == [SourceRef("a", "body", 0, (4, 6))]
