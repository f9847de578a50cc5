"""Alembic migrations of the case store; `upgrade_database()` brings a store to the latest."""

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy.engine import Engine

_HERE = Path(__file__).parent


def alembic_config(engine: Engine) -> Config:
    """An Alembic configuration for this package's migrations on `engine`."""
    config = Config()
    config.set_main_option("script_location", str(_HERE))
    config.attributes["engine"] = engine
    return config


def upgrade_database(engine: Engine) -> None:
    """Apply every migration the store has not had yet, then draw any figures missing."""
    command.upgrade(alembic_config(engine), "head")
    from casework.services.case_figures import fill_missing_case_figures

    fill_missing_case_figures(engine)
