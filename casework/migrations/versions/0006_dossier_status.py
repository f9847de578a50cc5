"""Dossier status: a moment's data is kept when the case moves, its PDF printed right after.

A dossier is `pending` from the committing transaction until its print is kept
(`ready`), or `failed`. Dossiers kept before this revision were printed in the
transaction itself: they are `ready`, with no data kept beside them.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02 12:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import casework.models.columns

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status", sa.String(length=8), nullable=False, server_default="ready")
        )
        batch_op.add_column(sa.Column("data", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("failure", sa.Text(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "rendered_at", casework.models.columns.UTCDateTime(timezone=True), nullable=True
            )
        )
        batch_op.alter_column(
            "sha256", existing_type=sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True
        )
        batch_op.alter_column("size_bytes", existing_type=sa.Integer(), nullable=True)
        batch_op.alter_column("content", existing_type=sa.LargeBinary(), nullable=True)
        batch_op.create_index(batch_op.f("ix_dossiers_status"), ["status"], unique=False)


def downgrade() -> None:
    # A dossier not yet printed has nothing the older schema could keep.
    op.execute("DELETE FROM dossiers WHERE status != 'ready'")
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossiers_status"))
        batch_op.alter_column("content", existing_type=sa.LargeBinary(), nullable=False)
        batch_op.alter_column("size_bytes", existing_type=sa.Integer(), nullable=False)
        batch_op.alter_column(
            "sha256", existing_type=sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False
        )
        batch_op.drop_column("rendered_at")
        batch_op.drop_column("failure")
        batch_op.drop_column("data")
        batch_op.drop_column("status")
