"""Make docs/screenshot.png: the main window on an example project.

    QT_QPA_PLATFORM=offscreen python tools/screenshot.py [--example NAME] [-o docs/screenshot.png]

Runs with a temporary user folder and settings, so it never touches the
real user's files.  Without any example it uses a new 总结及计划 document.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--example", default="")
    parser.add_argument("-o", "--output", default=str(ROOT / "docs" / "screenshot.png"))
    parser.add_argument("--width", type=int, default=1500)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args(argv)

    home = tempfile.mkdtemp(prefix="drafter-shot-")
    os.environ["REPORT_DRAFTER_HOME"] = home
    os.environ.setdefault("XDG_CONFIG_HOME", os.path.join(home, "config"))
    from PySide6.QtCore import QStandardPaths
    QStandardPaths.setTestModeEnabled(True)
    from PySide6.QtCore import QSettings
    for fmt in (QSettings.NativeFormat, QSettings.IniFormat):
        QSettings.setPath(fmt, QSettings.UserScope, os.path.join(home, "settings"))

    from desktop.examples import example_names
    from desktop.ui.app import create_application
    from desktop.ui.main_window import MainWindow

    app = create_application()
    window = MainWindow(autosave_ms=0)
    window.resize(args.width, args.height)
    window.show()
    names = example_names()
    name = args.example or (names[0] if names else "")
    if name:
        window.open_example(name)
    else:
        window.new_document("总结及计划", 2025, "某某县教育局", "某教")
    doc = window.session.document
    # show a level-2 section with figures in the editor, as a clerk would
    target = next((s for s in doc.walk() if "fig." in s.body and s.level >= 2), None) \
        or next((s for s in doc.walk() if s.body.strip()), None)
    if target is not None:
        window.session.set_current_section(target.id)
    for _ in range(20):
        app.processEvents()
    window.live.render_now()
    window.proofread_panel.recheck()  # the 校对 panel as it is after its first check
    import time
    deadline = time.monotonic() + 30
    while (window.proofread_panel.pending or window.preview.laying_out) \
            and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    for _ in range(20):
        app.processEvents()
    out = Path(args.output)
    out.parent.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(out))
    print(f"saved {out}")
    window.session.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
