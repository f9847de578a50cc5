"""What a person says at intake never weighs for or against them.

Support is never conditional on return: the reasons behind a project, what the person
intends (mobility) and their residence status are asked to understand the project,
and no gate, partner match or score may read them. For any intake hypothesis writes,
the gates' facts and every transition's unmet requirements, the case's next steps,
the partners' ranks, scores and reasons, and the assessment's ability scores are
exactly what they were before it.
"""

import uuid
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import Session

from casework.actors import Actor
from casework.assessment_rubric import Ability, ability_score
from casework.database import open_session
from casework.models import Assessment, Case
from casework.services.cases import today
from casework.services.facts import gather_facts
from casework.services.intake import IntakeInput, record_intake
from casework.services.partners import match_partners
from casework.stages import TRANSITIONS, next_steps, unmet_requirements
from casework.vocabulary import Mobility, ProjectReason, ResidenceStatus, Role
from tests.conftest import People
from tests.journey import add_partner, case_at

pytestmark = pytest.mark.usefixtures("prefect_server")

_words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=60)

intakes = st.fixed_dictionaries(
    {},
    optional={
        "reasons": st.lists(st.sampled_from(list(ProjectReason)), unique=True),
        "sector_experience_years": st.integers(0, 70),
        "sector_experience": _words,
        "own_contribution_eur": st.floats(0, 1e9, allow_nan=False),
        "skills_from_abroad": _words,
        "networks": st.fixed_dictionaries(
            {},
            optional={
                "family": _words,
                "diaspora_associations": st.lists(_words.filter(str.strip), max_size=3),
                "partners_in_contact": st.lists(_words.filter(str.strip), max_size=3),
            },
        ),
        "mobility": st.sampled_from([None, *Mobility]),
        "residence_status": st.sampled_from([None, *ResidenceStatus]),
    },
)


def weighed(case: Case, *, session: Session) -> dict[str, Any]:
    """Everything a gate, a match or a score decides about the case, as it stands."""
    facts = gather_facts(case, session=session, today=today())
    assessment = session.get(Assessment, case.id)
    criteria = assessment.criteria if assessment else {}
    return {
        "facts": facts,
        "unmet": {name: unmet_requirements(rule, facts) for name, rule in TRANSITIONS.items()},
        "next_steps": next_steps(facts),
        "matches": [
            (m.partner_id, m.score, m.reasons, m.reasons_against)
            for m in match_partners(case, session=session)
        ],
        "abilities": {a: ability_score(a, criteria) for a in Ability},
    }


@pytest.mark.parametrize("stage", ["reception", "linkage"])
def test_no_intake_answer_changes_a_gate_a_match_or_a_score(
    client: Any, people: People, stage: str
):
    add_partner(client, people.manager)
    case_id = uuid.UUID(case_at(client, stage, people)["id"])
    owner = Actor(uuid.UUID(people.entrepreneur.id), Role.ENTREPRENEUR)
    with open_session() as session:
        case = session.get(Case, case_id)
        assert case is not None
        before = weighed(case, session=session)
        assert before["matches"], "a partner is ranked: the match is really weighed"

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(intakes, intakes)
    def check(first: dict[str, Any], second: dict[str, Any]) -> None:
        with open_session() as session:
            case = session.get(Case, case_id)
            assert case is not None
            for answers in (first, second):
                record_intake(case, IntakeInput.model_validate(answers), owner, session=session)
                session.flush()
                session.expire_all()
                assert weighed(case, session=session) == before
            session.rollback()

    check()
