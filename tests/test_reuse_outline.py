"""Outline recovery from .docx files built here: typed numbering, Word
automatic numbering, heading styles, run-in headings, tracked changes,
tables, front and back matter."""

from __future__ import annotations

import pytest

from desktop.reuse import outline_json, read_outline
from tests.reuse_docx import (add_para, add_paragraph_style, add_raw_para, flatten,
                              lvl_xml, new_document, numbering_xml, set_numbering,
                              set_style_id, write_typed)

TYPED = [
    ("某某县教育局2025年工作计划", "center"),
    "各乡镇中心学校，局属各学校：",
    "2025年，全县教育工作的总体思路是稳中求进。",
    "一、总体要求",
    "坚持立德树人，办好人民满意的教育。",
    "二、工作目标",
    "1.达到的水平性指标。",
    "学前三年入园率达到94%。",
    "2.完成的重点任务。",
    "三、重点工作及措施",
    "(一)推进均衡发展",
    "推进城乡一体化。",
    "1.完善规划布局。科学制定规划，加快学校建设。",
    "2、改善办学条件。完成塑胶跑道改造。",
    "（1）第一项细则",
    "（2）第二项细则",
    "（二）提高教育质量",
    "3．深化课程改革。推进课堂教学改革。",
    "新的一年，我们将团结一心，奋力开创教育工作新局面。",
    ("某某县教育局", "right"),
    ("2025年1月10日", "right"),
]


def test_typed_numbering(tmp_path):
    path = write_typed(tmp_path / "typed.docx", TYPED)
    data = outline_json(path)
    assert data["title"] == "某某县教育局2025年工作计划"
    assert data["preamble"] == ["2025年，全县教育工作的总体思路是稳中求进。"]
    assert flatten(data["sections"]) == [
        (1, "一", "总体要求"),
        (1, "二", "工作目标"),
        (3, "1", "达到的水平性指标"),
        (3, "2", "完成的重点任务"),
        (1, "三", "重点工作及措施"),
        (2, "一", "推进均衡发展"),
        (3, "1", "完善规划布局"),
        (3, "2", "改善办学条件"),
        (4, "1", "第一项细则"),
        (4, "2", "第二项细则"),
        (2, "二", "提高教育质量"),
        (3, "3", "深化课程改革"),
    ]
    s3 = data["sections"][2]
    assert s3["children"][0]["body"] == ["推进城乡一体化。"]
    assert s3["children"][0]["children"][0]["body"] == ["科学制定规划，加快学校建设。"]
    assert data["sections"][1]["children"][0]["body"] == ["学前三年入园率达到94%。"]
    assert data["closing"] == ["新的一年，我们将团结一心，奋力开创教育工作新局面。"]
    rec = read_outline(path)
    assert rec.recipients == "各乡镇中心学校，局属各学校"
    assert rec.signature == "某某县教育局"
    assert rec.date == "2025-01-10"
    assert rec.numbering_mode == "per_chapter"
    # 署名 and 成文日期 are not body text
    assert "某某县教育局" not in str(data["sections"][-1])


def test_run_in_headings_split_and_flagged(tmp_path):
    path = write_typed(tmp_path / "runin.docx", [
        "2024年工作要点",
        "一、加强党的建设",
        "1.持续推进学习宣传。深入学习党的创新理论，开展多形式学习。",
        "2.强化主体责任？明确党组织主体责任。",
        "3.落实“三会一课”制度",
        "4.长句标题没有句号但很长，" + "这是一段很长的说明文字" * 8 + "。后面还有内容。",
    ])
    rec = read_outline(path)
    items = rec.sections[0].children
    assert [s.title for s in items[:3]] == ["持续推进学习宣传", "强化主体责任？", "落实“三会一课”制度"]
    assert items[0].run_in and items[0].body == ["深入学习党的创新理论，开展多形式学习。"]
    assert items[1].run_in and items[1].body == ["明确党组织主体责任。"]
    assert not items[2].run_in and items[2].body == []
    # a first sentence too long to be a title is not split
    assert not items[3].run_in and items[3].title.startswith("长句标题")


