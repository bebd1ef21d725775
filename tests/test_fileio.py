"""``desktop.fileio``: the words for why a file could not be written or read
(``os_error_reason``), and the atomic write refusing a real read-only folder
through both its writers (a project's save, an export).

The file-fault tests of each writer (a full disk, a file another program
holds open, no permission) patch the os calls, in test_project_file.py,
test_export_docx.py and test_cli.py: the tests run as root here, so
``chmod`` cannot block a write — the real read-only folder below is
skipped as root.
"""

from __future__ import annotations

import errno
import os
import sys

import pytest

from desktop.errors import ExportError, ProjectFileError
from desktop.export_docx import export_docx
from desktop.fileio import os_error_reason
from desktop.project_file import save
from tests.tooling import assert_intact


def test_os_error_reasons():
    assert os_error_reason(OSError(errno.ENOSPC, "x")) == "磁盘空间不足"
    assert "正被其他程序" in os_error_reason(PermissionError(13, "x"))
    assert "读取" in os_error_reason(PermissionError(13, "x"), reading=True)
    assert "只读" in os_error_reason(OSError(errno.EROFS, "x"))
    assert os_error_reason(OSError(errno.EBUSY, "Device busy")) == "Device busy"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0,
                    reason="root writes into read-only folders; simulated with patched os calls instead")
def test_save_and_export_into_a_real_read_only_folder(saved_project):
    import stat
    path, data, bak, doc = saved_project
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
