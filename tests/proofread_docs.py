"""The one-section plan the proofreading tests plant their faults in
(tests/test_proofread_rules.py, test_proofread_typed.py)."""

from __future__ import annotations

from desktop.model import Document, Properties, Section


def make_doc(body: str = "", *, title: str = "", kind: str = "工作计划", year: int = 2026,
             doc_title: str = "{{ org }}{{ year }}年工作计划", date: str = "2026-01-10",
             figures=None, sections=None, **props) -> Document:
    p = Properties(kind=kind, year=year, org="某某县教育局", title=doc_title, date=date,
                   signature="某某县教育局", **props)
    doc = Document(properties=p, figures=list(figures or []))
    doc.sections = sections if sections is not None else [
        Section(title=title or "总体要求", level=1, body=body)]
    return doc
