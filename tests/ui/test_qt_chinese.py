"""Qt's own dialogs and key names in Chinese (qtbase_zh_CN plus the strings
it misses), the guide shipped with the program, 关于 with the version."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

from desktop.ui import qt_chinese
from desktop.ui.help_dialog import GuideDialog, app_version


def test_file_dialog_and_key_names_in_chinese(qtbot):
    app = QApplication.instance()
    qt_chinese.install(app)
    assert qt_chinese.install(app) is qt_chinese.install(app)  # once
    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel) if label.text()]
    assert labels and not any(t.isascii() for t in labels), labels
    assert "查找范围" in " ".join(labels) and "文件类型" in " ".join(labels)
    assert QKeySequence("Ctrl+Space").toString(QKeySequence.SequenceFormat.NativeText) \
        == "Ctrl+空格"


def test_the_guide_is_shown_offline_with_its_pictures(qtbot):
    dialog = GuideDialog()
    qtbot.addWidget(dialog)
    doc = dialog.browser.document()
    assert "用户指南" in doc.toPlainText() and "Ctrl+空格" in doc.toPlainText()
    clerks_part = doc.toPlainText().split("模板作者指南")[-2]  # up to its heading
    assert len(clerks_part) > 3000 and "{{" not in clerks_part  # no template code for clerks
    assert doc.toMarkdown()  # rendered from Markdown
    assert app_version()


def test_help_templates_opens_the_chinese_guide(window, qtbot):
    # 帮助 → 模板写法说明 used to open docs/templates.md, in English, outside the program
    help_menu = next(a.menu() for a in window.menuBar().actions() if a.text().startswith("帮助"))
    assert window.act_help_templates in help_menu.actions()
    window.act_help_templates.trigger()
    dialog = window.template_guide_dialog
    qtbot.waitExposed(dialog)
    assert dialog.isVisible() and dialog.windowTitle() == "模板写法说明"
    doc = dialog.browser.document()
    first = doc.begin()
    while first.isValid() and not first.text().strip():
        first = first.next()
    assert first.blockFormat().headingLevel() == 1
    assert first.text() == "模板写法说明"
    text = doc.toPlainText()
    assert "提高2.2个百分点" in text and "共享模板文件夹" in text
    assert "Writing section templates" not in text
    # the examples are shown as code, unchanged (not eaten as Markdown)
    assert "{% if fig.学前三年毛入园率.reached %}" in text
    # long example lines wrap to the page on a grey ground: no sideways scrolling
    qtbot.waitUntil(lambda: dialog.browser.horizontalScrollBar().maximum() == 0)
    block = doc.findBlock(text.index("{% if fig.学前三年毛入园率.reached %}"))
    assert not block.blockFormat().nonBreakableLines() and block.blockFormat().background().style()
    window.act_help_templates.trigger()  # a second time: the same dialog, not another
    assert window.template_guide_dialog is dialog


def test_the_guides_show_no_space_where_a_chinese_line_was_wrapped(qtbot):
    """Markdown makes a line break inside a paragraph a space: between two
    Chinese characters the guide window must join the lines instead."""
    import re

    from desktop.paths import guide_path, template_guide_path
    from desktop.ui.help_dialog import GuideDialog
    cjk = "\u4e00-\u9fff，。、；：”）"
    seen = 0
    for path in (guide_path(), template_guide_path()):
        source = path.read_text(encoding="utf-8")
        source = re.sub(r"^```.*?^```", "", source, flags=re.M | re.S)  # code keeps its lines
        wrapped = re.findall(f"([{cjk}]{{2}})\\n[ \\t]*([\u4e00-\u9fff“（]{{2}})", source)
        seen += len(wrapped)
        dialog = GuideDialog(path=path)
        qtbot.addWidget(dialog)
        shown = dialog.browser.toPlainText()
        missing = [a + b for a, b in wrapped if a + b not in shown]
        assert not missing, (path.name, missing[:5])
    assert seen > 50  # the user guide is wrapped in the source


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

