"""Round trip: a project's outline (.rdraft, rendered) equals the outline
read back from its exported .docx — for every built-in example and for a
document built here that uses every level, run-in items, a notice wrapper,
a red header and the 版记."""

from __future__ import annotations

import pytest

from desktop.examples import example_names, example_path, load_example
from desktop.model import Document, Properties, Section, Settings
from desktop.project_file import save
from desktop.reuse import outline_json, read_outline
from tests.reuse_docx import flatten


def built_document(as_notice: bool = False, mode: str = "per_chapter") -> Document:
    p = Properties(kind="工作计划", year=2025, org="某某县教育局", org_short="某教",
                   title="{{ org }}{{ year }}年工作计划", recipients="各学校",
                   red_header=True, header_text="某某县教育局文件", doc_number="某教发〔2025〕3号",
                   preamble="2025年，全县教育工作的总体思路是稳中求进。\n坚持以人民为中心。",
                   closing="让我们团结一心，奋力开创教育工作新局面。",
                   signature="某某县教育局", date="2025-01-10", cc=["县委办公室", "县政府办公室"],
                   printer="某某县教育局办公室", print_date="2025-01-10", as_notice=as_notice,
                   attachments=["重点任务分解表"] if as_notice else [])
    s = [
        Section(title="总体要求", level=1, body="坚持立德树人，办好人民满意的教育。"),
        Section(title="工作目标", level=1, children=[
            Section(title="达到的水平性指标", level=3, body="学前三年入园率达到94%。"),
            Section(title="完成的重点任务", level=3, body="创建省标准化学校12所。"),
        ]),
        Section(title="重点工作及措施", level=1, children=[
            Section(title="推进均衡发展", level=2, body="推进城乡一体化。", children=[
                Section(title="完善规划布局", level=3, run_in=True,
                        body="科学制定规划，加快学校建设。\n第二段说明文字。"),
                Section(title="改善办学条件", level=3, run_in=True, body="完成塑胶跑道改造。",
                        children=[Section(title="第一项细则", level=4, body="细则内容。"),
                                  Section(title="第二项细则", level=4)]),
            ]),
            Section(title="提高教育质量", level=2, children=[
                Section(title="深化课程改革", level=3, run_in=True, body="推进课堂教学改革。"),
            ]),
        ]),
    ]
    return Document(properties=p, sections=s, settings=Settings(numbering_mode=mode))


def test_rdraft_outline_uses_rendered_numbers(tmp_path):
    path = tmp_path / "plan.rdraft"
    save(built_document(), path)
    data = outline_json(path)
    assert data["title"] == "某某县教育局2025年工作计划"
    assert data["preamble"] == ["2025年，全县教育工作的总体思路是稳中求进。", "坚持以人民为中心。"]
    assert data["closing"] == ["让我们团结一心，奋力开创教育工作新局面。"]
    assert flatten(data["sections"]) == [
        (1, "一", "总体要求"), (1, "二", "工作目标"), (3, "1", "达到的水平性指标"),
        (3, "2", "完成的重点任务"), (1, "三", "重点工作及措施"), (2, "一", "推进均衡发展"),
        (3, "1", "完善规划布局"), (3, "2", "改善办学条件"), (4, "1", "第一项细则"),
        (4, "2", "第二项细则"), (2, "二", "提高教育质量"), (3, "3", "深化课程改革")]
    item = data["sections"][2]["children"][0]["children"][0]
    assert item["body"] == ["科学制定规划，加快学校建设。", "第二段说明文字。"]


def _same_outline(docx_path, rdraft_path):
    got, want = outline_json(docx_path), outline_json(rdraft_path)
    assert got["title"] == want["title"]
    assert flatten(got["sections"]) == flatten(want["sections"])
    assert got["sections"] == want["sections"]
    assert got["preamble"] == want["preamble"]
    assert got["closing"] == want["closing"]


@pytest.mark.parametrize("as_notice", [False, True])
@pytest.mark.parametrize("mode", ["per_parent", "per_chapter", "continuous"])
def test_built_document_round_trip(tmp_path, as_notice, mode):
    export = pytest.importorskip("desktop.export_docx")
    doc = built_document(as_notice, mode)
    rdraft = tmp_path / "plan.rdraft"
    save(doc, rdraft)
    out = tmp_path / "plan.docx"
    export.export_docx(doc, out)
    _same_outline(out, rdraft)
    rec = read_outline(out)
    _equivalent_mode(doc, rec.numbering_mode)
    assert rec.signature == "某某县教育局" and rec.date == "2025-01-10"
    assert rec.header_text == "某某县教育局文件" and rec.doc_number == "某教发〔2025〕3号"
    assert rec.as_notice == as_notice
    assert rec.cc == ["县委办公室", "县政府办公室"]
    assert rec.printer == "某某县教育局办公室"


