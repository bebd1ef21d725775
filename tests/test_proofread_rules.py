"""Every proofreading rule: it fires on a planted fault and stays silent on
the corrected text.  Documents are built with ``tests.proofread_docs.make_doc``;
their sentences are written for the tests."""

from __future__ import annotations

import pytest

from desktop.model import Document, Figure, Section, Settings
from desktop.proofread import RULES, Finding, check_document
from desktop.proofread.fixes import apply_fix, apply_targets, plan_fixes
from tests.proofread_docs import make_doc


def rules_of(doc, **kw) -> list[str]:
    return [f.rule for f in check_document(doc, **kw)]


def only(doc, rule, **kw):
    return [f for f in check_document(doc, **kw) if f.rule == rule]


# -- the twin documents -------------------------------------------------------------
FAULTY_PLAN = [
    "坚持稳中求进工作总基调,全面提升教育质量。",  # half-width comma
    "深入学习贯彻党的十九大精神，推动各项工作落实。",  # stale in 2026
    "全面落实“十四五”规划确定的各项任务。",  # stale in 2026
    "力争2025年全县学前三年毛入园率达到94%。",  # plan year; figure
    "全年计划完成XX所学校改造。",  # placeholder
    "加强师德师风建设。。",  # doubled
    "组织开展 教师培训活动。",  # space
    "召开２０２６年全县教育工作会议。",  # full-width digits
    "认真学习《教育法》和《教师法，提高依法治教水平。",  # unmatched
    "推进集团化办学(试点)工作。",  # half-width parens
    "按照某教发[2026]3号文件要求抓好落实。",  # doc number brackets
    "各校于2026年03月05日前报送材料。",  # date format
    "着力构建优质均衡的基本公共教育服务体系，让每个孩子都能享有公平而有质量的教育。",
    "着力构建优质均衡的基本公共教育服务体系，让每个孩子都能享有公平而有质量的教育。",  # repeat
]
FIXED_PLAN = [
    "坚持稳中求进工作总基调，全面提升教育质量。",
    "深入学习贯彻党的二十大精神，推动各项工作落实。",
    "全面落实“十五五”规划确定的各项任务。",
    "力争2026年全县学前三年毛入园率达到95%。",
    "全年计划完成12所学校改造。",
    "加强师德师风建设。",
    "组织开展教师培训活动。",
    "召开2026年全县教育工作会议。",
    "认真学习《教育法》和《教师法》，提高依法治教水平。",
    "推进集团化办学（试点）工作。",
    "按照某教发〔2026〕3号文件要求抓好落实。",
    "各校于2026年3月5日前报送材料。",
    "着力构建优质均衡的基本公共教育服务体系，让每个孩子都能享有公平而有质量的教育。",
]
FIGURES = [Figure("学前三年毛入园率", "%", last=92.5, value=93.8, target=95),
           Figure("专任教师", "人", last=3200, value=3260, target=3300)]


def plan(lines, **kw) -> Document:
    return make_doc("\n".join(lines), figures=FIGURES, **kw)


def test_faulty_plan_fires_every_planted_rule():
    rules = set(rules_of(plan(FAULTY_PLAN, title="一、总体要求",
                              doc_title="{{ org }}2025年工作计划", date="2026-1-5",
                              doc_number="某教发（2026）03号")))
    assert {"halfwidth-punct", "stale-term", "plan-year", "figure-mismatch", "placeholder",
            "doubled-punct", "cjk-space", "fullwidth-alnum", "unmatched-pair",
            "doc-number-format", "date-format", "repeated-paragraph", "typed-number",
            "title-year"} <= rules


def test_corrected_twin_gives_no_finding_at_all():
    doc = plan(FIXED_PLAN, doc_number="某教发〔2026〕3号")
    assert check_document(doc) == []


def test_applying_every_fix_then_rechecking_clears_the_fixable_findings():
    doc = plan(FAULTY_PLAN)
    for _ in range(30):
        fixable = [f for f in check_document(doc) if f.fix is not None]
        if not fixable:
            break
        assert apply_fix(doc, fixable[0]) is not None, fixable[0]
    remaining = {f.rule for f in check_document(doc)}
    # what is left needs a person: placeholders, stale terms, the unclosed 《
    assert remaining == {"placeholder", "stale-term", "unmatched-pair"}


