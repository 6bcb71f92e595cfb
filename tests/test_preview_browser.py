"""The live preview in a real browser: Debian's chromium (apt), driven by Selenium through
/usr/bin/chromedriver (Selenium Manager never downloads anything)."""
import shutil
import time
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from soppress.preview.server import Background

ROOT = Path(__file__).resolve().parent.parent
SOP = Path("sops") / "hst" / "01-pengaduan-masyarakat.yaml"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--window-size=1300,900"]


def sample_copy(tmp_path: Path) -> Path:
    root = tmp_path / "proyek"
    shutil.copytree(ROOT, root, ignore=shutil.ignore_patterns("build", ".git", ".venv", "tests", "benchmarks", "docs",
                                                              "src", "tools", "kasus", "keluaran-kasus"))
    return root


@pytest.fixture
def browser(tmp_path):
    options = webdriver.ChromeOptions()
    for flag in FLAGS + [f"--user-data-dir={tmp_path / 'chromium-profil'}"]:
        options.add_argument(flag)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    yield driver
    driver.quit()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def page_text(driver) -> str:
    """The text shown (read in one script: the body is swapped while Selenium looks)."""
    return driver.execute_script("return document.body.innerText")


def errors_shown(driver) -> str:
    return driver.execute_script("var e = document.getElementById('pv-galat'); return e ? e.innerText : ''")


def test_edit_error_and_fix_update_the_open_page(tmp_path, browser):
    root = sample_copy(tmp_path)
    wait = WebDriverWait(browser, 60, poll_frequency=0.1)
    with Background(root) as url:
        browser.get(url + "dok/sop/hst/01-pengaduan-masyarakat")
        wait.until(lambda d: "Alat dokumentasi" in page_text(d))
        assert "batas halaman" in page_text(browser)  # the page plan's breaks
        browser.execute_script("window.scrollTo(0, 700); window.pvNotReloaded = true;")

        # a save updates the open page without a reload, at the same scroll position
        edit(root / SOP, "- Alat dokumentasi", "- Alat dokumentasi pratinjau langsung")
        wait.until(lambda d: "Alat dokumentasi pratinjau langsung" in page_text(d))
        assert browser.execute_script("return window.pvNotReloaded") is True
        assert abs(browser.execute_script("return window.scrollY") - 700) < 5

        # an error: its diagnostic (file:line) over the last good rendering
        edit(root / SOP, "judul: SOP LAYANAN", "kolom_asing: 1\njudul: SOP LAYANAN")
        wait.until(lambda d: "kolom_asing" in errors_shown(d))
        shown = errors_shown(browser)
        assert f"{SOP.as_posix()}:12:" in shown, shown
        assert "Alat dokumentasi pratinjau langsung" in page_text(browser)

        # fixed: the diagnostic goes away
        edit(root / SOP, "kolom_asing: 1\n", "")
        wait.until(lambda d: errors_shown(d) == "")
        assert browser.execute_script("return window.pvNotReloaded") is True


def test_index_lists_every_kind_and_follows_new_documents(tmp_path, browser):
    root = sample_copy(tmp_path)
    wait = WebDriverWait(browser, 60, poll_frequency=0.1)
    with Background(root) as url:
        browser.get(url)
        headings = [h.text for h in browser.find_elements(By.TAG_NAME, "h2")]
        assert headings == ["Lembar SOP", "Keputusan Kepala Dinas", "Buku SOP", "Formulir (kosong dan isian)",
                            "Templat surat (data contoh)"]
        copy = root / "sops" / "hst" / "09-salinan-pratinjau.yaml"
        text = (root / SOP).read_text(encoding="utf-8").replace("nama: Standar Operasional Prosedur Layanan",
                                                                "nama: Salinan Pratinjau Layanan")
        copy.write_text(text.replace("nomor: 10/160 /Dinas/2026", "nomor: 99/160 /Dinas/2026"), encoding="utf-8")
        wait.until(lambda d: "Salinan Pratinjau Layanan" in page_text(d))
        time.sleep(0.2)
        browser.find_element(By.PARTIAL_LINK_TEXT, "Salinan Pratinjau Layanan").click()
        wait.until(lambda d: "SALINAN PRATINJAU LAYANAN" in page_text(d).upper())
