"""Fuzzing the core's input paths (hypothesis).

Every failure must be the application's own error type (``DrafterError``):
never an uncaught exception.  CI runs a few hundred cases per target; the
``fuzz_full`` marker runs 10,000 per target on demand:
``python -m pytest -m fuzz_full tests/test_fuzz_core.py``.
"""

from __future__ import annotations

import json
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop import project_file
from desktop.errors import DrafterError, FigureImportError, ProjectFileError, TemplateError
from desktop.figures import FigureTable, figures_from_rows, read_figures
from desktop.model import Document, Figure, Properties, Section
from desktop.templating import base_context, render_template

CI_CASES = 200
FULL_CASES = 10_000
COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                     HealthCheck.function_scoped_fixture])

SAMPLE = project_file.to_dict(Document(
    properties=Properties(kind="工作计划", year=2027, org="青山县教育局", title="{{ year }}年计划",
                          cc=["县政府办"], date="2027-01-05"),
    sections=[Section("总体要求", "正文{{ fig.入园率 }}", children=[Section("子", "x", level=2)])],
    figures=[Figure("入园率", "%", last=92, value=94, target=95),
             Figure("达线率", "%", formula="入园率 / 2")]))

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=True)
    | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12)


def _paths(obj, prefix=()):
    yield prefix
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj):
            yield from _paths(v, prefix + (i,))


ALL_PATHS = [p for p in _paths(SAMPLE) if p]


def _mutate(data, path, value, action):
    target = data
    for key in path[:-1]:
        target = target[key]
    last = path[-1]
    if action == "delete":
        if isinstance(target, dict):
            target.pop(last, None)
        else:
            del target[last]
    else:
        target[last] = value
    return data


def check_project_json(tmp_path, path_index, value, action, truncate):
    data = json.loads(json.dumps(SAMPLE))
    data = _mutate(data, ALL_PATHS[path_index % len(ALL_PATHS)], value, action)
    try:
        text = json.dumps(data, ensure_ascii=False)
    except ValueError:
        return
    if truncate:
        text = text[: truncate % (len(text) + 1)]
    target = tmp_path / "f.rdraft"
    target.write_text(text, encoding="utf-8")
    try:
        doc = project_file.load(target)
    except ProjectFileError:
        return
    project_file.save(doc, tmp_path / "again.rdraft")  # a loaded document always saves


project_args = dict(path_index=st.integers(0, 10**4), value=json_values,
                    action=st.sampled_from(["set", "delete"]), truncate=st.none() | st.integers(0, 10**4))


@settings(max_examples=CI_CASES, **COMMON)
@given(**project_args)
def test_fuzz_project_loader(tmp_path, path_index, value, action, truncate):
    check_project_json(tmp_path, path_index, value, action, truncate)


@pytest.mark.fuzz_full
@settings(max_examples=FULL_CASES, **COMMON)
@given(**project_args)
def test_fuzz_project_loader_full(tmp_path, path_index, value, action, truncate):
    check_project_json(tmp_path, path_index, value, action, truncate)


@settings(max_examples=CI_CASES, **COMMON)
@given(st.binary(max_size=400))
def test_fuzz_project_loader_bytes(tmp_path, raw):
    target = tmp_path / "b.rdraft"
    target.write_bytes(raw)
    with pytest.raises(ProjectFileError):
        project_file.load(target)


# -- figures import ---------------------------------------------------------------
cells = st.one_of(st.none(), st.text(max_size=12), st.integers(-10**9, 10**9),
                  st.floats(allow_nan=True, allow_infinity=True),
                  st.sampled_from(["名称", "单位", "上年", "本年", "目标", "公式", "name", "value",
                                   "a / b * 100", "1/0", "x(", "%", "１２"]))
sheets = st.lists(st.lists(cells, max_size=8), max_size=8)


def check_rows(rows):
    try:
        figures = figures_from_rows(rows, "f.csv", letters=False)
    except FigureImportError:
        return
    try:
        table = FigureTable(figures)
    except DrafterError:
        return
    for name in table:
        view = table[name]
        if view.has_value:
            str(view)


@settings(max_examples=CI_CASES, **COMMON)
@given(sheets)
def test_fuzz_figures_rows(rows):
    check_rows(rows)


@pytest.mark.fuzz_full
@settings(max_examples=FULL_CASES, **COMMON)
@given(sheets)
def test_fuzz_figures_rows_full(rows):
    check_rows(rows)


@settings(max_examples=CI_CASES // 2, **COMMON)
@given(st.binary(max_size=300), st.sampled_from([".csv", ".xlsx"]))
def test_fuzz_figures_files(tmp_path, raw, suffix):
    path = tmp_path / f"f{suffix}"
    path.write_bytes(raw)
    try:
        read_figures(path)
    except FigureImportError:
        pass


# -- template engine -------------------------------------------------------------------
FRAGMENTS = ["{{", "}}", "{%", "%}", "{#", "#}", " year ", " fig.入园率 ", "fig['达线率']", ".change",
             ".vs_target", ".target", "|cn", "|date", "|num", " if ", " else ", " endif ",
             " for x in range(3) ", " endfor ", "__class__", "__mro__", "()", "[0]", " + ",
             " * ", " / 0 ", "'", '"', "，", "全县", "\n", " org ", " none ", " 10**10 ", " ~ ",
             ".__globals__", " lipsum ", " cycler ", " namespace() ", " set a = 1 ", "-", "|"]
templates = st.lists(st.sampled_from(FRAGMENTS), max_size=14).map("".join) | st.text(max_size=40)
CTX = base_context(Document(properties=Properties(year=2026, org="青山县教育局"),
                            figures=[Figure("入园率", "%", last=92, value=94),
                                     Figure("达线率", "%", formula="入园率 * 0.5")]))


def check_template(source):
    try:
        out = render_template(source, dict(CTX), section="模糊测试")
    except TemplateError:
        return
    assert isinstance(out, str)


@settings(max_examples=CI_CASES * 2, **COMMON)
@given(templates)
def test_fuzz_templates(source):
    check_template(source)


@pytest.mark.fuzz_full
@settings(max_examples=FULL_CASES, **COMMON)
@given(templates)
def test_fuzz_templates_full(source):
    check_template(source)


def test_fuzz_helpers_are_not_vacuous():
    """The mutations really reach the validator (guards against a fuzz test that cannot fail)."""
    random.seed(1)
    refused = 0
    for i in range(len(ALL_PATHS)):
        data = _mutate(json.loads(json.dumps(SAMPLE)), ALL_PATHS[i], {"x": 1}, "set")
        try:
            project_file.from_dict(data)
        except ProjectFileError:
            refused += 1
    assert refused > len(ALL_PATHS) // 2