def test_only_level_one_and_three_numbers(tmp_path):
    path = write_typed(tmp_path / "13.docx", [
        "2024年工作计划", "一、党建工作", "1、加强学习", "2、加强组织", "二、教学工作",
        "1、课程改革", "2、质量监测"])
    data = outline_json(path)
    assert flatten(data["sections"]) == [
        (1, "一", "党建工作"), (3, "1", "加强学习"), (3, "2", "加强组织"),
        (1, "二", "教学工作"), (3, "1", "课程改革"), (3, "2", "质量监测")]
    assert read_outline(path).numbering_mode == "per_parent"


def test_decimal_numbers_and_years_are_not_headings(tmp_path):
    path = write_typed(tmp_path / "dec.docx", [
        "2024年工作总结", "一、主要成绩", "2024年全县教育投入增长8%。", "1.5亿元用于校舍改造。",
        "二是优化办学条件。"])
    data = outline_json(path)
    assert flatten(data["sections"]) == [(1, "一", "主要成绩")]
    assert data["sections"][0]["body"] == ["2024年全县教育投入增长8%。", "1.5亿元用于校舍改造。",
                                           "二是优化办学条件。"]


def _auto_numbered(tmp_path, restart_second_list=False):
    d = new_document()
    chapters = [lvl_xml(0, "chineseCounting", "%1、"),
                lvl_xml(1, "chineseCounting", "（%2）")]
    items = [lvl_xml(0, "decimal", "%1.")]
    nums = {1: (0, ""), 2: (1, "")}
    if restart_second_list:
        nums[3] = (1, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>')
    set_numbering(d, numbering_xml({0: chapters, 1: items}, nums))
    add_para(d, "某某区教育局2023年工作计划", align="center")
    n = 0
    for c in range(3):
        add_para(d, f"第{c + 1}章的标题", num=(1, 0))
        add_para(d, "本章的说明文字。")
        for sub in range(2):
            add_para(d, f"分项{c + 1}-{sub + 1}", num=(1, 1))
            for _ in range(5):
                n += 1
                use = 3 if restart_second_list and c == 2 else 2
                add_para(d, f"第{n}项工作。这一项的具体内容。", num=(use, 0))
    path = tmp_path / "auto.docx"
    d.save(path)
    return path


def test_automatic_numbering_chinese_chapters_and_list_across_chapters(tmp_path):
    path = _auto_numbered(tmp_path)
    rec = read_outline(path)
    flat = flatten(rec.to_json()["sections"])
    chapters = [x for x in flat if x[0] == 1]
    assert chapters == [(1, "一", "第1章的标题"), (1, "二", "第2章的标题"), (1, "三", "第3章的标题")]
    subs = [x[1] for x in flat if x[0] == 2]
    assert subs == ["一", "二"] * 3  # level 1 advancing restarts level 2
    items = [x for x in flat if x[0] == 3]
    assert [x[1] for x in items] == [str(i) for i in range(1, 31)]
    assert items[0][2] == "第1项工作"
    assert rec.sections[0].children[0].children[0].body == ["这一项的具体内容。"]
    assert rec.sections[0].body == ["本章的说明文字。"]
    assert rec.numbering_mode == "continuous"


def test_start_override_restarts_the_list(tmp_path):
    path = _auto_numbered(tmp_path, restart_second_list=True)
    items = [x for x in flatten(outline_json(path)["sections"]) if x[0] == 3]
    numbers = [x[1] for x in items]
    assert numbers[:20] == [str(i) for i in range(1, 21)]
    assert numbers[20:] == [str(i) for i in range(1, 11)]  # "restart at 1" in chapter 三


def test_numbering_from_style_and_lvl_override(tmp_path):
    d = new_document()
    set_numbering(d, numbering_xml(
        {5: [lvl_xml(0, "chineseCountingThousand", "%1、"), lvl_xml(1, "decimal", "%2.")]},
        {7: (5, ""),
         8: (5, '<w:lvlOverride w:ilvl="1"><w:lvl w:ilvl="1"><w:start w:val="1"/>'
                '<w:numFmt w:val="decimal"/><w:lvlText w:val="（%2）"/></w:lvl></w:lvlOverride>')}))
    add_paragraph_style(d, "a5", "Chapter Custom", num=(7, 0))
    add_paragraph_style(d, "a6", "Chapter Child", based_on="a5")
    p = add_para(d, "总体要求")
    set_style_id(d, p, "a5")
    p = add_para(d, "工作目标")
    set_style_id(d, p, "a6")  # inherits the numbering through w:basedOn
    add_para(d, "第一个目标", num=(7, 1))
    add_para(d, "细化的要求", num=(8, 1))
    path = tmp_path / "style-num.docx"
    d.save(path)
    flat = flatten(outline_json(path)["sections"])
    assert flat == [(1, "一", "总体要求"), (1, "二", "工作目标"), (3, "1", "第一个目标"),
                    (4, "2", "细化的要求")]


def test_heading_styles_by_id_and_outline_level_not_name(tmp_path):
    d = new_document()
    # a chapter style with an arbitrary id and display name, known only by w:outlineLvl
    add_paragraph_style(d, "a7", "我的章标题", outline=0)
    add_paragraph_style(d, "a8", "Normal Looking", based_on="a7")  # inherits outlineLvl 0
    # Word's built-in heading 2, renamed for display as LibreOffice and locales do
    h2 = d.styles["Heading 2"]
    h2.element.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}name").set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val", "heading 2")
    add_para(d, "学校工作总结", align="center")
    p = add_para(d, "党建工作")
    set_style_id(d, p, "a7")
    add_para(d, "党建工作的正文。")
    add_para(d, "理论学习", style="Heading 2")
    add_para(d, "理论学习的正文。")
    add_para(d, "组织建设", style="Heading 2")
    p = add_para(d, "教学工作")
    set_style_id(d, p, "a8")
    add_para(d, "课堂改革", style="Heading 2")
    add_para(d, "不是标题", outline=9)
    path = tmp_path / "styles.docx"
    d.save(path)
    data = outline_json(path)
    assert data["title"] == "学校工作总结"
    assert flatten(data["sections"]) == [
        (1, "一", "党建工作"), (2, "一", "理论学习"), (2, "二", "组织建设"),
        (1, "二", "教学工作"), (2, "一", "课堂改革")]
    assert data["sections"][0]["body"] == ["党建工作的正文。"]
    assert data["sections"][1]["children"][0]["body"] == ["不是标题"]


