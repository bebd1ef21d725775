"""What a QA pass through the window found, a clerk's view: panes that
squeeze the preview out of sight, clipped hints, messages that name the
wrong thing."""

from __future__ import annotations

from desktop import fields


def _template_section(window):
    window.new_document("年度工作总结", 2026, "示范县教育局")
    doc = window.session.document
    section = next(s for s in doc.walk() if fields.is_live(s))
    window.session.set_current_section(section.id)
    return section


def test_a_template_section_leaves_the_preview_its_width(window, qtbot):
    # the editor's row of 标题与正文同段 / 按模板生成… / three buttons was as wide as
    # the whole editor's minimum: the splitter squeezed the preview to a sliver
    section = _template_section(window)
    editor = window.editor
    body = editor.body_edit
    body.moveCursor(body.textCursor().MoveOperation.End)
    body.textCursor().insertText("全县新建幼儿园一批。")  # typed: 按模板重新生成 shows
    assert editor.regenerate_button.isVisibleTo(editor)
    assert editor.source_toggle.isVisibleTo(editor)
    assert editor.section_id == section.id
    window.resize(1400, 860)  # the window's own first size
    qtbot.waitUntil(lambda: window.preview.width() >= 280)  # an A4 page fits
    assert editor.minimumSizeHint().width() <= 320


def test_the_replace_dialogs_hint_is_not_cut_off(window, qtbot):
    from PySide6.QtWidgets import QLabel
    window.new_document("年度工作总结", 2026, "示范县教育局")
    dialog = window.show_replace()
    qtbot.waitExposed(dialog)
    hint = next(label for label in dialog.findChildren(QLabel) if "数据小框" in label.text())
    assert hint.width() >= hint.minimumSizeHint().width()
    assert hint.geometry().right() <= dialog.contentsRect().right()
    dialog.close()


def test_the_exported_message_and_its_folder_button_do_not_overlap(window, qtbot, tmp_path):
    # the button sat under the temporary message's text (已导出到 drawn over 打开文件夹)
    from PySide6.QtWidgets import QLabel, QPushButton

    from desktop.ui.export_dialog import show_written
    window.new_document("年度工作总结", 2026, "示范县教育局")
    path = tmp_path / "总结.docx"
    show_written(window, path)
    bar = window.statusBar()
    button = bar.findChild(QPushButton, "openExportFolder")
    qtbot.waitUntil(button.isVisible)
    assert button.text() == "打开文件夹"
    said = [label for label in bar.findChildren(QLabel)
            if label.isVisible() and label.text() == f"已导出到：{path}"]
    assert said or bar.currentMessage() == f"已导出到：{path}"
    message_right = (said[0].mapTo(bar, said[0].rect().topLeft()).x()
                     + said[0].fontMetrics().horizontalAdvance(said[0].text())) if said \
        else bar.fontMetrics().horizontalAdvance(bar.currentMessage())
    assert button.mapTo(bar, button.rect().topLeft()).x() >= message_right
    window.statusBar().showMessage("已保存")  # the next message: the notice goes
    assert not button.isVisible()
