"""汇总: departments' drafts typed with different habits merged into the bureau's outline."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from desktop.merge import merge_files, read_draft
from desktop.merge.classify import OTHER, PLANS, PROBLEMS, WORK, classify_title, is_generic
from desktop.merge.units import unit_from_title
from desktop.source import SourceRef
from desktop.model import Document, Properties, Section
from desktop.number_styles import CIRCLED
from desktop.project_file import load, save
from tests.drafts import Item, write_draft

ROOT = Path(__file__).resolve().parent.parent
YEAR = 2026

# -- the drafts: (file name, title, items, options) ---------------------------------
BASIC = ("基础教育股总结.docx", "基础教育股2026年工作总结和2027年工作打算", [
    Item(1, "2026年工作开展情况"),
    Item(2, "学前教育普及普惠", ["全年新建公办幼儿园2所，学前三年毛入园率达到93.2%。",
                         "普惠性幼儿园覆盖率稳步提高。"]),
    Item(2, "义务教育优质均衡", ["持续推进城乡学校共同体建设。"]),
    Item(3, "控辍保学", ["落实四级控辍保学责任制。"]),
    Item(4, "劝返复学", ["全年劝返复学学生12人。"]),
    Item(1, "存在的问题", ["城区学位依然紧张，部分乡村学校规模偏小。"]),
    Item(1, "2027年工作打算"),
    Item(2, "推进学前教育扩容", ["计划新增学前学位600个，学前三年毛入园率提高到95%。"]),
], dict(preamble=["2026年，基础教育股在局党组的领导下，扎实推进各项工作。"],
        closing=["新的一年，我股将继续努力，推动基础教育再上新台阶。"],
        signature="基础教育股", date="2026年12月10日"))

PERSONNEL = ("人事股.docx", "2026年度人事股工作总结", [
    Item(1, "主要成效"),
    Item(2, "教师招聘", ["公开招聘教师148人，全部充实到乡村学校。"]),
    Item(2, "职称评审", ["完成中小学教师职称评审工作。"]),
    Item(1, "存在不足", ["教师结构性缺员问题仍然突出。"]),
    Item(1, "下一步工作计划", ["继续做好教师补充和培训工作。"]),
], dict(auto=True, heading_styles=True, signature="人事股", date="2026年12月12日"))

SCHOOL = ("一中.docx", "青山县第一中学2026年工作总结", [
    Item(1, "强化党建引领", ["落实党组织领导的校长负责制。"]),
    Item(1, "提升教学质量", ["本科达线率达到68.5%，较上年提高2个百分点。"]),
    Item(1, "存在的短板", ["实验室设备老化。"]),
    Item(1, "明年工作思路", ["力争本科达线率达到70%。"]),
], dict(signature="青山县第一中学", date="2026年12月15日"))

FINANCE = ("计财股材料.docx", "青山县教育局计财股2026年工作总结", [
    Item(1, "工作完成情况", ["全年落实教育经费投入4.2亿元。"]),
    Item(1, "存在问题", ["部分项目资金拨付进度偏慢。"]),
    Item(1, "意见建议", ["建议县财政提前下达年度预算。"]),
], dict(auto=True, signature="计财股", date="2026年12月16日"))

SAFETY = ("材料五.docx", "2026年工作总结", [
    Item(1, "主要工作", ["开展校园安全隐患排查整治，整改隐患86处。"]),
    Item(1, "下步打算", ["完善校园安全风险防控体系。"]),
], dict(signature="安全稳定股", date="2026年12月18日"))

ALL = [BASIC, PERSONNEL, SCHOOL, FINANCE, SAFETY]
UNITS = ["基础教育股", "人事股", "青山县第一中学", "计财股", "安全稳定股"]


def _write(tmp_path, spec) -> Path:
    name, title, items, options = spec
    path = tmp_path / name
    write_draft(path, title, items, **options)
    return path


@pytest.fixture
def drafts(tmp_path):
    return [_write(tmp_path, spec) for spec in ALL]


def _expected_paragraphs(spec) -> list[str]:
    """What must land in the merged document: every paragraph of the draft but
    its title, signature, date and the chapter titles that only name a kind."""
    _, _, items, options = spec
    out = list(options.get("preamble", ()))
    for it in items:
        kind = classify_title(it.title, YEAR)
        if not (it.level == 1 and kind not in (None, OTHER) and is_generic(it.title, kind)):
            out.append(it.title)
        out.extend(it.body)
    out.extend(options.get("closing", ()))
    return out


def _merged_paragraphs(doc: Document) -> list[str]:
    """Headings below the departments' parts and every body paragraph."""
    out = []
    for s in doc.walk():
        if s.level > 2:
            out.append(s.title)
        out.extend(x for x in s.body.splitlines() if x.strip())
    return out


