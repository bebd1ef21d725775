"""A date as a 公文 writes it, read back to ISO (reuse and proofreading alike)."""

from __future__ import annotations

import pytest

from desktop.dates import parse_written_date


@pytest.mark.parametrize("text, iso", [
    ("2026年11月22日", "2026-11-22"),
    ("2026年03月05日", "2026-03-05"),
    ("  2026 年 3 月 5 日 ", "2026-03-05"),
    ("二〇二二年十二月一日", "2022-12-01"),
    ("二○二六年一月三十一日", "2026-01-31"),
    ("二零二六年二月二十日", "2026-02-20"),
])
def test_a_whole_paragraph_date_is_read(text, iso):
    assert parse_written_date(text) == iso


@pytest.mark.parametrize("text", [
    "", "2026年", "2026年13月1日", "2026年12月32日", "2026年0月1日",
    "2026年11月22日印发", "于2026年11月22日", "2026-11-22",
    "二〇二六年一二月一日",  # a month written digit by digit is not a date
    "二〇二六年十十月一日",
])
def test_anything_else_is_not_a_date(text):
    assert parse_written_date(text) is None


def test_reuse_and_proofreading_read_the_same_dates():
    from desktop.proofread import written
    from desktop.reuse import frontmatter
    assert written.parse_written_date is frontmatter.parse_written_date is parse_written_date
