"""The preview without a browser: what it redraws after a change, that it binds the
loopback only, refuses paths outside its two asset folders, and writes nothing."""
import http.client
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from soppress.preview.server import Background, bind, safe_asset
from soppress.preview.session import Session
from soppress.preview.watcher import SourceFilter
from test_preview_browser import SOP, edit, sample_copy

SRC = Path(__file__).resolve().parent.parent / "src"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = sample_copy(tmp_path_factory.mktemp("pratinjau"))
    with Background(root) as url:
        yield root, url


def get(url: str, path: str, host: str | None = None) -> tuple[int, bytes, dict]:
    address = url.removeprefix("http://").rstrip("/")
    conn = http.client.HTTPConnection(address, timeout=300)  # the book: many layouts on a busy machine
    conn.putrequest("GET", path, skip_host=host is not None)  # the path is sent as is: no normalising
    if host is not None:
        conn.putheader("Host", host)
    conn.endheaders()
    response = conn.getresponse()
    return response.status, response.read(), {k.lower(): v for k, v in response.getheaders()}


def own_address() -> str | None:
    """This machine's address on its network (no packet is sent), if it has one."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            return probe.getsockname()[0]
        except OSError:
            return None


def test_binds_the_loopback_only(served):
    _, url = served
    port = int(url.rsplit(":", 1)[1].strip("/"))
    assert get(url, "/")[0] == 200
    address = own_address()
    if address and not address.startswith("127."):
        with pytest.raises(OSError):
            socket.create_connection((address, port), timeout=2).close()
    # another site's page (DNS rebinding) is refused by its Host header
    assert get(url, "/", host=f"evil.example:{port}")[0] == 400


def test_refuses_paths_outside_the_asset_folders(served):
    root, url = served
    assert get(url, "/_aset/fonts/LiberationSans-Regular.ttf")[0] == 200
    logo = next(p for p in (root / "letterheads").iterdir() if p.suffix in (".svg", ".png"))
    assert get(url, f"/_aset/letterheads/{logo.name}")[0] == 200
    for path in ("/_aset/letterheads/../soppress.yaml", "/_aset/fonts/../../../../../../etc/passwd",
                 "/_aset/letterheads/%2e%2e/soppress.yaml", "/_aset/sops/hst/01-pengaduan-masyarakat.yaml",
                 "/_aset//etc/passwd", "/dok/../soppress.yaml", "/unduh/pdf/../../soppress.yaml"):
        status, body, _ = get(url, path)
        assert status in (400, 404), path
        assert b"unit:" not in body and b"root:" not in body, path


def test_a_link_out_of_letterheads_is_refused(tmp_path):
    root = tmp_path / "proyek"
    (root / "letterheads").mkdir(parents=True)
    secret = tmp_path / "rahasia.png"
    secret.write_bytes(b"x")
    (root / "letterheads" / "lambang.png").symlink_to(secret)
    (root / "letterheads" / "asli.png").write_bytes(b"x")
    assert safe_asset(root, "letterheads/asli.png") == (root / "letterheads" / "asli.png").resolve()
    assert safe_asset(root, "letterheads/lambang.png") is None


def test_downloads_are_made_on_demand_and_nothing_is_written(served):
    root, url = served
    before = sorted(p for p in root.rglob("*"))
    status, body, headers = get(url, "/unduh/pdf/sop/hst/04-mediasi")
    assert status == 200 and body.startswith(b"%PDF-") and headers["cache-control"] == "no-store"
    status, body, headers = get(url, "/unduh/docx/keputusan/hst")
    assert status == 200 and body.startswith(b"PK") and "keputusan-hst.docx" in headers["content-disposition"]
    assert get(url, "/unduh/exe/sop/hst/04-mediasi")[0] == 404
    status, body, _ = get(url, "/unduh/docx/buku/hst")  # the book: its peta as PNG, as the build makes it
    assert status == 200 and body.startswith(b"PK") and b"word/media/" in body
    assert sorted(p for p in root.rglob("*")) == before  # no build/, no cache, no temporary file


def test_a_save_redraws_what_depends_on_the_file(tmp_path):
    """The build's keys: an edit of an SOP's peralatan changes its sheet and its
    Keputusan's book; not the other sheets, the Keputusan, its monitoring forms (which
    do not print the peralatan) or the letters."""
    root = sample_copy(tmp_path)
    session = Session(root)
    before = dict(session.refresh().keys)
    edit(root / SOP, "- Alat dokumentasi", "- Alat dokumentasi baru")
    after = session.refresh()
    changed = {i for i in before if after.keys[i] != before[i]}
    assert changed == {"sop/hst/01-pengaduan-masyarakat", "buku/hst"}
    entry, drawing = session.drawn("sop/hst/01-pengaduan-masyarakat")
    assert "Alat dokumentasi baru" in drawing.html


def test_errors_keep_the_last_good_documents_and_clear_when_fixed(tmp_path):
    root = sample_copy(tmp_path)
    session = Session(root)
    good = session.refresh()
    assert good.errors == []
    edit(root / SOP, "nomor: 10/160 /Dinas/2026", "nomor: [10/160")
    broken = session.refresh()
    assert broken.version > good.version and broken.keys == good.keys  # the last good documents stay
    assert len(broken.errors) == 1 and broken.errors[0].startswith(f"{SOP.as_posix()}:7:1: galat: sintaks YAML")
    assert session.drawn("sop/hst/01-pengaduan-masyarakat")[1] is not None
    edit(root / SOP, "nomor: [10/160", "nomor: 10/160 /Dinas/2026")
    assert session.refresh().errors == []


def test_case_folders_and_the_build_are_not_watched(tmp_path):
    watched = SourceFilter(tmp_path)
    from watchfiles import Change
    assert watched(Change.modified, str(tmp_path / "sops" / "a.yaml"))
    for path in ("kasus/001-PPA-2026.yaml", "keluaran-kasus/a.pdf", "build/a.html", ".git/index"):
        assert not watched(Change.modified, str(tmp_path / path)), path
    assert not watched(Change.modified, "/elsewhere/sops/a.yaml")
    with_cases = SourceFilter(tmp_path, cases=tmp_path / "kasus")  # soppress pratinjau --kasus kasus
    assert with_cases(Change.modified, str(tmp_path / "kasus" / "001-PPA-2026.yaml"))
    assert not with_cases(Change.modified, str(tmp_path / "build" / "a.html"))


def test_a_port_in_use_is_an_indonesian_message(tmp_path):
    taken = bind(0)
    port = taken.getsockname()[1]
    try:
        run = subprocess.run([sys.executable, "-m", "soppress", "pratinjau", "--proyek", str(tmp_path), "--port",
                              str(port), "--tanpa-browser"], capture_output=True, text=True,
                             env={"PYTHONPATH": str(SRC), "PATH": "/usr/bin:/bin"})
    finally:
        taken.close()
    # the project is not one: said first; then the port, in a real project
    assert run.returncode == 1 and "soppress.yaml tidak ada" in run.stderr and "Traceback" not in run.stderr
    from soppress.errors import UserError
    taken = bind(0)
    try:
        with pytest.raises(UserError, match="sudah dipakai"):
            bind(taken.getsockname()[1])
    finally:
        taken.close()


def test_a_sheet_is_sketched_at_once_then_laid_out_exactly(tmp_path, monkeypatch):
    """After a save, an SOP sheet is first drawn on its previous page plan; the exact
    layout follows, and when it moves a page break the page's key changes again."""
    import time
    from soppress.preview import session as session_module
    monkeypatch.setattr(session_module, "SETTLE_AFTER", 0.0)
    root = sample_copy(tmp_path)
    session = Session(root)
    session.refresh()
    doc = "sop/hst/01-pengaduan-masyarakat"
    first = session.drawn(doc)[1]
    assert first.exact and len(first.plan["pages"]) >= 2  # the flowchart takes two pages
    long = " ".join(["dengan keterangan tambahan yang panjang sekali"] * 12)
    edit(root / SOP, "dalam kondisi krisis\n", f"dalam kondisi krisis {long}\n")
    before = session.refresh().keys[doc]
    sketch = session.drawn(doc)[1]
    assert not sketch.exact and long in sketch.html and sketch.plan == first.plan
    deadline = time.monotonic() + 120
    while session.snapshot.keys[doc] == before and time.monotonic() < deadline:
        time.sleep(0.1)
    exact = session.drawn(doc)[1]
    assert exact.exact and exact.plan["pages"] != first.plan["pages"] and long in exact.html
    assert session.snapshot.keys[doc] != before


