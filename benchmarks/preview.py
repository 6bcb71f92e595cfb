"""Save → updated page in `soppress pratinjau` (issue 17; target ≤ 1 s for one SOP).

    .venv/bin/python benchmarks/preview.py [--runs N]

Serves a copy of a project with the preview (in this process, on 127.0.0.1), opens one
SOP sheet in Debian's chromium (Selenium, /usr/bin/chromedriver), then edits that SOP's
source N times. Each figure is the time from the write of the file to the moment the
page's script has swapped in the new rendering (it stamps ``data-pv-diperbarui`` with
the browser's clock, which is this machine's clock). Measured on the whole corpus and on
a project holding that one SOP only; the median of N runs, with the slowest.

``row()`` gives the figure as a (label, measured, target) row for benchmarks/run.py."""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

SOP = "sops/hst/01-pengaduan-masyarakat.yaml"
PAGE = "dok/sop/hst/01-pengaduan-masyarakat"
CORPUS = ("soppress.yaml", "sops", "keputusan", "letterheads", "registri", "forms", "letters")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def corpus(target: Path, only_one: bool = False) -> Path:
    target.mkdir(parents=True)
    for name in CORPUS:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(ROOT / name, target / name)
    if only_one:  # one SOP: no Keputusan, the other sheets gone
        shutil.rmtree(target / "keputusan")
        for other in (target / "sops").rglob("*.yaml"):
            if other != target / SOP:
                other.unlink()
    return target


def browser(profile: Path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    options = webdriver.ChromeOptions()
    for flag in FLAGS + [f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def save_to_page(root: Path, runs: int, profile: Path) -> list[float]:
    """Seconds from each save to the updated page."""
    from selenium.webdriver.support.ui import WebDriverWait
    from soppress.preview.server import Background
    driver = browser(profile)
    times = []
    try:
        with Background(root) as url:
            driver.get(url + PAGE)
            wait = WebDriverWait(driver, 60, poll_frequency=0.02)
            wait.until(lambda d: "Alat dokumentasi" in d.execute_script("return document.body.innerText"))
            source = root / SOP
            for i in range(runs + 1):  # the first edit warms up the renderer: not counted
                marker = f"Alat dokumentasi ukur {i}"
                text = source.read_text(encoding="utf-8")
                text = text.replace("- Alat dokumentasi" if i == 0 else f"- Alat dokumentasi ukur {i - 1}",
                                    f"- {marker}", 1)
                time.sleep(0.3)  # let the watcher settle between saves
                saved = time.time()
                source.write_text(text, encoding="utf-8")
                wait.until(lambda d: marker in d.execute_script("return document.body.innerText"))
                updated = int(driver.execute_script(
                    "return document.documentElement.getAttribute('data-pv-diperbarui')")) / 1000
                if i:
                    times.append(updated - saved)
    finally:
        driver.quit()
    return times


def measure(runs: int = 5) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        return {"corpus": save_to_page(corpus(tmp / "korpus"), runs, tmp / "profil-1"),
                "one": save_to_page(corpus(tmp / "satu", only_one=True), runs, tmp / "profil-2")}


def row(runs: int = 5) -> tuple[str, str, str]:
    found = measure(runs)
    return ("`soppress pratinjau`: save → updated page, one SOP edited (one-SOP project / whole corpus)",
            f"{statistics.median(found['one']):.2f} s / {statistics.median(found['corpus']):.2f} s", "≤ 1 s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for name, times in measure(args.runs).items():
        label = "whole corpus" if name == "corpus" else "one-SOP project"
        print(f"{label}: median {statistics.median(times):.2f} s, slowest {max(times):.2f} s "
              f"({', '.join(f'{t:.2f}' for t in times)})")


if __name__ == "__main__":
    main()
