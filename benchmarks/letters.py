"""Issue 14's benchmark: one letter kind for 1,000 synthetic cases into per-case PDFs and
one combined print file, as staff run it (`soppress surat massal`), timed with its peak memory.

    .venv/bin/python benchmarks/letters.py [--jumlah 1000] [--jenis rujukan] [--proses N]

The corpus (letterheads, registry, letter settings) is copied into a temporary folder with
N synthetic case files (tools/make_sample_cases.py: invented people only); the command runs
as a subprocess, and peak memory is the largest sum of the resident memory of the command
and its worker processes, sampled every 50 ms (benchmarks/run.py's sampler). Prints the
figures; benchmarks/README.md records them by hand, with the machine. Not part of the tests.
"""
from __future__ import annotations

import argparse
import importlib.util
import resource
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from run import Runner, copy_corpus, machine  # noqa: E402

ISIAN = """surat:
  tujuan: {nama: Direktur RSUD Contoh, tempat: Kota Contoh}
rincian:
  maksud: Pemeriksaan medis (contoh)
  mediator: {nama: Mediator Contoh}
  pihak: [{nama: Pihak Satu Contoh}, {nama: Pihak Dua Contoh}]
  saksi: [{nama: Saksi Contoh}]
  tempat_kegiatan: Kantor UPTD
  tanggal_kegiatan: 2026-02-01
  butir: [Butir contoh]
"""


def samples():
    spec = importlib.util.spec_from_file_location("make_sample_cases", ROOT / "tools" / "make_sample_cases.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jumlah", type=int, default=1000, help="number of synthetic cases")
    parser.add_argument("--jenis", default="rujukan", help="letter kind")
    parser.add_argument("--proses", type=int, default=None, help="worker processes (default: all cores)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="soppress-surat-") as tmp:
        project = copy_corpus(Path(tmp) / "proyek")
        shutil.copytree(ROOT / "letters", project / "letters")
        (project / "isian.yaml").write_text(ISIAN, encoding="utf-8")
        samples().generate(project / "kasus", args.jumlah, 1)
        runner = Runner(Path(tmp))
        runner.run(project, "--help")                               # byte-code written, not timed
        extra = ["--proses", str(args.proses)] if args.proses else []
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds, peak = runner.run(project, "surat", "massal", args.jenis, "--isian", "isian.yaml", *extra,
                                   memory=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)   # the command and its workers, once reaped
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        from pypdf import PdfReader
        [combined] = (project / "keluaran-kasus").glob("*-gabungan-*.pdf")
        pages = len(PdfReader(combined).pages)
        parts = len(list((project / "keluaran-kasus").glob("*.pdf"))) - 1
        print(f"{args.jumlah} kasus, surat {args.jenis}: {seconds:.1f} s ({cpu:.1f} s CPU), "
              f"puncak memori {peak / 2**20:.0f} MB; "
              f"{parts} PDF per kasus, gabungan {pages} halaman ({combined.stat().st_size / 2**20:.1f} MB)")
        print(f"mesin: {machine()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
