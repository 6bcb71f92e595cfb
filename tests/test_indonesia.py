"""Indonesian formatting: terbilang across magnitudes, dates, roman months, NIP, pangkat."""
import datetime as dt
import random
import re

import pytest

from soppress.checks.nip import check_pangkat
from soppress.views import indonesia as idn
from soppress.views.text import diktum_ordinal, roman

# Written by hand from the rule: "se-" only for sepuluh, sebelas, seratus, seribu;
# juta, miliar and triliun always take "satu".
TERBILANG = {
    0: "nol",
    1: "satu",
    10: "sepuluh",
    11: "sebelas",
    12: "dua belas",
    19: "sembilan belas",
    20: "dua puluh",
    21: "dua puluh satu",
    99: "sembilan puluh sembilan",
    100: "seratus",
    101: "seratus satu",
    110: "seratus sepuluh",
    111: "seratus sebelas",
    200: "dua ratus",
    999: "sembilan ratus sembilan puluh sembilan",
    1000: "seribu",
    1001: "seribu satu",
    1100: "seribu seratus",
    1111: "seribu seratus sebelas",
    2000: "dua ribu",
    2021: "dua ribu dua puluh satu",
    11000: "sebelas ribu",
    21000: "dua puluh satu ribu",
    100000: "seratus ribu",
    101000: "seratus satu ribu",
    111000: "seratus sebelas ribu",
    1000000: "satu juta",
    1001000: "satu juta seribu",
    1100000: "satu juta seratus ribu",
    2001000: "dua juta seribu",
    10000000: "sepuluh juta",
    101101101: "seratus satu juta seratus satu ribu seratus satu",
    1000000000: "satu miliar",
    1000001000: "satu miliar seribu",
    1001001001: "satu miliar satu juta seribu satu",
    1000000000000: "satu triliun",
    1000000001000: "satu triliun seribu",
    2000000000001: "dua triliun satu",
    999999999999999: "sembilan ratus sembilan puluh sembilan triliun sembilan ratus sembilan puluh sembilan "
                     "miliar sembilan ratus sembilan puluh sembilan juta sembilan ratus sembilan puluh "
                     "sembilan ribu sembilan ratus sembilan puluh sembilan",
}


@pytest.mark.parametrize("n, words", TERBILANG.items())
def test_terbilang_table(n, words):
    assert idn.terbilang(n) == words


def _parse(words: str) -> int:
    """An independent reader of written numbers, for a round trip over random values."""
    units = {w: i for i, w in enumerate(idn._UNITS)}
    scales = {"ribu": 10 ** 3, "juta": 10 ** 6, "miliar": 10 ** 9, "triliun": 10 ** 12}
    total = group = last = 0
    for w in words.split():
        if w in units:
            last = units[w]
            group += last
        elif w in ("sepuluh", "sebelas", "seratus"):
            group += {"sepuluh": 10, "sebelas": 11, "seratus": 100}[w]
        elif w == "belas":
            group += 10
        elif w in ("puluh", "ratus"):
            group += last * (9 if w == "puluh" else 99)
        elif w == "seribu":
            total += 1000
        elif w in scales:
            total, group = total + group * scales[w], 0
        else:
            raise AssertionError(w)
    return total + group


def test_terbilang_round_trip_across_magnitudes():
    rng = random.Random(14)
    values = [rng.randrange(10 ** k) for k in range(1, 16) for _ in range(200)]
    for n in values:
        words = idn.terbilang(n)
        assert _parse(words) == n, (n, words)
        assert not re.search(r"(^|juta |miliar |triliun )satu ribu", words), n   # seribu
        assert "satu ratus" not in words and "satu puluh" not in words and "satu belas" not in words, n


@pytest.mark.parametrize("bad", [-1, idn.TERBILANG_MAX + 1])
def test_terbilang_range(bad):
    with pytest.raises(ValueError):
        idn.terbilang(bad)


def test_dates_and_berita_acara_opening():
    day = dt.date(2021, 1, 11)
    assert idn.tanggal(day) == "11 Januari 2021"
    assert idn.hari(day) == "Senin"
    assert idn.hari(dt.date(2021, 1, 15)) == "Jumat"
    assert idn.hari_tanggal(day) == "Senin, 11 Januari 2021"
    assert idn.pembuka_berita_acara(day) == \
        "Pada hari ini Senin tanggal sebelas bulan Januari tahun dua ribu dua puluh satu"
    assert idn.pembuka_berita_acara(dt.date(2026, 8, 28), angka=True) == \
        "Pada hari ini Jumat tanggal dua puluh delapan bulan Agustus tahun dua ribu dua puluh enam (28-08-2026)"


def test_roman_and_ordinals():
    assert [idn.bulan_romawi(dt.date(2026, m, 1)) for m in (1, 4, 9, 12)] == ["I", "IV", "IX", "XII"]
    assert roman(2026) == "MMXXVI"
    assert [diktum_ordinal(n) for n in (1, 2, 11, 12, 21)] == \
        ["KESATU", "KEDUA", "KESEBELAS", "KEDUA BELAS", "KEDUA PULUH SATU"]


def test_nip_groups():
    assert idn.nip_cetak("196804111993031009") == "19680411 199303 1 009"
    assert idn.nip_cetak("19680411.199303.1.009") == "19680411 199303 1 009"
    assert idn.nip_cetak("12345") == "12345"   # not a NIP: as written
    assert idn.nip_cetak(None) is None


def test_pangkat_from_golongan():
    assert idn.pangkat("IV/c") == "Pembina Utama Muda"
    assert idn.pangkat(" iii / d ") == "Penata Tingkat I"
    assert idn.pangkat("V/a") is None
    assert idn.pangkat_golongan(None, "III/a") == "Penata Muda (III/a)"
    assert idn.pangkat_golongan("Penata", "III/c") == "Penata (III/c)"
    # the check uses the same table
    assert check_pangkat("Penata", "III/d") and not check_pangkat("Penata Tingkat I", "III/d")
