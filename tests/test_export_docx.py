"""The exported .docx carries every number of the official format (gbt9704.md).

Checked on the XML of documents built here and of every built-in example.
Saving: a full disk or a target open in Word/WPS leaves the earlier .docx
byte-identical, with one clear Chinese message; the faults are simulated by
patching the os calls (``tests.tooling``) since the tests run as root here
and ``chmod`` cannot block a write.
"""

from __future__ import annotations

import errno
import os
import zipfile
from dataclasses import replace

import docx
import pytest
from lxml import etree

from desktop import gbt9704 as fmt
from desktop.errors import ExportError
from desktop.examples import example_names, load_example
from desktop.export_docx import build_docx, export_docx
from desktop.layout import red_header_size, signature_layout
from desktop.titles import title_lines
from desktop.linebreak import grid_width
from desktop.model import Document, Properties, Section, Settings
from desktop.render import render
from tests.tooling import disk_full_after, refuse_replace, temp_files

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def w(tag):
    return f"{{{W}}}{tag}"


def full_document(**props) -> Document:
    base = dict(
        org="青石县教育局", org_short="青教", title="{{ org }}{{ year }}年教育工作总结",
        recipients="各乡镇中心学校，县直各学校", red_header=True, header_text="青石县教育局文件",
        doc_number="青教发〔2026〕12号", attachments=["2026年主要指标完成情况表", "重点项目清单"],
        signature="青石县教育局", date="2026-11-22", note="此件公开发布",
        cc=["县委办公室", "县人大常委会办公室", "县政府办公室", "县政协办公室"],
        printer="青石县教育局办公室", print_date="2026-11-22",
        preamble="今年以来，全县教育系统坚持稳中求进工作总基调，各项工作取得新进展。")
    base.update(props)
    doc = Document(properties=Properties(**base))
    doc.sections = [
        Section(title="主要工作成效", level=1, body="全年各项工作扎实推进。", children=[
            Section(title="党建引领持续加强", level=2, body="坚持把党的政治建设摆在首位。", children=[
                Section(title="强化理论武装", level=3, run_in=True,
                        body="组织专题学习“第一议题”12次。\n开展集中培训3期。"),
                Section(title="夯实基层组织", level=3, body="新建党员活动室5个。", children=[
                    Section(title="规范组织生活", level=4, run_in=True, body="落实三会一课制度。"),
                ]),
            ]),
        ]),
        Section(title="存在的问题", level=1, body="优质资源总量仍然不足。"),
    ]
    return doc


def parts(data: bytes) -> dict[str, etree._Element]:
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as z:
        return {n: etree.fromstring(z.read(n)) for n in z.namelist()
                if n.endswith(".xml") or n.endswith(".rels")}


def style(styles, style_id):
    found = styles.xpath(f"//w:style[@w:styleId='{style_id}']", namespaces=NS)
    assert found, f"style {style_id} missing"
    return found[0]


def attr(el, path, name):
    found = el.xpath(path, namespaces=NS)
    assert found, f"{path} missing"
    return found[0].get(w(name))


def paragraphs_by_style(document, style_id):
    return document.xpath(f"//w:body/w:p[w:pPr/w:pStyle/@w:val='{style_id}']", namespaces=NS)


def ptext(p):
    return "".join(p.xpath(".//w:t/text()", namespaces=NS))


@pytest.fixture(scope="module")
def built():
    doc = full_document()
    return doc, parts(build_docx(doc))


# -- page -----------------------------------------------------------------------------------
def test_page_size_margins_and_grid(built):
    _, xml = built
    for sect in xml["word/document.xml"].iter(w("sectPr")):
        assert attr(sect, "w:pgSz", "w") == "11906" and attr(sect, "w:pgSz", "h") == "16838"
        assert sect.find(w("pgSz")).get(w("orient")) in (None, "portrait")
        mar = sect.find(w("pgMar"))
        # 37 / 35 / 28 / 26 mm
        assert [mar.get(w(k)) for k in ("top", "bottom", "left", "right")] == \
            ["2098", "1984", "1587", "1474"]
        grid = sect.find(w("docGrid"))
        assert grid.get(w("type")) == "lines" and grid.get(w("linePitch")) == "579"
        assert grid.get(w("charSpace")) is None
    assert fmt.PAGE.text_width_mm == 156 and fmt.PAGE.text_height_mm == 225
    # 22 lines of 579 twips fill the 225 mm block, 23 do not
    assert 22 * 579 <= fmt.PAGE.text_height_twips < 23 * 579


