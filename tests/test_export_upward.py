"""The 上行文 报告: 发文字号 left and 签发人 right on one line (GB/T 9704
7.2.4–7.2.5), and the indicators table attached as a real Word table.

XML checks on the built .docx, then LibreOffice's rendering of the
built-in example ``report-county`` and of a table long enough to span pages.
"""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from desktop import gbt9704 as fmt
from desktop.examples import load_example
from desktop.export_docx import build_docx, export_docx
from desktop.model import Figure
from desktop.office import convert_to_pdf
from tests.tooling import pdf_page_lines, require_tool

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
PT_PER_TWIP = 1 / 20
MARGIN_LEFT_PT = fmt.mm_to_pt(fmt.PAGE.left_mm)


def w(tag):
    return f"{{{W}}}{tag}"


def xml_of(data: bytes, part: str = "word/document.xml"):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read(part))


def x(el, path):
    return el.xpath(path, namespaces=NS)


def text(el) -> str:
    return "".join(x(el, ".//w:t/text()"))


def report(signers=("周正明",), figures: int | None = None):
    doc = load_example("report-county")
    doc.properties.signers = list(signers)
    if figures is not None:
        doc.figures = [Figure(f"第{i}项监测指标", "%", last=80 + i / 10, value=81 + i / 10,
                              target=82) for i in range(1, figures + 1)]
        doc.properties.table_figures = [f.name for f in doc.figures]
        for s in doc.walk():  # the text no longer names the example's figures
            s.body = re.sub(r"\{\{[^}]*\}\}", "若干", s.body)
    return doc


def issuer_paragraphs(body):
    return [p for p in x(body, "//w:body/w:p") if x(p, "w:pPr/w:pStyle[@w:val='FawenZihaoQianfaren']")]


# -- the header line ------------------------------------------------------------------------
def test_the_example_is_a_report_up_with_one_signer():
    doc = load_example("report-county")
    p = doc.properties
    assert p.doc_type == "报告" and p.signers and p.recipients == "县人民政府"
    data = build_docx(doc)
    body = xml_of(data)
    lines = issuer_paragraphs(body)
    assert len(lines) == 1
    runs = x(lines[0], "w:r")
    assert [text(r) for r in runs] == [p.doc_number, "", "签发人：", "周正明"]
    assert x(runs[1], "w:tab")
    fonts = [x(r, "w:rPr/w:rFonts/@w:eastAsia")[0] for r in runs]
    assert fonts[:3] == ["仿宋_GB2312"] * 3 and fonts[3] == "楷体_GB2312"  # 3号仿宋 / 3号楷体
    (style,) = x(xml_of(data, "word/styles.xml"), "w:style[@w:styleId='FawenZihaoQianfaren']")
    ind = x(style, "w:pPr/w:ind")[0]
    assert ind.get(w("left")) == "320" and ind.get(w("leftChars")) == "100"  # one character
    assert x(lines[0], "w:pPr/w:pBdr/w:bottom[@w:color='FF0000']")  # the red rule under it
    title = next(q for q in x(body, "//w:body/w:p") if "的报告" in text(q))
    assert "关于" in text(title)
    # the 附件说明 line names the table; 附注 under the date
    paras = [text(q) for q in x(body, "//w:body/w:p")]
    assert "附件：主要指标完成情况表" in paras
    assert paras.index("（联系人：陈晓燕，联系电话：0000-5551234）") == paras.index("2026年12月22日") + 1


def test_the_reader_takes_the_header_line_back(tmp_path):
    from desktop.reuse import read_outline
    out = export_docx(report(("张三", "李四", "王五")), tmp_path / "r.docx")
    rec = read_outline(out)
    assert (rec.doc_number, rec.signers) == ("青教报〔2026〕21号", ["张三", "李四", "王五"])
    assert rec.title.endswith("的报告") and rec.note.startswith("联系人：")
    assert rec.attachments == ["主要指标完成情况表"]
    paragraphs = [p for s in rec.walk() for p in s.body] + rec.closing
    assert "增减" not in paragraphs and "附件" not in paragraphs  # the attached table is not text
    assert rec.closing == ["特此报告。"]


