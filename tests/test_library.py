"""The built-in section template library (desktop/templates/*.j2)."""

from __future__ import annotations

import re

import pytest

from desktop.library import Library, load_folder, parse_template
from desktop.model import KINDS, Document, Figure, Properties, Section
from desktop.paths import BUILTIN_TEMPLATES
from desktop.render import render
from desktop.starter import FIGURE_CATALOG
from desktop.templating import template_figures

REQUIRED_KEYS = ("id", "title", "category", "kinds", "figures", "version")
REQUIRED_CATEGORIES = ("总体要求", "工作目标", "党建", "德育", "学前教育", "义务教育",
                       "普通高中", "职业教育", "教师队伍", "教育信息化", "安全稳定",
                       "学生资助", "民办教育", "教育督导", "体卫艺", "基础设施",
                       "语言文字", "教育改革", "存在问题", "下一步打算")
STALE = ("十三五", "十四五", "十九大", "十九届", "XX", "××", "某某")
HALF_WIDTH = re.compile(r"[\u4e00-\u9fff“”][,.;:!?()]|[,;:!?()][\u4e00-\u9fff]")

FILES = sorted(BUILTIN_TEMPLATES.glob("*.j2"))
BUILTIN = Library(user_dir=BUILTIN_TEMPLATES / "__none__", builtin_dir=BUILTIN_TEMPLATES)
TEMPLATES = BUILTIN.all()


def _front_keys(text: str) -> set[str]:
    head = re.match(r"\A\{#-?\n(.*?)\n-?#\}", text, re.S)
    assert head, "front matter must open the file"
    return {line.split(":", 1)[0].strip() for line in head.group(1).splitlines() if ":" in line}


def _doc(t, figures: list[Figure], kind: str, level: int = 2) -> Document:
    props = Properties(kind=kind, year=2026, org="青山县教育局", org_short="县教育局",
                       title="{{ org }}{{ year }}年工作总结")
    parent = Section(title="主要工作", level=1, children=[t.make_section(level)])
    return Document(properties=props, sections=[parent], figures=figures)


def _filled(t) -> list[Figure]:
    """Every declared figure with last year, this year and a target; the
    inputs of a derived figure are added too."""
    figures, names = [], list(t.figures)
    for name in list(names):
        formula = FIGURE_CATALOG[name][2]
        if formula:
            names += [n for n in re.findall(r"[^\W\d]\w*", formula) if n not in names]
    for i, name in enumerate(names):
        unit, category, formula = FIGURE_CATALOG[name]
        if formula:
            figures.append(Figure(name, unit, category, formula=formula, target=65.0))
        elif unit == "%":
            figures.append(Figure(name, unit, category, last=90.5 + i / 10, value=92.36, target=93))
        else:
            figures.append(Figure(name, unit, category, last=200 + i, value=327 + i, target=350))
    return figures


def test_builtin_folder_has_enough_templates_and_all_parse():
    assert len(FILES) >= 22
    templates, errors = load_folder(BUILTIN_TEMPLATES, "builtin")
    assert errors == []
    assert len(templates) == len(FILES) == len(TEMPLATES)
    assert len({t.id for t in templates}) == len(templates), "ids must be unique"


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_front_matter_complete(path):
    text = path.read_text(encoding="utf-8")
    keys = _front_keys(text)
    missing = [k for k in REQUIRED_KEYS if k not in keys]
    assert not missing, f"{path.name} lacks {missing}"
    t = parse_template(text, path=path)
    assert re.fullmatch(r"[a-z0-9-]+", t.id), t.id
    assert t.id == path.stem
    assert t.version == 1
    assert t.category in REQUIRED_CATEGORIES
    assert set(t.kinds) <= set(KINDS) and t.kinds
    assert t.body.strip()


def test_categories_covered():
    categories = {t.category for t in TEMPLATES}
    assert set(REQUIRED_CATEGORIES) <= categories, set(REQUIRED_CATEGORIES) - categories


def test_summary_and_plan_variants_differ_in_register():
    by_id = {t.id: t for t in TEMPLATES}
    pairs = [i[: -len("-summary")] for i in by_id if i.endswith("-summary") and i != "summary-overview"]
    assert len(pairs) >= 12
    for base in pairs:
        summary, plan = by_id[f"{base}-summary"], by_id.get(f"{base}-plan")
        assert plan is not None, f"{base} has no plan variant"
        assert "工作计划" not in summary.kinds and "工作要点" not in summary.kinds
        assert "年度工作总结" not in plan.kinds
        assert "要" in plan.body
        assert summary.body != plan.body


@pytest.mark.parametrize("t", TEMPLATES, ids=[t.id for t in TEMPLATES])
def test_declared_figures_match_used(t):
    used = template_figures(t.body) | template_figures(t.title)
    assert used == set(t.figures)
    for name in t.figures:
        assert name in FIGURE_CATALOG, f"{name} has no unit in the starter catalogue"


