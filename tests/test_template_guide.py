"""The Chinese guide for template authors (docs/模板写法说明.md) cannot drift
from the code: every ```jinja example in it is rendered exactly as the guide
says to try it (``report-drafter render 示例.j2 --figures 指标.csv --year 2026
--org 青山县教育局``, with the guide's own ``指标.csv``) and must print the
output block that follows it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop import cli
from desktop.paths import template_guide_path

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "模板写法说明.md"
ARGS = ["--year", "2026", "--org", "青山县教育局"]
_BLOCK = re.compile(r"^```(\w*)\n(.*?)^```$", re.M | re.S)


def blocks(text: str) -> list[tuple[str, str]]:
    return [(m.group(1), m.group(2)) for m in _BLOCK.finditer(text)]


def examples(text: str) -> list[tuple[str, str]]:
    """(template, printed output) for every ```jinja block and the ```text after it."""
    found = blocks(text)
    pairs = []
    for i, (lang, body) in enumerate(found):
        if lang != "jinja":
            continue
        assert i + 1 < len(found) and found[i + 1][0] == "text", \
            f"example {len(pairs) + 1} has no ```text output block after it:\n{body}"
        pairs.append((body, found[i + 1][1]))
    return pairs


def figures_csv(text: str) -> str:
    csvs = [body for lang, body in blocks(text) if lang == "csv"]
    assert len(csvs) == 1, "the guide states one figures table (```csv)"
    return csvs[0]


def run_example(template: str, figures: str, folder: Path, capsys, monkeypatch) -> str:
    """What ``report-drafter render 示例.j2 --figures 指标.csv …`` prints (stdout then stderr)."""
    (folder / "示例.j2").write_text(template, encoding="utf-8")
    (folder / "指标.csv").write_text(figures, encoding="utf-8")
    monkeypatch.chdir(folder)
    capsys.readouterr()
    status = cli.main(["render", "示例.j2", "--figures", "指标.csv", *ARGS])
    out, err = capsys.readouterr()
    assert status in (0, cli.EXIT_BAD_INPUT)
    assert (status == 0) == (not err), err
    return out + err


GUIDE_TEXT = GUIDE.read_text(encoding="utf-8")
EXAMPLES = examples(GUIDE_TEXT)


def test_the_guide_has_examples_and_is_the_one_the_app_opens():
    assert len(EXAMPLES) >= 15
    assert template_guide_path() == GUIDE
    assert GUIDE_TEXT.startswith("# 模板写法说明\n")


@pytest.mark.parametrize("index", range(len(EXAMPLES)))
def test_every_example_prints_what_the_guide_shows(index, tmp_path, capsys, monkeypatch):
    template, shown = EXAMPLES[index]
    printed = run_example(template, figures_csv(GUIDE_TEXT), tmp_path, capsys, monkeypatch)
    assert printed == shown, f"example {index + 1}:\n{template}"


def test_the_pairing_sees_a_wrong_output(tmp_path, capsys, monkeypatch):
    # the comparison can fail: a guide claiming another phrase is caught
    template, shown = next((t, s) for t, s in EXAMPLES if "提高2.2个百分点" in s)
    printed = run_example(template, figures_csv(GUIDE_TEXT), tmp_path, capsys, monkeypatch)
    assert printed == shown
    assert printed != shown.replace("提高2.2个百分点", "增长2.2%")
    with pytest.raises(AssertionError, match="no ```text output"):
        examples("```jinja\n{{ year }}\n```\n")


def test_the_guide_covers_what_the_english_reference_covers():
    from desktop.library import Library
    from desktop.paths import BUILTIN_TEMPLATES
    from desktop.templating import FIGURE_ATTRIBUTES, FILTERS, CONTEXT_NAMES
    for t in Library(user_dir=Path("/nonexistent"), builtin_dir=BUILTIN_TEMPLATES).all():
        assert f"`{t.id}`" in GUIDE_TEXT, t.id
    for key in ("id", "title", "category", "kinds", "figures", "version", "run_in", "description"):
        assert f"`{key}`" in GUIDE_TEXT, key
    for attr in FIGURE_ATTRIBUTES:
        assert f".{attr}" in GUIDE_TEXT, attr
    for name in FILTERS:
        assert f"`{name}`" in GUIDE_TEXT, name
    for name in CONTEXT_NAMES:
        assert f"`{name}`" in GUIDE_TEXT, name
    assert "report-drafter render" in GUIDE_TEXT
    assert "共享模板文件夹" in GUIDE_TEXT and "REPORT_DRAFTER_HOME" in GUIDE_TEXT
    english = (ROOT / "docs" / "templates.md").read_text(encoding="utf-8")
    assert "模板写法说明.md" in english.split("\n\n")[1]  # its first lines point here
