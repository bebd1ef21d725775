"""Make the screenshots of the user guide (docs/用户指南.md) into docs/guide/.

    QT_QPA_PLATFORM=offscreen python tools/guide_screenshots.py [-o docs/guide] [--no-pdf]

Drives the real main window on the built-in examples, the way a clerk
would: the start page; last year's plan exported to .docx and taken through
the 以去年文档为起点 wizard (计划→总结); figures read from a small .xlsx;
proofreading a document with planted faults and a one-click fix; the export
dialog and the first page of the exported PDF (LibreOffice + pdftoppm, left
out with --no-pdf or when either is missing); the year-over-year comparison.

Runs with a temporary user folder and settings, so it never touches the
real user's files.  Prints one line per picture; exit status 0 when every
picture was made.
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WIDTH, HEIGHT = 1400, 860
# the names of the guide's pictures, in the order they are made
PICTURES = (
    "start.png", "main.png",
    "reuse-1-source.png", "reuse-2-outline.png", "reuse-3-targets.png", "reuse-4-result.png",
    "figures-xlsx.png", "figures-dock.png", "fields-menu.png",
    "proofread-1.png", "proofread-2.png",
    "export-dialog.png", "export-pdf.png",
    "compare.png",
    "round-1-merge.png", "round-2-merged.png", "round-3-table.png", "round-4-report.png",
    "round-5-pdf.png", "round-6-annex.png",
)
PDF_PICTURES = ("export-pdf.png", "round-5-pdf.png", "round-6-annex.png")


class Shooter:
    """The application, the window and where the pictures go."""

    def __init__(self, out: Path, work: Path, pdf: bool):
        from PySide6.QtTest import QTest

        from desktop.ui.app import create_application
        from desktop.ui.main_window import MainWindow

        self.qtest = QTest
        self.out = out
        self.work = work
        self.pdf = pdf
        self.made: list[Path] = []
        self.app = create_application()
        self.window = MainWindow(autosave_ms=0)
        self.window.show_error = self._error
        self.window.ask_save_changes = lambda: "discard"
        self.window.resize(WIDTH, HEIGHT)
        self.window.show()
        self.settle()

    @staticmethod
    def _error(title: str, message: str) -> None:
        raise RuntimeError(f"{title}: {message}")

    def settle(self, ms: int = 150) -> None:
        self.app.processEvents()
        self.window.live.render_now()
        self.qtest.qWait(ms)
        self.app.processEvents()

    def finish(self, flow, *args, timeout_ms: int = 60_000):
        """Run a flow that reports through ``then`` (it works in a worker) and
        wait for what it reports."""
        outcome: list = []
        flow(*args, then=outcome.append)
        if self.wait_until(lambda: bool(outcome), timeout_ms):
            return outcome[0]
        raise RuntimeError(f"{getattr(flow, '__name__', flow)} did not finish")

    def wait_until(self, done, timeout_ms: int = 60_000) -> bool:
        """Let the event loop run until ``done()`` (work in a worker may take
        up to a minute on a loaded machine); whether it came true."""
        for _ in range(timeout_ms // 50):
            if done():
                return True
            self.qtest.qWait(50)
        return bool(done())

    def save(self, widget, name: str) -> Path:
        if widget is self.window and not getattr(self, "keep_status", False):
            self.window.statusBar().clearMessage()
        self.settle()
        path = self.out / name
        if not widget.grab().save(str(path)):
            raise RuntimeError(f"could not write {path}")
        self.made.append(path)
        print(f"saved {path}")
        return path

    # -- helpers -------------------------------------------------------------------------
    def select(self, section) -> None:
        w = self.window
        w.go_to_section(section.id)
        w.outline.select_section(section.id)
        w.outline.scrollTo(w.outline.currentIndex())

    def show_dialog(self, dialog) -> None:
        dialog.show()
        dialog.raise_()
        self.settle()

    def raise_dock(self, dock, height: int | None = None) -> None:
        dock.show()
        dock.raise_()
        if height is not None:
            from PySide6.QtCore import Qt
            self.window.resizeDocks([dock], [height], Qt.Vertical)
        self.settle()


# -- the pictures ----------------------------------------------------------------------------
def start_and_main(s: Shooter) -> None:
    w = s.window
    s.save(w.centralWidget(), "start.png")  # the docks are empty before a document is open
    w.open_example("summary-and-plan")
    doc = w.session.document
    target = next((x for x in doc.walk() if "fig." in (x.body or x.template_text)
                   and x.level >= 2), doc.sections[0])
    s.select(target)
    s.save(w, "main.png")


def reuse_last_years_plan(s: Shooter) -> Path:
    """Last year's plan as .docx → the wizard (计划→总结) → the summary outline."""
    from desktop.examples import load_example
    from desktop.export_docx import export_docx
    from desktop.ui.reuse_wizard import PAGE_OUTLINE, PAGE_TARGETS, ReuseWizard

    w = s.window
    plan = load_example("plan-county")
    folder = s.work / "去年的文档"
    folder.mkdir(parents=True, exist_ok=True)
    docx = folder / "青山县教育局2027年教育工作计划.docx"
    export_docx(plan, docx)

    def drive(wizard):
        if not isinstance(wizard, ReuseWizard):
            return 0
        wizard.source_page.path_edit.setText(str(docx))
        wizard.source_page.year_spin.setValue(plan.properties.year)
        wizard.set_mode("plan_to_summary")
        s.show_dialog(wizard)
        s.save(wizard, "reuse-1-source.png")
        wizard.next()  # reads the file in a worker
        if not s.wait_until(lambda: wizard.currentId() == PAGE_OUTLINE):
            raise RuntimeError("the wizard did not read last year's plan: "
                               + wizard.source_page.status.text())
        tree = wizard.outline_page.tree
        tree.scrollToTop()
        s.save(wizard, "reuse-2-outline.png")
        wizard.next()
        if wizard.currentId() != PAGE_TARGETS:
            raise RuntimeError("the wizard did not reach the targets page")
        # the clerk unticks what is not a figure of its own (a name with a
        # comparison in it, a count without its subject)
        page = wizard.targets_page
        for i in range(page.targets.count()):
            name = page.targets.item(i).text().split("　")[0]
            if "由" in name or name.rstrip("0123456789").endswith("次"):
                page.set_checked(i, False)
        s.save(wizard, "reuse-3-targets.png")
        wizard.accept()
        wizard.hide()
        return 1

    w.run_dialog = drive
    if not w.start_from_last_year():
        raise RuntimeError("以去年文档为起点 did not open a document")
    del w.run_dialog
    doc = w.session.document
    item = next(x for x in doc.walk() if x.reference and x.level == 3)
    s.select(item)
    if w.review_dock is not None:
        s.raise_dock(w.review_dock, 170)
    s.save(w, "reuse-4-result.png")
    return docx


