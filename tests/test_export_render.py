"""The exported .docx laid out by LibreOffice: A4, 22 lines × 28 characters,
page numbers on the right sides, the 版记 at the foot of an even last page.

Measured on LibreOffice's PDF with poppler (``pdftotext -layout`` and
``-bbox-layout``).  Uses the plan example when it is there, otherwise a
long document built here.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from desktop import gbt9704 as fmt
from desktop.examples import example_names, load_example
from desktop.export_docx import export_docx
from desktop.linebreak import grid_width
from desktop.model import Document, Properties, Section, Settings
from desktop.office import convert_to_pdf
from tests.tooling import pdf_page_lines, require_tool

ROOT = Path(__file__).resolve().parents[1]
PT_PER_MM = 72 / 25.4

_PARAGRAPH = ("县教育局坚持以人民为中心的发展思想，围绕办好人民满意的教育目标，"
              "统筹推进学前教育普及普惠、义务教育优质均衡、高中阶段教育多样特色发展，"
              "持续深化教育领域综合改革，教育事业发展的质量和效益不断提升，"
              "人民群众对教育的获得感和满意度明显增强。")


def long_document(**settings) -> Document:
    doc = Document(properties=Properties(
        org="青石县教育局", title="青石县教育局2027年教育工作计划", recipients="各学校",
        signature="青石县教育局", date="2026-12-20", cc=["县委办公室", "县政府办公室"],
        printer="青石县教育局办公室", print_date="2026-12-21"),
        settings=Settings(**settings))
    for i in range(1, 7):
        doc.sections.append(Section(title=f"第{i}方面重点工作", level=1,
                                    body="\n".join([_PARAGRAPH] * 4)))
    return doc


def plan_document() -> Document:
    if "plan-county" in example_names():
        return load_example("plan-county")
    return long_document()


def tools():
    require_tool("soffice")
    require_tool("pdftotext")
    require_tool("pdfinfo")


def pdf_pages_layout(pdf: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                         text=True, check=True).stdout
    return out.split("\f")[:-1] if out.endswith("\f") else out.split("\f")


def pdf_lines_bbox(pdf: Path) -> list[list[tuple[float, float, float, float, str]]]:
    """Per page: (xMin, yMin, xMax, yMax, text) of each text line."""
    return [[(ln.x0, ln.y0, ln.x1, ln.y1, ln.text) for ln in page] for page in pdf_page_lines(pdf)]


def is_page_number(text: str) -> bool:
    return re.fullmatch(r"—\s*\d+\s*—", text.strip()) is not None


@pytest.fixture(scope="module")
def plan_pdf(tmp_path_factory):
    tools()
    folder = tmp_path_factory.mktemp("render")
    out = export_docx(plan_document(), folder / "plan.docx")
    return convert_to_pdf(out, folder)


def test_a4_pages(plan_pdf):
    info = subprocess.run(["pdfinfo", str(plan_pdf)], capture_output=True, text=True,
                          check=True).stdout
    m = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert abs(float(m.group(1)) - 210 * PT_PER_MM) < 1
    assert abs(float(m.group(2)) - 297 * PT_PER_MM) < 1
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) >= 3


def test_a_full_page_holds_22_lines(plan_pdf):
    pages = pdf_lines_bbox(plan_pdf)
    counts = [len([ln for ln in page if not is_page_number(ln[4])]) for page in pages]
    assert max(counts) == fmt.PAGE.lines, counts
    # the middle pages are full pages of text
    middle = counts[1:-2] or counts[1:-1]
    assert middle and all(c >= fmt.PAGE.lines - 1 for c in middle), counts
    # and the lines sit on the 28.95 pt grid
    page = pages[1]
    ys = [ln[1] for ln in page if not is_page_number(ln[4])]
    steps = [b - a for a, b in zip(ys, ys[1:])]
    assert all(abs(s - fmt.PAGE.line_pitch_pt) < 1.5 for s in steps), steps


def test_a_full_body_line_holds_28_characters(plan_pdf):
    widths = []
    for page in pdf_pages_layout(plan_pdf):
        for line in page.splitlines():
            text = line.replace(" ", "")
            if text and not is_page_number(text):
                # LibreOffice lets a closing punctuation mark hang in the margin
                widths.append(grid_width(text.rstrip("，。、；：！？”）")))
    assert max(widths) <= fmt.PAGE.chars, max(widths)
    full = [wd for wd in widths if wd >= fmt.PAGE.chars - 1]
    # most wrapped body lines are exactly 28 characters wide
    assert sum(1 for wd in full if wd == fmt.PAGE.chars) > len(full) / 2, full[:40]


def test_page_numbers_left_on_even_right_on_odd(plan_pdf):
    pages = pdf_lines_bbox(plan_pdf)
    left_edge = fmt.PAGE.left_mm * PT_PER_MM
    right_edge = (fmt.PAGE.width_mm - fmt.PAGE.right_mm) * PT_PER_MM
    one_char = fmt.SIZES["四号"]
    bottom = (fmt.PAGE.height_mm - fmt.PAGE.bottom_mm) * PT_PER_MM
    for n in (2, 3):
        nums = [ln for ln in pages[n - 1] if is_page_number(ln[4])]
        assert len(nums) == 1, pages[n - 1][-3:]
        x0, y0, x1, y1, text = nums[0]
        assert re.fullmatch(rf"—\s*{n}\s*—", text)
        if n % 2 == 0:
            assert abs(x0 - (left_edge + one_char)) < 4, x0
        else:
            assert abs(x1 - (right_edge - one_char)) < 4, x1
        # 7 mm below the text block (the dash's centre)
        assert abs((y0 + y1) / 2 - bottom - 7 * PT_PER_MM) < 3 * PT_PER_MM, (y0, y1)
    text = pdf_pages_layout(plan_pdf)
    assert re.search(r"—\s*2\s*—", text[1]) and re.search(r"—\s*3\s*—", text[2])


@pytest.mark.parametrize("paragraphs", [2, 12, 19, 40])
def test_imprint_at_the_foot_of_an_even_last_page(paragraphs, tmp_path):
    """Text ending on page 1, early on page 2, at the foot of page 2 (a blank
    page 3 is added) and further on."""
    tools()
    doc = long_document()
    doc.sections = doc.sections[:1]
    doc.sections[0].body = "\n".join([_PARAGRAPH[:60]] * paragraphs)
    pdf = convert_to_pdf(export_docx(doc, tmp_path / "imprint.docx"), tmp_path)
    pages = pdf_lines_bbox(pdf)
    assert len(pages) % 2 == 0
    last = [ln for ln in pages[-1] if not is_page_number(ln[4])]
    assert any(ln[4].startswith("抄送：") for ln in last)
    printer = [ln for ln in last if ln[4].endswith("印发")][-1]
    assert printer is last[-1] or last[-1][1] <= printer[1] + 1
    bottom = (fmt.PAGE.height_mm - fmt.PAGE.bottom_mm) * PT_PER_MM
    assert bottom - fmt.PAGE.line_pitch_pt <= printer[3] <= bottom, printer
    assert not any("印发" in ln[4] or "抄送" in ln[4] for page in pages[:-1] for ln in page)


def test_windows_profile_exports_and_renders(tmp_path):
    tools()
    doc = plan_document()
    doc.settings.font_profile = "windows"
    doc.settings.latin_font = "Times New Roman"
    pdf = convert_to_pdf(export_docx(doc, tmp_path / "win.docx"), tmp_path)
    text = "".join(pdf_pages_layout(pdf))
    assert "一、" in text
    pages = pdf_lines_bbox(pdf)
    assert len(pages) % 2 == 0 if doc.properties.cc or doc.properties.printer else True


def test_red_header_document_renders(tmp_path):
    tools()
    doc = long_document()
    doc.properties.red_header = True
    doc.properties.header_text = "青石县教育局文件"
    doc.properties.doc_number = "青教发〔2026〕12号"
    pdf = convert_to_pdf(export_docx(doc, tmp_path / "red.docx"), tmp_path)
    first = pdf_lines_bbox(pdf)[0]
    head = [ln for ln in first if ln[4] == "青石县教育局文件"][0]
    top = fmt.PAGE.top_mm * PT_PER_MM
    # its top about 35 mm below the text block's top, centred, inside the block
    assert abs(head[1] - top - 35 * PT_PER_MM) < 6 * PT_PER_MM, head
    centre = (fmt.PAGE.left_mm + fmt.PAGE.text_width_mm / 2) * PT_PER_MM
    assert abs((head[0] + head[2]) / 2 - centre) < 3
    assert head[2] - head[0] <= fmt.PAGE.text_width_mm * PT_PER_MM


def test_cli_export_with_pdf(tmp_path):
    tools()
    names = example_names()
    if not names:
        pytest.skip("no built-in examples yet")
    name = "plan-county" if "plan-county" in names else names[0]
    out = tmp_path / "导出.docx"
    proc = subprocess.run([sys.executable, "-m", "desktop", "export", "--example", name,
                           "-o", str(out), "--pdf"], capture_output=True, text=True, cwd=ROOT,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr
    pdf = out.with_suffix(".pdf")
    assert out.is_file() and pdf.is_file()
    assert "已导出" in proc.stdout
    text = "".join(pdf_pages_layout(pdf))
    assert "一、" in text
