"""Fixtures shared by the docks' and dialogs' tests (figures, library,
properties, export).  Imported by those test modules; no window needed."""

from __future__ import annotations


import pytest
from PySide6.QtCore import QSettings, QStandardPaths

from desktop.model import Document, Figure, Properties, Section
from desktop.ui.session import DocumentSession

QStandardPaths.setTestModeEnabled(True)


def exam_figures() -> list[Figure]:
    return [Figure("报考人数", "人", "高考", last=300, value=327, target=320),
            Figure("本科达线人数", "人", "高考", last=180, value=208),
            Figure("本科达线率", "%", "高考", formula="本科达线人数 / 报考人数 * 100",
                   target=65),
            Figure("培训教师", "人次", "教师", last=1200, value=1350)]


def sample_document() -> Document:
    doc = Document(properties=Properties(kind="年度工作总结", year=2026, org="某某县教育局",
                                         org_short="某县教育局",
                                         title="{{ org }}{{ year }}年工作总结"))
    doc.figures = exam_figures()
    a = Section(title="高考成绩稳中有升", level=1,
                body="全县报考{{ fig.报考人数 }}，本科达线率{{ fig.本科达线率 }}，{{ fig.本科达线率.change }}。")
    b = Section(title="教师队伍建设", level=1, body="全年培训教师{{ fig.培训教师 }}。")
    b.children.append(Section(title="师德师风", level=2, body="持续加强师德师风建设。"))
    doc.sections = [a, b]
    return doc


@pytest.fixture
def session(qapp):
    s = DocumentSession(sample_document())
    yield s
    s.undo_stack.clear()


@pytest.fixture
def qsettings(tmp_path):
    return QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)




def make_properties_dialog(qtbot, session):
    """A 文档属性 dialog on the session's document, closed with the test."""
    from desktop.ui.properties_dialog import PropertiesDialog
    dialog = PropertiesDialog(session)
    qtbot.addWidget(dialog)
    return dialog
