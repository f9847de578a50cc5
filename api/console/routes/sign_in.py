"""Signing in and out of the console, and an entrepreneur's signing up."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette import status

from api.console.forms import FormProblems, read_form
from api.console.pages import page
from api.console.session import (
    PATH,
    CheckedForm,
    ConsoleUser,
    sign_in_cookie,
    sign_out_cookie,
)
from api.dependencies import SessionDep
from api.tokens import issue_token
from casework.errors import Conflict, InvalidInput
from casework.models import User
from casework.services.users import (
    RegistrationInput,
    SignInPaused,
    check_sign_in,
    create_user,
    revoke_tokens,
)
from casework.sign_in_throttle import Attempt
from casework.vocabulary import Role

router = APIRouter()

NextPath = Annotated[str, Query(alias="next", max_length=500)]


def _safe_next(asked: str) -> str:
    """Where to go after signing in: a console page, never another site."""
    if asked.startswith(PATH) and not asked.startswith("//") and "\\" not in asked:
        return asked
    return PATH + "/"


@router.get("/login")
def login_page(request: Request, next_path: NextPath = PATH + "/") -> Response:
    """The sign-in form."""
    changed = request.query_params.get("changed") == "1"  # after a password change
    context = {"next_path": _safe_next(next_path), "email": "", "problem": "", "changed": changed}
    return page(request, "login.html.j2", context)


@router.post("/login")
def login(request: Request, form: CheckedForm, session: SessionDep) -> Response:
    """Sign in with email and password (paused after failures, as the API's sign-in is)."""
    email, password = str(form.get("email", "")), str(form.get("password", ""))
    next_path = _safe_next(str(form.get("next", "")))
    attempt = Attempt(email, request.client.host if request.client else "")
    try:
        user, code, problem = (
            check_sign_in(attempt, password, session=session),
            status.HTTP_401_UNAUTHORIZED,
            "",
        )
    except SignInPaused as paused:
        user, code, problem = None, status.HTTP_429_TOO_MANY_REQUESTS, str(paused)
    if user is None:
        context = {
            "next_path": next_path,
            "email": email,
            "problem": problem or "Wrong email or password.",
            "changed": False,
        }
        return page(request, "login.html.j2", context, status_code=code)
    return _signed_in(request, user, next_path)


def _signed_in(request: Request, user: User, next_path: str) -> Response:
    answer = RedirectResponse(next_path, status.HTTP_303_SEE_OTHER)
    sign_in_cookie(request, answer, issue_token(user.id, user.token_generation))
    return answer


@router.post("/logout")
def logout(user: ConsoleUser, _: CheckedForm, session: SessionDep) -> Response:
    """Sign out everywhere: this browser's session and every token issued so far end."""
    revoke_tokens(user, session=session)
    answer = RedirectResponse(f"{PATH}/login", status.HTTP_303_SEE_OTHER)
    sign_out_cookie(answer)
    return answer


_SIGN_UP_FIELDS = ("full_name", "email", "password")


@router.get("/signup")
def signup_page(request: Request) -> Response:
    """The entrepreneur's sign-up form."""
    return page(request, "signup.html.j2", {"given": {}, "problems": {}})


@router.post("/signup")
def signup(request: Request, form: CheckedForm, session: SessionDep) -> Response:
    """Create an entrepreneur's account, sign them in, and take them to open their case."""
    given = {name: str(form.get(name, "")) for name in _SIGN_UP_FIELDS if name != "password"}
    try:
        registration = read_form(RegistrationInput, form, fields=_SIGN_UP_FIELDS)
        user = create_user(registration, Role.ENTREPRENEUR, session=session)
    except FormProblems as wrong:
        return _signup_again(request, given, wrong.problems)
    except InvalidInput as wrong:
        return _signup_again(request, given, {wrong.field: wrong.reason})
    except Conflict as taken:  # the email is someone's already: nothing was written
        session.rollback()
        return _signup_again(request, given, {taken.field or "": str(taken)})
    return _signed_in(request, user, f"{PATH}/cases/new")


def _signup_again(request: Request, given: dict[str, str], problems: dict[str, str]) -> Response:
    code = status.HTTP_422_UNPROCESSABLE_CONTENT
    return page(request, "signup.html.j2", {"given": given, "problems": problems}, status_code=code)
