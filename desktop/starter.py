"""A new document's starting outline, built from the section template library.

``new_document(kind, year, org)`` gives the clerk a sensible skeleton for
each document kind — title, chapters made from library templates, a
figures table holding every figure those templates use (empty, for the
clerk to fill), signature and date — that renders without errors as it
is: the built-in templates leave out a figure's sentence while the figure
has no value.

For a 总结及计划 ``year`` is the year being summed up; its plan part is for
``year + 1`` (templates see it as ``next_year``).
"""

from __future__ import annotations

from .fields import adopt_templates
from .library import Library, SectionTemplate
from .model import KINDS, Document, Figure, Properties, Section, Settings

# name → (unit, category, formula): units and categories of the figures the
# built-in templates use, so a starter figures table prints "92.5%" not "92.5".
FIGURE_CATALOG: dict[str, tuple[str, str, str]] = {
    "教育经费总投入": ("万元", "综合", ""),
    "基层党组织数": ("个", "党建", ""),
    "发展党员人数": ("人", "党建", ""),
    "文明校园数": ("所", "德育", ""),
    "学前三年毛入园率": ("%", "学前教育", ""),
    "普惠性幼儿园覆盖率": ("%", "学前教育", ""),
    "新增学前学位数": ("个", "学前教育", ""),
    "小学适龄儿童入学率": ("%", "义务教育", ""),
    "初中适龄少年入学率": ("%", "义务教育", ""),
    "九年义务教育巩固率": ("%", "义务教育", ""),
    "高中阶段毛入学率": ("%", "普通高中", ""),
    "报考人数": ("人", "普通高中", ""),
    "本科达线人数": ("人", "普通高中", ""),
    "本科达线率": ("%", "普通高中", "本科达线人数 / 报考人数 * 100"),
    "中职招生人数": ("人", "职业教育", ""),
    "中职毕业生就业率": ("%", "职业教育", ""),
    "职业技能培训人次": ("人次", "职业教育", ""),
    "新招聘教师人数": ("人", "教师队伍", ""),
    "教师培训人次": ("人次", "教师队伍", ""),
    "交流轮岗教师人数": ("人", "教师队伍", ""),
    "智慧教室数": ("间", "教育信息化", ""),
    "多媒体教室覆盖率": ("%", "教育信息化", ""),
    "排查整改安全隐患数": ("处", "安全稳定", ""),
    "应急演练次数": ("次", "安全稳定", ""),
    "资助学生人次": ("人次", "学生资助", ""),
    "资助金额": ("万元", "学生资助", ""),
    "营养改善计划受益学生人数": ("人", "学生资助", ""),
    "民办学校数": ("所", "民办教育", ""),
    "校外培训机构数": ("家", "民办教育", ""),
    "责任督学人数": ("人", "教育督导", ""),
    "督导检查学校数": ("所次", "教育督导", ""),
    "学生体质健康达标率": ("%", "体卫艺", ""),
    "基建项目数": ("个", "基础设施", ""),
    "基建投资": ("万元", "基础设施", ""),
    "新增学位数": ("个", "基础设施", ""),
    "普通话测试人数": ("人", "语言文字", ""),
    "教育集团数": ("个", "教育改革", ""),
}

# The topical chapters, in the order documents usually take them.
SUMMARY_TOPICS = (
    "party-building-summary", "moral-education-summary", "preschool-summary",
    "compulsory-summary", "high-school-summary", "vocational-summary",
    "teachers-summary", "informatization-summary", "reform-summary",
    "pe-health-arts-summary", "language-summary", "student-aid-summary",
    "private-education-summary", "supervision-summary", "infrastructure-summary",
    "safety-summary",
)
PLAN_TOPICS = (
    "party-building-plan", "moral-education-plan", "preschool-plan", "compulsory-plan",
    "high-school-plan", "vocational-plan", "teachers-plan", "informatization-plan",
    "reform-plan", "pe-health-arts-plan", "language-plan", "student-aid-plan",
    "private-education-plan", "supervision-plan", "infrastructure-plan", "safety-plan",
)

TITLES = {
    "年度工作总结": "{{ org }}{{ year }}年工作总结",
    "工作计划": "{{ org }}{{ year }}年工作计划",
    "工作要点": "{{ org }}{{ year }}年工作要点",
    "总结及计划": "{{ org }}{{ year }}年工作总结及{{ next_year }}年工作计划",
}

