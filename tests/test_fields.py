"""Text with live fields (desktop.fields): parse, materialize, render, freeze,
and the project file keeping what a section needs to stay live."""

from __future__ import annotations

import os
import stat

import pytest

from desktop import fields, project_file
from desktop.fields import Field
from desktop.model import Document, Figure, Properties, ReviewNote, Section
from desktop.render import render
from desktop.starter import new_document
from desktop.templating import base_context


def doc_with(body: str = "", template_text: str = "", figures=None) -> Document:
    figs = figures if figures is not None else [
        Figure("新增学前学位数", unit="个", last=800, value=1200, target=1000),
        Figure("毛入园率", unit="%", last=90, value=92.5, target=92)]
    return Document(properties=Properties(year=2026, org="示范县教育局"),
                    sections=[Section(title="学前教育", body=body, template_text=template_text)], figures=figs)


def test_parse_and_serialize_round_trip():
    text = "全县新增学位{{ fig.新增学前学位数 }}，{{ fig.毛入园率.vs_last }}。{{ year }}年"
    runs = fields.parse(text)
    assert runs == ["全县新增学位", Field(figure="新增学前学位数"), "，",
                    Field(figure="毛入园率", attr="vs_last"), "。", Field(name="year"), "年"]
    assert fields.serialize(runs) == text


@pytest.mark.parametrize("source", ["{% if x %}a{% endif %}", "{{ fig.a|num }}", "{# c #}",
                                    "{{ org }}", "{{ fig.a.has_value }}", "{{ year + 1 }}"])
def test_template_code_is_not_field_text(source):
    assert fields.parse(source) is None
    assert not fields.is_field_text(source)


def test_org_names_are_fields():
    """A title's ``{{ org }}`` is a chip (机关名称), not template code; in a
    body it stays template code (written out once, as before)."""
    text = "{{ org }}{{ year }}年工作总结及{{ next_year }}年工作计划（{{ org_short }}）"
    assert fields.parse(text) is None and fields.parse("{{ kind }}", names=True) is None
    runs = fields.parse(text, names=True)
    assert runs == [Field(name="org"), Field(name="year"), "年工作总结及",
                    Field(name="next_year"), "年工作计划（", Field(name="org_short"), "）"]
    assert fields.serialize(runs) == text
    assert (Field(name="org").label, Field(name="org_short").label) == ("机关名称", "机关简称")
    context = {"org": "某某县教育局", "org_short": "县教育局", "year": 2026, "next_year": 2027}
    assert fields.render_runs(runs, context) == "某某县教育局2026年工作总结及2027年工作计划（县教育局）"
    assert fields.broken_text(Field(name="org")) == "〈机关名称〉"


def test_literal_braces_survive_as_text():
    runs = ["写作{{不是字段}}与{%也不是%}", Field(figure="x"), "末尾{"]
    stored = fields.serialize(runs)
    assert fields.parse(stored) == runs
    assert fields.parse(fields.literal("a{{b")) == ["a{{b"]
    # text ending in "{" before a field does not glue onto the field's braces
    glued = fields.serialize(["左{", Field(name="year")])
    assert fields.parse(glued) == ["左{", Field(name="year")]


def test_quoted_figure_names():
    f = Field(figure="2025年 投资")
    assert f.expr == 'fig["2025年 投资"]'
    assert fields.parse(f.source) == [f]


def test_materialize_decides_conditions_and_binds_figures_as_fields():
    doc = doc_with()
    source = ("{% if fig.新增学前学位数.has_value %}新增学位{{ fig.新增学前学位数 }}{% endif %}"
              "{% if fig.毛入园率.reached %}，毛入园率{{ fig.毛入园率.vs_target }}{% else %}未达标{% endif %}"
              "。{% set y = next_year %}{{ y }}年")
    text = fields.materialize(source, base_context(doc))
    assert "{%" not in text
    assert fields.parse(text) == ["新增学位", Field(figure="新增学前学位数"), "，毛入园率",
                                  Field(figure="毛入园率", attr="vs_target"), "。",
                                  Field(name="next_year"), "年"]


