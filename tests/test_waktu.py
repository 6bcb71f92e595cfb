import pytest

from soppress.model.waktu import (Tanggal, TanggalError, WaktuError, parse_durasi, parse_tanggal, total)


@pytest.mark.parametrize("text, lo, hi, unit", [
    ("5 menit", 5, 5, "menit"),
    ("120 Menit", 120, 120, "menit"),
    ("15 – 30 menit", 15, 30, "menit"),
    ("15-30 menit", 15, 30, "menit"),
    ("60 - 120 menit", 60, 120, "menit"),
    ("2 jam", 2, 2, "jam"),
    ("1,5 jam", 1.5, 1.5, "jam"),
    ("3 hari", 3, 3, "hari"),
    ("5 hari kerja", 5, 5, "hari kerja"),
    ("1 Hari Kerja", 1, 1, "hari kerja"),
    ("2 minggu", 2, 2, "minggu"),
    ("30 s.d. 60 menit", 30, 60, "menit"),
])
def test_parse_durasi(text, lo, hi, unit):
    d = parse_durasi(text)
    assert (d.min, d.max, d.satuan, d.fleksibel) == (lo, hi, unit, False)
    assert d.teks == text


def test_flexible_duration_keeps_text():
    d = parse_durasi("Sesuai waktu layanan")
    assert d.fleksibel and d.min is None and str(d) == "Sesuai waktu layanan"


@pytest.mark.parametrize("text", ["15 mneit", "lima menit", "30 - 15 menit", "", "menit", "5"])
def test_unparseable_durations(text):
    with pytest.raises(WaktuError):
        parse_durasi(text)


def test_total_keeps_kinds_apart():
    t = total(parse_durasi(x) for x in ["5 menit", "15 – 30 menit", "2 jam", "5 hari kerja", "3 hari",
                                        "Sesuai waktu layanan", "1 minggu"])
    assert t.menit == (140, 155)
    assert t.hari_kerja == (5, 5)
    assert t.hari == (10, 10)
    assert t.fleksibel == 1
    assert str(t) == "140–155 menit + 10 hari + 5 hari kerja + sesuai waktu layanan"


def test_total_of_nothing():
    assert str(total([])) == "-"
    assert str(total([parse_durasi("Sesuai waktu layanan")])) == "Sesuai waktu layanan"


def test_tanggal():
    assert str(parse_tanggal("2022-07-20")) == "20 Juli 2022"
    assert str(parse_tanggal("2020-01")) == "Januari 2020"
    assert parse_tanggal("2020-01").as_date().isoformat() == "2020-01-01"
    assert parse_tanggal("2024-02-29") == Tanggal(2024, 2, 29)
    for bad in ("2023-02-29", "2022-13-01", "20 Juli 2022", "2022/07/20"):
        with pytest.raises(TanggalError):
            parse_tanggal(bad)
