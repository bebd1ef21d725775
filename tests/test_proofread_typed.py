"""The rules of issue 13 and the finished-document errors of issue 12, in
a project: each fires on its slip and stays silent on conventional usage.
Sentences are written for the tests."""

from __future__ import annotations

import pytest

from desktop.model import Figure, Section
from desktop.proofread import check_document
from desktop.proofread.finished import export_blockers, export_question
from desktop.proofread.fixes import apply_fix
from tests.proofread_docs import make_doc


def only(doc, rule):
    return [f for f in check_document(doc) if f.rule == rule]


def one(text, rule, **kw):
    found = only(make_doc(text, **kw), rule)
    assert len(found) == 1, (text, [(f.rule, f.excerpt) for f in check_document(make_doc(text, **kw))])
    return found[0]


# -- typed numbers at the start of a paragraph ------------------------------------------------
@pytest.mark.parametrize("text,excerpt,fix", [
    ("(一)压实安全责任。", "(一)", "（一）"), ("（一)压实安全责任。", "（一)", "（一）"),
    ("(1)压实安全责任。", "(1)", "（1）"), ("1)压实安全责任。", "1)", "（1）"),
    ("一.压实安全责任。", "一.", "一、"), ("1、压实安全责任。", "1、", "1."),
    ("（一）、压实安全责任。", "（一）、", "（一）"),
])
def test_heading_number_form_fires_with_fix(text, excerpt, fix):
    f = one(text, "heading-number-form")
    assert (f.excerpt, f.fix) == (excerpt, fix)


@pytest.mark.parametrize("text", [
    "（一）压实安全责任。", "1.压实安全责任。", "一、压实安全责任。", "（1）压实安全责任。",
    "2.7月15日前完成排查整改。",  # a number that is not a heading
    "1.5万名教师参加培训。",  # a decimal
    "2026年完成改造。",
])
def test_heading_number_form_silent(text):
    assert only(make_doc(text), "heading-number-form") == []


# -- dates and ranges ---------------------------------------------------------------------------
@pytest.mark.parametrize("text,excerpt,fix", [
    ("各校于7月15前报送。", "7月15", "7月15日"), ("截至6月30，全部完成。", "6月30", "6月30日"),
    ("2026年7月15", "7月15", "7月15日"), ("请于7月15号前报送。", "7月15号", "7月15日"),
])
def test_missing_day_fires(text, excerpt, fix):
    f = one(text, "date-missing-day")
    assert (f.excerpt, f.fix) == (excerpt, fix)


@pytest.mark.parametrize("text", ["各校于7月15日前报送。", "2018年1-10月工作完成情况。",
                                  "于3月15、16日举办培训。",
                                  "3月1-10日开展自查。", "2.7月15日前完成。"])
def test_missing_day_silent(text):
    assert only(make_doc(text), "date-missing-day") == []


def test_leading_zero_month_without_year():
    f = one("各校于07月15日前报送。", "date-format")
    assert (f.excerpt, f.fix) == ("07月15日", "7月15日")


def test_impossible_range_is_an_error():
    f = one("落实《某县2022-2022年实施方案》。", "impossible-range")
    assert f.severity == "error" and f.excerpt == "2022-2022"
    assert only(make_doc("落实《某县2022—2025年实施方案》。"), "impossible-range") == []


def test_hyphen_range_where_the_text_uses_a_dash():
    doc = make_doc("编制2026—2028年规划。\n落实2026-2030年行动计划。")
    found = only(doc, "range-dash")
    assert [(f.paragraph, f.excerpt, f.fix) for f in found] == [(1, "-", "—")]
    assert only(make_doc("落实2026-2030年行动计划。"), "range-dash") == []  # nothing to agree with
    assert only(make_doc("按GB/T 9704-2012和2026—2028年规划。"), "range-dash") == []


# -- spaces ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text,rule", [
    ("并启动 2026年度安全考核。", "cjk-alnum-space"), ("共有 32所学校。", "cjk-alnum-space"),
    ("使用 PDF格式报送。", "cjk-alnum-space"), ("组织开展 教师培训。", "cjk-space"),
])
def test_spaces_fire(text, rule):
    f = one(text, rule)
    assert f.excerpt == " " and f.fix == ""


