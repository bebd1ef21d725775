"""A heading is never left alone at the foot of a preview page."""

from __future__ import annotations

from desktop.model import Document, Properties, Section
from desktop.render import render
from desktop.ui.page_layout import lay_out


def test_headings_stay_with_their_first_paragraph(qapp):
    checked = 0
    for lead in range(1, 24):  # move the headings down the page line by line
        sections = [Section(title="开头", body="\n".join(["段落内容。"] * lead))]
        sections += [Section(title=f"第{i}项工作", level=1, body="全面推进各项工作。")
                     for i in range(1, 6)]
        out = render(Document(properties=Properties(title="测试"), sections=sections))
        pages = lay_out(out)
        placed = pages.placed
        for i, p in enumerate(placed[:-1]):
            if p.role.startswith("heading") and placed[i + 1].role == "body":
                checked += 1
                assert placed[i + 1].page == p.page, (lead, p.section_id)
    assert checked >= 100
