"""Generated documents shared by the benchmarks and the large-document tests.

``county_document(pages)``: about ``pages`` pages of a county education
bureau's summary — chapters (一、) of 9 sections (（一）) of 10 items (1.),
5 sections a page (1,000 sections for 200 pages), body text with figures.
"""

from __future__ import annotations

import random

CLAUSES = [
    "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻党的教育方针，落实立德树人根本任务",
    "全县共有各级各类学校{n}所，在校学生{m}人，教职工{k}人，办学条件持续改善",
    "深入推进义务教育优质均衡发展，新建、改扩建校舍{k}平方米，新增学位{n}个",
    "加强教师队伍建设，全年组织各类培训{n}场次，培训教师{m}人次，师德师风持续向好",
    "扎实做好学生资助工作，发放各类资助资金{n}万元，惠及学生{m}人次，实现应助尽助",
    "统筹推进校园安全隐患排查整治，开展应急疏散演练{n}次，全年未发生重大安全责任事故",
    "持续深化课堂教学改革，推广优秀教学成果{n}项，教育教学质量稳步提升",
    "着力推进教育信息化建设，建成智慧教室{n}间，实现宽带网络校校通、优质资源班班通",
    "认真落实“双减”政策，课后服务覆盖率达到{p}%，学生作业负担明显减轻",
    "全县报考{{{{ fig.报考人数 }}}}，本科达线率{{{{ fig.本科达线率 }}}}，高考成绩稳中有升",
]


def county_document(pages: int, seed: int = 2025):
    """About ``pages`` pages: chapters of 9 sections of 10 items (5 sections a page)."""
    from desktop.model import Document, Figure, Properties, Section
    rnd = random.Random(seed)
    turn = iter(range(10 ** 9))

    def paragraph() -> str:
        # the clauses in turn (the same mix at every size), figures at random
        i = next(turn)
        return "，".join(CLAUSES[(3 * i + j) % len(CLAUSES)].format(
            n=rnd.randint(2, 90), m=rnd.randint(100, 9000), k=rnd.randint(1000, 50000),
            p=rnd.randint(60, 99)) for j in range(2 + (i % 3 == 2))) + "。"

    doc = Document(properties=Properties(kind="年度工作总结", year=2025, org="某某县教育局",
                                         title="{{ org }}{{ year }}年工作总结",
                                         signature="某某县教育局", date="2025-12-20"))
    doc.figures = [Figure("报考人数", "人", "高考", last=300, value=327),
                   Figure("本科达线人数", "人", "高考", last=180, value=208),
                   Figure("本科达线率", "%", "高考", formula="本科达线人数 / 报考人数 * 100")]
    left = pages * 5
    c = 0
    while left > 0:
        c += 1
        chapter = Section(title=f"第{c}方面重点工作", level=1, body=paragraph())
        left -= 1
        s = 0
        while left > 0 and s < 9:
            s += 1
            section = Section(title=f"扎实推进第{s}项任务", level=2)
            left -= 1
            for i in range(min(10, left)):
                section.children.append(Section(title=f"落实第{i + 1}项措施", level=3,
                                                body=paragraph(), run_in=i % 3 == 0))
                left -= 1
            chapter.children.append(section)
        doc.sections.append(chapter)
    return doc