# -- units and kinds ----------------------------------------------------------------
def test_units_from_titles_and_signatures(drafts):
    assert [read_draft(p).unit for p in drafts] == UNITS
    assert unit_from_title("基础教育股2026年工作总结") == "基础教育股"
    assert unit_from_title("2026年度人事股工作总结") == "人事股"
    assert unit_from_title("2026年工作总结") == ""
    assert unit_from_title("关于教研室2026年工作情况的报告") == "教研室"


def test_a_drafts_attachment_list_goes_to_other(tmp_path):
    path = tmp_path / "d.docx"
    write_draft(path, "教研室2026年工作总结", [Item(1, "主要工作", ["完成了各项工作。"])],
                closing=["附件：1.教研活动统计表", "2.获奖名单"], signature="教研室", date="2026年12月1日")
    result = merge_files([path], YEAR)
    other = result.document.sections[-1]
    assert other.title == "其他"
    assert other.children[0].body.splitlines() == ["附件：教研活动统计表", "附件：获奖名单"]
    assert any("附件说明" in n.message and "其他" in n.message for n in result.notes)


def test_signature_without_date_names_the_unit_and_is_not_content(tmp_path):
    path = tmp_path / "d.docx"
    write_draft(path, "2026年工作总结", [Item(1, "主要工作", ["完成了各项工作。"])],
                closing=["督导室"])
    draft = read_draft(path)
    assert draft.unit == "督导室"
    doc = merge_files([path], YEAR).document
    assert [s.title for s in doc.sections[0].children] == ["督导室"]
    assert "督导室" not in _merged_paragraphs(doc)


@pytest.mark.parametrize("title, kind", [
    ("2026年工作开展情况", WORK), ("主要工作", WORK), ("主要成效", WORK), ("工作完成情况", WORK),
    ("2026年工作计划完成情况", WORK), ("存在的问题", PROBLEMS), ("存在不足", PROBLEMS),
    ("困难和问题", PROBLEMS), ("存在问题及下步打算", PROBLEMS), ("工作打算", PLANS),
    ("下一步工作计划", PLANS), ("明年工作思路", PLANS), ("2027年重点工作", PLANS),
    ("意见建议", OTHER), ("需要协调解决的问题", OTHER), ("其他事项", OTHER),
    ("强化党建引领", None)])
def test_classify_titles(title, kind):
    assert classify_title(title, YEAR) == kind


# -- the merge ----------------------------------------------------------------------
def test_order_by_kind_then_department(drafts):
    result = merge_files(drafts, YEAR)
    doc = result.document
    kinds = [classify_title(s.title.replace("{{ year }}", "2026").replace("{{ next_year }}", "2027"),
                            YEAR) for s in doc.sections]
    assert kinds == [WORK, PROBLEMS, PLANS, OTHER]
    work, problems, plans, other = doc.sections
    assert [s.title for s in work.children] == UNITS
    assert [s.title for s in problems.children] == ["基础教育股", "人事股", "青山县第一中学", "计财股"]
    assert [s.title for s in plans.children] == ["基础教育股", "人事股", "青山县第一中学", "安全稳定股"]
    assert other.title == "其他" and [s.title for s in other.children] == ["计财股"]
    assert all(s.level == 2 for ch in doc.sections for s in ch.children)
    # each part keeps its source
    assert work.children[1].source == "人事股（人事股.docx）"
    assert [p.kind for p in result.parts if p.unit == "计财股"] == [WORK, PROBLEMS, OTHER]


