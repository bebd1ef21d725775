"""Opening last year's file: .docx, .doc/.wps (through LibreOffice), text
and web pages (``.txt``, or a ``.doc`` that is really text/HTML), or .rdraft.
What a file is comes from its content (``sniff``), not from its name.

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
from .plaintext import html_text, text_paragraphs
from .sniff import mht_html, read_bytes, read_text_file, sniff
from .wordxml import Para, ParagraphReader

WORD_SUFFIXES = (".docx", ".docm", ".dotx")
CONVERTED_SUFFIXES = (".doc", ".wps", ".wpt", ".dot", ".rtf", ".odt")
TEXT_SUFFIXES = (".txt", ".text", ".htm", ".html", ".mht")
SUFFIXES = WORD_SUFFIXES + CONVERTED_SUFFIXES + TEXT_SUFFIXES + (".rdraft",)


def check_file(path: str | os.PathLike) -> str:
    """How the file is read — "docx", "convert" (LibreOffice), "text",
    "html" or "rdraft" — from its content, or the error."""
    kind = sniff(path)
    if kind == "zip":
        return "docx"
    if kind == "ole" and Path(path).suffix.lower() in WORD_SUFFIXES:
        raise ImportDocumentError(
            "文件已加密（设有打开密码）或为旧版格式，无法读取；请在 Word/WPS 中取消密码后另存为 .docx",
            path=str(path))
    if kind in ("ole", "rtf"):
        return "convert"
    return kind


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


def docx_paragraphs(path: str | os.PathLike) -> tuple[list[Para], str]:
    """(paragraphs, the document's id of the closing style or "") of a .docx."""
    document = open_docx(path)
    try:
        reader = ParagraphReader(document)
        paras = reader.paragraphs()
    except DrafterError:
        raise
    except Exception as e:
        raise ImportDocumentError(f"无法读取文档内容（{type(e).__name__}: {e}）", path=str(path)) from None
    return paras, reader.styles.find(CLOSING.style_id, CLOSING.style) or ""


def read_docx(path: str | os.PathLike) -> Recovered:
    paras, closing_style = docx_paragraphs(path)
    # a document that defines the closing style marks its closing: nothing to guess
    return recover(paras, closing_style=closing_style or None)


def convert(path: str | os.PathLike, outdir: str | os.PathLike, timeout: float | None = None) -> Path:
    """.doc/.wps → .docx through LibreOffice, with a clear message without it."""
    from ..office import DEFAULT_TIMEOUT, convert_to_docx, soffice_path
    if not soffice_path():
        raise ImportDocumentError(
            "读取 .doc/.wps 文件需要安装 LibreOffice；也可以在 Word/WPS 中另存为 .docx 后再导入",
            path=str(path))
    return convert_to_docx(path, outdir, timeout=timeout or DEFAULT_TIMEOUT)


def paragraphs_of(path: str | os.PathLike) -> tuple[list[Para], str]:
    """(paragraphs, closing style id or "") of any document but a project:
    .docx read directly; .doc/.wps/.rtf through LibreOffice; text and web
    pages (whatever their name says) decoded and split into paragraphs."""
    kind = check_file(path)
    if kind == "rdraft":
        raise ImportDocumentError("项目文件请用 outline_json/import_document 读取", path=str(path))
    if kind == "docx":
        return docx_paragraphs(path)
    if kind in ("text", "html"):
        text = read_text_file(path)
        return text_paragraphs(html_text(text) if kind == "html" else text), ""
    if kind == "mht":
        html = mht_html(read_bytes(path))
        if not html.strip():
            raise ImportDocumentError("网页文件中没有可读取的正文", path=str(path))
        return text_paragraphs(html_text(html)), ""
    with tempfile.TemporaryDirectory(prefix="rd-import-") as tmp:
        converted = convert(path, tmp)
        try:
            return docx_paragraphs(converted)
        except ImportDocumentError as e:
            raise ImportDocumentError(f"转换后的文件无法读取：{e.message}", path=str(path)) from None


def read_any(path: str | os.PathLike) -> Recovered:
    """Outline of a .docx, .doc, .wps, text or web-page file (not .rdraft)."""
    paras, closing_style = paragraphs_of(path)
    return recover(paras, closing_style=closing_style or None)


def read_text(text: str) -> Recovered:
    """Outline of text pasted into the window."""
    return recover(text_paragraphs(text))