def figures_from_excel(s: Shooter) -> None:
    """A small .xlsx of this year's numbers merged into the table."""
    import openpyxl
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QTableWidget, QTableWidgetItem

    rows = [("名称", "单位", "上年", "本年", "目标", "公式"),
            ("普惠性幼儿园覆盖率", "%", 91.2, 93.4, 93, None),
            ("招聘教师", "人", 148, 165, 160, None),
            ("新建智慧教室", "间", 96, 124, 120, None),
            ("资助学生", "人次", 9215, 9730, 9600, None),
            ("专任教师", "人", 3560, 3642, None, None),
            ("乡村教师", "人", 1820, 1905, None, None),
            ("乡村教师占比", "%", None, None, None, "乡村教师 / 专任教师 * 100")]
    xlsx = s.work / "2027年教育指标.xlsx"
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = "指标"
    for row in rows:
        sheet.append(list(row))
    wb.save(xlsx)

    # what the sheet looks like (a table drawn like a spreadsheet)
    table = QTableWidget(len(rows) - 1, len(rows[0]))
    table.setHorizontalHeaderLabels(list(rows[0]))
    table.setVerticalHeaderLabels([str(i) for i in range(2, len(rows) + 1)])
    for r, row in enumerate(rows[1:]):
        for c, value in enumerate(row):
            item = QTableWidgetItem("" if value is None else (f"{value:g}" if isinstance(value, float)
                                                            else str(value)))
            if isinstance(value, (int, float)):
                item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            table.setItem(r, c, item)
    table.horizontalHeader().setStyleSheet("QHeaderView::section { background: #e8f0e8; }")
    table.setColumnWidth(0, 170)
    table.setColumnWidth(5, 300)
    table.setWindowTitle(xlsx.name)
    table.resize(830, 290)
    table.item(0, 0).setBackground(QColor("#ffffff"))
    s.show_dialog(table)
    s.save(table, "figures-xlsx.png")
    table.close()
    table.deleteLater()

    w = s.window
    dock = w.figures_dock
    count = dock.import_from(xlsx, "merge")
    dock.legend.setText(f"已导入 {count} 个指标（可撤销）。灰色数值由公式自动计算；"
                        "黄色底纹为当前章节使用的指标。")
    doc = w.session.document
    # the clerk writes the figures into the summary
    section = next(x for x in doc.walk() if x.title.startswith("优化教师资源配置"))
    s.select(section)
    body = w.editor.body_edit  # the data appear as chips showing their values
    body.set_field_text("全年公开招聘教师{{ fig.招聘教师 }}，{{ fig.招聘教师.vs_target }}，"
                        "重点补充乡村学校和思政、心理健康教师。")
    body.fieldTextEdited.emit(body.field_text())
    s.raise_dock(dock)
    w.resizeDocks([dock], [600], Qt.Horizontal)
    for column, width in enumerate((150, 46, 46, 70, 70, 70)):
        dock.view.setColumnWidth(column, width)
    row = next(i for i, f in enumerate(doc.figures) if f.name == "招聘教师")
    dock.view.scrollTo(dock.model.index(row, 0))
    s.save(w, "figures-dock.png")
    # Ctrl+Space in the body: the menu of data to insert, drawn over the editor
    # (menus are windows of their own: a grab of the editor does not show them)
    from PySide6.QtCore import QPoint
    from PySide6.QtGui import QPainter
    w.resizeDocks([dock], [380], Qt.Horizontal)
    sizes = w.splitter.sizes()
    w.splitter.setSizes([300, 560, 150])  # the editor wide enough for the menu beside it
    s.settle()
    body.moveCursor(body.textCursor().MoveOperation.End)
    menu = body.show_field_menu()
    s.settle()
    item = next(a for a in menu.actions() if a.menu() and a.text() == "招聘教师")
    menu.setActiveAction(item)
    sub = item.menu()
    sub.popup(menu.mapToGlobal(menu.actionGeometry(item).topRight()))
    s.settle()
    picture = w.editor.grab()
    at = QPoint(24, body.mapTo(w.editor, body.cursorRect().bottomLeft()).y() + 4)
    painter = QPainter(picture)
    painter.drawPixmap(at, menu.grab())
    painter.drawPixmap(at + QPoint(menu.width() - 2, menu.actionGeometry(item).top()), sub.grab())
    painter.end()
    sub.close()
    menu.close()
    path = s.out / "fields-menu.png"
    if not picture.save(str(path)):
        raise RuntimeError(f"could not write {path}")
    s.made.append(path)
    print(f"saved {path}")
    w.splitter.setSizes(sizes)


