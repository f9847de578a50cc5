"""Partner directory: languages, a description, a contact, active; matches' reasons against.

Partners listed before this revision are active, with no languages, description or
contact yet; matches recorded before it keep their reasons, none marked as against.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 15:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_AUTO = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    with op.batch_alter_table("partners", schema=None) as batch_op:
        batch_op.add_column(sa.Column("languages", sa.JSON(), nullable=False, server_default="[]"))
        batch_op.add_column(sa.Column("description", sa.Text(), nullable=False, server_default=""))
        batch_op.add_column(sa.Column("contact_name", _AUTO(length=200), nullable=True))
        batch_op.add_column(sa.Column("contact_email", _AUTO(length=320), nullable=True))
        batch_op.add_column(sa.Column("contact_phone", _AUTO(length=40), nullable=True))
        batch_op.add_column(sa.Column("website", _AUTO(length=2083), nullable=True))
        batch_op.add_column(
            sa.Column("active", sa.Boolean(), nullable=False, server_default=sa.true())
        )
    with op.batch_alter_table("partner_matches", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reasons_against", sa.JSON(), nullable=False, server_default="[]")
        )


def downgrade() -> None:
    with op.batch_alter_table("partner_matches", schema=None) as batch_op:
        batch_op.drop_column("reasons_against")
    with op.batch_alter_table("partners", schema=None) as batch_op:
        for name in (
            "active",
            "website",
            "contact_phone",
            "contact_email",
            "contact_name",
            "description",
            "languages",
        ):
            batch_op.drop_column(name)
