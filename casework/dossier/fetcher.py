"""The only way WeasyPrint may reach outside the dossier: files of the templates' static folder.

Dossiers carry entrepreneurs' own words. WeasyPrint's default fetcher would follow
any URL found in that text (HTTP requests, local files embedded as attachments),
so every fetch goes through `LockedFetcher`, which serves regular files inside
``document_templates/static/`` and refuses everything else.
"""

import mimetypes
import os
import stat
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse


class FetchRefusedError(ValueError):
    """A dossier asked for a resource outside the templates' static folder."""


@lru_cache(maxsize=1)
def templates_root() -> Path:
    """The ``document_templates`` package folder on disk."""
    root = resources.files("document_templates")
    if not isinstance(root, Path):
        # A zipped install has no real files for WeasyPrint or the path check to use.
        raise RuntimeError(f"document_templates must be installed as files, got {root!r}")
    return root.resolve()


def static_root() -> Path:
    """The folder whose regular files a dossier may load (stylesheet, fonts, images)."""
    return templates_root() / "static"


class LockedFetcher(URLFetcher):  # type: ignore[misc]
    """A WeasyPrint fetcher that serves only regular files inside one folder."""

    def __init__(self, root: Path | None = None) -> None:
        # allowed_protocols is a second lock only: fetch() below never reaches urllib.
        super().__init__(allowed_protocols=frozenset({"file"}))
        self._root = (root if root is not None else static_root()).resolve(strict=True)

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        """Serve ``url`` if it names a regular file inside the root; raise otherwise."""
        path = self._allowed_path(url)
        body = _read_regular_file(path, url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(path.as_uri(), body, {"Content-Type": content_type})

    def _allowed_path(self, url: str) -> Path:
        try:
            parts = urlsplit(url)
        except ValueError as error:
            raise FetchRefusedError(f"malformed URL refused: {url!r}") from error
        # http(s) would reach the network and data: could smuggle content the
        # template never asked for; the dossier needs neither.
        if parts.scheme.lower() != "file":
            raise FetchRefusedError(f"scheme {parts.scheme or '(none)'!r} refused: {url!r}")
        if parts.netloc not in ("", "localhost"):
            raise FetchRefusedError(f"remote file host refused: {url!r}")
        raw = Path(url2pathname(parts.path))
        if not raw.is_absolute():
            raise FetchRefusedError(f"relative file URL refused: {url!r}")
        try:
            # resolve() collapses ../ and follows every symlink, so the containment
            # check below is made on the file that would really be opened.
            path = raw.resolve(strict=True)
        except (OSError, ValueError, RuntimeError) as error:
            raise FetchRefusedError(f"unreadable path refused: {url!r}") from error
        if not path.is_relative_to(self._root):
            raise FetchRefusedError(f"path outside the static folder refused: {url!r}")
        return path


def _read_regular_file(path: Path, url: str) -> bytes:
    # O_NOFOLLOW and fstat on the open descriptor narrow the gap between the check
    # and the read (a last component swapped for a symlink or a device);
    # O_NONBLOCK keeps a FIFO from hanging the render before fstat rejects it.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as error:
        raise FetchRefusedError(f"unreadable file refused: {url!r}") from error
    if not stat.S_ISREG(os.fstat(descriptor).st_mode):
        os.close(descriptor)
        raise FetchRefusedError(f"not a regular file, refused: {url!r}")
    with os.fdopen(descriptor, "rb") as handle:
        return handle.read()
