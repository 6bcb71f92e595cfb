"""Generate synthetic case files for tests and demonstrations: never real people.

    .venv/bin/python tools/make_sample_cases.py kasus-contoh --jumlah 12 --benih 1

Names are built from a syllable table and read as obviously made up ("Zubaku
Tolemi"); every NIK starts with 990000 (no such province and regency), phone
numbers with 0800-0000. The RNG is seeded, so the same arguments give the same
files. Children and adults, every kanal, bentuk kekerasan, tempat kejadian,
hubungan pelaku and layanan appear once N is at least 9. The folder is created
0700 and every file 0600, like real case folders."""
from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import typing
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from soppress.cases import model as m  # noqa: E402
from soppress.cases.private import write_private  # noqa: E402

SUKU = ("zu", "ba", "ku", "to", "le", "mi", "ro", "pa", "xi", "qo", "ve", "nu")
NIK_PREFIX = "990000"  # province 99 does not exist


def choices(literal) -> tuple[str, ...]:
    return typing.get_args(literal)


def nama(rng: random.Random) -> str:
    word = lambda n: "".join(rng.choice(SUKU) for _ in range(n)).capitalize()  # noqa: E731
    return f"{word(3)} {word(3)}"


def orang(rng: random.Random, born: dt.date, gender: str) -> dict:
    return {"nama": nama(rng), "nik": NIK_PREFIX + f"{rng.randrange(10**10):010d}",
            "tempat_lahir": "Kota Contoh", "tanggal_lahir": born.isoformat(), "jenis_kelamin": gender,
            "alamat_ktp": f"Jalan Contoh No. {rng.randint(1, 99)}, Desa Fiktif",
            "telepon": f"0800-0000-{rng.randint(0, 9999):04d}"}


def case(rng: random.Random, i: int) -> dict:
    reported = dt.date(2026, 1, 5) + dt.timedelta(days=7 * i + rng.randint(0, 6))
    incident = reported - dt.timedelta(days=rng.randint(0, 30))
    child = i % 2 == 0
    age = rng.randint(3, 16) if child else rng.randint(19, 60)
    born = dt.date(incident.year - age, rng.randint(1, 12), rng.randint(1, 28))
    if born > incident.replace(year=incident.year - age):  # keep the age exact on the incident date
        born = born.replace(year=born.year - 1)
    pick = lambda literal: choices(literal)[i % len(choices(literal))]  # noqa: E731
    korban = orang(rng, born, "Perempuan" if i % 3 else "Laki-laki")
    korban["disabilitas"] = i % 5 == 0
    status = choices(m.Status)[i % len(choices(m.Status))]
    data = {
        "nomor_register": f"{i + 1:03d}-CONTOH-2026",
        "tanggal_pengaduan": reported.isoformat(), "tanggal_kejadian": incident.isoformat(),
        "kanal": pick(m.Kanal), "korban": [korban],
        "terlapor": [{"nama": nama(rng), "hubungan": pick(m.HubunganPelaku)}],
        "bentuk_kekerasan": sorted({pick(m.BentukKekerasan), rng.choice(choices(m.BentukKekerasan))}),
        "tempat_kejadian": pick(m.TempatKejadian), "alamat_kejadian": "Dusun Fiktif, Kecamatan Contoh",
        "kronologi": "Kronologi sintetis untuk pengujian; tidak menggambarkan peristiwa nyata.",
        "kondisi": {"biologis": "luka ringan (contoh)", "psikologis": "cemas (contoh)"},
        "kebutuhan": "pendampingan (contoh)", "risiko": ("tinggi", "sedang", "rendah")[i % 3],
        "layanan": [{"jenis": pick(m.JenisLayanan), "tanggal": reported.isoformat(),
                     "petugas": [{"jabatan": "Petugas Pengaduan (contoh)", "nama": nama(rng)}]}],
        "status": status,
    }
    if i % 4 == 1:
        data["pelapor"] = {**orang(rng, dt.date(1980, 1, 1), "Perempuan"), "hubungan_dengan_korban": "Ibu"}
    if status == "dirujuk":
        data["rujukan"] = [{"tanggal": reported.isoformat(), "instansi": "RSUD Contoh", "layanan": "Kesehatan"}]
    if status in ("selesai", "ditutup"):
        data["terminasi"] = {"tanggal": (reported + dt.timedelta(days=30)).isoformat(),
                             "jenis": "Terminasi Kasus Selesai" if status == "selesai" else "Terminasi Kasus Ditutup",
                             "keterangan": "alasan sintetis"}
    return data


def generate(folder: Path, count: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    written = []
    for i in range(count):
        data = case(rng, i)
        text = "# DATA SINTETIS (tools/make_sample_cases.py): bukan orang sungguhan\n" + \
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
        written.append(write_private(folder / f"{data['nomor_register']}.yaml", text))
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description="Buat berkas kasus sintetis (bukan orang sungguhan).")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--jumlah", type=int, default=12)
    parser.add_argument("--benih", type=int, default=1, help="benih RNG: argumen sama, berkas sama")
    args = parser.parse_args()
    for path in generate(args.folder, args.jumlah, args.benih):
        print(f"ditulis: {path}")


if __name__ == "__main__":
    main()
