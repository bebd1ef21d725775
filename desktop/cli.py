"""The ``report-drafter`` command (contract: shared spec, product.md).

Headless commands never import Qt; only opening the window does.  Bad
input of any kind ends with one line naming the file and the problem and
exit status 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .errors import DrafterError

EXIT_BAD_INPUT = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: 参数错误：{message}\n")


def _load_project(path: str):
    from .project_file import load
    return load(path)


def _doc_for(args):
    from .examples import load_example
    if getattr(args, "example", None):
        return load_example(args.example)
    if not args.project:
        raise DrafterError("请指定项目文件或 --example 示例名")
    return _load_project(args.project)


def cmd_export(args) -> int:
    doc = _doc_for(args)
    from .export import export
    out = Path(args.output)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise DrafterError(f"无法创建文件夹（{e.strerror}）", path=str(out.parent)) from None
    if args.pdf:
        from .office import soffice_path  # subprocess & co.: only when a PDF is asked for
    pdf = bool(args.pdf and soffice_path())
    result = export(doc, out, pdf=pdf)
    print(f"已导出：{result.docx}")
    if result.pdf is not None:
        print(f"已导出：{result.pdf}")
    if args.pdf and not pdf:
        print("未找到 LibreOffice（soffice），无法生成 PDF；.docx 已导出。", file=sys.stderr)
    if result.pdf_error:
        raise DrafterError(f"无法生成 PDF：{result.pdf_error}（.docx 已导出）", path=str(out))
    return 0


def cmd_pages(args) -> int:
    """The page count the window shows (the layout model's, 版记 included)."""
    doc = _doc_for(args)
    from .layout import lay_out
    from .render import render
    rendered = render(doc)
    layout = lay_out(doc, rendered)
    if args.json:
        im = layout.imprint
        print(json.dumps({"pages": layout.pages, "text_pages": layout.text_pages,
                          "imprint_page": im.page + 1 if im else None,
                          "blank_page": bool(im and im.blank_pages == 2),
                          "unnumbered_pages": sorted(p + 1 for p in layout.unnumbered_pages)},
                         ensure_ascii=False))
    else:
        print(layout.pages)
    return 0


def cmd_examples(args) -> int:
    from .examples import list_examples
    for name, title in list_examples():
        print(f"{name}\t{title}")
    return 0


def cmd_outline(args) -> int:
    from .reuse import outline_json
    data = outline_json(args.file)
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(data["title"])

        def show(items, indent):
            for s in items:
                # an article (第X条) has no title: the first words of its text
                words = s["title"] or (s["body"][0][:20] + "…" if s["body"] else "")
                print("  " * indent + f"[{s['level']}] {s['number']} {words}")
                show(s["children"], indent + 1)
        show(data["sections"], 0)
    return 0


def _save_project(doc, path: str) -> None:
    """Save a project the command made or changed, unless another window has it open."""
    from .file_lock import locked_by_other
    from .project_file import save
    owner = locked_by_other(path)
    if owner is not None:
        raise DrafterError(f"该项目正由{owner.describe()}打开，不能覆盖；"
                           "请先在那里关闭它，或换一个文件名", path=path)
    save(doc, path)


def cmd_import(args) -> int:
    from .reuse import import_document
    doc = import_document(args.file, year=args.year)
    _save_project(doc, args.output)
    print(f"已生成：{args.output}")
    if doc.review_notes:  # saved in the project: the window lists them under 待核对
        print(f"需核对 {len(doc.review_notes)} 处：")
        for note in doc.review_notes:
            print(f"待核对\t{note}")
    return 0


def cmd_merge(args) -> int:
    from .merge import KIND_LABELS, merge_files
    result = merge_files(args.drafts, args.year, into=args.into, org=args.org or "")
    _save_project(result.with_figures(), args.output)
    for d in result.drafts:
        kinds = "、".join(KIND_LABELS[p.kind] for p in result.parts if p.path == d.path)
        print(f"{d.name}\t{d.unit}\t{kinds}")
    print(f"已汇总 {len(result.drafts)} 份材料，提取指标 {len(result.figures)} 项，"
          f"需核对 {len(result.notes)} 处：{args.output}")
    for note in result.notes:
        print(f"待核对\t{note}")
    return 0


def cmd_check(args) -> int:
    from .proofread import check_path
    findings = check_path(args.file, year=args.year)
    if args.json:
        print(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
    else:
        for f in findings:
            where = f"[{f.section}] " if f.section else ""
            if f.section_id == "@file":
                where = f"[第{f.paragraph + 1}段{'·' + f.section if f.section else ''}] "
            excerpt = f"：{f.excerpt}" if f.excerpt.strip() else ""
            around = f.around().strip()
            context = f"（原文：{around}）" if around and around != f.excerpt.strip() else ""
            print(f"{f.severity_label}\t{where}{f.message}{excerpt}{context}")
        print(f"共 {len(findings)} 条校对意见")
    return 1 if any(f.severity == "error" for f in findings) else 0


def cmd_replace(args) -> int:
    """查找替换 over the whole document (titles, bodies, 开头导语, 结束语),
    never inside a field, as the window's Ctrl+H does."""
    from .fields import context_for
    from .find_replace import apply, plan_replace_all
    if not args.find:
        raise DrafterError("查找内容不能为空", path=args.project)
    doc = _load_project(args.project)
    changes = plan_replace_all(doc, args.find, args.replacement, context_for(doc),
                               case=not args.ignore_case)
    apply(doc, changes)
    count = sum(c.count for c in changes)
    out = args.output or args.project
    if changes:
        _save_project(doc, out)
    print(f"已替换 {count} 处（{len(changes)} 段文字）" + (f"：{out}" if changes else ""))
    return 0


def cmd_freeze(args) -> int:
    """转为普通文字: sections stop following their templates; fields become text."""
    from .fields import freeze_sections
    doc = _load_project(args.project)
    ids = args.section or None
    if ids:
        missing = [i for i in ids if doc.find(i) is None]
        if missing:
            raise DrafterError(f"没有这个章节：{'、'.join(missing)}", path=args.project)
    changed = freeze_sections(doc, ids)
    out = args.output or args.project
    if changed:
        _save_project(doc, out)
    print(f"已转为普通文字 {len(changed)} 个章节" + (f"：{out}" if changed else ""))
    return 0


def cmd_render(args) -> int:
    from .figures import read_figures
    from .library import parse_template
    from .model import Document, Properties
    from .templating import base_context, render_template
    path = Path(args.template)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DrafterError("文件不存在", path=str(path)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise DrafterError(f"无法读取模板（{e}）", path=str(path)) from None
    title = ""
    if text.lstrip().startswith("{#"):
        t = parse_template(text, path=path, source="user")
        title, text = t.title, t.body
    doc = Document(properties=Properties(year=args.year, org=args.org, org_short=args.org))
    if args.figures:
        doc.figures = read_figures(args.figures)
    ctx = base_context(doc)
    try:
        if title:
            print(render_template(title, ctx, section=path.name).strip())
        print(render_template(text, ctx, section=path.name))
    except DrafterError as e:
        e.path = str(path)
        raise
    return 0


def _gui(argv: list[str]) -> int:
    parser = _Parser(prog="report-drafter", description="年度总结·计划起草助手")
    parser.add_argument("project", nargs="?", help="要打开的项目文件（.rdraft）")
    parser.add_argument("--example", help="打开内置示例")
    args = parser.parse_args(argv)
    if args.project and not Path(args.project).exists():
        raise DrafterError("文件不存在", path=args.project)
    from .ui.app import run
    return run(project=args.project, example=args.example)


def _project_or_example(p: argparse.ArgumentParser) -> None:
    p.add_argument("project", nargs="?")
    p.add_argument("--example")


def _args_export(p: argparse.ArgumentParser) -> None:
    _project_or_example(p)
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--pdf", action="store_true", help="同时用 LibreOffice 生成 PDF")


def _args_pages(p: argparse.ArgumentParser) -> None:
    _project_or_example(p)
    p.add_argument("--json", action="store_true", help="同时给出版记所在页、空白页和不编页码的页")


def _args_examples(p: argparse.ArgumentParser) -> None:
    pass


def _args_outline(p: argparse.ArgumentParser) -> None:
    p.add_argument("file")
    p.add_argument("--json", action="store_true")


def _args_import(p: argparse.ArgumentParser) -> None:
    p.add_argument("file")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("-o", "--output", required=True)


def _args_merge(p: argparse.ArgumentParser) -> None:
    p.add_argument("drafts", nargs="+", metavar="DRAFT.docx")
    p.add_argument("--year", type=int, required=True, help="总结的年份")
    p.add_argument("--into", metavar="BUREAU.rdraft", help="汇总到已有的局项目中")
    p.add_argument("--org", help="局的全称（新建项目时）")
    p.add_argument("-o", "--output", required=True)


def _args_check(p: argparse.ArgumentParser) -> None:
    p.add_argument("file")
    p.add_argument("--year", type=int)
    p.add_argument("--json", action="store_true")


def _args_replace(p: argparse.ArgumentParser) -> None:
    p.add_argument("project")
    p.add_argument("--find", required=True, help="查找内容")
    p.add_argument("--with", dest="replacement", required=True, help="替换为")
    p.add_argument("--ignore-case", action="store_true", help="不区分大小写")
    p.add_argument("-o", "--output", help="另存为（默认保存回原项目）")


def _args_freeze(p: argparse.ArgumentParser) -> None:
    p.add_argument("project")
    p.add_argument("--section", action="append", metavar="ID", help="只转换这个章节（可重复）")
    p.add_argument("-o", "--output", help="另存为（默认保存回原项目）")


def _args_render(p: argparse.ArgumentParser) -> None:
    p.add_argument("template")
    p.add_argument("--figures")
    p.add_argument("--year", type=int, default=2026)
    p.add_argument("--org", default="某某县教育局")


# every command: (help, what it does, its arguments), in the order --help lists them
SUBCOMMANDS = {
    "export": ("导出公文格式 .docx", cmd_export, _args_export),
    "pages": ("页数（与窗口所示、导出后打印的页数一致）", cmd_pages, _args_pages),
    "examples": ("列出内置示例", cmd_examples, _args_examples),
    "outline": ("显示文档提纲", cmd_outline, _args_outline),
    "import": ("以去年文档为起点新建项目", cmd_import, _args_import),
    "merge": ("汇总各科室材料为一份总结及计划", cmd_merge, _args_merge),
    "check": ("校对", cmd_check, _args_check),
    "replace": ("查找替换（全文，不改动数据字段）", cmd_replace, _args_replace),
    "freeze": ("转为普通文字（章节不再随模板和数据变化）", cmd_freeze, _args_freeze),
    "render": ("渲染一个章节模板（供模板作者使用）", cmd_render, _args_render),
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line's parser: every command, or only ``command``'s (what
    a run needs: argparse spends a few milliseconds on each one it sets up)."""
    parser = _Parser(prog="report-drafter", description="年度总结·计划起草助手（命令行）")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for name, (help_text, func, add_arguments) in SUBCOMMANDS.items():
        if command is None or name == command:
            p = sub.add_parser(name, help=help_text)
            add_arguments(p)
            p.set_defaults(func=func)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] in SUBCOMMANDS:
            args = build_parser(argv[0]).parse_args(argv)
            return args.func(args)
        return _gui(argv)
    except DrafterError as e:
        print(f"错误：{e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # a bug: still one line unless debugging
        if os.environ.get("REPORT_DRAFTER_DEBUG"):
            raise
        print(f"内部错误：{type(e).__name__}: {e}", file=sys.stderr)
        return 70


if __name__ == "__main__":
    sys.exit(main())
