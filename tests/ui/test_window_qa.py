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


def test_document_actions_are_off_on_the_start_page(window):
    # Ctrl+S asked where to save an invisible blank document, Ctrl+E asked 仍要导出?
    # about it, 添加同级章节 made one: nothing is open on the start page
    acts = (window.act_save, window.act_save_as, window.act_export, window.act_properties,
            window.act_find, window.act_replace, window.act_add_sibling, window.act_add_child,
            window.act_proofread, window.act_insert_template, window.act_figures,
            *window.section_actions.actions())
    assert window.stack.currentWidget() is window.start_page
    assert not [a.text() for a in acts if a.isEnabled()]
    assert window.act_new.isEnabled() and window.act_open.isEnabled()
    window.new_document("年度工作总结", 2026, "示范县教育局")
    assert not [a.text() for a in acts if not a.isEnabled()]
    window.act_new.trigger()  # 新建: back to the start page
    assert window.stack.currentWidget() is window.start_page
    assert not [a.text() for a in acts if a.isEnabled()]
    window.session.set_current_section(window.session.document.sections[0].id)
    assert not window.act_add_child.isEnabled() and not window.act_delete.isEnabled()


def test_the_outline_buttons_keep_their_short_labels(window):
    from PySide6.QtWidgets import QToolButton
    window.new_document("年度工作总结", 2026, "示范县教育局")
    doc = window.session.document
    window.session.set_current_section(doc.sections[0].children[1].id)  # 升级/降级 change state
    window.session.set_current_section(doc.sections[1].id)
    labels = [b.text() for b in window.findChildren(QToolButton)
              if b.defaultAction() in (window.act_promote, window.act_demote, window.act_delete)]
    assert sorted(labels) == sorted(["←升级", "降级→", "删除"])
    assert window.act_delete.text() == "删除章节"  # the menus keep the full name


def test_the_guides_pictures_fit_its_window(qtbot):
    # the 1400-px screenshots made the clerk scroll sideways in 帮助 → 用户指南
    from desktop.ui.help_dialog import GuideDialog
    dialog = GuideDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    browser = dialog.browser
    qtbot.waitUntil(lambda: browser.horizontalScrollBar().maximum() == 0)
    dialog.resize(700, 600)
    qtbot.waitUntil(lambda: browser.horizontalScrollBar().maximum() == 0)
    assert browser.document().size().width() <= browser.viewport().width() + 1
    # and as wide as the page allows: not shrunk to a thumbnail on the way
    qtbot.waitUntil(lambda: _widest_picture(browser.document()) >= browser.viewport().width() - 60)


def _widest_picture(document) -> float:
    widest = 0.0
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                widest = max(widest, fmt.toImageFormat().width())
            it += 1
        block = block.next()
    return widest


def test_a_chip_without_its_value_is_not_called_a_template_error(window):
    # the clerk inserted a figure (Ctrl+Space) before typing its value into the table:
    # the status bar said 模板错误 though there is no template
    from desktop.model import Figure
    window.new_document("年度工作总结", 2026, "示范县教育局")
    doc = window.session.document
    doc.figures.append(Figure(name="教师", unit="人"))
    window.session.figuresChanged.emit()
    section = doc.sections[-1]
    section.body = "全年新招聘教师{{ fig.教师 }}。"
    window.session.sectionChanged.emit(section.id)
    window.live.render_now()
    assert window.errors_label.text() == "数据缺失 1 处"
    section.body, section.template_text = "", "{{ 不存在的变量 }}"
    window.session.sectionChanged.emit(section.id)
    window.live.render_now()
    assert window.errors_label.text() == "模板错误 1 处"


def test_on_a_small_screen_the_preview_is_more_than_a_sliver(window, qtbot):
    # the outline's five buttons in one row (342 px) and the editor's row of options
    # left the preview 70 px at 1024 × 700
    window.new_document("年度工作总结", 2026, "示范县教育局")
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.preview.width() >= 150)
    assert window.splitter.widget(0).minimumSizeHint().width() <= 200
