"""Roll forward, plan → summary, summary + plan, and target extraction."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.cli import main
from desktop.model import Document, Figure, Properties, Section
from desktop.project_file import load, save
from desktop.render import render
from desktop.source import SourceRef
from desktop.reuse import import_document, import_with_notes
from desktop.reuse.rollforward import shift_years, source_year
from desktop.reuse.targets import extract_targets
from tests.reuse_docx import write_typed

PLAN_2022 = [
    ("某某县教育局2022年工作计划", "center"),
    "2022年，全县教育工作以办好人民满意的教育为目标。",
    "一、总体要求",
    "深入贯彻2021年全县教育工作会议精神。",
    "二、工作目标",
    "1.达到的水平性指标。",
    "学前三年入园率达到94%，创建省标准化学校12所。",
    "三、2022年重点工作",
    "（一）推进均衡发展",
    "1.完善规划布局。科学制定规划，每位教师全年参加培训不少于50学时。",
    "2.改善办学条件。新校区建设计划投资4900万元。",
    ("某某县教育局", "right"),
    ("2022年1月5日", "right"),
]


@pytest.fixture
def plan_docx(tmp_path) -> Path:
    return write_typed(tmp_path / "plan2022.docx", PLAN_2022)


# -- target extraction ------------------------------------------------------------------
# The 工作目标 part of plan-2022-county-education-bureau.txt (its sentences quoted as input).
GOALS_TEXT = (
    "提高教育普及水平,小学、初中教育入学率分别达到100%和99.98%,三类残疾儿童入学率达到100%,"
    "幼儿学前三年入园率达98%,小学、初中、高中在校生巩固率分别达到100%、99.98%、99%,"
    "初中毕业生升高中段比例达到97%以上,普职比继续保持1:1;农村劳动力受训率和城镇职工全员培训率分别达到35%和10%以上。"
    "提升学校管理水平,平安校园创建达标率100%,全年无重特大安全事故发生,学生非正常死亡率控制万分之0.6以下,"
    "学生违法犯罪率控制在0.03%以下。\n"
    "一是优化办学条件。完成县重点基础设施建设任务;扎实推进“省标准化学校创建工程”,创建省标准化学校12所;"
    "认真实施“省新一轮教育四项工程”和“市三进工程”,完成中小学校安工程改造总量的90%以上,"
    "完成16所中小学塑胶跑道改造工程;加快标准化图书馆、标准化实验室建设和现代教育装备设备的配备,"
    "全县多媒体班套比达到1∶0.8,计算机生机比达到7.5∶1;完成农村幼儿园标准化教学点12个。\n"
    "三是深化教育改革。深化基础教育、中职教育的课程改革;完善中考制度,示范高中招生指标向初中分配的比重提高到50%;"
    "有计划地开展岗位设置管理改革。\n"
    "五是壮大发展实力。加强教育督导,创建市示范性教育强镇1-2个,创建学前教育先进和达标镇1-2个;"
    "创建省等级幼儿园2-3所。"
)

GOALS_EXPECTED = [
    ("小学教育入学率", 100, "%"), ("初中教育入学率", 99.98, "%"), ("三类残疾儿童入学率", 100, "%"),
    ("幼儿学前三年入园率", 98, "%"), ("小学在校生巩固率", 100, "%"), ("初中在校生巩固率", 99.98, "%"),
    ("高中在校生巩固率", 99, "%"), ("初中毕业生升高中段比例", 97, "%"), ("农村劳动力受训率", 35, "%"),
    ("城镇职工全员培训率", 10, "%"), ("平安校园创建达标率", 100, "%"), ("学生非正常死亡率", 0.6, "‱"),
    ("学生违法犯罪率", 0.03, "%"), ("创建省标准化学校", 12, "所"), ("完成中小学校安工程改造总量", 90, "%"),
    ("完成中小学塑胶跑道改造工程", 16, "所"), ("完成农村幼儿园标准化教学点", 12, "个"),
    ("示范高中招生指标向初中分配的比重", 50, "%"), ("创建市示范性教育强镇", 2, "个"),
    ("创建学前教育先进和达标镇", 2, "个"), ("创建省等级幼儿园", 3, "所"),
]


def test_goals_of_the_county_plan():
    got = [(t.name, t.value, t.unit) for t in extract_targets(GOALS_TEXT)]
    assert got == GOALS_EXPECTED


def test_targets_keep_their_sentence_and_qualifier():
    ts = extract_targets("农村劳动力受训率和城镇职工全员培训率分别达到35%和10%以上。普职比继续保持1:1。")
    assert [(t.name, t.value, t.qualifier) for t in ts] == [
        ("农村劳动力受训率", 35, "以上"), ("城镇职工全员培训率", 10, "以上")]
    assert all(t.source == "农村劳动力受训率和城镇职工全员培训率分别达到35%和10%以上。" for t in ts)


@pytest.mark.parametrize("text,expected", [
    ("小学、初中教育入学率分别达到100%和99.98%", [("小学教育入学率", 100, "%"), ("初中教育入学率", 99.98, "%")]),
    ("创建省标准化学校12所", [("创建省标准化学校", 12, "所")]),
    ("入园率达到94%", [("入园率", 94, "%")]),
    ("每位教师全年参加培训不少于50学时", [("每位教师全年参加培训", 50, "学时")]),
    ("计划投资4900万元", [("计划投资", 4900, "万元")]),
    ("新校区建设计划投资4900万元", [("新校区建设投资", 4900, "万元")]),
    ("2022年全县教育工作会议在3月召开", []),
    ("计算机生机比达到7.5∶1", []),
])
def test_single_targets(text, expected):
    assert [(t.name, t.value, t.unit) for t in extract_targets(text)] == expected


# -- roll forward ------------------------------------------------------------------------
def test_years_shift_only_where_years_are():
    assert shift_years("2022年工作计划", 1) == "2023年工作计划"
    assert shift_years("2018年工作总结及2019年工作计划", 1) == "2019年工作总结及2020年工作计划"
    assert shift_years("2021-2022学年", 1) == "2022-2023学年"
    assert shift_years("完成2022所学校和4900万元，〔2022〕3号", 1) == "完成2022所学校和4900万元，〔2022〕3号"
    # jsgxt-xjr: "2018和2019年…平均增长率" rolled to "2018和2026年" (the first year neither rolled nor noted)
    assert shift_years("2018和2019年主营业务收入", 7) == "2025和2026年主营业务收入"
    assert shift_years("2018、2019年", 1) == "2019、2020年"
    assert shift_years("2022所学校和2000万元", 1) == "2022所学校和2000万元"


def test_every_year_of_a_list_is_noted_in_the_body():
    from desktop.reuse.outline import Recovered, RSection
    from desktop.reuse.rollforward import start_from
    item = RSection(level=1, number="一", title="申报条件", value=1,
                    body=["2018和2019年主营业务收入平均增长率达到10%以上。"])
    rec = Recovered(title="关于组织申报2020年示范企业的通知", sections=[item])
    notes = start_from(rec, 2027).notes
    assert sorted(n.message[1:6] for n in notes if n.ref and n.ref.field == "body") == ["2018年", "2019年"]


def test_plan_rolled_forward(plan_docx):
    result = import_with_notes(plan_docx, 2023)
    doc = result.document
    assert result.source_year == 2022
    assert doc.properties.year == 2023 and doc.properties.kind == "工作计划"
    assert doc.properties.title == "某某县教育局2023年工作计划"
    assert doc.properties.org == "某某县教育局"
    assert [s.title for s in doc.sections] == ["总体要求", "工作目标", "2023年重点工作"]
    # body years are not rewritten, they are listed for review
    assert doc.sections[0].body == "深入贯彻2021年全县教育工作会议精神。"
    assert doc.properties.preamble == "2022年，全县教育工作以办好人民满意的教育为目标。"
    where = [n.where for n in result.notes if "2021" in n.message or "2022" in n.message]
    assert any(w.startswith("前言") for w in where)
    assert any(w.startswith("一") for w in where)
    assert any(n.where == "成文日期" for n in result.notes)
    assert doc.properties.date == ""
    assert doc.settings.numbering_mode == "per_parent"
    assert all(s.origin == "imported" for s in doc.walk())
    item = doc.sections[2].children[0].children[0]
    assert item.run_in and item.title == "完善规划布局" and item.level == 3
    text = render(doc).text()
    assert "（一）推进均衡发展" in text and "1.完善规划布局。科学制定规划" in text


def test_cli_import_writes_a_project(plan_docx, tmp_path, capsys):
    out = tmp_path / "new.rdraft"
    assert main(["import", str(plan_docx), "--year", "2023", "-o", str(out)]) == 0
    doc = load(out)
    assert doc.properties.title == "某某县教育局2023年工作计划"
    assert len(list(doc.walk())) == 7
    # the years left as written are flagged in the project itself (待核对), each at its place
    stale = [n for n in doc.review_notes if "2022年" in n.message and n.where.startswith("前言")]
    assert stale and stale[0].ref == SourceRef.prop("preamble", 0)
    assert any(n.where == "成文日期" for n in doc.review_notes)
    printed = capsys.readouterr().out
    assert f"需核对 {len(doc.review_notes)} 处" in printed and "待核对\t前言第1段" in printed


def test_project_figures_become_the_baseline(tmp_path):
    last = Document(properties=Properties(kind="年度工作总结", year=2024, org="某某县教育局",
                                          title="{{ org }}{{ year }}年工作总结"),
                    sections=[Section(title="{{ year }}年主要成绩", body="入园率达到{{ fig.入园率 }}。")],
                    figures=[Figure(name="入园率", unit="%", last=92, value=94, target=95),
                             Figure(name="教师数", unit="人", last=100, value=120),
                             Figure(name="生师比", formula="入园率 / 教师数")])
    path = tmp_path / "2024.rdraft"
    save(last, path)
    doc = import_document(path, 2025)
    assert doc.properties.title == "某某县教育局2025年工作总结"
    fig = {f.name: f for f in doc.figures}
    assert (fig["入园率"].last, fig["入园率"].value, fig["入园率"].target) == (94, None, None)
    assert fig["教师数"].last == 120
    assert fig["生师比"].formula == "入园率 / 教师数"
    assert doc.sections[0].title == "2025年主要成绩"  # rendered text, year moved on


def test_imported_text_is_literal_for_templates(tmp_path):
    path = write_typed(tmp_path / "braces.docx", [
        "2024年工作计划", "一、说明", "模板里写作{{ year }}的地方原样保留。"])
    doc = import_document(path, 2025)
    assert render(doc).errors == []
    assert "模板里写作{{ year }}的地方原样保留。" in render(doc).text()


def test_plan_to_summary(plan_docx):
    result = import_with_notes(plan_docx, 2022, mode="plan_to_summary")
    doc = result.document
    assert doc.properties.kind == "年度工作总结"
    assert doc.properties.title == "某某县教育局2022年工作总结"
    assert [s.title for s in doc.sections] == ["总体要求", "工作目标", "2022年重点工作"]
    item = doc.sections[2].children[0].children[1]
    assert item.title == "改善办学条件" and item.body == "" and item.origin == "plan"
    assert item.reference == "新校区建设计划投资4900万元。"
    assert doc.sections[0].reference == "深入贯彻2021年全县教育工作会议精神。"
    # the planned text is kept for reference only, never exported
    assert "新校区建设计划投资" not in render(doc).text()
    targets = {f.name: (f.target, f.unit) for f in doc.figures}
    assert targets == {"学前三年入园率": (94, "%"), "创建省标准化学校": (12, "所"),
                       "每位教师全年参加培训": (50, "学时"), "新校区建设投资": (4900, "万元")}
    assert all(f.source for f in doc.figures)
    assert all(f.value is None for f in doc.figures)


def test_plan_to_summary_with_chosen_targets(plan_docx):
    from desktop.reuse import load_source
    from desktop.reuse.rollforward import start_from
    rec, _ = load_source(plan_docx)
    chosen = [t for t in extract_targets("入园率达到94%。") ]
    doc = start_from(rec, 2022, "plan_to_summary", targets=chosen).document
    assert [f.name for f in doc.figures] == ["入园率"]


def test_summary_and_plan(plan_docx):
    doc = import_document(plan_docx, 2022, mode="summary_and_plan")
    assert doc.properties.kind == "总结及计划"
    assert doc.properties.title == "某某县教育局2022年工作总结及2023年工作计划"
    first, second = doc.sections
    assert first.title == "2022年工作完成情况" and second.title == "2023年工作计划"
    assert [c.title for c in first.children] == ["总体要求", "工作目标", "2022年重点工作"]
    assert first.children[0].level == 2 and first.children[0].body == ""
    assert [c.title for c in second.children] == ["总体要求", "工作目标", "2023年重点工作"]
    assert second.children[2].children[0].children[0].level == 4
    assert render(doc).errors == []


def test_summary_and_plan_from_last_years_summary_and_plan(tmp_path):
    path = write_typed(tmp_path / "sp.docx", [
        "某某区教育局2018年工作总结及2019年工作计划",
        "一、2018年工作完成情况", "（一）党建工作", "1.深入学习。全年组织学习20次。",
        "二、2019年工作谋划", "（一）加强党建", "1.持续推进学习。组织集中学习不少于24次。"])
    result = import_with_notes(path, 2019, mode="summary_and_plan")
    doc = result.document
    assert result.source_year == 2018
    assert doc.properties.title == "某某区教育局2019年工作总结及2020年工作计划"
    assert [s.title for s in doc.sections] == ["2019年工作完成情况", "2020年工作谋划"]
    done = doc.sections[0].children[0].children[0]
    assert done.title == "持续推进学习" and done.reference == "组织集中学习不少于24次。"
    from desktop.reuse import read_outline
    assert source_year(read_outline(path)) == 2018


def test_target_names_drop_the_starting_value_and_keep_whole_units():
    from desktop.reuse.targets import extract_targets
    found = [(t.name, t.value, t.unit) for t in extract_targets(
        "学前三年毛入园率由2026年的94.6%提高到95.5%，普惠性幼儿园覆盖率达到93%；"
        "公开招聘教师160人，组织教师培训5200人次。入园率由92%提高到95%。")]
    assert found == [("学前三年毛入园率", 95.5, "%"), ("普惠性幼儿园覆盖率", 93, "%"),
                     ("招聘教师", 160, "人"), ("组织教师培训", 5200, "人次"), ("入园率", 95, "%")]


def test_targets_are_named_well_and_unclear_ones_not_confident():
    from desktop.reuse.targets import extract_targets, targets_to_figures
    text = ("每年培训72学时以上。实施城区第二小学改扩建工程，计划投资4900万元。"
            "学前三年毛入园率达到94%以上。计划投资300万元。计划投资500万元。")
    found = {t.name: t for t in extract_targets(text)}
    assert "培训以上" not in found
    assert found["培训学时"].qualifier == "以上" and not found["培训学时"].confident
    assert found["城区第二小学改扩建工程投资"].confident
    assert found["学前三年毛入园率"].confident
    names = [f.name for f in targets_to_figures(extract_targets(text))]
    assert "计划投资2" not in names and "计划投资（二）" in names
    assert not [t for t in extract_targets(text) if t.name == "计划投资"][0].confident


# -- the year of a notice, its 发文字号 and dates (jsgxt-xjr.doc, rolled forward) -------------------
def _notice_2020():
    from desktop.reuse.outline import Recovered, RSection
    item = RSection(level=3, number="2", title="2019年度企业营业收入在1亿元以上", value=2)
    return Recovered(title="关于组织开展推荐申报第二批国家专精特新“小巨人”企业的通知",
                     doc_number="苏工信中小〔2020〕342号", date="2020-07-17", print_date="2020-07-20",
                     sections=[RSection(level=1, number="一", title="推荐条件", value=1,
                                        children=[item])])


def test_a_notice_is_of_the_year_it_was_issued():
    """Its headings' years are those of the facts it asks for: a 2020 notice asks
    for 2019's revenue, next year's for 2026's — not 2028 and 2027."""
    from desktop.reuse.rollforward import start_from
    rec = _notice_2020()
    assert source_year(rec) == 2020
    result = start_from(rec, 2027)
    doc = result.document
    assert doc.sections[0].children[0].title == "2026年度企业营业收入在1亿元以上"
    # the organ's code and the year of issue kept, the serial left for the clerk, flagged
    assert doc.properties.doc_number == "苏工信中小〔2027〕号"
    note = next(n for n in doc.review_notes if n.where == "发文字号")
    assert note.ref == SourceRef.prop("doc_number") and note.excerpt == "苏工信中小〔2020〕342号"
    # dates are the clerk's to fill: empty, each with a note at its field
    assert doc.properties.date == "" and doc.properties.print_date == ""
    refs = {n.ref for n in doc.review_notes}
    assert SourceRef.prop("date") in refs and SourceRef.prop("print_date") in refs


