"""A demo case's story written to the store through the services, each step at its story time.

One transaction per case, no flow run and no print: the stage moves are the services'
own (`transitions.commit`, `referral_sending.commit_send`), each step written at the
moment of the story it tells of (`written_at`): the timeline is append-only, so its
events are written at their time rather than moved there afterwards.
"""

import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar

from pydantic import BaseModel
from sqlmodel import Session, col, delete, update

from casework.actors import Actor
from casework.database import open_session
from casework.investment_plan import InvestmentPlan
from casework.models import Case, Dossier, Referral
from casework.models.columns import written_at
from casework.services import (
    consents,
    feasibility,
    follow_up,
    follow_up_reports,
    plans,
    reception,
    referral_sending,
    referrals,
    reorientation,
    training,
    transitions,
)
from casework.services.cases import CaseCreate, open_case
from casework.services.tasks import reconcile_tasks
from casework.vocabulary import TrainingStatus
from demo import steps as s

Model = TypeVar("Model", bound=BaseModel)


def _read(model: type[Model], body: Mapping[str, Any]) -> Model:
    # From JSON, as the API reads a request body.
    return model.model_validate_json(json.dumps(body))


@dataclass(frozen=True)
class Cast:
    """Who acts on a demo case, and the partner directory by name."""

    advisor: Actor
    entrepreneur: Actor
    partners: Mapping[str, uuid.UUID]


def write_story(steps: tuple[s.Step, ...], cast: Cast) -> None:
    """Write the case the steps tell, committed as one transaction, each step at its time."""
    with open_session() as session:
        opening = steps[0].action
        assert isinstance(opening, s.Open), "a story begins with the case opened"
        with written_at(steps[0].at):
            proposal = CaseCreate(**vars(opening), entrepreneur_id=cast.entrepreneur.id)
            case_id = open_case(proposal, cast.advisor, session=session).id
            session.flush()
        writer = _Writer(session, case_id, cast)
        for step in steps[1:]:
            with written_at(step.at):
                writer.act(step.action, step.at)
                session.flush()
        # The tasks the case calls for as its story ends.
        with written_at(steps[-1].at):
            reconcile_tasks([case_id], session=session)
            session.flush()
        _drop_copies(case_id, session=session)
        session.commit()


def _drop_copies(case_id: uuid.UUID, *, session: Session) -> None:
    # The moments of a story are history: their dossier copies are not printed (a flow
    # run and a render each); the dossier of any case prints on request all the same.
    unlinked = update(Referral).where(col(Referral.case_id) == case_id).values(dossier_id=None)
    session.execute(unlinked)
    session.execute(delete(Dossier).where(col(Dossier.case_id) == case_id))