def test_28_characters_fit_the_line():
    body = fmt.FORMATS["body"]
    advance = body.size_pt + body.char_spacing_twips / 20
    assert 28 * advance <= fmt.PAGE.text_width_pt < 29 * advance
    assert 28 * body.size_pt > fmt.PAGE.text_width_pt  # why the −0.25 pt is needed


# -- fonts ------------------------------------------------------------------------------------
def test_doc_defaults_and_styles_name_east_asian_fonts(built):
    _, xml = built
    styles = xml["word/styles.xml"]
    rf = styles.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}/{w('rFonts')}")
    assert rf.get(w("eastAsia")) == "仿宋_GB2312" == rf.get(w("ascii")) == rf.get(w("hAnsi"))
    assert rf.get(w("hint")) == "eastAsia"
    assert attr(styles, "//w:docDefaults//w:sz", "val") == "32"
    assert attr(styles, "//w:docDefaults//w:pPr/w:spacing", "line") == "579"
    assert attr(styles, "//w:docDefaults//w:pPr/w:spacing", "lineRule") == "exact"
    expected = {"GongwenZhengwen": ("仿宋_GB2312", "32"), "GongwenBiaoti": ("方正小标宋简体", "44"),
                "YijiBiaoti": ("黑体", "32"), "ErjiBiaoti": ("楷体_GB2312", "32"),
                "SanjiBiaoti": ("仿宋_GB2312", "32"), "SijiBiaoti": ("仿宋_GB2312", "32"),
                "ZhusongJiguan": ("仿宋_GB2312", "32"), "Chaosong": ("仿宋_GB2312", "28"),
                "YinfaJiguan": ("仿宋_GB2312", "28"), "GongwenYema": ("宋体", "28"),
                "FawenJiguanBiaozhi": ("方正小标宋简体", "72"), "FawenZihao": ("仿宋_GB2312", "32")}
    for sid, (font, size) in expected.items():
        st = style(styles, sid)
        rf = st.find(f"{w('rPr')}/{w('rFonts')}")
        assert rf.get(w("eastAsia")) == font, sid
        assert rf.get(w("ascii")) == font and rf.get(w("hAnsi")) == font, sid
        assert rf.get(w("hint")) == "eastAsia", sid
        assert attr(st, "w:rPr/w:sz", "val") == size, sid
    names = {style(styles, sid).find(w("name")).get(w("val")) for sid in expected}
    assert {"公文正文", "公文标题", "一级标题", "二级标题", "三级标题", "四级标题"} <= names


def test_no_theme_fonts_anywhere(built):
    _, xml = built
    for name, root in xml.items():
        for rf in root.iter(w("rFonts")):
            for a in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
                assert rf.get(w(a)) is None, (name, a)
    assert "word/stylesWithEffects.xml" not in xml
    theme = xml.get("word/theme/theme1.xml")
    if theme is not None:
        a = "http://schemas.openxmlformats.org/drawingml/2006/main"
        assert {el.get("typeface") for el in theme.iter(f"{{{a}}}ea")} <= {"方正小标宋简体", "仿宋_GB2312"}


def test_the_font_table_lists_the_chinese_fonts_with_a_fallback():
    # Word and WPS read w:fontTable to stand in for a missing font: the base
    # template listed only Latin and Japanese fonts, and the theme language was
    # Japanese (ja-JP); now every font of the profile is there, GB2312, with
    # the name to use on a PC without it (仿宋_GB2312 → 仿宋)
    for key in fmt.FONT_PROFILES:
        doc = full_document()
        doc.settings.font_profile = key
        xml = parts(build_docx(doc))
        fonts = {f.get(w("name")): f for f in xml["word/fontTable.xml"].findall(w("font"))}
        for name in set(fmt.profile(key).fonts.values()):
            assert name in fonts, (key, name)
            assert attr(fonts[name], "w:charset", "val") == "86", (key, name)
        if key == "gb2312":
            assert attr(fonts["仿宋_GB2312"], "w:altName", "val") == "仿宋"
            assert attr(fonts["楷体_GB2312"], "w:altName", "val") == "楷体"
            assert attr(fonts["方正小标宋简体"], "w:altName", "val") == "宋体"
        assert attr(xml["word/settings.xml"], "w:themeFontLang", "eastAsia") == "zh-CN"


