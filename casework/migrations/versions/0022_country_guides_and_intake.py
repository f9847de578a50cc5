"""Country guides and the guides on each case; the intake; tasks about no case by unit.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-03 15:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from casework.models.columns import UTCDateTime

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OPEN_CASELESS = sa.text("closed_at IS NULL AND case_id IS NULL")


def upgrade() -> None:
    op.create_table(
        "country_guides",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("sector", sa.String(length=32), nullable=True),
        sa.Column("topic", sa.String(length=32), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("language", sa.String(length=2), nullable=False),
        sa.Column("checked_on", sa.Date(), nullable=False),
        sa.Column("checked_by_id", sa.Uuid(), nullable=True),
        sa.Column("unit_id", sa.Uuid(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["checked_by_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["unit_id"], ["units.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_country_guides_country_active", "country_guides", ["country", "active"])
    op.create_table(
        "case_guides",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("guide_id", sa.Uuid(), nullable=False),
        sa.Column("attached", sa.String(length=16), nullable=False),
        sa.Column("attached_at", UTCDateTime(), nullable=False),
        sa.Column("attached_by_id", sa.Uuid(), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("removed_at", UTCDateTime(), nullable=True),
        sa.Column("removed_by_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(["attached_by_id"], ["users.id"]),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.ForeignKeyConstraint(["guide_id"], ["country_guides.id"]),
        sa.ForeignKeyConstraint(["removed_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("case_id", "guide_id"),
    )
    op.create_table(
        "case_intakes",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("sector_experience_years", sa.Integer(), nullable=True),
        sa.Column("sector_experience", sa.Text(), nullable=True),
        sa.Column("own_contribution_eur", sa.Float(), nullable=True),
        sa.Column("skills_from_abroad", sa.Text(), nullable=True),
        sa.Column("networks", sa.JSON(), nullable=False),
        sa.Column("mobility", sa.String(length=16), nullable=True),
        sa.Column("residence_status", sa.String(length=24), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.ForeignKeyConstraint(["updated_by_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("case_id"),
    )
    op.create_table(
        "case_intake_reasons",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.PrimaryKeyConstraint("case_id", "reason"),
    )
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unit_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key("fk_tasks_unit_id_units", "units", ["unit_id"], ["id"])
        batch_op.create_index(
            "uq_tasks_open_caseless_fact",
            ["kind", "subject"],
            unique=True,
            sqlite_where=_OPEN_CASELESS,
            postgresql_where=_OPEN_CASELESS,
        )


def downgrade() -> None:
    with op.batch_alter_table("tasks", schema=None) as batch_op:
        batch_op.drop_index("uq_tasks_open_caseless_fact")
        batch_op.drop_column("unit_id")
    op.drop_table("case_intake_reasons")
    op.drop_table("case_intakes")
    op.drop_table("case_guides")
    op.drop_index("ix_country_guides_country_active", table_name="country_guides")
    op.drop_table("country_guides")
