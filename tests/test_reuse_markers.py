"""Small synthetic fixtures for every trap met in real documents: the
markers people type, the 第X章/第X条 structure, text files and pasted text,
attachment lists, covering notices, furniture that is never a section."""

from __future__ import annotations

import pytest

from desktop.errors import ImportDocumentError
from desktop.reuse import outline_json, read_paragraphs, read_text_outline
from desktop.number_styles import cn_text, format_styled
from desktop.reuse.markers import cn_value, parse_marker
from tests.reuse_docx import add_para, flatten, lvl_xml, new_document, numbering_xml, set_numbering


@pytest.mark.parametrize("text,kind,number", [
    ("1.标题", "num", "1"), ("1．标题", "num", "1"), ("1﹒标题", "num", "1"), ("1、标题", "num", "1"),
    ("1，标题", "num", "1"), ("1. 标题", "num", "1"), ("１．全角", "num", "1"),
    ("（1）标题", "num_paren", "1"), ("(1)标题", "num_paren", "1"), ("( 1 ) 标题", "num_paren", "1"),
    ("1）标题", "num_half", "1"), ("1)标题", "num_half", "1"), ("①标题", "circled", "①"),
    ("一、标题", "cn", "一"), ("一．标题", "cn", "一"), ("十二、标题", "cn", "十二"),
    ("（一）标题", "cn_paren", "一"), ("(一)标题", "cn_paren", "一"), ("一）标题", "cn_half", "一"),
    ("第一章   总  则", "chapter", "第一章"), ("第七条省研发型企业", "article", "第七条"),
    ("第二十三条  本办法", "article", "第二十三条"), ("第一节 总体", "section", "第一节"),
    ("2.2019年度企业营业收入在1亿元以上。", "num", "2"), ("2.7月15日前完成。", "num", "2"),
    ("1.2018和2019年的增长率", "num", "1"), ("三、五项措施落实到位", "cn", "三"), ("二、四个坚持", "cn", "二"),
])
def test_markers_as_typed(text, kind, number):
    m = parse_marker(text)
    assert m is not None and (m.kind, m.number) == (kind, number)


@pytest.mark.parametrize("text", ["3.5万元用于改造", "2019年全县", "一是加强", "1，2，3", "1.5亿元",
                                  "第一条规定的", "二〇一九年", "一、二年级学生全部参加", "1、2月份完成",
                                  "三、四季度开展"])
def test_numbers_that_are_text(text):
    m = parse_marker(text)
    assert m is None or (text == "第一条规定的" and m.kind == "article")


def test_chinese_numerals_both_ways():
    for n in (1, 9, 10, 11, 19, 20, 21, 99, 100, 105, 110, 123):
        assert cn_value(cn_text(n)) == n
    assert format_styled("第{cn}章", 3) == "第三章" and format_styled("{n}）", 2) == "2）"
    assert format_styled("{circled}", 4) == "④"


def _outline_text(text: str) -> dict:
    return read_text_outline(text).to_json()


def test_chapters_articles_and_lists_inside():
    data = _outline_text("\n".join([
        "某某县教育经费管理办法", "", "第一章   总  则",
        "第一条 为规范经费管理，制定本办法。", "第二条本办法适用于全县学校。所称学校包括幼儿园。",
        "第二章  职  责", "第三条 县教育局主要职责：", "（一）编制预算；", "（二）监督使用。",
        "1. 定期检查；", "2. 通报结果。", "第四条 学校主要职责为执行预算。"]))
    assert data["title"] == "某某县教育经费管理办法"
    # an article has no title: its text, first sentence and 。 included, is its body
    assert [(lv, n, m, t) for lv, n, t, m in _flat4(data["sections"])] == [
        (1, "第一章", "第一章", "总则"), (2, "第一条", "第一条", ""), (2, "第二条", "第二条", ""),
        (1, "第二章", "第二章", "职责"), (2, "第三条", "第三条", ""),
        (3, "一", "（一）", "编制预算"), (3, "二", "（二）", "监督使用"),
        (4, "1", "1.", "定期检查"), (4, "2", "2.", "通报结果"), (2, "第四条", "第四条", "")]
    first, second = data["sections"][0]["children"]
    assert first["body"] == ["为规范经费管理，制定本办法。"]
    assert second["body"] == ["本办法适用于全县学校。所称学校包括幼儿园。"]
    assert data["sections"][1]["children"][0]["body"] == ["县教育局主要职责："]
    assert data["sections"][1]["children"][1]["body"] == ["学校主要职责为执行预算。"]


