"""Export speed as whole processes (interpreter start and imports included):

- ours: ``report-drafter export --example plan-county -o OUT`` (the 10-page
  example: load, render, lay out, official styles, page setup, atomic save);
- bare: a python-docx script writing the same paragraphs' text with
  ``add_paragraph`` into python-docx's default template and saving (the
  texts are rendered beforehand and read from a JSON file, so the script
  imports nothing but python-docx).

The two run side by side (alternating) in one run; prints the medians and
the ratio.  Goal: ours ≤ 0.93 × bare (the docxtpl peer's ratio).

    python benchmarks/bench_export.py [--runs 11] [--example plan-county]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOAL = 0.93

OURS = "import sys\nfrom desktop.cli import main\nsys.exit(main(sys.argv[1:]))"
BARE = """import json, sys
import docx
d = docx.Document()
with open(sys.argv[1], encoding="utf-8") as fh:
    for text in json.load(fh):
        d.add_paragraph(text)
d.save(sys.argv[2])
"""


def texts_of(example: str) -> list[str]:
    from desktop.examples import load_example
    from desktop.render import render
    return [b.full_text for b in render(load_example(example)).blocks if b.full_text]


def timed(argv: list[str], env: dict, cwd: str) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, env=env, cwd=cwd, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--example", default="plan-county")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        texts = Path(tmp) / "texts.json"
        texts.write_text(json.dumps(texts_of(args.example), ensure_ascii=False), encoding="utf-8")
        ours_out, bare_out = Path(tmp) / "ours.docx", Path(tmp) / "bare.docx"
        env = dict(os.environ, PYTHONPATH=str(ROOT), REPORT_DRAFTER_HOME=str(Path(tmp) / "home"),
                   PYTHONPYCACHEPREFIX=str(Path(tmp) / "pyc"))
        # compiled bytecode, as an installed copy has it (the warm-up run writes it
        # to a temporary prefix, never into the tree), for both sides alike
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        ours_cmd = [sys.executable, "-c", OURS, "export", "--example", args.example, "-o", str(ours_out)]
        bare_cmd = [sys.executable, "-c", BARE, str(texts), str(bare_out)]
        timed(ours_cmd, env, tmp), timed(bare_cmd, env, tmp)  # warm the OS caches
        ours, bare = [], []
        for _ in range(args.runs):
            ours.append(timed(ours_cmd, env, tmp))
            bare.append(timed(bare_cmd, env, tmp))
        mo, mb = statistics.median(ours), statistics.median(bare)
        n = len(json.loads(texts.read_text(encoding="utf-8")))
        print(f"example {args.example}: {n} paragraphs; {ours_out.stat().st_size // 1024} KiB (ours), "
              f"{bare_out.stat().st_size // 1024} KiB (bare)")
        print(f"ours  median {mo * 1000:7.1f} ms  (runs: {', '.join(f'{t * 1000:.0f}' for t in ours)})")
        print(f"bare  median {mb * 1000:7.1f} ms  (runs: {', '.join(f'{t * 1000:.0f}' for t in bare)})")
        ratio = mo / mb
        print(f"ratio {ratio:.2f}x  (goal <= {GOAL}x)  {'OK' if ratio <= GOAL else 'NOT MET'}")
        return 0


if __name__ == "__main__":
    sys.exit(main())
