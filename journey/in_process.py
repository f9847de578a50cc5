"""The journey's steps carried out in this process, through the services and the launcher.

For the demo, which fills the store before the API serves: each step is one transaction,
as one request would be, and each body is read as the API reads it (from JSON).
"""

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from pydantic import BaseModel
from sqlmodel import Session

from casework.actors import Actor
from casework.database import open_session
from casework.investment_plan import InvestmentPlan
from casework.models import Case
from casework.services import (
    consents,
    feasibility,
    financing_lines,
    follow_up,
    partners,
    plans,
    reception,
    referrals,
)
from casework.vocabulary import ReferralStatus, Stage
from flows.launcher import request_send_referral, request_transition
from journey.steps import Body

Model = TypeVar("Model", bound=BaseModel)
Answer = TypeVar("Answer")


def _read(model: type[Model], body: Body) -> Model:
    # From JSON, as the API reads a request: strict fields take "2026-01-31" as a date there.
    return model.model_validate_json(json.dumps(body))


@dataclass(frozen=True)
class InProcessDriver:
    """A case of the store, and the advisor and entrepreneur who act on it."""

    case_id: uuid.UUID
    reference: str
    advisor: Actor
    entrepreneur: Actor

    def _on_case(self, act: Callable[[Session, Case], Answer]) -> Answer:
        with open_session() as session:
            case = session.get(Case, self.case_id)
            assert case is not None, self.case_id
            answer = act(session, case)
            session.commit()
            return answer

    def assess(self, body: Body) -> None:
        """The advisor records the reception assessment."""
        data = _read(reception.AssessmentInput, body)
        self._on_case(
            lambda s, case: reception.save_assessment(case, data, self.advisor, session=s)
        )

    def save_plan(self, body: Body) -> None:
        """The entrepreneur saves a version of the investment plan."""
        plan = _read(InvestmentPlan, body)
        self._on_case(lambda s, case: plans.save_plan(case, plan, self.entrepreneur, session=s))

    def approve_plan(self) -> None:
        """The entrepreneur approves the current version of the plan."""
        self._on_case(lambda s, case: plans.approve_plan(case, self.entrepreneur, session=s))

    def save_feasibility(self, body: Body) -> None:
        """The advisor writes the feasibility study."""
        data = _read(feasibility.FeasibilityInput, body)
        self._on_case(
            lambda s, case: feasibility.save_feasibility(case, data, self.advisor, session=s)
        )

    def partner_to_refer(self) -> str:
        """The partner the case matches best in the directory."""
        best = self._on_case(lambda s, case: partners.match_partners(case, session=s)[0])
        return str(best.partner_id)

    def consent(self, body: Body) -> str:
        """The entrepreneur consents to sharing their dossier with a partner; the consent's id."""
        data = _read(consents.ConsentInput, body)
        consent = self._on_case(
            lambda s, case: consents.give_consent(case, data, self.entrepreneur.id, session=s).id
        )
        return str(consent)

    def refer(self, body: Body) -> str:
        """The advisor refers the case to a partner; the referral's id."""
        data = _read(referrals.ReferralInput, body)
        referral = self._on_case(
            lambda s, case: referrals.create_referral(case, data, self.advisor.id, session=s).id
        )
        return str(referral)

    def update_referral(self, referral_id: str, body: Body) -> None:
        """The advisor records the referral's progress."""
        data = _read(referrals.ReferralUpdate, body)
        if data.status == ReferralStatus.SENT:
            # As the API's route does: the send-referral flow keeps the partner's copy.
            request_send_referral(
                self.case_id,
                uuid.UUID(referral_id),
                actor_id=self.advisor.id,
                note=data.note,
                internal_note=data.internal_note,
            )
            return
        self._on_case(
            lambda s, case: referrals.update_referral(
                case, uuid.UUID(referral_id), data, self.advisor.id, session=s
            )
        )

    def finance_outside(self, line: int, body: Body) -> None:
        """The advisor records a financing line of the plan as financed outside the unit."""
        data = _read(financing_lines.OutsideFinancing, body)
        self._on_case(
            lambda s, case: financing_lines.record_financed_outside(
                case, line, data, self.advisor.id, session=s
            )
        )

    def add_milestone(self, body: Body) -> str:
        """The advisor plans a milestone; its id."""
        data = _read(follow_up.MilestoneInput, body)
        milestone = self._on_case(
            lambda s, case: follow_up.add_milestone(case, data, self.advisor.id, session=s).id
        )
        return str(milestone)

    def update_milestone(self, milestone_id: str, body: Body) -> None:
        """The advisor records a milestone as done."""
        data = _read(follow_up.MilestoneUpdate, body)
        self._on_case(
            lambda s, case: follow_up.update_milestone(
                case, uuid.UUID(milestone_id), data, self.advisor.id, session=s
            )
        )

    def open_milestones(self) -> list[str]:
        """The ids of the case's milestones not done yet."""
        return self._on_case(
            lambda s, case: [
                str(m.id) for m in follow_up.milestones_of(case, session=s) if m.done_on is None
            ]
        )

    def set_follow_up_period(self, body: Body) -> None:
        """The advisor sets the day the follow-up ends."""
        data = _read(follow_up.FollowUpPeriodInput, body)
        self._on_case(
            lambda s, case: follow_up.set_follow_up_period(case, data, self.advisor.id, session=s)
        )

    def move(self, to: Stage) -> None:
        """The advisor moves the case through the launcher, as the API's route does."""
        request_transition(
            to.value, case_id=self.case_id, reference=self.reference, actor_id=self.advisor.id
        )