def test_more_than_two_signers_wrap_two_a_line_number_on_the_last():
    body = xml_of(build_docx(report(("张三", "李四", "王五"))))
    lines = issuer_paragraphs(body)
    assert [text(p) for p in lines] == ["签发人：张三　李四", "青教报〔2026〕21号王五"]
    tabs = [[t.get(w("pos")) for t in x(p, "w:pPr/w:tabs/w:tab")] for p in lines]
    assert tabs[0] == tabs[1] and len(tabs[0]) == 2
    label_at, names_at = map(int, tabs[0])
    char = 320 - 5  # a 三号 character with the body's −0.25 pt spacing
    assert names_at - label_at == 4 * char  # 签发人：
    # the widest line of names ends one character from the right edge
    assert names_at + 5 * char == fmt.PAGE.text_width_twips - 320
    assert len(x(lines[1], "w:r/w:tab")) == 2  # names under the first line's names
    assert not x(lines[0], "w:pPr/w:pBdr") and x(lines[1], "w:pPr/w:pBdr/w:bottom")
    assert x(lines[1], "w:pPr/w:spacing[@w:before='0']")


# -- the table ------------------------------------------------------------------------------
def test_table_widths_header_style_and_alignment():
    data = build_docx(report())
    body = xml_of(data)
    styles = xml_of(data, "word/styles.xml")
    (tbl,) = x(body, "//w:tbl")
    grid = [int(v) for v in x(tbl, "w:tblGrid/w:gridCol/@w:w")]
    assert sum(grid) == fmt.PAGE.text_width_twips == int(x(tbl, "w:tblPr/w:tblW/@w:w")[0])
    assert x(tbl, "w:tblPr/w:tblW/@w:type") == ["dxa"]
    assert x(tbl, "w:tblPr/w:tblLayout/@w:type") == ["fixed"]
    rows = x(tbl, "w:tr")
    for tr in rows:
        assert [int(v) for v in x(tr, "w:tc/w:tcPr/w:tcW/@w:w")] == grid
        assert x(tr, "w:trPr/w:cantSplit")
    assert x(rows[0], "w:trPr/w:tblHeader") and not any(x(r, "w:trPr/w:tblHeader") for r in rows[1:])
    assert [text(tc) for tc in x(rows[0], "w:tc")] == ["指标", "单位", "上年", "本年", "目标", "增减"]
    first = [text(tc) for tc in x(rows[1], "w:tc")]
    assert first == ["学前三年毛入园率", "%", "93.2", "94.6", "95.5", "+1.4个百分点"]
    # its own table style; 黑体 header, 仿宋 cells, single spacing, numbers right-aligned
    assert x(tbl, "w:tblPr/w:tblStyle/@w:val") == ["ZhibiaoBiao"]
    (tstyle,) = x(styles, "w:style[@w:type='table'][@w:styleId='ZhibiaoBiao']")
    assert x(tstyle, "w:rPr/w:rFonts/@w:eastAsia") == ["仿宋_GB2312"]
    assert x(tstyle, "w:tblStylePr[@w:type='firstRow']/w:rPr/w:rFonts/@w:eastAsia") == ["黑体"]
    (cell_style,) = x(styles, "w:style[@w:styleId='ZhibiaoBiaoZhengwen']")
    assert x(cell_style, "w:pPr/w:spacing/@w:lineRule") == ["auto"]
    assert x(cell_style, "w:rPr/w:sz/@w:val") == ["28"]  # 四号
    head_cell = x(rows[0], "w:tc")[0]
    assert x(head_cell, ".//w:pStyle/@w:val") == ["ZhibiaoBiaoBiaotou"]
    assert x(head_cell, ".//w:rFonts/@w:eastAsia") == ["黑体"]
    jcs = [x(tc, ".//w:jc/@w:val")[0] for tc in x(rows[1], "w:tc")]
    assert jcs == ["left", "center", "right", "right", "right", "right"]
    # the attachment's own page: 附件 (黑体, flush left), its title, then the table
    paras = x(body, "//w:body/w:p")
    label = next(p for p in paras if text(p) == "附件")
    assert x(label, "w:pPr/w:pageBreakBefore") or x(label, "preceding-sibling::w:p[1]//w:br[@w:type='page']") \
        or x(label, "w:pPr/w:pStyle/@w:val") == ["FujianBiaoshi"]
    assert label.getnext() is not None and text(label.getnext()) == "主要指标完成情况表"
    assert label.getnext().getnext().tag == w("tbl")


