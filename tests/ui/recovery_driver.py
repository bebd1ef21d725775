"""A tiny driver that runs the real application for tests/ui/test_autosave.py.

    python recovery_driver.py edit     # open an example, edit, print AUTOSAVED …, keep running
    python recovery_driver.py restore  # start; click 恢复 in the recovery offer; print JSON

The environment (set by the test) gives REPORT_DRAFTER_HOME,
REPORT_DRAFTER_AUTOSAVE_MS, QT_QPA_PLATFORM=offscreen and PYTHONPATH (the
repository root, so the driver runs the checkout under test).
"""

from __future__ import annotations

import json
import sys

from PySide6.QtCore import QStandardPaths, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

QStandardPaths.setTestModeEnabled(True)

from desktop.ui import app as app_module  # noqa: E402

EDIT = "崩溃前的修改：全年培训教师1350人次。"


def edit() -> int:
    app = app_module.create_application()
    window = app_module.start(example="plan-county", ask=lambda w, r: False)
    session = window.session
    first = session.document.sections[0]
    session.set_current_section(first.id)
    window.editor.body_edit.moveCursor(window.editor.body_edit.textCursor().MoveOperation.End)
    window.editor.body_edit.insertPlainText("\n" + EDIT)
    window.editor.title_edit.setText("总体要求（已修改）")
    window.editor._title_edited("总体要求（已修改）")
    window.autosaver.saved.connect(lambda f: print("AUTOSAVED", f, flush=True))
    return app.exec()


def restore() -> int:
    app = app_module.create_application()
    offered = []

    def click_restore():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.objectName() == "recoveryBox":
            offered.append(box.text())
            for button in box.buttons():
                if button.text() == "恢复":
                    button.click()
                    return
        QTimer.singleShot(50, click_restore)

    QTimer.singleShot(50, click_restore)
    window = app_module.start()
    session = window.session
    doc = session.document
    result = {"offered": offered, "modified": session.modified,
              "title": doc.sections[0].title if doc.sections else "",
              "body": doc.sections[0].body if doc.sections else "",
              "window_title": window.windowTitle(),
              "can_undo": session.undo_stack.canUndo()}
    print(json.dumps(result, ensure_ascii=False), flush=True)
    session.undo_stack.setClean()
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit({"edit": edit, "restore": restore}[sys.argv[1]]())
