"""Support depth: rubric criteria, training enrolments, plan authorship.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 07:00:47.405978
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import casework.models.columns

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "training_enrolments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("course", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("provider", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("created_at", casework.models.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", casework.models.columns.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("training_enrolments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_training_enrolments_case_id"), ["case_id"], unique=False
        )

    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("criteria", sa.JSON(), nullable=False, server_default="{}"))

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "project_leader_supplanted", sa.Boolean(), nullable=False, server_default=sa.false()
            )
        )

    with op.batch_alter_table("investment_plan_versions", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("advisor_share", sa.Float(), nullable=False, server_default="0")
        )


def downgrade() -> None:
    with op.batch_alter_table("investment_plan_versions", schema=None) as batch_op:
        batch_op.drop_column("advisor_share")

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("project_leader_supplanted")

    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.drop_column("criteria")

    with op.batch_alter_table("training_enrolments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_training_enrolments_case_id"))

    op.drop_table("training_enrolments")
