"""The .rdraft project file: round trip, validation, atomic save.

Faults while saving or loading — a full disk, a file another program holds
open (as Windows reports it: PermissionError 13 from ``os.replace``), no
permission, a read-only disk — leave the project and its backup
byte-identical and give one clear Chinese message.  They are simulated by
patching the os calls (``tests.tooling``): the tests run as root here, so
``chmod`` cannot block a write.
"""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from desktop import project_file
from desktop.errors import ProjectFileError
from desktop.model import Document, Figure, Properties, ReviewNote, Section, Settings
from desktop.source import SourceRef
from tests.tooling import assert_intact, disk_full_after, refuse_reading, refuse_replace, temp_files


def sample():
    return Document(
        properties=Properties(kind="工作计划", year=2027, org="青山县教育局", org_short="青教",
                              title="{{ org }}{{ year }}年工作计划", recipients="各学校",
                              red_header=True, header_text="青山县教育局文件", doc_number="青教发〔2027〕1号",
                              attachments=["指标表"], signature="青山县教育局", date="2027-01-05",
                              cc=["县政府办"], printer="青山县教育局办公室", print_date="2027-01-05"),
        sections=[Section("总体要求", "坚持……", children=[
            Section("目标", "达到{{ fig.入园率 }}", level=2, template_id="goals", template_version=2,
                    origin="template", children=[Section("条目", "正文", level=3, run_in=True,
                                                         reference="去年计划原文")])])],
        figures=[Figure("入园率", "%", category="学前", last=92, value=94, target=95, source="入园率达到95%"),
                 Figure("达线率", "%", formula="a / b * 100")],
        settings=Settings(numbering_mode="continuous", font_profile="windows", latin_font="Times New Roman"),
        ignored_findings=["k1"], ignored_rules=["repeat"])


def test_save_load_equal(tmp_path):
    path = tmp_path / "p.rdraft"
    doc = sample()
    project_file.save(doc, path)
    assert project_file.load(path) == doc
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["schema_version"] == project_file.SCHEMA_VERSION and data["format"] == "report-drafter"


def noted() -> Document:
    doc = sample()
    item = doc.sections[0].children[0]
    doc.review_notes = [
        ReviewNote("一/（一） 目标 第1段", "“2026年”可能是旧年份", "2026年",
                   ref=SourceRef(item.id, "body", 0, (2, 7))),
        ReviewNote("一 标题", "旧年份", state="done", ref=SourceRef(doc.sections[0].id, "title")),
        ReviewNote("发文字号", "请填写今年的文号", "青教发〔2026〕号", ref=SourceRef.prop("doc_number")),
        ReviewNote("", "指标不一致，请核对", state="ignored"),  # about the document as a whole
    ]
    return doc


def test_review_notes_keep_their_place(tmp_path):
    path = tmp_path / "p.rdraft"
    doc = noted()
    project_file.save(doc, path)
    back = project_file.load(path)
    assert back.review_notes == doc.review_notes
    assert back.review_notes[0].ref == SourceRef(doc.sections[0].children[0].id, "body", 0, (2, 7))
    assert back.review_notes[3].ref is None
    saved = json.loads(path.read_text(encoding="utf-8"))["review_notes"]
    assert saved[1]["ref"] == {"section_id": doc.sections[0].id, "field": "title"}  # no -1, no span
    assert saved[2]["ref"] == {"section_id": "@properties", "field": "doc_number"}
    assert "ref" not in saved[3]


def test_notes_of_a_project_saved_before_notes_kept_their_place(tmp_path):
    data = project_file.to_dict(noted())
    for n in data["review_notes"]:
        n.pop("ref", None)  # as an older version wrote them (same schema version)
    path = tmp_path / "old.rdraft"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    notes = project_file.load(path).review_notes
    assert [n.ref for n in notes] == [None] * 4
    assert [(n.where, n.excerpt, n.state) for n in notes] == [
        (n.where, n.excerpt, n.state) for n in noted().review_notes]


@pytest.mark.parametrize("ref, where", [
    ([1, 2], "review_notes[0].ref"),
    ({"field": "body"}, "review_notes[0].ref.section_id"),
    ({"section_id": "x", "paragraph": "1"}, "review_notes[0].ref.paragraph"),
    ({"section_id": "x", "span": [5, 2]}, "review_notes[0].ref.span"),
    ({"section_id": "x", "span": [1, True]}, "review_notes[0].ref.span"),
    ({"section_id": "x", "field": 3}, "review_notes[0].ref.field"),
])
def test_a_bad_note_place_is_named(tmp_path, ref, where):
    data = project_file.to_dict(noted())
    data["review_notes"][0]["ref"] = ref
    path = tmp_path / "bad.rdraft"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ProjectFileError) as info:
        project_file.load(path)
    assert where in str(info.value)


def test_save_keeps_backup_of_previous(tmp_path):
    path = tmp_path / "p.rdraft"
    doc = sample()
    project_file.save(doc, path)
    doc.properties.year = 2028
    project_file.save(doc, path)
    assert project_file.load(str(path) + ".bak").properties.year == 2027
    assert project_file.load(path).properties.year == 2028


