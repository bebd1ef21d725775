"""The layout model against LibreOffice: the page count ``report-drafter
pages`` prints (the headless estimate) is the number of pages LibreOffice
prints for the export, line for line; and the 版记 lands at the foot of an
even last page at every length, with a blank page before it only when the
last text page had no room — then neither page carries a number (GB/T 9704
7.4–7.5).

Each test converts its documents in one soffice run and reads the PDF with
poppler (``pdftotext -bbox-layout``).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from benchmarks.sample_documents import county_document
from desktop import gbt9704 as fmt
from desktop.examples import example_names, load_example
from desktop.export import export_docx
from desktop.layout import GridMeasurer, lay_out, measured_lines
from desktop.linebreak import HANGING
from desktop.model import Document, Properties, Section
from desktop.render import render
from tests.tooling import pdf_page_lines, require_tool

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow
PT_PER_MM = 72 / 25.4
BOTTOM = (fmt.PAGE.height_mm - fmt.PAGE.bottom_mm) * PT_PER_MM  # text block's foot, pt

_PARAGRAPH = ("县教育局坚持以人民为中心的发展思想，围绕办好人民满意的教育目标，统筹推进学前教育普及普惠、"
              "义务教育优质均衡、高中阶段教育多样特色发展，持续深化教育领域综合改革，"
              "2026年教育事业发展的质量和效益不断提升。")


def convert_all(docs: dict[str, Document], folder: Path) -> dict[str, Path]:
    """Export every document and convert them all in one LibreOffice run."""
    require_tool("soffice")
    require_tool("pdftotext")
    files = [str(export_docx(doc, folder / f"{name}.docx")) for name, doc in docs.items()]
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder.as_posix()}/lo-profile",
                    "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(folder),
                    *files], capture_output=True, timeout=900, stdin=subprocess.DEVNULL)
    pdfs = {name: folder / f"{name}.pdf" for name in docs}
    missing = [name for name, pdf in pdfs.items() if not pdf.exists()]
    assert not missing, f"LibreOffice did not convert {missing}"
    return pdfs


def pdf_lines(pdf: Path) -> list[list[tuple[float, float, str]]]:
    """Per page: (top, bottom, text) of each text line."""
    return [[(ln.y0, ln.y1, ln.text) for ln in page] for page in pdf_page_lines(pdf)]


def is_page_number(text: str) -> bool:
    return re.fullmatch(r"—\s*\d+\s*—", text.strip()) is not None


def model_pages(doc: Document) -> list[list[str]]:
    """The text lines of every page as the layout model sets them."""
    layout = lay_out(doc, render(doc))
    pages: list[list[str]] = [[] for _ in range(layout.text_pages)]
    for pb in layout.blocks:
        p = pb.placement
        lines = measured_lines(p, GridMeasurer(), doc.settings.font_profile)
        for piece in pb.pieces:
            pages[piece.page].extend(lines[piece.first:piece.first + piece.count])
    return pages


def _norm(text: str) -> str:
    # pdftotext drops a punctuation mark hanging in the margin
    return text.replace(" ", "").rstrip(HANGING)


def _page_text(lines: list[str]) -> str:
    """A page's text without spaces (tab stops, 　 padding) and the punctuation
    that may hang: what both layouts put on the page, in order."""
    text = "".join(lines)
    return "".join(ch for ch in text if not ch.isspace() and ch != "\u3000" and ch not in HANGING)


def documents_of_every_kind() -> dict[str, Document]:
    docs = {f"example-{name}": load_example(name) for name in example_names()}
    for pages in (2, 5, 9):
        docs[f"county-{pages}"] = county_document(pages)
    return docs


def test_pages_and_lines_agree_with_libreoffice(tmp_path):
    docs = documents_of_every_kind()
    pdfs = convert_all(docs, tmp_path)
    for name, doc in docs.items():
        printed = pdf_lines(pdfs[name])
        layout = lay_out(doc, render(doc))
        assert layout.pages == len(printed), name
        for n, (model, lines) in enumerate(zip(model_pages(doc), printed), start=1):
            got = [t for _, _, t in lines if not is_page_number(t)]
            want = [t for t in model if t.strip()]
            # the same text on every page, and (outside tables and tab stops) the same lines
            assert _page_text(got).startswith(_page_text(want)), f"{name}, page {n}"
            if len(got) == len(want):
                assert [_norm(t) for t in got] == [_norm(t) for t in want], f"{name}, page {n}"


def imprint_document(kind: str, items: int) -> Document:
    """A notice, summary or plan of ``items`` sections, with 抄送 and 印发."""
    props = Properties(
        org="青石县教育局", recipients="各乡镇中心学校", signature="青石县教育局",
        date="2026-12-20", cc=["县委办公室", "县人大常委会办公室", "县政府办公室"],
        printer="青石县教育局办公室", print_date="2026-12-21",
        title="青石县教育局2027年教育工作计划" if kind == "plan" else "青石县教育局2026年教育工作总结",
        as_notice=kind == "notice")
    doc = Document(properties=props)
    for c in range(1, 2 + (items - 1) // 6):
        chapter = Section(title=f"第{c}方面工作", level=1)
        for j in range(min(6, items - 6 * (c - 1))):
            k = 6 * (c - 1) + j
            chapter.children.append(Section(title=f"推进第{j + 1}项任务", level=2,
                                            body=_PARAGRAPH[:40 + (7 * k) % 60]))
        doc.sections.append(chapter)
    return doc


@pytest.mark.parametrize("kind", ["summary", "notice", "plan"])
def test_imprint_at_the_foot_of_an_even_last_page_at_every_length(kind, tmp_path):
    docs = {f"{kind}-{n}": imprint_document(kind, n) for n in range(1, 49, 2)}
    pdfs = convert_all(docs, tmp_path)
    blank_pages_seen = 0
    for name, doc in docs.items():
        layout = lay_out(doc, render(doc))
        pages = pdf_lines(pdfs[name])
        assert len(pages) == layout.pages and len(pages) % 2 == 0, name
        last = pages[-1]
        text = [t for _, _, t in last if not is_page_number(t)]
        assert any(t.startswith("抄送：") for t in text), name
        printer = [ln for ln in last if ln[2].endswith("印发")][-1]
        # its last line at the foot of the text block
        assert BOTTOM - fmt.PAGE.line_pitch_pt <= printer[1] <= BOTTOM + 1, (name, printer)
        for other in pages[:-1]:
            assert not any(t.startswith("抄送") or t.endswith("印发") for _, _, t in other), name
        numbers = [[t for _, _, t in page if is_page_number(t)] for page in pages]
        before = [t for _, _, t in pages[-2] if not is_page_number(t)] if len(pages) > 1 else [""]
        if not before:  # a blank page: only when the last text page had no room
            blank_pages_seen += 1
            assert not layout.imprint.numbered, name
            assert not numbers[-1] and not numbers[-2], (name, numbers[-2:])
            room = fmt.PAGE.text_height_twips - layout.used
            assert room < layout.imprint.height + fmt.PAGE.line_pitch_twips, name
        else:
            assert layout.imprint.numbered, name
            assert numbers[-1] and re.search(rf"\b{len(pages)}\b", numbers[-1][0]), name
    assert blank_pages_seen, "no length needed a blank page: widen the sweep"


_TABLE_ROW = re.compile(r"[+-]\d[\d.]*\s*(%|个百分点)?$|增减$")


def long_table_document(extra: int, name_chars: int = 0) -> Document:
    """report-county (its table ends the text), ``extra`` indicators longer;
    their names ``name_chars`` long (the column holds 9: longer ones wrap)."""
    from desktop.model import Figure
    doc = load_example("report-county")
    for i in range(extra):
        name = f"第{i + 1}项补充指标"
        if name_chars:
            name = ("义务教育学校标准化建设达标学校数量占比" * 2)[:name_chars - 2] + f"{i:02d}"
        doc.figures.append(Figure(name=name, unit="个", last=100 + i, value=110 + i,
                                  target=120 + i))
        doc.properties.table_figures.append(name)
    return doc


def test_a_long_table_and_the_imprint_after_it_agree_with_libreoffice(tmp_path):
    # rows per page (the header row printed again on a continuation page; rows of
    # names on two or three lines), the paragraph the export puts after a table
    # that ends the text, the 版记's page; 64: the table fills its last page, the
    # paragraph after it goes on to the next
    docs = {f"table-{n}": long_table_document(n) for n in (0, 21, 30, 33, 37, 64)}
    docs.update({f"names-{n}-{k}": long_table_document(n, k)
                 for n, k in ((20, 9), (20, 12), (20, 20), (40, 16))})
    pdfs = convert_all(docs, tmp_path)
    for name, doc in docs.items():
        layout = lay_out(doc, render(doc))
        printed = pdf_lines(pdfs[name])
        assert len(printed) == layout.pages, name
        table = next(pb for pb in layout.blocks if pb.placement.role == "annex_table")
        model = {p.page: p.count + (1 if p.header else 0) for p in table.pieces}
        rows = {n: k for n, page in enumerate(printed)
                if (k := sum(1 for _, _, t in page if _TABLE_ROW.search(t.strip())))}
        assert rows == model, name
        assert layout.imprint is not None
        imprint = [n for n, page in enumerate(printed) if any("抄送" in t for _, _, t in page)]
        assert imprint == [layout.imprint.page] == [layout.pages - 1], name


def articles_document(chapters: int) -> Document:
    """A 办法 as read from last year's file: chapters of title-only articles."""
    text = "县教育局会同县财政局按照职责分工做好专项资金的预算编制、分配下达和绩效管理工作"
    doc = Document(properties=Properties(org="青石县教育局", title="青石县教育专项资金管理办法",
                                         signature="青石县教育局", date="2026-12-20"))
    for c in range(chapters):
        doc.sections.append(Section(title=f"第{c + 1}章", level=1, children=[
            Section(title=f"第{c * 5 + k + 1}条　{text}", level=2) for k in range(5)]))
    return doc