def test_tracked_insertions_read_and_deletions_ignored(tmp_path):
    d = new_document()
    add_para(d, "2024年工作计划")
    add_raw_para(d, '<w:r><w:t>一、</w:t></w:r><w:ins w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z">'
                    '<w:r><w:t>新增的</w:t></w:r></w:ins><w:del w:id="2" w:author="a" '
                    'w:date="2024-01-01T00:00:00Z"><w:r><w:delText>删掉的</w:delText></w:r></w:del>'
                    '<w:r><w:t>章节</w:t></w:r>')
    add_raw_para(d, '<w:del w:id="3" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r>'
                    '<w:delText>整段删除。</w:delText></w:r></w:del>')
    add_raw_para(d, '<w:r><w:t xml:space="preserve">保留 </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/>'
                    '</w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar '
                    'w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r>'
                    '<w:fldChar w:fldCharType="end"/></w:r>')
    path = tmp_path / "tracked.docx"
    d.save(path)
    data = outline_json(path)
    assert flatten(data["sections"]) == [(1, "一", "新增的章节")]
    assert data["sections"][0]["body"] == ["保留 3"]


def test_tables_kept_as_rows(tmp_path):
    d = new_document()
    add_para(d, "2024年工作总结")
    add_para(d, "一、主要指标")
    t = d.add_table(rows=2, cols=3)
    for r, row in enumerate([("指标", "2023年", "2024年"), ("入园率", "92%", "94%")]):
        for c, v in enumerate(row):
            t.cell(r, c).text = v
    add_para(d, "二、下一步打算")
    path = tmp_path / "table.docx"
    d.save(path)
    data = outline_json(path)
    assert data["sections"][0]["body"] == ["指标 | 2023年 | 2024年", "入园率 | 92% | 94%"]
    assert data["sections"][1]["title"] == "下一步打算"


