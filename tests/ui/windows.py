"""Helpers for tests that drive the main window as a clerk would."""

from __future__ import annotations

from desktop.ui.commands import EditSectionTextCommand


def make_window(qtbot, ui_settings, autosave_ms=0):
    """A main window with the real ``show_error`` (QMessageBox; see the
    ``dialogs`` fixture), answering the save question from ``w.answers``."""
    from desktop.ui.main_window import MainWindow
    w = MainWindow(settings=ui_settings, autosave_ms=autosave_ms)
    w.answers = []
    w.ask_save_changes = lambda: w.answers.pop(0) if w.answers else "discard"
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def edit(window, text="窗口里未保存的修改") -> str:
    """Replace the second section's body (an undoable edit); its id."""
    sid = window.session.document.sections[1].id
    window.session.push(EditSectionTextCommand(window.session, sid, "body", text))
    return sid


def capture_dialogs(window, handler=None):
    """Replace the window's modal loop: record each dialog, let ``handler``
    act on it, return its result."""
    seen = []

    def run(dialog):
        seen.append(dialog)
        return handler(dialog) if handler is not None else 0

    window.run_dialog = run
    return seen
