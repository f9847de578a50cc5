"""The FastAPI application."""

from fastapi import APIRouter, FastAPI

from api.console import create_console
from api.errors import install_error_handlers
from api.openapi_answers import document_answers
from api.request_guard import RequestGuard
from api.routes import (
    access_log,
    auth,
    cases,
    consents,
    dossiers,
    erasure,
    feasibility,
    financing_lines,
    follow_up,
    follow_up_reports,
    guides,
    intake,
    investment_plan,
    own_data,
    partners,
    reception,
    referrals,
    reorientation,
    reports,
    stages,
    tasks,
    units,
    users,
)

# Every router of the API, in the order the OpenAPI document lists them.
ROUTERS: tuple[APIRouter, ...] = tuple(
    module.router
    for module in (
        auth,
        units,
        users,
        cases,
        reception,
        intake,
        guides,
        feasibility,
        investment_plan,
        stages,
        reorientation,
        partners,
        consents,
        referrals,
        financing_lines,
        follow_up,
        follow_up_reports,
        dossiers,
        reports,
        tasks,
        access_log,
        own_data,
        erasure,
    )
)


def create_app() -> FastAPI:
    """A new casework API application."""
    app = FastAPI(
        title="casework",
        summary="Case management for an entrepreneurship-support reception unit.",
        version="0.1.0",
    )
    install_error_handlers(app)
    app.add_middleware(RequestGuard)
    for router in ROUTERS:
        document_answers(router)
        app.include_router(router)

    # The console's pages (signed in by cookie) on the same services and rules as the API.
    app.mount("/app", create_console())

    @app.get("/health", tags=["service"])
    def health() -> dict[str, str]:
        """Liveness probe."""
        return {"status": "ok"}

    return app
