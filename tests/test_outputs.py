"""All-or-nothing outputs (soppress.outputs): staging, atomic moves, the build
lock, private modes, and a SIGKILL at random moments never leaving a torn file."""
import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from soppress.outputs import STAGING_PREFIX, OutputError, Outputs, build_lock

SRC = Path(__file__).resolve().parent.parent / "src"
NAMES = [f"unit{i % 3}/sop-{i}.pdf" for i in range(8)]


def _old(out: Path) -> dict[str, bytes]:
    content = {}
    for i, name in enumerate(NAMES):
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        data = f"old {i} ".encode() * 1000
        (out / name).write_bytes(data)
        content[name] = data
    return content


def _snapshot(out: Path) -> dict[str, tuple[bytes, int]]:
    return {p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in out.rglob("*") if p.is_file() and p.name not in (".lock", ".soppress-cache.json")}


def test_all_outputs_appear_together(tmp_path):
    out = tmp_path / "build"
    with Outputs(out) as o:
        for name in NAMES:
            o.write(name, name.encode())
        assert not (out / NAMES[0]).exists()  # nothing in place before every output rendered
    assert all((out / n).read_bytes() == n.encode() for n in NAMES)
    assert not list(out.glob(STAGING_PREFIX + "*"))


def test_failure_leaves_previous_outputs_exactly(tmp_path):
    out = tmp_path / "build"
    _old(out)
    before = _snapshot(out)
    with pytest.raises(RuntimeError):
        with Outputs(out) as o:
            for name in NAMES[:5]:
                o.write(name, b"new")
            raise RuntimeError("a renderer failed halfway")
    assert _snapshot(out) == before
    assert not list(out.glob(STAGING_PREFIX + "*"))


def test_folder_in_place_of_an_output_moves_nothing(tmp_path):
    out = tmp_path / "build"
    _old(out)
    (out / "unit0/blocked.pdf").mkdir()
    before = _snapshot(out)
    with pytest.raises(OutputError, match="folder bernama sama"):
        with Outputs(out) as o:
            for name in NAMES:
                o.write(name, b"new")
            o.write("unit0/blocked.pdf", b"new")
    assert _snapshot(out) == before


def test_second_build_is_refused_with_a_message(tmp_path):
    out = tmp_path / "build"
    with build_lock(out):
        with pytest.raises(OutputError, match="build lain sedang berjalan"):
            with build_lock(out):
                pass
    with build_lock(out):  # released afterwards
        pass


def test_stale_staging_of_a_killed_build_is_removed(tmp_path):
    out = tmp_path / "build"
    (out / f"{STAGING_PREFIX}dead").mkdir(parents=True)
    with build_lock(out):
        assert not list(out.glob(STAGING_PREFIX + "*"))


def test_private_outputs_are_owner_only(tmp_path):
    old = os.umask(0o022)
    try:
        out = tmp_path / "kasus"
        with Outputs(out, private=True) as o:
            o.write("2026/surat/a.pdf", b"x")
            assert stat.S_IMODE(o.staging.stat().st_mode) == 0o700
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    assert stat.S_IMODE((out / "2026").stat().st_mode) == 0o700
    assert stat.S_IMODE((out / "2026/surat").stat().st_mode) == 0o700
    assert stat.S_IMODE((out / "2026/surat/a.pdf").stat().st_mode) == 0o600


def test_outputs_refuse_paths_leaving_the_folder(tmp_path):
    with Outputs(tmp_path / "build") as o:
        for bad in ("../x.pdf", "/etc/x.pdf"):
            with pytest.raises(ValueError):
                o.write(bad, b"x")


CHILD = """
import sys
from pathlib import Path
from soppress.outputs import Outputs, build_lock
out = Path(sys.argv[1])
names = sys.argv[2:]
with build_lock(out):
    with Outputs(out) as o:
        for i, name in enumerate(names):
            o.write(name, (f"new {i} ".encode() * 400_000))
print("done", flush=True)
"""


