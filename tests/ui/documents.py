"""The document the window's tests open (the ``doc`` fixture of tests/ui/conftest.py)."""

from __future__ import annotations

from desktop.model import Document, Figure, Properties, Section


def make_document() -> Document:
    """Two chapters, nested sections of every level, figures."""
    doc = Document(properties=Properties(kind="年度工作总结", year=2025, org="某某县教育局",
                                         org_short="某教", title="{{ org }}{{ year }}年工作总结",
                                         signature="某某县教育局", date="2025-12-20"))
    doc.figures = [Figure("报考人数", "人", "高考", last=300, value=327),
                   Figure("本科达线人数", "人", "高考", last=180, value=208),
                   Figure("本科达线率", "%", "高考", formula="本科达线人数 / 报考人数 * 100")]
    a = Section(title="主要工作", level=1, body="")
    a1 = Section(title="高考成绩稳中有升", level=2,
                 body="全县报考{{ fig.报考人数 }}，本科达线率{{ fig.本科达线率 }}。")
    a1.children = [Section(title="加强备考", level=3, body="研究考纲。", run_in=True),
                   Section(title="关注学生", level=3, body="分层辅导。")]
    a1.children[1].children = [Section(title="心理辅导", level=4, body="开设讲座。")]
    a2 = Section(title="教师队伍建设", level=2, body="全年培训教师1350人次。")
    a2.children = [Section(title="师德师风", level=3, body="持续加强师德师风建设。")]
    a.children = [a1, a2]
    b = Section(title="存在的问题", level=1, body="发展还不平衡。")
    c = Section(title="下一步打算", level=1, body="{{ next_year }}年，我们将继续努力。")
    doc.sections = [a, b, c]
    return doc
