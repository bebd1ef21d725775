"""Proofreading a Word file as it is written: a planted/clean pair typed the
way a clerk types in Word (typed numbers, no styles), the earlier
planted-fault document with its date line, where findings point, and the
rules that only a file as written shows.  The documents are built here;
their sentences are written for the tests."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

docx = pytest.importorskip("docx")

from desktop.proofread import check_file  # noqa: E402
from desktop.proofread.written import read_written  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def clerk_docx(path: Path, lines: list[str], centred: tuple[int, ...] = ()) -> Path:
    """A .docx typed the way a clerk types: one paragraph per line, numbers
    typed, no styles; ``centred``: indices of centred lines (the title)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    d = docx.Document()
    for i, text in enumerate(lines):
        p = d.add_paragraph(text)
        if i in centred:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    d.save(path)
    return path


PLANTED = [
    "某某县教育局文件",
    "某教发〔2026〕15 号",  # 发文字号 spacing
    "关于做好2026年暑期学校安全工作的通知",
    "各乡镇中心学校、县直各学校:",  # 主送机关 colon
    "为切实做好暑期学校安全工作，深入贯彻习近平总书记系列重要讲话精神，现就有关事项通知如下：",  # stale
    "一.总体要求",  # 一. for 一、
    "坚持安全第一、预防为主，全面落实“平安校园、”“文明校园”创建要求。",  # 顿号 inside quotes
    "(一)压实安全责任",  # half-width brackets
    "各校要切实担负起安全管理的的主体责任，校长是第一责任人。",  # doubled character
    "(二)加强隐患排查",  # half-width brackets
    "1、全面排查校舍、消防、食品等方面的安全隐患。",  # 1、 at the 1. level
    "2.7月15前完成排查整改，并报送整改台账。",  # date without 日
    "二、工作要求",
    "各校要对照《某某县2026-2026年校园安全三年行动计划》逐项落实。",  # impossible range
    "县教育局将于秋季教育局将于秋季开学前组织专项督查，并启动 2026年度安全考核。",  # space before a digit
    "某某县教育局",
    "2026年06月05日",  # 成文日期 with zeros
]
CLEAN = [
    "某某县教育局文件",
    "某教发〔2026〕15号",
    "关于做好2026年暑期学校安全工作的通知",
    "各乡镇中心学校、县直各学校：",
    "为切实做好暑期学校安全工作，深入学习贯彻习近平新时代中国特色社会主义思想，现就有关事项通知如下：",
    "一、总体要求",
    "坚持安全第一、预防为主，全面落实“平安校园”、“文明校园”创建要求。",
    "（一）压实安全责任",
    "各校要切实担负起安全管理的主体责任，校长是第一责任人。",
    "（二）加强隐患排查",
    "1.全面排查校舍、消防、食品等方面的安全隐患。",
    "2.7月15日前完成排查整改，并报送整改台账。",  # a number that is not a heading
    "二、工作要求",
    "各校要对照《某某县2026—2028年校园安全三年行动计划》逐项落实。",
    "县教育局将于秋季开学前组织专项督查，并启动2026年度安全考核。",
    "某某县教育局",
    "2026年6月5日",
]
EXPECTED = [  # (paragraph, rule, excerpt, fix)
    (1, "doc-number-format", "〔2026〕15 号", "〔2026〕15号"),
    (3, "recipients-colon", ":", "："),
    (4, "stale-term", "系列重要讲话精神", None),
    (5, "heading-number-form", "一.", "一、"),
    (6, "quote-punct", "、”", "”、"),
    (7, "heading-number-form", "(一)", "（一）"),
    (8, "doubled-char", "的的", "的"),
    (9, "heading-number-form", "(二)", "（二）"),
    (10, "heading-number-form", "1、", "1."),
    (11, "date-missing-day", "7月15", "7月15日"),
    (13, "impossible-range", "2026-2026", None),
    (14, "cjk-alnum-space", " ", ""),
    (16, "date-format", "2026年06月05日", "2026年6月5日"),
]


def found(path, **kw):
    return [(f.paragraph, f.rule, f.excerpt, f.fix) for f in check_file(path, **kw)]


def test_planted_slips_are_found_in_full(tmp_path):
    path = clerk_docx(tmp_path / "planted.docx", PLANTED, centred=(0, 2))
    assert found(path) == EXPECTED


def test_clean_twin_gives_no_finding_at_all(tmp_path):
    path = clerk_docx(tmp_path / "clean.docx", CLEAN, centred=(0, 2))
    assert found(path) == []


