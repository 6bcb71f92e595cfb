"""A rebuild starts from the SOP's last page plan (render.pdf.sop.plan_sheet's ``guess``):
one layout pass when the plan still holds, and always the result a cold layout gives."""
import dataclasses
import os
import shutil

import pytest

from soppress import jobs
from soppress.api import check
from soppress.build import build
from soppress.layout import pagination
from soppress.render.html.assets import file_assets
from soppress.render.html.sop import render
from soppress.render.pdf import sop as pdf_sop

KEYS = ["hst/04-mediasi", "kalteng/06-tindak-lanjut-rujukan"]  # 3 flowchart pages; 2 pages and an 8 pt identity


@pytest.fixture(scope="module", autouse=True)
def build_time():
    """One build time, so that two layouts of a sheet can be compared byte for byte."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = "1700000000"
    yield
    if before is None:
        del os.environ["SOURCE_DATE_EPOCH"]
    else:
        os.environ["SOURCE_DATE_EPOCH"] = before


@pytest.fixture(scope="module")
def sheets(sample_root, tmp_path_factory):
    """(view, cold LaidOutSheet) of each SOP, as the build sees it (the Keputusan's lampiran lines included)."""
    jobs.prepare(check(sample_root)[0], tmp_path_factory.mktemp("out"), ("pdf",))
    return {key: (jobs.view_of(key), plan(jobs.view_of(key), sample_root)) for key in KEYS}


def plan(view, root, guess=None):
    return pdf_sop.plan_sheet(view, jobs._state.env, file_assets(root), str(root), guess)


def passes(monkeypatch) -> list[str]:
    seen: list[str] = []
    real = pdf_sop.lay_out_html

    def counting(html, base_url):
        seen.append(html)
        return real(html, base_url)
    monkeypatch.setattr(pdf_sop, "lay_out_html", counting)
    return seen


def same(a, b) -> bool:
    return a.html == b.html and a.plan == b.plan and a.document.write_pdf() == b.document.write_pdf()


@pytest.mark.parametrize("key", KEYS)
def test_the_last_plan_is_laid_out_once_and_gives_the_cold_result(sheets, sample_root, monkeypatch, key):
    view, cold = sheets[key]
    seen = passes(monkeypatch)
    assert same(plan(view, sample_root, cold.plan), cold)
    assert len(seen) == 1


@pytest.mark.parametrize("key", KEYS)
def test_a_plan_the_rows_no_longer_give_is_not_kept(sheets, sample_root, key):
    """The rows would follow a plan with page 1's last row moved to page 2 (there is room),
    but their heights give the cold plan: the cold plan it is."""
    view, cold = sheets[key]
    pages = [list(p) for p in cold.plan.pages]
    pages[1].insert(0, pages[0].pop())
    assert same(plan(view, sample_root, dataclasses.replace(cold.plan, pages=pages)), cold)


def test_an_identity_type_chosen_for_another_identity_sheet_is_not_kept(sheets, sample_root):
    view, cold = sheets["hst/04-mediasi"]  # 9 pt: no smaller type saves it a page
    guess = dataclasses.replace(cold.plan, identity_pt=8.0, identity_key="another identity sheet")
    assert same(plan(view, sample_root, guess), cold)


@pytest.mark.parametrize("key", KEYS)
def test_the_final_pass_reads_the_heights_the_measuring_pass_reads(sheets, sample_root, key):
    """Rows at a page break are taller there by their connectors' room; their natural
    height (without them) is what the measuring pass reads, for every row."""
    view, cold = sheets[key]
    n = len(view.layout.rows)
    measuring = render(view, pagination.paginate(view.layout, []), jobs._state.env, file_assets(sample_root),
                       flowchart_only=True, measuring=True)
    first = pdf_sop.measure(pdf_sop.lay_out_html(measuring, str(sample_root)), n)
    final = pdf_sop.measure(cold.document, n, cold.layout)
    assert final.heights != first.heights  # the connectors' rows are taller in the final pass
    assert final.natural == pytest.approx(first.heights, abs=1e-6)
    assert final.capacities[:len(first.capacities)] == pytest.approx(first.capacities, abs=1e-6)


def test_editing_a_step_lays_its_sheet_out_once_with_the_cold_build_result(sample_root, tmp_path, monkeypatch):
    project = tmp_path / "p"
    shutil.copytree(sample_root, project, ignore=shutil.ignore_patterns("build", "tests", "src", "benchmarks", ".*"))
    key, args = "hst/04-mediasi", {"formats": ["pdf", "html"], "only": ["hst/04-mediasi"], "jobs": 1}
    assert not build(project, tmp_path / "out", **args).failed
    source = project / "sops" / "hst" / "04-mediasi.yaml"
    old = "Mencatat hasil pertemuan dengan klien dalam rekam perkara"
    source.write_text(source.read_text().replace(old, old + " (diubah)"))
    with monkeypatch.context() as m:
        seen = passes(m)
        assert build(project, tmp_path / "out", **args).built == [key]
    assert len(seen) == 1
    seen = passes(monkeypatch)
    assert not build(project, tmp_path / "cold", **args).failed
    assert len(seen) > 1  # cold: a measuring pass, the final pass, the identity type's trials
    for ext in ("pdf", "html"):
        assert (tmp_path / "out" / f"{key}.{ext}").read_bytes() == (tmp_path / "cold" / f"{key}.{ext}").read_bytes()