def test_every_paragraph_lands_exactly_once(drafts):
    doc = merge_files(drafts, YEAR).document
    merged = Counter(_merged_paragraphs(doc))
    expected = [p for spec in ALL for p in _expected_paragraphs(spec)]
    assert expected, "the drafts have content"
    for text in expected:
        # a level-5 item becomes a paragraph numbered ①②③ (test_merge_depth): "①劝返复学"
        hits = merged[text] + sum(n for m, n in merged.items() if m != text and m.endswith(text)
                                  and m[:m.index(text)] in CIRCLED)
        assert hits == 1, (text, hits)
    assert sum(merged.values()) == len(expected)


def test_structure_inside_a_part(drafts):
    doc = merge_files(drafts, YEAR).document
    basic = doc.sections[0].children[0]
    # the generic chapter is replaced; the preamble leads the part
    assert basic.body == "2026年，基础教育股在局党组的领导下，扎实推进各项工作。"
    assert [c.title for c in basic.children] == ["学前教育普及普惠", "义务教育优质均衡"]
    assert [c.level for c in basic.children] == [3, 3]
    item = basic.children[1].children[0]
    assert (item.title, item.level) == ("控辍保学", 4)
    # its （1） item is one level too deep: ①, not a second （1） under the （1） heading
    assert item.body.splitlines() == ["落实四级控辍保学责任制。", "①劝返复学", "全年劝返复学学生12人。"]
    # the closing ends the plans part
    plans = doc.sections[2].children[0]
    assert plans.children[-1].body.splitlines()[-1].startswith("新的一年")
    # topic chapters stay headings of their own
    school = doc.sections[0].children[2]
    assert [c.title for c in school.children] == ["强化党建引领", "提升教学质量"]


def test_notes_point_at_inferred_and_other_parts(drafts):
    result = merge_files(drafts, YEAR)
    text = "\n".join(str(n) for n in result.notes)
    assert "意见建议" in text and "其他" in text
    assert "“强化党建引领”未写明类别，按材料标题归入“主要工作”" in text  # a summary's topic: work done
    from desktop.ui.review_notes import locate_note  # pure function, no widgets made
    doc = result.document
    other = next(n for n in result.notes if "其他" in n.message)
    target = locate_note(doc, other)
    assert target is not None and doc.find(target.section_id).title == "计财股"
    assert doc.find(target.section_id) in doc.sections[3].children
    # each note about a part carries the part's section; found from it, not from its text
    assert other.ref == target == SourceRef(target.section_id, "body")
    assert all(n.ref is not None and doc.find(n.ref.section_id) is not None
               for n in result.notes if n.where)


def test_figures_with_their_sentences(drafts):
    result = merge_files(drafts, YEAR)
    by_name = {f.name: f for f in result.figures}
    f = by_name["学前三年毛入园率"]
    assert (f.value, f.target, f.unit, f.category) == (93.2, None, "%", "基础教育股")
    assert f.source == "全年新建公办幼儿园2所，学前三年毛入园率达到93.2%。"
    planned = by_name["学前三年毛入园率（基础教育股）"]
    assert planned.target == 95 and "提高到95%" in planned.source
    assert by_name["本科达线率"].value == 68.5
    doc = result.with_figures()
    assert {"学前三年毛入园率", "本科达线率"} <= {x.name for x in doc.figures}


def test_merge_into_an_existing_project(tmp_path, drafts):
    bureau = Document(properties=Properties(kind="总结及计划", year=YEAR, org="青山县教育局",
                                            title="{{ org }}{{ year }}年工作总结"))
    bureau.sections = [Section(title="2026年主要工作", body="全县教育工作稳中有进。"),
                       Section(title="2027年工作计划")]
    path = tmp_path / "局.rdraft"
    save(bureau, path)
    doc = merge_files(drafts[:2], YEAR, into=path).document
    assert [s.title for s in doc.sections] == ["2026年主要工作", "存在的问题和不足", "2027年工作计划"]
    assert doc.sections[0].body == "全县教育工作稳中有进。"
    assert [c.title for c in doc.sections[0].children] == ["基础教育股", "人事股"]
    assert [c.title for c in doc.sections[2].children] == ["基础教育股", "人事股"]