# -- placeholders and templates -----------------------------------------------------------
@pytest.mark.parametrize("text", [
    "XX县教育局全年共培训教师。", "全县共有xx所学校。", "投入资金××万元。", "由○○同志负责。",
    "完成＊＊项任务。", "联系人：【姓名】。", "此处填写具体措施。", "具体数字待补充。"])
def test_placeholder_fires(text):
    found = only(make_doc(text), "placeholder")
    assert len(found) == 1 and found[0].severity == "error"
    assert found[0].excerpt in text


@pytest.mark.parametrize("text", [
    "二○○八年以来，全县持续推进学校标准化建设。",  # ○ used for 〇 in a year
    "学校配备了XXL号校服。",  # a size, not a placeholder
    "某教发〔2026〕3号文件已印发。",
    "全县共有32所学校。",
])
def test_placeholder_silent(text):
    assert only(make_doc(text), "placeholder") == []


def test_template_error_reported_once_with_section():
    doc = make_doc("全县{{ fig.不存在的指标 }}。")
    found = check_document(doc)
    assert [f.rule for f in found] == ["template-error"]
    assert found[0].section == "一" and "不存在的指标" in found[0].message


def test_unrendered_marks_fire_for_literal_braces():
    doc = make_doc("{% raw %}全县{{ 学校数 }}所学校。{% endraw %}")
    found = only(doc, "unrendered-template")
    assert found and found[0].excerpt == "{{ 学校数 }}"


# -- stale expressions ---------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "深入贯彻落实党的十九大精神。",
    "对照“十四五”规划目标，补齐短板弱项。",
    "编制十四五期间学校布局调整方案。",
])
def test_stale_fires_in_2026(text):
    assert len(only(make_doc(text), "stale-term")) == 1


@pytest.mark.parametrize("text", [
    "“十四五”规划圆满收官，教育事业取得显著成就。",
    "回顾“十四五”时期，全县新建学校12所。",
    "党的十八大以来，全县教育面貌发生深刻变化。",
    "根据《某某县教育事业发展“十四五”规划》中期评估报告，调整部分项目。",
    "深入学习贯彻党的二十大精神。",
    "科学编制“十五五”教育发展规划。",
])
def test_stale_silent_in_review_contexts_and_current_terms(text):
    assert only(make_doc(text), "stale-term") == []


def test_stale_depends_on_year_and_month():
    text = "深入学习贯彻党的十九大精神。"
    assert only(make_doc(text, year=2021, doc_title="{{ org }}2021年工作计划",
                         date="2021-01-05"), "stale-term") == []
    # 2022: stale only once the date is after October
    assert only(make_doc(text, year=2022, kind="年度工作总结", doc_title="{{ org }}2022年工作总结",
                         date="2022-06-30"), "stale-term") == []
    assert len(only(make_doc(text, year=2022, kind="年度工作总结",
                             doc_title="{{ org }}2022年工作总结", date="2022-12-20"),
                    "stale-term")) == 1


def test_fifteenth_plan_is_current_in_2026_but_fourteenth_is_current_in_2025():
    doc = make_doc("全面落实“十四五”规划各项任务。", year=2025,
                   doc_title="{{ org }}2025年工作计划", date="2025-01-06")
    assert only(doc, "stale-term") == []


# -- years ------------------------------------------------------------------------------
def test_title_year_fires_with_fix_and_silent_when_right():
    doc = make_doc("做好各项工作。", doc_title="某某县教育局2025年工作计划")
    f = only(doc, "title-year")
    assert len(f) == 1 and f[0].excerpt == "2025" and f[0].fix == "2026" and f[0].section == ""
    assert only(make_doc("做好各项工作。", doc_title="某某县教育局2026年工作计划"), "title-year") == []


def test_summary_and_plan_title_allows_both_years():
    doc = make_doc("做好各项工作。", kind="总结及计划", year=2025,
                   doc_title="某某县教育局2025年工作总结和2026年工作计划", date="2025-12-20")
    assert check_document(doc) == []
    doc.properties.title = "某某县教育局2024年工作总结和2025年工作计划"
    assert [f.excerpt for f in only(doc, "title-year")] == ["2024"]