def sign_off_document(lines: int, last: str = "全年各项工作扎实推进。") -> Document:
    """A summary of ``lines`` one-line paragraphs, ``last`` the last one."""
    doc = Document(properties=Properties(
        org="青石县教育局", title="青石县教育局2026年工作总结", signature="青石县教育局",
        date="2026-11-22", cc=["县委办公室"], printer="青石县教育局办公室"))
    doc.sections = [Section(title="工作", body="\n".join(["全年各项工作扎实推进。"] * lines + [last]))]
    return doc


def test_the_signature_stays_with_the_text_and_headings_do_not_chain(tmp_path):
    # the signature and date never on a page without text (a short last
    # paragraph goes on with them); a run of title-only headings does not
    # form one keep-with-next chain (LibreOffice left the title alone on page 1)
    docs = {f"sign-{n}": sign_off_document(n) for n in range(16, 23)}
    docs["sign-long"] = sign_off_document(17, "全年各项工作扎实推进，" * 8 + "成效明显。")
    docs.update({f"articles-{n}": articles_document(n) for n in (2, 5)})
    pdfs = convert_all(docs, tmp_path)
    for name, doc in docs.items():
        layout = lay_out(doc, render(doc))
        printed = pdf_lines(pdfs[name])
        assert len(printed) == layout.pages, name
        if name == "sign-long":  # a long last paragraph is not pushed on: the pages agree
            continue
        texts = [[t.strip() for _, _, t in page if not is_page_number(t)] for page in printed]
        date = next(n for n, page in enumerate(texts) if "2026年11月22日" in page
                    or "2026年12月20日" in page)
        others = [t for t in texts[date] if t not in ("青石县教育局", "2026年11月22日",
                                                      "2026年12月20日")]
        assert others, (name, texts[date])
        if name.startswith("articles"):
            assert any(t.endswith("第1章") for t in texts[0]), name


def test_a_heading_on_its_own_line_never_ends_a_printed_page(tmp_path):
    # 1.标题 on a line of its own goes to the next page with its text
    def doc(n: int) -> Document:
        d = sign_off_document(0)
        d.sections = [Section(title="工作", level=1, body="\n".join(["全年各项工作扎实推进。"] * n),
                              children=[Section(title="教师招聘", level=3,
                                                body="公开招聘教师148人。\n全部充实到乡村学校。")])]
        return d
    docs = {f"heading3-{n}": doc(n) for n in range(16, 22)}
    pdfs = convert_all(docs, tmp_path)
    for name, d in docs.items():
        printed = pdf_lines(pdfs[name])
        assert len(printed) == lay_out(d, render(d)).pages, name
        for page in printed:
            texts = [t.strip() for _, _, t in page if not is_page_number(t)]
            assert texts and not texts[-1].endswith("教师招聘"), (name, texts[-3:])