def proofreading(s: Shooter) -> None:
    """A document with planted faults, the 校对 panel, a one-click fix."""
    from desktop.examples import load_example

    w = s.window
    doc = load_example("summary-and-plan")
    doc = copy.deepcopy(doc)
    doc.properties.doc_number = "云教发[2026]5号"
    sections = [x for x in doc.walk() if x.body.strip() and "{" not in x.body]
    first = sections[0]
    lines = first.body.split("\n")
    lines[0] = lines[0].replace("，", ",", 1)
    first.body = "\n".join(lines)
    second = sections[1]
    second.body = second.body.replace("。", "。。", 1)
    third = sections[2]
    third.body += "\n全县共有XX所学校完成标准化建设。"
    fourth = sections[3]
    fourth.body = "全面落实“十三五”教育发展规划，" + fourth.body
    w.set_document(doc, None)
    w.session.undo_stack.clear()
    w.show_proofread()
    panel = w.proofread_panel
    s.raise_dock(w.proofread_dock, 230)
    panel.refresh()
    index = next(i for i, f in enumerate(panel.findings) if f.rule == "halfwidth-punct")
    panel.select(index)
    panel._activate(panel.tree.topLevelItem(index))
    s.save(w, "proofread-1.png")
    if not panel.fix_current():
        raise RuntimeError("the half-width comma could not be fixed")
    index = next(i for i, f in enumerate(panel.findings) if f.rule == "doubled-punct")
    panel.select(index)
    panel._activate(panel.tree.topLevelItem(index))
    w.statusBar().showMessage("已修正：半角逗号改为全角“，”（可用 Ctrl+Z 撤销）", 60000)
    s.keep_status = True
    s.save(w, "proofread-2.png")
    s.keep_status = False


