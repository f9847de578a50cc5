"""The least each part of the stack can do, to set casework's figures against.

Importing this module imports Prefect, FastAPI, WeasyPrint and casework: import it only
once the run has put their configuration in the environment.
"""

import asyncio
import uuid
from collections.abc import Callable
from typing import Annotated

import weasyprint
from fastapi import Depends, FastAPI, HTTPException
from fastapi.security import OAuth2PasswordBearer
from prefect import flow, tags

from api.tokens import read_token
from casework.database import open_session
from casework.models import Case, User

ONE_PARAGRAPH = "<html><body><p>One paragraph of text, laid out by WeasyPrint.</p></body></html>"


def empty_flow_calls() -> tuple[Callable[[], None], Callable[[], None]]:
    """Calls of an empty async flow (as flows/launcher.py runs ours) and an empty sync flow."""

    @flow(name="bench-empty-async")
    async def empty_async() -> None:
        return None

    @flow(name="bench-empty-sync")
    def empty_sync() -> None:
        return None

    def call_async_flow() -> None:
        with tags("case:BENCH", "stage:empty"):
            asyncio.run(empty_async())

    def call_sync_flow() -> None:
        with tags("case:BENCH", "stage:empty"):
            empty_sync()

    return call_async_flow, call_sync_flow


def bare_read_app() -> FastAPI:
    """A FastAPI app with one `def` endpoint: open a session, `session.get(Case, id)`."""
    bare = FastAPI()

    @bare.get("/cases/{case_id}")
    def read_one(case_id: uuid.UUID) -> dict[str, str]:
        with open_session() as session:
            case = session.get(Case, case_id)
            if case is None:
                raise HTTPException(404)
            return {"id": str(case.id), "stage": case.stage}

    return bare


def bare_token_read_app() -> FastAPI:
    """The bare read behind the same bearer token as the API: decode it, get the user, the case."""
    bare = FastAPI()
    bearer = OAuth2PasswordBearer(tokenUrl="/token")

    @bare.get("/cases/{case_id}")
    def read_one(case_id: uuid.UUID, token: Annotated[str, Depends(bearer)]) -> dict[str, str]:
        with open_session() as session:
            claims = read_token(token)
            user = session.get(User, claims.user_id) if claims else None
            if user is None or not user.is_active or claims.generation != user.token_generation:
                raise HTTPException(401)
            case = session.get(Case, case_id)
            if case is None or case.entrepreneur_id != user.id:
                raise HTTPException(404)
            return {"id": str(case.id), "stage": case.stage}

    return bare


def one_paragraph_page() -> bytes:
    """A one-paragraph PDF from WeasyPrint: the least it can render."""
    pdf: bytes = weasyprint.HTML(string=ONE_PARAGRAPH).write_pdf()
    return pdf
