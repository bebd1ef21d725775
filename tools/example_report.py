"""The built-in example ``report-county``: a bureau's year-end summary and
next year's plan sent up to the county government as a 报告 (上行文), with
签发人, 附注 and the indicators table attached.  Used by make_examples.py.
The county and the bureau are fictional.
"""

from __future__ import annotations

from desktop.model import Document, Figure, Properties, Section


def _item(title: str, body: str) -> Section:
    return Section(title=title, body=body, level=3, run_in=True)


def _chapter(level: int, title: str, body: str = "", children=()) -> Section:
    return Section(title=title, body=body, level=level, children=list(children))


FIGURES = [
    Figure("学前三年毛入园率", "%", "学前教育", last=93.2, value=94.6, target=95.5),
    Figure("普惠性幼儿园覆盖率", "%", "学前教育", last=89.7, value=91.3, target=93),
    Figure("九年义务教育巩固率", "%", "义务教育", last=98.6, value=98.9, target=99.2),
    Figure("高中阶段毛入学率", "%", "普通高中", last=94.3, value=95.1, target=96),
    Figure("报考人数", "人", "普通高中", last=1846, value=1912),
    Figure("本科达线人数", "人", "普通高中", last=1104, value=1197),
    Figure("本科达线率", "%", "普通高中", formula="本科达线人数 / 报考人数 * 100", target=63),
    Figure("新增学位数", "个", "基础设施", last=1240, value=1560, target=1800),
    Figure("基建投资", "万元", "基础设施", last=17600, value=21800, target=26500),
    Figure("新招聘教师人数", "人", "教师队伍", last=132, value=148, target=160),
    Figure("教师培训人次", "人次", "教师队伍", last=4420, value=4860, target=5200),
    Figure("资助学生人次", "人次", "学生资助", last=8970, value=9350, target=9600),
    Figure("排查整改安全隐患数", "处", "安全稳定", last=512, value=468),
]


def report_county() -> Document:
    props = Properties(
        kind="总结及计划", year=2026, org="青山县教育局", org_short="县教育局",
        doc_type="报告", signers=["周正明"], red_header=True, header_text="青山县教育局文件",
        doc_number="青教报〔2026〕21号", recipients="县人民政府",
        title="{{ org }}关于{{ year }}年工作总结和{{ next_year }}年工作计划的报告",
        signature="青山县教育局", date="2026-12-22",
        note="联系人：陈晓燕，联系电话：0000-5551234",
        table_figures=["学前三年毛入园率", "普惠性幼儿园覆盖率", "九年义务教育巩固率",
                       "高中阶段毛入学率", "本科达线率", "新增学位数", "基建投资",
                       "新招聘教师人数", "教师培训人次", "资助学生人次", "排查整改安全隐患数"],
        cc=["县委办公室", "市教育局"], printer="青山县教育局办公室", print_date="2026-12-22")
    props.preamble = (
        "{{ year }}年，县教育局在县委、县政府的坚强领导下，坚持以习近平新时代中国特色社会主义思想为指导，"
        "全面贯彻党的教育方针，围绕办好人民满意的教育目标，扎实推进各项重点工作，"
        "全县教育事业保持稳中有进的良好态势。现将{{ year }}年工作情况和{{ next_year }}年工作计划报告如下。")
    done = _chapter(1, "{{ year }}年工作开展情况", "", [
        _chapter(2, "教育普及水平稳步提升", "", [
            _item("学前教育扩容提质",
                  "新建、改扩建公办幼儿园4所，学前三年毛入园率达到{{ fig.学前三年毛入园率 }}，"
                  "较上年{{ fig.学前三年毛入园率.change }}；普惠性幼儿园覆盖率达到{{ fig.普惠性幼儿园覆盖率 }}。"),
            _item("义务教育均衡发展",
                  "全面落实控辍保学责任，九年义务教育巩固率达到{{ fig.九年义务教育巩固率 }}；"
                  "城乡学校共同体覆盖全部乡村学校，乡村学校教学质量明显提高。"),
            _item("高中阶段教育协调发展",
                  "高中阶段毛入学率达到{{ fig.高中阶段毛入学率 }}；普通高考本科达线{{ fig.本科达线人数 }}，"
                  "达线率{{ fig.本科达线率 }}，较上年{{ fig.本科达线率.change }}。"),
        ]),
        _chapter(2, "办学条件持续改善", "", [
            _item("实施教育基础设施项目",
                  "全年完成教育基础设施投资{{ fig.基建投资 }}，{{ fig.基建投资.change }}，"
                  "新增中小学和幼儿园学位{{ fig.新增学位数 }}，城区学校大班额问题得到有效缓解。"),
            _item("推进教育数字化建设",
                  "完成乡村学校网络提速和多媒体教室更新，国家智慧教育平台在全县中小学常态化应用。"),
        ]),
        _chapter(2, "教师队伍建设不断加强", "", [
            _item("补充优化师资",
                  "公开招聘教师{{ fig.新招聘教师人数 }}，优先补充乡村学校和紧缺学科；"
                  "深化“县管校聘”改革，推动校长教师有序交流。"),
            _item("提升专业素养",
                  "组织各级各类教师培训{{ fig.教师培训人次 }}，师德师风专项整治扎实开展，"
                  "教师队伍整体素质进一步提升。"),
        ]),
        _chapter(2, "民生保障和校园安全有力有效", "", [
            _item("精准落实学生资助",
                  "资助家庭经济困难学生{{ fig.资助学生人次 }}，做到应助尽助。"),
            _item("筑牢校园安全防线",
                  "开展校园安全隐患排查整治，整改隐患{{ fig.排查整改安全隐患数 }}，"
                  "全年未发生重大校园安全责任事故。"),
        ]),
    ])
    problems = _chapter(1, "存在的问题", "", [
        _item("优质教育资源供给仍显不足",
              "城区学位需求持续增长，部分学校班额偏大；乡村小规模学校办学水平有待提高。"),
        _item("教师队伍结构性矛盾依然存在",
              "音体美、心理健康等学科教师缺口较大，乡村教师年龄结构偏老。"),
        _item("教育经费保障压力较大",
              "在建项目资金需求集中，学校运转和改善办学条件的投入仍需加大。"),
    ])
    plans = _chapter(1, "{{ next_year }}年工作计划", "", [
        _item("推进学前教育普及普惠",
              "完善学前教育布局，学前三年毛入园率达到{{ fig.学前三年毛入园率.target }}，"
              "普惠性幼儿园覆盖率达到{{ fig.普惠性幼儿园覆盖率.target }}。"),
        _item("促进义务教育优质均衡",
              "对标优质均衡发展要求补齐短板，九年义务教育巩固率达到{{ fig.九年义务教育巩固率.target }}。"),
        _item("加快教育基础设施建设",
              "实施教育基础设施项目，完成投资{{ fig.基建投资.target }}，新增学位{{ fig.新增学位数.target }}。"),
        _item("建强教师队伍",
              "公开招聘教师{{ fig.新招聘教师人数.target }}，组织教师培训{{ fig.教师培训人次.target }}，"
              "健全乡村教师支持保障机制。"),
        _item("守牢校园安全底线",
              "健全校园安全风险防控体系，常态化开展隐患排查整治，确保校园安全稳定。"),
    ])
    props.closing = "特此报告。"
    doc = Document(properties=props, sections=[done, problems, plans], figures=list(FIGURES))
    for i, s in enumerate(doc.walk(), start=1):  # stable ids: regenerating changes nothing
        s.id = f"rc{i:03d}"
    return doc
