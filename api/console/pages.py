"""Rendering the console's pages: Jinja2 templates in the reader's language, with the same
gettext catalogues and number formats as the dossiers."""

from functools import cache
from pathlib import Path
from typing import Any

from babel import negotiate_locale
from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment
from prefect.settings import get_current_settings

from api.console.session import form_token, keep_form_cookie
from casework.dossier.render import templates_in
from casework.models import User
from casework.settings import get_settings
from casework.vocabulary import Language

TEMPLATES = Path(__file__).resolve().parent / "templates"


@cache
def environment(language: Language) -> Environment:
    """The console's templates in `language`, set up as the dossiers' are."""
    return templates_in(TEMPLATES, language)


def reader_language(request: Request) -> Language:
    """The language the entrepreneur chose; else the browser's, if the unit speaks it; else
    the unit's."""
    chosen: Language | None = getattr(request.state, "language", None)
    if chosen is not None:
        return chosen
    asked = [
        part.split(";")[0].strip() for part in request.headers.get("accept-language", "").split(",")
    ]
    found = negotiate_locale(
        [a.replace("-", "_") for a in asked if a], [lang.value for lang in Language]
    )
    return Language(found) if found else get_settings().language


def prefect_ui() -> str | None:
    """The Prefect dashboard's address, when this process talks to a Prefect server."""
    url = get_current_settings().ui_url
    return url.rstrip("/") if url else None


def page(
    request: Request,
    template: str,
    context: dict[str, Any],
    *,
    user: User | None = None,
    status_code: int = 200,
    inline_styles: bool = False,
) -> HTMLResponse:
    """The page `template` showing `context` to `user` (None: not signed in), in their language."""
    language = reader_language(request)
    html = (
        environment(language)
        .get_template(template)
        .render(
            user=user,
            csrf_token=form_token(request),
            path=request.url.path,
            prefect_ui=prefect_ui(),
            **context,
        )
    )
    # The report's charts carry their own <style> element (pygal's), and nothing else inline.
    headers = {**_HEADERS, "Content-Security-Policy": _policy(inline_styles)}
    response = HTMLResponse(html, status_code=status_code, headers=headers)
    keep_form_cookie(request, response)
    return response


def _policy(inline_styles: bool) -> str:
    """Pages load nothing but their own files: no inline script, no other origin, no framing."""
    styles = "'self' 'unsafe-inline'" if inline_styles else "'self'"
    return (
        f"default-src 'self'; img-src 'self' data:; style-src {styles}; script-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    )


_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
