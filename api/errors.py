"""Turning casework's refusals into HTTP answers in FastAPI's `{"detail": ...}` shape."""

from fastapi import FastAPI, Request, status
from fastapi.responses import JSONResponse
from sqlalchemy.orm.exc import StaleDataError

from casework.errors import Conflict, Forbidden, GateClosed, InvalidInput, NotFound


def install_error_handlers(app: FastAPI) -> None:
    """Register one handler per kind of refusal."""

    @app.exception_handler(NotFound)
    async def _not_found(_: Request, exc: NotFound) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status.HTTP_404_NOT_FOUND)

    @app.exception_handler(Forbidden)
    async def _forbidden(_: Request, exc: Forbidden) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status.HTTP_403_FORBIDDEN)

    @app.exception_handler(Conflict)
    async def _conflict(_: Request, exc: Conflict) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status.HTTP_409_CONFLICT)

    @app.exception_handler(StaleDataError)
    async def _stale(_: Request, _exc: StaleDataError) -> JSONResponse:
        message = "The case changed while your request was handled; reload it and try again."
        return JSONResponse({"detail": message}, status.HTTP_409_CONFLICT)

    @app.exception_handler(GateClosed)
    async def _gate_closed(_: Request, exc: GateClosed) -> JSONResponse:
        return JSONResponse({"detail": {"unmet": exc.unmet}}, status.HTTP_409_CONFLICT)

    @app.exception_handler(InvalidInput)
    async def _invalid(_: Request, exc: InvalidInput) -> JSONResponse:
        loc = ["body", *exc.field.split(".")]
        detail = [{"loc": loc, "msg": exc.reason, "type": "value_error"}]
        return JSONResponse({"detail": detail}, status.HTTP_422_UNPROCESSABLE_CONTENT)