def test_title_period_range_is_not_a_year():
    doc = make_doc("做好各项工作。", doc_title="某某县教育局2026年工作计划（2026—2027学年）")
    assert only(doc, "title-year") == []


@pytest.mark.parametrize("text", ["2025年重点工作安排如下。", "确保2025年底前完成改造任务。"])
def test_plan_year_fires(text):
    f = only(make_doc(text), "plan-year")
    assert len(f) == 1 and f[0].excerpt == "2025" and f[0].fix == "2026"


@pytest.mark.parametrize("text", [
    "2025年重点工作全面完成。",  # review of last year
    "2026年重点工作安排如下。",
    "与2025年相比，投入增长12%。",
])
def test_plan_year_silent(text):
    assert only(make_doc(text), "plan-year") == []


def test_plan_year_not_applied_to_summaries():
    doc = make_doc("确保2025年底前完成改造任务。", kind="年度工作总结",
                   doc_title="{{ org }}2026年工作总结", date="2026-12-20")
    assert only(doc, "plan-year") == []


@pytest.mark.parametrize("text,fix", [
    ("2026年03月05日前完成。", "2026年3月5日"),
    ("于2026-3-5召开会议。", "2026年3月5日"),
    ("于2026.03.05召开会议。", "2026年3月5日"),
    ("于3月5日2026年召开会议。", "2026年3月5日"),
    ("2026年 3月 5日前完成。", "2026年3月5日"),
])
def test_typed_dates_fire_with_fix(text, fix):
    f = only(make_doc(text), "date-format")
    assert len(f) == 1 and f[0].fix == fix


def test_chinese_numeral_date_line_fires_and_arabic_is_silent():
    doc = make_doc("做好各项工作。", closing="二〇二六年一月十日")
    f = only(doc, "date-format")
    assert len(f) == 1 and f[0].fix == "2026年1月10日"
    assert only(make_doc("做好各项工作。", closing="2026年1月10日"), "date-format") == []


@pytest.mark.parametrize("text", ["全县2026年3月5日召开会议。", "实施2021-2025年规划。",
                                  "比例为1.5.", "版本3.2.1已更新。"])
def test_typed_dates_silent(text):
    assert only(make_doc(text), "date-format") == []


def test_date_property_invalid_and_wrong_year():
    doc = make_doc("做好各项工作。", date="2026-02-30")
    f = only(doc, "date-format")
    assert len(f) == 1 and f[0].severity == "error" and f[0].excerpt == "2026-02-30"
    doc.properties.date = "2024-12-30"
    assert len(only(doc, "date-year")) == 1
    doc.properties.date = "2025-12-30"  # a plan is often dated the year before
    assert check_document(doc) == []


# -- punctuation ------------------------------------------------------------------------
@pytest.mark.parametrize("text,excerpt,fix", [
    ("全面提升质量,办好人民满意的教育。", ",", "，"),
    ("主要任务:抓好三件事。", ":", "："),
    ("如何提升质量?值得思考。", "?", "？"),
    ("统筹推进;协同发展。", ";", "；"),
])
def test_halfwidth_fires(text, excerpt, fix):
    f = only(make_doc(text), "halfwidth-punct")
    assert [(x.excerpt, x.fix) for x in f] == [(excerpt, fix)]


def test_halfwidth_parentheses_fire_as_pair():
    f = only(make_doc("推进集团化办学(试点)工作。"), "halfwidth-punct")
    assert [x.fix for x in f] == ["（", "）"]


@pytest.mark.parametrize("text", [
    "全县投入资金2,000万元。", "师生比达到1:13。", "会议于8:30开始。",
    "参考文献：Smith (2020) notes the trend.",
    "网址为https://example.org/a?b=1，欢迎访问。",
    "1）加强党的建设。",
])
def test_halfwidth_silent(text):
    assert only(make_doc(text), "halfwidth-punct") == []
    assert only(make_doc(text), "unmatched-pair") == []


def test_fullwidth_alnum():
    f = only(make_doc("全县ＧＤＰ增长５．５%。"), "fullwidth-alnum")
    assert [(x.excerpt, x.fix) for x in f] == [("ＧＤＰ", "GDP"), ("５．５", "5.5")]
    assert only(make_doc("全县GDP增长5.5%。"), "fullwidth-alnum") == []


