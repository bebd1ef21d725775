"""Opening last year's file: .docx, .doc/.wps (through LibreOffice) or .rdraft.

Every way a file can be unusable — missing, empty, encrypted (a .docx with
an opening password is an OLE compound file), corrupt zip, a zip that is
not a Word document, plain text renamed .docx — ends in one
``ImportDocumentError`` naming the file and the problem.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from pathlib import Path

from ..errors import DrafterError, ImportDocumentError
from ..gbt9704 import CLOSING
from .outline import Recovered, recover
from .wordxml import ParagraphReader

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
WORD_SUFFIXES = (".docx", ".docm", ".dotx")
CONVERTED_SUFFIXES = (".doc", ".wps", ".wpt", ".dot", ".rtf", ".odt")
SUFFIXES = WORD_SUFFIXES + CONVERTED_SUFFIXES + (".rdraft",)


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(8)
    except FileNotFoundError:
        raise ImportDocumentError("文件不存在", path=str(path)) from None
    except IsADirectoryError:
        raise ImportDocumentError("这是一个文件夹，不是文档", path=str(path)) from None
    except OSError as e:
        raise ImportDocumentError(f"无法读取文件（{e.strerror}）", path=str(path)) from None


def check_file(path: str | os.PathLike) -> str:
    """The kind of the file — "docx", "convert" or "rdraft" — or the error."""
    p = Path(path)
    head = _head(p)
    suffix = p.suffix.lower()
    if not head:
        raise ImportDocumentError("文件是空的（0 字节），不是有效的文档", path=str(p))
    if suffix == ".rdraft":
        return "rdraft"
    if head.startswith(ZIP_MAGIC) or head.startswith(b"PK"):
        return "docx"
    if head.startswith(OLE_MAGIC):
        if suffix in WORD_SUFFIXES:
            raise ImportDocumentError(
                "文件已加密（设有打开密码）或为旧版格式，无法读取；请在 Word/WPS 中取消密码后另存为 .docx",
                path=str(p))
        return "convert"
    if suffix in (".rtf",) or head.startswith(b"{\\rtf"):
        return "convert"
    raise ImportDocumentError("不是 Word 文档（应为 .docx、.doc 或 .wps 文件）", path=str(p))


# Uncompressed sizes beyond which a package is refused before anything is
# decompressed: a zip bomb, or no document a clerk would write.
MAX_XML_PART = 64 * 1024 * 1024
MAX_PACKAGE = 1024 * 1024 * 1024


def _refuse_too_large(infos, path: str) -> None:
    total = sum(i.file_size for i in infos)
    xml = max((i.file_size for i in infos if i.filename.lower().endswith((".xml", ".rels"))), default=0)
    if xml > MAX_XML_PART or total > MAX_PACKAGE:
        raise ImportDocumentError(
            f"文件过大或已损坏（解压后约 {max(total, xml) // (1024 * 1024)} MB），无法读取", path=path)


def open_docx(path: str | os.PathLike):
    """python-docx Document, or ImportDocumentError."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    p = str(path)
    try:
        with zipfile.ZipFile(p) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            _refuse_too_large(infos, p)
            bad = z.testzip()
    except ImportDocumentError:
        raise
    except zipfile.BadZipFile:
        raise ImportDocumentError("文件已损坏（不是完整的 .docx 压缩包）", path=p) from None
    except OSError as e:
        raise ImportDocumentError(f"无法读取文件（{e.strerror or e}）", path=p) from None
    except Exception as e:  # zlib.error, unsupported compression, encrypted entries, bad names …
        raise ImportDocumentError(f"文件已损坏（压缩包无法解压：{type(e).__name__}）", path=p) from None
    if bad is not None:
        name = "".join(c if c.isprintable() else "?" for c in bad)[:100]
        raise ImportDocumentError(f"文件已损坏（压缩包中的 {name} 无法解压）", path=p)
    if "[Content_Types].xml" not in names or not any(n.startswith("word/") for n in names):
        raise ImportDocumentError("不是 Word 文档（压缩包中没有 word/document.xml）", path=p)
    try:
        return docx.Document(p)
    except PackageNotFoundError:
        raise ImportDocumentError("不是 Word 文档", path=p) from None
    except (ValueError, KeyError) as e:
        raise ImportDocumentError(f"不是可读取的 Word 文档（{e}）", path=p) from None
    except Exception as e:  # lxml syntax errors and the like
        raise ImportDocumentError(f"文件已损坏，无法解析（{type(e).__name__}）", path=p) from None


def read_docx(path: str | os.PathLike) -> Recovered:
    document = open_docx(path)
    try:
        reader = ParagraphReader(document)
        paras = reader.paragraphs()
    except DrafterError:
        raise
    except Exception as e:
        raise ImportDocumentError(f"无法读取文档内容（{type(e).__name__}: {e}）", path=str(path)) from None
    # a document that defines the closing style marks its closing: nothing to guess
    return recover(paras, closing_style=reader.styles.find(CLOSING.style_id, CLOSING.style) or None)


def convert(path: str | os.PathLike, outdir: str | os.PathLike, timeout: float | None = None) -> Path:
    """.doc/.wps → .docx through LibreOffice, with a clear message without it."""
    from ..office import DEFAULT_TIMEOUT, convert_to_docx, soffice_path
    if not soffice_path():
        raise ImportDocumentError(
            "读取 .doc/.wps 文件需要安装 LibreOffice；也可以在 Word/WPS 中另存为 .docx 后再导入",
            path=str(path))
    return convert_to_docx(path, outdir, timeout=timeout or DEFAULT_TIMEOUT)


def read_any(path: str | os.PathLike) -> Recovered:
    """Outline of a .docx, .doc or .wps file (not .rdraft)."""
    kind = check_file(path)
    if kind == "rdraft":
        raise ImportDocumentError("项目文件请用 outline_json/import_document 读取", path=str(path))
    if kind == "docx":
        return read_docx(path)
    with tempfile.TemporaryDirectory(prefix="rd-import-") as tmp:
        converted = convert(path, tmp)
        try:
            return read_docx(converted)
        except ImportDocumentError as e:
            raise ImportDocumentError(f"转换后的文件无法读取：{e.message}", path=str(path)) from None