def test_rules_span_the_text_block():
    # a paragraph's top and bottom borders span its indents: the 版记's rules
    # and the red rule under a 上行文's 发文字号 sat one character in on each
    # side while GB/T 9704 draws them across the text block
    from desktop.examples import load_example
    for name in ("report-county", "keypoints-notice"):
        xml = parts(build_docx(load_example(name)))
        d, styles = xml["word/document.xml"], xml["word/styles.xml"]
        ruled = [p for p in d.iter(w("p"))
                 if p.find(f"{w('pPr')}/{w('pBdr')}") is not None]
        assert len(ruled) >= 3, name  # the red rule, the 版记's (at least two)
        for p in ruled:
            ind = p.find(f"{w('pPr')}/{w('ind')}")
            if ind is None:  # the style's
                sid = p.find(f"{w('pPr')}/{w('pStyle')}").get(w("val"))
                ind = style(styles, sid).find(f"{w('pPr')}/{w('ind')}")
            side = {k: int(ind.get(w(k), "0")) for k in ("left", "right", "hanging")}
            assert side == {"left": 0, "right": 0, "hanging": 0}, (name, ptext(p), side)
        printer = next(p for p in ruled if ptext(p).endswith("印发"))
        f = fmt.FORMATS["printer"]  # the organ still one character in
        assert attr(printer, "w:pPr/w:ind", "firstLine") == str(f.chars_to_twips(f.left_chars))
        cc = next(p for p in d.iter(w("p")) if ptext(p).startswith("抄送："))
        assert cc.find(f"{w('pPr')}/{w('pBdr')}") is None  # indented: its rules on others


def test_every_run_names_its_east_asian_font(built):
    _, xml = built
    for r in xml["word/document.xml"].iter(w("r")):
        rf = r.find(f"{w('rPr')}/{w('rFonts')}")
        assert rf is not None and rf.get(w("eastAsia")) and rf.get(w("hint")) == "eastAsia"


def test_windows_profile_and_latin_font():
    doc = full_document()
    doc.settings = Settings(font_profile="windows", latin_font="Times New Roman")
    xml = parts(build_docx(doc))
    styles = xml["word/styles.xml"]
    body = style(styles, "GongwenZhengwen").find(f"{w('rPr')}/{w('rFonts')}")
    assert body.get(w("eastAsia")) == "仿宋" and body.get(w("ascii")) == "Times New Roman"
    assert body.get(w("hAnsi")) == "Times New Roman"
    title = style(styles, "GongwenBiaoti")
    assert attr(title, "w:rPr/w:rFonts", "eastAsia") == "宋体"
    assert attr(title, "w:rPr/w:b", "val") == "1"
    assert attr(style(styles, "ErjiBiaoti"), "w:rPr/w:rFonts", "eastAsia") == "楷体"
    assert attr(style(styles, "YijiBiaoti"), "w:rPr/w:rFonts", "eastAsia") == "黑体"
    # the page number keeps 宋体 for its digits
    assert attr(style(styles, "GongwenYema"), "w:rPr/w:rFonts", "ascii") == "宋体"


def test_font_for_api():
    assert fmt.font_for("heading1").east_asia == "黑体"
    assert fmt.font_for("heading2", "windows").east_asia == "楷体"
    f = fmt.font_for("body", "gb2312", "Times New Roman")
    assert (f.east_asia, f.ascii, f.h_ansi) == ("仿宋_GB2312", "Times New Roman", "Times New Roman")
    assert fmt.font_for("title", "gb2312", "Times New Roman").ascii == "方正小标宋简体"
    assert set(fmt.FORMATS) == set(__import__("desktop.render", fromlist=["ROLES"]).ROLES)


# -- paragraphs ---------------------------------------------------------------------------------
def test_body_heading_and_title_paragraph_formats(built):
    _, xml = built
    styles = xml["word/styles.xml"]
    for sid in ("GongwenZhengwen", "YijiBiaoti", "ErjiBiaoti", "SanjiBiaoti", "SijiBiaoti"):
        st = style(styles, sid)
        assert attr(st, "w:pPr/w:jc", "val") == "both", sid
        assert attr(st, "w:pPr/w:ind", "firstLine") == "640", sid
        assert attr(st, "w:pPr/w:ind", "firstLineChars") == "200", sid
        assert attr(st, "w:pPr/w:spacing", "line") == "579", sid
        assert attr(st, "w:pPr/w:spacing", "lineRule") == "exact", sid
        assert attr(st, "w:pPr/w:spacing", "before") == "0", sid
        assert attr(st, "w:pPr/w:spacing", "after") == "0", sid
        assert attr(st, "w:rPr/w:spacing", "val") == "-5", sid
    assert attr(style(styles, "SanjiBiaoti"), "w:rPr/w:b", "val") == "1"
    levels = {sid: attr(style(styles, sid), "w:pPr/w:outlineLvl", "val")
              for sid in ("YijiBiaoti", "ErjiBiaoti", "SanjiBiaoti", "SijiBiaoti")}
    assert levels == {"YijiBiaoti": "0", "ErjiBiaoti": "1", "SanjiBiaoti": "2", "SijiBiaoti": "3"}
    for sid in ("GongwenBiaoti", "FawenJiguanBiaozhi", "FawenZihao"):
        st = style(styles, sid)
        assert attr(st, "w:pPr/w:jc", "val") == "center", sid
        assert attr(st, "w:pPr/w:snapToGrid", "val") == "0", sid
    assert attr(style(styles, "GongwenBiaoti"), "w:pPr/w:spacing", "after") == "579"


