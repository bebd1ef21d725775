"""Building the .docx: the package (``package.Package``, no python-docx)
with the format's styles, the section setup and the paragraphs of the
layout model's placements."""

from __future__ import annotations

import copy

from .. import gbt9704 as fmt
from ..errors import ExportError
from ..layout import GridMeasurer, Layout, LineMeasurer, lay_out
from ..model import Document, Role
from ..render import PROPERTIES, RenderedDocument, render
from . import oxml as ox
from .oxml import w
from .package import Package
from .paragraphs import ParagraphWriter
from .section import setup_section
from .styles import setup_package, setup_styles


def _profile_key(doc: Document) -> str:
    key = doc.settings.font_profile
    return key if key in fmt.FONT_PROFILES else fmt.DEFAULT_PROFILE


def document_layout(doc: Document, rendered: RenderedDocument,
                    measurer: LineMeasurer | None = None) -> Layout:
    """The layout the export follows (the grid estimate unless told)."""
    return lay_out(doc, rendered, measurer or GridMeasurer())


def body_elements(doc: Document, rendered: RenderedDocument, layout: Layout) -> list:
    """The w:p elements of the document, the 版记 included."""
    writer = ParagraphWriter(_profile_key(doc), doc.settings.latin_font)
    placements = [pb.placement for pb in layout.blocks]
    out = []
    for i, p in enumerate(placements):
        out.append(writer.write(p, placements[i + 1] if i + 1 < len(placements) else None))
    if layout.imprint is not None:
        out.extend(writer.imprint(layout.imprint_blocks, layout.imprint))
    return out


def build_docx(doc: Document, rendered: RenderedDocument | None = None) -> bytes:
    """The .docx file's bytes (refuses a document whose render has errors)."""
    rendered = rendered if rendered is not None else render(doc)
    _refuse_errors(rendered)
    profile_key = _profile_key(doc)
    package = Package()
    setup_package(package, profile_key)
    setup_styles(package.part("word/styles.xml"), profile_key, doc.settings.latin_font)
    _even_and_odd_headers(package.part("word/settings.xml"))
    document = package.part("word/document.xml")
    body = document.find(w("body"))
    for child in list(body):
        if child.tag != w("sectPr"):
            body.remove(child)

    layout = document_layout(doc, rendered)
    paragraphs = body_elements(doc, rendered, layout)
    text_paragraphs = len(layout.blocks)
    if not text_paragraphs:  # an empty document, or nothing but a 版记
        paragraphs.insert(0, ox.empty_paragraph(fmt.FORMATS[Role.BODY].style_id))
        text_paragraphs = 1
    if paragraphs[text_paragraphs - 1].tag == w("tbl"):  # the text ends with a paragraph
        paragraphs.insert(text_paragraphs, ox.paragraph(ox.ppr(  # as tall as the model has it
            style_id=fmt.FORMATS[Role.ANNEX_TABLE].style_id, snap_to_grid=False, before=0,
            after=0, line=fmt.TABLE_END_TWIPS, line_rule="exact")))
        text_paragraphs += 1
    sect_pr = body.find(w("sectPr"))
    setup_section(package, sect_pr, footers=True, profile_key=profile_key)
    for p in paragraphs:
        sect_pr.addprevious(p)
    if layout.imprint is not None and not layout.imprint.numbered:
        _unnumbered_imprint_section(package, sect_pr, paragraphs[text_paragraphs - 1],
                                    profile_key)

    org = doc.properties.org or ""
    package.set_core(dc_creator=org, cp_lastModifiedBy=org, dc_description="",
                     dc_title=next((b.text for b in rendered.blocks if b.role == Role.TITLE), ""),
                     dc_language="zh-CN")
    ox.strip_theme_fonts(document)
    return package.save()


def _even_and_odd_headers(settings) -> None:
    """w:evenAndOddHeaders in its schema place (after w:defaultTabStop …);
    and the theme fonts' East Asian language Chinese, not the base
    template's Japanese (Word picks the theme's 宋体, not ＭＳ 明朝, by it)."""
    lang = settings.find(w("themeFontLang"))
    if lang is not None:
        lang.set(w("eastAsia"), "zh-CN")
    if settings.find(w("evenAndOddHeaders")) is not None:
        return
    node = ox.el("evenAndOddHeaders")
    for tag in ("characterSpacingControl", "savePreviewPicture", "compat", "rsids"):
        anchor = settings.find(w(tag))
        if anchor is not None:
            anchor.addprevious(node)
            return
    settings.append(node)


def _unnumbered_imprint_section(package: Package, body_sect, last_text_paragraph,
                                profile_key: str) -> None:
    """End the text's section with ``last_text_paragraph`` (its sectPr keeps
    the page numbers) and give the rest — the blank page and the 版记 —
    a section whose footers are empty (GB/T 9704 7.5): new, empty header
    and footer parts."""
    text_sect = copy.deepcopy(body_sect)
    ppr = last_text_paragraph.find(w("pPr"))
    ppr.append(text_sect)
    setup_section(package, body_sect, footers=False, profile_key=profile_key)


def _refuse_errors(rendered: RenderedDocument) -> None:
    if not rendered.errors:
        return
    e = rendered.errors[0]
    if e.section_id == PROPERTIES:
        where = {"figures": "指标表", "title": "文档属性（标题）"}.get(e.where, "文档属性")
    else:
        where = f"章节“{e.path}”" if e.path else "章节"
    more = f"（另有 {len(rendered.errors) - 1} 处错误）" if len(rendered.errors) > 1 else ""
    raise ExportError(f"{where}有错误，无法导出：{e.error}{more}")