def export(s: Shooter) -> None:
    """The export dialog and the first page of the PDF."""
    from desktop.examples import load_example
    from desktop.export_docx import export_docx
    from desktop.ui.export_dialog import ExportDialog
    from desktop.ui.preferences import Preferences

    w = s.window
    w.open_example("summary-and-plan")
    out_dir = s.work / "导出"
    out_dir.mkdir(parents=True, exist_ok=True)
    prefs = Preferences(w.settings)
    prefs.set_last_export_dir(out_dir)
    prefs.set_export_pdf(True)
    dialog = ExportDialog(w.session, w, prefs)
    dialog.resize(820, dialog.sizeHint().height())
    dialog.path_edit.setCursorPosition(0)
    s.show_dialog(dialog)
    s.save(dialog, "export-dialog.png")
    dialog.reject()
    if not s.pdf:
        return
    from desktop.office import convert_to_pdf
    docx = out_dir / "云溪区教育局2026年工作总结及2027年工作计划.docx"
    export_docx(load_example("summary-and-plan"), docx)
    pdf = convert_to_pdf(docx, out_dir)
    stem = s.work / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(stem)], check=True, timeout=120)
    target = s.out / "export-pdf.png"
    shutil.copyfile(f"{stem}.png", target)
    s.made.append(target)
    print(f"saved {target}")


def compare(s: Shooter) -> None:
    """This year's plan against last year's, section by section."""
    from desktop.examples import load_example
    from desktop.project_file import save
    from desktop.reuse import import_document

    w = s.window
    last = load_example("plan-county")
    path = s.work / "去年的文档" / "青山县教育局2027年教育工作计划.rdraft"
    save(last, path)
    doc = import_document(path, year=last.properties.year + 1, mode="plan_to_plan")
    chapters = doc.sections
    key_work = next(c for c in chapters if c.title.startswith("重点工作"))
    first = key_work.children[0].children[0]
    first.body = first.body.replace("首要政治任务", "首要政治任务和第一议题", 1) + "\n组织全县中小学校长专题读书班2期。"
    key_work.children[-1].children = key_work.children[-1].children[:-1]
    from desktop.model import Section
    key_work.children[2].children.append(Section(
        title="推进学前教育集团化办园", level=3,
        body="组建城区优质园牵头的学前教育集团3个，覆盖乡镇幼儿园20所。"))
    w.set_document(doc, None)

    def grab(dialog):
        dialog.resize(1100, 640)
        s.show_dialog(dialog)
        dialog.only_changes.setChecked(True)
        changed = next((i for i, d in enumerate(dialog.visible_diffs())
                        if d.status == "changed" and d.label != "标题"), 0)
        dialog.select(changed)
        s.save(dialog, "compare.png")
        dialog.close()
        return 0

    w.run_dialog = grab
    if s.finish(w.compare_with_last_year, str(path)) is None:
        raise RuntimeError("与去年文档对比 did not open")
    del w.run_dialog


