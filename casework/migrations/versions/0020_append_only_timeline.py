"""The timeline becomes append-only; what people wrote moves out of it, where erasure can clear it.

Events written before keep their sentence whole, as a text of theirs (`{summary}`): it may
quote what a person wrote, so an erasure clears it whole. The free texts their detail
held (a reason, a note, a referral's purpose) move to texts as well.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-03 11:00:00.000000
"""

import json
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

from casework.models.append_only import drop_statements, trigger_statements
from casework.timeline_words import in_words

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FREE_TEXT = ("reason", "note", "purpose")

_events = sa.table(
    "case_events",
    sa.column("id", sa.Integer()),
    sa.column("case_id", sa.Uuid()),
    sa.column("summary", sa.Text()),
    sa.column("detail", sa.JSON()),
)
_texts = sa.table(
    "case_event_texts",
    sa.column("event_id", sa.Integer()),
    sa.column("case_id", sa.Uuid()),
    sa.column("name", sa.String()),
    sa.column("text", sa.Text()),
)


def upgrade() -> None:
    op.create_table(
        "case_event_texts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("case_id", sa.Uuid(), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["cases.id"]),
        sa.ForeignKeyConstraint(["event_id"], ["case_events.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_case_event_texts_case_id", "case_event_texts", ["case_id"])
    op.create_index("ix_case_event_texts_event_id", "case_event_texts", ["event_id"])
    _move_texts_out(op.get_bind())
    for statement in trigger_statements("case_events", op.get_bind().dialect.name):
        op.execute(statement)


def _move_texts_out(connection: sa.Connection) -> None:
    rows = connection.execute(
        sa.select(_events.c.id, _events.c.case_id, _events.c.summary, _events.c.detail)
    ).all()
    texts: list[dict[str, Any]] = []
    for event_id, case_id, summary, detail in rows:
        kept = _json(detail)
        own = {"summary": summary} | {k: kept.pop(k) for k in _FREE_TEXT if kept.get(k)}
        texts += [
            {"event_id": event_id, "case_id": case_id, "name": k, "text": str(v)}
            for k, v in own.items()
        ]
        connection.execute(
            sa.update(_events)
            .where(_events.c.id == event_id)
            .values(summary="{summary}", detail={k: v for k, v in kept.items() if v is not None})
        )
    if texts:
        connection.execute(sa.insert(_texts), texts)


def _put_texts_back(connection: sa.Connection) -> None:
    texts: dict[int, dict[str, str]] = {}
    for event_id, name, text in connection.execute(
        sa.select(_texts.c.event_id, _texts.c.name, _texts.c.text)
    ):
        texts.setdefault(event_id, {})[name] = text
    for event_id, summary, detail in connection.execute(
        sa.select(_events.c.id, _events.c.summary, _events.c.detail).where(
            _events.c.id.in_(list(texts))
        )
    ).all():
        own = texts[event_id]
        connection.execute(
            sa.update(_events)
            .where(_events.c.id == event_id)
            .values(
                summary=in_words(summary, own),
                detail=_json(detail) | {k: v for k, v in own.items() if k in _FREE_TEXT},
            )
        )


def _json(value: Any) -> dict[str, Any]:
    if isinstance(value, str):
        value = json.loads(value)
    return dict(value or {})


def downgrade() -> None:
    for statement in drop_statements("case_events", op.get_bind().dialect.name):
        op.execute(statement)
    _put_texts_back(op.get_bind())
    op.drop_index("ix_case_event_texts_event_id", table_name="case_event_texts")
    op.drop_index("ix_case_event_texts_case_id", table_name="case_event_texts")
    op.drop_table("case_event_texts")
