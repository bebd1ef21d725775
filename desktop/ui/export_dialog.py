"""Export to .docx (and PDF): options dialog, background job, results.

API for the main window::

    export_document(parent, session, prefs=None, ask=None) -> ExportJob | None
        # the whole interactive flow: “仍要导出?” when the document has errors
        # (ask(question) -> bool replaces the box), options dialog, background export with a
        # progress dialog (the window stays responsive), then open the file or
        # its folder, or a clear error dialog.  None when cancelled.
    start_export(parent, session, options, *, show_progress=True, prefs=None) -> ExportJob
        # the same without the options dialog
    ExportDialog(session, parent=None, prefs=None)
        .options() -> ExportOptions      # docx_path, pdf, open_after, open_target
    ExportOptions(docx_path, pdf=False, open_after=False, open_target="file")
    open_exported(path, target="file" | "folder") -> bool   # QDesktopServices

The job itself (``workers.ExportJob``) snapshots the document, so editing
during an export is safe; a locked or read-only target leaves the earlier
file intact.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QTimer, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
                               QProgressDialog, QPushButton, QVBoxLayout, QWidget)

from .dialogs import fit_to_text, ok_cancel_buttons
from .file_names import document_stem
from .. import office
from .preferences import Preferences
from .workers import ExportJob, ExportResult

DOCX_FILTER = "Word 文档 (*.docx)"


@dataclass
class ExportOptions:
    docx_path: Path
    pdf: bool = False
    open_after: bool = False
    open_target: str = "file"  # "file" or "folder"


def existing_folder(folder: str | Path | None) -> Path:
    """``folder`` when it is (or can be made) a folder, else the home folder:
    the dialog never offers a folder it would then refuse (a fresh account
    has no ~/Documents until something creates it)."""
    if folder:
        try:
            path = Path(folder)
            path.mkdir(parents=True, exist_ok=True)
            if path.is_dir():
                return path
        except (OSError, ValueError):
            pass
    return Path.home()


def default_export_path(session, prefs: Preferences | None = None) -> Path:
    """Beside the project file, else the last export folder or Documents."""
    if session.path:
        return Path(session.path).with_suffix(".docx")
    folder = prefs.last_export_dir() if prefs else ""
    if not folder or not Path(folder).is_dir():
        folder = existing_folder(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation))
    return Path(folder) / f"{document_stem(session.document)}.docx"


def typed_docx_path(text: str) -> tuple[Path | None, str]:
    """The .docx file a typed path names, or None and why not (in Chinese).
    Never raises, whatever is typed: "/", "C:", "~/x/", a NUL character."""
    text = text.strip()
    if not text:
        return None, "请填写要导出的文件名"
    if any(ord(c) < 32 for c in text):  # NUL, tabs, line breaks
        return None, "文件名中含有无效字符"
    try:
        path = Path(text).expanduser()
        if text.endswith(("/", "\\")) or path.name in ("", ".", ".."):
            return None, "请在文件夹后面填写文件名"
        if path.suffix.lower() != ".docx":
            path = path.with_name(path.name + ".docx")
        return path, ""
    except (ValueError, RuntimeError, OSError):  # RuntimeError: ~ without a home folder
        return None, "无法识别的文件路径"


def open_exported(path, target: str = "file") -> bool:
    p = Path(path)
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(p.parent if target == "folder" else p)))


class ExportDialog(QDialog):
    def __init__(self, session, parent=None, prefs: Preferences | None = None):
        super().__init__(parent)
        self.session = session
        self.prefs = prefs or Preferences()
        self.setWindowTitle("导出")
        self._browsed_path = ""

        form = QFormLayout()
        row_widget = QWidget(self)
        row = QHBoxLayout(row_widget)
        row.setContentsMargins(0, 0, 0, 0)
        self.path_edit = QLineEdit(str(default_export_path(session, self.prefs)), row_widget)
        self.browse_button = QPushButton("浏览…", row_widget)
        fit_to_text(self.path_edit)  # the whole path in view
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        form.addRow("Word 文件：", row_widget)

        self.soffice = office.soffice_path()
        self.pdf_check = QCheckBox("同时导出 PDF（在同一文件夹）", self)
        if self.soffice:
            self.pdf_check.setChecked(self.prefs.export_pdf())
        else:
            self.pdf_check.setEnabled(False)
            self.pdf_check.setToolTip("未检测到 LibreOffice，无法导出 PDF")
            self.pdf_check.setText("同时导出 PDF（需要安装 LibreOffice）")
        form.addRow("", self.pdf_check)

        open_row = QWidget(self)
        orow = QHBoxLayout(open_row)
        orow.setContentsMargins(0, 0, 0, 0)
        self.open_check = QCheckBox("导出后打开", open_row)
        self.open_check.setChecked(self.prefs.open_after_export())
        self.open_combo = QComboBox(open_row)
        self.open_combo.addItem("文件", "file")
        self.open_combo.addItem("所在文件夹", "folder")
        self.open_combo.setCurrentIndex(max(0, self.open_combo.findData(self.prefs.open_target())))
        orow.addWidget(self.open_check)
        orow.addWidget(self.open_combo)
        orow.addStretch(1)
        form.addRow("", open_row)

        self.hint = QLabel(self)
        self.hint.setStyleSheet("color: #b00020;")
        self.hint.setWordWrap(True)
        self.buttons = ok_cancel_buttons(self, "导出")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.buttons)

        self.browse_button.clicked.connect(self.browse)
        self.open_check.toggled.connect(self.open_combo.setEnabled)
        self.path_edit.textChanged.connect(self._check)
        self.open_combo.setEnabled(self.open_check.isChecked())
        self._check()

    def docx_path(self) -> Path | None:
        return typed_docx_path(self.path_edit.text())[0]

    def problem(self) -> str:
        path, problem = typed_docx_path(self.path_edit.text())
        if path is None:
            return problem
        try:
            folder_ok = path.parent.is_dir()
        except (OSError, ValueError):
            folder_ok = False
        if not folder_ok:
            return f"文件夹“{path.parent}”不存在"
        return ""

    def _check(self, *args) -> None:
        problem = self.problem()
        self.hint.setText(problem)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem)

    def browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, "导出为 Word 文档", self.path_edit.text(),
                                              DOCX_FILTER)
        if path:
            if not path.lower().endswith(".docx"):
                path += ".docx"
            self._browsed_path = path
            self.path_edit.setText(path)

    def options(self) -> ExportOptions:
        return ExportOptions(docx_path=self.docx_path() or Path("导出文档.docx"),
                             pdf=self.pdf_check.isEnabled() and self.pdf_check.isChecked(),
                             open_after=self.open_check.isChecked(),
                             open_target=self.open_combo.currentData())

    def remember(self) -> None:
        opts = self.options()
        self.prefs.set_last_export_dir(opts.docx_path.parent)
        if self.pdf_check.isEnabled():
            self.prefs.set_export_pdf(opts.pdf)
        self.prefs.set_open_after_export(opts.open_after)
        self.prefs.set_open_target(opts.open_target)

    def accept(self) -> None:
        if self.problem():
            return
        path = self.docx_path()
        try:
            exists = path.exists()
        except (OSError, ValueError):
            exists = False
        if exists and str(path) != self._browsed_path:
            answer = QMessageBox.question(self, "导出", f"“{path.name}”已存在，是否替换？")
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.remember()
        super().accept()


class ExportedNotice(QWidget):
    """已导出到：PATH [打开文件夹] in the status bar, as one widget: a temporary
    status message would be drawn over a button beside it.  Goes away after
    30 s or when the window shows another message."""

    def __init__(self, bar, path) -> None:
        super().__init__(bar)
        self.setObjectName("exportedNotice")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(f"已导出到：{path}", self)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton("打开文件夹", self)
        self.button.setObjectName("openExportFolder")
        self.button.setFlat(True)
        self.button.setStyleSheet("color: #0b57d0; text-decoration: underline;")  # a link
        self.button.setToolTip(str(Path(path).parent))
        self.button.clicked.connect(lambda: open_exported(path, "folder"))
        row.addWidget(self.label)
        row.addWidget(self.button)
        row.addStretch(1)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.hide)
        self.timer.start(30000)
        bar.messageChanged.connect(self.message_changed)

    def message_changed(self, text: str) -> None:
        if text:  # another message: this one is old news
            self.hide()


def show_written(parent, path) -> None:
    """Say where the export wrote, in the status bar, with 打开文件夹."""
    bar_of = getattr(parent, "statusBar", None)
    if not callable(bar_of):
        return
    bar = bar_of()
    old = bar.findChild(ExportedNotice, "exportedNotice")
    if old is not None:
        bar.removeWidget(old)
        old.deleteLater()
    bar.clearMessage()
    notice = ExportedNotice(bar, path)
    bar.addWidget(notice, 1)
    notice.show()


def _report(parent, options: ExportOptions, result: ExportResult) -> None:
    show_written(parent, result.docx)
    if result.pdf_error:
        QMessageBox.warning(parent, "PDF 未能导出",
                            f"Word 文档已保存到：\n{result.docx}\n\n但 PDF 未能生成：{result.pdf_error}")
    if options.open_after:
        target = result.pdf if (result.pdf and options.open_target == "file") else result.docx
        open_exported(target, options.open_target)


def start_export(parent, session, options: ExportOptions, *, show_progress: bool = True,
                 prefs: Preferences | None = None, rendered=None) -> ExportJob:
    """Export in the background; results and errors are shown to the user.
    ``rendered``: the window's current render of the document (not rendered again)."""
    job = ExportJob(session.document, options.docx_path, pdf=options.pdf, rendered=rendered,
                    parent=parent)
    progress = None
    if show_progress:
        progress = QProgressDialog("正在导出…", "", 0, 0, parent)
        progress.setWindowTitle("导出")
        progress.setCancelButton(None)
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(400)
        progress.setAutoClose(False)
        job.progress.connect(progress.setLabelText)

    def close_progress():
        if progress is not None:
            progress.close()
            progress.deleteLater()

    def finished(result: ExportResult):
        close_progress()
        _report(parent, options, result)

    def failed(message: str):
        close_progress()
        QMessageBox.critical(parent, "导出失败",
                             f"{message}\n\n正在编辑的文档没有受到影响。请处理上述问题后重新导出，"
                             "或导出到其他位置。")

    job.finished.connect(finished)
    job.failed.connect(failed)
    job.start()
    return job


