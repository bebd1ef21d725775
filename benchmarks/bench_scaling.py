"""How each cost grows with the document: 10, 25, 50, 100 and 200 pages.

    QT_QPA_PLATFORM=offscreen python benchmarks/bench_scaling.py [--runs 5]

Documents of 5 sections a page (1,000 sections for 200 pages), of body text
as a county education bureau writes it, with figures.  For each size, the
median of ``--runs`` runs of:

- render          model → RenderedDocument (``desktop.render.render``)
- layout          the preview's full layout, empty cache (what opening does)
- refresh         the preview after an edit of one section: incremental
                  render + layout with the cache (what typing does)
- check           a full proofreading pass (``check_document``)
- export          ``export_docx`` to a .docx
- outline         reading the exported .docx back into an outline
- save / load     the .rdraft project

Then the growth of each cost relative to linear: cost(200) / cost(10) / 20.
1.0 is linear; below 1 the fixed part dominates; above 1.25 is flagged
"WORSE THAN LINEAR".  Beside it, the slope of a log–log fit over all five
sizes (1 = linear), which a noisy millisecond at 10 pages moves less.
Exit status 1 when something is flagged.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sample_documents import county_document as document  # beside this script

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SIZES = (10, 25, 50, 100, 200)
WORSE_THAN_LINEAR = 1.25

def median_ms(fn, runs: int) -> float:
    """Median of at least ``runs`` runs; short costs run more often (up to
    about 0.3 s in all, 60 runs) so that a millisecond is not noise."""
    times = []
    while len(times) < runs or (sum(times) < 300 and len(times) < 60):
        gc.collect()  # each run starts from the same heap: no collection owed by the last
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def measure(pages: int, runs: int, folder: Path) -> dict:
    from PySide6.QtCore import QObject, Signal

    from desktop.export_docx import export_docx
    from desktop.model import Document
    from desktop.project_file import load, save
    from desktop.proofread import check_document
    from desktop.render import render
    from desktop.reuse import outline_json
    from desktop.ui.live_render import LiveRender
    from desktop.ui.page_layout import LayoutCache, lay_out

    doc = document(pages)
    render(doc)  # templates compiled once, as in a session
    out: dict = {"sections": sum(1 for _ in doc.walk())}
    out["render"] = median_ms(lambda: render(doc), runs)
    rendered = render(doc)
    out["layout"] = median_ms(lambda: lay_out(rendered, cache=LayoutCache()), runs)
    out["pages"] = lay_out(rendered).pages

    class Session(QObject):  # what LiveRender listens to
        outlineChanged = Signal()
        propertiesChanged = Signal()
        figuresChanged = Signal()
        settingsChanged = Signal()
        sectionChanged = Signal(str)
        documentReset = Signal()

        def __init__(self, document: Document):
            super().__init__()
            self.document = document

    session = Session(doc)
    live = LiveRender(session, delay_ms=10_000)
    cache = LayoutCache()
    lay_out(live.render_now(), cache=cache)
    target = list(doc.walk())[out["sections"] * 2 // 3]
    edits = iter(range(10_000))

    def refresh():
        target.body += f"新增{next(edits)}。"
        session.sectionChanged.emit(target.id)
        lay_out(live.render_now(), cache=cache)
    out["refresh"] = median_ms(refresh, runs)
    out["check"] = median_ms(lambda: check_document(doc), runs)
    docx = folder / f"{pages}.docx"
    out["export"] = median_ms(lambda: export_docx(doc, docx), runs)
    out["outline"] = median_ms(lambda: outline_json(docx), runs)
    project = folder / f"{pages}.rdraft"
    out["save"] = median_ms(lambda: save(doc, project, backup=False), runs)
    out["load"] = median_ms(lambda: load(project), runs)
    return out


def _slope(xs, ys) -> float:
    """Least-squares slope of log(y) on log(x)."""
    lx = [math.log(x) for x in xs]
    ly = [math.log(max(y, 1e-6)) for y in ys]
    mx, my = sum(lx) / len(lx), sum(ly) / len(ly)
    return sum((a - mx) * (b - my) for a, b in zip(lx, ly)) / sum((a - mx) ** 2 for a in lx)


COSTS = ("render", "layout", "refresh", "check", "export", "outline", "save", "load")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    from PySide6.QtGui import QGuiApplication

    import desktop.ui  # noqa: F401  (the PySide6 work-around, before any layout)
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 (fonts for layout)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for pages in sizes:
            results[pages] = measure(pages, args.runs, Path(tmp))
    print(f"medians in ms (at least {args.runs} runs each, more for short costs)")
    print(f"{'target pages':>14}" + "".join(f"{p:>9}" for p in sizes))
    print(f"{'sections':>14}" + "".join(f"{results[p]['sections']:>9}" for p in sizes))
    print(f"{'preview pages':>14}" + "".join(f"{results[p]['pages']:>9}" for p in sizes))
    for cost in COSTS:
        print(f"{cost:>14}" + "".join(f"{results[p][cost]:>9.1f}" for p in sizes))
    lo, hi = sizes[0], sizes[-1]
    print(f"\ngrowth relative to linear: cost({hi}) / cost({lo}) / {hi / lo:g}; "
          "slope: exponent of the log-log fit over all sizes (1 = linear)")
    worse = []
    for cost in COSTS:
        ratio = results[hi][cost] / results[lo][cost] / (hi / lo)
        slope = _slope(sizes, [results[p][cost] for p in sizes])
        flag = "WORSE THAN LINEAR" if ratio > WORSE_THAN_LINEAR else "ok"
        if ratio > WORSE_THAN_LINEAR:
            worse.append(cost)
        print(f"{cost:>14} {ratio:6.2f}  slope {slope:4.2f}  {flag}")
    return 1 if worse else 0


if __name__ == "__main__":
    sys.exit(main())