def _run_child(out: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.Popen([sys.executable, "-c", CHILD, str(out), *NAMES], env=env, stdout=subprocess.PIPE)


def test_sigkill_at_20_random_moments_leaves_old_or_new_never_torn(tmp_path):
    new = {name: f"new {i} ".encode() * 400_000 for i, name in enumerate(NAMES)}
    start = time.monotonic()
    probe = _run_child(tmp_path / "probe")
    probe.wait()
    duration = time.monotonic() - start
    assert probe.returncode == 0
    rng = random.Random(16)
    killed, outcomes = 0, set()
    for run in range(20):
        out = tmp_path / f"run{run}"
        old = _old(out)
        child = _run_child(out)
        time.sleep(rng.uniform(0.0, duration * 1.1))
        child.send_signal(signal.SIGKILL)
        child.wait()
        _no_process_left(out)
        killed += child.returncode == -signal.SIGKILL
        for name in NAMES:
            data = (out / name).read_bytes()
            assert data in (old[name], new[name]), f"run {run}: {name} is torn ({len(data)} bytes)"
            outcomes.add("new" if data == new[name] else "old")
        with build_lock(out):  # the lock died with the child; its staging is cleaned up
            assert not list(out.glob(STAGING_PREFIX + "*"))
    assert killed >= 10, "the child finished before most kills: the test exercised nothing"


# ---------------------------------------------------------------- wired into the build

MINI = Path(__file__).resolve().parent / "fixtures" / "mini"


def _project(tmp_path: Path, name: str) -> Path:
    import shutil
    root = tmp_path / "proyek"
    if not root.exists():
        shutil.copytree(MINI, root)
    sop = root / "sops" / "contoh.yaml"
    text = sop.read_text(encoding="utf-8")
    sop.write_text(text.replace("nama: Layanan Pengaduan Langsung", f"nama: {name}").replace(
        "nama: Versi Lama", f"nama: {name}"), encoding="utf-8")
    return root


def test_build_failing_late_keeps_previous_outputs(tmp_path, monkeypatch):
    from click.testing import CliRunner
    from soppress import jobs
    from soppress.cli import main
    root = _project(tmp_path, "Versi Lama")
    out = tmp_path / "hasil"
    assert CliRunner().invoke(main, ["build", "--proyek", str(root), "--keluaran", str(out)]).exit_code == 0
    before = _snapshot(out)
    _project(tmp_path, "Versi Baru")

    def broken_docx(*args):
        raise RuntimeError("the DOCX writer failed after the PDF was rendered")
    monkeypatch.setattr(jobs, "render_docx", broken_docx)
    result = CliRunner().invoke(main, ["build", "--proyek", str(root), "--keluaran", str(out), "-j", "1"])
    assert result.exit_code == 1 and "gagal" in result.output  # a document failing (made up here) ...
    assert _snapshot(out) == before  # ... leaves its previous PDF, HTML and DOCX untouched


def test_concurrent_build_gets_a_message(tmp_path):
    from click.testing import CliRunner
    from soppress.cli import main
    root = _project(tmp_path, "Versi Lama")
    out = tmp_path / "hasil"
    with build_lock(out):
        result = CliRunner().invoke(main, ["build", "--proyek", str(root), "--keluaran", str(out)])
    assert result.exit_code == 1
    assert "build lain sedang berjalan" in result.output
    assert not [p for p in out.rglob("*") if p.is_file() and p.name != ".lock"]


def _no_process_left(out: Path, grace: float = 5.0) -> None:
    """No worker of a killed build goes on running (they end with their parent)."""
    deadline = time.monotonic() + grace
    while True:
        left = []
        for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                if str(out).encode() in cmdline.read_bytes():
                    left.append(cmdline.parent.name)
            except OSError:
                continue
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    assert not left, f"processes of the killed build still run: {left}"


def test_build_killed_at_20_random_moments_leaves_old_or_new_outputs(tmp_path):
    import zipfile
    env = {**os.environ, "PYTHONPATH": str(SRC), "SOURCE_DATE_EPOCH": "1767225600"}

    def run(root: Path, out: Path) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-m", "soppress", "build", "--proyek", str(root), "--keluaran",
                                 str(out)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    root = _project(tmp_path, "Versi Lama")
    old_out = tmp_path / "lama"
    assert run(root, old_out).wait() == 0
    old = _snapshot(old_out)
    _project(tmp_path, "Versi Baru")
    new_out = tmp_path / "baru"
    start = time.monotonic()
    assert run(root, new_out).wait() == 0
    duration = time.monotonic() - start
    new = _snapshot(new_out)
    rng = random.Random(1616)
    killed, seen = 0, set()
    for attempt in range(20):
        out = tmp_path / f"run{attempt}"
        import shutil
        shutil.copytree(old_out, out)
        child = run(root, out)
        time.sleep(rng.uniform(0.1, duration * 0.9))  # builds vary under load: most kills land mid-build
        child.send_signal(signal.SIGKILL)
        child.wait()
        _no_process_left(out)
        killed += child.returncode == -signal.SIGKILL
        for name, (data, _) in _snapshot(out).items():
            if name.startswith(STAGING_PREFIX):
                continue  # the killed build's staging: removed by the next build
            if name.endswith(".docx") and data != old[name][0]:  # DOCX is not byte-reproducible (yet)
                with zipfile.ZipFile(out / name) as z:
                    assert z.testzip() is None and b"Versi Baru" in z.read("word/document.xml"), name
                seen.add("new")
                continue
            assert data in (old[name][0], new[name][0]), f"attempt {attempt}: {name} is torn"
            seen.add("old" if data == old[name][0] else "new")
    assert killed >= 5, "the build finished before the kills: the test exercised nothing"
    assert "old" in seen


def test_output_folder_that_is_a_file_is_a_message(tmp_path):
    from click.testing import CliRunner
    from soppress.cli import main
    root = _project(tmp_path, "Versi Lama")
    blocker = tmp_path / "hasil"
    blocker.write_text("bukan folder")
    result = CliRunner().invoke(main, ["build", "--proyek", str(root), "--keluaran", str(blocker / "sub")])
    assert result.exit_code == 1, result.output
    assert "folder hasil tidak dapat dibuat atau ditulis" in result.output
    assert blocker.read_text() == "bukan folder"
