"""The year-over-year comparison (desktop.reuse.compare) without the window:
a year-only change in a title and renumbered sections are unchanged."""

from __future__ import annotations

from desktop.model import Document, Properties, Section
from desktop.reuse.compare import ADDED, CHANGED, SAME, compare_documents
from tests.ui.documents import make_document


def test_compare_ignores_a_year_only_change_in_a_title():
    def doc(year, body):
        return Document(properties=Properties(year=year, title=f"某县教育局{year}年工作计划"),
                        sections=[Section(title=f"{year}年重点工作", body=body)])
    diffs = compare_documents(doc(2025, "推进学前教育。"), doc(2026, "推进学前教育。"))
    assert [d.status for d in diffs] == [SAME, SAME]
    diffs = compare_documents(doc(2025, "推进学前教育。"), doc(2026, "推进义务教育。"))
    assert [d.status for d in diffs] == [SAME, CHANGED]


def test_compare_renumbered_sections_are_unchanged():
    old = make_document()
    new = make_document()
    chapter = new.sections[0]
    chapter.children.insert(0, Section(title="新设的工作", level=2, body="全年新建学校2所。"))
    diffs = {d.label: d.status for d in compare_documents(old, new)}
    assert diffs["（一）新设的工作"] == ADDED
    assert diffs["（二）高考成绩稳中有升"] == SAME  # was （一）
    assert diffs["（三）教师队伍建设"] == SAME
    assert [d.status for d in compare_documents(old, new)].count(CHANGED) == 0
