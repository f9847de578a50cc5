"""Reorientation followed: reason codes, a catalogue of activities, outcomes, coming back.

Cases reoriented before this revision keep their free-text reason and suggestions;
their code stays empty (printed as written) and they name no catalogue activity.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 14:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import casework.models.columns

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reorientation_activities",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", casework.models.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", casework.models.columns.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("title"),
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "reorientation_code", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True
            )
        )
        batch_op.add_column(
            sa.Column("reorientation_activity_ids", sa.JSON(), nullable=False, server_default="[]")
        )
        batch_op.add_column(sa.Column("previous_case_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key(
            "fk_cases_previous_case_id_cases", "cases", ["previous_case_id"], ["id"]
        )
    op.create_table(
        "reorientation_outcomes",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("outcome", sa.String(length=32), nullable=False),
        sa.Column("activity_id", sa.Uuid(), nullable=True),
        sa.Column("new_case_id", sa.Uuid(), nullable=True),
        sa.Column("observed_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.Uuid(), nullable=False),
        sa.Column(
            "recorded_at", casework.models.columns.UTCDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(["activity_id"], ["reorientation_activities.id"]),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.ForeignKeyConstraint(["new_case_id"], ["cases.id"]),
        sa.ForeignKeyConstraint(["recorded_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("reorientation_outcomes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reorientation_outcomes_case_id"), ["case_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("reorientation_outcomes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reorientation_outcomes_case_id"))
    op.drop_table("reorientation_outcomes")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_constraint("fk_cases_previous_case_id_cases", type_="foreignkey")
        batch_op.drop_column("previous_case_id")
        batch_op.drop_column("reorientation_activity_ids")
        batch_op.drop_column("reorientation_code")
    op.drop_table("reorientation_activities")