@pytest.mark.parametrize("text", [
    "邮  箱：abc@example.com",  # aligned label
    "联系人：张三  李四，电话：12345678",  # names spaced apart
    "第一章  总  则",  # chapter number and a letter-spaced word
    "第三条  为加强管理，制定本办法。",
    "根据《中共某省委 某省人民政府关于加强教育工作的意见》执行。",  # joint issuers
    "某县财政局  某县教育局",
    "执行GB/T 9704—2012 党政机关公文格式。",  # after a standard's number
    "参照GB/T XXXX—20YY 教育统计 第1部分：总则。",  # draft standard, 第N部分
    "开展“爱文明家园 做文明市民”主题活动。",  # a slogan's two phrases
    "本表共 4 页，此为第 1 页。",  # page numbers
    "主题词：教育  安全  通知",  # the words of a 主题词 line
])
def test_conventional_spaces_silent(text):
    rules = {f.rule for f in check_document(make_doc(text))}
    assert not rules & {"cjk-space", "cjk-alnum-space", "placeholder"}, rules


# -- quotes, doubled characters ----------------------------------------------------------------
def test_punctuation_inside_quotes():
    f = one("落实“扫黑除恶、”“平安校园”要求。", "quote-punct")
    assert (f.excerpt, f.fix) == ("、”", "”、")
    assert only(make_doc("落实“扫黑除恶”、“平安校园”要求。"), "quote-punct") == []


@pytest.mark.parametrize("text,excerpt", [("担负起管理的的责任。", "的的"), ("完成了了改造任务。", "了了"),
                                           ("这是是重点。", "是是"), ("同志们们要努力。", "们们"),
                                           ("各校要要高度重视。", "要要"), ("全县有有32所学校。", "有有")])
def test_doubled_character_fires(text, excerpt):
    f = one(text, "doubled-char")
    assert f.excerpt == excerpt and f.fix == excerpt[0]


@pytest.mark.parametrize("text", ["的的确确提高了质量。", "为了了解情况，开展调研。", "绝不能不了了之。",
                                  "但是是否推广需研究。", "现在在校生3200人。", "人人参与，处处落实。",
                                  "等等各项工作。", "主要要求如下。", "所有有关单位。", "具有有效证件。",
                                  "针对对象不同。", "作为为民办实事的重点。"])
def test_doubled_character_silent(text):
    assert only(make_doc(text), "doubled-char") == []


def test_mixed_doubled_punctuation():
    f = one("完成改造任务，。", "doubled-punct")
    assert f.excerpt == "，。" and f.fix is None


# -- stale formulations with the current wording --------------------------------------------------
@pytest.mark.parametrize("text,term", [
    ("深入学习贯彻习近平总书记系列重要讲话精神。", "系列重要讲话精神"),
    ("以邓小平理论、“三个代表”重要思想和科学发展观为指导。", "科学发展观为指导"),
    ("坚决打赢脱贫攻坚战。", "打赢脱贫攻坚战"),
])
def test_stale_formulation_names_the_current_wording(text, term):
    f = one(text, "stale-term")
    assert f.excerpt == term and "现行表述" in f.message


def test_stale_formulation_is_current_in_its_own_time():
    doc = make_doc("深入学习贯彻习近平总书记系列重要讲话精神。", year=2016,
                   doc_title="{{ org }}2016年工作计划", date="2016-01-10")
    assert only(doc, "stale-term") == []


# -- year statements ------------------------------------------------------------------------
def test_year_statement_left_from_last_year():
    f = one("2026年是“十五五”开局之年，做好全年工作意义重大。", "year-statement", year=2027,
            doc_title="{{ org }}2027年工作计划", date="2027-01-10")
    assert f.severity == "error" and f.excerpt == "2026年"
    ok = make_doc("2027年是全面推进教育强县建设的关键之年。", year=2027,
                  doc_title="{{ org }}2027年工作计划", date="2027-01-10")
    assert only(ok, "year-statement") == []
    review = make_doc("2026年是“十五五”开局之年，全县教育取得新成效。", year=2027,
                      doc_title="{{ org }}2027年工作计划", date="2027-01-10")
    assert only(review, "year-statement") == []


# -- 主送机关 and 发文字号 -----------------------------------------------------------------------
def test_recipients_colon_in_a_project_is_typeset_right():
    from desktop.render import render
    doc = make_doc("做好工作。", recipients="各乡镇中心学校:")
    assert [f for f in check_document(doc) if f.field == "recipients"] == []
    assert any(b.text == "各乡镇中心学校：" for b in render(doc).blocks)  # the export writes "："


@pytest.mark.parametrize("number,fix", [("某教发〔2026〕 15 号", "〔2026〕15号"),
                                        ("某教发[2026]15号", "〔2026〕15号"),
                                        ("某教发(2026)15号", "〔2026〕15号")])