def test_an_article_prints_as_written_its_number_set_apart(tmp_path):
    """jscz-zscq.docx: "第三条　知识产权专项资金按照……管理模式。" — the number in the
    heading's font, then the article in the body font, its 。 kept (it came in as a
    level-2 heading holding the whole article, in 楷体, without its 。)."""
    import docx

    from desktop.export import export
    from desktop.layout import place
    from desktop.render import render
    from desktop.reuse import import_document
    src = tmp_path / "办法.txt"
    src.write_text("\n".join(["某某县教育经费管理办法", "第一章 总则", "第一条 为规范经费管理，制定本办法。",
                              "第二条 本办法所称经费，是指县财政安排的教育经费。其使用适用本办法。"]),
                   encoding="utf-8")
    doc = import_document(src, year=2027)
    article = doc.sections[0].children[0]
    assert (article.title, article.body, article.run_in) == ("", "为规范经费管理，制定本办法。", True)
    rendered = render(doc)
    heads = [b for b in rendered.blocks if b.section_id == article.id]
    assert [b.full_text for b in heads] == ["第一条\u3000为规范经费管理，制定本办法。"]
    assert "第二条\u3000本办法所称经费，是指县财政安排的教育经费。其使用适用本办法。" in rendered.text()
    placed = next(p for p in place(rendered) if p.block.section_id == article.id)
    assert placed.bold_prefix == len("第一条\u3000")  # the number alone in the heading's font
    out = export(doc, tmp_path / "办法.docx").docx
    para = next(p for p in docx.Document(str(out)).paragraphs if p.text.startswith("第一条"))
    assert para.text == "第一条\u3000为规范经费管理，制定本办法。"
    assert [r.text for r in para.runs] == ["第一条\u3000", "为规范经费管理，制定本办法。"]
    fonts = [r.element.rPr.xpath("./w:rFonts/@w:eastAsia") if r.element.rPr is not None else []
             for r in para.runs]
    assert fonts[0] != fonts[1]


def _flat4(items):
    out = []
    for s in items:
        out.append((s["level"], s["number"], s["title"], s["marker"]))
        out.extend(_flat4(s["children"]))
    return out


def test_half_brackets_and_circled_below_the_official_forms():
    data = _outline_text("\n".join([
        "2024年工作计划", "一、总体要求", "1.第一项", "1）再细", "①最细", "②最细二", "2）再细二",
        "二、保障"]))
    assert [(lv, m) for lv, _, _, m in _flat4(data["sections"])] == [
        (1, "一、"), (3, "1."), (4, "1）"), (4, "2）"), (1, "二、")]
    # deeper than the outline's four levels: text of the item above
    assert data["sections"][0]["children"][0]["children"][0]["body"] == ["①最细", "②最细二"]


def test_levels_from_the_sequence_not_the_form():
    data = _outline_text("\n".join(["工作要点", "1）第一件事", "①具体一", "②具体二", "2）第二件事"]))
    assert [(lv, n, t) for lv, n, t, _ in _flat4(data["sections"])] == [
        (1, "1", "第一件事"), (2, "①", "具体一"), (2, "②", "具体二"), (1, "2", "第二件事")]


def test_items_that_start_with_a_year_or_a_month_and_a_decimal_that_is_text():
    data = _outline_text("\n".join([
        "通知", "一、条件", "1.连续经营3年以上。", "2.2019年度营业收入在1亿元以上。", "3.5万元以下的不予支持。",
        "3.7月15日前报送。"]))
    assert [(n, t) for _, n, t, _ in _flat4(data["sections"])] == [
        ("一", "条件"), ("1", "连续经营3年以上"), ("2", "2019年度营业收入在1亿元以上"), ("3", "7月15日前报送")]
    assert data["sections"][0]["children"][1]["body"] == ["3.5万元以下的不予支持。"]


def test_attachment_list_contact_lines_and_furniture_are_not_sections():
    data = _outline_text("\n".join([
        "某某县教育局", "─────────────", "关于开展评选的通知", "", "各学校：", "现将有关事项通知如下：",
        "一、评选范围", "全县中小学。", "二、报送要求", "请于7月30日前报送。", "联系人：张三，电话：12345678",
        "", "附件：1.推荐汇总表（供各学校填报", "使用）", "2.2024年申报书", "3、承诺书", "", "某某县教育局",
        "2024年7月1日", "（此件公开发布）", "信息公开选项：主动公开", "某某县教育局办公室 2024年7月1日印发",
        "", "附件1", "推荐汇总表", "一、学校名称", "二、推荐理由"]))
    assert data["title"] == "关于开展评选的通知"
    assert [t for _, _, t, _ in _flat4(data["sections"])] == ["评选范围", "报送要求"]
    assert data["attachments"] == ["推荐汇总表（供各学校填报使用）", "2024年申报书", "承诺书"]
    rec = read_text_outline("\n".join(["通知", "一、事项", "正文。", "（此页无正文）", "某局", "2024年1月2日"]))
    assert rec.sections[0].body == ["正文。"] and rec.signature == "某局"