class _Writer:
    """Carries each step out with the services, as the person who took it."""

    def __init__(self, session: Session, case_id: uuid.UUID, cast: Cast):
        self.session, self.case_id, self.cast = session, case_id, cast
        self.referrals: dict[str, uuid.UUID] = {}

    @property
    def case(self) -> Case:
        found = self.session.get(Case, self.case_id)
        assert found is not None
        return found

    def act(self, action: s.Action, at: datetime) -> None:
        """Take the step `action`, which happened at `at`."""
        session, case, advisor = self.session, self.case, self.cast.advisor
        entrepreneur = self.cast.entrepreneur
        match action:
            case s.Assess(body):
                scores = _read(reception.AssessmentInput, body)
                reception.save_assessment(case, scores, advisor, session=session)
            case s.Train(course, provider, completed):
                self._train(course, provider, completed, at)
            case s.SavePlan(body, approve):
                plans.save_plan(case, _read(InvestmentPlan, body), entrepreneur, session=session)
                if approve:
                    plans.approve_plan(case, entrepreneur, session=session)
            case s.Study(body):
                study = _read(feasibility.FeasibilityInput, body)
                feasibility.save_feasibility(case, study, advisor, session=session)
            case s.Move():
                self._move(action)
            case s.Refer(partner, status, purpose, answer):
                self._refer(partner, status, purpose, answer)
            case s.LogTime(minutes, activity):
                entry = {"minutes": minutes, "activity": activity, "logged_on": f"{at:%Y-%m-%d}"}
                minutes_spent = _read(follow_up.TimeLogInput, entry)
                follow_up.log_time(case, minutes_spent, advisor.id, session=session)
            case s.FollowUpUntil(until):
                period = follow_up.FollowUpPeriodInput(until=until)
                follow_up.set_follow_up_period(case, period, advisor.id, session=session)
            case s.CloseMilestones(until, late_days, leave_open):
                self._close_milestones(until, late_days, leave_open)
            case s.Report(body, by_entrepreneur):
                figures = _read(follow_up_reports.FollowUpReportInput, body)
                reporter = entrepreneur if by_entrepreneur else advisor
                follow_up_reports.add_report(case, figures, reporter, session=session)
            case s.Confirm(period):
                for report in follow_up_reports.reports_of(case, session=session):
                    if report.period == period:
                        follow_up_reports.confirm_report(case, report.id, advisor, session=session)
            case s.Outcome(outcome, note):
                body = {"outcome": outcome, "note": note, "observed_on": at.date().isoformat()}
                learnt = _read(reorientation.OutcomeInput, body)
                reorientation.record_outcome(case, learnt, advisor.id, session=session)

    def _train(self, course: str, provider: str, completed: bool, at: datetime) -> None:
        session, case, advisor_id = self.session, self.case, self.cast.advisor.id
        if not completed:
            data = training.TrainingInput(course=course, provider=provider)
            training.add_training(case, data, advisor_id, session=session)
            return
        done = training.TrainingUpdate(status=TrainingStatus.COMPLETED, completed_on=at.date())
        for enrolment in training.trainings_of(case, session=session):
            training.update_training(case, enrolment.id, done, advisor_id, session=session)

    def _move(self, move: s.Move) -> None:
        by_entrepreneur = move.transition == "withdrawn"
        actor = self.cast.entrepreneur if by_entrepreneur else self.cast.advisor
        reoriented = (
            transitions.Reorientation(move.reason or "", list(move.suggestions), move.code)
            if move.transition == "reorientation"
            else None
        )
        outcome = transitions.commit(
            self.case_id,
            move.transition,
            session=self.session,
            actor_id=actor.id,
            reorientation=reoriented,
            reason=None if reoriented else move.reason,
        )
        if not outcome.made:
            raise RuntimeError(f"Demo case {self.case.reference}: {move} not made: {outcome}")

    def _refer(self, partner: str, status: str, purpose: str, answer: Mapping[str, Any]) -> None:
        session, case, advisor_id = self.session, self.case, self.cast.advisor.id
        partner_id = self.cast.partners[partner]
        if status == "draft":
            data = referrals.ReferralInput(partner_id=partner_id, purpose=purpose)
            self.referrals[partner] = referrals.create_referral(
                case, data, advisor_id, session=session
            ).id
        elif status == "sent":
            agreed = consents.ConsentInput(partner_id=partner_id)
            consents.give_consent(case, agreed, self.cast.entrepreneur.id, session=session)
            sent = referral_sending.commit_send(
                self.referrals[partner], session=session, actor_id=advisor_id
            )
            assert sent.dossier_id is not None, sent
        else:
            update_body = _read(referrals.ReferralUpdate, {"status": status, **answer})
            referrals.update_referral(
                case, self.referrals[partner], update_body, advisor_id, session=session
            )

    def _close_milestones(self, until: date, late_days: int, leave_open: int) -> None:
        session, case = self.session, self.case
        due = [
            m
            for m in follow_up.milestones_of(case, session=session)
            if m.due_date <= until and m.done_on is None
        ]
        for milestone in due[: len(due) - leave_open]:
            done_on = min(milestone.due_date + timedelta(days=late_days), until)
            note = {"done_on": done_on.isoformat(), "note": "Seen at the follow-up visit."}
            with written_at(datetime.combine(done_on, time(17), UTC)):
                follow_up.update_milestone(
                    case, milestone.id, _read(follow_up.MilestoneUpdate, note),
                    self.cast.advisor.id, session=session,
                )  # fmt: skip
                session.flush()
