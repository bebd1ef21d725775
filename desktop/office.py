"""The LibreOffice bridge: PDF export and .doc/.wps → .docx conversion.

soffice runs headless with its own throwaway profile (so it never touches
or waits on the user's), under a timeout (old .wps files have hung it), and
lets LibreOffice detect the input filter.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import ExportError, ImportDocumentError

DEFAULT_TIMEOUT = 180


def soffice_path() -> str | None:
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    for candidate in (r"C:\Program Files\LibreOffice\program\soffice.exe",
                      r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
                      "/Applications/LibreOffice.app/Contents/MacOS/soffice"):
        if os.path.exists(candidate):
            return candidate
    return None


def _convert(src: Path, outdir: Path, target: str, timeout: float, error_type) -> Path:
    soffice = soffice_path()
    if not soffice:
        raise error_type("未安装 LibreOffice（soffice），无法转换", path=str(src))
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rd-lo-") as profile, \
            tempfile.TemporaryDirectory(prefix="rd-out-") as tmpout:
        cmd = [soffice, f"-env:UserInstallation=file://{Path(profile).as_posix()}",
               "--headless", "--norestore", "--convert-to", target,
               "--outdir", tmpout, str(src)]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            raise error_type(f"LibreOffice 转换超时（{int(timeout)} 秒）", path=str(src)) from None
        except OSError as e:
            raise error_type(f"无法启动 LibreOffice（{e.strerror}）", path=str(src)) from None
        ext = target.split(":")[0]
        produced = Path(tmpout) / f"{src.stem}.{ext}"
        if proc.returncode != 0 or not produced.exists():
            detail = (proc.stderr or proc.stdout).decode("utf-8", "replace").strip().splitlines()
            raise error_type("LibreOffice 转换失败" + (f"（{detail[-1]}）" if detail else ""),
                             path=str(src))
        final = outdir / produced.name
        tmp_final = outdir / f".{produced.name}.tmp"
        try:
            shutil.copyfile(produced, tmp_final)
            os.replace(tmp_final, final)
        except OSError as e:
            try:
                tmp_final.unlink()
            except OSError:
                pass
            raise error_type(f"无法写入 {final}（{e.strerror}）", path=str(src)) from None
        return final


def convert_to_pdf(docx: str | os.PathLike, outdir: str | os.PathLike,
                   timeout: float = DEFAULT_TIMEOUT) -> Path:
    return _convert(Path(docx), Path(outdir), "pdf", timeout, ExportError)


def convert_to_docx(path: str | os.PathLike, outdir: str | os.PathLike,
                    timeout: float = DEFAULT_TIMEOUT) -> Path:
    """.doc / .wps / .odt → .docx (filter detected by LibreOffice)."""
    return _convert(Path(path), Path(outdir), "docx", timeout, ImportDocumentError)