def test_covering_notice_with_the_issued_text_in_the_same_file():
    data = _outline_text("\n".join([
        "甲局  乙局", "关于印发《某某实施办法》", "的通知", "", "各单位：", "现将《某某实施办法》印发给你们，请遵照执行。",
        "", "附件：某某实施办法", "", "甲局        乙局", "2024年3月1日", "", "附件", "", "某某实施办法",
        "为做好工作，制定本办法。", "第一章 总则", "第一条 本办法适用于全县。"]))
    assert data["title"] == "甲局 乙局关于印发《某某实施办法》的通知"
    assert data["preamble"] == ["现将《某某实施办法》印发给你们，请遵照执行。"]
    assert data["attachments"] == ["某某实施办法"]
    assert [n for _, n, _, _ in _flat4(data["sections"])] == ["第一章", "第一条"]


def test_automatic_numbering_in_any_lvltext(tmp_path):
    d = new_document()
    set_numbering(d, numbering_xml(
        {0: [lvl_xml(0, "chineseCounting", "第%1章"), lvl_xml(1, "decimal", "%2）")],
         1: [lvl_xml(0, "decimal", "（%1）")]}, {1: (0, ""), 2: (1, "")}))
    add_para(d, "某某管理规定", align="center")
    add_para(d, "总则", num=(1, 0))
    add_para(d, "适用范围", num=(1, 1))
    add_para(d, "基本原则", num=(1, 1))
    add_para(d, "职责", num=(1, 0))
    add_para(d, "分工", num=(1, 1))
    add_para(d, "细目", num=(2, 0))
    path = tmp_path / "auto.docx"
    d.save(path)
    data = outline_json(path)
    assert [(lv, n, t, m) for lv, n, t, m in _flat4(data["sections"])] == [
        (1, "第一章", "总则", "第一章"), (2, "1", "适用范围", "1）"), (2, "2", "基本原则", "2）"),
        (1, "第二章", "职责", "第二章"), (2, "1", "分工", "1）"), (3, "1", "细目", "（1）")]
    typed = read_paragraphs(path)
    assert [(p.label, p.text) for p in typed[1:3]] == [("第一章", "总则"), ("1）", "适用范围")]
    assert [p.index for p in typed] == sorted(p.index for p in typed)


def test_custom_heading_style_named_like_a_heading_gets_its_level_from_its_numbers(tmp_path):
    from tests.reuse_docx import add_paragraph_style, set_style_id
    d = new_document()
    add_paragraph_style(d, "标题1", "标题1")
    add_paragraph_style(d, "标题3", "标题3")
    add_para(d, "工作总结", align="center")
    for text, sid in (("一、党建工作", "标题3"), ("（一）理论学习", "标题1"), ("二、教学工作", "标题3")):
        set_style_id(d, add_para(d, text), sid)
    path = tmp_path / "custom.docx"
    d.save(path)
    assert flatten(outline_json(path)["sections"]) == [(1, "一", "党建工作"), (2, "一", "理论学习"),
                                                       (1, "二", "教学工作")]


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b"")])
def test_text_files_in_every_encoding_and_a_doc_that_is_text(tmp_path, encoding, bom):
    text = "某某县教育局2024年工作计划\n\n一、总体要求\n坚持稳中求进。\n二、重点工作\n1.推进均衡发展。\n"
    for name in ("plan.txt", "plan.doc"):
        path = tmp_path / name
        path.write_bytes(bom + text.encode(encoding))
        data = outline_json(path)
        assert data["title"] == "某某县教育局2024年工作计划"
        assert flatten(data["sections"]) == [(1, "一", "总体要求"), (1, "二", "重点工作"), (3, "1", "推进均衡发展")]


def test_a_doc_that_is_a_web_page(tmp_path):
    html = ("<html><head><meta charset='utf-8'><title>页面</title><style>p{}</style></head><body>"
            "<p>关于做好工作的通知</p><p>各学校：</p><p>现通知如下：</p><p>一、提高认识</p>"
            "<p>（一）统一思想</p><p>二、加强领导</p></body></html>")
    path = tmp_path / "page.doc"
    path.write_text(html, encoding="utf-8")
    data = outline_json(path)
    assert data["title"] == "关于做好工作的通知" and data["preamble"] == ["现通知如下："]
    assert flatten(data["sections"]) == [(1, "一", "提高认识"), (2, "一", "统一思想"), (1, "二", "加强领导")]