@pytest.mark.parametrize("text", ["落实“双减政策。", "学习《纲要。", "推进改革（试点。",
                                  "推进改革试点）。", "学习纲要》。"])
def test_unmatched_fires(text):
    assert len(only(make_doc(text), "unmatched-pair")) == 1


@pytest.mark.parametrize("text", ["落实“双减”政策。", "学习《中国教育现代化2035》。",
                                  "推进改革（试点）。", "学习《“十五五”规划纲要》。"])
def test_unmatched_silent(text):
    assert only(make_doc(text), "unmatched-pair") == []


def test_doubled_punct():
    assert [f.fix for f in only(make_doc("完成任务，，取得成效。。"), "doubled-punct")] == ["，", "。"]
    assert only(make_doc("完成任务……取得成效。"), "doubled-punct") == []


def test_cjk_space():
    f = only(make_doc("加强 教师\u3000队伍建设。"), "cjk-space")
    assert [x.excerpt for x in f] == [" ", "\u3000"]
    assert only(make_doc("推广 AI 教学应用。"), "cjk-space") == []


def test_doc_number_property_and_text():
    doc = make_doc("做好各项工作。", doc_number="某教发【2026】第3号")
    f = only(doc, "doc-number-format")
    assert len(f) == 1 and f[0].fix == "〔2026〕3号" and f[0].section == ""
    assert only(make_doc("做好各项工作。", doc_number="某教发〔2026〕3号"), "doc-number-format") == []
    assert len(only(make_doc("根据某教发〔2026〕03号文件。"), "doc-number-format")) == 1


# -- numbering ----------------------------------------------------------------------------
def test_typed_number_in_title():
    doc = make_doc("内容。", sections=[Section(title="（一）加强党建", level=1, body="内容。")])
    f = only(doc, "typed-number")
    assert len(f) == 1 and f[0].excerpt == "（一）" and f[0].fix == "" and f[0].paragraph == -1
    assert check_document(make_doc("", sections=[Section(title="加强党建", level=1,
                                                         body="抓好班子建设。")])) == []


def test_title_starting_with_a_decimal_is_not_a_number():
    doc = make_doc("", sections=[Section(title="1.5万名教师参加培训", level=1, body="内容充实。")])
    assert only(doc, "typed-number") == []


def test_body_list_gap_and_repeat():
    doc = make_doc("1.抓好党建。\n2.抓好队伍。\n4.抓好安全。\n4.抓好质量。")
    rules = [(f.rule, f.excerpt) for f in check_document(doc)]
    assert ("numbering-gap", "4.") in rules and ("numbering-repeat", "4.") in rules
    assert check_document(make_doc("1.抓好党建。\n2.抓好队伍。\n3.抓好安全。")) == []


def test_body_list_sublists_restart_under_a_new_parent():
    text = "1.抓好党建。\n（1）班子建设。\n（2）队伍建设。\n2.抓好安全。\n（1）校园安全。"
    assert check_document(make_doc(text)) == []


# -- figures -------------------------------------------------------------------------------
def test_figure_mismatch_plan_against_target():
    doc = make_doc("全县学前三年毛入园率达到94%。", figures=FIGURES)
    f = only(doc, "figure-mismatch")
    assert len(f) == 1 and f[0].excerpt == "94%" and f[0].fix == "95%"
    assert check_document(make_doc("全县学前三年毛入园率达到95%。", figures=FIGURES)) == []


def test_figure_mismatch_summary_against_value_and_explicit_target():
    kw = dict(kind="年度工作总结", doc_title="{{ org }}{{ year }}年工作总结", date="2026-12-20",
              figures=FIGURES)
    assert len(only(make_doc("学前三年毛入园率达到95%。", **kw), "figure-mismatch")) == 1
    assert check_document(make_doc("学前三年毛入园率达到93.8%。", **kw)) == []
    assert check_document(make_doc("年初确定的目标是学前三年毛入园率达到95%。", **kw)) == []
    assert check_document(make_doc("上年学前三年毛入园率为92.5%。", **kw)) == []
    assert check_document(make_doc("专任教师达到3260人。", **kw)) == []
    assert len(only(make_doc("专任教师达到3200人。", **kw), "figure-mismatch")) == 1
    assert check_document(make_doc("专任教师达到0.326万人。", **kw)) == []