def test_fields_stay_live_when_a_figure_changes():
    doc = doc_with(body="新增学位{{ fig.新增学前学位数 }}，{{ fig.新增学前学位数.change }}。")
    assert render(doc).blocks_of(doc.sections[0].id)[1].text == "新增学位1200个，增长50%。"
    doc.figures[0].value = 960
    assert render(doc).blocks_of(doc.sections[0].id)[1].text == "新增学位960个，增长20%。"


def test_template_driven_section_renders_its_template_until_edited():
    s = Section(title="学前", template_text="{% if fig.毛入园率.has_value %}达到{{ fig.毛入园率 }}{% endif %}")
    doc = doc_with()
    doc.sections = [s]
    assert fields.is_live(s)
    assert render(doc).blocks_of(s.id)[1].text == "达到92.5%"
    shown = fields.editable_text(s, base_context(doc))
    assert fields.parse(shown) == ["达到", Field(figure="毛入园率")]
    s.body = shown + "，稳步提升。"  # the clerk's first edit
    assert not fields.is_live(s)
    doc.figures[1].value = 93
    assert render(doc).blocks_of(s.id)[1].text == "达到93%，稳步提升。"


def test_broken_field_prints_a_name_never_code():
    doc = doc_with(body="新增{{ fig.不存在 }}个。")
    out = render(doc)
    assert out.blocks_of(doc.sections[0].id)[1].text == "新增〈不存在〉个。"
    assert len(out.errors) == 1 and "不存在" in str(out.errors[0].error)


def test_failing_template_never_spills_source():
    doc = doc_with(template_text="正文{% if %}")
    out = render(doc)
    assert all("{%" not in b.full_text for b in out.blocks)
    assert out.errors


def test_a_template_that_starts_failing_keeps_its_last_good_text():
    s = Section(title="学前", template_text="新增学位{{ fig.新增学前学位数 }}，{% if true %}全面完成{% endif %}。")
    doc = doc_with()
    doc.sections = [s]
    memory: dict = {}  # the live render's, for this document
    good = render(doc, memory).blocks_of(s.id)[1].text
    assert good == "新增学位1200个，全面完成。"
    s.template_text = "新增学位{{ fig.新增学前学位数 }}{% if %}"  # a typo in the 模板源码 view
    out = render(doc, memory)
    assert out.blocks_of(s.id)[1].text == good  # the last good text, not the source
    assert out.errors and out.errors[0].section_id == s.id  # the error beside it
    # a render without that memory (another document, a headless export) has no text to show
    fresh = render(doc)
    assert fresh.blocks_of(s.id)[0].full_text == "一、学前"
    assert all("新增学位" not in b.full_text and "{%" not in b.full_text for b in fresh.blocks_of(s.id))
    assert fresh.errors and fresh.errors[0].section_id == s.id
    s.template_text = "新增学位{{ fig.新增学前学位数 }}，{% if true %}基本完成{% endif %}。"
    assert render(doc, memory).blocks_of(s.id)[1].text == "新增学位1200个，基本完成。"


def test_freeze_makes_plain_text():
    doc = doc_with(body="新增{{ fig.新增学前学位数 }}，{{ year }}年。")
    text = fields.freeze(doc.sections[0].body, base_context(doc))
    assert text == "新增1200个，2026年。"
    assert fields.freeze("{% if true %}是{{ fig.毛入园率 }}{% endif %}", base_context(doc)) == "是92.5%"


def test_labels_name_the_figure_and_what_of_it():
    assert Field(figure="毛入园率", attr="change").label == "毛入园率（较上年变化）"
    assert Field(name="year").label == "本年度"


def test_new_document_has_no_template_code_in_any_body():
    doc = new_document("年度工作总结", 2026, "示范县教育局")
    for s in doc.walk():
        assert fields.is_field_text(s.body), s.title
        assert fields.is_field_text(s.title), s.title
    live = [s for s in doc.walk() if fields.is_live(s)]
    assert live and all("{%" not in fields.editable_text(s, base_context(doc)) for s in live)


@pytest.mark.parametrize("kind", ["年度工作总结", "工作计划", "工作要点", "总结及计划"])
def test_new_document_opening_and_closing_are_field_text(kind):
    """The 开头导语 is what the clerk edits, finds and replaces: field text with
    the year live, never template code ({{ org_short }} written out)."""
    doc = new_document(kind, 2026, "示范县教育局", "县教育局")
    for text in (doc.properties.preamble, doc.properties.closing):
        assert fields.is_field_text(text) and "{%" not in text and "org_short" not in text
    if kind == "年度工作总结":
        assert Field(name="year") in (fields.parse(doc.properties.preamble) or [])
        assert "县教育局坚持" in fields.plain_text(doc.properties.preamble)


