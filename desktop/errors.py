"""The application's own error types.

Every failure caused by bad input ends in one of these, carrying a message
in Chinese that names the file (or section, figure, row …) and the problem.
The CLI prints ``str(error)`` on one line and exits with status 2; the GUI
shows it in a dialog.
"""

from __future__ import annotations


class DrafterError(Exception):
    """Base class: a problem the user can act on, with a one-line message."""

    def __init__(self, message: str, *, path: str | None = None):
        self.message = message
        self.path = path
        super().__init__(message)

    def __str__(self) -> str:  # one line, file first when there is one
        text = f"{self.path}: {self.message}" if self.path else self.message
        # every line break Python knows (\r, \x1c-\x1e, \u2028 …), not only \n:
        # names read from a damaged file can carry any of them
        return " ".join(text.splitlines())


class ProjectFileError(DrafterError):
    """A .rdraft file that cannot be read, validated or written."""


class TemplateError(DrafterError):
    """A section template that fails to parse or render."""

    def __init__(self, message: str, *, section: str | None = None,
                 line: int | None = None, path: str | None = None,
                 security: bool = False, field: str | None = None):
        self.section = section
        self.line = line
        self.security = security
        self.field = field
        where = []
        if field:  # a data chip in the text (“教师（本年数值）”), not a section
            where.append(f"数据“{field}”")
        if section:
            where.append(f"章节“{section}”")
        if line:
            where.append(f"第{line}行")
        prefix = "，".join(where)
        super().__init__(f"{prefix}：{message}" if prefix else message, path=path)
        self.detail = message


class FigureError(DrafterError):
    """A figure whose formula or value cannot be evaluated."""


class FigureImportError(DrafterError):
    """A figures sheet (.csv / .xlsx) with a bad cell or shape."""


class ImportDocumentError(DrafterError):
    """A .docx (or .doc/.wps) that cannot be read as a document."""


class ExportError(DrafterError):
    """A .docx/PDF export that cannot be written."""


class RuleFileError(DrafterError):
    """A malformed proofreading rule file."""
