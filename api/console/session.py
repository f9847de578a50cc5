"""Who is at the console: the API's own token kept in an HttpOnly cookie, and forms that prove
they came from a console page.

The cookie holds the token `POST /auth/token` would give, so the console signs in, expires and
is revoked exactly as the API does: signing out, a password change and deactivation move the
account's token generation on and end every cookie issued before.

Every form carries a token bound to the cookie it was shown with (an HMAC under the signing
key): a page of another site can make the browser post, but cannot read the token to put in it.
Before sign-in, the binding is a random value in a cookie of its own (double submit).
"""

import hashlib
import hmac
import secrets
from typing import Annotated

from fastapi import Depends, Request, Response
from starlette.datastructures import FormData

from api.dependencies import SessionDep, actor_of
from api.tokens import read_token, signing_key
from casework.actors import Actor
from casework.models import EntrepreneurProfile, User
from casework.settings import get_settings
from casework.vocabulary import Language, Role

SESSION_COOKIE = "casework_session"
FORM_COOKIE = "casework_form"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
PATH = "/app"


class SignInFirst(Exception):
    """The page needs a signed-in account: the browser goes to the sign-in page, and back."""

    def __init__(self, next_path: str) -> None:
        super().__init__(next_path)
        self.next_path = next_path


class FormRefused(Exception):
    """A form without the token of the page it came from (another site's, or an old page's)."""


def _binding(request: Request) -> str | None:
    signed = request.cookies.get(SESSION_COOKIE)
    if signed:
        return "session:" + signed
    nonce = request.cookies.get(FORM_COOKIE) or getattr(request.state, "form_nonce", None)
    return "form:" + nonce if nonce else None


def form_token(request: Request) -> str:
    """The token this page's forms carry; before sign-in it draws the form cookie's value."""
    binding = _binding(request)
    if binding is None:
        request.state.form_nonce = secrets.token_urlsafe(24)
        binding = "form:" + request.state.form_nonce
    return hmac.new(signing_key(), binding.encode(), hashlib.sha256).hexdigest()


def keep_form_cookie(request: Request, response: Response) -> None:
    """Send the form cookie a page drew (see `form_token`) along with it."""
    nonce = getattr(request.state, "form_nonce", None)
    if nonce and FORM_COOKIE not in request.cookies:
        _set(request, response, FORM_COOKIE, nonce, max_age=None, same_site="strict")


async def checked_form(request: Request) -> FormData:
    """The posted form, once it proves it came from one of the console's own pages."""
    if request.headers.get("sec-fetch-site") == "cross-site":
        raise FormRefused
    form = await request.form()
    given = form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER) or ""
    binding = _binding(request)
    if binding is None or not isinstance(given, str):
        raise FormRefused
    expected = hmac.new(signing_key(), binding.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(given.encode(), expected.encode()):
        raise FormRefused
    return form


CheckedForm = Annotated[FormData, Depends(checked_form)]


def sign_in_cookie(request: Request, response: Response, token: str) -> None:
    """Keep `token` as the browser's console session."""
    max_age = get_settings().token_minutes * 60
    _set(request, response, SESSION_COOKIE, token, max_age=max_age, same_site="lax")
    response.delete_cookie(FORM_COOKIE, path=PATH)


def sign_out_cookie(response: Response) -> None:
    """Forget the console session in this browser."""
    response.delete_cookie(SESSION_COOKIE, path=PATH)


def _set(
    request: Request,
    response: Response,
    name: str,
    value: str,
    *,
    max_age: int | None,
    same_site: str,
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path=PATH,
        httponly=True,
        samesite=same_site,  # type: ignore[arg-type]
        secure=request.url.scheme == "https",
    )


def _console_user(request: Request, session: SessionDep) -> User:
    signed = request.cookies.get(SESSION_COOKIE)
    claims = read_token(signed) if signed else None
    user = session.get(User, claims.user_id) if claims else None
    if claims is None or user is None or not user.is_active:
        raise SignInFirst(_here(request))
    if user.token_generation != claims.generation:
        raise SignInFirst(_here(request))
    request.state.console_user = user
    if user.role == Role.ENTREPRENEUR:
        profile = session.get(EntrepreneurProfile, user.id)
        if profile is not None and profile.preferred_language:
            request.state.language = Language(profile.preferred_language)
    return user


def _here(request: Request) -> str:
    query = f"?{request.url.query}" if request.url.query else ""
    return request.url.path + query if request.method == "GET" else PATH


ConsoleUser = Annotated[User, Depends(_console_user)]


async def _console_actor(user: ConsoleUser) -> Actor:
    return actor_of(user)


ConsoleActor = Annotated[Actor, Depends(_console_actor)]