SUMMARY_PREAMBLE_END = "现将全年工作情况总结如下："
SUMMARY_AND_PLAN_PREAMBLE = (
    "{{ year }}年，{{ org_short }}在上级党委政府和教育行政部门的坚强领导下，"
    "深入学习贯彻党的二十大和二十届历次全会精神，全面贯彻党的教育方针，"
    "扎实推进各项重点工作，较好地完成了年度目标任务。"
    "现将{{ year }}年工作完成情况和{{ next_year }}年工作计划报告如下：")
KEY_TASKS_INTRO = "围绕年度目标，重点抓好以下工作："


def _date_for(kind: str, year: int) -> str:
    """A plausible 成文日期: summaries at the year's end, plans early in it."""
    if kind in ("年度工作总结", "总结及计划"):
        return f"{year}-12-20"
    if kind == "工作要点":
        return f"{year}-03-01"
    return f"{year}-02-15"


class _Builder:
    def __init__(self, library: Library):
        self.library = library
        self.used: list[SectionTemplate] = []

    def template(self, template_id: str) -> SectionTemplate | None:
        t = self.library.get(template_id)
        if t is not None:
            self.used.append(t)
        return t

    def section(self, template_id: str, level: int) -> Section | None:
        t = self.template(template_id)
        return t.make_section(level) if t else None

    def sections(self, ids, level: int) -> list[Section]:
        return [s for s in (self.section(i, level) for i in ids) if s is not None]

    def body(self, template_id: str) -> str:
        t = self.template(template_id)
        return t.body if t else ""


def starter_figures(templates: list[SectionTemplate]) -> list[Figure]:
    """Empty figures for every figure the templates use (with the inputs of
    derived ones), in the catalogue's order, then any unknown ones."""
    wanted: list[str] = []

    def want(name: str) -> None:
        if name in wanted:
            return
        wanted.append(name)
        formula = FIGURE_CATALOG.get(name, ("", "", ""))[2]
        if formula:
            from .figures import formula_names
            for dep in formula_names(formula, name):
                want(dep)

    for t in templates:
        for name in t.figures:
            want(name)
    order = {name: i for i, name in enumerate(FIGURE_CATALOG)}
    first_seen = {name: i for i, name in enumerate(wanted)}
    wanted.sort(key=lambda n: (order.get(n, len(order)), first_seen[n]))
    figures = []
    for name in wanted:
        unit, category, formula = FIGURE_CATALOG.get(name, ("", "", ""))
        figures.append(Figure(name=name, unit=unit, category=category, formula=formula))
    return figures


def new_document(kind: str, year: int, org: str, org_short: str = "",
                 library: Library | None = None) -> Document:
    """A new document of ``kind`` for ``year`` issued by ``org``."""
    if kind not in KINDS:
        raise ValueError(f"未知的文档类型“{kind}”（应为：{'、'.join(KINDS)}）")
    lib = library if library is not None else Library()
    b = _Builder(lib)
    props = Properties(kind=kind, year=int(year), org=org, org_short=org_short,
                       title=TITLES[kind], signature=org, date=_date_for(kind, int(year)))
    settings = Settings()
    sections: list[Section] = []

    if kind == "年度工作总结":
        overview = b.body("summary-overview").rstrip()
        props.preamble = (overview + "\n" if overview else "") + SUMMARY_PREAMBLE_END
        main = Section(title="{{ year }}年主要工作及成效", level=1)
        main.children = b.sections(SUMMARY_TOPICS, 2)
        sections.append(main)
        sections += b.sections(("problems", "next-steps"), 1)
    elif kind == "工作计划":
        sections += b.sections(("general-requirements", "plan-targets"), 1)
        tasks = Section(title="重点工作及措施", body=KEY_TASKS_INTRO, level=1)
        tasks.children = b.sections(PLAN_TOPICS, 2)
        sections.append(tasks)
    elif kind == "工作要点":
        props.preamble = b.body("general-requirements")
        sections += b.sections(PLAN_TOPICS, 1)
    else:  # 总结及计划
        props.preamble = SUMMARY_AND_PLAN_PREAMBLE
        done = Section(title="{{ year }}年工作完成情况", level=1)
        done.children = b.sections(SUMMARY_TOPICS, 2)
        sections.append(done)
        sections += b.sections(("problems",), 1)
        plan = Section(title="{{ next_year }}年工作计划", level=1)
        plan.children = b.sections(("general-requirements", "plan-targets", *PLAN_TOPICS), 2)
        sections.append(plan)

    doc = Document(properties=props, sections=sections,
                   figures=starter_figures(b.used), settings=settings)
    adopt_templates(doc)  # the 开头导语 and titles as field text, never template code
    return doc
