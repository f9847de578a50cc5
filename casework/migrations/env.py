"""Alembic's entry point: runs migrations on the engine handed over in the config."""

from alembic import context
from sqlmodel import SQLModel

import casework.models  # noqa: F401  (registers every table on SQLModel.metadata)

engine = context.config.attributes["engine"]
with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