def test_closing_paragraphs_in_their_own_style_with_the_body_format():
    """The 结束语 paragraphs are in 公文结束语 (based on 公文正文, the same
    format), so a reader can tell them from the last section's body."""
    closing = ["全年工作任务重、要求高。", "各单位要按时报送完成情况。"]
    body_fmt, closing_fmt = fmt.FORMATS["body"], fmt.CLOSING
    assert closing_fmt.style == "公文结束语" and closing_fmt.style_id.isascii()
    assert closing_fmt.based_on == body_fmt.style_id
    assert replace(closing_fmt, style=body_fmt.style, style_id=body_fmt.style_id,
                   based_on=body_fmt.based_on) == body_fmt
    for settings in (Settings(), Settings(font_profile="windows", latin_font="Times New Roman")):
        doc = full_document(closing="\n".join(closing))
        doc.settings = settings
        xml = parts(build_docx(doc))
        d, styles = xml["word/document.xml"], xml["word/styles.xml"]
        sid = closing_fmt.style_id
        assert [ptext(p) for p in paragraphs_by_style(d, sid)] == closing
        body_texts = [ptext(p) for p in paragraphs_by_style(d, body_fmt.style_id)]
        assert not set(closing) & set(body_texts)
        assert "优质资源总量仍然不足。" in body_texts  # the last section's body stays body
        # right after the last section, before the attachments
        texts = [ptext(p) for p in d.find(w("body")).iter(w("p"))]
        k = texts.index(closing[0])
        assert texts[k - 1] == "优质资源总量仍然不足。" and texts[k + 1] == closing[1]
        assert texts[k + 2].startswith("附件：")
        st, body_st = style(styles, sid), style(styles, body_fmt.style_id)
        assert st.get(w("type")) == "paragraph"
        assert st.find(w("name")).get(w("val")) == "公文结束语"
        assert st.find(w("basedOn")).get(w("val")) == body_fmt.style_id
        for tag in ("pPr", "rPr"):  # the body's format, element for element
            assert etree.tostring(st.find(w(tag))) == etree.tostring(body_st.find(w(tag))), tag
        assert attr(st, "w:pPr/w:ind", "firstLineChars") == "200"
        assert attr(st, "w:pPr/w:spacing", "line") == "579"
        assert attr(st, "w:rPr/w:sz", "val") == "32"
        # the paragraphs carry nothing but the style (the last one kept with the
        # 附件说明 and the signature); their runs the body's fonts
        kept = paragraphs_by_style(d, sid)
        for p in kept:
            assert [c.tag for c in p.find(w("pPr"))] == [w("pStyle")] + (
                [w("keepNext")] if p is kept[-1] else [])
            run_fonts = p.find(f"{w('r')}/{w('rPr')}/{w('rFonts')}")
            assert run_fonts.get(w("eastAsia")) == fmt.font_for("body", settings.font_profile).east_asia
            assert run_fonts.get(w("ascii")) == fmt.font_for(
                "body", settings.font_profile, settings.latin_font).ascii
    # without a closing the style is still defined (the reader then guesses nothing)
    d = parts(build_docx(full_document()))
    assert not paragraphs_by_style(d["word/document.xml"], closing_fmt.style_id)
    style(d["word/styles.xml"], closing_fmt.style_id)


def test_text_is_the_rendered_text_with_numbers(built):
    doc, xml = built
    body = xml["word/document.xml"].find(w("body"))
    texts = [ptext(p) for p in body.iter(w("p")) if ptext(p)]
    rendered = [b.full_text for b in render(doc).blocks if b.role not in ("page_break", "printer")]
    rendered = [t for t in rendered if t]
    assert [t for t in texts if not t.startswith("青石县教育局办公室")] == rendered
    assert "一、主要工作成效" in texts and "（一）党建引领持续加强" in texts
    assert "1.强化理论武装。组织专题学习“第一议题”12次。" in texts
    # no Word automatic numbering
    assert not xml["word/document.xml"].xpath("//w:numPr", namespaces=NS)


