"""The FastAPI application."""

from fastapi import FastAPI

from api.errors import install_error_handlers
from api.request_guard import RequestGuard
from api.routes import (
    auth,
    cases,
    dossiers,
    feasibility,
    follow_up,
    investment_plan,
    linkage,
    reception,
    reports,
    stages,
    users,
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
    routers = (auth, users, cases, reception, feasibility, investment_plan, stages, linkage)
    for module in (*routers, follow_up, dossiers, reports):
        app.include_router(module.router)

    @app.get("/health", tags=["service"])
    def health() -> dict[str, str]:
        """Liveness probe."""
        return {"status": "ok"}

    return app