@pytest.mark.parametrize("t", TEMPLATES, ids=[t.id for t in TEMPLATES])
def test_renders_with_declared_figures(t):
    doc = _doc(t, _filled(t), t.kinds[0])
    out = render(doc)
    assert out.errors == []
    text = out.text()
    assert "{{" not in text and "{%" not in text
    # every declared figure's value shows up in the text
    fig_text = "\n".join(b.full_text for b in out.blocks if b.section_id == doc.sections[0].children[0].id)
    assert out.figures_used[doc.sections[0].children[0].id] == set(t.figures)
    for f in doc.figures:
        if f.name in t.figures and "summary" in t.id and not f.formula:
            assert str(int(f.value)) in fig_text or f"{f.value:g}" in fig_text, f.name


@pytest.mark.parametrize("t", TEMPLATES, ids=[t.id for t in TEMPLATES])
@pytest.mark.parametrize("kind", KINDS)
def test_renders_without_any_figures(t, kind):
    for level in (1, 2):
        out = render(_doc(t, [], kind, level))
        assert out.errors == [], [str(e.error) for e in out.errors]


@pytest.mark.parametrize("t", TEMPLATES, ids=[t.id for t in TEMPLATES])
def test_renders_with_figures_lacking_values(t):
    empty = [Figure(n, FIGURE_CATALOG[n][0]) for n in t.figures]
    out = render(_doc(t, empty, t.kinds[0]))
    assert out.errors == []


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_text_is_clean(path):
    text = path.read_text(encoding="utf-8")
    body = parse_template(text).body
    plain = re.sub(r"\{\{.*?\}\}", "数", body)  # an expression stands for some text
    plain = re.sub(r"\{[%#].*?[%#]\}", "", plain)
    for word in STALE:
        assert word not in plain, word
    assert not HALF_WIDTH.search(plain), HALF_WIDTH.search(plain).group(0)
    assert "。。" not in plain and "，，" not in plain
    assert plain.count("“") == plain.count("”")
    assert plain.count("《") == plain.count("》")
    assert plain.count("（") == plain.count("）")


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_no_text_line_ends_in_a_block_tag(path):
    """With trim_blocks a line ending in ``{% endif %}`` swallows its newline
    and runs into the next paragraph; only lines holding a tag alone may."""
    for no, line in enumerate(parse_template(path.read_text(encoding="utf-8")).body.splitlines(), 1):
        stripped = line.strip()
        if stripped.endswith("%}"):
            assert re.fullmatch(r"\{%[^%]*%\}", stripped), f"{path.name} body line {no}"


def test_paragraphs_stay_apart_when_figures_are_filled():
    t = BUILTIN.get("preschool-summary")
    out = render(_doc(t, _filled(t), "年度工作总结"))
    paras = [b.text for b in out.blocks if b.role == "body"]
    assert len(paras) == 3
    assert paras[1].startswith("全县学前三年毛入园率达到92.36%，比上年提高")
    assert paras[2].startswith("坚持以游戏为基本活动")


def test_plan_template_uses_targets_and_summary_uses_change():
    plan = BUILTIN.get("plan-targets")
    text = render(_doc(plan, _filled(plan), "工作计划")).text()
    assert "学前三年毛入园率达到93%" in text
    assert "到2026年底" in text
    summary = BUILTIN.get("compulsory-summary")
    text = render(_doc(summary, _filled(summary), "年度工作总结")).text()
    assert "九年义务教育巩固率达到92.36%，比上年提高" in text


def test_plan_year_in_summary_and_plan_is_next_year():
    t = BUILTIN.get("general-requirements")
    assert render(_doc(t, [], "总结及计划")).text().count("2027年是") == 1
    assert render(_doc(t, [], "工作计划")).text().count("2026年是") == 1


def test_user_template_shadows_builtin(tmp_path):
    user = tmp_path / "mine"
    user.mkdir()
    (user / "problems.j2").write_text(
        "{#-\nid: problems\ntitle: 问题与不足\ncategory: 存在问题\nkinds: 年度工作总结\n"
        "figures:\nversion: 2\n-#}\n一是……\n", encoding="utf-8")
    lib = Library(user_dir=user)
    assert lib.get("problems").title == "问题与不足"
    assert lib.get("problems").source == "user"
    assert lib.get("plan-targets").source == "builtin"


def test_guide_lists_every_builtin_template():
    guide = (BUILTIN_TEMPLATES.parent.parent / "docs" / "templates.md").read_text(encoding="utf-8")
    for t in TEMPLATES:
        assert f"`{t.id}`" in guide, t.id
    for key in REQUIRED_KEYS + ("run_in", "description"):
        assert f"`{key}`" in guide
    for attr in ("last", "target", "value", "last_value", "target_value", "change", "diff",
                 "vs_target", "reached", "has_value", "has_last", "has_target"):
        assert f".{attr}" in guide, attr
    for name in ("cn", "cn_year", "date", "cn_date", "num"):
        assert f"`{name}`" in guide
    assert "report-drafter render" in guide


@pytest.mark.parametrize("year, phrase", [(2026, "“十五五”规划的开局之年"),
                                          (2028, "“十五五”规划实施的关键之年"),
                                          (2030, "“十五五”规划的收官之年"),
                                          (2031, "加快建设教育强国的重要一年")])
def test_plan_period_phrase_follows_the_year(year, phrase):
    t = BUILTIN.get("general-requirements")
    doc = _doc(t, [], "工作计划")
    doc.properties.year = year
    text = render(doc).text()
    assert f"{year}年是{phrase}。" in text
    if year > 2030:
        assert "十五五" not in text
