"""Synthetic case files for tests (tools/make_sample_cases.py), and the values in them."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("make_sample_cases", ROOT / "tools" / "make_sample_cases.py")
samples = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(samples)


def make(folder: Path, count: int = 12, seed: int = 7) -> list[Path]:
    return samples.generate(folder, count, seed)


IDENTIFYING = ("nama", "nik", "tanggal_lahir", "alamat_ktp", "telepon")


def personal_values(paths: list[Path]) -> set[str]:
    """Names, NIKs, phone numbers, addresses, dates of the synthetic people."""
    values: set[str] = set()
    for path in paths:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for person in [*data["korban"], *data.get("terlapor", []), data.get("pelapor") or {}]:
            values |= {str(person[k]) for k in IDENTIFYING if k in person}
    return values
