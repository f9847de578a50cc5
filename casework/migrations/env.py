"""Alembic's entry point: runs migrations on the engine handed over in the config."""

from alembic import context
from sqlmodel import SQLModel

import casework.models  # noqa: F401  (registers every table on SQLModel.metadata)

engine = context.config.attributes["engine"]
with engine.connect() as connection:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        # SQLite changes a table by copying it and dropping the old one, which other tables'
        # foreign keys forbid while they are enforced; they are checked again at the end.
        # (The pragma is ignored inside a transaction: it is set, and committed, first.)
        connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
        connection.commit()
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=sqlite,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    if sqlite:
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()
        if broken:
            raise RuntimeError(
                f"The migrated store has rows whose foreign keys point nowhere: {broken}"
            )
