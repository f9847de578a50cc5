"""The FastAPI application."""

from fastapi import FastAPI

from api.errors import install_error_handlers
from api.routes import auth, cases, dossiers, follow_up, linkage, reports, stages, support, users


def create_app() -> FastAPI:
    """A new casework API application."""
    app = FastAPI(
        title="casework",
        summary="Case management for an entrepreneurship-support reception unit.",
        version="0.1.0",
    )
    install_error_handlers(app)
    for module in (auth, users, cases, support, stages, linkage, follow_up, dossiers, reports):
        app.include_router(module.router)

    @app.get("/health", tags=["service"])
    def health() -> dict[str, str]:
        """Liveness probe."""
        return {"status": "ok"}

    return app