def test_interrupted_save_leaves_previous_file_intact(tmp_path, monkeypatch):
    path = tmp_path / "p.rdraft"
    project_file.save(sample(), path)
    before = path.read_bytes()
    real_fdopen = os.fdopen

    class Failing:
        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *a):
            self.fh.close()

        def write(self, data):
            self.fh.write(data[: len(data) // 2])
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: Failing(real_fdopen(fd, mode)))
    doc = sample()
    doc.properties.year = 2099
    with pytest.raises(ProjectFileError, match="保存失败.*原文件未改动"):
        project_file.save(doc, path)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["p.rdraft"]  # no temp file left


def test_newer_version_refused(tmp_path):
    data = project_file.to_dict(sample())
    data["schema_version"] = project_file.SCHEMA_VERSION + 1
    path = tmp_path / "new.rdraft"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ProjectFileError, match="更新版本") as info:
        project_file.load(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize("mutate, where", [
    (lambda d: d["properties"].update(year="二〇二六"), "properties.year"),
    (lambda d: d["properties"].update(kind="通知"), "properties.kind"),
    (lambda d: d["sections"][0]["children"][0].update(level=1), "sections[0].children[0].level"),
    (lambda d: d["sections"][0].update(title=5), "sections[0].title"),
    (lambda d: d["figures"][0].update(value="九十四"), "figures[0].value"),
    (lambda d: d["figures"].append({"name": "入园率"}), "figures[2].name"),
    (lambda d: d["settings"].update(numbering_mode="random"), "settings.numbering_mode"),
    (lambda d: d.pop("schema_version"), "schema_version"),
    (lambda d: d["sections"][0].update(children={}), "sections[0].children"),
    (lambda d: d["properties"].update(cc="县政府办"), "properties.cc"),
])
def test_validation_names_what_and_where(tmp_path, mutate, where):
    data = project_file.to_dict(sample())
    mutate(data)
    path = tmp_path / "bad.rdraft"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ProjectFileError) as info:
        project_file.load(path)
    assert where in str(info.value) and str(path) in str(info.value)


@pytest.mark.parametrize("content, message", [
    (b"{not json", "JSON"), (b"\xff\xfe\x00", "UTF-8"), (b"[]", "对象"), (b"", "JSON"),
])
def test_malformed_files(tmp_path, content, message):
    path = tmp_path / "bad.rdraft"
    path.write_bytes(content)
    with pytest.raises(ProjectFileError, match=message):
        project_file.load(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ProjectFileError, match="不存在"):
        project_file.load(tmp_path / "none.rdraft")
    with pytest.raises(ProjectFileError, match="文件夹"):
        project_file.load(tmp_path)


# -- faults: the project and its backup stay byte-identical ----------------------------------------
def test_save_disk_full_midway_keeps_file_and_backup(saved_project, monkeypatch):
    path, data, bak, doc = saved_project
    doc.sections[0].title = "磁盘满时的修改"
    disk_full_after(monkeypatch, room=200)
    with pytest.raises(ProjectFileError) as info:
        project_file.save(doc, path)
    assert "磁盘空间不足" in str(info.value) and "原文件未改动" in str(info.value)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)
    assert_intact(path, data, bak)


def test_save_locked_target_keeps_file_and_backup(saved_project, monkeypatch):
    path, data, bak, doc = saved_project
    doc.sections[0].title = "另一程序占用时的修改"
    calls = refuse_replace(monkeypatch, path)
    with pytest.raises(ProjectFileError) as info:
        project_file.save(doc, path)
    assert calls
    assert "正被其他程序" in str(info.value) and "原文件未改动" in str(info.value)
    # the backup is refreshed only after the target was replaced
    assert_intact(path, data, bak)


def test_save_backup_copy_fails_on_full_disk(saved_project, monkeypatch):
    import shutil
    path, data, bak, doc = saved_project

    def copy2(src, dst, *a, **k):
        Path(dst).write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copy2", copy2)
    doc.sections[0].title = "x"
    with pytest.raises(ProjectFileError, match="磁盘空间不足"):
        project_file.save(doc, path)
    assert_intact(path, data, bak)


def test_save_backup_refresh_failing_still_saves(saved_project, monkeypatch):
    path, data, bak, doc = saved_project
    refuse_replace(monkeypatch, Path(str(path) + ".bak"))
    doc.sections[0].title = "保存成功"
    project_file.save(doc, path)
    assert project_file.load(path).sections[0].title == "保存成功"
    assert Path(str(path) + ".bak").read_bytes() == bak  # the old backup stays
    assert temp_files(path.parent) == []


def test_save_into_read_only_folder(saved_project, monkeypatch):
    import tempfile
    path, data, bak, doc = saved_project

    def mkstemp(*a, **k):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    with pytest.raises(ProjectFileError, match="没有写入权限"):
        project_file.save(doc, path)
    assert_intact(path, data, bak)


def test_save_on_read_only_disk_and_missing_folder(saved_project, monkeypatch, tmp_path):
    path, data, bak, doc = saved_project
    with pytest.raises(ProjectFileError, match="不存在"):
        project_file.save(doc, tmp_path / "没有这个文件夹" / "x.rdraft")
    refuse_replace(monkeypatch, path, OSError(errno.EROFS, "Read-only file system"))
    with pytest.raises(ProjectFileError, match="只读"):
        project_file.save(doc, path)
    assert_intact(path, data, bak)


def test_load_unreadable_project(saved_project, monkeypatch):
    path = saved_project[0]
    refuse_reading(monkeypatch, path)
    with pytest.raises(ProjectFileError, match="没有读取权限"):
        project_file.load(path)
