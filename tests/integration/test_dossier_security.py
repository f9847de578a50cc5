"""Hostile text in a dossier reaches neither the network nor the local disk."""

import io
import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from markupsafe import Markup
from PIL import Image
from pypdf import PdfReader
from weasyprint.urls import URLFetchingError, fetch

from casework.dossier.context import DossierContext
from casework.dossier.fetcher import FetchRefusedError, LockedFetcher, static_root
from casework.dossier.plan_context import PlanSummary
from casework.dossier.render import render_dossier
from casework.vocabulary import Audience
from tests.dossier_samples import sample_context

SECRET = "CANARY-SECRET-5b1e9c"


@dataclass
class Canary:
    """A local HTTP server that records every request it receives."""

    url: str
    hits: list[str] = field(default_factory=list)


@pytest.fixture
def canary() -> Iterator[Canary]:
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            body = b"body { color: red }"
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep the test output quiet

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Canary(f"http://127.0.0.1:{server.server_address[1]}", hits)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def secrets(tmp_path: Path) -> tuple[Path, Path]:
    """A text file and an image outside the static folder that must never be embedded."""
    text = tmp_path / "secret.txt"
    text.write_text(SECRET)
    image = tmp_path / "secret.png"
    Image.new("RGB", (8, 8), "red").save(image)
    return text, image


def _payload(canary: Canary, secret: Path, image: Path) -> str:
    url = canary.url
    return " ".join(
        [
            '<img src="file:///etc/hostname">',
            '<link rel="attachment" href="file:///etc/hostname">',
            f'<link rel="attachment" href="{secret.as_uri()}">',
            f'<img src="{image.as_uri()}">',
            f'<img src="{url}/img.png">',
            f'<div style="background-image: url({url}/style-attr.png)">styled</div>',
            f'<style>@import url("{url}/import.css");'
            f" @font-face {{ font-family: Leak; src: url({url}/font.woff) }}"
            f" body {{ background: url({url}/style-tag.png) }}</style>",
            f'<link rel="stylesheet" href="{url}/sheet.css">',
            f'<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9">'
            f'<image href="{url}/svg-image.png" width="9" height="9"/></svg>',
            f'<object data="{url}/object.svg"></object> <embed src="{url}/embed.svg">',
            '<img src="../__init__.py"> <link rel="attachment" href="../dossier.html.j2">',
            f"<img src=\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg'>"
            f"<image href='{url}/data-uri.png'/></svg>\">",
        ]
    )


def _hostile_context(payload: str, canary_url: str) -> DossierContext:
    """The sample with the payload in every free-text field a user controls."""
    base = sample_context()
    assert base.assessment is not None
    assert base.feasibility is not None
    sections = [replace(s, text=payload) for s in base.feasibility.sections]
    return replace(
        base,
        case=replace(base.case, title=payload, summary=payload),
        assessment=replace(base.assessment, notes=payload),
        feasibility=replace(base.feasibility, sections=sections),
        plan=_hostile_plan(base.plan, payload),
        referrals=[replace(base.referrals[0], note=payload)],
        timeline=[replace(base.timeline[0], summary=payload)],
        # A guide's sources are printed as text: a link in one is never followed.
        guides=[
            replace(g, title=payload, text=payload, sources=[payload, f"{canary_url}/source"])
            for g in base.guides
        ],
    )


def _hostile_plan(plan: PlanSummary | None, payload: str) -> PlanSummary:
    """The plan's labels (investments, products, loans, uses) and warnings, all hostile."""
    assert plan is not None
    results = plan.results
    assert results.sources_and_uses is not None
    assert results.break_even is not None
    assert results.break_even.units is not None
    funding = results.sources_and_uses
    break_even = results.break_even
    return replace(
        plan,
        investments=[replace(i, label=payload) for i in plan.investments],
        revenue_lines=[replace(r, label=payload, unit=payload) for r in plan.revenue_lines],
        financing=[replace(f, label=payload) for f in plan.financing],
        results=results.model_copy(
            update={
                "loans": [loan.model_copy(update={"label": payload}) for loan in results.loans],
                "sources_and_uses": funding.model_copy(
                    update={
                        "uses": [use.model_copy(update={"label": payload}) for use in funding.uses]
                    }
                ),
                "break_even": break_even.model_copy(
                    update={
                        "units": [
                            u.model_copy(update={"label": payload, "unit": payload})
                            for u in break_even.units or []
                        ]
                    }
                ),
                # Warnings quote the names people give their loans.
                "warnings": [payload, *(results.warnings or [])],
            }
        ),
    )