def test_schema_1_file_is_migrated(tmp_path):
    path = tmp_path / "old.rdraft"
    path.write_text('{"format": "report-drafter", "schema_version": 1, "sections": ['
                    '{"title": "{{ year }}年工作", "level": 1, '
                    '"body": "{% if true %}全年{{ year }}{% endif %}"}]}', encoding="utf-8")
    doc = project_file.load(path)
    s = doc.sections[0]
    assert s.body == "" and s.template_text == "{% if true %}全年{{ year }}{% endif %}"
    assert fields.is_live(s)
    assert render(doc).blocks_of(s.id)[1].text == "全年2026"


def test_source_and_notes_round_trip(tmp_path):
    doc = doc_with(body="a{{ year }}", template_text="{{ year }}")
    doc.review_notes = [ReviewNote("发文字号", "请填写文号", "X〔2027〕号", "done"),
                        ReviewNote("二/1 标题", "旧年份")]
    path = tmp_path / "x.rdraft"
    project_file.save(doc, path)
    back = project_file.load(path)
    assert back.sections[0].template_text == "{{ year }}" and back.sections[0].body == "a{{ year }}"
    assert back.review_notes == doc.review_notes


def test_bad_note_state_is_named(tmp_path):
    path = tmp_path / "bad.rdraft"
    path.write_text('{"schema_version": 2, "review_notes": [{"where": "a", "message": "b",'
                    ' "state": "maybe"}]}', encoding="utf-8")
    with pytest.raises(project_file.ProjectFileError) as e:
        project_file.load(path)
    assert "review_notes[0].state" in str(e.value)


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_saved_file_respects_umask(tmp_path):
    old = os.umask(0o002)
    try:
        path = tmp_path / "new.rdraft"
        project_file.save(doc_with(), path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o664
        os.chmod(path, 0o640)
        project_file.save(doc_with(), path)  # a replaced file keeps its mode
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
    finally:
        os.umask(old)


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_exported_file_respects_umask(tmp_path):
    from desktop.export_docx import export_docx
    old = os.umask(0o022)
    try:
        path = tmp_path / "out.docx"
        doc = new_document("工作要点", 2027, "示范县教育局")
        export_docx(doc, path)
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
    finally:
        os.umask(old)


def test_bold_runs_print_bold_and_export_as_bold_runs(tmp_path):
    import docx
    from desktop.export_docx import export_docx
    doc = doc_with(body="{#b#}一是{#/b#}加强党建，{#b#}二是{#/b#}新增{{ fig.新增学前学位数 }}。")
    runs = fields.parse(doc.sections[0].body)
    assert runs[0] == fields.Bold(True) and fields.serialize(runs) == doc.sections[0].body
    block = render(doc).blocks_of(doc.sections[0].id)[1]
    assert block.text == "一是加强党建，二是新增1200个。"
    assert block.bold == ((0, 2), (7, 9))
    assert fields.freeze(doc.sections[0].body, base_context(doc)).startswith("{#b#}一是{#/b#}")
    path = tmp_path / "b.docx"
    export_docx(doc, path)
    para = next(p for p in docx.Document(str(path)).paragraphs if p.text.startswith("一是"))
    assert [(r.text, bool(r.bold)) for r in para.runs] == [
        ("一是", True), ("加强党建，", False), ("二是", True), ("新增1200个。", False)]


def test_a_field_without_its_value_is_named_as_data_not_as_a_section():
    # the 校对 panel said 章节“新招聘教师人数（本年数值）”，第1行：… — a chip is neither
    doc = doc_with(body="全年新招聘教师{{ fig.教师 }}。")
    doc.figures = [Figure(name="教师", unit="人")]
    out = render(doc)
    message = str(out.errors[0].error)
    assert message == "数据“教师（本年数值）”：指标“教师”缺少本年数值"
    assert out.errors[0].error.detail == "指标“教师”缺少本年数值"
