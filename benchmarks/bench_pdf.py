"""Benchmark: producing one SOP PDF against a single weasyprint pass over the same HTML.

    .venv/bin/python benchmarks/bench_pdf.py [SOP key ...]

For each SOP it reports, in one run: the time soppress takes to produce the PDF
(layout, measuring passes, writing) and the time of one weasyprint pass
(HTML -> PDF) over the final HTML it produced; target ratio <= 1.2. Twice: cold (no
earlier page plan: a first build, or ``--paksa``) and as a rebuild does it (from the
SOP's last page plan, which an edit that moves no page break leaves valid).
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


def ratios(keys: list[str], repeat: int = REPEAT, root: Path = ROOT) -> list[tuple[str, int, float, float, float]]:
    """(SOP, pages, median seconds of soppress's PDF cold, the same from its last page plan,
    median seconds of one weasyprint pass)."""
    project, report = check(root)
    env = environment(root)
    results = []
    for key in keys:
        sop_file = next(f for f in project.sops if f.key == key)

        def produce(guess=None):
            sheet = plan_sheet(sheet_view(project, sop_file), env, file_assets(root), str(root), guess)
            sheet.document.write_pdf()
            return sheet

        sheet = produce()  # warm-up (fonts, caches), and the final HTML

        def single():
            weasyprint.HTML(string=sheet.html, base_url=str(root)).write_pdf()

        single()
        times: dict[str, list[float]] = {"cold": [], "rebuild": [], "single": []}
        runs = {"cold": produce, "rebuild": lambda: produce(sheet.plan), "single": single}
        for _ in range(repeat):  # interleaved, so that drift on a busy machine hits all alike
            for name, fn in runs.items():
                start = time.perf_counter()
                fn()
                times[name].append(time.perf_counter() - start)
        results.append((key, len(sheet.document.pages), *(statistics.median(times[n]) for n in runs)))
    return results


def main(keys: list[str]) -> int:
    print(f"{'SOP':40} {'pages':>5} {'cold':>8} {'rebuild':>8} {'1 pass':>8} {'ratio cold':>10} {'rebuild':>8}")
    worst = [0.0, 0.0]
    for key, pages, cold, again, one in ratios(keys):
        worst = [max(worst[0], cold / one), max(worst[1], again / one)]
        print(f"{key:40} {pages:5d} {cold:7.3f}s {again:7.3f}s {one:7.3f}s {cold / one:10.2f} {again / one:8.2f}")
    print(f"worst ratio: cold {worst[0]:.2f}, rebuild {worst[1]:.2f} (target <= 1.2)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or DEFAULT))