def _assert_nothing_leaked(pdf: bytes, canary: Canary) -> None:
    assert canary.hits == [], f"the renderer made requests: {canary.hits}"
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.attachments == {}
    assert all(not page.images for page in reader.pages), "a local image was embedded"
    text = " ".join(page.extract_text() for page in reader.pages)
    assert SECRET not in text
    assert SECRET.encode() not in pdf


def test_escaped_hostile_text_makes_no_request_and_embeds_no_file(canary, secrets) -> None:
    payload = _payload(canary, *secrets)
    pdf = render_dossier(_hostile_context(payload, canary.url), Audience.UNIT)
    _assert_nothing_leaked(pdf, canary)
    # Autoescape turned the markup into visible text.
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages)
    assert '<link rel="attachment" href="file:///etc/hostname">' in text


def test_markup_that_slips_past_autoescape_is_still_fetched_by_nobody(canary, secrets) -> None:
    # Markup() is how a caller bypasses autoescape by mistake: the fetcher must hold alone.
    payload = Markup(_payload(canary, *secrets))  # noqa: S704 - the unsafe use is the test
    pdf = render_dossier(_hostile_context(payload, canary.url), Audience.UNIT)
    _assert_nothing_leaked(pdf, canary)


# The fetcher on its own.


def test_fetcher_serves_the_dossier_stylesheet() -> None:
    css = static_root() / "dossier.css"
    response = LockedFetcher().fetch(css.as_uri())
    try:
        assert response.read() == css.read_bytes()
        assert response.content_type == "text/css"
    finally:
        response.close()


def test_fetcher_collapses_dot_dot_that_stays_inside_static() -> None:
    url = (static_root() / "dossier.css").as_uri().replace("/static/", "/static/../static/")
    response = LockedFetcher().fetch(url)
    response.close()
    assert response.url == (static_root() / "dossier.css").as_uri()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/hostname",
        "file://localhost/etc/hostname",
        "file://otherhost/etc/hostname",
        f"{static_root().as_uri()}/../__init__.py",
        f"{static_root().as_uri()}/..%2F..%2F..%2F..%2F..%2F..%2Fetc%2Fhostname",
        f"{static_root().as_uri()}/../../../../../../../../etc/hostname",
        f"{static_root().as_uri()}/missing.css",
        f"{static_root().as_uri()}/",
        "https://example.org/dossier.css",
        "ftp://example.org/dossier.css",
        "data:text/css,body%7Bcolor:red%7D",
        "data:image/png;base64,iVBORw0KGgo=",
        "dossier.css",
    ],
)
def test_fetcher_refuses_anything_but_a_static_file(url: str) -> None:
    with pytest.raises(FetchRefusedError):
        LockedFetcher().fetch(url)


def test_fetcher_refuses_the_local_http_server(canary) -> None:
    with pytest.raises(FetchRefusedError):
        LockedFetcher().fetch(f"{canary.url}/")
    assert canary.hits == []


def test_fetcher_refusal_is_a_failed_fetch_for_weasyprint() -> None:
    with pytest.raises(URLFetchingError), fetch(LockedFetcher(), "file:///etc/hostname"):
        pytest.fail("the fetch should not have succeeded")


def test_fetcher_refuses_symlinks_pointing_outside_static(tmp_path, secrets) -> None:
    secret, _ = secrets
    root = tmp_path / "static"
    shutil.copytree(static_root(), root)
    (root / "leak.css").symlink_to(secret)
    (root / "outside").symlink_to(secret.parent, target_is_directory=True)
    fetcher = LockedFetcher(root=root)
    served = fetcher.fetch((root / "dossier.css").as_uri())  # the copy itself is served
    served.close()
    for name in ("leak.css", "outside/secret.txt"):
        with pytest.raises(FetchRefusedError):
            fetcher.fetch((root / name).as_uri())


def test_fetcher_refuses_a_fifo_inside_static_without_hanging(tmp_path) -> None:
    root = tmp_path / "static"
    root.mkdir()
    os.mkfifo(root / "pipe.css")
    with pytest.raises(FetchRefusedError):
        LockedFetcher(root=root).fetch((root / "pipe.css").as_uri())
