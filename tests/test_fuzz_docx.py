"""Fuzzing the .docx importer (hypothesis): ``outline_json`` / ``import_document``.

Inputs are mutated packages built from two realistic seeds — a built-in
example exported by ``desktop.export_docx`` and a python-docx document
with Word automatic numbering (numbering.xml, numbered styles, a table,
content controls, tracked changes) — at every layer: the zip bytes, the
package parts (missing, renamed, wrong content type, rels pointing
nowhere), the XML trees and the XML text, the numbering definitions, and
pathological text.  Fixed cases cover deep nesting, huge paragraphs, XML
bombs and external entities, zip bombs, and the CLI.

Every failure must be ``ImportDocumentError`` (``DrafterError`` for the
roll-forward of ``import_document``): never another exception, a hang or a
crash.  Each case runs under a time limit (SIGALRM raising an exception the
code under test cannot swallow, with a faulthandler backstop for C code).
CI runs about 200 cases per target; ``fuzz_full`` runs 10,000 per target:
``python -m pytest -m fuzz_full tests/test_fuzz_docx.py``.
"""

from __future__ import annotations

import copy
import faulthandler
import functools
import io
import json
import random
import signal
import struct
import subprocess
import sys
import time
import warnings
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from desktop.cli import main
from desktop.errors import DrafterError, ImportDocumentError
from desktop.reuse import import_document, outline_json

CI_CASES = 200
FULL_CASES = 10_000
COMMON = dict(deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                     HealthCheck.function_scoped_fixture,
                                                     HealthCheck.data_too_large])
CASE_SECONDS = 10  # one read of one mutated file (normal reads take ~30 ms)
HARD_SECONDS = 120  # faulthandler kills the run if C code never returns

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NSDECL = f'xmlns:w="{W_NS}"'


def w(tag: str) -> str:
    return f"{{{W_NS}}}{tag}"


# == time limit ==================================================================
class CaseTimeout(BaseException):
    """Raised by the alarm: a BaseException, so no ``except Exception`` in
    the code under test can turn a hang into a passing ImportDocumentError."""


@contextmanager
def time_limit(seconds: float = CASE_SECONDS):
    def on_alarm(signum, frame):
        raise CaseTimeout(f"case took longer than {seconds} s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    faulthandler.dump_traceback_later(HARD_SECONDS, exit=True, file=sys.__stderr__)
    start = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)
        faulthandler.cancel_dump_traceback_later()
    elapsed = time.monotonic() - start
    assert elapsed < seconds, f"case took {elapsed:.1f} s"


# == reading one file ============================================================
def _check_shape(data: dict) -> None:
    assert set(data) == {"title", "preamble", "sections", "closing", "attachments"}
    assert isinstance(data["title"], str)
    assert all(isinstance(t, str) for t in data["preamble"] + data["closing"])

    def sections(items, depth):
        assert depth <= 4 or not items
        for s in items:
            assert s["level"] in (1, 2, 3, 4)
            assert isinstance(s["number"], str) and isinstance(s["title"], str)
            assert all(isinstance(t, str) for t in s["body"])
            sections(s["children"], depth + 1)

    sections(data["sections"], 1)
    json.dumps(data, ensure_ascii=False)


LAST_ERROR = [""]  # the message of the last refusal, for assertion messages


def read_case(path: Path, *, also_import: bool = False, seconds: float = CASE_SECONDS) -> str:
    """"ok" or "error" (an ImportDocumentError naming the file on one line)."""
    with time_limit(seconds):
        try:
            data = outline_json(path)
        except ImportDocumentError as e:
            message = str(e)
            assert "\n" not in message and str(path) in message and e.message
            LAST_ERROR[:] = [message]
            return "error"
        _check_shape(data)
        if also_import:
            try:
                doc = import_document(path, 2027)
            except DrafterError:
                return "ok"
            assert doc.properties.year == 2027
    return "ok"


# == packages ====================================================================
Package = list  # [(name, bytes)] in zip order


