"""The PDF SOP book laid out in parts (front matter, each lampiran) and joined: it reads
exactly as the book laid out whole, and an edit lays out only the parts it changes.

Uses the project of test_incremental (a Keputusan with the lampiran "contoh" and "kedua")."""
import io
import shutil
from pathlib import Path

from pypdf import PdfReader

from soppress import jobs
from soppress.build import build
from test_incremental import edit, project  # noqa: F401 - the fixture

EXTRA_STEPS = "".join(f"  - uraian: Petugas mengerjakan langkah tambahan nomor {i} dan mencatatnya\n"
                      f"    pelaksana: Petugas Pengaduan\n    waktu: 5 menit\n" for i in range(1, 31))


def pdf_facts(data: bytes) -> dict:
    """What a reader of the book sees: pages (size, text), outline, destinations, links, metadata."""
    r = PdfReader(io.BytesIO(data))
    outline = []

    def walk(items, depth=0):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                outline.append((depth, item.title, r.get_destination_page_number(item), round(float(item.top or 0))))
    walk(r.outline)
    dests = {name: (r.get_destination_page_number(d), round(float(d.left or 0)), round(float(d.top or 0)))
             for name, d in r.named_destinations.items()}
    links = [(i, str(a.get_object().get("/Dest")), [round(float(x)) for x in a.get_object()["/Rect"]])
             for i, page in enumerate(r.pages) for a in page.get("/Annots", []) or []]
    return {"pages": [(tuple(round(float(x)) for x in p.mediabox), p.extract_text()) for p in r.pages],
            "outline": outline, "dests": dests, "links": links, "metadata": dict(r.metadata),
            "lang": r.trailer["/Root"].get("/Lang")}


def whole_book(project_root: Path, out: Path) -> bytes:
    """The book as one weasyprint document (how it was laid out before the parts)."""
    import json
    from soppress.api import check
    from soppress.render.pdf.document import layout
    plans = {k: v["plan"] for k, v in json.loads((out / ".soppress-cache.json").read_text())["plans"].items()}
    jobs.prepare(check(project_root)[0], out, ("pdf",))
    document, _ = jobs._book("uji", plans, peta=((out / "uji" / "peta-keterkaitan.svg").read_text(), None))
    return layout(document, project_root, jobs._state.env).write_pdf()


def test_the_joined_book_reads_as_the_book_laid_out_whole(project, tmp_path):
    out = tmp_path / "out"
    result = build(project, out, formats=["pdf"], jobs=1)
    assert not result.failed
    joined, whole = pdf_facts((out / "uji" / "buku-sop.pdf").read_bytes()), pdf_facts(whole_book(project, out))
    assert len(joined["pages"]) > 6 and joined["outline"] and joined["links"]
    assert any(name.startswith("lampiran-ii") for name in joined["dests"])
    for fact in whole:  # page numbers "- N -" run on across parts, the daftar isi shows the lampiran's pages
        assert joined[fact] == whole[fact], fact


def laid_out(monkeypatch) -> list[str]:
    """Records each document weasyprint lays out for the book (its sections) and each sheet
    planned (``monkeypatch``: a context, undone before the build that does not count)."""
    seen: list[str] = []
    real_layout, real_plan = jobs.layout_document, jobs.plan_sheet
    monkeypatch.setattr(jobs, "layout_document", lambda doc, *a, **k: seen.append(
        "+".join(s.name for s in doc.sections)) or real_layout(doc, *a, **k))
    monkeypatch.setattr(jobs, "plan_sheet", lambda view, *a: seen.append(f"sheet {view.key}") or real_plan(view, *a))
    return seen


def cold(project_root: Path, tmp_path: Path) -> dict[str, bytes]:
    out = tmp_path / "cold"
    shutil.rmtree(out, ignore_errors=True)
    assert not build(project_root, out, formats=["pdf", "docx"], jobs=1).failed
    return {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*.pdf")}


def test_editing_one_sop_lays_out_only_its_sheet_and_its_lampiran(project, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(project, out, formats=["pdf", "docx"], jobs=1)
    with monkeypatch.context() as m:
        seen = laid_out(m)
        edit(project / "sops" / "kedua.yaml", "Petugas menerima dan mencatat pengaduan", "Petugas menerima pengaduan")
        result = build(project, out, formats=["pdf", "docx"], jobs=1)
    assert set(result.built) == {"kedua", "uji/buku-sop"}
    assert seen == ["sheet kedua", "lampiran-ii"]  # not the front matter, not lampiran I
    reference = cold(project, tmp_path)
    assert {rel: (out / rel).read_bytes() for rel in reference} == reference


def test_a_lampiran_that_grows_moves_the_numbers_of_the_parts_after_it(project, tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(project, out, formats=["pdf"], jobs=1)
    before = len(PdfReader(out / "uji" / "buku-sop.pdf").pages)
    sop = project / "sops" / "contoh.yaml"
    sop.write_text(sop.read_text() + EXTRA_STEPS)  # lampiran I gets longer: lampiran II starts later
    with monkeypatch.context() as m:
        seen = laid_out(m)
        assert not build(project, out, formats=["pdf"], jobs=1).failed
    assert len(PdfReader(out / "uji" / "buku-sop.pdf").pages) > before
    # the daftar isi (front matter) and lampiran II's page numbers change; nothing else is laid out
    assert sorted(seen) == sorted(["sheet contoh", "sampul+bab-keputusan+daftar-isi+penjelasan+peta",
                                   "lampiran-i", "lampiran-ii"])
    assert pdf_facts((out / "uji" / "buku-sop.pdf").read_bytes()) == pdf_facts(whole_book(project, out))
    reference = cold(project, tmp_path)
    assert {rel: (out / rel).read_bytes() for rel in reference} == reference


def test_a_cold_build_lays_the_front_matter_out_twice_and_each_lampiran_once(project, tmp_path, monkeypatch):
    seen = laid_out(monkeypatch)
    assert not build(project, tmp_path / "out", formats=["pdf"], jobs=1).failed
    front = "sampul+bab-keputusan+daftar-isi+penjelasan+peta"
    book = sorted(s for s in seen if s.startswith(("sampul", "lampiran")))  # not the sheets, not the Keputusan
    assert book == ["lampiran-i", "lampiran-ii", front, front]


def test_a_part_with_other_pages_than_planned_makes_the_book_whole(project, tmp_path, monkeypatch):
    """The safety net: were a lampiran to paginate otherwise than its sheet, the numbers after
    it would be wrong; the book is then laid out as one document."""
    out = tmp_path / "out"
    with monkeypatch.context() as m:
        m.setattr(jobs, "page_count", lambda pdf: 1)
        assert not build(project, out, formats=["pdf"], jobs=1).failed
    assert (out / "uji" / "buku-sop.pdf").read_bytes() == whole_book(project, out)