def test_a_yearly_document_keeps_its_year_by_its_headings():
    from desktop.reuse.outline import Recovered, RSection
    rec = Recovered(title="某某县教育局工作总结", date="2020-01-10",
                    sections=[RSection(level=1, number="一", title="2019年工作回顾", value=1)])
    assert source_year(rec) == 2019


@pytest.mark.parametrize("last, delta, year, expected", [
    ("苏工信中小〔2020〕342号", 7, 2027, "苏工信中小〔2027〕号"),
    ("某教发〔2021〕3号", 1, 2023, "某教发〔2022〕号"),  # a 2022 plan issued in 2021: its 2023 plan in 2022
    ("苏财规〔2019〕9号", 19, 2027, "苏财规〔2027〕号"),  # never a year of issue far from the document's
    ("苏政办发[2020] 12号", 7, 2027, "苏政办发〔2027〕号"),
    ("会议纪要第3期", 7, 2027, "会议纪要第3期"),
])
def test_new_doc_number(last, delta, year, expected):
    from desktop.reuse.rollforward import new_doc_number
    assert new_doc_number(last, delta, year) == expected


def test_a_rolled_notice_is_not_finished_until_its_number_and_date_are_filled():
    from desktop.proofread import check_document
    from desktop.reuse.rollforward import start_from
    doc = start_from(_notice_2020(), 2027).document
    doc.properties.signature = "江苏省工业和信息化厅"
    rules = {f.rule for f in check_document(doc) if f.severity == "error"}
    assert {"doc-number-missing", "missing-date"} <= rules


def test_last_years_date_is_quoted_as_written(plan_docx):
    # 待核对 said “请填写今年的日期（2022-01-05）”: the clerk reads dates as a 公文 writes them
    result = import_with_notes(plan_docx, 2023)
    note = next(n for n in result.notes if n.where == "成文日期")
    assert note.excerpt == "2022年1月5日"
    assert str(note) == "成文日期：去年的成文日期未沿用，请填写今年的日期（2022年1月5日）"