def annual_round(s: Shooter) -> None:
    """The annual round: the departments' drafts → 汇总 → figures → the report sent up."""
    from desktop.examples import load_example
    from desktop.export_docx import export_docx
    from desktop.ui.merge_dialog import MergeDialog
    from desktop.ui.properties_dialog import PropertiesDialog
    from tools.sample_drafts import write_drafts

    w = s.window
    drafts = write_drafts(s.work / "各科室材料")

    def merge(dialog: MergeDialog):
        dialog.resize(1100, 640)
        dialog.add_paths(drafts)
        if not s.finish(dialog.merge_now):
            raise RuntimeError("汇总预览 failed: " + dialog.status.text())
        s.show_dialog(dialog)
        s.save(dialog, "round-1-merge.png")
        return 1

    w.run_dialog = merge
    if not w.merge_drafts():
        raise RuntimeError("汇总各科室材料 did not open the merged document")
    del w.run_dialog
    doc = w.session.document
    s.select(doc.sections[0].children[0])
    if w.review_dock is not None:
        s.raise_dock(w.review_dock, 150)
    s.save(w, "round-2-merged.png")

    report = load_example("report-county")
    w.set_document(report, None)
    dialog = PropertiesDialog(w.session, w)
    dialog.resize(760, 600)
    dialog.tabs.setCurrentIndex(next(i for i in range(dialog.tabs.count())
                                     if dialog.tabs.tabText(i) == "指标表"))
    s.show_dialog(dialog)
    s.save(dialog, "round-3-table.png")
    dialog.tabs.setCurrentIndex(1)
    s.settle()
    s.save(dialog, "round-4-report.png")
    dialog.reject()
    if not s.pdf:
        return
    from desktop.office import convert_to_pdf
    out_dir = s.work / "上报"
    out_dir.mkdir(parents=True, exist_ok=True)
    docx = out_dir / "青山县教育局关于2026年工作总结和2027年工作计划的报告.docx"
    export_docx(report, docx)
    pdf = convert_to_pdf(docx, out_dir)
    pages = int(next(line.split()[-1] for line in subprocess.run(
        ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
        if line.startswith("Pages:")))
    annex = next(k for k in range(pages, 0, -1) if "主要指标完成情况表" in subprocess.run(
        ["pdftotext", "-f", str(k), "-l", str(k), str(pdf), "-"], capture_output=True,
        text=True, check=True).stdout)
    for page, name in ((1, "round-5-pdf.png"), (annex, "round-6-annex.png")):
        stem = s.work / f"report-{page}"
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", str(page), "-l", str(page),
                        "-singlefile", str(pdf), str(stem)], check=True, timeout=120)
        target = s.out / name
        shutil.copyfile(f"{stem}.png", target)
        s.made.append(target)
        print(f"saved {target}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", default=str(ROOT / "docs" / "guide"))
    parser.add_argument("--no-pdf", action="store_true",
                        help="skip the exported PDF page (needs LibreOffice and pdftoppm)")
    args = parser.parse_args(argv)

    home = tempfile.mkdtemp(prefix="drafter-guide-")
    os.environ["REPORT_DRAFTER_HOME"] = os.path.join(home, "data")
    os.environ.setdefault("XDG_CONFIG_HOME", os.path.join(home, "config"))
    os.environ.setdefault("REPORT_DRAFTER_PREVIEW_MS", "50")
    from PySide6.QtCore import QSettings, QStandardPaths
    QStandardPaths.setTestModeEnabled(True)
    for fmt in (QSettings.NativeFormat, QSettings.IniFormat):
        QSettings.setPath(fmt, QSettings.UserScope, os.path.join(home, "settings"))

    from desktop.office import soffice_path
    pdf = not args.no_pdf and bool(soffice_path()) and bool(shutil.which("pdftoppm"))
    if not pdf and not args.no_pdf:
        print("LibreOffice or pdftoppm not found: leaving out export-pdf.png")

    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(home) / "文档"
    work.mkdir()
    s = Shooter(out, work, pdf)
    try:
        start_and_main(s)
        reuse_last_years_plan(s)
        figures_from_excel(s)
        proofreading(s)
        export(s)
        compare(s)
        annual_round(s)
    finally:
        s.window.session.undo_stack.setClean()
        s.window.close()
        shutil.rmtree(home, ignore_errors=True)
    expected = [p for p in PICTURES if pdf or p not in PDF_PICTURES]
    missing = [p for p in expected if not (out / p).is_file()]
    if missing:
        print("missing: " + ", ".join(missing), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