def test_findings_point_at_the_paragraph_with_context(tmp_path):
    path = clerk_docx(tmp_path / "planted.docx", PLANTED, centred=(0, 2))
    by_rule = {f.rule: f for f in check_file(path)}
    f = by_rule["doubled-char"]
    assert PLANTED[f.paragraph][f.start:f.end] == "的的"
    assert f.section == "一/一" and f.field == "body"
    assert f.around() == "各校要切实担负起安全管理的的主体责任，校长是第一责任人。"
    f = by_rule["stale-term"]
    assert f.around() == PLANTED[4][f.start - 20:f.end + 20]
    assert "习近平新时代中国特色社会主义思想" in f.message  # the current wording
    assert by_rule["recipients-colon"].field == "recipients"
    assert by_rule["date-format"].field == "date"


def test_paragraph_index_counts_empty_paragraphs_as_the_reader_does(tmp_path):
    lines = ["某某县教育局2026年工作计划", "", "一、总体要求", "", "加强管理的的工作。"]
    path = clerk_docx(tmp_path / "gaps.docx", lines)
    assert found(path) == [(4, "doubled-char", "的的", "的")]


def test_cli_json_carries_context_and_paragraph(tmp_path):
    path = clerk_docx(tmp_path / "planted.docx", PLANTED, centred=(0, 2))
    proc = subprocess.run([sys.executable, "-m", "desktop", "check", str(path), "--json"],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert proc.returncode == 1, proc.stderr  # the impossible range is an error
    data = json.loads(proc.stdout)
    assert [(d["paragraph"], d["rule"]) for d in data] == [(p, r) for p, r, _, _ in EXPECTED]
    space = next(d for d in data if d["rule"] == "cjk-alnum-space")
    assert space["context"] == "教育局将于秋季开学前组织专项督查，并启动 2026年度安全考核。"
    proc = subprocess.run([sys.executable, "-m", "desktop", "check", str(path)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert "[第15段·二] 汉字与数字之间有多余的空格（原文：教育局将于秋季开学前组织专项督查，并启动 2026年度安全考核。）" \
        in proc.stdout


# -- the earlier planted-fault document, typed in Word ---------------------------------------
EARLIER = [
    "某某县教育局2026年工作计划",
    "一、总体要求",
    "坚持稳中求进工作总基调,全面提升教育质量。",  # 1 half-width comma
    "深入学习贯彻党的十九大精神，推动各项工作落实。",  # 2 stale
    "全面落实“十四五”规划确定的各项任务。",  # 3 stale
    "力争2025年全县完成全部薄弱学校改造。",  # 4 plan year
    "全年计划完成XX所学校改造。",  # 5 placeholder
    "加强师德师风建设。。",  # 6 doubled punctuation
    "二、主要任务",
    "组织开展 教师培训活动。",  # 7 space
    "召开２０２６年全县教育工作会议。",  # 8 full-width digits
    "认真学习《教育法》和《教师法，提高依法治教水平。",  # 9 unmatched
    "按照某教发[2026]3号文件要求抓好落实。",  # 10 doc number brackets
    "某某县教育局",
    "2026年03月05日",  # 11 the date line as typed
]


def test_earlier_planted_fault_document_found_eleven_of_eleven(tmp_path):
    path = clerk_docx(tmp_path / "earlier.docx", EARLIER, centred=(0,))
    got = {(p, r) for p, r, _, _ in found(path)}
    assert got == {(2, "halfwidth-punct"), (3, "stale-term"), (4, "stale-term"), (5, "plan-year"),
                   (6, "placeholder"), (7, "doubled-punct"), (9, "cjk-space"),
                   (10, "fullwidth-alnum"), (11, "unmatched-pair"), (12, "doc-number-format"),
                   (14, "date-format")}


# -- parts of the document ------------------------------------------------------------------
def test_parts_of_a_notice_are_recognised(tmp_path):
    path = clerk_docx(tmp_path / "planted.docx", PLANTED, centred=(0, 2))
    wd = read_written(path)
    roles = [ln.role for ln in wd.lines]
    assert roles[:5] == ["header", "doc_number", "title", "recipients", "body"]
    assert roles[-2:] == ["signature", "date"]
    assert wd.kind.label == "通知" and wd.year == 2026 and wd.date == "2026-06-05"


@pytest.mark.parametrize("title,label", [
    ("某县教育局2026年工作总结", "工作总结"), ("某县教育局2026年工作计划", "工作计划"),
    ("某县教育局2026年工作要点", "工作要点"), ("关于做好2026年招生工作的通知", "通知"),
    ("某县2026年校园安全专项整治方案", "方案"), ("某县学校安全管理办法", "办法"),
    ("某县教育局关于2026年教育工作情况的报告", "报告"),
    ("某县教育局2025年工作总结和2026年工作计划", "总结及计划"),
    ("关于印发《某县教育局2026年工作要点》的通知", "通知"),
])
def test_document_kind_from_its_title(title, label):
    from desktop.proofread.kinds import kind_of
    assert kind_of(title).label == label


def test_messages_name_the_document_by_its_kind(tmp_path):
    lines = ["关于做好2026年招生工作的通知", "各学校：", "现将有关事项通知如下。",
             "某某县教育局", "2025年3月5日"]
    path = clerk_docx(tmp_path / "notice.docx", lines)
    messages = " ".join(f.message for f in check_file(path))
    assert "年度工作总结" not in messages


def test_unfinished_notice_file(tmp_path):
    lines = ["某教发〔2026〕号", "关于做好2026年招生工作的通知", "各学校：", "现将有关事项通知如下。"]
    path = clerk_docx(tmp_path / "unfinished.docx", lines)
    rules = [f.rule for f in check_file(path)]
    assert rules == ["doc-number-missing"]  # a file may be a fragment: no date asked for
    lines = ["关于做好2026年招生工作的通知", "各学校：", "现将有关事项通知如下。", "某某县教育局",
             "2026年3月5日", "某某县教育局办公室                2026年3月1日印发"]
    path = clerk_docx(tmp_path / "printed.docx", lines)
    assert [f.rule for f in check_file(path)] == ["print-before-date"]


# -- a clean issuing notice with its attached text: conventional usage left alone ---------------
ISSUING_NOTICE = [
 "某某县教育局文件", "", "某教发〔2026〕15号", "",
 "某某县教育局 某某县财政局", "关于印发《某某县2026年教育工作要点》的通知", "",
 "各乡镇（街道）中心学校，县直各学校，局机关各股室：",
 "现将《某某县2026年教育工作要点》印发给你们，请结合实际，认真抓好落实。",
 "附件：1.某某县2026年教育工作要点", "      2.2026年重点工作任务分解表", "",
 "某某县教育局          某某县财政局", "2026年2月10日", "（此件公开发布）",
 "附件1", "某某县2026年教育工作要点",
 "2026年是“十五五”开局之年。全县教育工作的总体要求是：坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大和二十届历次全会精神，落实立德树人根本任务。",
 "一、主要目标", "到2026年底，全县学前三年毛入园率达到95%以上，义务教育巩固率保持在99%以上。",
 "二、重点任务", "（一）加强党的建设",
 "1.深入开展主题教育。巩固拓展学习成果，推动“第一议题”制度落地见效。",
 "2.7月15日前完成基层党组织换届。",
 "3.开展“爱文明家园 做文明市民”主题活动。",
 "（二）推进优质均衡",
 "1.实施义务教育优质均衡发展三年行动（2026—2028年），新建、改扩建学校8所。",
 "（1）扩大学位供给。新增学位3000个。",
 "（2）深化集团化办学。",
 "2.落实“双减”政策，严格执行GB/T 9704—2012 党政机关公文格式及DB 12/T 1234—2020 标准。",
 "三、保障措施",
 "各校要高度重视，主要负责同志亲自抓。正如县委主要领导所强调的：",
 "“要把教育摆在优先发展的战略地位，",
 "“以钉钉子精神抓好各项任务落实。”",
 "联系人：张  三，电话：0571-12345678，邮  箱：abc@example.com",
 "抄送：县委办公室，县政府办公室。",
 "某某县教育局办公室                2026年2月10日印发",
]


def test_clean_issuing_notice_with_attached_text_gives_no_finding(tmp_path):
    path = clerk_docx(tmp_path / "notice.docx", ISSUING_NOTICE, centred=(0, 4, 5, 16))
    assert found(path) == []
    roles = {ln.index: ln.role for ln in read_written(path).lines}
    assert [roles[i] for i in (0, 2, 4, 5, 7, 9, 10, 12, 13, 14, 15, 16)] == [
        "header", "doc_number", "title", "title", "recipients", "attachment", "attachment",
        "signature", "date", "note", "attachment_mark", "title"]
    assert roles[23] == "body" and roles[35] == "imprint" and roles[36] == "imprint"


def test_numbering_restarts_in_the_attached_text_and_inside_articles(tmp_path):
    lines = ["某某县学校安全管理办法", "第一章  总则", "第一条  为加强管理，制定本办法。",
             "第二条  本办法适用于：", "（一）中小学校；", "（二）幼儿园。",
             "第三条  学校应当：", "（一）建立制度；", "（二）落实责任。",
             "附件", "学校安全检查表", "一、检查内容", "1.校舍安全。", "2.消防安全。"]
    path = clerk_docx(tmp_path / "rules.docx", lines)
    assert found(path) == []
    lines[8] = "（三）落实责任。"
    path = clerk_docx(tmp_path / "gap.docx", lines)
    assert [(p, r) for p, r, _, _ in found(path)] == [(8, "numbering-gap")]


def test_signature_and_date_laid_out_in_a_table(tmp_path):
    d = docx.Document()
    for text in ["关于做好2026年招生工作的通知", "各学校：", "现将有关事项通知如下。"]:
        d.add_paragraph(text)
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 1).text = "某某县教育局"
    table.cell(1, 1).text = "2026年3月5日"
    path = tmp_path / "table.docx"
    d.save(path)
    assert found(path) == []
    wd = read_written(path)
    assert wd.date == "2026-03-05" and [ln.role for ln in wd.lines][-2:] == ["signature", "date"]


def _numbered_docx(path: Path, items: list[tuple[str, str]]) -> Path:
    """Paragraphs in a Word list whose level text is ``fmt`` ("(%1)", "%1、")."""
    from docx.oxml import parse_xml
    d = docx.Document()
    numbering = d.part.numbering_part.element
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    formats = sorted({fmt for fmt, _ in items})
    for k, fmt in enumerate(formats, start=1):
        kind = "chineseCounting" if fmt.startswith("(") or fmt.startswith("%1、一") else "decimal"
        numbering.append(parse_xml(
            f'<w:abstractNum {ns} w:abstractNumId="{90 + k}"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            f'<w:numFmt w:val="{kind}"/><w:lvlText w:val="{fmt}"/></w:lvl></w:abstractNum>'))
    for k, fmt in enumerate(formats, start=1):
        numbering.append(parse_xml(
            f'<w:num {ns} w:numId="{90 + k}"><w:abstractNumId w:val="{90 + k}"/></w:num>'))
    d.add_paragraph("某某县教育局2026年工作要点")
    for fmt, text in items:
        p = d.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {ns}><w:ilvl w:val="0"/><w:numId w:val="{90 + formats.index(fmt) + 1}"/></w:numPr>'))
    d.save(path)
    return path


def test_automatic_numbers_in_a_wrong_form_or_typed_twice(tmp_path):
    path = _numbered_docx(tmp_path / "auto.docx", [("(%1)", "加强党的建设"), ("(%1)", "推进优质均衡"),
                                                   ("(%1)", "（三）强化安全保障")])
    got = [(f.paragraph, f.rule, f.excerpt) for f in check_file(path)]
    assert got == [(1, "heading-number-form", "(一)"), (2, "heading-number-form", "(二)"),
                   (3, "heading-number-form", "(三)"), (3, "typed-number", "（三）")]
    path = _numbered_docx(tmp_path / "good.docx", [("（%1）", "加强党的建设"), ("（%1）", "推进优质均衡")])
    assert found(path) == []


def test_title_year_points_at_the_title_paragraph(tmp_path):
    lines = ["某教发〔2026〕3号", "某某县教育局2025年工作计划", "一、总体要求", "全面提升教育质量。",
             "某某县教育局", "2026年1月5日"]
    path = clerk_docx(tmp_path / "title.docx", lines)
    assert found(path, year=2026) == [(1, "title-year", "2025", "2026")]


def test_title_typed_above_the_doc_number(tmp_path):
    lines = ["某某县教育局2025年工作计划", "某教发〔2026〕3号", "一、总体要求", "力争2025年完成改造。"]
    wd = read_written(clerk_docx(tmp_path / "order.docx", lines))
    assert [ln.role for ln in wd.lines][:2] == ["title", "doc_number"] and wd.kind.label == "工作计划"
    assert [(p, r) for p, r, _, _ in found(clerk_docx(tmp_path / "o.docx", lines), year=2026)] == [
        (0, "title-year"), (3, "plan-year")]
