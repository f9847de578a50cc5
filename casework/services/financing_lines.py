"""The plan's financing lines in linkage: which the advisor records as financed outside the unit.

The linkage gate wants every external line of the approved plan covered: by accepted
referrals, or by money found outside the unit, which only the advisor can record (with
a note saying where it comes from).
"""

import uuid

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import Session

from casework.errors import Conflict, NotFound
from casework.financing_coverage import PlanLine, external, plan_lines
from casework.models import Case
from casework.models.columns import utc_now
from casework.services.cases import require_edit
from casework.services.plans import current_plan
from casework.services.timeline import record_event
from casework.stages import Edit


class OutsideFinancing(BaseModel):
    """Where the money of a financing line comes from, outside the unit's partners."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    note: str = Field(min_length=3, max_length=2_000)


def record_financed_outside(
    case: Case, line: int, data: OutsideFinancing, actor_id: uuid.UUID, *, session: Session
) -> Case:
    """Record that external financing line `line` is financed outside the unit."""
    require_edit(case, Edit.REFERRALS)
    found = _external_line(case, line, session=session)
    case.financed_outside = {
        **case.financed_outside,
        str(line): {"note": data.note, "by": str(actor_id), "at": utc_now().isoformat()},
    }
    record_event(
        case,
        "financed_outside",
        f"Financing line {line} ({{line_name}}) is financed outside the unit.",
        session=session,
        actor_id=actor_id,
        detail={"line": line},
        texts={"line_name": _name(found), "note": data.note},
    )
    session.flush()
    return case


def withdraw_financed_outside(
    case: Case, line: int, actor_id: uuid.UUID, *, session: Session
) -> Case:
    """Take back the record that line `line` is financed outside the unit."""
    require_edit(case, Edit.REFERRALS)
    if str(line) not in case.financed_outside:
        raise NotFound(f"Financing line {line} is not recorded as financed outside the unit.")
    case.financed_outside = {k: v for k, v in case.financed_outside.items() if k != str(line)}
    record_event(
        case,
        "financed_outside_withdrawn",
        f"Financing line {line} is no longer recorded as financed outside the unit.",
        session=session,
        actor_id=actor_id,
        detail={"line": line},
    )
    session.flush()
    return case


def _external_line(case: Case, line: int, *, session: Session) -> PlanLine:
    plan = current_plan(case, session=session)
    lines = plan_lines(plan.body.get("financing", [])) if plan else []
    found = next((candidate for candidate in lines if candidate.index == line), None)
    if found is None:
        raise NotFound(f"The case's plan has no financing line {line}.")
    if found not in external(lines):
        raise Conflict(
            f"Financing line {line} is the entrepreneur's own circle's money: it needs no "
            "outside financing."
        )
    return found


def _name(line: PlanLine) -> str:
    return line.label or line.source.value.replace("_", " ")