def zip_bytes(parts: Package, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are a mutation too
        with zipfile.ZipFile(buf, "w", compression) as z:
            for name, data in parts:
                z.writestr(name, data)
    return buf.getvalue()


def unzip(data: bytes) -> Package:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return [(i.filename, z.read(i.filename)) for i in z.infolist()]


@functools.lru_cache(maxsize=None)
def exported_seed() -> bytes:
    from desktop.examples import load_example
    from desktop.export_docx import build_docx
    return build_docx(load_example("plan-county"))


def _lvl(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}<w:lvlJc w:val="left"/></w:lvl>')


NUMBERING_SEED = (
    f"<w:numbering {NSDECL}>"
    '<w:abstractNum w:abstractNumId="0">'
    + _lvl(0, "chineseCounting", "%1、", extra='<w:pStyle w:val="Heading1"/>')
    + _lvl(1, "chineseCounting", "（%2）")
    + _lvl(2, "decimal", "%3.")
    + _lvl(3, "decimal", "（%4）")
    + _lvl(4, "lowerLetter", "%1.%2.%5", extra='<w:isLgl/><w:lvlRestart w:val="1"/>')
    + "</w:abstractNum>"
    '<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="ListStyle"/></w:abstractNum>'
    '<w:abstractNum w:abstractNumId="2"><w:styleLink w:val="ListStyle"/>'
    + _lvl(0, "upperRoman", "%1)") + _lvl(1, "decimalEnclosedCircle", "%2")
    + "</w:abstractNum>"
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
    '<w:num w:numId="2"><w:abstractNumId w:val="0"/>'
    '<w:lvlOverride w:ilvl="2"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    '<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>'
    '<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>'
    "</w:numbering>")


@functools.lru_cache(maxsize=None)
def numbered_seed() -> bytes:
    """A python-docx document numbered by Word (numbering.xml), with styles
    carrying numbering, a table, a content control and tracked changes."""
    import docx
    from docx.oxml import parse_xml

    d = docx.Document()
    d.part.numbering_part._element = parse_xml(NUMBERING_SEED)
    styles = d.styles.element
    styles.append(parse_xml(
        f'<w:style {NSDECL} w:type="paragraph" w:styleId="ListStyle"><w:name w:val="List Style"/>'
        '<w:pPr><w:numPr><w:numId w:val="4"/></w:numPr></w:pPr></w:style>'))
    styles.append(parse_xml(
        f'<w:style {NSDECL} w:type="paragraph" w:styleId="Item3"><w:name w:val="Item 3"/>'
        '<w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/>'
        '</w:numPr><w:outlineLvl w:val="2"/></w:pPr></w:style>'))
    body = d.element.body

    def para(inner: str, ppr: str = "") -> None:
        body.insert(len(body) - 1, parse_xml(f"<w:p {NSDECL}><w:pPr>{ppr}</w:pPr>{inner}</w:p>"))

    def run(text: str) -> str:
        return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'

    def num(num_id: int, ilvl: int) -> str:
        return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'

    para(run("青山县教育局2026年工作总结"), '<w:jc w:val="center"/>')
    para(run("各学校："))
    para(run("2026年，全县教育系统认真贯彻落实上级部署，现将工作总结如下。"))
    para(run("主要工作"), '<w:pStyle w:val="Heading1"/>' + num(1, 0))
    para(run("学前教育"), num(1, 1))
    para(run("新建幼儿园3所。") + '<w:ins w:id="1" w:author="a"><w:r><w:t>新增学位900个。</w:t></w:r></w:ins>'
         '<w:del w:id="2" w:author="a"><w:r><w:delText>删去的文字</w:delText></w:r></w:del>', num(1, 2))
    para(run("义务教育"), '<w:pStyle w:val="Item3"/>')
    para(run("提高质量"), num(1, 3))
    para(run("细目"), num(1, 4))
    body.insert(len(body) - 1, parse_xml(
        f"<w:sdt {NSDECL}><w:sdtPr/><w:sdtContent><w:p><w:pPr>{num(2, 2)}</w:pPr>{run('内容控件中的条目')}"
        "</w:p></w:sdtContent></w:sdt>"))
    tbl = d.add_table(rows=2, cols=3)
    for r, row in enumerate([("指标", "上年", "本年"), ("入园率", "92%", "94%")]):
        for c, text in enumerate(row):
            tbl.cell(r, c).text = text
    body.remove(tbl._tbl)
    body.insert(len(body) - 1, tbl._tbl)
    para(run("存在问题"), num(1, 0))
    para(run("经费不足。"), num(3, 0))
    para(run("师资短缺。"), num(4, 1))
    para(run("特此报告。"))
    para(run("青山县教育局"), '<w:jc w:val="right"/>')
    para(run("2026年12月20日"), '<w:jc w:val="right"/>')
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


SEEDS = {"exported": exported_seed, "numbered": numbered_seed}


@functools.lru_cache(maxsize=None)
def seed_parts(name: str) -> tuple:
    return tuple(unzip(SEEDS[name]()))


def write(tmp_path: Path, data: bytes, name: str = "mutated.docx") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# == byte-level mutations of the whole file =====================================
JUNK = [b"", b"\0", b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06", b"\xff" * 8, b"<w:p>", b"\x00" * 64]


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(7)
        if not buf:
            buf = bytearray(rng.choice(JUNK))
            continue
        at = rng.randrange(len(buf))
        if op == 0:  # truncate
            del buf[at:]
        elif op == 1:  # flip bits
            for _ in range(rng.randint(1, 8)):
                k = rng.randrange(len(buf))
                buf[k] ^= 1 << rng.randrange(8)
        elif op == 2:  # overwrite a range with a fixed byte
            n = rng.randint(1, 64)
            buf[at:at + n] = bytes([rng.choice([0, 0xFF, 0x41])]) * len(buf[at:at + n])
        elif op == 3:  # insert junk
            buf[at:at] = rng.choice(JUNK) or bytes(rng.randrange(256) for _ in range(rng.randint(1, 32)))
        elif op == 4:  # delete a range
            del buf[at:at + rng.randint(1, 256)]
        elif op == 5:  # damage a zip header field (sizes, offsets, CRC, name length)
            sig = rng.choice([b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"])
            hits = [i for i in range(len(buf)) if buf.startswith(sig, i)]
            if hits:
                base = rng.choice(hits)
                field = base + rng.randrange(4, 46)
                value = rng.choice([0, 1, 0xFFFF, 0xFFFFFFFF, rng.randrange(2**32)])
                if field + 4 <= len(buf):
                    struct.pack_into("<I", buf, field, value)
        else:  # append junk / duplicate a slice
            buf += buf[at:at + rng.randint(1, 2048)]
    return bytes(buf)


def check_bytes(tmp_path, seed: str, rnd: int, capsys=None) -> str:
    data = mutate_bytes(SEEDS[seed](), random.Random(rnd))
    path = write(tmp_path, data)
    result = read_case(path)
    if capsys is not None:  # the CLI says the same thing on one line, exit 2 (or 0)
        capsys.readouterr()
        with time_limit():
            status = main(["outline", str(path), "--json"])
        out, err = capsys.readouterr()
        if result == "error":
            assert status == 2 and out == "" and len(err.strip().splitlines()) == 1, err
        else:
            assert status == 0 and err == ""
    return result


bytes_args = dict(seed=st.sampled_from(sorted(SEEDS)), rnd=st.integers(0, 2**32))


@settings(max_examples=CI_CASES, **COMMON)
@given(**bytes_args)
def test_fuzz_docx_bytes(tmp_path, capsys, seed, rnd):
    check_bytes(tmp_path, seed, rnd, capsys)


@pytest.mark.fuzz_full
@settings(max_examples=FULL_CASES, **COMMON)
@given(**bytes_args)
def test_fuzz_docx_bytes_full(tmp_path, capsys, seed, rnd):
    check_bytes(tmp_path, seed, rnd, capsys)


@settings(max_examples=CI_CASES // 4, **COMMON)
@given(st.binary(max_size=600), st.sampled_from([b"", b"PK", b"PK\x03\x04", b"PK\x05\x06"]))
def test_fuzz_docx_random_bytes(tmp_path, raw, head):
    assert read_case(write(tmp_path, head + raw)) == "error" or head + raw == b""


# == package-level mutations =====================================================
CONTENT_TYPES = [
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml",
    "application/vnd.openxmlformats-package.relationships+xml",
    "application/xml", "text/plain", "image/png", "", "x/y;z",
]
TARGETS = ["nowhere.xml", "../../../etc/passwd", "/word/document.xml", "word/document.xml",
           "document.xml", "styles.xml", "numbering.xml", "", "http://example.com/x.xml",
           "%2e%2e/x", "media/../../[Content_Types].xml", "\u5f53\u524d.xml", "a" * 300]
GARBAGE = [b"", b"not xml", b"<?xml version='1.0'?>", b"<a>", b"\xef\xbb\xbf",
           b"<?xml version='1.0' encoding='utf-16'?><x/>", b"\xff\xfe<\x00x\x00/\x00>\x00",
           f"<w:document {NSDECL}/>".encode(), f"<w:document {NSDECL}><w:body/></w:document>".encode(),
           f"<w:numbering {NSDECL}/>".encode(), f"<w:styles {NSDECL}/>".encode(),
           b"<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>",
           b"<Relationships xmlns='http://schemas.openxmlformats.org/package/2006/relationships'/>"]


def _edit_xml(data: bytes, edit) -> bytes:
    try:
        root = etree.fromstring(data)
    except etree.XMLSyntaxError:
        return data
    edit(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def mutate_package(parts: Package, rng: random.Random) -> tuple[Package, int, tuple | None]:
    """(parts, compression, (k, crc) to write as entry k's CRC or None)."""
    parts = [list(p) for p in parts]
    compression = zipfile.ZIP_DEFLATED
    for _ in range(rng.randint(1, 3)):
        if not parts:
            break
        k = rng.randrange(len(parts))
        name = parts[k][0]
        op = rng.randrange(9)
        if op == 0:  # a part goes missing (often the important ones)
            if rng.random() < 0.5:
                name = rng.choice(["word/document.xml", "[Content_Types].xml", "_rels/.rels",
                                   "word/_rels/document.xml.rels", "word/styles.xml",
                                   "word/numbering.xml"])
            parts = [p for p in parts if p[0] != name]
        elif op == 1:  # a part replaced by garbage or by another part
            parts[k][1] = rng.choice(GARBAGE + [rng.choice(parts)[1]])
        elif op == 2:  # renamed
            parts[k][0] = rng.choice(["word/Document.xml", "word/document.xml", "x/" + name, name.upper(),
                                      name + ".bak", "word/numbering.xml", "word/styles.xml"])
        elif op == 3:  # content types: wrong, missing, duplicated
            def edit(root):
                items = list(root)
                if not items:
                    return
                el = rng.choice(items)
                act = rng.randrange(3)
                if act == 0:
                    el.set("ContentType", rng.choice(CONTENT_TYPES))
                elif act == 1:
                    root.remove(el)
                else:
                    root.append(copy.deepcopy(el))
                    if "PartName" in el.attrib:
                        el.set("PartName", "/" + rng.choice(TARGETS).lstrip("/"))
            parts = [[n, _edit_xml(d, edit) if n == "[Content_Types].xml" else d] for n, d in parts]
        elif op == 4:  # relationships pointing nowhere, duplicated ids, external
            rels = [p for p in parts if p[0].endswith(".rels")]
            if rels:
                target = rng.choice(rels)

                def edit(root):
                    items = list(root)
                    if not items:
                        return
                    el = rng.choice(items)
                    act = rng.randrange(4)
                    if act == 0:
                        el.set("Target", rng.choice(TARGETS))
                    elif act == 1:
                        el.set("TargetMode", "External")
                    elif act == 2:
                        dup = copy.deepcopy(el)
                        dup.set("Target", rng.choice(TARGETS))
                        root.append(dup)
                    else:
                        el.set("Type", rng.choice(["", "x", el.get("Type", "") + "s"]))
                target[1] = _edit_xml(target[1], edit)
        elif op == 5:  # a duplicate entry of the same name
            parts.insert(rng.randrange(len(parts) + 1), [name, rng.choice(GARBAGE + [parts[k][1]])])
        elif op == 6:  # stored, then one byte of the stored data flipped: wrong CRC
            crc = zlib.crc32(parts[k][1])
            data = bytearray(parts[k][1])
            if data:
                data[rng.randrange(len(data))] ^= 0x20
            parts[k][1] = bytes(data)
            return parts, zipfile.ZIP_STORED, (k, crc)
        elif op == 7:  # the order of entries
            rng.shuffle(parts)
        else:  # a directory entry or an absurd name
            parts.append([rng.choice(["word/", "word/media/", "/abs.xml", "../up.xml", "a\\b.xml"]), b""])
    return parts, compression, None


def wrong_crc(flipped: Package, k: int, crc: int) -> bytes:
    """A stored zip of ``flipped`` whose entry k carries the CRC ``crc``."""
    data = bytearray(zip_bytes(flipped, zipfile.ZIP_STORED))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
        infos = z.infolist()
    struct.pack_into("<I", data, infos[k].header_offset + 14, crc)
    pos = bytes(data).find(b"PK\x01\x02")
    for _ in range(k):  # the central directory record of entry k
        n, e, c = struct.unpack_from("<HHH", data, pos + 28)
        pos += 46 + n + e + c
    struct.pack_into("<I", data, pos + 16, crc)
    return bytes(data)


def build_package(seed: str, rnd: int) -> bytes:
    rng = random.Random(rnd)
    original = [list(p) for p in seed_parts(seed)]
    parts, compression, bad_crc = mutate_package(original, rng)
    if bad_crc is not None:  # stored, with the CRC of the unflipped data
        return wrong_crc(parts, *bad_crc)
    return zip_bytes(parts, compression)


def check_package(tmp_path, seed: str, rnd: int) -> str:
    return read_case(write(tmp_path, build_package(seed, rnd)), also_import=True)


@settings(max_examples=CI_CASES, **COMMON)
@given(**bytes_args)
def test_fuzz_docx_package(tmp_path, seed, rnd):
    check_package(tmp_path, seed, rnd)


@pytest.mark.fuzz_full
@settings(max_examples=FULL_CASES, **COMMON)
@given(**bytes_args)
def test_fuzz_docx_package_full(tmp_path, seed, rnd):
    check_package(tmp_path, seed, rnd)


# == XML mutations ===============================================================
VALUES = ["", "0", "1", "-1", "2", "8", "9", "10", "99", "-2147483648", "2147483647", "4294967296",
          "9" * 30, "9" * 4000, "9" * 5000, "x", "%9", "%1%2%3%4%5%6%7%8%9", "%0%10%", "\u3000", "一",
          "true", "false", "bullet", "chineseCounting", "upperRoman", "decimalEnclosedCircle",
          "lowerLetter", "ideographTraditional", "none", "decimalZero", "chineseLegalSimplified",
          "Heading1", "Normal", "ListStyle", "Item3", "center", "page", "0x10", " 3 ", "1e3"]
NUM_ATTRS = ["val", "ilvl", "numId", "abstractNumId", "styleId", "type", "default"]
TEXTS = ["一、总体要求", "（二）主要措施", "3.加强管理。", "（4）细化", "关于印发", "的通知", "附件：",
         "抄送：县政府办。", "青山县教育局  2026年12月20日印发", "2026年12月20日", "特此报告。",
         "|" * 50, "。" * 50, " " * 50, "\t", "\n", "\u3000" * 10, "&amp;", "]]>", "\ud7ff", "文件"]
WRAPPERS = ["sdt", "tbl", "ins", "customXml", "smartTag", "r", "p", "hyperlink", "fldSimple"]


def _wrap(el, kind: str, depth: int) -> None:
    """Put ``el`` inside ``depth`` nested containers of one kind."""
    parent = el.getparent()
    if parent is None:
        return
    index = parent.index(el)
    outer = inner = None
    for _ in range(depth):
        if kind == "sdt":
            node = etree.Element(w("sdt"))
            content = etree.SubElement(node, w("sdtContent"))
        elif kind == "tbl":
            node = etree.Element(w("tbl"))
            content = etree.SubElement(etree.SubElement(node, w("tr")), w("tc"))
        else:
            node = content = etree.Element(w(kind))
        if inner is None:
            outer = node
        else:
            inner.append(node)
        inner = content
    if outer is None:
        return
    parent.remove(el)
    inner.append(el)
    parent.insert(index, outer)


def mutate_tree(root, rng: random.Random) -> None:
    elements = [e for e in root.iter() if isinstance(e.tag, str)]
    if not elements:
        return
    el = rng.choice(elements)
    op = rng.randrange(10)
    parent = el.getparent()
    if op == 0 and parent is not None:  # delete
        parent.remove(el)
    elif op == 1 and parent is not None:  # duplicate
        for _ in range(rng.choice([1, 1, 2, 50])):
            parent.insert(parent.index(el), copy.deepcopy(el))
    elif op == 2 and parent is not None:  # move under another element (never into itself)
        target = rng.choice(elements)
        if target is not el and el not in target.iterancestors():
            parent.remove(el)
            target.insert(rng.randint(0, len(target)), el)
    elif op in (3, 4):  # an attribute gets an interesting value
        name = rng.choice(list(el.attrib) or [w(rng.choice(NUM_ATTRS))])
        if rng.random() < 0.3:
            name = w(rng.choice(NUM_ATTRS))
        el.set(name, rng.choice(VALUES))
    elif op == 5:  # numbering-relevant children added to a paragraph/style/level
        extra = rng.choice([
            f'<w:numPr {NSDECL}><w:ilvl w:val="{rng.choice(VALUES)}"/><w:numId w:val="{rng.choice(VALUES)}"/></w:numPr>',
            f'<w:pStyle {NSDECL} w:val="{rng.choice(VALUES)}"/>',
            f'<w:outlineLvl {NSDECL} w:val="{rng.choice(VALUES)}"/>',
            f'<w:start {NSDECL} w:val="{rng.choice(VALUES)}"/>',
            f'<w:lvlText {NSDECL} w:val="{rng.choice(VALUES)}"/>',
            f'<w:numStyleLink {NSDECL} w:val="{rng.choice(VALUES)}"/>',
            f'<w:lvlOverride {NSDECL} w:ilvl="{rng.choice(VALUES)}"><w:startOverride w:val="{rng.choice(VALUES)}"/></w:lvlOverride>',
            f'<w:br {NSDECL} w:type="page"/>',
            f'<w:pageBreakBefore {NSDECL}/>',
        ])
        el.insert(rng.randint(0, len(el)), etree.fromstring(extra))
    elif op == 6:  # wrap in nested containers
        _wrap(el, rng.choice(WRAPPERS), rng.choice([1, 2, 5, 30, 120]))
    elif op == 7:  # rename the element
        el.tag = w(rng.choice(["p", "r", "t", "tbl", "tr", "tc", "sdt", "sdtContent", "body", "ins",
                                "del", "pPr", "numPr", "lvl", "abstractNum", "num", "style", "x"]))
    elif op == 8:  # text
        el.text = rng.choice(TEXTS) * rng.choice([1, 1, 3, 200])
    else:  # a comment, a processing instruction, an entity-looking text
        el.append(rng.choice([etree.Comment("c"), etree.PI("pi", "x")]))


RAW = [b"<", b">", b"&", b"&lol;", b"<!DOCTYPE x>", b"]]>", b"<w:p>", b"</w:p>", b"\x00", b"\xff",
       b"<![CDATA[x]]>", b"&#0;", b"&#x10FFFF;", b"&#55296;", b"xmlns:w='urn:x'", b"\xe4\xb8"]


def mutate_text(data: bytes, rng: random.Random) -> bytes:
    buf = bytearray(data)
    at = rng.randrange(len(buf) + 1)
    op = rng.randrange(3)
    if op == 0:
        del buf[at:]
    elif op == 1:
        buf[at:at] = rng.choice(RAW)
    else:
        del buf[at:at + rng.randint(1, 40)]
    return bytes(buf)


MUTABLE = ["word/document.xml"] * 5 + ["word/numbering.xml"] * 3 + ["word/styles.xml"] * 2 \
    + ["[Content_Types].xml", "word/_rels/document.xml.rels", "_rels/.rels", "word/settings.xml"]


def build_xml_case(seed: str, rnd: int) -> bytes:
    rng = random.Random(rnd)
    parts = [list(p) for p in seed_parts(seed)]
    by_name = {p[0]: p for p in parts}
    trees = {}
    raw = []
    for _ in range(rng.choice([1, 1, 2, 3, 5, 10])):
        name = rng.choice(MUTABLE)
        if name not in by_name:
            continue
        if rng.random() < 0.12:
            raw.append(name)
            continue
        if name not in trees:
            trees[name] = etree.fromstring(by_name[name][1])
        mutate_tree(trees[name], rng)
    for name, root in trees.items():
        by_name[name][1] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    for name in raw:
        by_name[name][1] = mutate_text(by_name[name][1], rng)
    return zip_bytes(parts)


def check_xml(tmp_path, seed: str, rnd: int) -> str:
    return read_case(write(tmp_path, build_xml_case(seed, rnd)), also_import=True)


@settings(max_examples=CI_CASES, **COMMON)
@given(**bytes_args)
def test_fuzz_docx_xml(tmp_path, seed, rnd):
    check_xml(tmp_path, seed, rnd)


@pytest.mark.fuzz_full
@settings(max_examples=FULL_CASES, **COMMON)
@given(**bytes_args)
def test_fuzz_docx_xml_full(tmp_path, seed, rnd):
    check_xml(tmp_path, seed, rnd)


# == numbering definitions =======================================================
FORMATS = ["decimal", "chineseCounting", "chineseCountingThousand", "ideographDigital",
           "chineseLegalSimplified", "ideographTraditional", "ideographZodiac", "decimalEnclosedCircle",
           "decimalEnclosedParen", "decimalEnclosedFullstop", "upperLetter", "lowerLetter", "upperRoman",
           "lowerRoman", "decimalZero", "decimalFullWidth", "bullet", "none", "", "garbage"]
STYLE_IDS = ["Heading1", "Heading2", "Normal", "L1", "L2", "L3", ""]
ids = st.sampled_from(["0", "1", "2", "3", "", "-1", "x", "99999999999999999999"])
ilvls = st.integers(-12, 12).map(str) | st.sampled_from(["", "x", "999999", "-999999"])
starts = ((st.integers(-10, 40) | st.integers(-2**63, 2**63)
           | st.sampled_from([10**15, 10**16, 10**17, 32767, 2**31])).map(str)
          | st.sampled_from(["", "x", "9" * 4000, "9" * 5000, "1.5"]))
lvl_texts = st.lists(st.sampled_from(["%1", "%2", "%3", "%5", "%9", "%0", "%10", "%", "%%", "、", "（", "）",
                                      ".", "第", "章", "一"]), max_size=6).map("".join)
levels = st.fixed_dictionaries(
    {"ilvl": ilvls, "start": starts, "fmt": st.sampled_from(FORMATS), "text": lvl_texts,
     "legal": st.booleans(), "restart": st.none() | ilvls, "style": st.none() | st.sampled_from(STYLE_IDS)})
abstracts = st.fixed_dictionaries(
    {"id": ids, "levels": st.lists(levels, max_size=5),
     "link": st.none() | st.tuples(st.sampled_from(["numStyleLink", "styleLink"]), st.sampled_from(STYLE_IDS))})
nums = st.fixed_dictionaries(
    {"id": ids, "abstract": ids,
     "overrides": st.lists(st.tuples(ilvls, st.none() | starts, st.none() | levels), max_size=3)})
styles = st.fixed_dictionaries(
    {"id": st.sampled_from(STYLE_IDS), "based": st.none() | st.sampled_from(STYLE_IDS),
     "num": st.none() | st.tuples(st.none() | ids, st.none() | ilvls), "outline": st.none() | ilvls})
paragraphs = st.fixed_dictionaries(
    {"style": st.none() | st.sampled_from(STYLE_IDS), "num": st.none() | st.tuples(st.none() | ids, st.none() | ilvls),
     "text": st.sampled_from(TEXTS[:11] + ["", "学前教育", "完善制度"])})
numbering_args = dict(abstract_list=st.lists(abstracts, max_size=4), num_list=st.lists(nums, max_size=4),
                      style_list=st.lists(styles, max_size=4), para_list=st.lists(paragraphs, max_size=25))


def _x(value) -> str:
    return (str(value).replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;"))


def _lvl_xml(lv: dict, tag_ilvl: str) -> str:
    parts = [f'<w:lvl w:ilvl="{_x(tag_ilvl)}"><w:start w:val="{_x(lv["start"])}"/>',
             f'<w:numFmt w:val="{_x(lv["fmt"])}"/>']
    if lv["restart"] is not None:
        parts.append(f'<w:lvlRestart w:val="{_x(lv["restart"])}"/>')
    if lv["style"] is not None:
        parts.append(f'<w:pStyle w:val="{_x(lv["style"])}"/>')
    if lv["legal"]:
        parts.append("<w:isLgl/>")
    parts.append(f'<w:lvlText w:val="{_x(lv["text"])}"/></w:lvl>')
    return "".join(parts)


def _numpr(num) -> str:
    if num is None:
        return ""
    num_id, ilvl = num
    inner = (f'<w:ilvl w:val="{_x(ilvl)}"/>' if ilvl is not None else "") + \
        (f'<w:numId w:val="{_x(num_id)}"/>' if num_id is not None else "")
    return f"<w:numPr>{inner}</w:numPr>"


def build_numbering_case(abstract_list, num_list, style_list, para_list) -> bytes:
    numbering = [f"<w:numbering {NSDECL}>"]
    for a in abstract_list:
        numbering.append(f'<w:abstractNum w:abstractNumId="{_x(a["id"])}">')
        if a["link"]:
            numbering.append(f'<w:{a["link"][0]} w:val="{_x(a["link"][1])}"/>')
        numbering.extend(_lvl_xml(lv, lv["ilvl"]) for lv in a["levels"])
        numbering.append("</w:abstractNum>")
    for n in num_list:
        numbering.append(f'<w:num w:numId="{_x(n["id"])}"><w:abstractNumId w:val="{_x(n["abstract"])}"/>')
        for ilvl, start, lvl in n["overrides"]:
            numbering.append(f'<w:lvlOverride w:ilvl="{_x(ilvl)}">')
            if start is not None:
                numbering.append(f'<w:startOverride w:val="{_x(start)}"/>')
            if lvl is not None:
                numbering.append(_lvl_xml(lvl, ilvl))
            numbering.append("</w:lvlOverride>")
        numbering.append("</w:num>")
    numbering.append("</w:numbering>")
    style_xml = [f'<w:styles {NSDECL}><w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
                 '<w:name w:val="Normal"/></w:style>']
    for s in style_list:
        ppr = _numpr(s["num"]) + (f'<w:outlineLvl w:val="{_x(s["outline"])}"/>' if s["outline"] is not None else "")
        based = f'<w:basedOn w:val="{_x(s["based"])}"/>' if s["based"] is not None else ""
        style_xml.append(f'<w:style w:type="paragraph" w:styleId="{_x(s["id"])}"><w:name w:val="{_x(s["id"])}"/>'
                         f"{based}<w:pPr>{ppr}</w:pPr></w:style>")
    style_xml.append("</w:styles>")
    body = [f"<w:document {NSDECL}><w:body>"]
    for p in para_list:
        style = f'<w:pStyle w:val="{_x(p["style"])}"/>' if p["style"] is not None else ""
        body.append(f'<w:p><w:pPr>{style}{_numpr(p["num"])}</w:pPr>'
                    f'<w:r><w:t xml:space="preserve">{_x(p["text"])}</w:t></w:r></w:p>')
    body.append("<w:sectPr/></w:body></w:document>")
    replace = {"word/numbering.xml": "".join(numbering).encode(), "word/styles.xml": "".join(style_xml).encode(),
               "word/document.xml": "".join(body).encode()}
    return zip_bytes([(n, replace.get(n, d)) for n, d in seed_parts("numbered")])


def check_numbering(tmp_path, abstract_list, num_list, style_list, para_list) -> str:
    data = build_numbering_case(abstract_list, num_list, style_list, para_list)
    return read_case(write(tmp_path, data), also_import=True)


@settings(max_examples=CI_CASES, **COMMON)
@given(**numbering_args)
def test_fuzz_docx_numbering(tmp_path, abstract_list, num_list, style_list, para_list):
    assert check_numbering(tmp_path, abstract_list, num_list, style_list, para_list) == "ok", LAST_ERROR[0]


@pytest.mark.fuzz_full
@settings(max_examples=FULL_CASES, **COMMON)
@given(**numbering_args)
def test_fuzz_docx_numbering_full(tmp_path, abstract_list, num_list, style_list, para_list):
    assert check_numbering(tmp_path, abstract_list, num_list, style_list, para_list) == "ok", LAST_ERROR[0]


def _level(ilvl="0", start="1", fmt="decimal", text="%1.", **extra) -> dict:
    return {"ilvl": ilvl, "start": start, "fmt": fmt, "text": text, "legal": False, "restart": None,
            "style": None, **extra}


@pytest.mark.parametrize("level, para_ilvl, label", [
    (_level("10", text="%1、"), "10", None),  # beyond Word's nine levels: not numbered
    (_level("-11"), "-11", None),
    (_level("-1"), "-1", None),
    (_level(start="9" * 4000, fmt="upperRoman"), "0", "MMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMMDCCLXVII."),
    (_level(start=str(2**40), fmt="lowerLetter"), "0", None),
    (_level(start=str(10**17), fmt="chineseCounting", text="%1、"), "0", "三万二千七百六十七、"),
    (_level(start="-5", fmt="decimalFullWidth"), "0", "０."),
    (_level(text="%9%8%1"), "0", "111"),
])
def test_numbering_edge_cases_read_quickly(tmp_path, level, para_ilvl, label):
    data = build_numbering_case([{"id": "0", "levels": [level], "link": None}],
                                [{"id": "1", "abstract": "0", "overrides": []}], [],
                                [{"style": None, "num": ("1", para_ilvl), "text": "学前教育"}])
    path = write(tmp_path, data)
    assert read_case(path, seconds=5) == "ok", LAST_ERROR[0]
    title = outline_json(path)["title"]
    if label is not None:
        assert title == label + "学前教育"
    elif level["fmt"] == "decimal":
        assert title == "学前教育"
    else:
        assert title.endswith(".学前教育") and len(title) < 2000


@pytest.mark.parametrize("text", ["十十一、总体要求", "（十十一）措施", "十十十十、x", "百百、x"])
def test_malformed_chinese_numbers_are_plain_text(tmp_path, text):
    path = write(tmp_path, with_document(f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"))
    assert read_case(path, also_import=True) == "ok", LAST_ERROR[0]
    assert outline_json(path)["title"] == text


# == pathological text ===========================================================
SNIPPETS = ["关于印发", "的通知", "|", " | ", "。", "，", "一、", "（一）", "1.", "（", "）", "附件：", "抄送：",
            "印发", "2026年", "12月", "20日", " ", "\u3000", "\t", "a", "一", "十", "百", "〇", "：", "文件",
            "〔2026〕", "号", "特此", "”", "——", "-", "1", "9"]
paths = st.lists(st.tuples(st.lists(st.sampled_from(SNIPPETS), min_size=1, max_size=4).map("".join),
                           st.sampled_from([1, 2, 10, 1000, 20_000, 60_000])), min_size=1, max_size=3)
place = st.sampled_from(["first", "centered", "last", "table", "heading", "middle"])


def build_text_case(pieces, where: str) -> bytes:
    text = "".join(s * n for s, n in pieces)[:200_000]
    from xml.sax.saxutils import escape
    t = escape(text)
    para = f'<w:p><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>'
    if where == "centered":
        para = f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>'
    elif where == "table":
        para = f"<w:tbl><w:tr><w:tc>{para}</w:tc><w:tc>{para}</w:tc></w:tr></w:tbl>"
    elif where == "heading":
        para = f'<w:p><w:r><w:t xml:space="preserve">二、{t}</w:t></w:r></w:p>'
    root = etree.fromstring(dict(seed_parts("numbered"))["word/document.xml"])
    body = root.find(w("body"))
    new = etree.fromstring(f"<w:body {NSDECL}>{para}</w:body>")[0]
    index = {"first": 0, "centered": 0, "middle": len(body) // 2}.get(where, len(body) - 1)
    body.insert(index, new)
    doc = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return zip_bytes([(n, doc if n == "word/document.xml" else d) for n, d in seed_parts("numbered")])


def check_text(tmp_path, pieces, where) -> str:
    return read_case(write(tmp_path, build_text_case(pieces, where)), also_import=True)


@settings(max_examples=CI_CASES // 2, **COMMON)
@given(paths, place)
def test_fuzz_docx_pathological_text(tmp_path, pieces, where):
    assert check_text(tmp_path, pieces, where) == "ok", LAST_ERROR[0]


@pytest.mark.fuzz_full
@settings(max_examples=FULL_CASES, **COMMON)
@given(paths, place)
def test_fuzz_docx_pathological_text_full(tmp_path, pieces, where):
    assert check_text(tmp_path, pieces, where) == "ok", LAST_ERROR[0]


# == fixed hostile inputs ========================================================
def with_document(body_xml: str, *, prolog: str = "", seed: str = "numbered", extra: dict | None = None) -> bytes:
    doc = f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<w:document {NSDECL}><w:body>{body_xml}<w:sectPr/></w:body></w:document>'
    replace = {"word/document.xml": doc.encode()}
    replace.update(extra or {})
    return zip_bytes([(n, replace.get(n, d)) for n, d in seed_parts(seed)])


def _nested(kind: str, depth: int) -> str:
    inner = '<w:p><w:r><w:t>一、最深处</w:t></w:r></w:p>'
    if kind == "sdt":
        return "<w:sdt><w:sdtContent>" * depth + inner + "</w:sdtContent></w:sdt>" * depth
    if kind == "tbl":
        return "<w:tbl><w:tr><w:tc>" * depth + inner + "</w:tc></w:tr></w:tbl>" * depth
    if kind == "run":
        return "<w:p>" + "<w:r>" * depth + "<w:t>x</w:t>" + "</w:r>" * depth + "</w:p>"
    return f"<w:{kind}>" * depth + inner + f"</w:{kind}>" * depth


BILLION_LAUGHS = ('<!DOCTYPE w:document [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                            for i in range(1, 10)) + "]>")
QUADRATIC = '<!DOCTYPE w:document [<!ENTITY big "' + "x" * 50_000 + '">]>'
XXE = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
PARAM = ('<!DOCTYPE w:document [<!ENTITY % p SYSTEM "file:///etc/passwd"><!ENTITY % q "<!ENTITY r \'x\'>">%q;]>')


def _hostile() -> dict[str, bytes]:
    big = "全县教育系统认真贯彻落实。" * 200_000  # 2.6 M characters in one run
    runs = "".join(f"<w:r><w:t>第{i}段，</w:t></w:r><w:r><w:br w:type=\"page\"/></w:r>" for i in range(20_000))
    para = lambda t: f'<w:p><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>'  # noqa: E731
    many_numbered = "".join(
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{i % 9}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        f"<w:r><w:t>条目{i}</w:t></w:r></w:p>" for i in range(10_000))
    cases = {
        "sdt-10000": with_document(_nested("sdt", 10_000)),
        "tbl-10000": with_document(_nested("tbl", 10_000)),
        "sdt-100": with_document(_nested("sdt", 100)),
        "tbl-60": with_document(_nested("tbl", 60)),
        "ins-200": with_document(_nested("ins", 200)),
        "run-200": with_document(_nested("run", 200)),
        "huge-paragraph": with_document(para("一、" + big)),
        "huge-title": with_document(f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>{"关于印发" * 300_000}</w:t></w:r></w:p>'),
        "huge-bars-last": with_document(para("一、标题") + para("|" * 300_000 + "2026年1月1日印发")),
        "huge-colons": with_document(para("附件：" + "：" * 500_000)),
        "page-breaks": with_document(f"<w:p>{runs}</w:p>"),
        "many-paragraphs": with_document(para("一、总体要求") + para("正文。") * 40_000),
        "many-numbered": with_document(many_numbered),
        "billion-laughs": with_document(para("&lol9;") + para("一、&lol9;"), prolog=BILLION_LAUGHS),
        "quadratic-blowup": with_document(para("&big;" * 20_000), prolog=QUADRATIC),
        "xxe": with_document(para("&xxe;"), prolog=XXE),
        "parameter-entity": with_document(para("&r;"), prolog=PARAM),
        "bomb-in-styles": with_document(para("一、标题"), extra={"word/styles.xml": (
            f'<?xml version="1.0"?>{BILLION_LAUGHS.replace("w:document", "w:styles")}'
            f'<w:styles {NSDECL}><w:style w:type="paragraph" w:styleId="&lol9;"/></w:styles>').encode()}),
        "bomb-in-content-types": with_document(para("x"), extra={"[Content_Types].xml": dict(
            seed_parts("numbered"))["[Content_Types].xml"].replace(b"?>", b"?>" + BILLION_LAUGHS.replace(
                "w:document", "Types").encode(), 1)}),
    }
    return cases


@functools.lru_cache(maxsize=None)
def hostile_cases() -> dict[str, bytes]:
    return _hostile()


HOSTILE = ["sdt-10000", "tbl-10000", "sdt-100", "tbl-60", "ins-200", "run-200", "huge-paragraph", "huge-title",
           "huge-bars-last", "huge-colons", "page-breaks", "many-paragraphs", "many-numbered", "billion-laughs",
           "quadratic-blowup", "xxe", "parameter-entity", "bomb-in-styles", "bomb-in-content-types"]


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_docx_is_read_or_refused_quickly(tmp_path, name):
    path = write(tmp_path, hostile_cases()[name], f"{name}.docx")
    result = read_case(path, also_import=True, seconds=20)
    if result == "ok":
        text = json.dumps(outline_json(path), ensure_ascii=False)
        assert "lollol" not in text and "root:" not in text and "xxxxxxxxxx" not in text
        assert len(text) < 20_000_000


def test_deep_nesting_within_the_parser_limit_still_reads(tmp_path):
    for name in ("sdt-100", "ins-200", "tbl-60"):
        data = outline_json(write(tmp_path, hostile_cases()[name], f"{name}.docx"))
        if name.startswith("tbl"):  # a table row is text, never a heading
            assert "一、最深处" in json.dumps(data, ensure_ascii=False), name
        else:
            assert any(s["title"] == "最深处" for s in data["sections"]), name


def test_entities_are_never_expanded(tmp_path):
    for name in ("billion-laughs", "xxe", "quadratic-blowup"):
        path = write(tmp_path, hostile_cases()[name], f"{name}.docx")
        try:
            text = json.dumps(outline_json(path), ensure_ascii=False)
        except ImportDocumentError:
            continue
        assert "lol" not in text and "root" not in text and "xxx" not in text


def _zip_bomb(declared_small: bool) -> bytes:
    buf = io.BytesIO()
    doc = (f'<w:document {NSDECL}><w:body>'.encode() + b"<w:p/>" * 30_000_000 + b"</w:body></w:document>")
    parts = dict(seed_parts("numbered"))
    parts["word/document.xml"] = doc
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as z:
        for name in parts:
            z.writestr(name, parts[name])
    data = bytearray(buf.getvalue())
    if declared_small:  # the central directory lies about the size
        with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
            infos = z.infolist()
        pos = bytes(data).find(b"PK\x01\x02")
        for info in infos:
            n, e, c = struct.unpack_from("<HHH", data, pos + 28)
            if info.filename == "word/document.xml":
                struct.pack_into("<I", data, pos + 24, 1000)
                struct.pack_into("<I", data, info.header_offset + 22, 1000)
            pos += 46 + n + e + c
    return bytes(data)


@pytest.mark.parametrize("declared_small", [False, True])
def test_zip_bomb_is_refused_quickly(tmp_path, declared_small):
    path = write(tmp_path, _zip_bomb(declared_small), "bomb.docx")  # 180 MB of XML in ~0.2 MB
    assert read_case(path, seconds=20) == "error"


def test_control_characters_in_a_damaged_name_stay_on_one_line(tmp_path, capsys):
    parts = [list(p) for p in seed_parts("numbered")] + [["word/a\x1eb\u2028c.xml", b"<x/>"]]
    crc = zlib.crc32(parts[-1][1])
    parts[-1][1] = b"<y/>"
    path = write(tmp_path, wrong_crc(parts, len(parts) - 1, crc))
    assert read_case(path) == "error"
    assert main(["outline", str(path), "--json"]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "损坏" in err


# == the CLI =====================================================================
def _corrupt_files(tmp_path) -> list[Path]:
    seed = exported_seed()
    files = {
        "truncated.docx": seed[: len(seed) // 3],
        "flipped.docx": mutate_bytes(seed, random.Random(7)),
        "bad-crc.docx": _bad_crc(),
        "no-document.docx": zip_bytes([p for p in seed_parts("exported") if p[0] != "word/document.xml"]),
        "no-content-types.docx": zip_bytes([p for p in seed_parts("exported") if p[0] != "[Content_Types].xml"]),
        "bad-xml.docx": with_document("<w:p><w:r><w:t>一、</w:t></w:r>"),
        "random.docx": b"PK\x03\x04" + bytes(random.Random(3).randrange(256) for _ in range(500)),
        "bomb.docx": _zip_bomb(False),
    }
    out = []
    for name, data in files.items():
        out.append(write(tmp_path, data, name))
    return out


def _bad_crc() -> bytes:
    original = [list(p) for p in seed_parts("exported")]
    k = [p[0] for p in original].index("word/document.xml")
    flipped = [list(p) for p in original]
    flipped[k][1] = flipped[k][1].replace("总体要求".encode(), "总体安排".encode(), 1)
    return wrong_crc(flipped, k, zlib.crc32(original[k][1]))


def test_cli_outline_corrupt_files_exit_2_one_line(tmp_path):
    for path in _corrupt_files(tmp_path):
        proc = subprocess.run([sys.executable, "-m", "desktop", "outline", str(path), "--json"],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 2, (path.name, proc.returncode, proc.stderr)
        assert proc.stdout == ""
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
        assert path.name in lines[0] and lines[0].startswith("错误："), lines[0]


# == not vacuous =================================================================
def _tally(check, tmp_path, seeds, count) -> dict[str, int]:
    out = {"ok": 0, "error": 0}
    for seed in seeds:
        for rnd in range(count):
            out[check(tmp_path, seed, rnd)] += 1
    return out


def test_seeds_are_realistic(tmp_path):
    exported = outline_json(write(tmp_path, exported_seed(), "exported.docx"))
    assert [s["number"] for s in exported["sections"]] == ["一", "二", "三", "四"]
    numbered = outline_json(write(tmp_path, numbered_seed(), "numbered.docx"))
    assert numbered["title"] == "青山县教育局2026年工作总结"
    top = numbered["sections"]
    assert [s["number"] + s["title"] for s in top] == ["一主要工作", "二存在问题"]
    assert [c["number"] + c["title"] for c in top[0]["children"]] == ["一学前教育"]
    assert top[0]["children"][0]["children"][0]["title"] == "新建幼儿园3所"
    assert "新增学位900个。" in json.dumps(numbered, ensure_ascii=False)
    assert "删去的文字" not in json.dumps(numbered, ensure_ascii=False)


def test_fuzz_mutations_are_not_vacuous(tmp_path):
    """The mutations reach the reader: some mutated files are refused, some
    still read, and many read differently from their seed."""
    baseline = {s: outline_json(write(tmp_path, SEEDS[s](), f"{s}.docx")) for s in SEEDS}
    # a flipped byte of a deflated zip is nearly always caught (CRC): refused
    assert _tally(check_bytes, tmp_path, sorted(SEEDS), 10)["error"] >= 15
    for check in (check_package, check_xml):
        tally = _tally(check, tmp_path, sorted(SEEDS), 15)
        assert tally["error"] >= 3 and tally["ok"] >= 3, (check.__name__, tally)
    changed = 0
    for seed in SEEDS:
        for rnd in range(20):
            path = write(tmp_path, build_xml_case(seed, rnd))
            try:
                changed += outline_json(path) != baseline[seed]
            except ImportDocumentError:
                pass
    assert changed >= 5
    # numbering cases produce Word labels that the outline keeps
    level = {"ilvl": "0", "start": "3", "fmt": "chineseCounting", "text": "%1、", "legal": False,
             "restart": None, "style": None}
    data = build_numbering_case([{"id": "0", "levels": [level], "link": None}],
                                [{"id": "1", "abstract": "0", "overrides": []}], [],
                                [{"style": None, "num": ("1", "0"), "text": "学前教育"},
                                 {"style": None, "num": ("1", "0"), "text": "完善制度"}])
    out = outline_json(write(tmp_path, data))
    assert [s["number"] + s["title"] for s in out["sections"]] == ["三学前教育", "四完善制度"]
