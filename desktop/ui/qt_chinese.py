"""Qt's own words in Chinese: the translations shipped with Qt (qtbase_zh_CN
from PySide6's translations folder) and the few strings they miss.

Qt 6's file dialog labels its fields "&Look in:" and "Files of &type:",
which qtbase_zh_CN does not translate (it has the older "Look in:" and
"Files of type:"); ``MissingStrings`` supplies them so no English is left
in a save or open dialog.
"""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

MISSING = {
    ("QFileDialog", "&Look in:"): "查找范围(&I)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
}


class MissingStrings(QTranslator):
    def translate(self, context, source_text, disambiguation=None, n=-1):
        return MISSING.get((context, source_text))  # None: not ours (a null QString)

    def isEmpty(self) -> bool:
        return False


def install(app) -> list[QTranslator]:
    """Install Qt's Chinese translations on ``app`` once; the translators."""
    existing = getattr(app, "_drafter_translators", None)
    if existing is not None:
        return existing
    translators: list[QTranslator] = []
    qt = QTranslator(app)
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if qt.load(QLocale(QLocale.Language.Chinese, QLocale.Country.China), "qtbase", "_", path):
        app.installTranslator(qt)
        translators.append(qt)
    patch = MissingStrings(app)
    app.installTranslator(patch)  # installed last: asked first
    translators.append(patch)
    app._drafter_translators = translators
    return translators
