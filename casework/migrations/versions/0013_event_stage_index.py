"""One index for a case's timeline and its stage entries: (case_id, stage, at).

It replaces the index on case_id alone (its first column serves the same lookups),
and lets the portfolio read when each case first stood at each stage from the index
alone, without reading the events' summaries and details.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-02 09:00:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("case_events", schema=None) as batch_op:
        batch_op.create_index("ix_case_events_case_stage_at", ["case_id", "stage", "at"])
        batch_op.drop_index("ix_case_events_case_id")


def downgrade() -> None:
    with op.batch_alter_table("case_events", schema=None) as batch_op:
        batch_op.create_index("ix_case_events_case_id", ["case_id"], unique=False)
        batch_op.drop_index("ix_case_events_case_stage_at")
