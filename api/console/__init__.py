"""The unit's console: server-rendered pages under /app for advisors, entrepreneurs and
managers, on the services and permissions the API uses (no rule lives in a page)."""

from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette import status

from api.console.pages import page
from api.console.routes import ROUTERS
from api.console.session import PATH, FormRefused, SignInFirst
from api.errors import field_error
from casework.database import CaseMovedOn
from casework.errors import Conflict, Forbidden, GateClosed, Gone, InvalidInput, NotFound, NotReady

STATIC = Path(__file__).resolve().parent / "static"


def create_console() -> FastAPI:
    """The console, to mount at /app."""
    console = FastAPI(openapi_url=None, docs_url=None, redoc_url=None)
    console.mount("/static", StaticFiles(directory=STATIC), name="static")
    for router in ROUTERS:
        console.include_router(router)
    _install_refusal_pages(console)
    return console


def _refusal(
    request: Request,
    code: int,
    message: str,
    unmet: list[str] | None = None,
    problems: dict[str, str] | None = None,
) -> Response:
    user = getattr(request.state, "console_user", None)
    context = {"message": message, "unmet": unmet or [], "problems": problems or {}}
    return page(request, "refusal.html.j2", context, user=user, status_code=code)


# Refusals whose own sentence says it all, and the status each is answered with.
_SAID_AS_THEY_ARE: dict[type[Exception], int] = {
    NotFound: status.HTTP_404_NOT_FOUND,
    Forbidden: status.HTTP_403_FORBIDDEN,
    Gone: status.HTTP_410_GONE,
    Conflict: status.HTTP_409_CONFLICT,
    NotReady: status.HTTP_409_CONFLICT,
}


def _saying(code: int) -> Callable[[Request, Exception], Awaitable[Response]]:
    async def refuse(request: Request, exc: Exception) -> Response:
        return _refusal(request, code, str(exc))

    return refuse


def _install_refusal_pages(console: FastAPI) -> None:
    @console.exception_handler(SignInFirst)
    async def _sign_in(_: Request, exc: SignInFirst) -> Response:
        return RedirectResponse(f"{PATH}/login?next={exc.next_path}", status.HTTP_303_SEE_OTHER)

    @console.exception_handler(FormRefused)
    async def _form_refused(request: Request, _: FormRefused) -> Response:
        message = (
            "This form was not sent from a page of casework you have open now. "
            "Nothing was changed: open the page again and send it from there."
        )
        return _refusal(request, status.HTTP_403_FORBIDDEN, message)

    for kind, code in _SAID_AS_THEY_ARE.items():
        console.add_exception_handler(kind, _saying(code))

    @console.exception_handler(GateClosed)
    async def _gate_closed(request: Request, exc: GateClosed) -> Response:
        message = "The case cannot move yet. Nothing was changed."
        return _refusal(request, status.HTTP_409_CONFLICT, message, exc.unmet)

    @console.exception_handler(CaseMovedOn)
    async def _moved_on(request: Request, _: CaseMovedOn) -> Response:
        message = "Someone changed this case while you were on it. Nothing was changed: reload it."
        return _refusal(request, status.HTTP_409_CONFLICT, message)

    @console.exception_handler(RequestValidationError)
    async def _unreadable(request: Request, exc: RequestValidationError) -> Response:
        message = "This address asks for something casework cannot read. Nothing was changed."
        problems: dict[str, str] = {}
        for error in exc.errors():
            problem = field_error(dict(error))
            problems.setdefault(str(problem.loc[-1]), problem.expected or problem.msg)
        return _refusal(request, status.HTTP_422_UNPROCESSABLE_CONTENT, message, problems=problems)

    @console.exception_handler(InvalidInput)
    async def _invalid(request: Request, exc: InvalidInput) -> Response:
        return _refusal(
            request, status.HTTP_422_UNPROCESSABLE_CONTENT, f"{exc.field}: {exc.reason}"
        )