def test_run_in_heading_bold_title_then_plain_body(built):
    _, xml = built
    doc_xml = xml["word/document.xml"]
    p = [p for p in paragraphs_by_style(doc_xml, "SanjiBiaoti") if ptext(p).startswith("1.")][0]
    runs = p.findall(w("r"))
    assert ptext(runs[0]) == "1.强化理论武装。"
    assert runs[0].find(f"{w('rPr')}/{w('b')}") is None  # bold from the style
    assert ptext(runs[1]) == "组织专题学习“第一议题”12次。"
    assert runs[1].find(f"{w('rPr')}/{w('b')}").get(w("val")) == "0"


def test_signature_date_attachment_and_note_placement(built):
    _, xml = built
    d = xml["word/document.xml"]
    sig = paragraphs_by_style(d, "FawenJiguanShuming")[0]
    date = paragraphs_by_style(d, "ChengwenRiqi")[0]
    assert ptext(sig) == "青石县教育局" and ptext(date) == "2026年11月22日"
    assert attr(style(xml["word/styles.xml"], "FawenJiguanShuming"), "w:pPr/w:jc", "val") == "right"
    assert attr(style(xml["word/styles.xml"], "FawenJiguanShuming"), "w:pPr/w:spacing",
                "before") == "579"
    # signature 6 chars, date 7 chars wide: the date ends 2 chars from the edge and
    # starts 2 chars right of the signature: signature right indent 7 + 4 − 6 = 5
    assert attr(sig, "w:pPr/w:ind", "right") == str(5 * 320)
    assert attr(date, "w:pPr/w:ind", "right") == str(2 * 320)
    atts = paragraphs_by_style(d, "FujianShuoming")
    assert [ptext(p) for p in atts] == ["附件：1.2026年主要指标完成情况表", "2.重点项目清单"]
    assert attr(atts[0], "w:pPr/w:spacing", "before") == "579"  # one line below the body
    # "附件：" starts 2 chars in; names align after "1."
    assert attr(atts[0], "w:pPr/w:ind", "left") == str(6 * 320)
    assert attr(atts[0], "w:pPr/w:ind", "hanging") == str(4 * 320)
    assert attr(atts[1], "w:pPr/w:ind", "hanging") == str(1 * 320)
    note = paragraphs_by_style(d, "Fuzhu")[0]
    assert ptext(note) == "（此件公开发布）"


def test_signature_layout_rules():
    # a long signature: signature 2 chars from the right, date starts 2 chars in from it
    assert signature_layout("青石县人民政府教育督导委员会办公室", "2026年11月22日") == (2.0, 10.0)
    # a date longer than the signature: the date ends 2 chars from the right
    assert signature_layout("教育局", "2026年11月22日") == (8.0, 2.0)


def test_red_header_number_and_separator(built):
    _, xml = built
    d = xml["word/document.xml"]
    head = paragraphs_by_style(d, "FawenJiguanBiaozhi")[0]
    assert ptext(head) == "青石县教育局文件"
    assert attr(head, "w:r/w:rPr/w:color", "val") == "FF0000"
    assert attr(head, "w:r/w:rPr/w:rFonts", "eastAsia") == "方正小标宋简体"
    size = int(attr(head, "w:r/w:rPr/w:sz", "val")) / 2
    assert size * grid_width("青石县教育局文件") <= fmt.PAGE.text_width_pt
    assert attr(head, "w:pPr/w:spacing", "before") == str(fmt.mm_to_twips(35))
    number = paragraphs_by_style(d, "FawenZihao")[0]
    assert ptext(number) == "青教发〔2026〕12号"
    assert attr(number, "w:pPr/w:pBdr/w:bottom", "color") == "FF0000"
    assert attr(number, "w:pPr/w:pBdr/w:bottom", "val") == "single"
    title = paragraphs_by_style(d, "GongwenBiaoti")[0]
    assert attr(title, "w:pPr/w:spacing", "before") == str(2 * 579)  # two lines below


def test_red_header_never_wider_than_the_text_block():
    for name in ("教育局文件", "青石县人民政府教育督导委员会办公室文件",
                 "某某省某某市某某县人民政府教育督导委员会办公室关于某事项的文件"):
        size = red_header_size(name)
        assert size * grid_width(name) <= fmt.PAGE.text_width_pt
        assert size <= fmt.SIZES["小初"]
    assert red_header_size("教育局文件") == fmt.SIZES["小初"]


def test_no_red_header_without_the_property():
    xml = parts(build_docx(full_document(red_header=False)))
    d = xml["word/document.xml"]
    assert not paragraphs_by_style(d, "FawenJiguanBiaozhi")
    assert not d.xpath("//w:color[@w:val='FF0000']", namespaces=NS)
    title = paragraphs_by_style(d, "GongwenBiaoti")[0]
    assert title.find(f"{w('pPr')}/{w('spacing')}") is None  # first on the page


