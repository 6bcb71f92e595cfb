"""Benchmark: producing one SOP PDF against a single weasyprint pass over the same HTML.

    .venv/bin/python benchmarks/bench_pdf.py [SOP key ...]

For each SOP it reports, in one run: the time soppress takes to produce the PDF
(layout, measuring passes, writing) and the time of one weasyprint pass
(HTML -> PDF) over the final HTML it produced; target ratio <= 1.5.
Each figure is the median of interleaved repetitions after a warm-up."""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import weasyprint

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from soppress.api import check  # noqa: E402
from soppress.render.html.assets import file_assets  # noqa: E402
from soppress.render.html.sop import environment  # noqa: E402
from soppress.render.pdf.sop import plan_sheet  # noqa: E402
from soppress.views.sop import sheet_view  # noqa: E402

DEFAULT = ["kalteng/02-pengaduan-tidak-langsung", "hst/04-mediasi"]
REPEAT = 7


def main(keys: list[str]) -> int:
    project, report = check(ROOT)
    env = environment(ROOT)
    worst = 0.0
    print(f"{'SOP':40} {'pages':>5} {'soppress':>9} {'1 pass':>8} {'ratio':>6}")
    for key in keys:
        sop_file = next(f for f in project.sops if f.key == key)

        def produce():
            sheet = plan_sheet(sheet_view(project, sop_file), env, file_assets(ROOT), str(ROOT))
            sheet.document.write_pdf()
            return sheet

        sheet = produce()  # warm-up (fonts, caches), and the final HTML

        def single():
            weasyprint.HTML(string=sheet.html, base_url=str(ROOT)).write_pdf()

        single()
        full_times, single_times = [], []
        for _ in range(REPEAT):  # interleaved, so that drift on a busy machine hits both alike
            for fn, times in ((produce, full_times), (single, single_times)):
                start = time.perf_counter()
                fn()
                times.append(time.perf_counter() - start)
        full, one = statistics.median(full_times), statistics.median(single_times)
        ratio = full / one
        worst = max(worst, ratio)
        print(f"{key:40} {len(sheet.document.pages):5d} {full:8.3f}s {one:7.3f}s {ratio:6.2f}")
    print(f"worst ratio {worst:.2f} (target <= 1.5)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or DEFAULT))
