"""New-document starter outlines (desktop/starter.py)."""

from __future__ import annotations

import pytest

from desktop.library import Library
from desktop.model import KINDS, fit_levels
from desktop.project_file import load, save
from desktop.render import render
from desktop.starter import FIGURE_CATALOG, new_document


@pytest.fixture(scope="module")
def library():
    return Library()


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_renders_without_errors(kind, library):
    doc = new_document(kind, 2026, "青山县教育局", "县教育局", library=library)
    out = render(doc)
    assert out.errors == [], [str(e.error) for e in out.errors]
    assert doc.properties.kind == kind
    assert doc.properties.signature == "青山县教育局"
    assert doc.properties.date.startswith("2026-")
    headings = [b for b in out.blocks if b.role.startswith("heading")]
    assert len(headings) >= 8
    assert out.blocks[0].role == "title" and out.blocks[0].text.startswith("青山县教育局2026年")


@pytest.mark.parametrize("kind", KINDS)
def test_renders_with_figures_filled(kind, library):
    doc = new_document(kind, 2027, "青山县教育局", library=library)
    for f in doc.figures:
        if not f.derived:
            f.last, f.value, f.target = 120.0, 150.0, 160.0
    out = render(doc)
    assert out.errors == []
    # summaries state this year's values, plans state the targets
    expected = "160" if kind in ("工作计划", "工作要点") else "150"
    assert expected in out.text()


@pytest.mark.parametrize("kind", KINDS)
def test_figures_table_holds_every_figure_the_sections_use(kind, library):
    doc = new_document(kind, 2026, "青山县教育局", library=library)
    names = {f.name for f in doc.figures}
    assert len(names) == len(doc.figures)
    for s in doc.walk():
        if s.template_id:
            assert set(library.get(s.template_id).figures) <= names
    for f in doc.figures:
        assert f.value is None and f.last is None
        assert f.unit == FIGURE_CATALOG[f.name][0]
    # a derived figure comes with its inputs
    if "本科达线率" in names:
        assert {"报考人数", "本科达线人数"} <= names
        assert doc.figure("本科达线率").formula


def test_outline_shapes(library):
    plan = new_document("工作计划", 2027, "青山县教育局", library=library)
    assert [s.title for s in plan.sections] == ["总体要求", "工作目标", "重点工作及措施"]
    assert all(c.level == 2 for c in plan.sections[2].children)
    assert len(plan.sections[2].children) >= 12

    points = new_document("工作要点", 2027, "青山县教育局", library=library)
    assert all(s.level == 1 for s in points.sections)
    assert points.properties.preamble.strip()

    both = new_document("总结及计划", 2026, "青山县教育局", library=library)
    titles = [t for t in (b.title for b in render(both).blocks if b.role == "heading1")]
    assert titles == ["2026年工作完成情况", "存在的问题", "2027年工作计划"]

    summary = new_document("年度工作总结", 2026, "青山县教育局", library=library)
    assert [s.template_id for s in summary.sections[1:]] == ["problems", "next-steps"]
    assert all(s.origin == "template" for s in summary.sections[0].children)


def test_levels_are_consistent(library):
    for kind in KINDS:
        doc = new_document(kind, 2026, "青山县教育局", library=library)
        before = [(s.id, s.level) for s in doc.walk()]
        fit_levels(doc)
        assert [(s.id, s.level) for s in doc.walk()] == before


def test_sections_follow_the_kind(library):
    summary = new_document("年度工作总结", 2026, "青山县教育局", library=library)
    for s in summary.walk():
        if s.template_id:
            assert "年度工作总结" in library.get(s.template_id).kinds
    plan = new_document("工作计划", 2026, "青山县教育局", library=library)
    for s in plan.walk():
        if s.template_id:
            assert "工作计划" in library.get(s.template_id).kinds


def test_no_repeated_paragraphs(library):
    for kind in KINDS:
        paras = [b.full_text for b in render(new_document(kind, 2026, "青山县教育局",
                                                         library=library)).blocks
                 if b.role == "body"]
        assert len(paras) == len(set(paras)), kind


def test_saves_and_loads(tmp_path, library):
    doc = new_document("总结及计划", 2026, "青山县教育局", "县教育局", library=library)
    path = tmp_path / "new.rdraft"
    save(doc, path)
    again = load(path)
    assert render(again).text() == render(doc).text()


def test_unknown_kind_is_refused(library):
    with pytest.raises(ValueError):
        new_document("会议纪要", 2026, "青山县教育局", library=library)


def test_missing_templates_are_skipped(tmp_path):
    empty = Library(user_dir=tmp_path / "u", builtin_dir=tmp_path / "none")
    doc = new_document("工作计划", 2026, "青山县教育局", library=empty)
    assert [s.title for s in doc.sections] == ["重点工作及措施"]
    assert doc.figures == []
    assert render(doc).errors == []