def test_imprint_between_rules_at_the_foot(built):
    _, xml = built
    d = xml["word/document.xml"]
    cc = paragraphs_by_style(d, "Chaosong")[0]
    pr = paragraphs_by_style(d, "YinfaJiguan")[0]
    assert ptext(cc) == "抄送：县委办公室，县人大常委会办公室，县政府办公室，县政协办公室。"
    assert ptext(pr) == "青石县教育局办公室2026年11月22日印发"
    assert pr.xpath(".//w:tab", namespaces=NS), "organ and date split by a right tab"
    # the rules on paragraphs without indents (test_rules_span_the_text_block):
    # thick on the spacer above the 抄送, thin and thick around the 印发 line
    spacer = cc.getprevious()
    assert attr(spacer, "w:pPr/w:pBdr/w:bottom", "sz") == "8"  # thick
    assert attr(pr, "w:pPr/w:pBdr/w:top", "sz") == "6"  # thin
    assert attr(pr, "w:pPr/w:pBdr/w:bottom", "sz") == "8"  # thick
    styles = xml["word/styles.xml"]
    assert attr(style(styles, "Chaosong"), "w:pPr/w:ind", "left") == str(4 * 280)
    assert attr(style(styles, "Chaosong"), "w:pPr/w:ind", "hanging") == str(3 * 280)
    assert attr(style(styles, "Chaosong"), "w:pPr/w:ind", "right") == str(280)
    assert attr(style(styles, "YinfaJiguan"), "w:pPr/w:ind", "left") == str(280)
    # the 版记 ends the document, never inside a text box or frame
    body_ps = d.find(w("body")).findall(w("p"))
    assert body_ps[-1] is pr
    assert not d.xpath("//w:txbxContent|//w:framePr|//w:pict|//w:drawing", namespaces=NS)


def test_page_numbers_are_complete_fields_odd_right_even_left(built):
    _, xml = built
    settings = xml["word/settings.xml"]
    assert settings.find(w("evenAndOddHeaders")) is not None
    d = xml["word/document.xml"]
    rels = {r.get("Id"): r.get("Target") for r in xml["word/_rels/document.xml.rels"]}
    sect = d.find(f"{w('body')}/{w('sectPr')}")
    refs = {ref.get(w("type")): rels[ref.get(
        "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")]
        for ref in sect.findall(w("footerReference"))}
    assert set(refs) >= {"default", "even"}
    for kind, jc, side in (("default", "right", "right"), ("even", "left", "left")):
        footer = xml[f"word/{refs[kind]}"]
        p = footer.find(w("p"))
        assert attr(p, "w:pPr/w:jc", "val") == jc
        assert attr(p, "w:pPr/w:ind", side) == "280"  # one 四号 character
        assert attr(p, "w:pPr/w:pStyle", "val") == "GongwenYema"
        seq = []
        for r in p.findall(w("r")):
            fc = r.find(w("fldChar"))
            if fc is not None:
                seq.append(fc.get(w("fldCharType")))
            elif r.find(w("instrText")) is not None:
                seq.append("instr:" + r.find(w("instrText")).text.strip())
            else:
                seq.append("text:" + ptext(r))
        assert seq == ["text:— ", "begin", "instr:PAGE", "separate",
                       "text:" + ("1" if kind == "default" else "2"), "end", "text: —"]
        for r in p.findall(w("r")):
            assert attr(r, "w:rPr/w:rFonts", "eastAsia") == "宋体"


def test_page_break_and_notice_page():
    doc = full_document(as_notice=True, red_header=False)
    xml = parts(build_docx(doc))
    d = xml["word/document.xml"]
    titles = paragraphs_by_style(d, "GongwenBiaoti")
    assert ptext(titles[0]) == "青石县教育局关于印发《青石县教育局2026年教育工作总结》的通知"
    assert ptext(titles[1]) == "青石县教育局2026年教育工作总结"
    assert titles[1].find(f"{w('pPr')}/{w('pageBreakBefore')}") is not None
    assert titles[0].find(f"{w('pPr')}/{w('pageBreakBefore')}") is None


def test_refuses_a_document_with_template_errors(tmp_path):
    doc = full_document()
    doc.sections[1].body = "问题有{{ 未定义的指标 | 不存在的过滤器 }}"
    out = tmp_path / "x.docx"
    with pytest.raises(ExportError) as e:
        export_docx(doc, out)
    assert "存在的问题" in str(e.value) or "二" in str(e.value)
    assert "无法导出" in str(e.value) and str(out) in str(e.value)
    assert not out.exists()


