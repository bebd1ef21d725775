"""Export speed: our official-format exporter vs bare python-docx.

Builds a ~60-page document (8 chapters × 6 sections × 6 paragraphs of body
text, headings, red header, 版记) and times, as whole processes so that
imports count too:

- ours: ``export_docx(doc, path)`` (render + styles + format + atomic save);
- bare: python-docx writing the same rendered paragraphs with
  ``add_paragraph`` into its default template and saving.

Prints the medians of several runs and the ratio (goal: ≤ 1.5×).

    python benchmarks/bench_export.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SETUP = r'''
import sys
sys.path.insert(0, {root!r})
from desktop.model import Document, Properties, Section
PARA = ("全县教育系统坚持以人民为中心的发展思想，围绕办好人民满意的教育目标，统筹推进各学段教育协调发展，"
        "持续深化教育领域综合改革，完成投资26500万元，新增学位1800个，教育事业发展的质量和效益不断提升。")
def document():
    doc = Document(properties=Properties(
        org="青石县教育局", title="青石县教育局2027年教育工作计划", recipients="各学校",
        red_header=True, header_text="青石县教育局文件", doc_number="青教发〔2027〕3号",
        signature="青石县教育局", date="2027-02-10", cc=["县委办公室", "县政府办公室"],
        printer="青石县教育局办公室", print_date="2027-02-11"))
    for i in range(8):
        chapter = Section(title=f"第{{i + 1}}方面工作", level=1, body=PARA)
        for j in range(6):
            chapter.children.append(Section(title=f"重点任务{{j + 1}}", level=2,
                                            body="\n".join([PARA] * 6)))
        doc.sections.append(chapter)
    return doc
'''

OURS = SETUP + r'''
from desktop.export_docx import export_docx
export_docx(document(), {out!r})
'''

BARE = SETUP + r'''
import docx
from desktop.render import render
d = docx.Document()
for b in render(document()).blocks:
    if b.full_text:
        d.add_paragraph(b.full_text)
d.save({out!r})
'''


def run(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def pages_of(path: Path) -> int | None:
    """Pages as LibreOffice lays the file out (None without soffice/pdfinfo)."""
    try:
        sys.path.insert(0, str(ROOT))
        from desktop.office import convert_to_pdf
        pdf = convert_to_pdf(path, path.parent)
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        return int(next(line.split()[-1] for line in info.splitlines()
                        if line.startswith("Pages:")))
    except Exception:
        return None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pages", action="store_true", help="count pages with LibreOffice")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ours_out, bare_out = Path(tmp) / "ours.docx", Path(tmp) / "bare.docx"
        ours_code = OURS.format(root=str(ROOT), out=str(ours_out))
        bare_code = BARE.format(root=str(ROOT), out=str(bare_out))
        run(ours_code), run(bare_code)  # warm the OS caches
        ours, bare = [], []
        for _ in range(args.runs):
            ours.append(run(ours_code))
            bare.append(run(bare_code))
        mo, mb = statistics.median(ours), statistics.median(bare)
        print(f"document: {ours_out.stat().st_size // 1024} KiB (ours), "
              f"{bare_out.stat().st_size // 1024} KiB (bare)")
        if args.pages:
            print(f"pages (LibreOffice): {pages_of(ours_out)}")
        print(f"ours  median {mo * 1000:7.1f} ms  (runs: {', '.join(f'{t * 1000:.0f}' for t in ours)})")
        print(f"bare  median {mb * 1000:7.1f} ms  (runs: {', '.join(f'{t * 1000:.0f}' for t in bare)})")
        print(f"ratio {mo / mb:.2f}x  (goal <= 1.5x)")


if __name__ == "__main__":
    main()