@pytest.mark.parametrize("name", example_names())
def test_example_round_trip(tmp_path, name):
    export = pytest.importorskip("desktop.export_docx")
    doc = load_example(name)
    out = tmp_path / f"{name}.docx"
    export.export_docx(doc, out)
    _same_outline(out, example_path(name))
    _equivalent_mode(doc, read_outline(out).numbering_mode)


def _equivalent_mode(doc: Document, detected: str) -> None:
    """The detected level-3 numbering mode numbers the document as its own
    mode does (several modes agree when level-3 items sit in one chapter)."""
    import copy
    from desktop.render import number_sections
    other = copy.deepcopy(doc)
    other.settings.numbering_mode = detected
    assert number_sections(other) == number_sections(doc)


def _mini_export(doc: Document, path) -> None:
    """A stand-in exporter writing the rendered blocks plainly (centred title,
    right-aligned signature, page break after a notice) — checks the reader
    against the render's text independently of the real exporter's styling."""
    from docx.enum.text import WD_BREAK
    from desktop.render import render
    from tests.reuse_docx import add_para, new_document
    d = new_document()
    for b in render(doc).blocks:
        if b.role == "page_break":
            d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            continue
        align = {"red_header": "center", "doc_number": "center", "title": "center",
                 "notice_title": "center", "signature": "right", "date": "right",
                 "notice_signature": "right", "notice_date": "right"}.get(b.role)
        text = b.full_text
        if b.role == "printer":
            text = f"{b.text}\t{b.title}"
        add_para(d, text, align=align)
    d.save(path)


@pytest.mark.parametrize("as_notice", [False, True])
@pytest.mark.parametrize("mode", ["per_parent", "per_chapter", "continuous"])
def test_rendered_text_round_trip(tmp_path, as_notice, mode):
    doc = built_document(as_notice, mode)
    rdraft = tmp_path / "plan.rdraft"
    save(doc, rdraft)
    out = tmp_path / "plan.docx"
    _mini_export(doc, out)
    _same_outline(out, rdraft)
    rec = read_outline(out)
    _equivalent_mode(doc, rec.numbering_mode)
    assert rec.signature == "某某县教育局" and rec.date == "2025-01-10"
    assert rec.header_text == "某某县教育局文件" and rec.doc_number == "某教发〔2025〕3号"
    assert rec.as_notice == as_notice
    assert rec.cc == ["县委办公室", "县政府办公室"]
    assert rec.printer == "某某县教育局办公室"
    if as_notice:
        assert rec.attachments == ["重点任务分解表"]


@pytest.mark.parametrize("mode", ["plan_to_plan", "plan_to_summary", "summary_and_plan"])
@pytest.mark.parametrize("name", example_names())
def test_examples_start_next_year_in_every_mode(tmp_path, name, mode):
    """Each example, as last year's project and as its exported .docx, starts
    a next-year document that renders without errors and keeps every heading."""
    from desktop.reuse import import_with_notes
    from desktop.render import render
    doc = load_example(name)
    sources = [example_path(name)]
    try:
        from desktop.export_docx import export_docx
        export_docx(doc, tmp_path / f"{name}.docx")
        sources.append(tmp_path / f"{name}.docx")
    except ImportError:
        pass
    for src in sources:
        result = import_with_notes(src, doc.properties.year + 1, mode)
        new = result.document
        assert render(new).errors == []
        assert new.properties.year == doc.properties.year + 1
        save(new, tmp_path / "new.rdraft")
        if mode == "plan_to_plan":
            assert len(list(new.walk())) == len(list(doc.walk()))
            assert all(f.value is None for f in new.figures)


# -- the closing (结束语) is read back by its style, not by its phrases --------------------
PLAIN_CLOSING = "全年工作任务重、要求高。\n各单位要按时报送完成情况。"  # no closing phrase


def _last_item(rec):
    item = rec.sections[-1]
    while item.children:
        item = item.children[-1]
    return item


