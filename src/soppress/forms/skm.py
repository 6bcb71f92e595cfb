"""Indeks Kepuasan Masyarakat from Survei Kepuasan answers (Permenpan RB 14/2017).

1. NRR per unsur = sum of the answers (1-4) / number of respondents;
2. NRR tertimbang = NRR x bobot, bobot = 1/9 (0,111 in the regulation's worked tables);
3. IKM = sum of the NRR tertimbang; IKM unit pelayanan = IKM x 25;
4. mutu from the x25 value: >= 88,31 A (Sangat Baik), >= 76,61 B (Baik), >= 65,00 C
   (Kurang Baik), else D (Tidak Baik) -- the published intervals leave gaps between
   their bounds, so the lower bounds decide (../shared/FORMS.md §5).

Two conventions are published: ``baku`` (bobot 0,111, each NRR tertimbang rounded to
two decimals before summing, as the reports that print a table do) and ``tepat``
(bobot exactly 1/9, no rounding until the end)."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Literal

from soppress.checks.diagnostics import Position, Report

UNSUR = ("Persyaratan", "Sistem, Mekanisme, dan Prosedur", "Waktu Penyelesaian", "Biaya/Tarif",
         "Produk Spesifikasi Jenis Pelayanan", "Kompetensi Pelaksana", "Perilaku Pelaksana",
         "Sarana dan Prasarana", "Penanganan Pengaduan, Saran dan Masukan")  # order of FORMS.md §5
KEYS = tuple(f"u{i}" for i in range(1, 10))
MUTU = ((Decimal("88.31"), "A", "Sangat Baik"), (Decimal("76.61"), "B", "Baik"),
        (Decimal("65.00"), "C", "Kurang Baik"), (Decimal("0"), "D", "Tidak Baik"))
Cara = Literal["baku", "tepat"]


def _round2(x: Decimal) -> Decimal:
    return x.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Hasil:
    responden: int
    nrr: tuple[Decimal, ...]             # per unsur
    tertimbang: tuple[Decimal, ...]
    ikm: Decimal
    konversi: Decimal                    # x25, rounded to two decimals
    mutu: str
    kinerja: str
    cara: Cara


def from_nrr(nrr: list[Decimal] | tuple[Decimal, ...], responden: int = 0, cara: Cara = "tepat") -> Hasil:
    nrr = tuple(Decimal(str(x)) for x in nrr)
    if len(nrr) != 9:
        raise ValueError("nine unsur expected")
    if cara == "baku":
        tertimbang = tuple(_round2(x * Decimal("0.111")) for x in nrr)
    else:
        tertimbang = tuple(x / 9 for x in nrr)
    ikm = sum(tertimbang, Decimal(0))
    konversi = _round2(ikm * 25)
    mutu, kinerja = next((m, k) for bound, m, k in MUTU if konversi >= bound)
    return Hasil(responden, nrr, tertimbang, ikm, konversi, mutu, kinerja, cara)


def compute(answers: list[tuple[int, ...]], cara: Cara = "tepat") -> Hasil:
    """``answers``: one tuple of nine values 1-4 per respondent."""
    if not answers:
        raise ValueError("no respondents")
    n = len(answers)
    nrr = [Decimal(sum(a[u] for a in answers)) / n for u in range(9)]
    return from_nrr(nrr, n, cara)


def score(value: str, options: tuple[str, ...]) -> int | None:
    """An answer as 1-4: the digit itself, or the answer's wording (case-insensitive)."""
    text = (value or "").strip()
    if text in ("1", "2", "3", "4"):
        return int(text)
    lowered = [o.lower() for o in options]
    return lowered.index(text.lower()) + 1 if text.lower() in lowered else None


def read_csv(path: Path, options: dict[str, tuple[str, ...]], report: Report) -> list[tuple[int, ...]]:
    """Rows with columns u1..u9 (other columns ignored); bad rows reported and skipped."""
    answers = []
    with path.open(encoding="utf-8-sig", newline="") as handle:
        sample = handle.read(2048)
        handle.seek(0)
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample else csv.excel
        reader = csv.DictReader(handle, dialect=dialect)
        header = [h.strip().lower() for h in reader.fieldnames or []]
        missing = [k for k in KEYS if k not in header]
        if missing:
            report.add(Position(path, 1, 1), f"kolom {', '.join(missing)} tidak ada; baris pertama harus memuat "
                       "u1 sampai u9", "skm.kolom")
            return []
        for line, row in enumerate(reader, start=2):
            row = {k.strip().lower(): v for k, v in row.items() if k}
            values = one(row, options, Position(path, line, 1), report)
            if values:
                answers.append(values)
    return answers


def one(values: dict[str, str | None], options: dict[str, tuple[str, ...]], pos: Position,
        report: Report) -> tuple[int, ...] | None:
    """One respondent's nine answers, or None (reported) when any is missing or unreadable."""
    result = []
    for key in KEYS:
        value = score(values.get(key) or "", options.get(key, ()))
        if value is None:
            report.add(pos, f"jawaban {key} kosong atau tidak dikenal; responden ini tidak dihitung "
                       "(isi 1-4 atau kata jawaban pada formulir)", "skm.jawaban", "peringatan")
            return None
        result.append(value)
    return tuple(result)