@pytest.mark.parametrize("text", [
    "学前三年毛入园率提高2个百分点。", "学前三年毛入园率保持在90%以上。",
    "学前三年毛入园率由92.5%提高到95%。", "学前三年毛入园率达到约94%。",
    "专任教师中35岁以下的占40%。",
])
def test_figure_mismatch_silent_on_changes_and_bounds(text):
    assert only(make_doc(text, figures=FIGURES), "figure-mismatch") == []


def test_figure_rounded_in_text_agrees():
    figs = [Figure("巩固率", "%", value=99.456, target=99.5)]
    kw = dict(kind="年度工作总结", doc_title="{{ org }}{{ year }}年工作总结", date="2026-12-20",
              figures=figs)
    assert check_document(make_doc("巩固率达到99.5%。", **kw)) == []
    assert check_document(make_doc("巩固率达到99.46%。", **kw)) == []


# -- repeats -------------------------------------------------------------------------------
def test_repeated_sentence_across_sections():
    s = "坚持把立德树人作为根本任务，全面加强和改进新时代学校思想政治工作。"
    doc = make_doc("", sections=[Section(title="德育工作", level=1, body=s + "抓好主题教育。"),
                                 Section(title="队伍建设", level=1, body="加强培训。" + s)])
    f = only(doc, "repeated-sentence")
    assert len(f) == 1 and f[0].section == "二" and f[0].excerpt == s


def test_short_repeats_are_fine():
    doc = make_doc("加强安全管理。\n加强安全管理。")
    assert only(doc, "repeated-paragraph") == []


# -- ignoring, keys, shape --------------------------------------------------------------------
def test_ignored_findings_and_rules_are_left_out():
    doc = make_doc("深入学习贯彻党的十九大精神,推动落实。")
    found = check_document(doc)
    assert {f.rule for f in found} == {"stale-term", "halfwidth-punct"}
    doc.ignored_findings.append(next(f.key for f in found if f.rule == "stale-term"))
    assert [f.rule for f in check_document(doc)] == ["halfwidth-punct"]
    doc.ignored_rules.append("halfwidth-punct")
    assert check_document(doc) == []
    assert len(check_document(doc, include_ignored=True)) == 2


def test_key_is_stable_when_paragraphs_are_added_before():
    doc = make_doc("深入学习贯彻党的十九大精神。")
    key = only(doc, "stale-term")[0].key
    doc.sections[0].body = "做好各项工作。\n深入学习贯彻党的十九大精神。"
    assert only(doc, "stale-term")[0].key == key


def test_to_dict_shape_and_labels():
    f = check_document(make_doc("全县共有XX所学校。"))[0]
    assert list(f.to_dict()) == ["rule", "severity", "message", "section", "paragraph", "start",
                                 "end", "excerpt", "fix", "context", "field"]
    assert f.severity_label == "错误"
    assert f.to_dict()["excerpt"] == "XX"


def test_year_override():
    doc = make_doc("做好各项工作。", doc_title="某某县教育局2026年工作计划")
    assert [f.rule for f in check_document(doc, year=2027)] == ["title-year"]
    assert [f.rule for f in check_document(doc, year=2028)] == ["title-year", "date-year"]


def test_every_rule_has_a_chinese_name_and_severity():
    for rule, (name, severity) in RULES.items():
        assert name and severity in ("error", "warning", "info")


def test_numbering_mode_setting_is_irrelevant_for_generated_numbers():
    doc = make_doc("", sections=[Section(title="党建", level=1, children=[
        Section(title="班子", level=3, body="加强班子。"), Section(title="队伍", level=3, body="加强队伍。")])])
    for mode in ("per_parent", "per_chapter", "continuous"):
        doc.settings = Settings(numbering_mode=mode)
        assert check_document(doc) == []


# -- precision checks on realistic phrasing ------------------------------------------------
@pytest.mark.parametrize("text", [
    "全县普惠性幼儿园覆盖率较“十四五”末提高3个百分点。",
    "党的二十大胜利召开以来，全县教育系统深入学习贯彻。",
    "“十四五”期间取得的成绩为新阶段发展奠定了基础。",
])
def test_stale_review_phrasings_in_2026_are_silent(text):
    assert only(make_doc(text), "stale-term") == []


