"""SourceRef and paragraphs of a source field (desktop.source): what blocks,
findings and roll-forward notes point at."""

from __future__ import annotations

from desktop.examples import load_example
from desktop.model import Document, Properties, Section
from desktop.render import render
from desktop.source import (CLOSING, PREAMBLE, PROPERTIES, SourceRef, paragraph_span,
                            split_paragraphs)


def test_paragraph_span_finds_each_paragraph_in_the_source():
    text = "  第一段。\r\n\n\t第二段，有空格  \n第三段"
    paras = split_paragraphs(text)
    assert paras == ["第一段。", "第二段，有空格", "第三段"]
    for i, para in enumerate(paras):
        start, end = paragraph_span(text, i)
        assert text[start:end] == para
    assert paragraph_span(text, 3) is None and paragraph_span(text, -1) is None


def test_pseudo_sections_become_property_fields():
    assert SourceRef.of(PREAMBLE, "body", 2) == SourceRef(PROPERTIES, "preamble", 2)
    assert SourceRef.of(CLOSING, "body", 0) == SourceRef.prop("closing", 0)
    ref = SourceRef("abc", "body", 1).at(3, 5)
    assert ref.span == (3, 5) and ref.is_section and not ref.is_property


def test_every_block_points_at_the_text_it_shows():
    doc = load_example("summary-and-plan")
    doc.properties.preamble = "前言一。\n前言二。"
    doc.properties.closing = "结束语。"
    doc.properties.attachments = ["甲", "乙"]
    rendered = render(doc)
    for b in rendered.blocks:
        if b.role == "page_break":
            continue
        ref = b.ref
        if ref.is_property:
            value = getattr(doc.properties, ref.field)
            if isinstance(value, list):
                assert value[ref.paragraph if ref.paragraph >= 0 else 0].strip() in b.text
            elif ref.field in ("preamble", "closing", "notice_body"):
                start, end = paragraph_span(value, ref.paragraph)
                assert value[start:end] == b.text
            elif ref.field not in ("date", "title", "recipients", "cc", "printer"):
                assert value.strip() in b.text, (ref, b.text)
        else:
            section = doc.find(ref.section_id)
            if ref.field == "title":
                assert b.role.startswith("heading")
                if "{{" not in section.title:
                    assert section.title.strip() == b.title
            else:
                start, end = paragraph_span(section.body, ref.paragraph)
                # templates render: the source paragraph of a plain body is the text
                if "{{" not in section.body and "{%" not in section.body:
                    assert section.body[start:end] == b.text


def test_roll_forward_notes_point_into_the_new_document():
    from desktop.reuse.from_project import recovered_from_document
    from desktop.reuse.rollforward import start_from

    old = Document(properties=Properties(org="青石县教育局", year=2025, title="青石县教育局2025年工作计划",
                                         preamble="2025年是关键之年。", doc_number="青教发〔2025〕3号",
                                         date="2025-01-10"))
    old.sections = [Section(title="重点工作", body="第一段。\n到2025年底完成改造。")]
    result = start_from(recovered_from_document(old), 2026)
    refs = [n.ref for n in result.notes]
    assert SourceRef.prop("date") in refs and SourceRef.prop("preamble", 0) in refs
    section_notes = [n for n in result.notes if n.ref is not None and n.ref.is_section]
    assert section_notes
    for n in section_notes:
        section = result.document.find(n.ref.section_id)
        start, end = paragraph_span(section.body, n.ref.paragraph)
        assert n.excerpt[:4] in section.body[start:end] or "2025" in n.excerpt
