"""Benchmark: producing one SOP PDF against a single weasyprint pass over the same HTML.

    .venv/bin/python benchmarks/bench_pdf.py [SOP key ...]

For each SOP it reports, in one run: the time soppress takes to produce the PDF
(layout, measuring passes, writing) and the time of one weasyprint pass
(HTML -> PDF) over the final HTML it produced; target ratio <= 1.2.
Each figure is the median of interleaved repetitions after a warm-up.
benchmarks/run.py calls ``ratios`` for its table."""
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

DEFAULT = ["kalteng/06-tindak-lanjut-rujukan", "kalteng/02-pengaduan-tidak-langsung", "hst/04-mediasi"]
REPEAT = 7


def ratios(keys: list[str], repeat: int = REPEAT, root: Path = ROOT) -> list[tuple[str, int, float, float]]:
    """(SOP, pages, median seconds of soppress's PDF, median seconds of one weasyprint pass)."""
    project, report = check(root)
    env = environment(root)
    results = []
    for key in keys:
        sop_file = next(f for f in project.sops if f.key == key)

        def produce():
            sheet = plan_sheet(sheet_view(project, sop_file), env, file_assets(root), str(root))
            sheet.document.write_pdf()
            return sheet

        sheet = produce()  # warm-up (fonts, caches), and the final HTML

        def single():
            weasyprint.HTML(string=sheet.html, base_url=str(root)).write_pdf()

        single()
        full_times, single_times = [], []
        for _ in range(repeat):  # interleaved, so that drift on a busy machine hits both alike
            for fn, times in ((produce, full_times), (single, single_times)):
                start = time.perf_counter()
                fn()
                times.append(time.perf_counter() - start)
        results.append((key, len(sheet.document.pages), statistics.median(full_times),
                        statistics.median(single_times)))
    return results


def main(keys: list[str]) -> int:
    print(f"{'SOP':40} {'pages':>5} {'soppress':>9} {'1 pass':>8} {'ratio':>6}")
    worst = 0.0
    for key, pages, full, one in ratios(keys):
        worst = max(worst, full / one)
        print(f"{key:40} {pages:5d} {full:8.3f}s {one:7.3f}s {full / one:6.2f}")
    print(f"worst ratio {worst:.2f} (target <= 1.2)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or DEFAULT))
