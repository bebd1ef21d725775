"""The year-over-year comparison (desktop.reuse.compare) without the window."""

from __future__ import annotations

from desktop.model import Document, Properties, Section
from desktop.reuse.compare import CHANGED, SAME, compare_documents


def test_compare_ignores_a_year_only_change_in_a_title():
    def doc(year, body):
        return Document(properties=Properties(year=year, title=f"某县教育局{year}年工作计划"),
                        sections=[Section(title=f"{year}年重点工作", body=body)])
    diffs = compare_documents(doc(2025, "推进学前教育。"), doc(2026, "推进学前教育。"))
    assert [d.status for d in diffs] == [SAME, SAME]
    diffs = compare_documents(doc(2025, "推进学前教育。"), doc(2026, "推进义务教育。"))
    assert [d.status for d in diffs] == [SAME, CHANGED]
