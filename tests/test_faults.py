"""Faults in the headless core: a full disk, no permission, a file locked by
another program (as Windows reports it: PermissionError 13 from os.replace
or open), unreadable figure and rule files, project lock files and files
changed on disk.  Every case leaves earlier files byte-identical and gives
one clear Chinese message (exit 2 in the CLI).

The tests run as root here, so chmod cannot block writes: the faults are
simulated by patching the os calls.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop import cli, file_lock
from desktop.errors import ExportError, FigureImportError, ProjectFileError, RuleFileError
from desktop.examples import load_example
from desktop.export_docx import export_docx
from desktop.file_lock import (FileStamp, LockOwner, ProjectLock, changed_on_disk, is_stale,
                               lock_path, locked_by_other, os_error_reason, read_owner)
from desktop.project_file import load, save
from tests.tooling import disk_full_after

ROOT = Path(__file__).resolve().parents[1]


# -- helpers -----------------------------------------------------------------------------
def replace_refused(monkeypatch, target: Path, exc: OSError | None = None) -> list:
    """os.replace onto ``target`` fails as Windows fails it for a file open elsewhere."""
    real = os.replace
    calls = []

    def replace(src, dst, *a, **k):
        if Path(dst) == target:
            calls.append((src, dst))
            raise exc or PermissionError(errno.EACCES, "Permission denied", str(dst))
        return real(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", replace)
    return calls


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture
def project(tmp_path):
    """A saved project with a backup: (path, bytes, backup bytes, document)."""
    doc = load_example("plan-county")
    path = tmp_path / "计划.rdraft"
    save(doc, path)
    doc.sections[0].title = "第二次保存"
    save(doc, path)  # now path.bak holds the first save
    return path, path.read_bytes(), Path(str(path) + ".bak").read_bytes(), doc


def assert_intact(path: Path, data: bytes, bak: bytes) -> None:
    assert path.read_bytes() == data
    assert Path(str(path) + ".bak").read_bytes() == bak
    assert leftovers(path.parent) == []


# -- project save --------------------------------------------------------------------------
def test_save_disk_full_midway_keeps_file_and_backup(project, monkeypatch):
    path, data, bak, doc = project
    doc.sections[0].title = "磁盘满时的修改"
    disk_full_after(monkeypatch, room=200)
    with pytest.raises(ProjectFileError) as info:
        save(doc, path)
    assert "磁盘空间不足" in str(info.value) and "原文件未改动" in str(info.value)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)
    assert_intact(path, data, bak)


def test_save_locked_target_keeps_file_and_backup(project, monkeypatch):
    path, data, bak, doc = project
    doc.sections[0].title = "另一程序占用时的修改"
    calls = replace_refused(monkeypatch, path)
    with pytest.raises(ProjectFileError) as info:
        save(doc, path)
    assert calls
    assert "正被其他程序" in str(info.value) and "原文件未改动" in str(info.value)
    # the backup is refreshed only after the target was replaced
    assert_intact(path, data, bak)


def test_save_backup_copy_fails_on_full_disk(project, monkeypatch):
    import shutil
    path, data, bak, doc = project

    def copy2(src, dst, *a, **k):
        Path(dst).write_bytes(b"half")
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(shutil, "copy2", copy2)
    doc.sections[0].title = "x"
    with pytest.raises(ProjectFileError, match="磁盘空间不足"):
        save(doc, path)
    assert_intact(path, data, bak)


def test_save_backup_refresh_failing_still_saves(project, monkeypatch):
    path, data, bak, doc = project
    replace_refused(monkeypatch, Path(str(path) + ".bak"))
    doc.sections[0].title = "保存成功"
    save(doc, path)
    assert load(path).sections[0].title == "保存成功"
    assert Path(str(path) + ".bak").read_bytes() == bak  # the old backup stays
    assert leftovers(path.parent) == []


def test_save_into_read_only_folder(project, monkeypatch):
    import tempfile
    path, data, bak, doc = project

    def mkstemp(*a, **k):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    with pytest.raises(ProjectFileError, match="没有写入权限"):
        save(doc, path)
    assert_intact(path, data, bak)


def test_save_on_read_only_disk_and_missing_folder(project, monkeypatch, tmp_path):
    path, data, bak, doc = project
    with pytest.raises(ProjectFileError, match="不存在"):
        save(doc, tmp_path / "没有这个文件夹" / "x.rdraft")
    replace_refused(monkeypatch, path, OSError(errno.EROFS, "Read-only file system"))
    with pytest.raises(ProjectFileError, match="只读"):
        save(doc, path)
    assert_intact(path, data, bak)


def test_load_unreadable_project(project, monkeypatch):
    path = project[0]
    real = Path.read_bytes

    def read_bytes(self):
        if self == path:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with pytest.raises(ProjectFileError, match="没有读取权限"):
        load(path)


# -- export ---------------------------------------------------------------------------------
@pytest.fixture
def exported(tmp_path):
    doc = load_example("plan-county")
    out = tmp_path / "计划.docx"
    export_docx(doc, out)
    return doc, out, out.read_bytes()


def test_export_disk_full_midway_keeps_earlier_docx(exported, monkeypatch):
    doc, out, data = exported
    doc.sections[0].title = "磁盘满"
    disk_full_after(monkeypatch, room=4096)
    with pytest.raises(ExportError) as info:
        export_docx(doc, out)
    assert "磁盘空间不足" in str(info.value) and "原文件未改动" in str(info.value)
    assert out.read_bytes() == data
    assert leftovers(out.parent) == []


def test_export_onto_a_file_open_in_word(exported, monkeypatch):
    doc, out, data = exported
    replace_refused(monkeypatch, out)
    with pytest.raises(ExportError) as info:
        export_docx(doc, out)
    assert "Word/WPS" in str(info.value) and "原文件未改动" in str(info.value)
    assert out.read_bytes() == data
    assert leftovers(out.parent) == []


# -- figures and rule files -------------------------------------------------------------
def _refuse_reading(monkeypatch, target: Path, exc: OSError):
    real = Path.read_bytes

    def read_bytes(self):
        if self == target:
            raise exc
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def test_figures_sheet_locked_or_unreadable(tmp_path, monkeypatch):
    from desktop.figures import read_figures
    csv = tmp_path / "指标.csv"
    csv.write_text("指标,单位,上年,本年\n报考人数,人,300,327\n", encoding="utf-8")
    assert read_figures(csv)[0].name == "报考人数"
    _refuse_reading(monkeypatch, csv, PermissionError(errno.EACCES, "Permission denied"))
    with pytest.raises(FigureImportError) as info:
        read_figures(csv)
    assert "没有读取权限" in str(info.value) and str(csv) in str(info.value)
    folder = tmp_path / "表.csv"
    folder.mkdir()
    with pytest.raises(FigureImportError, match="文件夹"):
        read_figures(folder)


def test_figures_xlsx_locked(tmp_path, monkeypatch):
    import builtins
    import io

    import openpyxl

    from desktop.figures import read_figures
    xlsx = tmp_path / "指标.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["指标", "单位", "上年", "本年"])
    wb.active.append(["报考人数", "人", 300, 327])
    wb.save(xlsx)
    assert read_figures(xlsx)[0].value == 327
    real_open = builtins.open

    def refusing_open(file, *a, **k):
        if Path(str(file)) == xlsx:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *a, **k)

    monkeypatch.setattr(builtins, "open", refusing_open)
    monkeypatch.setattr(io, "open", refusing_open)
    with pytest.raises(FigureImportError) as info:
        read_figures(xlsx)
    assert str(xlsx) in str(info.value) and "没有读取权限" in str(info.value)


def test_rule_file_unreadable(tmp_path, monkeypatch):
    from desktop.paths import user_rules_dir
    from desktop.proofread.rulefile import load_rules
    folder = user_rules_dir()
    folder.mkdir(parents=True)
    rules = folder / "本单位.txt"
    rules.write_text("[过时表述]\n十三五 | 2016-2020\n", encoding="utf-8")
    assert "十三五" in load_rules().terms
    _refuse_reading(monkeypatch, rules, PermissionError(errno.EACCES, "Permission denied"))
    with pytest.raises(RuleFileError) as info:
        load_rules()
    assert "无法读取规则文件" in str(info.value) and str(rules) in str(info.value)


# -- the command line: one line, exit 2 ---------------------------------------------------
def _one_line_error(capsys) -> str:
    err = capsys.readouterr().err.strip()
    assert err.startswith("错误：") and "\n" not in err, err
    return err


def test_cli_export_disk_full(tmp_path, monkeypatch, capsys):
    out = tmp_path / "计划.docx"
    assert cli.main(["export", "--example", "plan-county", "-o", str(out)]) == 0
    data = out.read_bytes()
    capsys.readouterr()
    disk_full_after(monkeypatch, room=1000)
    assert cli.main(["export", "--example", "plan-county", "-o", str(out)]) == 2
    assert "磁盘空间不足" in _one_line_error(capsys)
    assert out.read_bytes() == data


def test_cli_export_target_open_in_word(tmp_path, monkeypatch, capsys):
    out = tmp_path / "计划.docx"
    out.write_bytes(b"earlier")
    replace_refused(monkeypatch, out)
    assert cli.main(["export", "--example", "plan-county", "-o", str(out)]) == 2
    assert "Word/WPS" in _one_line_error(capsys)
    assert out.read_bytes() == b"earlier"


def test_cli_import_save_refused(tmp_path, monkeypatch, capsys, project):
    path, data, bak, _ = project
    src = tmp_path / "去年.docx"
    assert cli.main(["export", "--example", "plan-county", "-o", str(src)]) == 0
    capsys.readouterr()
    replace_refused(monkeypatch, path)
    assert cli.main(["import", str(src), "--year", "2026", "-o", str(path)]) == 2
    assert "原文件未改动" in _one_line_error(capsys)
    assert_intact(path, data, bak)


def test_cli_import_onto_a_project_open_in_a_window(tmp_path, capsys, project):
    path, data, bak, _ = project
    src = tmp_path / "去年.docx"
    cli.main(["export", "--example", "plan-county", "-o", str(src)])
    capsys.readouterr()
    lock = ProjectLock(path)
    assert lock.acquire() is None
    try:
        assert cli.main(["import", str(src), "--year", "2026", "-o", str(path)]) == 2
        assert "正由" in _one_line_error(capsys)
        assert_intact(path, data, bak)
    finally:
        lock.release()
    assert cli.main(["import", str(src), "--year", "2026", "-o", str(path)]) == 0


def test_cli_figures_unreadable(tmp_path, monkeypatch, capsys):
    tpl = tmp_path / "t.j2"
    tpl.write_text("{{ fig.报考人数 }}", encoding="utf-8")
    csv = tmp_path / "f.csv"
    csv.write_text("指标,单位,上年,本年\n报考人数,人,300,327\n", encoding="utf-8")
    _refuse_reading(monkeypatch, csv, PermissionError(errno.EACCES, "Permission denied"))
    assert cli.main(["render", str(tpl), "--figures", str(csv)]) == 2
    assert "没有读取权限" in _one_line_error(capsys)


# -- the project lock ---------------------------------------------------------------------------
def test_lock_file_beside_the_project(tmp_path):
    path = tmp_path / "计划.rdraft"
    assert lock_path(path) == tmp_path / ".~计划.rdraft#"
    first = ProjectLock(path)
    assert first.acquire() is None and first.held
    owner = read_owner(path)
    assert owner.pid == os.getpid() and owner.token == first.token and owner.host
    assert locked_by_other(path, first) is None
    second = ProjectLock(path)  # another window of this process
    got = second.acquire()
    assert isinstance(got, LockOwner) and got.token == first.token and not second.held
    assert "另一个窗口" in got.describe()
    assert locked_by_other(path, second) is not None
    first.release()
    assert not lock_path(path).exists()
    assert second.acquire() is None and second.held
    first.release()  # not ours any more: leaves the other's lock alone
    assert lock_path(path).exists()
    second.release()
    assert not lock_path(path).exists()


def test_force_takes_a_live_lock(tmp_path):
    path = tmp_path / "a.rdraft"
    first, second = ProjectLock(path), ProjectLock(path)
    first.acquire()
    assert second.acquire(force=True) is None and second.held
    assert read_owner(path).token == second.token
    first.release()  # must not remove the new owner's lock
    assert read_owner(path).token == second.token
    second.release()


def _dead_pid() -> int:
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)
    return int(proc.stdout)


def test_stale_lock_of_a_dead_process_is_taken_over(tmp_path):
    import json
    import socket
    path = tmp_path / "a.rdraft"
    lock_path(path).write_text(json.dumps({"pid": _dead_pid(), "host": socket.gethostname(),
                                           "user": "张三", "since": time.time() - 3600,
                                           "token": "old"}), encoding="utf-8")
    assert is_stale(read_owner(path))
    assert locked_by_other(path) is None
    lock = ProjectLock(path)
    assert lock.acquire() is None and lock.held
    assert read_owner(path).token == lock.token
    lock.release()


@pytest.mark.parametrize("content", [b"", b"{", b"\xff\xfe\x00garbage", b'{"pid": "x"}'])
def test_garbled_lock_is_stale(tmp_path, content):
    path = tmp_path / "a.rdraft"
    lock_path(path).write_bytes(content)
    assert is_stale(read_owner(path))
    lock = ProjectLock(path)
    assert lock.acquire() is None and lock.held
    lock.release()


def test_lock_from_another_computer_is_respected(tmp_path):
    import json
    path = tmp_path / "a.rdraft"
    lock_path(path).write_text(json.dumps({"pid": 1, "host": "另一台电脑-不存在", "user": "李四",
                                           "since": time.time(), "token": "t"}),
                               encoding="utf-8")
    owner = ProjectLock(path).acquire()
    assert owner is not None and owner.user == "李四"
    assert "李四" in owner.describe() and "另一台电脑-不存在" in owner.describe()


def test_unwritable_folder_opens_without_a_lock(tmp_path, monkeypatch):
    def refuse(*a, **k):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    lock = ProjectLock(tmp_path / "a.rdraft")
    assert lock.acquire() is None and not lock.held
    lock.release()


# run from the repository root: "-c" puts the working folder first on sys.path
HOLDER = """
import sys, time
from desktop.file_lock import ProjectLock
lock = ProjectLock(sys.argv[1])
print("HELD" if lock.acquire() is None and lock.held else "REFUSED", flush=True)
sys.stdin.readline()
lock.release()
"""


def test_second_process_is_told_and_stale_after_a_crash(tmp_path):
    path = tmp_path / "共用.rdraft"
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(path)], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().strip() == "HELD"
        owner = locked_by_other(path)
        assert owner is not None and owner.pid == proc.pid
        assert f"进程 {proc.pid}" in owner.describe()
        mine = ProjectLock(path)
        assert mine.acquire() is not None and not mine.held
        proc.kill()  # a crash: the lock file stays behind
        proc.wait(timeout=10)
        assert lock_path(path).exists()
        assert locked_by_other(path) is None
        assert mine.acquire() is None and mine.held
        mine.release()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


# -- changed on disk ---------------------------------------------------------------------------
def test_changed_on_disk(tmp_path):
    path = tmp_path / "a.rdraft"
    path.write_bytes(b"one")
    stamp = FileStamp.of(path)
    assert not changed_on_disk(path, stamp)
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))
    assert not changed_on_disk(path, stamp)  # touched, same content
    path.write_bytes(b"two")
    assert changed_on_disk(path, stamp)
    path.write_bytes(b"one")
    assert not changed_on_disk(path, stamp)
    path.unlink()
    assert changed_on_disk(path, stamp)
    assert FileStamp.of(path) is None
    assert not changed_on_disk(path, None)


def test_os_error_reasons():
    assert os_error_reason(OSError(errno.ENOSPC, "x")) == "磁盘空间不足"
    assert "正被其他程序" in os_error_reason(PermissionError(13, "x"))
    assert "读取" in os_error_reason(PermissionError(13, "x"), reading=True)
    assert "只读" in os_error_reason(OSError(errno.EROFS, "x"))
    assert os_error_reason(OSError(errno.EBUSY, "Device busy")) == "Device busy"
    assert file_lock.pid_alive(os.getpid()) and not file_lock.pid_alive(_dead_pid())


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="root writes into read-only folders; simulated above instead")
def test_save_and_export_into_a_real_read_only_folder(project):
    import stat
    path, data, bak, doc = project
    folder = path.parent
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        with pytest.raises(ProjectFileError, match="没有写入权限"):
            save(doc, path)
        with pytest.raises(ExportError, match="没有写入权限|只读"):
            export_docx(doc, folder / "x.docx")
    finally:
        folder.chmod(stat.S_IRWXU)
    assert_intact(path, data, bak)