# -- LibreOffice's rendering ----------------------------------------------------------------
def _tools():
    require_tool("soffice")
    require_tool("pdftotext")


def _bbox_lines(pdf: Path):
    return [[(ln.y0, ln.words) for ln in page] for page in pdf_page_lines(pdf)]


def _words_on_page(page):
    """(y, xMin, xMax, text) of every word."""
    return [(y, a, b, t) for y, words in page for a, b, t in words]


def _row(words, needle):
    y = next(y for y, _, _, t in words if needle in t)
    return [(a, b, t) for yy, a, b, t in words if abs(yy - y) < 3]


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory):
    _tools()
    folder = tmp_path_factory.mktemp("report")
    doc = report(("张三", "李四", "王五"))
    out = export_docx(doc, folder / "报告.docx")
    return convert_to_pdf(out, folder)


def test_libreoffice_number_left_signers_right_on_one_line(tmp_path):
    _tools()
    out = export_docx(load_example("report-county"), tmp_path / "report.docx")
    pdf = convert_to_pdf(out, tmp_path)
    words = _words_on_page(_bbox_lines(pdf)[0])
    row = _row(words, "签发人")
    joined = "".join(t for _, _, t in row)
    assert "青教报" in joined and "签发人" in joined and "周正明" in joined
    number_x = min(a for a, _, t in row if "青教报" in t)
    char_pt = 16 - 0.25
    assert abs(number_x - (MARGIN_LEFT_PT + char_pt)) < 3  # one character from the left
    right_edge = MARGIN_LEFT_PT + fmt.mm_to_pt(fmt.PAGE.text_width_mm)
    names_end = max(b for _, b, t in row if "周正明" in t)
    assert abs(right_edge - names_end - 16) < 4  # one character from the right
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "的报告" in text.replace(" ", "") and "县人民政府：" in text.replace(" ", "")


def test_libreoffice_three_signers_aligned(example_pdf):
    words = _words_on_page(_bbox_lines(example_pdf)[0])
    first = _row(words, "签发人")
    last = _row(words, "王五")
    assert any("青教报" in t for _, _, t in last)  # the number on the last line of names
    # pdftotext may keep "签发人：张三" as one word: CJK characters are equally wide
    a, b, t = next((a, b, t) for a, b, t in first if "张三" in t)
    x_first_name = a + (b - a) * t.index("张三") / len(t)
    x_wang = min(a for a, _, t in last if "王五" in t)
    assert abs(x_first_name - x_wang) < 1.5  # 回行时与上一行第一个姓名对齐


def test_libreoffice_long_table_repeats_its_header(tmp_path):
    _tools()
    doc = report(figures=60)
    out = export_docx(doc, tmp_path / "long.docx")
    pdf = convert_to_pdf(out, tmp_path)
    pages = _bbox_lines(pdf)
    with_rows = [i for i, page in enumerate(pages)
                 if any("监测指标" in t for _, words in page for _, _, t in words)]
    assert len(with_rows) >= 2, "the table spans pages"
    for i in with_rows:
        words = _words_on_page(pages[i])
        header = _row(words, "增减")
        assert [t for _, _, t in sorted(header)] == ["指标", "单位", "上年", "本年", "目标", "增减"]
    # every row is there, once
    rows = [t for i in with_rows for _, words in pages[i] for _, _, t in words if "监测指标" in t]
    assert len(rows) == 60
