"""Moves under way: a move asked for in scaled mode, until its deployment run commits it.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-02 22:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import casework.models.columns

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MOMENT = casework.models.columns.UTCDateTime
_UNFINISHED = sa.text("finished_at IS NULL")


def upgrade() -> None:
    op.create_table(
        "pending_moves",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("referral_id", sa.Uuid(), nullable=True),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("inputs", sa.JSON(), nullable=False),
        sa.Column("requested_at", _MOMENT(timezone=True), nullable=False),
        sa.Column("flow_run_id", sa.Uuid(), nullable=True),
        sa.Column("submitted_at", _MOMENT(timezone=True), nullable=True),
        sa.Column("submissions", sa.Integer(), nullable=False),
        sa.Column("lease_until", _MOMENT(timezone=True), nullable=True),
        sa.Column("finished_at", _MOMENT(timezone=True), nullable=True),
        sa.Column("outcome", sa.JSON(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.ForeignKeyConstraint(["referral_id"], ["referrals.id"]),
        sa.ForeignKeyConstraint(["actor_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("pending_moves", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pending_moves_case_id"), ["case_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_pending_moves_finished_at"), ["finished_at"], unique=False
        )
        batch_op.create_index(
            "ux_pending_moves_case_unfinished",
            ["case_id"],
            unique=True,
            sqlite_where=_UNFINISHED,
            postgresql_where=_UNFINISHED,
        )


def downgrade() -> None:
    op.drop_table("pending_moves")
