"""The portfolio's figures of each case (one row per case) and of each referral.

The table is created empty here; `upgrade_database()` then fills the rows of the cases
that have none, with the same code that keeps them true afterwards (so that the figures
of existing cases are drawn exactly as new ones will be).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 11:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from casework.models.columns import UTCDateTime

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STAGES = ("reception", "support", "linkage", "follow_up")


def upgrade() -> None:
    op.create_table(
        "case_figures",
        sa.Column("case_id", sa.Uuid(), sa.ForeignKey("cases.id"), primary_key=True),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("sector", sa.String(32), nullable=False),
        sa.Column("country", sa.String(2), nullable=False),
        sa.Column("advisor_id", sa.Uuid(), nullable=True),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("reorientation_code", sa.String(40), nullable=True),
        sa.Column("gender", sa.String(16), nullable=False),
        sa.Column("origin", sa.String(8), nullable=False),
        sa.Column("origin_country", sa.String(2), nullable=True),
        sa.Column("band", sa.String(8), nullable=True),
        sa.Column("investment_eur", sa.Float(), nullable=True),
        sa.Column("external_financing_eur", sa.Float(), nullable=True),
        sa.Column("minutes", sa.Integer(), nullable=False),
        *(sa.Column(f"minutes_{stage}", sa.Integer(), nullable=False) for stage in _STAGES),
        *(
            sa.Column(f"entered_{stage}_at", UTCDateTime(), nullable=True)
            for stage in (*_STAGES, "completed")
        ),
        *(sa.Column(f"days_{stage}", sa.Float(), nullable=True) for stage in _STAGES),
        sa.Column("reports_confirmed", sa.Integer(), nullable=False),
        sa.Column("reports_awaiting", sa.Integer(), nullable=False),
        sa.Column("jobs_created_women", sa.Integer(), nullable=False),
        sa.Column("jobs_created_men", sa.Integer(), nullable=False),
        sa.Column("revenue_eur", sa.Float(), nullable=True),
        sa.Column("planned_revenue_eur", sa.Float(), nullable=True),
    )
    for stage in _STAGES:
        op.create_index(
            f"ix_case_figures_days_{stage}", "case_figures", [f"days_{stage}", "gender", "origin"]
        )
    op.create_index(
        "ix_case_figures_minutes",
        "case_figures",
        ["minutes", "band", "gender", "origin", "investment_eur"],
    )
    op.create_index("ix_case_figures_band_investment", "case_figures", ["band", "investment_eur"])
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("requested_eur", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("obtained_eur", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("source", sa.String(24), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.drop_column("source")
        batch_op.drop_column("obtained_eur")
        batch_op.drop_column("requested_eur")
    op.drop_table("case_figures")
