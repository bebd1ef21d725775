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
