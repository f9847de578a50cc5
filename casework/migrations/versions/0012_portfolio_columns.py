"""The figures the portfolio counts, as columns: plan versions' band and amounts, events' stage.

Plan versions keep their funding band, investment in EUR and external financing in
EUR beside their results; they are filled here from each version's saved results
(and its body's EUR rate). Events keep the stage the case stood at once they
happened; they are filled here by walking each case's timeline in order: a case
opens in reception, and each move's event names the stage it led to.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-02 08:00:00.000000
"""

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_STAGES = ("reception", "support", "linkage", "follow_up", "completed")
_PLAN_FIGURES = ("funding_band", "investment_eur", "external_financing_eur")


def upgrade() -> None:
    with op.batch_alter_table("investment_plan_versions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("funding_band", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("investment_eur", sa.Float(), nullable=True))
        batch_op.add_column(sa.Column("external_financing_eur", sa.Float(), nullable=True))
        for name in _PLAN_FIGURES:
            batch_op.create_index(
                batch_op.f(f"ix_investment_plan_versions_{name}"), [name], unique=False
            )
    with op.batch_alter_table("case_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("stage", sa.String(length=16), nullable=True))
        batch_op.create_index(batch_op.f("ix_case_events_stage"), ["stage"], unique=False)
    connection = op.get_bind()
    _fill_plan_figures(connection)
    _fill_event_stages(connection)


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _fill_plan_figures(connection: sa.Connection) -> None:
    rows = connection.execute(sa.text("SELECT id, body, results FROM investment_plan_versions"))
    update = sa.text(
        "UPDATE investment_plan_versions SET funding_band = :band, investment_eur = :investment, "
        "external_financing_eur = :external WHERE id = :id"
    )
    for version_id, body, results in rows.all():
        body, results = _json(body), _json(results)
        rate = float(body.get("eur_rate") or 1)
        connection.execute(
            update,
            {
                "id": version_id,
                "band": results.get("funding_band"),
                "investment": round(float(results.get("total_investment", 0)) / rate, 2),
                "external": results.get("external_financing_eur"),
            },
        )


def _fill_event_stages(connection: sa.Connection) -> None:
    rows = connection.execute(
        sa.text("SELECT id, case_id, detail FROM case_events ORDER BY case_id, at, id")
    )
    update = sa.text("UPDATE case_events SET stage = :stage WHERE id = :id")
    case_id, stage = None, "reception"
    for event_id, event_case, detail in rows.all():
        if event_case != case_id:
            case_id, stage = event_case, "reception"
        moved_to = (_json(detail) or {}).get("to")
        if moved_to in _STAGES:
            stage = moved_to
        connection.execute(update, {"id": event_id, "stage": stage})


def downgrade() -> None:
    with op.batch_alter_table("case_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_case_events_stage"))
        batch_op.drop_column("stage")
    with op.batch_alter_table("investment_plan_versions", schema=None) as batch_op:
        for name in _PLAN_FIGURES:
            batch_op.drop_index(batch_op.f(f"ix_investment_plan_versions_{name}"))
        for name in reversed(_PLAN_FIGURES):
            batch_op.drop_column(name)