@pytest.mark.parametrize("as_notice", [False, True])
def test_plain_closing_round_trips_by_its_style(tmp_path, as_notice):
    """Closing paragraphs that read like ordinary body text come back as the
    closing, not as the last item's body: the exporter marks them by style."""
    export = pytest.importorskip("desktop.export_docx")
    doc = built_document(as_notice)
    doc.properties.closing = PLAIN_CLOSING
    rdraft = tmp_path / "plan.rdraft"
    save(doc, rdraft)
    out = tmp_path / "plan.docx"
    export.export_docx(doc, out)
    _same_outline(out, rdraft)
    rec = read_outline(out)
    assert rec.closing == ["全年工作任务重、要求高。", "各单位要按时报送完成情况。"]
    assert _last_item(rec).body == ["推进课堂教学改革。"]
    assert rec.signature == "某某县教育局" and rec.date == "2025-01-10"
    # the same text without the style (a document written by others) is not
    # recognised by its phrases: it stays in the last item
    plain = tmp_path / "plain.docx"
    _mini_export(doc, plain)
    rec = read_outline(plain)
    assert rec.closing == []
    assert _last_item(rec).body[-2:] == ["全年工作任务重、要求高。", "各单位要按时报送完成情况。"]


def test_no_closing_is_not_guessed_in_an_exported_document(tmp_path):
    """An exported document without a closing keeps a last paragraph that
    starts like one (今后……) in its last item; a document written by
    others still has it guessed from the phrase."""
    export = pytest.importorskip("desktop.export_docx")
    doc = built_document()
    doc.properties.closing = ""
    last = doc.sections[-1].children[-1].children[-1]
    last.body += "\n今后，我们将继续深化课堂教学改革。"
    rdraft = tmp_path / "plan.rdraft"
    save(doc, rdraft)
    out = tmp_path / "plan.docx"
    export.export_docx(doc, out)
    _same_outline(out, rdraft)
    assert read_outline(out).closing == []
    plain = tmp_path / "plain.docx"
    _mini_export(doc, plain)
    assert read_outline(plain).closing == ["今后，我们将继续深化课堂教学改革。"]


def test_closing_is_text_never_a_heading_or_the_signature(tmp_path):
    """A closing line that starts like a number stays text, and a short
    closing line right above a date without a signature is no signature."""
    export = pytest.importorskip("desktop.export_docx")
    doc = built_document()
    doc.properties.closing = "1.请于1月20日前报送落实情况。\n特此报告"
    doc.properties.signature = ""
    rdraft = tmp_path / "plan.rdraft"
    save(doc, rdraft)
    out = tmp_path / "plan.docx"
    export.export_docx(doc, out)
    _same_outline(out, rdraft)
    rec = read_outline(out)
    assert rec.closing == ["1.请于1月20日前报送落实情况。", "特此报告"]
    assert rec.signature == "" and rec.date == "2025-01-10"


def test_closing_style_found_by_name_when_its_id_was_renumbered(tmp_path):
    """WPS and LibreOffice keep a custom style's name but may renumber its
    id ("Style20"): the closing is still found, by the name 公文结束语."""
    import zipfile
    from desktop import gbt9704
    export = pytest.importorskip("desktop.export_docx")
    doc = built_document()
    doc.properties.closing = PLAIN_CLOSING
    rdraft = tmp_path / "plan.rdraft"
    save(doc, rdraft)
    data = export.build_docx(doc)
    out = tmp_path / "renamed.docx"
    old = gbt9704.CLOSING.style_id.encode()
    with zipfile.ZipFile(__import__("io").BytesIO(data)) as zin, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            blob = zin.read(item.filename)
            if item.filename in ("word/styles.xml", "word/document.xml"):
                assert old in blob
                blob = blob.replace(b'"' + old + b'"', b'"Style20"')
            zout.writestr(item, blob)
    _same_outline(out, rdraft)
    assert read_outline(out).closing == ["全年工作任务重、要求高。", "各单位要按时报送完成情况。"]


def test_para_carries_the_resolved_style_id(tmp_path):
    """Para.style: the paragraph's style id, the default paragraph style
    when it names none or one the document does not define."""
    import docx
    from desktop.reuse.wordxml import ParagraphReader
    from tests.reuse_docx import add_para, new_document
    d = new_document()
    add_para(d, "标题一", style="Heading 1")
    add_para(d, "正文")
    p = add_para(d, "未定义样式")
    p._p.get_or_add_pPr().get_or_add_pStyle().set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val", "NoSuchStyle")
    path = tmp_path / "styles.docx"
    d.save(path)
    paras = ParagraphReader(docx.Document(path)).paragraphs()
    assert [(x.text, x.style) for x in paras] == [
        ("标题一", "Heading1"), ("正文", "Normal"), ("未定义样式", "Normal")]
