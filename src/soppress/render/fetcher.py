"""The only way weasyprint may load a resource: files of the package (fonts) and
of the project (logos, the peta), and inline ``data:`` URLs (the flowchart
drawings). Every other scheme, host or path is refused: no network access, ever,
whatever a source or a template says.

weasyprint's own fetcher would open http(s), ftp and any file on the machine;
subclassing it keeps the interface weasyprint expects (``_fail_on_errors``) while
replacing ``fetch`` entirely, so none of urllib's openers is ever reached.
"""
from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import URLFetcher, URLFetcherResponse

from soppress.resources import PACKAGE_DIR
from soppress.sources.boundary import is_inside


class RefusedURL(ValueError):
    """weasyprint logs it and leaves the resource out."""


class LocalFetcher(URLFetcher):
    def __init__(self, *roots: Path):
        super().__init__(allowed_protocols=("file", "data"))
        self.roots = tuple(Path(r) for r in roots) + (PACKAGE_DIR,)

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == "data":
            return _data(url)
        if scheme != "file" or parts.netloc not in ("", "localhost"):
            raise RefusedURL(f"refused (not a local file): {scheme or '?'}")
        path = Path(unquote(parts.path))
        if not path.is_absolute() or not is_inside(path, *self.roots) or not path.is_file():
            raise RefusedURL("refused (outside the project and the package)")
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), {"Content-Type": kind})


def _data(url: str) -> URLFetcherResponse:
    """``data:`` URLs decoded here (urllib's DataHandler, without its opener)."""
    from urllib.request import DataHandler, Request
    response = DataHandler().data_open(Request(url))
    return URLFetcherResponse(url, response.read(), dict(response.headers.items()))


def fetcher(*roots: Path) -> LocalFetcher:
    """The fetcher for a project's documents: files under ``roots`` (the project, and
    the output folder for what the build wrote there) and the package's own files."""
    return LocalFetcher(*roots)
