"""A case read while its move's run commits never answers the old stage with no move under way.

On PostgreSQL each statement of a request sees what was committed when it began: a run
committing between the read of the case and the read of its moves would make the
answer say "reception, nothing under way" for a move that has in fact been made, and a
client waiting for it would take it for refused (the 100-case burst of
bench/scaled_mode.py met it 6 times). Two sessions reproduce it here, on both databases.
"""

import uuid

from sqlalchemy import Engine
from sqlmodel import Session

from casework.models import Case, PendingMove
from casework.models.columns import utc_now
from casework.models.pending_moves import moves_under_way
from casework.services.pending_moves import ask, finish
from tests.conftest import People
from tests.journey import assess, open_case


def test_an_answer_read_before_the_runs_commit_still_shows_the_move_under_way(
    client, people: People, database: Engine
):
    case_id = uuid.UUID(open_case(client, people.entrepreneur)["id"])
    assess(client, str(case_id), people.advisor)
    with Session(database) as asking:
        move, _ = ask(case_id, "support", session=asking, actor_id=None, inputs={})
        move_id = move.id

    with Session(database) as answering:
        read = answering.get(Case, case_id)  # the request has read the case ...
        assert read is not None
        stage, version = read.stage, read.version
        with Session(database) as run:  # ... when the move's run commits
            made = run.get(Case, case_id)
            pending = run.get(PendingMove, move_id)
            assert made is not None
            assert pending is not None
            made.stage, made.stage_entered_at = "support", utc_now()
            finish(pending, {"stage": "support"}, session=run)
            run.add(made)
            run.commit()

        under_way = read.pending_transition  # ... and then reads the moves under way
        listed = moves_under_way({case_id: version}, session=answering)

    assert stage == "reception"
    assert under_way is not None, "the old stage is never answered with no move under way"
    assert under_way.to == "support"
    assert listed[case_id].to == "support"

    with Session(database) as after:
        fresh = after.get(Case, case_id)
        assert fresh is not None
        assert (fresh.stage, fresh.pending_transition) == ("support", None)
