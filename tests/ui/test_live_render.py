"""The window's live render (desktop/ui/live_render.py): a template that
starts failing keeps its last good text in this document, and that memory
belongs to the open document only; typing in one section of a 1,000-section
document renders and lays out that section alone."""

from __future__ import annotations

from desktop.model import Document, Figure, Properties, Section
from desktop.ui.live_render import LiveRender
from desktop.ui.session import DocumentSession
from tests.ui.big_document import Heartbeat, type_text, wait_laid_out


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


def test_edit_rerenders_one_section_and_keeps_the_outline(opened, qtbot, monkeypatch):
    w = opened
    doc = w.session.document
    target = doc.sections[4].children[3].children[5]
    w.go_to_section(target.id)
    wait_laid_out(qtbot, w)
    before = {id(p.layout): p.section_id for p in w.preview.pages.placed}

    import desktop.ui.live_render as preview_mod
    full_renders = []
    real_render = preview_mod.render
    monkeypatch.setattr(preview_mod, "render", lambda *a: full_renders.append(1) or real_render(*a))
    model = w.outline.outline_model()
    resets = []
    model.modelReset.connect(lambda: resets.append(1))

    laid_out = []
    w.preview.laidOut.connect(lambda: laid_out.append(1))
    with Heartbeat() as beat:
        edit = w.editor.body_edit
        edit.setFocus()
        cursor = edit.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        edit.setTextCursor(cursor)
        type_text(edit, "全年新增优质学位三百个")
        qtbot.waitUntil(lambda: bool(laid_out), timeout=10_000)
        wait_laid_out(qtbot, w)
    beat.check("typing and the preview refresh")
    assert target.body.endswith("全年新增优质学位三百个")
    assert not full_renders, "an edit of one section rendered the whole document"
    assert not resets, "the outline model was reset by typing"
    texts = [b.full_text for b in w.live.result.blocks_of(target.id)]
    assert any(t.endswith("全年新增优质学位三百个") for t in texts)
    after = {id(p.layout): p.section_id for p in w.preview.pages.placed}
    relaid = {sid for key, sid in after.items() if key not in before}
    assert relaid == {target.id}, "only the edited section's paragraphs are laid out again"
    # the incremental result is the full rendering's
    assert [b.full_text for b in w.live.result.blocks] == \
        [b.full_text for b in real_render(doc).blocks]
