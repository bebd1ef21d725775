"""What a file really is, from its first bytes, never from its name.

Clerks' disks hold ``.doc`` files that are web pages or plain text saved
from a site, ``.txt`` files in UTF-8, UTF-8 with a BOM or GB18030, and
Word files renamed at will.  ``sniff`` looks at the content:

- ``zip``  — PK…: a .docx (or not a Word package at all: checked on opening);
- ``ole``  — D0 CF 11 E0: Word 97–2003 .doc, .wps, .dot (or an encrypted .docx);
- ``rtf``  — ``{\\rtf``;
- ``html`` — text that starts with a tag (``<html``, ``<!DOCTYPE``, ``<?xml`` + html …);
- ``mht``  — a single-file web page (MIME, as Word/IE save them; often renamed .doc);
- ``text`` — anything that decodes as text;
- ``rdraft`` — by its suffix (the project file, JSON).
Anything else is refused with one ``ImportDocumentError`` naming the file.
"""

from __future__ import annotations

import codecs
import os
import re
from pathlib import Path

from ..errors import ImportDocumentError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK"
MAX_TEXT = 32 * 1024 * 1024  # a text file beyond this is no document a clerk wrote
ZIP_SUFFIXES = (".docx", ".docm", ".dotx")
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|div|p|table|\?xml)\b",
                         re.I | re.S)


def _read(path: Path, size: int) -> bytes:
    try:
        with open(path, "rb") as f:
            return f.read(size)
    except FileNotFoundError:
        raise ImportDocumentError("文件不存在", path=str(path)) from None
    except IsADirectoryError:
        raise ImportDocumentError("这是一个文件夹，不是文档", path=str(path)) from None
    except PermissionError:
        raise ImportDocumentError("没有读取权限，无法打开文件", path=str(path)) from None
    except OSError as e:
        raise ImportDocumentError(f"无法读取文件（{e.strerror}）", path=str(path)) from None


def sniff(path: str | os.PathLike) -> str:
    """The kind of the file: "zip", "ole", "rtf", "html", "text" or "rdraft"."""
    p = Path(path)
    head = _read(p, 4096)
    if not head:
        raise ImportDocumentError("文件是空的（0 字节），不是有效的文档", path=str(p))
    if p.suffix.lower() == ".rdraft":
        return "rdraft"
    if head.startswith(ZIP_MAGIC):
        return "zip"
    if head.startswith(OLE_MAGIC):
        return "ole"
    if head.lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"%PDF"):
        raise ImportDocumentError("这是 PDF 文件，不是 Word 文档；请用 Word/WPS 另存为 .docx 或复制文字后粘贴",
                                  path=str(p))
    if p.suffix.lower() in ZIP_SUFFIXES:
        # a .docx is a zip package; text under that name is a mistake, not a document
        raise ImportDocumentError("不是 Word 文档（.docx 文件应为压缩包，这个文件不是）", path=str(p))
    if decode_text(head, partial=True) is None:
        raise ImportDocumentError("不是 Word 文档，也不是文本文件（应为 .docx、.doc、.wps 或 .txt）",
                                  path=str(p))
    view = _ascii_view(head)
    if _MHT_START.match(view):
        return "mht"
    return "html" if _HTML_START.match(view) else "text"


_MHT_START = re.compile(rb"^\s*(?:(?:From|Subject|Date|X-[\w-]+|Content-Location|Content-Transfer-Encoding)"
                        rb"\s*:[^\n]*\n\s*)*MIME-Version\s*:", re.I)


def mht_html(data: bytes) -> str:
    """The HTML of a single-file web page (.mht): its first text/html part, decoded."""
    import email
    from email import policy
    message = email.message_from_bytes(data, policy=policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)  # bytes; None for a multipart part
            if not isinstance(payload, bytes):
                payload = b""
            charset = part.get_content_charset()
            if charset:
                try:
                    return payload.decode(charset, "replace")
                except LookupError:
                    pass
            return decode_text(payload) or payload.decode("utf-8", "replace")
    return ""


def _ascii_view(head: bytes) -> bytes:
    for bom, enc in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(bom):
            return head[len(bom):].decode(enc, "replace").encode("ascii", "replace")
    return head[3:] if head.startswith(codecs.BOM_UTF8) else head


def _looks_like_text(text: str) -> bool:
    if not text:
        return True
    bad = sum(1 for c in text if (ord(c) < 32 and c not in "\r\n\t\f\v") or c == "\ufffd")
    return bad <= max(2, len(text) // 200)


def decode_text(data: bytes, partial: bool = False) -> str | None:
    """The text of a file's bytes — UTF-8 (with or without BOM), UTF-16 with
    a BOM, else GB18030 (which also reads GBK/GB2312) — or None when it is
    not text.  ``partial``: ``data`` is a head cut anywhere (a character
    may be split at its end)."""
    encodings: tuple[str, ...]
    if data.startswith(codecs.BOM_UTF8):
        data = data[3:]
        encodings = ("utf-8",)
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    else:
        if b"\0" in data:
            return None
        encodings = ("utf-8", "gb18030")
    for enc in encodings:
        chunk = data
        for cut in range(4 if partial else 1):
            try:
                text = (chunk[:len(chunk) - cut] if cut else chunk).decode(enc)
            except UnicodeDecodeError:
                continue
            return text if _looks_like_text(text) else None
    return None


def read_bytes(path: str | os.PathLike, what: str = "文件") -> bytes:
    """The bytes of a text-like file, refusing what no clerk's document is
    (``what`` names the kind of file in the message)."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except OSError as e:
        raise ImportDocumentError(f"无法读取文件（{e.strerror}）", path=str(p)) from None
    if size > MAX_TEXT:
        raise ImportDocumentError(f"{what}过大（约 {size // (1024 * 1024)} MB），无法读取", path=str(p))
    return _read(p, MAX_TEXT + 1)


def read_text_file(path: str | os.PathLike) -> str:
    """The decoded text of a text/HTML file, or ImportDocumentError."""
    p = Path(path)
    text = decode_text(read_bytes(p, "文本文件"))
    if text is None:
        raise ImportDocumentError("文件不是可识别的文本（编码应为 UTF-8 或 GB18030）", path=str(p))
    return text
