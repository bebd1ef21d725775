"""Make ``resources/export/base.docx``, the package every export starts from.

It is python-docx's default template (``docx/templates/default.docx``) with
what an export never uses taken out, so that no export reads, parses and
writes it again:

- ``word/stylesWithEffects.xml`` (a second copy of every style, for Word
  2010) and ``docProps/thumbnail.jpeg``, with their relationships and
  content types: the exporter dropped both from every document anyway;
- of ``word/styles.xml``'s 160-odd built-in styles, all but the ones a
  document cannot do without: the four default styles (Normal, Default
  Paragraph Font, Normal Table, No List), the list styles that
  ``word/numbering.xml`` names, and the styles those are based on or link
  to.  ``w:docDefaults`` and ``w:latentStyles`` stay, so Word and WPS still
  offer every built-in style (Heading 1 …) in their style lists and create
  it on first use, as they do for any document.

The exporter then adds the official styles (公文正文, 一级标题 …) to this
part.  Run it again only when the template changes (python-docx must be
installed; it is for the tests)::

    python tools/make_base_docx.py [--check]

``--check`` exits 1 when the committed file differs from what this makes.
"""

from __future__ import annotations

import argparse
import posixpath
import sys
import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # run from a checkout without an install

from desktop.export.package import PARSER, XML_PARTS, serialize, write_package  # noqa: E402

TARGET = ROOT / "resources" / "export" / "base.docx"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"
DROPPED = {"word/stylesWithEffects.xml", "docProps/thumbnail.jpeg"}


def source_template() -> Path:
    import docx
    return Path(docx.__file__).parent / "templates" / "default.docx"


def kept_style_ids(styles: etree._Element, numbering: etree._Element | None) -> set[str]:
    """The default styles, the styles numbering.xml names, and what they
    are based on or linked to (transitively)."""
    by_id = {s.get(f"{W}styleId"): s for s in styles.iter(f"{W}style")}
    todo = [sid for sid, s in by_id.items() if s.get(f"{W}default") == "1"]
    if numbering is not None:
        todo += [e.get(f"{W}val") for e in numbering.iter(f"{W}pStyle")]
    kept: set[str] = set()
    while todo:
        sid = todo.pop()
        if sid in kept or sid not in by_id:
            continue
        kept.add(sid)
        for tag in ("basedOn", "link", "next"):
            ref = by_id[sid].find(f"{W}{tag}")
            if ref is not None:
                todo.append(ref.get(f"{W}val"))
    return kept


def slim_styles(data: bytes, numbering: bytes | None) -> bytes:
    styles = etree.fromstring(data, PARSER)
    kept = kept_style_ids(styles, None if numbering is None else etree.fromstring(numbering))
    for style in styles.findall(f"{W}style"):
        if style.get(f"{W}styleId") not in kept:
            styles.remove(style)
    return serialize(styles)


def _without_dropped(data: bytes, tag: str, attr: str, folder: str) -> bytes:
    """The XML part without the entries whose target (relative to
    ``folder``) is a dropped part."""
    root = etree.fromstring(data, PARSER)
    for node in root.findall(tag):
        target = node.get(attr)
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target))
        if name in DROPPED:
            root.remove(node)
    return serialize(root)


def make(source: Path) -> bytes:
    with zipfile.ZipFile(source) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    for name in DROPPED:
        parts.pop(name, None)
    parts["word/styles.xml"] = slim_styles(parts["word/styles.xml"], parts.get("word/numbering.xml"))
    parts["[Content_Types].xml"] = _without_dropped(parts["[Content_Types].xml"],
                                                    f"{CT}Override", "PartName", "")
    for rels, folder in (("_rels/.rels", ""), ("word/_rels/document.xml.rels", "word")):
        parts[rels] = _without_dropped(parts[rels], f"{RELS}Relationship", "Target", folder)
    for name in parts:  # stored as the exporter writes them: an unchanged part is copied
        if name in XML_PARTS or name.endswith(".rels"):
            parts[name] = serialize(etree.fromstring(parts[name], PARSER))
    return write_package(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 when resources/export/base.docx is not what this makes")
    args = parser.parse_args(argv)
    data = make(source_template())
    if args.check:
        same = TARGET.is_file() and TARGET.read_bytes() == data
        print(f"{TARGET.relative_to(ROOT)}: {'up to date' if same else 'differs'}")
        return 0 if same else 1
    TARGET.write_bytes(data)
    print(f"wrote {TARGET.relative_to(ROOT)} ({len(data) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