def test_red_header_doc_number_notice_and_banji(tmp_path):
    path = write_typed(tmp_path / "notice.docx", [
        ("某某县教育局文件", "center"),
        ("某教发〔2024〕3号", "center"),
        ("某某县教育局关于印发《某某县教育局2024年工作要点》的通知", "center"),
        "各学校：",
        "现将《某某县教育局2024年工作要点》印发给你们，请结合实际认真贯彻落实。",
        ("某某县教育局", "right"),
        ("2024年3月1日", "right"),
        ("某某县教育局2024年工作要点", "center"),
        "2024年全县教育工作的总体要求是稳中求进。",
        "一、推进党的建设",
        "1.加强理论学习。组织集中学习。",
        "二、推进均衡发展",
        "附件：1.重点任务分解表",
        "2.责任清单",
        ("某某县教育局", "right"),
        ("2024年3月1日", "right"),
        "（此件公开发布）",
        "抄送：县委办公室，县政府办公室。",
        "某某县教育局办公室\t2024年3月1日印发",
    ])
    rec = read_outline(path)
    assert rec.header_text == "某某县教育局文件"
    assert rec.doc_number == "某教发〔2024〕3号"
    assert rec.as_notice and rec.notice_title.startswith("某某县教育局关于印发")
    assert rec.notice_body == ["现将《某某县教育局2024年工作要点》印发给你们，请结合实际认真贯彻落实。"]
    assert rec.recipients == "各学校"
    assert rec.title == "某某县教育局2024年工作要点"
    assert rec.preamble == ["2024年全县教育工作的总体要求是稳中求进。"]
    assert flatten(rec.to_json()["sections"]) == [(1, "一", "推进党的建设"), (3, "1", "加强理论学习"),
                                                  (1, "二", "推进均衡发展")]
    assert rec.sections[-1].body == []
    assert rec.attachments == ["重点任务分解表", "责任清单"]
    assert rec.signature == "某某县教育局" and rec.date == "2024-03-01"
    assert rec.note == "此件公开发布"
    assert rec.cc == ["县委办公室", "县政府办公室"]
    assert rec.printer == "某某县教育局办公室" and rec.print_date == "2024-03-01"


def test_chinese_date_and_title_on_two_centred_lines(tmp_path):
    path = write_typed(tmp_path / "t2.docx", [
        ("某某县教育局", "center"), ("2023年工作总结", "center"),
        "一、工作成效", "各项工作稳步推进。",
        ("某某县教育局", "right"), ("二〇二三年十二月二十日", "right")])
    rec = read_outline(path)
    assert rec.title == "某某县教育局2023年工作总结"
    assert rec.date == "2023-12-20"
    assert rec.sections[0].body == ["各项工作稳步推进。"]


@pytest.mark.parametrize("fmt,n,expected", [
    ("decimal", 12, "12"), ("chineseCounting", 12, "十二"), ("chineseCountingThousand", 21, "二十一"),
    ("ideographTraditional", 3, "丙"), ("japaneseCounting", 10, "十"), ("upperLetter", 28, "BB"),
    ("lowerRoman", 4, "iv"), ("decimalEnclosedCircle", 3, "③"), ("chineseLegalSimplified", 2, "贰"),
    ("decimalFullWidth", 7, "７"), ("decimalZero", 5, "05")])
def test_number_formats(fmt, n, expected):
    from desktop.reuse.wordxml import format_counter
    assert format_counter(n, fmt) == expected
