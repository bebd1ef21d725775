"""File kinds: LibreOffice re-saved .docx, .doc through LibreOffice, and
every kind of bad input → one clear ImportDocumentError (CLI: exit 2, one
line)."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from desktop.cli import main
from desktop.errors import ImportDocumentError
from desktop.reuse import outline_json, read_outline
from tests.reuse_docx import flatten, write_typed
from tests.tooling import require_tool

LINES = [
    ("某某县教育局2025年工作计划", "center"),
    "各学校：",
    "2025年全县教育工作的总体思路是稳中求进。",
    "一、总体要求",
    "坚持立德树人。",
    "二、重点工作",
    "（一）推进均衡发展",
    "1.完善规划布局。科学制定规划。",
    "2.改善办学条件。完成跑道改造。",
    "（二）提高教育质量",
    "3.深化课程改革。推进课堂改革。",
    ("某某县教育局", "right"),
    ("2025年1月10日", "right"),
]


def _soffice_convert(src, outdir, target):
    soffice = require_tool("soffice")
    profile = outdir / "profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", target, "--outdir", str(outdir), str(src)],
                   check=True, capture_output=True, timeout=180)
    out = outdir / f"{src.stem}.{target.split(':')[0]}"
    assert out.exists()
    return out


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    require_tool("soffice")
    base = tmp_path_factory.mktemp("lo")
    src = write_typed(base / "plan.docx", LINES)
    resaved_dir = base / "resaved"
    resaved_dir.mkdir()
    resaved = _soffice_convert(src, resaved_dir, "docx:MS Word 2007 XML")
    doc_dir = base / "doc"
    doc_dir.mkdir()
    doc = _soffice_convert(src, doc_dir, "doc")
    return src, resaved, doc


def test_libreoffice_resaved_docx_reads_the_same(converted):
    src, resaved, _ = converted
    assert outline_json(resaved) == outline_json(src)
    rec = read_outline(resaved)
    assert rec.signature == "某某县教育局" and rec.date == "2025-01-10"


def test_doc_through_libreoffice(converted):
    src, _, doc = converted
    assert doc.read_bytes()[:4] == b"\xd0\xcf\x11\xe0"
    assert flatten(outline_json(doc)["sections"]) == flatten(outline_json(src)["sections"])
    assert outline_json(doc)["title"] == "某某县教育局2025年工作计划"


def test_doc_without_libreoffice_says_so(tmp_path, monkeypatch):
    import desktop.office
    monkeypatch.setattr(desktop.office, "soffice_path", lambda: None)
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 1024)
    with pytest.raises(ImportDocumentError) as e:
        read_outline(path)
    assert "LibreOffice" in str(e.value) and "old.doc" in str(e.value)


def _bad_files(tmp_path):
    empty = tmp_path / "empty.docx"
    empty.write_bytes(b"")
    text = tmp_path / "notes.docx"
    text.write_text("这只是一段文字，不是 Word 文档。", encoding="utf-8")
    corrupt = tmp_path / "corrupt.docx"
    good = write_typed(tmp_path / "good.docx", LINES)
    corrupt.write_bytes(good.read_bytes()[:2000])
    encrypted = tmp_path / "secret.docx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)
    notword = tmp_path / "archive.docx"
    with zipfile.ZipFile(notword, "w") as z:
        z.writestr("readme.txt", "hello")
    badxml = tmp_path / "badxml.docx"
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(badxml, "w") as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) // 2]
            zout.writestr(item, data)
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%...")
    return {"empty": (empty, "空"), "text": (text, "不是 Word"), "corrupt": (corrupt, "损坏"),
            "encrypted": (encrypted, "加密"), "zip": (notword, "不是 Word"),
            "badxml": (badxml, "损坏"), "pdf": (pdf, "不是 Word"),
            "missing": (tmp_path / "nothere.docx", "不存在"), "folder": (tmp_path, "文件夹")}


@pytest.mark.parametrize("kind", ["empty", "text", "corrupt", "encrypted", "zip", "badxml", "pdf",
                                  "missing", "folder"])
def test_bad_input_one_clear_error(tmp_path, kind, capsys):
    path, words = _bad_files(tmp_path)[kind]
    with pytest.raises(ImportDocumentError) as e:
        outline_json(path)
    message = str(e.value)
    assert words in message and str(path) in message and "\n" not in message
    status = main(["outline", str(path), "--json"])
    out, err = capsys.readouterr()
    assert status == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1 and words in err


def test_cli_outline_subprocess_exit_2(tmp_path):
    path = tmp_path / "empty.docx"
    path.write_bytes(b"")
    proc = subprocess.run([sys.executable, "-m", "desktop", "outline", str(path), "--json"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1 and "Traceback" not in proc.stderr


def test_cli_outline_json_ok(tmp_path, capsys):
    import json
    path = write_typed(tmp_path / "ok.docx", LINES)
    assert main(["outline", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"title", "preamble", "sections", "closing", "attachments"}
    assert data["sections"][1]["children"][0]["children"][1] == {
        "level": 3, "number": "2", "marker": "2.", "title": "改善办学条件", "body": ["完成跑道改造。"], "children": []}


def test_cli_reads_text_files_for_outline_and_import(tmp_path, capsys):
    import json
    from desktop.project_file import load
    src = tmp_path / "去年计划.txt"
    src.write_bytes("某某县教育局2024年工作计划\n\n一、总体要求\n稳中求进。\n二、重点工作\n1）推进均衡发展\n".encode("gb18030"))
    assert main(["outline", str(src), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["title"] == "某某县教育局2024年工作计划"
    assert [s["marker"] for s in data["sections"][1]["children"]] == ["1）"]
    out = tmp_path / "new.rdraft"
    assert main(["import", str(src), "--year", "2025", "-o", str(out)]) == 0
    doc = load(out)
    assert "2025" in doc.properties.title and doc.sections[1].children[0].number_style == "{n}）"
    junk = tmp_path / "junk.doc"
    junk.write_bytes(b"\x00\x01\x02\x03" * 100)
    capsys.readouterr()
    assert main(["outline", str(junk), "--json"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and str(junk) in err
