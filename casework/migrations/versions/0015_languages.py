"""The unit's languages: an entrepreneur's preferred one, and the one each kept copy is in.

Copies kept before were printed in English.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-02 15:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("entrepreneur_profiles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("preferred_language", sa.String(length=2), nullable=True))
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("language", sa.String(length=2), nullable=False, server_default="en")
        )


def downgrade() -> None:
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.drop_column("language")
    with op.batch_alter_table("entrepreneur_profiles", schema=None) as batch_op:
        batch_op.drop_column("preferred_language")
