"""Units: a programme's reception units; staff, cases and a unit's own partners belong to one.

The store gets its default unit ("main"), and every existing advisor, entrepreneur and
case is put in it. Existing managers stay with no unit: they become the programme's
managers, which on a one-unit install is exactly what they were. Partners stay shared.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-04 09:00:00.000000
"""

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from casework.models.columns import UTCDateTime

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_DEFAULT = sa.text("is_default")


def upgrade() -> None:
    units = op.create_table(
        "units",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("code"),
    )
    op.create_index(
        "uq_units_one_default",
        "units",
        ["is_default"],
        unique=True,
        sqlite_where=_DEFAULT,
        postgresql_where=_DEFAULT,
    )
    main = uuid.uuid4()
    op.bulk_insert(
        units,
        [
            {
                "id": main,
                "code": "main",
                "name": "Reception unit",
                "is_default": True,
                "created_at": datetime.now(UTC),
            }
        ],
    )

    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unit_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key("fk_users_unit_id_units", "units", ["unit_id"], ["id"])
        batch_op.create_index(batch_op.f("ix_users_unit_id"), ["unit_id"], unique=False)
    users = sa.table("users", sa.column("unit_id", sa.Uuid()), sa.column("role", sa.String()))
    op.execute(
        users.update().where(users.c.role.in_(["advisor", "entrepreneur"])).values(unit_id=main)
    )

    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unit_id", sa.Uuid(), nullable=True))
    cases = sa.table("cases", sa.column("unit_id", sa.Uuid()))
    op.execute(cases.update().values(unit_id=main))
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.alter_column("unit_id", existing_type=sa.Uuid(), nullable=False)
        batch_op.create_foreign_key("fk_cases_unit_id_units", "units", ["unit_id"], ["id"])
        batch_op.create_index(batch_op.f("ix_cases_unit_id"), ["unit_id"], unique=False)

    with op.batch_alter_table("partners", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unit_id", sa.Uuid(), nullable=True))
        batch_op.create_foreign_key("fk_partners_unit_id_units", "units", ["unit_id"], ["id"])

    # The portfolio's copy of the case's unit, which unit managers' reports filter by.
    with op.batch_alter_table("case_figures", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unit_id", sa.Uuid(), nullable=True))
    figures = sa.table("case_figures", sa.column("unit_id", sa.Uuid()))
    op.execute(figures.update().values(unit_id=main))


def downgrade() -> None:
    # Each foreign key goes with its column (by name it would not: a store made by
    # create_all has them unnamed).
    with op.batch_alter_table("case_figures", schema=None) as batch_op:
        batch_op.drop_column("unit_id")
    with op.batch_alter_table("partners", schema=None) as batch_op:
        batch_op.drop_column("unit_id")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_unit_id"))
        batch_op.drop_column("unit_id")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_unit_id"))
        batch_op.drop_column("unit_id")
    op.drop_index("uq_units_one_default", table_name="units")
    op.drop_table("units")