def confirm_despite_errors(parent, document, ask=None) -> bool:
    """Before exporting a document with errors (a 发文字号 without its
    number, no 成文日期 …): ask "仍要导出?", naming them.  True to go on.
    ``ask(question) -> bool`` replaces the message box."""
    from ..errors import DrafterError
    from ..proofread.finished import export_blockers, export_question
    panel = getattr(parent, "proofread_panel", None)  # its findings, when current
    current = panel is not None and not getattr(panel, "pending", True) and not panel.error
    try:
        blockers = export_blockers(document, list(panel.findings) if current else None)
    except DrafterError:  # a malformed rule file: the 校对 panel says so
        return True
    if not blockers:
        return True
    if ask is not None:
        return bool(ask(export_question(blockers)))
    from PySide6.QtWidgets import QMessageBox
    box = QMessageBox(QMessageBox.Warning, "仍要导出?", export_question(blockers), parent=parent)
    box.setObjectName("exportBlockersQuestion")
    go = box.addButton("仍要导出", QMessageBox.AcceptRole)
    back = box.addButton("返回修改", QMessageBox.RejectRole)
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.exec()
    return box.clickedButton() is go


def export_document(parent, session, prefs: Preferences | None = None,
                    rendered=None, ask=None) -> ExportJob | None:
    if not confirm_despite_errors(parent, session.document, ask):
        return None
    dialog = ExportDialog(session, parent, prefs)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return start_export(parent, session, dialog.options(), prefs=prefs, rendered=rendered)
