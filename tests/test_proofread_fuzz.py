"""Proofreading never crashes, and its offsets always point at the excerpt."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.model import Document, Figure, Properties, Section
from desktop.proofread import check_document
from desktop.proofread.fixes import apply_fix, apply_targets, locate_fix, plan_fixes
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


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=texts, body=texts)
def test_fixes_planned_together_agree_with_one_by_one(title, body):
    """plan_fixes of one finding is locate_fix; all findings of a rule fixed
    together change only what fixing them one at a time could, and undo."""
    doc = Document(properties=Properties(kind="工作计划", year=2026,
                                         title=title.replace("\n", ""), date="2026-01-10"),
                   figures=[Figure("入园率", "%", value=93.5, target=95)],
                   sections=[Section(title=title.replace("\n", "") or "标题", body=body)])
    findings = check_document(doc)
    for f in findings:
        single = locate_fix(doc, f)
        targets, fixed = plan_fixes(doc, [f])
        if single is None:
            assert targets == [] and fixed == []
        else:
            assert targets == [single] and fixed == [f]
    before = (doc.properties.title, doc.sections[0].title, doc.sections[0].body)
    for rule in {f.rule for f in findings}:
        targets, fixed = plan_fixes(doc, [f for f in findings if f.rule == rule])
        assert len({(t.section_id, t.field) for t in targets}) == len(targets)
        apply_targets(doc, targets)
        render(doc)  # still renders
        apply_targets(doc, targets, undo=True)
        assert (doc.properties.title, doc.sections[0].title, doc.sections[0].body) == before


WRITTEN = ALPHABET + ["某某县教育局2025年工作计划", "力争2025年", "某教发〔2026〕 3 号", "各学校:", "(一)", "1、", "一.", "附件", "附件：1、",
                      "2026年03月05日", "7月15前", "2022-2022年", "“扫黑除恶、”", "的的", "主题词：",
                      "第一条", "第一章", "某某县教育局", "抄送：", "2026年3月1日印发", "  "]
lines_of = st.lists(st.lists(st.sampled_from(WRITTEN), max_size=12).map("".join), max_size=25)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=lines_of, year=st.sampled_from([None, 2026]))
def test_written_file_findings_point_at_their_excerpt(lines, year):
    from desktop.proofread.asis import check_written
    from desktop.proofread.written import _Para, read_written
    paras = [_Para(t.replace("\n", "")) for t in lines]
    wd = read_written("typed.docx", paras=paras)
    text = {ln.index: ln.text for ln in wd.lines}
    for f in check_written(wd, year=year):
        assert f.section_id == "@file" and f.severity in ("error", "warning", "info")
        assert f.paragraph in text
        if f.end > f.start:
            assert text[f.paragraph][f.start:f.end] == f.excerpt, f
        assert f.excerpt in f.around() or not f.context
