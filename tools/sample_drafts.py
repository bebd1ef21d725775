"""Sample departments' drafts (.docx) for the user guide's 汇总 pictures.

    python tools/sample_drafts.py OUT_DIR

Four fictional 股室/school drafts, each typed its own way: chapters named
differently, a school that lists its work by topic, a draft with a 意见建议
chapter, one whose title names no unit (it is in the signature).
"""

from __future__ import annotations

import sys
from pathlib import Path

DRAFTS = {
    "基础教育股2026年工作总结.docx": (
        "基础教育股2026年工作总结和2027年工作打算",
        ["2026年，基础教育股围绕学前教育普及普惠和义务教育优质均衡两项重点，扎实推进各项工作。"],
        [("一、2026年工作开展情况", []),
         ("（一）学前教育普及普惠", ["新建公办幼儿园2所，学前三年毛入园率达到94.6%。"]),
         ("（二）义务教育优质均衡", ["城乡学校共同体覆盖全部乡村学校，九年义务教育巩固率达到98.9%。"]),
         ("二、存在的问题", ["城区学位供需矛盾仍较突出，部分乡村学校规模偏小。"]),
         ("三、2027年工作打算", ["推进学前教育扩容提质，学前三年毛入园率提高到95.5%。"])],
        "基础教育股", "2026年12月8日"),
    "人事股.docx": (
        "2026年度人事股工作总结",
        [],
        [("一、主要成效", []),
         ("（一）补充教师", ["公开招聘教师148人，优先补充乡村学校。"]),
         ("（二）培训提升", ["组织教师培训4860人次。"]),
         ("二、存在不足", ["音体美和心理健康教师缺口较大。"]),
         ("三、下一步工作计划", ["计划公开招聘教师160人。"])],
        "人事股", "2026年12月10日"),
    "青山县第一中学.docx": (
        "青山县第一中学2026年工作总结",
        [],
        [("一、强化党建引领", ["落实党组织领导的校长负责制，党建与教学深度融合。"]),
         ("二、提升教学质量", ["本科达线率达到62.6%，较上年提高2.8个百分点。"]),
         ("三、存在的短板", ["实验室设备老化，需要更新。"]),
         ("四、明年工作思路", ["力争本科达线率达到63%。"])],
        "青山县第一中学", "2026年12月12日"),
    "材料-安全.docx": (
        "2026年工作总结",
        [],
        [("一、主要工作", ["开展校园安全隐患排查整治，整改隐患468处。"]),
         ("二、下步打算", ["健全校园安全风险防控体系。"]),
         ("三、意见建议", ["建议增加校园安保经费。"])],
        "安全稳定股", "2026年12月15日"),
}


def write_drafts(folder: Path) -> list[Path]:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name, (title, preamble, items, signature, date) in DRAFTS.items():
        d = docx.Document()
        d.add_paragraph(title).alignment = WD_ALIGN_PARAGRAPH.CENTER
        for text in preamble:
            d.add_paragraph(text)
        for heading, body in items:
            d.add_paragraph(heading)
            for text in body:
                d.add_paragraph(text)
        for text in (signature, date):
            d.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
        path = folder / name
        d.save(str(path))
        out.append(path)
    return out


if __name__ == "__main__":
    for p in write_drafts(Path(sys.argv[1] if len(sys.argv) > 1 else "drafts")):
        print(p)
