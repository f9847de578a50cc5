"""Tasks: what waits on whom, opened and closed as the facts behind them change.

A case's tasks appear at the first change of the case after this revision (the
transaction that changes a case brings its tasks up to date).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 06:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import casework.models.columns

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MOMENT = casework.models.columns.UTCDateTime
_OPEN = sa.text("closed_at IS NULL")


def upgrade() -> None:
    op.create_table(
        "tasks",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=True),
        sa.Column("subject", sa.String(length=80), nullable=False),
        sa.Column("for_role", sa.String(length=16), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("created_at", _MOMENT(timezone=True), nullable=False),
        sa.Column("closed_at", _MOMENT(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tasks_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            "ix_tasks_for_role_closed_at", ["for_role", "closed_at"], unique=False
        )
        batch_op.create_index(
            "uq_tasks_open_fact",
            ["case_id", "kind", "subject"],
            unique=True,
            sqlite_where=_OPEN,
            postgresql_where=_OPEN,
        )


def downgrade() -> None:
    op.drop_table("tasks")
