"""Status indexes: cases sorted by creation; no second index on a plan version's case.

The unique (case_id, version) constraint is backed by an index whose first column is
case_id, so the separate case_id index only cost writes and space.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-02 10:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cases_created_at"), ["created_at"], unique=False)

    with op.batch_alter_table("investment_plan_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_investment_plan_versions_case_id"))


def downgrade() -> None:
    with op.batch_alter_table("investment_plan_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_investment_plan_versions_case_id"), ["case_id"], unique=False
        )

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_created_at"))