def test_merged_project_renders_and_exports(tmp_path, drafts):
    from desktop.export_docx import export_docx
    from desktop.render import render
    doc = merge_files(drafts, YEAR, org="青山县教育局").with_figures()
    rendered = render(doc)
    assert not rendered.errors
    assert rendered.blocks[0].text == "青山县教育局2026年工作总结和2027年工作计划"
    export_docx(doc, tmp_path / "out.docx")
    assert (tmp_path / "out.docx").stat().st_size > 0


# -- the command line ---------------------------------------------------------------
def _run(*args, cwd=None):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT)] + sys.path))
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=120)


def test_cli_merge(tmp_path, drafts):
    out = tmp_path / "汇总.rdraft"
    r = _run("merge", *map(str, drafts), "--year", "2026", "--org", "青山县教育局", "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert "已汇总 5 份材料" in r.stdout and "基础教育股\t主要工作、存在的问题、工作打算" in r.stdout
    doc = load(out)
    assert [s.title for s in doc.sections[0].children] == UNITS
    assert doc.figure("学前三年毛入园率").value == 93.2


def test_cli_merge_bad_input_one_line(tmp_path, drafts):
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"not a word file")
    r = _run("merge", str(drafts[0]), str(bad), "--year", "2026", "-o", str(tmp_path / "x.rdraft"))
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1 and "坏.docx" in r.stderr
    assert not (tmp_path / "x.rdraft").exists()


def test_more_habits_heading_styles_level_two_only_a_report_and_a_bare_plan(tmp_path):
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    styled = tmp_path / "教研室.docx"
    d = docx.Document()  # Word heading styles, no numbers at all
    d.add_paragraph("教研室2026年工作总结").alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.add_heading("一年来的主要工作", 1)
    d.add_heading("教学研究", 2)
    d.add_paragraph("组织教研活动36次。")
    d.add_heading("存在的不足", 1)
    d.add_paragraph("教研员力量不足。")
    d.add_heading("2027年工作安排", 1)
    d.add_paragraph("深化课堂教学改革。")
    d.save(str(styled))
    level2 = tmp_path / "督导.docx"  # （一）（二）（三） without 一、
    write_draft(level2, "督导室2026年工作总结", [
        Item(2, "主要工作", ["开展督导检查120所次。"]), Item(2, "存在问题", ["督学队伍老化。"]),
        Item(2, "明年打算", ["加强督学培训。"])], signature="督导室", date="2026年12月3日")
    report = tmp_path / "电教馆.docx"  # a 报告 with a lead-in line ending in a colon
    write_draft(report, "关于电教馆2026年工作情况的报告", [
        Item(1, "工作完成情况", ["一是完成设备采购，二是开展培训。"]),
        Item(1, "下一步打算", ["推进智慧校园建设。"])],
        preamble=["现将有关情况报告如下："], closing=["特此报告。"], signature="县电教馆",
        date="2026年12月5日")
    plan = tmp_path / "资助.docx"  # a plan without chapters
    write_draft(plan, "资助中心2027年工作计划", [], preamble=["继续做好学生资助工作。"],
                signature="资助中心", date="2026年12月6日")
    doc = merge_files([styled, level2, report, plan], YEAR).document
    work, problems, plans = doc.sections
    assert [c.title for c in work.children] == ["教研室", "督导室", "电教馆"]
    assert [c.title for c in work.children[0].children] == ["教学研究"]  # 一年来的主要工作: replaced
    assert [c.title for c in problems.children] == ["教研室", "督导室"]
    assert [c.title for c in plans.children] == ["教研室", "督导室", "电教馆", "资助中心"]
    merged = Counter(_merged_paragraphs(doc))
    for text in ["组织教研活动36次。", "教研员力量不足。", "深化课堂教学改革。", "开展督导检查120所次。",
                 "督学队伍老化。", "加强督学培训。", "现将有关情况报告如下：", "一是完成设备采购，二是开展培训。",
                 "推进智慧校园建设。", "特此报告。", "继续做好学生资助工作。", "教学研究"]:
        assert merged[text] == 1, text
