"""The .docx package, written with ``zipfile`` and lxml.

An export starts from the parts of ``resources/export/base.docx``
(python-docx's default template without the styles and parts an export
never uses: ``tools/make_base_docx.py`` makes it) and never imports
python-docx: that import alone cost more than the whole rest of an export.  ``Package`` holds the parts as bytes, parses
the ones the exporter changes (document, styles, settings, theme, core
properties), adds header and footer parts with their relationships, and
writes the zip with the package's content types and relationships.  The
output is deterministic: fixed member order and time stamps.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from functools import lru_cache

from lxml import etree

from ..paths import resources_dir
from .oxml import Element, w

R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
CP_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
DC_NS = "http://purl.org/dc/elements/1.1/"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT_WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
XML_PARTS = ("word/document.xml", "word/styles.xml", "word/settings.xml", "word/numbering.xml",
             "docProps/core.xml")  # the parts python-docx parses and re-serializes: the base
# stores them (and every .rels) serialized that way, so an unchanged one is written as it is

# the root of a header/footer part, as python-docx's default-header/-footer.xml
_HDR_FTR_NSMAP = {
    "m": "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "mo": "http://schemas.microsoft.com/office/mac/office/2008/main",
    "mv": "urn:schemas-microsoft-com:mac:vml",
    "o": "urn:schemas-microsoft-com:office:office",
    "r": R_NS,
    "v": "urn:schemas-microsoft-com:vml",
    "w10": "urn:schemas-microsoft-com:office:word",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wne": "http://schemas.microsoft.com/office/word/2006/wordml",
    "wp14": "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "wpc": "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    "wpg": "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "wpi": "http://schemas.microsoft.com/office/word/2010/wordprocessingInk",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
}
PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


@lru_cache(maxsize=1)
def _base_parts() -> tuple[tuple[str, bytes], ...]:
    with zipfile.ZipFile(resources_dir() / "export" / "base.docx") as z:
        return tuple((name, z.read(name)) for name in z.namelist())


def _rels_name(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


class Package:
    """The parts of one .docx being written (a fresh copy of the base)."""

    def __init__(self) -> None:
        self.blobs: dict[str, bytes] = dict(_base_parts())
        self.xml: dict[str, Element] = {}
        self.content_types = self._parse("[Content_Types].xml")
        self._rels: dict[str, Element] = {}

    # -- parts ------------------------------------------------------------------
    def _parse(self, name: str) -> Element:
        if name.startswith("word/theme/"):  # a part python-docx keeps as bytes: as it is
            return etree.fromstring(self.blobs.pop(name))
        return etree.fromstring(self.blobs.pop(name), PARSER)

    def part(self, name: str) -> Element:
        """The root element of an XML part (parsed once, saved from the tree)."""
        if name not in self.xml:
            self.xml[name] = self._parse(name)
        return self.xml[name]

    def rels(self, source: str) -> Element:
        """The Relationships element of ``source`` ("" for the package)."""
        name = "_rels/.rels" if not source else _rels_name(source)
        if name not in self._rels:
            if name in self.blobs:
                self._rels[name] = self._parse(name)
            else:
                self._rels[name] = etree.Element(f"{{{RELS_NS}}}Relationships", nsmap={None: RELS_NS})
        return self._rels[name]

    def target(self, source: str, reltype: str) -> str | None:
        """The part name of ``source``'s first relationship of a type."""
        for rel in self.rels(source):
            if rel.get("Type") == reltype:
                return posixpath.normpath(posixpath.join(posixpath.dirname(source),
                                                         rel.get("Target")))
        return None

    def add_part(self, source: str, reltype: str, name_template: str, root: Element,
                 content_type: str) -> str:
        """Add an XML part related from ``source``; returns the rId."""
        n = 1
        while (name_template % n) in self.blobs or (name_template % n) in self.xml:
            n += 1
        name = name_template % n
        self.xml[name] = root
        etree.SubElement(self.content_types, f"{{{CT_NS}}}Override", PartName=f"/{name}",
                         ContentType=content_type)
        rels = self.rels(source)
        used = {r.get("Id") for r in rels}
        i = 1
        while f"rId{i}" in used:
            i += 1
        rid = f"rId{i}"
        etree.SubElement(rels, f"{{{RELS_NS}}}Relationship", Id=rid, Type=RT + reltype,
                         Target=posixpath.relpath(name, posixpath.dirname(source)))
        return rid

    def add_header_footer(self, kind: str, children: list[Element]) -> str:
        """A header ("header") or footer ("footer") part of the document; its rId."""
        root = etree.Element(w("hdr" if kind == "header" else "ftr"), nsmap=_HDR_FTR_NSMAP)
        root.set("{http://schemas.openxmlformats.org/markup-compatibility/2006}Ignorable",
                 "w14 wp14")
        root.extend(children)
        return self.add_part("word/document.xml", kind, f"word/{kind}%d.xml", root,
                             f"{CT_WML}{kind}+xml")

    # -- core properties --------------------------------------------------------
    def set_core(self, **values: str) -> None:
        """Core properties by their element name (``dc:title``, ``cp:lastModifiedBy`` …)."""
        core = self.part("docProps/core.xml")
        ns = {"dc": DC_NS, "cp": CP_NS}
        for key, value in values.items():
            prefix, local = key.split("_", 1)
            tag = f"{{{ns[prefix]}}}{local}"
            node = core.find(tag)
            if node is None:
                node = etree.SubElement(core, tag)
            node.text = value

    # -- saving -----------------------------------------------------------------
    def _content_types_bytes(self) -> bytes:
        ct = self.content_types
        present = set(self.blobs) | set(self.xml)
        for o in ct.findall(f"{{{CT_NS}}}Override"):
            if o.get("PartName")[1:] not in present:
                ct.remove(o)
        exts = {posixpath.splitext(n)[1][1:] for n in present | set(self._rels)}
        for d in ct.findall(f"{{{CT_NS}}}Default"):
            if d.get("Extension") not in exts:
                ct.remove(d)
        defaults = sorted(ct.findall(f"{{{CT_NS}}}Default"), key=lambda d: d.get("Extension"))
        overrides = sorted(ct.findall(f"{{{CT_NS}}}Override"), key=lambda o: o.get("PartName"))
        for node in defaults + overrides:  # python-docx's order: sorted
            ct.remove(node)
        ct.extend(defaults + overrides)
        return serialize(ct)

    def save(self) -> bytes:
        """The .docx: the parts it changed serialized, the others as the base has them."""
        out = dict(self.blobs)
        out.update((name, serialize(root)) for name, root in self.xml.items())
        out.update((name, serialize(root)) for name, root in self._rels.items())
        out["[Content_Types].xml"] = self._content_types_bytes()
        return write_package(out)


def write_package(parts: dict[str, bytes]) -> bytes:
    """A deterministic zip of the parts: [Content_Types].xml, then the
    package relationships, then the rest by name; fixed time stamps."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in sorted(parts, key=lambda n: (n != "[Content_Types].xml", n != "_rels/.rels", n)):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, parts[name])
    return buf.getvalue()


def serialize(root: Element) -> bytes:
    """An XML part as python-docx saves one (the base's parts are stored so)."""
    return etree.tostring(root, encoding="UTF-8", standalone=True)
