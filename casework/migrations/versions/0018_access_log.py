"""The access log: who read which person's data, when, through which route; append-only.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-03 08:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from casework.models.append_only import drop_statements, trigger_statements
from casework.models.columns import UTCDateTime

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", UTCDateTime(), nullable=False),
        sa.Column("reader_id", sa.Uuid(), nullable=False),
        sa.Column("subject_id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("route", sa.String(length=120), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.ForeignKeyConstraint(["reader_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["subject_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_access_log_case_at", "access_log", ["case_id", "at"])
    op.create_index("ix_access_log_reader_at", "access_log", ["reader_id", "at"])
    op.create_index("ix_access_log_subject_at", "access_log", ["subject_id", "at"])
    for statement in trigger_statements("access_log", op.get_bind().dialect.name):
        op.execute(statement)


def downgrade() -> None:
    for statement in drop_statements("access_log", op.get_bind().dialect.name):
        op.execute(statement)
    op.drop_table("access_log")
