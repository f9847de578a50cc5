"""Consent before sharing, referrals that close, financing lines covered in linkage.

New: consents. Referrals gain the staff's internal note, flags for the advisor,
response times, the financing lines asked for, the amount offered, a decline's
reason and the outcome. Cases gain the financing lines the advisor recorded as
financed outside the unit. Referrals made before this revision ask for no line and
have no recorded times (their history is on the timeline); no case has a line
financed outside yet.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 16:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import casework.models.columns

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MOMENT = casework.models.columns.UTCDateTime
_TIMES = ("sent_at", "acknowledged_at", "answered_at", "closed_at")


def upgrade() -> None:
    op.create_table(
        "consents",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("partner_id", sa.Uuid(), nullable=False),
        sa.Column("given_by", sa.Uuid(), nullable=False),
        sa.Column("given_at", _MOMENT(timezone=True), nullable=False),
        sa.Column("withdrawn_at", _MOMENT(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.ForeignKeyConstraint(["given_by"], ["users.id"]),
        sa.ForeignKeyConstraint(["partner_id"], ["partners.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_consents_case_id"), ["case_id"], unique=False)
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("internal_note", sa.Text(), nullable=False, server_default="")
        )
        batch_op.add_column(sa.Column("flags", sa.JSON(), nullable=False, server_default="[]"))
        for name in _TIMES:
            batch_op.add_column(sa.Column(name, _MOMENT(timezone=True), nullable=True))
        batch_op.add_column(
            sa.Column("financing_lines", sa.JSON(), nullable=False, server_default="[]")
        )
        batch_op.add_column(sa.Column("amount_offered", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("decline_reason", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("outcome", sa.JSON(), nullable=True))
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("financed_outside", sa.JSON(), nullable=False, server_default="{}")
        )


def downgrade() -> None:
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_column("financed_outside")
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        for name in (
            "outcome",
            "decline_reason",
            "amount_offered",
            "financing_lines",
            *reversed(_TIMES),
            "flags",
            "internal_note",
        ):
            batch_op.drop_column(name)
    with op.batch_alter_table("consents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consents_case_id"))
    op.drop_table("consents")
