"""Real documents, read node for node against outlines written by hand.

tests/fixtures/real/ holds seven public 公文 as found on disks (Word 97
.doc, Word 2007+ .docx, a .doc that is really UTF-8 text; SOURCES.md);
tests/fixtures/real_outlines/ the outline a clerk sees in each: title,
preamble, attachment list and every section's level, number, marker and
title, checked against the text, with a note of what the file taught the
reader.  The score is the number of nodes matched; it must be all of them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.office import soffice_path
from desktop.reuse import outline_json

FIXTURES = Path(__file__).parent / "fixtures"
OUTLINES = sorted((FIXTURES / "real_outlines").glob("*.json"))


def _nodes(items, path=()):
    for k, s in enumerate(items):
        where = path + (k,)
        yield where, (s["level"], s["number"], s["marker"], s["title"])
        yield from _nodes(s["children"], where)


def score(got: dict, want: dict) -> tuple[int, int, list[str]]:
    """(matched, total, misses): title, preamble, attachment list and every
    section node (same place in the tree, same level/number/marker/title)."""
    misses = []
    total = matched = 0
    for key in ("title", "preamble", "attachments"):
        total += 1
        if got[key] == want[key]:
            matched += 1
        else:
            misses.append(f"{key}: {got[key]!r} ≠ {want[key]!r}")
    have = dict(_nodes(got["sections"]))
    for where, node in _nodes(want["sections"]):
        total += 1
        if have.get(where) == node:
            matched += 1
        else:
            misses.append(f"{where}: {have.get(where)!r} ≠ {node!r}")
    extra = len(have) - sum(1 for _ in _nodes(want["sections"]))
    if extra > 0:
        misses.append(f"{extra} node(s) more than written by hand")
        total += extra
    return matched, total, misses


def test_every_fixture_has_its_file_and_a_note():
    assert len(OUTLINES) == 7
    for path in OUTLINES:
        want = json.loads(path.read_text(encoding="utf-8"))
        assert (FIXTURES / "real" / want["file"]).is_file()
        assert len(want["note"]) > 40


@pytest.mark.parametrize("outline", OUTLINES, ids=lambda p: p.stem)
def test_real_document_node_for_node(outline):
    want = json.loads(outline.read_text(encoding="utf-8"))
    source = FIXTURES / "real" / want["file"]
    if source.read_bytes()[:4] == b"\xd0\xcf\x11\xe0" and not soffice_path():
        pytest.skip("LibreOffice is needed to read Word 97 .doc files")
    matched, total, misses = score(outline_json(source), want)
    assert matched == total, f"{want['file']}: {matched}/{total} matched\n" + "\n".join(misses[:20])


def test_scoring_counts_a_wrong_node():
    want = json.loads((FIXTURES / "real_outlines" / "jscz-zscq.json").read_text(encoding="utf-8"))
    got = json.loads(json.dumps(want))
    got["sections"][0]["children"][1]["title"] = "别的标题"
    got["sections"].append({"level": 1, "number": "第七章", "marker": "第七章", "title": "多出", "children": []})
    matched, total, misses = score(got, want)
    assert total - matched == 2 and len(misses) == 2