def test_case_data_only_when_asked_and_never_on_disk(tmp_path):
    from casesutil import make, personal_values
    root = sample_copy(tmp_path)
    folder = root / "kasus"
    folder.mkdir(mode=0o700)
    paths = make(folder, count=2)
    names = {v for v in personal_values(paths) if len(v) > 6}
    with Background(root) as url:  # not asked: no case document, no case value
        index = get(url, "/")[1].decode()
        assert "kasus/" not in index and not any(v in index for v in names)
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")}
    with Background(root, cases=folder) as url:
        index = get(url, "/")[1].decode()
        pages = sorted(set(__import__("re").findall(r'href="(/dok/kasus/[^"]+)"', index)))
        assert pages, index[-2000:]
        status, body, headers = get(url, pages[0])
        assert status == 200 and headers["cache-control"] == "no-store"
        assert any(v in body.decode() for v in names)  # filled from the case file
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*")} == before  # nothing written anywhere


def test_an_internal_error_is_shown_without_its_text(tmp_path, monkeypatch):
    """A bug shows in the page as its type only (its text could carry case data), and
    the preview goes on: the next save is checked again."""
    from soppress import api
    real = api.check
    monkeypatch.delenv("SOPPRESS_DEBUG", raising=False)
    monkeypatch.setattr(api, "check", lambda root: (_ for _ in ()).throw(ValueError("Siti Contoh, 12 tahun")))
    session = Session(sample_copy(tmp_path))
    errors = session.refresh().errors
    assert errors and "galat internal (ValueError)" in errors[0] and "Siti" not in " ".join(errors)
    monkeypatch.setattr(api, "check", real)
    assert session.refresh().errors == [] and "sop/hst/04-mediasi" in session.entries
