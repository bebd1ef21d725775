"""The window's live render (desktop/ui/live_render.py): a template that
starts failing keeps its last good text in this document, and that memory
belongs to the open document only."""

from __future__ import annotations

from desktop.model import Document, Figure, Properties, Section
from desktop.ui.live_render import LiveRender
from desktop.ui.session import DocumentSession


def _doc(template: str) -> Document:
    doc = Document(properties=Properties(year=2026, org="某某县教育局"))
    doc.figures = [Figure("新增学前学位数", "个", "学前", last=900, value=1200)]
    doc.sections = [Section(title="学前教育", level=1, template_text=template)]
    return doc


GOOD = "新增学位{{ fig.新增学前学位数 }}，{% if true %}全面完成{% endif %}。"
BROKEN = "新增学位{{ fig.新增学前学位数 }}{% if %}"  # a typo in the 模板源码 view


def _body(live: LiveRender, section_id: str) -> str:
    return "".join(b.full_text for b in live.result.blocks_of(section_id)[1:])


def test_a_failing_template_keeps_its_last_good_text_in_the_open_document(qtbot):
    session = DocumentSession(_doc(GOOD))
    live = LiveRender(session, delay_ms=0)
    live.render_now()
    sid = session.document.sections[0].id
    assert _body(live, sid) == "新增学位1200个，全面完成。"

    session.document.sections[0].template_text = BROKEN
    session.notify_section(sid)
    live.render_now()
    assert _body(live, sid) == "新增学位1200个，全面完成。"  # not the source, not nothing
    assert [e.section_id for e in live.errors_for(sid)] == [sid]  # the error beside it

    # another document with the same section id: nothing of the first one's text
    other = _doc(BROKEN)
    other.sections[0].id = sid
    session.reset(other)
    assert "新增学位" not in _body(live, sid) and "{%" not in _body(live, sid)
    assert live.errors_for(sid)
