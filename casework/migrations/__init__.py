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
    """Apply every migration the store has not had yet."""
    command.upgrade(alembic_config(engine), "head")
