"""Every figure of issue 15's table, measured in one run, and written to benchmarks/README.md.

    .venv/bin/python benchmarks/run.py [--runs N] [--build-runs N] [--no-write]

Commands run as subprocesses (`python -m soppress …`, as staff run them) on a copy of the
corpus in a temporary folder, with SOURCE_DATE_EPOCH set and byte-code cached in the
temporary folder (a clean clone has no .pyc yet: the first, warm-up run writes them).
Each figure is the median of several runs; figures compared with each other (sequential
vs parallel build, soppress's PDF vs one weasyprint pass) are measured in the same run,
interleaved. Peak memory is the largest sum of the resident memory of the build process
and its workers, sampled from /proc every 50 ms during the (untimed) growth runs. The cold build is also measured on 2x
and 4x the corpus (copies of every unit, with their Keputusan)."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

CORPUS = ("soppress.yaml", "sops", "keputusan", "letterheads", "registri")
EDITED = "sops/hst/04-mediasi.yaml"
EDIT_FROM = "Mencatat hasil pertemuan dengan klien dalam rekam perkara"


def copy_corpus(target: Path, times: int = 1) -> Path:
    """The corpus, and ``times - 1`` copies of every unit (sops/<unit>-<i>/, keputusan/<unit>-<i>.yaml)."""
    target.mkdir(parents=True)
    for name in CORPUS:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, target / name)
    for i in range(2, times + 1):
        for unit in sorted(p for p in (ROOT / "sops").iterdir() if p.is_dir()):
            shutil.copytree(unit, target / "sops" / f"{unit.name}-{i}")
        for decree in (ROOT / "keputusan").glob("*.yaml"):
            text = decree.read_text().replace(f"sop: {decree.stem}/", f"sop: {decree.stem}-{i}/")
            (target / "keputusan" / f"{decree.stem}-{i}.yaml").write_text(text)
    return target


def long_sop_project(target: Path, steps: int = 300) -> Path:
    import yaml
    copy_corpus(target)
    shutil.rmtree(target / "sops")
    shutil.rmtree(target / "keputusan")
    (target / "sops" / "hst").mkdir(parents=True)
    data = yaml.safe_load((ROOT / EDITED).read_text())
    data["tampilan"]["judul_kolom"] = {("no" if k is False else k): v  # YAML 1.1 reads `no:` as false
                                       for k, v in data["tampilan"]["judul_kolom"].items()}
    data["kegiatan"] = [dict(data["kegiatan"][i % len(data["kegiatan"])]) for i in range(steps)]
    (target / "sops" / "hst" / "01-panjang.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    return target


class Runner:
    def __init__(self, tmp: Path):
        self.env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "SOURCE_DATE_EPOCH": "1767225600",
                    "PYTHONPYCACHEPREFIX": str(tmp / "pycache")}
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)

    def run(self, cwd: Path, *args: str, memory: bool = False) -> tuple[float, int]:
        """Wall seconds of `python -m soppress ARGS` in ``cwd``; with ``memory`` also the peak
        resident memory of its process tree in bytes."""
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "soppress", *args], cwd=cwd, env=self.env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        peak = [0]
        if memory:
            sampler = threading.Thread(target=_sample, args=(proc, peak), daemon=True)
            sampler.start()
        _, err = proc.communicate()
        seconds = time.perf_counter() - start
        if proc.returncode not in (0,) and args[0] != "check":
            raise SystemExit(f"soppress {' '.join(args)} failed:\n{err.decode()[-2000:]}")
        if memory:
            sampler.join()
        return seconds, peak[0]


def _tree_rss(pid: int) -> int:
    """Resident memory of a process and its descendants (/proc/PID/task/*/children)."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
            for task in Path(f"/proc/{p}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, IndexError, ValueError):
            pass
    return total


def _sample(proc: subprocess.Popen, peak: list[int]) -> None:
    while proc.poll() is None:
        peak[0] = max(peak[0], _tree_rss(proc.pid))
        time.sleep(0.05)


def median(runs: list[float]) -> float:
    return statistics.median(runs)


def measure(runs: int, build_runs: int) -> tuple[list[tuple[str, str, str]], list[str]]:
    from bench_pdf import ratios
    tmp = Path(tempfile.mkdtemp(prefix="soppress-bench-"))
    try:
        r = Runner(tmp)
        corpus = copy_corpus(tmp / "corpus")
        long_project = long_sop_project(tmp / "long")
        out = ["build", "-q", "--keluaran"]
        r.run(corpus, "--help")  # warm-up: writes the byte-code cache
        r.run(long_project, "check")
        rows = []

        help_s = median([r.run(corpus, "--help")[0] for _ in range(runs)])
        rows.append(("`soppress --help`", f"{help_s:.2f} s", "≤ 0.3 s"))
        check_s = median([r.run(corpus, "check")[0] for _ in range(runs)])
        rows.append(("`soppress check`, whole corpus", f"{check_s:.2f} s", "≤ 0.5 s"))

        seq, par = [], []
        for i in range(build_runs):  # interleaved: drift on a busy machine hits both alike
            seq.append(r.run(corpus, *out, str(tmp / f"seq{i}"), "-j", "1")[0])
            par.append(r.run(corpus, *out, str(tmp / f"par{i}"))[0])
        rows.append(("full build, cold, parallel (all cores)", f"{median(par):.1f} s", "≤ 8 s"))
        rows.append(("full build, cold, one process (`-j 1`), same run", f"{median(seq):.1f} s "
                     f"(parallel/sequential {median(par) / median(seq):.2f})", "-"))

        noop = median([r.run(corpus, *out, str(tmp / "par0"))[0] for _ in range(runs)])
        rows.append(("the same build again, nothing changed", f"{noop:.2f} s", "≤ 0.5 s"))

        edits = []
        for i in range(build_runs):  # a real change each time: alternate the step's text
            source = corpus / EDITED
            text = source.read_text()
            source.write_text(text.replace(EDIT_FROM, EDIT_FROM + " (diubah)") if i % 2 == 0
                              else text.replace(EDIT_FROM + " (diubah)", EDIT_FROM))
            edits.append(r.run(corpus, *out, str(tmp / "par0"))[0])
        rows.append(("rebuild after editing one SOP (its sheet and the book)", f"{median(edits):.1f} s", "≤ 2 s"))

        pdf = ratios(["kalteng/06-tindak-lanjut-rujukan", "kalteng/02-pengaduan-tidak-langsung", "hst/04-mediasi"],
                     repeat=max(runs, 3), root=corpus)
        for label, at in (("cold", 2), ("rebuild, from the last page plan", 3)):
            worst = max(x[at] / x[4] for x in pdf)
            rows.append((f"one SOP PDF / one weasyprint pass over its final HTML ({label})",
                         " · ".join(f"{x[0].split('/')[0]}/{x[0].split('/')[1][:2]} {x[at] / x[4]:.2f}" for x in pdf)
                         + f" (worst {worst:.2f})", "≤ 1.2"))

        long_s = median([r.run(long_project, "check")[0] for _ in range(runs)])
        rows.append(("`check` of a 300-step SOP", f"{long_s:.2f} s", "≤ 1 s (linear)"))

        growth, peaks = [], {}
        for times in (1, 2, 4):  # memory is sampled here only, so that sampling does not slow the timed runs
            project = corpus if times == 1 else copy_corpus(tmp / f"corpus{times}", times)
            seconds, peaks[times] = r.run(project, *out, str(tmp / f"grow{times}"), "--paksa", memory=True)
            growth.append(f"{times}× corpus ({17 * times} SOPs): {seconds:.1f} s, peak {peaks[times] / 2**20:.0f} MB")
        rows.append(("peak memory, full build (1×)", f"{peaks[1] / 2**20:.0f} MB", "-"))
        rows.append(("peak memory, full build at 4× the corpus", f"{peaks[4] / 2**20:.0f} MB", "≤ 600 MB"))
        return rows, growth
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    from soppress.build import cpu_count
    return (f"{cpu}, {cpu_count()} cores usable, Python {platform.python_version()}, {platform.system()} "
            f"{platform.release()}; load average (1/5/15 min) at the end: {load}")


def table(rows, growth, runs, build_runs) -> str:
    lines = ["| figure | measured | target |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    when = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return "\n".join([f"Measured {when} on: {machine()}.",
                      f"Medians of {runs} runs ({build_runs} for builds).", "", *lines, "",
                      "Cold build as the corpus grows (parallel, `--paksa`, one run each):", "",
                      *[f"- {g}" for g in growth]])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--build-runs", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="print only, leave README.md as it is")
    args = parser.parse_args()
    rows, growth = measure(args.runs, args.build_runs)
    text = table(rows, growth, args.runs, args.build_runs)
    print(text)
    if not args.no_write:
        readme = ROOT / "benchmarks" / "README.md"
        old = readme.read_text() if readme.exists() else "<!-- results -->\n<!-- /results -->\n"
        new = re.sub(r"<!-- results -->.*<!-- /results -->", lambda _: f"<!-- results -->\n{text}\n<!-- /results -->",
                     old, flags=re.S)
        readme.write_text(new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
