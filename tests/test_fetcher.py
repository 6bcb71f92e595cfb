"""weasyprint's fetcher: package and project files and data: URLs; nothing else."""
import pytest

from soppress.render.fetcher import RefusedURL, fetcher
from soppress.resources import FONT_DIR


def test_serves_package_and_project_files_and_data_urls(tmp_path):
    (tmp_path / "logo.png").write_bytes(b"\x89PNG")
    fetch = fetcher(tmp_path)
    assert fetch((FONT_DIR / "LiberationSans-Regular.ttf").as_uri()).read()[:4] == b"\x00\x01\x00\x00"
    assert fetch((tmp_path / "logo.png").as_uri()).read() == b"\x89PNG"
    assert fetch("data:text/plain;base64,aGFp").read() == b"hai"


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/x.png", "https://example.org/a.css", "ftp://127.0.0.1/x", "file://server/share/x.png",
    "file:///etc/passwd", "file:///proc/self/environ", "gopher://x/", "//127.0.0.1/x.png", "x.png",
])
def test_refuses_everything_else(tmp_path, url):
    with pytest.raises(RefusedURL):
        fetcher(tmp_path)(url)


def test_refuses_a_link_leaving_the_project(tmp_path):
    project = tmp_path / "proyek"
    project.mkdir()
    (tmp_path / "rahasia.png").write_bytes(b"secret")
    (project / "logo.png").symlink_to(tmp_path / "rahasia.png")
    with pytest.raises(RefusedURL):
        fetcher(project)((project / "logo.png").as_uri())
