"""Follow-up against the plan: the plan's calendar, its milestones, and reported figures.

Cases gain the day year 1 of their approved plan began (set on entering follow-up;
cases already in follow-up have none, and follow their milestones as typed in).
Milestones gain their kind (every existing one was typed in: `manual`), and for
those drawn from the plan, their key, plan year and amount due. New: follow-up
reports.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-02 07:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import casework.models.columns

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MOMENT = casework.models.columns.UTCDateTime
_DRAWN = sa.text("plan_key IS NOT NULL")


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("plan_start_on", sa.Date(), nullable=True))
    with op.batch_alter_table("milestones", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("kind", sa.String(length=24), nullable=False, server_default="manual")
        )
        batch_op.add_column(sa.Column("plan_key", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("period", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("amount_due", sa.Float(), nullable=True))
        batch_op.create_index(
            "uq_milestones_plan_key",
            ["case_id", "plan_key"],
            unique=True,
            sqlite_where=_DRAWN,
            postgresql_where=_DRAWN,
        )
    op.create_table(
        "follow_up_reports",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("period", sa.Integer(), nullable=False),
        sa.Column("visit_date", sa.Date(), nullable=True),
        sa.Column("revenue", sa.Float(), nullable=False),
        sa.Column("operating_costs", sa.Float(), nullable=False),
        sa.Column("repayments_made", sa.Float(), nullable=False),
        sa.Column("jobs_created_women", sa.Integer(), nullable=False),
        sa.Column("jobs_created_men", sa.Integer(), nullable=False),
        sa.Column("jobs_kept_women", sa.Integer(), nullable=False),
        sa.Column("jobs_kept_men", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("reported_by", sa.Uuid(), nullable=False),
        sa.Column("reporter_role", sa.String(length=16), nullable=False),
        sa.Column("created_at", _MOMENT(timezone=True), nullable=False),
        sa.Column("confirmed_by", sa.Uuid(), nullable=True),
        sa.Column("confirmed_at", _MOMENT(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.ForeignKeyConstraint(["confirmed_by"], ["users.id"]),
        sa.ForeignKeyConstraint(["reported_by"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("follow_up_reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_follow_up_reports_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    op.drop_table("follow_up_reports")
    with op.batch_alter_table("milestones", schema=None) as batch_op:
        batch_op.drop_index("uq_milestones_plan_key")
        for name in ("amount_due", "period", "plan_key", "kind"):
            batch_op.drop_column(name)
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("plan_start_on")
