"""Outline recovery speed: a 60-page .docx (≈ 1,300 paragraphs, typed and
automatic numbering, a table) read into an outline.

- in process: ``outline_json`` alone, goal ≤ 0.5 s;
- whole processes side by side (interpreter start and imports included):
  ``report-drafter outline FILE --json`` against a bare python-docx script
  reading the same file's paragraphs and printing their text, goal ≤ 2×.

    python benchmarks/bench_outline.py [--runs 7]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx
from docx.oxml import parse_xml

from desktop.reuse import outline_json

GOAL_SECONDS = 0.5
GOAL_RATIO = 2.0
ROOT = Path(__file__).resolve().parents[1]
OURS = "import sys\nfrom desktop.cli import main\nsys.exit(main(sys.argv[1:]))"
BARE = """import sys
import docx
d = docx.Document(sys.argv[1])
print("\\n".join(p.text for p in d.paragraphs))
"""
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
SENTENCE = "全面落实立德树人根本任务，统筹推进各学段教育协调发展，稳步提高教育教学质量和办学水平。"


def build(path: Path, chapters: int = 8, sections: int = 3, items: int = 6, paras: int = 2) -> int:
    d = docx.Document()
    d.part.numbering_part._element = parse_xml(
        f'<w:numbering {W}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        f'<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        f'<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>')
    d.add_paragraph("某某县教育局2025年工作计划")
    d.add_paragraph("各学校：")
    count = 2
    for c in range(1, chapters + 1):
        d.add_paragraph(f"{'一二三四五六七八九十'[c - 1]}、第{c}章标题")
        for s in range(1, sections + 1):
            d.add_paragraph(f"（{'一二三四五六七八九十'[s - 1]}）第{s}节标题")
            for i in range(items):
                p = d.add_paragraph(f"第{i + 1}项工作。" + SENTENCE * 2)
                p._p.get_or_add_pPr().append(parse_xml(
                    f'<w:numPr {W}><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'))
                for _ in range(paras):
                    d.add_paragraph(SENTENCE * 2)
                count += 1 + paras
            count += 1
        t = d.add_table(rows=4, cols=4)
        for r in range(4):
            for k in range(4):
                t.cell(r, k).text = f"{r}-{k}"
        count += 5
    d.add_paragraph("某某县教育局")
    d.add_paragraph("2025年1月10日")
    d.save(path)
    return count + 2


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "sixty-pages.docx"
        n = build(path)
        # ≈ 22 lines × 28 chars per page: estimate pages from the text
        chars = sum(len(p.text) for p in docx.Document(path).paragraphs)
        pages = chars / (22 * 28 * 0.85)
        times = []
        for _ in range(args.runs):
            t0 = time.perf_counter()
            data = outline_json(path)
            times.append(time.perf_counter() - t0)
        assert len(data["sections"]) == 8
        median = statistics.median(times)
        print(f"paragraphs: {n}, ≈{pages:.0f} pages, file {path.stat().st_size // 1024} KiB")
        print(f"outline_json median: {median * 1000:.1f} ms over {args.runs} runs "
              f"(min {min(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms)")
        print(f"goal ≤ {GOAL_SECONDS * 1000:.0f} ms: ratio {median / GOAL_SECONDS:.2f} "
              f"→ {'OK' if median <= GOAL_SECONDS else 'TOO SLOW'}")
        ours, bare = processes(path, args.runs, tmp)
        mo, mb = statistics.median(ours), statistics.median(bare)
        print(f"whole process: outline --json median {mo * 1000:.1f} ms, bare python-docx read "
              f"median {mb * 1000:.1f} ms: ratio {mo / mb:.2f}x (goal ≤ {GOAL_RATIO}x) "
              f"→ {'OK' if mo / mb <= GOAL_RATIO else 'NOT MET'}")
        return 0


def processes(path: Path, runs: int, tmp: str) -> tuple[list[float], list[float]]:
    """The two commands as fresh processes, alternating."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), REPORT_DRAFTER_HOME=str(Path(tmp) / "home"),
               PYTHONPYCACHEPREFIX=str(Path(tmp) / "pyc"))
    # compiled bytecode, as an installed copy has it (the warm-up run writes it
    # to a temporary prefix, never into the tree), for both sides alike
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    ours_cmd = [sys.executable, "-c", OURS, "outline", str(path), "--json"]
    bare_cmd = [sys.executable, "-c", BARE, str(path)]

    def timed(cmd):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, env=env, cwd=tmp, stdout=subprocess.DEVNULL)
        return time.perf_counter() - t0

    timed(ours_cmd), timed(bare_cmd)  # warm the OS caches
    ours, bare = [], []
    for _ in range(runs):
        ours.append(timed(ours_cmd))
        bare.append(timed(bare_cmd))
    return ours, bare


if __name__ == "__main__":
    sys.exit(main())