def test_hard_wrapped_text_with_page_footers_joins_paragraphs():
    long = "这是一段很长的正文内容用来模拟固定宽度换行的效果文字"
    text = "\n".join(["工作计划", "一、总体要求", long[:26], long[:26], "— 1 —", "", long[:26], "结束了。",
                      long[:26], long[:26], "的一句话。", long[:26], "完。", "二、重点工作", "1. 推进改革。内容。"])
    rec = read_text_outline(text)
    assert [s.title for s in rec.sections] == ["总体要求", "重点工作"]
    assert len(rec.sections[0].body) == 3 and rec.sections[0].body[0].endswith("结束了。")


def test_binary_junk_and_pdf_are_refused_in_one_line(tmp_path):
    junk = tmp_path / "junk.doc"
    junk.write_bytes(bytes(range(256)) * 4)
    pdf = tmp_path / "scan.txt"
    pdf.write_bytes(b"%PDF-1.7 ...")
    for path in (junk, pdf):
        with pytest.raises(ImportDocumentError) as e:
            outline_json(path)
        assert str(path) in str(e.value) and "\n" not in str(e.value)


def test_numbering_as_written_is_kept_through_import_save_and_render(tmp_path):
    from desktop.errors import ProjectFileError
    from desktop.project_file import load, save
    from desktop.render import number_sections
    from desktop.reuse import import_document
    src = tmp_path / "办法.txt"
    src.write_text("\n".join([
        "某某县2024年教育经费管理办法", "第一章 总则", "第一条 为规范管理，制定本办法。", "第二条 本办法适用于全县。",
        "第二章 管理", "第三条 经费管理要求如下：", "1）专款专用；", "2）按月报告。"]), encoding="utf-8")
    doc = import_document(src, year=2025)
    styles = [(s.level, s.number_style) for s in doc.walk()] if hasattr(doc, "walk") else \
        [(s.level, s.number_style) for top in doc.sections for s in top.walk()]
    assert styles == [(1, "第{cn}章"), (2, "第{cn}条"), (2, "第{cn}条"), (1, "第{cn}章"), (2, "第{cn}条"),
                      (3, "{n}）"), (3, "{n}）")]
    numbers, paths = number_sections(doc)
    flat = [s for top in doc.sections for s in top.walk()]
    assert [numbers[s.id] for s in flat] == ["第一章\u3000", "第一条\u3000", "第二条\u3000", "第二章\u3000",
                                             "第三条\u3000", "1）", "2）"]  # articles run on
    path = tmp_path / "new.rdraft"
    save(doc, path)
    again = load(path)
    assert [s.number_style for top in again.sections for s in top.walk()] == [st for _, st in styles]
    from desktop.reuse import outline_json
    assert [(n, m) for _, n, _, m in _flat4(outline_json(path)["sections"])][:3] == [
        ("第一章", "第一章"), ("第一条", "第一条"), ("第二条", "第二条")]
    text = path.read_text(encoding="utf-8").replace('"number_style": "{n}）"', '"number_style": "{x}"', 1)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProjectFileError) as e:
        load(path)
    assert "number_style" in str(e.value)


def test_attachments_one_per_line_and_forms_after_the_date_are_not_chapters():
    rec = read_text_outline("\n".join([
        "关于开展评选的通知", "各学校：", "现将有关事项通知如下：", "一、评选范围", "全县中小学。", "二、报送要求",
        "请按时报送。", "附件1：推荐汇总表", "附件2：承诺书", "", "某某县教育局", "2024年7月1日", "",
        "附件1", "推荐汇总表", "一、学校名称", "二、推荐理由", "附件2：承诺书", "一、本单位承诺"]))
    assert [s.title for s in rec.sections] == ["评选范围", "报送要求"]
    assert rec.attachments == ["推荐汇总表", "承诺书"] and rec.date == "2024-07-01"
    assert rec.sections[-1].body == ["请按时报送。"]


def test_a_heading_style_used_for_body_text_is_not_a_heading(tmp_path):
    d = new_document()
    add_para(d, "某某县教育局工作总结", style="Heading 1", align="center")
    for text in ("一、主要工作", "今年全县教育工作稳步推进。", "各项任务全面完成。", "二、存在问题",
                 "短板依然存在", "经费投入不足。", "三、下步打算", "继续努力。"):
        add_para(d, text, style="Heading 2")
    path = tmp_path / "allstyled.docx"
    d.save(path)
    data = outline_json(path)
    assert data["title"] == "某某县教育局工作总结"
    assert flatten(data["sections"]) == [(1, "一", "主要工作"), (1, "二", "存在问题"), (1, "三", "下步打算")]
    assert data["sections"][1]["body"] == ["短板依然存在", "经费投入不足。"]


