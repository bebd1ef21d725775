"""Core of the Word/WPS habits: 查找替换, sections on the clipboard, pasted text."""

from __future__ import annotations

import pytest

from desktop import find_replace, paste, section_clipboard
from desktop.errors import ProjectFileError
from desktop.fields import Field, parse
from desktop.model import Document, Figure, Properties, Section
from desktop.render import render
from desktop.templating import base_context


def sample() -> Document:
    live = Section(title="学前教育", template_text="学前教育{% if true %}稳步发展{% endif %}，达到{{ fig.毛入园率 }}。",
                   level=2)
    return Document(properties=Properties(year=2026, preamble="今年全县教育稳步发展。",
                                          closing="稳步推进。"),
                    sections=[Section(title="稳步发展的一年", body="全县稳步发展{{ year }}年。",
                                      children=[live])],
                    figures=[Figure("毛入园率", unit="%", value=92.0)])


def test_find_all_in_titles_bodies_preamble_and_closing():
    doc = sample()
    found = find_replace.find_all(doc, "稳步", base_context(doc))
    keys = [(m.section_id, m.field) for m in found]
    sec, live = doc.sections[0], doc.sections[0].children[0]
    assert keys == [("@properties", "preamble"), (sec.id, "title"), (sec.id, "body"),
                    (live.id, "body"), ("@properties", "closing")]


def test_replace_all_keeps_fields_and_undoes():
    doc = sample()
    before = render(doc).text()
    changes = find_replace.plan_replace_all(doc, "稳步", "持续", base_context(doc))
    assert sum(c.count for c in changes) == 5
    find_replace.apply(doc, changes)
    sec, live = doc.sections[0], doc.sections[0].children[0]
    assert sec.body == "全县持续发展{{ year }}年。"
    assert parse(live.body) == ["学前教育持续发展，达到", Field(figure="毛入园率"), "。"]
    assert "稳步" not in render(doc).text() and "持续发展2026年" in render(doc).text()
    find_replace.apply(doc, changes, undo=True)
    assert render(doc).text() == before and live.body == ""


def test_replace_never_touches_a_field_name():
    doc = sample()
    changes = find_replace.plan_replace_all(doc, "year", "YEAR", base_context(doc))
    assert changes == []


def test_section_clipboard_round_trip_with_new_ids():
    doc = sample()
    text = section_clipboard.dumps(doc.sections)
    back = section_clipboard.loads(text)
    assert back[0].title == doc.sections[0].title
    assert back[0].children[0].template_text == doc.sections[0].children[0].template_text
    assert back[0].id != doc.sections[0].id and back[0].children[0].id != doc.sections[0].children[0].id


@pytest.mark.parametrize("text", ["", "{", "[]", '{"format": "x"}', '{"format": "report-drafter-sections", "sections": [{"level": "a"}]}'])
def test_bad_clipboard_is_refused(text):
    with pytest.raises(ProjectFileError):
        section_clipboard.loads(text)


def test_paste_joins_lines_broken_inside_a_sentence():
    text = "全县教育事业\r\n稳步发展，\n取得新成效。\n\n二是加强队伍建设。\n"
    assert paste.join_broken_lines(text) == "全县教育事业稳步发展，取得新成效。\n二是加强队伍建设。"


def test_paste_recognises_numbered_headings():
    text = ("总体情况良好。\n一、主要工作\n（一）学前教育\n新增学位\n1200个。\n"
            "（二）义务教育\n二、存在问题\n1.师资不足。教师缺口较大，结构性矛盾突出，需要持续加大补充力度，优化配置。")
    assert paste.has_headings(text)
    lead, sections = paste.split_sections(text)
    assert lead == "总体情况良好。"
    assert [s.title for s in sections] == ["主要工作", "存在问题"]
    assert [c.title for c in sections[0].children] == ["学前教育", "义务教育"]
    assert sections[0].children[0].body == "新增学位1200个。"
    item = sections[1].children[0]
    assert item.level == 3 and item.title == "师资不足" and item.run_in
    assert item.body.startswith("教师缺口较大")
