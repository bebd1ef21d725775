"""帮助 → 用户指南, 模板写法说明 and 关于: the guides shipped with the app, shown offline.

A guide (docs/用户指南.md, found by ``desktop.paths.guide_path``, or
docs/模板写法说明.md, ``desktop.paths.template_guide_path``) is rendered
as Markdown in a ``QTextBrowser`` with its pictures beside it;
links to other pages of the guide stay in the browser, web links open in
the system browser.
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import (QColor, QDesktopServices, QImage, QPixmap, QTextCharFormat,
                           QTextCursor, QTextDocument, QTextFormat, QTextImageFormat)
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QTextBrowser, QVBoxLayout

from ..paths import guide_path
from .text_fragments import restyle_fragments

APP_TITLE = "年度总结·计划起草助手"


def app_version() -> str:
    try:
        return metadata.version("report-drafter")
    except metadata.PackageNotFoundError:
        return "0.1.0"


_CJK = "\u2e80-\u9fff\u3000-\u303f\uff00-\uffef\u2014\u2018-\u201f\u2026"  # with “”‘’—…
_SOFT_BREAK = re.compile(f"(?<=[{_CJK}])\n[ \t]*(?=[{_CJK}])")


def join_soft_breaks(markdown: str) -> str:
    """The guide's paragraphs are wrapped in the source; Markdown turns a
    line break inside a paragraph into a space, which Chinese text must not
    have (“…的 文字”).  Join the lines where a Chinese character ends one
    and begins the next (outside ``` code blocks)."""
    parts = re.split(r"(^```.*?^```[^\n]*$)", markdown, flags=re.M | re.S)
    return "".join(part if part.startswith("```") else _SOFT_BREAK.sub("", part)
                   for part in parts)


class GuideDialog(QDialog):
    def __init__(self, parent=None, *, path: Path | None = None, title: str = "用户指南"):
        super().__init__(parent)
        self.setObjectName("guideDialog")
        self.setWindowTitle(title)
        self.browser = QTextBrowser(self)
        self.browser.setObjectName("guideBrowser")
        self.browser.setOpenLinks(False)
        self.browser.anchorClicked.connect(self._link)
        path = path or guide_path()
        self.browser.setSearchPaths([str(path.parent)])
        try:
            text = path.read_text(encoding="utf-8")
        except OSError:
            text = f"# {title}\n\n未找到文件：{path}"
        self.browser.document().setBaseUrl(QUrl.fromLocalFile(str(path.parent) + "/"))
        self.browser.setMarkdown(join_soft_breaks(text))
        self._style_code_blocks(self.browser.document())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(900, 700)
        # the guide is long: a scroll bar always, so fitting the pictures never shows one
        self.browser.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._fitting = False
        self.browser.viewport().installEventFilter(self)  # fit the pictures to its width
        self.browser.sourceChanged.connect(lambda _url: self.fit_pictures())  # another page

    @staticmethod
    def _style_code_blocks(document: QTextDocument) -> None:
        """Code blocks (the template examples and what they print) on a grey
        ground, wrapped to the page: a long template line no longer makes the
        reader scroll sideways, and an example stands apart from the text."""
        cursor = QTextCursor(document)
        block = document.begin()
        while block.isValid():
            fmt = block.blockFormat()
            if fmt.nonBreakableLines() or fmt.hasProperty(QTextFormat.Property.BlockCodeFence):
                fmt.setNonBreakableLines(False)
                fmt.setBackground(QColor("#f2f2f2"))
                cursor.setPosition(block.position())
                cursor.setBlockFormat(fmt)
            block = block.next()

    def eventFilter(self, watched, event) -> bool:
        if watched is self.browser.viewport() and event.type() == QEvent.Type.Resize:
            self.fit_pictures()
        return super().eventFilter(watched, event)

    def fit_pictures(self) -> None:
        """Pictures no wider than the page (the screenshots are 1400 px wide):
        the clerk never scrolls sideways to see one."""
        document = self.browser.document()
        room = self.browser.viewport().width() - 2 * document.documentMargin() - 4
        if room <= 0 or self._fitting:
            return
        self._fitting = True
        try:
            self._fit_pictures(document, room)
        finally:
            self._fitting = False

    @staticmethod
    def _fit_pictures(document: QTextDocument, room: float) -> None:
        def fitted(fmt: QTextCharFormat) -> QTextImageFormat | None:
            if not fmt.isImageFormat():
                return None
            picture = fmt.toImageFormat()
            image = document.resource(QTextDocument.ResourceType.ImageResource,
                                      QUrl(picture.name()))
            if not isinstance(image, (QImage, QPixmap)) or image.width() <= 0:
                return None
            width = min(float(image.width()), room)
            if abs(picture.width() - width) <= 0.5:
                return None
            picture.setWidth(width)
            picture.setHeight(image.height() * width / image.width())
            return picture

        restyle_fragments(document, fitted)

    def _link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        elif url.hasFragment() and not url.path().endswith(".md"):
            self.browser.scrollToAnchor(url.fragment())
        else:
            self.browser.setSource(url)


def show_about(parent) -> None:
    QMessageBox.about(parent, f"关于{APP_TITLE}",
                      f"<b>{APP_TITLE}</b><br>版本 {app_version()}<br><br>"
                      "为县级教育局文秘人员起草年度工作总结和工作计划，按 GB/T 9704—2012 "
                      "党政机关公文格式导出 Word 文档。")