# -- saving ---------------------------------------------------------------------------------------
def test_export_writes_a_docx_that_python_docx_reads(tmp_path):
    out = export_docx(full_document(), tmp_path / "总结.docx")
    d = docx.Document(str(out))
    assert any(p.text == "一、主要工作成效" for p in d.paragraphs)
    assert d.sections[0].page_width == fmt.mm_to_twips(210) * 635  # EMU
    assert not list(tmp_path.glob(".*.tmp"))


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ExportError) as e:
        export_docx(full_document(), tmp_path / "没有这个文件夹" / "a.docx")
    assert "文件夹不存在" in str(e.value) and "a.docx" in str(e.value)


def test_directory_target_is_a_clear_error(tmp_path):
    with pytest.raises(ExportError) as e:
        export_docx(full_document(), tmp_path)
    assert "文件夹" in str(e.value)


def test_locked_target_keeps_the_old_file(tmp_path, monkeypatch):
    out = tmp_path / "a.docx"
    out.write_bytes(b"old contents")

    def locked(src, dst):  # what Windows does while Word holds the file open
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError) as e:
        export_docx(full_document(), out)
    assert "Word/WPS" in str(e.value) and "原文件未改动" in str(e.value)
    assert out.read_bytes() == b"old contents"
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_folder_is_a_clear_error(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    (folder / "a.docx").write_bytes(b"old")
    folder.chmod(0o500)
    try:
        with pytest.raises(ExportError):
            export_docx(full_document(), folder / "a.docx")
        assert (folder / "a.docx").read_bytes() == b"old"
    finally:
        folder.chmod(0o700)


@pytest.fixture
def exported(tmp_path):
    doc = load_example("plan-county")
    out = tmp_path / "计划.docx"
    export_docx(doc, out)
    return doc, out, out.read_bytes()


def test_export_disk_full_midway_keeps_earlier_docx(exported, monkeypatch):
    doc, out, data = exported
    doc.sections[0].title = "磁盘满"
    disk_full_after(monkeypatch, room=4096)
    with pytest.raises(ExportError) as info:
        export_docx(doc, out)
    assert "磁盘空间不足" in str(info.value) and "原文件未改动" in str(info.value)
    assert out.read_bytes() == data
    assert temp_files(out.parent) == []


def test_export_onto_a_file_open_in_word(exported, monkeypatch):
    doc, out, data = exported
    refuse_replace(monkeypatch, out)
    with pytest.raises(ExportError) as info:
        export_docx(doc, out)
    assert "Word/WPS" in str(info.value) and "原文件未改动" in str(info.value)
    assert out.read_bytes() == data
    assert temp_files(out.parent) == []


# -- every built-in example ------------------------------------------------------------------------------
@pytest.mark.parametrize("name", example_names())
def test_every_example_exports_in_format(name, tmp_path):
    doc = load_example(name)
    out = export_docx(doc, tmp_path / f"{name}.docx")
    xml = parts(out.read_bytes())
    d = xml["word/document.xml"]
    sect = d.find(f"{w('body')}/{w('sectPr')}")
    assert attr(sect, "w:pgSz", "w") == "11906" and attr(sect, "w:docGrid", "linePitch") == "579"
    assert xml["word/settings.xml"].find(w("evenAndOddHeaders")) is not None
    for root in xml.values():
        for rf in root.iter(w("rFonts")):
            assert not any(rf.get(w(a)) for a in ("asciiTheme", "eastAsiaTheme", "hAnsiTheme"))
    rendered = render(doc)
    texts = [ptext(p) for p in d.find(w("body")).iter(w("p"))]
    for b in rendered.blocks:
        if b.role not in ("page_break", "printer", "issuer", "annex_table") and b.full_text:
            assert b.full_text in texts, b.full_text
        elif b.role == "issuer":  # tab-separated: 发文字号 ⇥ 签发人：names
            assert f"{b.text}{b.number}{b.title}" in texts
        elif b.role == "annex_table":  # every cell in the table
            cells = ["".join(tc.xpath(".//w:t/text()", namespaces=NS)) for tc in d.iter(w("tc"))]
            assert [c for row in b.cells for c in row] == cells
    profile = fmt.profile(doc.settings.font_profile)
    body_style = style(xml["word/styles.xml"], "GongwenZhengwen")
    assert attr(body_style, "w:rPr/w:rFonts", "eastAsia") == profile.fonts["body"]


def test_long_titles_break_at_word_boundaries_in_a_trapezoid():
    lines = title_lines("青山县教育局关于印发《青山县教育局2026年教育工作要点》的通知")
    # 20 characters of 二号 fill the line exactly; the proportional digits of
    # "2026" then push "知" onto a line of its own in LibreOffice, so a title
    # line keeps one character of margin
    assert lines == ["青山县教育局关于印发《青山县教育局", "2026年教育工作要点》的通知"]
    assert title_lines("青山县教育局2027年教育工作计划") == ["青山县教育局2027年教育工作计划"]
    for title in ("青石县人民政府教育督导委员会办公室2026年教育督导工作总结及2027年工作计划",
                  "一" * 70):
        lines = title_lines(title)
        assert "".join(lines) == title and len(lines) >= 2
        assert all(grid_width(t) <= 19 for t in lines)
        assert not any(t[0] in "，。、》）" for t in lines)
    doc = full_document(title="青山县教育局关于印发《青山县教育局2026年教育工作要点》的通知",
                        red_header=False)
    d = parts(build_docx(doc))["word/document.xml"]
    title = paragraphs_by_style(d, "GongwenBiaoti")[0]
    assert len(title.xpath(".//w:br", namespaces=NS)) == 1


def test_export_of_an_example_imports_neither_python_docx_nor_jinja2(tmp_path):
    """The package is written with zipfile + lxml and plain {{ field }}
    sections render without Jinja2: neither is loaded on the way (start-up
    cost, issue 10 point 5); the file still reads back with python-docx."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    import docx

    root = Path(__file__).resolve().parents[1]
    out = tmp_path / "plan.docx"
    code = ("import sys; from desktop.cli import main; "
            "rc = main(sys.argv[1:]); print(sorted({m.split('.')[0] for m in sys.modules} "
            "& {'docx', 'jinja2'})); sys.exit(rc)")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(root)] + sys.path),
               REPORT_DRAFTER_HOME=str(tmp_path / "home"))
    proc = subprocess.run([sys.executable, "-c", code, "export", "--example", "plan-county",
                           "-o", str(out)], capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]", proc.stdout
    d = docx.Document(str(out))
    assert d.settings.odd_and_even_pages_header_footer
    assert d.core_properties.language == "zh-CN"
    assert len(d.paragraphs) > 50
    assert d.sections[0].footer.paragraphs[0].text.startswith("—")


def test_export_writes_a_given_render_and_a_pdf_error_is_not_fatal(tmp_path, monkeypatch):
    import desktop.export.document as built
    from desktop import office
    from desktop.export import export

    doc = full_document()
    rendered = render(doc)
    monkeypatch.setattr(built, "render", lambda d: pytest.fail("rendered again"))

    def no_office(*a, **k):
        raise ExportError("未安装 LibreOffice（soffice），无法转换")

    monkeypatch.setattr(office, "convert_to_pdf", no_office)
    steps = []
    result = export(doc, tmp_path / "a.docx", pdf=True, rendered=rendered, progress=steps.append)
    assert result.docx.exists() and result.pdf is None and "LibreOffice" in result.pdf_error
    assert steps[0].startswith("正在生成 Word") and "PDF" in steps[-1]


def test_base_package_is_made_by_its_tool_and_holds_no_unused_parts():
    """resources/export/base.docx is python-docx's template slimmed by
    tools/make_base_docx.py, reproducibly: no stylesWithEffects, no
    thumbnail, only the default and list styles."""
    import subprocess
    import sys
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    run = subprocess.run([sys.executable, str(root / "tools" / "make_base_docx.py"), "--check"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stdout + run.stderr
    with zipfile.ZipFile(root / "resources" / "export" / "base.docx") as z:
        names = set(z.namelist())
        styles = etree.fromstring(z.read("word/styles.xml"))
    assert not names & {"word/stylesWithEffects.xml", "docProps/thumbnail.jpeg"}
    ids = {s.get(w("styleId")) for s in styles.iter(w("style"))}
    assert {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"} <= ids and len(ids) < 15
    assert styles.find(w("latentStyles")) is not None  # Word/WPS still list every built-in style


@pytest.mark.parametrize("name", example_names())
def test_every_style_an_export_names_is_defined(name, tmp_path):
    """With the slim base, every pStyle/rStyle/tblStyle and every basedOn/
    next/link names a style the styles part defines (Word drops the
    formatting of a paragraph whose style is missing)."""
    target = tmp_path / "out.docx"
    export_docx(load_example(name), target)
    xml = parts(target.read_bytes())
    defined = {s.get(w("styleId")) for s in xml["word/styles.xml"].iter(w("style"))}
    named = {(part, e.get(w("val"))) for part, root in xml.items()
             for tag in ("pStyle", "rStyle", "tblStyle", "basedOn", "next", "link")
             for e in root.iter(w(tag))}
    assert named and {(part, sid) for part, sid in named if sid not in defined} == set()
