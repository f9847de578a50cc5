"""The foundation: users, cases, stages, plans, partners, follow-up.

Revision ID: 0001
Revises:
Create Date: 2026-11-28 06:35:41.220904
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import casework.models.columns

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "partners",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("services", sa.JSON(), nullable=False),
        sa.Column("sectors", sa.JSON(), nullable=False),
        sa.Column("countries", sa.JSON(), nullable=False),
        sa.Column("ticket_min_eur", sa.Float(), nullable=True),
        sa.Column("ticket_max_eur", sa.Float(), nullable=True),
        sa.Column("is_example", sa.Boolean(), nullable=False),
        sa.Column("created_at", casework.models.columns.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "reference_counters",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_number", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("year"),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=254), nullable=False),
        sa.Column("full_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("password_hash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", casework.models.columns.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_users_email"), ["email"], unique=True)
        batch_op.create_index(batch_op.f("ix_users_role"), ["role"], unique=False)

    op.create_table(
        "cases",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("reference", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("sector", sa.String(length=32), nullable=False),
        sa.Column("country", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("entrepreneur_id", sa.Uuid(), nullable=False),
        sa.Column("advisor_id", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("follow_up_until", sa.Date(), nullable=True),
        sa.Column("reorientation_reason", sa.Text(), nullable=True),
        sa.Column("reorientation_suggestions", sa.JSON(), nullable=False),
        sa.Column("created_at", casework.models.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", casework.models.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column(
            "stage_entered_at", casework.models.columns.UTCDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["advisor_id"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(
            ["entrepreneur_id"],
            ["users.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cases_advisor_id"), ["advisor_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_cases_entrepreneur_id"), ["entrepreneur_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_cases_reference"), ["reference"], unique=True)
        batch_op.create_index(batch_op.f("ix_cases_sector"), ["sector"], unique=False)
        batch_op.create_index(batch_op.f("ix_cases_stage"), ["stage"], unique=False)
        batch_op.create_index(batch_op.f("ix_cases_status"), ["status"], unique=False)

    op.create_table(
        "entrepreneur_profiles",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("gender", sa.String(length=16), nullable=True),
        sa.Column(
            "country_of_residence", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True
        ),
        sa.Column("country_of_origin", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True),
        sa.Column("diaspora", sa.Boolean(), nullable=True),
        sa.Column("updated_at", casework.models.columns.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
        ),
        sa.PrimaryKeyConstraint("user_id"),
    )
    op.create_table(
        "assessments",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("technical", sa.Integer(), nullable=False),
        sa.Column("financial", sa.Integer(), nullable=False),
        sa.Column("motivation", sa.Integer(), nullable=False),
        sa.Column("training_required", sa.Boolean(), nullable=False),
        sa.Column("training_completed", sa.Boolean(), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("assessed_by", sa.Uuid(), nullable=False),
        sa.Column(
            "assessed_at", casework.models.columns.UTCDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["assessed_by"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
        ),
        sa.PrimaryKeyConstraint("case_id"),
    )
    op.create_table(
        "case_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("at", casework.models.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("case_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_case_events_case_id"), ["case_id"], unique=False)

    op.create_table(
        "dossiers",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("moment", sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("sha256", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column("size_bytes", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("flow_run_id", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("created_at", casework.models.columns.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dossiers_case_id"), ["case_id"], unique=False)

    op.create_table(
        "feasibility_studies",
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("sections", sa.JSON(), nullable=False),
        sa.Column("conclusion", sa.String(length=16), nullable=False),
        sa.Column("updated_by", sa.Uuid(), nullable=False),
        sa.Column("updated_at", casework.models.columns.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
        ),
        sa.ForeignKeyConstraint(
            ["updated_by"],
            ["users.id"],
        ),
        sa.PrimaryKeyConstraint("case_id"),
    )
    op.create_table(
        "investment_plan_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("body", sa.JSON(), nullable=False),
        sa.Column("results", sa.JSON(), nullable=False),
        sa.Column("author_id", sa.Uuid(), nullable=False),
        sa.Column("author_role", sa.String(length=16), nullable=False),
        sa.Column("created_at", casework.models.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column("approved_at", casework.models.columns.UTCDateTime(timezone=True), nullable=True),
        sa.Column(
            "results_frozen_at", casework.models.columns.UTCDateTime(timezone=True), nullable=True
        ),
        sa.ForeignKeyConstraint(
            ["author_id"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_id", "version"),
    )
    with op.batch_alter_table("investment_plan_versions", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_investment_plan_versions_case_id"), ["case_id"], unique=False
        )

    op.create_table(
        "milestones",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("done_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", casework.models.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", casework.models.columns.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("milestones", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_milestones_case_id"), ["case_id"], unique=False)

    op.create_table(
        "partner_matches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("partner_id", sa.Uuid(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column(
            "recorded_at", casework.models.columns.UTCDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("partner_matches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_partner_matches_case_id"), ["case_id"], unique=False)

    op.create_table(
        "time_logs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("advisor_id", sa.Uuid(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("activity", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("logged_on", sa.Date(), nullable=False),
        sa.Column("created_at", casework.models.columns.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["advisor_id"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("time_logs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_time_logs_case_id"), ["case_id"], unique=False)

    op.create_table(
        "referrals",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("partner_id", sa.Uuid(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("dossier_id", sa.Uuid(), nullable=True),
        sa.Column("created_by", sa.Uuid(), nullable=False),
        sa.Column("created_at", casework.models.columns.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", casework.models.columns.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["users.id"],
        ),
        sa.ForeignKeyConstraint(
            ["dossier_id"],
            ["dossiers.id"],
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partners.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_referrals_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referrals_case_id"))

    op.drop_table("referrals")
    with op.batch_alter_table("time_logs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_time_logs_case_id"))

    op.drop_table("time_logs")
    with op.batch_alter_table("partner_matches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partner_matches_case_id"))

    op.drop_table("partner_matches")
    with op.batch_alter_table("milestones", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_milestones_case_id"))

    op.drop_table("milestones")
    with op.batch_alter_table("investment_plan_versions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_investment_plan_versions_case_id"))

    op.drop_table("investment_plan_versions")
    op.drop_table("feasibility_studies")
    with op.batch_alter_table("dossiers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dossiers_case_id"))

    op.drop_table("dossiers")
    with op.batch_alter_table("case_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_events_case_id"))

    op.drop_table("case_events")
    op.drop_table("assessments")
    op.drop_table("entrepreneur_profiles")
    with op.batch_alter_table("cases", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cases_status"))
        batch_op.drop_index(batch_op.f("ix_cases_stage"))
        batch_op.drop_index(batch_op.f("ix_cases_sector"))
        batch_op.drop_index(batch_op.f("ix_cases_reference"))
        batch_op.drop_index(batch_op.f("ix_cases_entrepreneur_id"))
        batch_op.drop_index(batch_op.f("ix_cases_advisor_id"))

    op.drop_table("cases")
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_users_role"))
        batch_op.drop_index(batch_op.f("ix_users_email"))

    op.drop_table("users")
    op.drop_table("reference_counters")
    op.drop_table("partners")