def test_an_issuer_alone_above_the_title_is_the_header_not_the_title():
    for issuers in ("某某县教育局", "某某县教育局  某某县财政局"):
        rec = read_text_outline("\n".join([issuers, "", "关于做好2024年招生工作的通知", "", "各学校：",
                                           "现通知如下：", "一、工作要求", "认真落实。"]))
        assert rec.title == "关于做好2024年招生工作的通知" and rec.header_text == issuers.replace("  ", " ")
        assert rec.preamble == ["现通知如下："]
    # without a gap the issuers' names begin the title (甲局 乙局关于…的通知)
    rec = read_text_outline("\n".join(["某某县教育局  某某县财政局", "关于做好招生工作的通知", "", "一、要求"]))
    assert rec.title == "某某县教育局 某某县财政局关于做好招生工作的通知"


def test_a_form_page_headed_by_attachment_colon_alone_is_cut():
    rec = read_text_outline("\n".join([
        "关于评选的通知", "一、范围", "全县。", "二、要求", "按时。", "某某县教育局", "2024年7月1日", "",
        "附件：", "申报表", "一、单位名称", "二、申报理由"]))
    assert [s.title for s in rec.sections] == ["范围", "要求"]


def test_a_doc_that_is_a_single_file_web_page(tmp_path):
    import base64
    html = ("<html><body><p class=MsoNormal>关于做好工作的通知</p><p>各学校：</p><p>一、提高认识</p>"
            "<p><![if !supportLists]>1.<![endif]>统一思想</p></body></html>")
    body = base64.b64encode(html.encode("gb18030")).decode()
    mht = ("MIME-Version: 1.0\nContent-Type: multipart/related; boundary=\"XX\"\n\n--XX\n"
           "Content-Type: text/html; charset=\"gb2312\"\nContent-Transfer-Encoding: base64\n\n"
           f"{body}\n--XX--\n")
    path = tmp_path / "saved.doc"
    path.write_text(mht, encoding="ascii")
    data = outline_json(path)
    assert data["title"] == "关于做好工作的通知"
    assert flatten(data["sections"]) == [(1, "一", "提高认识"), (3, "1", "统一思想")]


def test_a_page_saved_from_a_web_site_loses_its_furniture_and_repeated_title():
    rec = read_text_outline("\n".join([
        "网站导航 |设为首页 | 加入收藏 | 返回首页", "当前位置:首页 > 教育局文件",
        "某某县教育局关于印发《某某县教育局 2024年工作要点》的通知", "日期:2024-03-02 作者: 阅读次数:95", "",
        "某某县教育局关于印发《某某县教育局2024年工作要点》的通知", "", "各学校：",
        "现将《某某县教育局2024年工作要点》印发给你们，请认真贯彻落实。", "", "某某县教育局", "2024年3月1日", "",
        "某某县教育局2024年工作要点", "2024年全县教育工作总体要求是稳中求进。", "一、加强党建", "二、深化改革",
        "打印本页 关闭窗口"]))
    data = rec.to_json()
    assert data["title"] == "某某县教育局关于印发《某某县教育局 2024年工作要点》的通知"
    assert data["preamble"] == ["现将《某某县教育局2024年工作要点》印发给你们，请认真贯彻落实。"]
    assert rec.recipients == "各学校" and rec.title == "某某县教育局2024年工作要点"
    assert [s["title"] for s in data["sections"]] == ["加强党建", "深化改革"]
    assert all("打印" not in b for s in rec.sections for b in s.body)


def test_lists_inside_an_article_keep_their_numbers_as_written(tmp_path):
    """jscz-zscq.docx: 第九条's （一）（二）（三） are level 3 inside the 章/条
    structure, whose official form is 1. — they printed as 1. 2. 3."""
    from desktop.project_file import load, save
    from desktop.render import render
    from desktop.reuse import import_document
    src = tmp_path / "办法.txt"
    src.write_text("\n".join(["某某县教育经费管理办法", "第一章 总则", "第一条 县教育局主要职责：",
                              "（一）编制预算；", "（二）监督使用。", "1. 定期检查；", "第二条 本办法自发布之日起施行。"]),
                   encoding="utf-8")
    path = tmp_path / "new.rdraft"
    save(import_document(src, year=2027), path)
    text = render(load(path)).text()
    assert "（一）编制预算" in text and "（二）监督使用" in text and "1.定期检查" in text
    assert "1.编制预算" not in text
