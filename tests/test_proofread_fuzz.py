"""Proofreading never crashes, and its offsets always point at the excerpt."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.model import Document, Figure, Properties, Section
from desktop.proofread import check_document
from desktop.proofread.fixes import apply_fix
from desktop.render import render
from desktop.proofread.units import units

ALPHABET = list("教育工作全面提升质量学校十四五九大二〇○年月日一二三四（）()《》“”,，。.;；:：?？ 　XX×【】１２3456%％") \
    + ["2025", "2026", "1.", "（一）", "入园率达到", "\n"]

texts = st.lists(st.sampled_from(ALPHABET), max_size=40).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=texts, body=texts, kind=st.sampled_from(["工作计划", "年度工作总结", "总结及计划"]))
def test_findings_point_at_their_excerpt_and_fixes_apply(title, body, kind):
    doc = Document(properties=Properties(kind=kind, year=2026, title=title.replace("\n", ""),
                                         date="2026-01-10"),
                   figures=[Figure("入园率", "%", value=93.5, target=95)],
                   sections=[Section(title=title.replace("\n", "") or "标题", body=body)])
    text_of = {(u.section_id, u.field, u.paragraph): u.text for u in units(render(doc))}
    for f in check_document(doc):
        assert f.severity in ("error", "warning", "info")
        key = (f.section_id, f.field, f.paragraph)
        if key in text_of and f.rule != "template-error":
            assert text_of[key][f.start:f.end] == f.excerpt, f
    for _ in range(5):
        fixable = [f for f in check_document(doc) if f.fix is not None]
        if not fixable or apply_fix(doc, fixable[0]) is None:
            break
