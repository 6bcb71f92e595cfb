"""SKM index (Permenpan RB 14/2017) against published worked examples (../shared/FORMS.md §5)."""
from __future__ import annotations

from decimal import Decimal

import pytest
from click.testing import CliRunner

from casesutil import ROOT
from soppress.checks.diagnostics import Report
from soppress.cli import main
from soppress.forms import skm
from soppress.forms.api import find_form, forms as load_all
from soppress.views.blocks import Table
from soppress.views.skm import BAR, skm_view

# Case A: a published SKM report (GitHub view, index id 46870377057, via FORMS.md §5):
# unsur means below give IKM 90,25 (mutu A) when each NRR x 0,111 is rounded to two
# decimals (sum 3,61); at exactly 1/9 without rounding the same means give 90,11.
CASE_A = ["3.41", "3.59", "3.53", "3.06", "3.66", "3.66", "3.91", "3.78", "3.84"]
# Case B: rennn9/GASPUL_BACKEND rumus_perhitungan_ikm_lengkap.md: 29 respondents,
# totals per unsur; IKM 91,48, mutu A.
CASE_B = [105, 101, 100, 116, 102, 105, 106, 105, 115]


def test_case_a_published_rounding_convention():
    hasil = skm.from_nrr([Decimal(x) for x in CASE_A], cara="baku")
    assert hasil.ikm == Decimal("3.61")
    assert hasil.konversi == Decimal("90.25") and hasil.mutu == "A" and hasil.kinerja == "Sangat Baik"
    assert skm.from_nrr([Decimal(x) for x in CASE_A], cara="tepat").konversi == Decimal("90.11")


def test_case_b_from_respondent_totals():
    # 29 respondents whose answers sum to the published totals per unsur
    answers = []
    for r in range(29):
        answers.append(tuple(4 if r < total - 3 * 29 else 3 for total in CASE_B))
    assert [sum(a[u] for a in answers) for u in range(9)] == CASE_B
    hasil = skm.compute(answers)
    assert hasil.responden == 29 and hasil.konversi == Decimal("91.48") and hasil.mutu == "A"


@pytest.mark.parametrize("value,mutu", [("88.31", "A"), ("88.30", "B"), ("76.61", "B"), ("76.60", "C"),
                                        ("65.00", "C"), ("64.99", "D"), ("25.00", "D"), ("100.00", "A")])
def test_mutu_bands_by_the_converted_value(value, mutu):
    nrr = Decimal(value) / 25
    assert skm.from_nrr([nrr] * 9).mutu == mutu


def test_csv_with_digits_and_answer_words(tmp_path):
    survey = find_form(load_all(ROOT, Report()), "survei-kepuasan")[1]
    options = {i.nama: tuple(i.pilihan) for _, i in survey.fields() if i.nama in skm.KEYS}
    path = tmp_path / "survei.csv"
    path.write_text("no;U1;u2;u3;u4;u5;u6;u7;u8;u9\n"
                    "1;4;3;3;4;3;4;4;3;4\n"
                    "2;Sangat sesuai;Mudah;Cepat;Gratis;Sesuai;Kompeten;Sopan dan ramah;Baik;Dikelola dengan baik\n"
                    "3;4;4;;4;4;4;4;4;4\n"
                    "4;4;4;5;4;4;4;4;4;4\n", encoding="utf-8")
    report = Report()
    answers = skm.read_csv(path, options, report)
    assert answers == [(4, 3, 3, 4, 3, 4, 4, 3, 4), (4, 3, 3, 4, 3, 3, 3, 3, 4)]
    assert [(d.pos.line, d.code) for d in report.diagnostics] == [(4, "skm.jawaban"), (5, "skm.jawaban")]
    result = CliRunner().invoke(main, ["skm", str(path), "--proyek", str(ROOT)])
    assert result.exit_code == 0, result.output
    assert "2 responden" in result.output and "mutu B (Baik)" in result.output


def test_report_view_bars_follow_the_nrr():
    hasil = skm.from_nrr([Decimal(x) for x in CASE_A], cara="baku")
    doc = skm_view(hasil, None, "UPTD PPA Contoh")
    table = next(b for b in doc.sections[0].blocks if isinstance(b, Table))
    bars = [row[-1].blocks[0] for row in table.rows]
    assert len(bars) == 9
    for bar, nrr in zip(bars, hasil.nrr):
        assert bar.widths[0] == pytest.approx(float(nrr) / 4 * BAR)
        assert bar.rows[0][0].shade and not bar.rows[0][1].shade
    assert [row[2].text for row in table.rows][0] == "3,41"


def test_skm_from_a_folder_of_filled_survey_pdfs(tmp_path):
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject, TextStringObject
    from soppress.forms.output import render
    from soppress.views.form import form_view
    survey = find_form(load_all(ROOT, Report()), "survei-kepuasan")[1]
    blank = render(form_view(survey, None, "isian"), "pdf", ROOT)
    (tmp_path / "kosong.pdf").write_bytes(blank)
    options = {i.nama: i.pilihan for _, i in survey.fields() if i.nama in skm.KEYS}
    for n, scores in enumerate([(4,) * 9, (3,) * 9, (2, 3, 4, 1, 2, 3, 4, 1, 2)]):
        writer = PdfWriter(clone_from=PdfReader(tmp_path / "kosong.pdf"))
        for field in writer._root_object["/AcroForm"]["/Fields"]:
            obj = field.get_object()
            if obj.get("/T") in options:
                key = str(obj["/T"])
                obj[NameObject("/V")] = TextStringObject(options[key][scores[int(key[1:]) - 1] - 1])
        writer.write(tmp_path / f"responden-{n}.pdf")
    (tmp_path / "kosong.pdf").unlink()
    (tmp_path / "tak-lengkap.pdf").write_bytes(blank)   # an unanswered survey: reported, not counted
    result = CliRunner().invoke(main, ["skm", str(tmp_path), "--proyek", str(ROOT)])
    assert result.exit_code == 0, result.output
    assert "3 responden" in result.output and "tak-lengkap.pdf" in result.output
    assert "U1 Persyaratan" in result.output and "NRR 3,00" in result.output
