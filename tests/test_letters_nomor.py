"""Nomor surat: the pattern, the period a sequence runs in, and the register under
two processes at once."""
import datetime as dt
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from soppress.letters.nomor import NomorError, Permintaan, Register, check_pola, format_nomor

DAY = dt.date(2026, 1, 11)


def ask(**kw):
    base = dict(unit="hst", kode_unit="UPTD.PPA", klasifikasi="400.10", jenis="surat-tugas", tanggal=DAY,
                kasus="REG-2026-001")
    return Permintaan(**{**base, **kw})


def test_pattern_formats_every_field():
    assert format_nomor("{klasifikasi}/{urut:03d}/{unit}/{bulan_romawi}/{tahun}", urut=7, tanggal=DAY,
                        klasifikasi="400.10", unit="UPTD.PPA") == "400.10/007/UPTD.PPA/I/2026"
    assert format_nomor("{urut}/{seri}/{bulan:02d}.{tahun}", urut=12, tanggal=DAY, seri="SPT") == "12/SPT/01.2026"


@pytest.mark.parametrize("pola", ["{urut.__class__}", "{urut[0]}", "{urut!r}", "{nama}/{urut}", "{unit}/{tahun}",
                                  "{urut:>{tahun}}", "{urut"])
def test_unsafe_or_unknown_patterns_are_refused(pola):
    assert check_pola(pola)
    with pytest.raises(NomorError):
        format_nomor(pola, urut=1, tanggal=DAY)


def test_sequence_per_unit_series_and_year(tmp_path):
    reg = Register(tmp_path / "kasus" / "register-surat.jsonl")
    got = [reg.ambil(a).nomor for a in (ask(), ask(), ask(unit="kalteng", kode_unit="UPT-PPA"), ask(seri="BA"),
                                        ask(tanggal=dt.date(2026, 12, 31)), ask(tanggal=dt.date(2027, 1, 2)))]
    assert got == ["400.10/001/UPTD.PPA/I/2026", "400.10/002/UPTD.PPA/I/2026", "400.10/001/UPT-PPA/I/2026",
                   "400.10/001/UPTD.PPA/I/2026", "400.10/003/UPTD.PPA/XII/2026", "400.10/001/UPTD.PPA/I/2027"]
    monthly = [reg.ambil(ask(unit="m", ulang="bulanan", tanggal=d)).urut
               for d in (DAY, DAY, dt.date(2026, 2, 1))]
    assert monthly == [1, 2, 1]
    never = [reg.ambil(ask(unit="n", ulang="tidak", tanggal=d)).urut for d in (DAY, dt.date(2027, 5, 1))]
    assert never == [1, 2]
    # which letter got which number, and nothing about the victim
    first = json.loads((tmp_path / "kasus" / "register-surat.jsonl").read_text().splitlines()[0])
    assert set(first) == {"nomor", "unit", "seri", "periode", "urut", "jenis", "tanggal", "kasus", "dibuat"}
    assert (first["jenis"], first["kasus"], first["tanggal"]) == ("surat-tugas", "REG-2026-001", "2026-01-11")
    assert stat.S_IMODE(os.stat(reg.path).st_mode) == 0o600
    assert stat.S_IMODE(os.stat(reg.path.parent).st_mode) == 0o700


def test_batch_takes_consecutive_numbers(tmp_path):
    reg = Register(tmp_path / "r.jsonl")
    reg.ambil(ask())
    assert [e.urut for e in reg.ambil_banyak([ask(), ask(), ask()])] == [2, 3, 4]


def test_broken_register_line_is_located(tmp_path):
    path = tmp_path / "r.jsonl"
    Register(path).ambil(ask())
    with path.open("a") as fh:
        fh.write("{rusak\n")
    with pytest.raises(NomorError, match=r"r\.jsonl:2: baris register"):
        Register(path).ambil(ask())


WORKER = """
import datetime as dt, sys
from soppress.letters.nomor import Permintaan, Register
reg = Register(sys.argv[1])
for i in range(int(sys.argv[2])):
    reg.ambil(Permintaan(unit="hst", kode_unit="U", klasifikasi="400", jenis="surat-tugas",
                         tanggal=dt.date(2026, 1, 11), kasus=f"{sys.argv[3]}-{i}"))
"""


def test_two_processes_never_share_a_number(tmp_path):
    path, n = tmp_path / "r.jsonl", 150
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    procs = [subprocess.Popen([sys.executable, "-c", WORKER, str(path), str(n), who], env=env)
             for who in ("a", "b")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    entries = Register(path).entri()
    urut = sorted(e.urut for e in entries)
    assert urut == list(range(1, 2 * n + 1))                  # no duplicates, no gaps
    assert len({e.nomor for e in entries}) == 2 * n
    assert {e.kasus.split("-")[0] for e in entries} == {"a", "b"}