def test_template_generated_text_is_clean():
    figs = [Figure("学前三年毛入园率", "%", last=92.5, value=93.8, target=95)]
    body = ("到{{ year }}年底，学前三年毛入园率达到{{ fig.学前三年毛入园率.target }}，"
            "比上年的{{ fig.学前三年毛入园率.last }}有较大提升。")
    assert check_document(make_doc(body, figures=figs)) == []


def test_fix_in_templated_paragraph_only_when_unique():
    doc = make_doc("{{ year }}年全面提升质量,办好教育。")
    f = only(doc, "halfwidth-punct")[0]
    assert apply_fix(doc, f) is not None
    assert doc.sections[0].body == "{{ year }}年全面提升质量，办好教育。"
    doc = make_doc("{{ year }}年提升质量,办好教育,服务群众。")
    f = only(doc, "halfwidth-punct")[0]
    assert apply_fix(doc, f) is None  # two literal commas in a templated line: ambiguous



def test_all_fixes_of_a_rule_are_planned_against_the_text_as_it_stands():
    body = ("提升质量,办好教育,服务群众。\n"
            "\n"
            "{{ year }}年全县报考,人数稳定。\n"
            "继续努力,再创佳绩。")
    doc = make_doc(body)
    doc.properties.closing = "我们将继续努力,再创佳绩。"
    commas = only(doc, "halfwidth-punct")
    assert len(commas) == 5
    targets, fixed = plan_fixes(doc, commas)
    assert len(fixed) == 5
    assert [(t.section_id, t.field) for t in targets] == \
        [(doc.sections[0].id, "body"), ("@properties", "closing")]
    assert doc.sections[0].body == body  # nothing changed yet
    apply_targets(doc, targets)
    assert doc.sections[0].body == ("提升质量，办好教育，服务群众。\n\n"
                                    "{{ year }}年全县报考，人数稳定。\n"
                                    "继续努力，再创佳绩。")
    assert doc.properties.closing == "我们将继续努力，再创佳绩。"
    assert only(doc, "halfwidth-punct") == []
    apply_targets(doc, targets, undo=True)
    assert doc.sections[0].body == body and doc.properties.closing == "我们将继续努力,再创佳绩。"


def test_planned_fixes_leave_ambiguous_places_alone():
    doc = make_doc("{{ year }}年提升质量,办好教育,服务群众。")
    commas = only(doc, "halfwidth-punct")
    assert len(commas) == 2
    assert plan_fixes(doc, commas) == ([], [])


def test_planned_fix_that_empties_a_paragraph_removes_it():
    doc = make_doc("全面提升质量。\nXX\n办好教育。")
    f = Finding(rule="placeholder", message="", excerpt="XX", section_id=doc.sections[0].id,
                paragraph=1, start=0, end=2, fix="", field="body")
    targets, fixed = plan_fixes(doc, [f, f])  # the same place twice: fixed once
    assert fixed == [f]
    apply_targets(doc, targets)
    assert doc.sections[0].body == "全面提升质量。\n办好教育。"


def test_figure_unit_must_match_exactly():
    figs = [Figure("培训教师", "人", value=1350)]
    kw = dict(kind="年度工作总结", doc_title="{{ org }}{{ year }}年工作总结", date="2026-12-20",
              figures=figs)
    assert only(make_doc("培训教师达到2000人次。", **kw), "figure-mismatch") == []
    f = only(make_doc("培训教师达到1300人参加各类研修。", **kw), "figure-mismatch")
    assert [(x.excerpt, x.fix) for x in f] == [("1300人", "1350人")]


def test_upward_document_needs_its_signer_and_one_superior_organ():
    from desktop.examples import load_example
    doc = load_example("report-county")
    assert doc.properties.doc_type == "报告" and doc.properties.signers
    assert not [f for f in check_document(doc) if f.rule.startswith("upward-")]
    doc.properties.signers = []
    found = only(doc, "upward-signer")
    assert len(found) == 1 and found[0].severity == "error" and "签发人" in found[0].message
    doc.properties.recipients = "县人民政府、市教育局"
    found = only(doc, "upward-recipients")
    assert len(found) == 1 and "2个" in found[0].message
    doc.properties.doc_type = "通知"  # a 下行文 may go to many organs and has no 签发人
    assert not [f for f in check_document(doc) if f.rule.startswith("upward-")]