def test_doc_number_fix_in_one_click(number, fix):
    doc = make_doc("做好工作。", doc_number=number)
    f = only(doc, "doc-number-format")[0]
    assert f.fix == fix and apply_fix(doc, f) is not None
    assert doc.properties.doc_number == "某教发〔2026〕15号"
    assert check_document(doc) == []


# -- finished means finished -------------------------------------------------------------------
def test_rolled_forward_plan_is_not_finished():
    doc = make_doc("做好工作。", year=2027, doc_title="{{ org }}工作计划", date="",
                   doc_number="青教发〔2027〕号")
    doc.properties.signature = ""
    doc.sections.append(Section(title="保障措施", level=1, body=""))
    rules = [f.rule for f in check_document(doc)]
    for rule in ("doc-number-missing", "missing-date", "missing-signature", "title-no-year",
                 "empty-section"):
        assert rule in rules, rules
    blockers = export_blockers(doc)
    assert {f.rule for f in blockers} >= {"doc-number-missing", "missing-date", "empty-section"}
    question = export_question(blockers)
    assert question.endswith("仍要导出?") and "缺少序号" in question and "成文日期" in question


def test_print_date_before_date():
    doc = make_doc("做好工作。", date="2026-03-05", print_date="2026-03-01", printer="某某县教育局办公室")
    assert [f.rule for f in check_document(doc)] == ["print-before-date"]


def test_finished_document_has_no_blockers():
    doc = make_doc("做好工作。")
    assert export_blockers(doc) == []


# -- figures without a verb ------------------------------------------------------------------------
FIGS = [Figure("新增学前学位数", "个", last=800, value=960, target=1000)]


def test_figure_right_after_its_name():
    kw = dict(kind="年度工作总结", doc_title="{{ org }}{{ year }}年工作总结", figures=FIGS)
    f = one("全年新增学前学位数1200个。", "figure-mismatch", **kw)
    assert (f.excerpt, f.fix) == ("1200个", "960个")
    for text in ("全年新增学前学位数960个。", "新增学前学位数1200个以上。", "新增学前学位数超过1200个。",
                 "新增学前学位数较上年增加120个。"):
        assert only(make_doc(text, **kw), "figure-mismatch") == [], text


# -- the kind in messages ---------------------------------------------------------------------------
def test_messages_follow_the_title_not_the_stored_kind():
    doc = make_doc("做好工作。", kind="年度工作总结", doc_title="关于做好2025年招生工作的通知")
    f = only(doc, "title-year")[0]
    assert "通知" in f.message and "年度工作总结" not in f.message


# -- after a roll-forward -----------------------------------------------------------------------
def test_rolled_forward_documents_are_reported_unfinished(tmp_path):
    docx = pytest.importorskip("docx")
    from desktop.reuse import import_with_notes
    d = docx.Document()
    for text in ["青教发〔2026〕5号", "某某县教育局2026年工作计划",
                 "2026年是“十五五”开局之年，做好全年教育工作意义重大。", "一、总体要求",
                 "坚持稳中求进，全面提升教育质量。", "二、主要任务", "（一）加强党的建设", "抓好班子建设。",
                 "（二）推进优质均衡", "新建学校3所。", "某某县教育局", "2026年1月10日"]:
        d.add_paragraph(text)
    path = tmp_path / "plan-2026.docx"
    d.save(path)
    plan = import_with_notes(path, 2027, "plan_to_plan").document
    rules = [f.rule for f in check_document(plan) if f.severity == "error"]
    assert {"doc-number-missing", "year-statement", "missing-date"} <= set(rules)
    summary = import_with_notes(path, 2027, "plan_to_summary").document
    rules = [f.rule for f in check_document(summary) if f.severity == "error"]
    assert {"doc-number-missing", "missing-date", "empty-section"} <= set(rules)
    assert "文档中还有" in export_question(export_blockers(summary))


def test_findings_carry_a_source_ref():
    from desktop.source import PROPERTIES, SourceRef
    doc = make_doc("做好工作。\n组织开展 教师培训。", doc_number="某教发[2026]3号")
    by_rule = {f.rule: f for f in check_document(doc)}
    space = by_rule["cjk-space"]
    assert space.ref == SourceRef(doc.sections[0].id, "body", 1, (4, 5))
    assert by_rule["doc-number-format"].ref == SourceRef(PROPERTIES, "doc_number", -1, (3, 11))
