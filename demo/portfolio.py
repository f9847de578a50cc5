"""The demo portfolio: a few dozen entrepreneurs, each with a case whose story is written for them.

Loaded in seconds: each case is written through the services in one transaction,
written at its story's times, with no flow run and no dossier print (`demo.history`).
"""

import uuid
from collections.abc import Mapping, Sequence
from datetime import timedelta

from sqlmodel import Session

from casework.actors import Actor
from casework.models import User
from casework.passwords import hash_password
from casework.services.units import default_unit
from casework.services.users import ProfileInput, save_profile
from casework.vocabulary import Role
from demo.accounts import DemoPerson
from demo.history import Cast, write_story
from demo.languages import preferred_language
from demo.stories import Story


def portfolio_entrepreneurs(
    stories: Sequence[Story], emails: Sequence[str], password: str, *, session: Session
) -> list[tuple[DemoPerson, Actor]]:
    """An account for each story's entrepreneur, all with `password`, registered before it began.

    Made as `create_user` makes them, but with the password hashed once for all: argon2
    takes a fifth of a second per hash, which dozens of accounts would spend again.
    """
    hashed = hash_password(password)
    unit = default_unit(session=session)
    made = []
    for story, email in zip(stories, emails, strict=True):
        owner = story.owner
        registered = story.steps[0].at - timedelta(days=3)
        user = User(
            email=email,
            full_name=owner.full_name,
            role=Role.ENTREPRENEUR,
            unit_id=unit.id,
            password_hash=hashed,
            created_at=registered,
        )
        session.add(user)
        session.flush()
        profile = ProfileInput.model_validate(
            {
                "gender": owner.gender,
                "country_of_residence": owner.residence,
                "country_of_origin": owner.origin,
                "diaspora": owner.diaspora,
                "preferred_language": preferred_language(owner.residence),
            }
        )
        save_profile(user, profile, session=session).updated_at = registered
        person = DemoPerson(email, Role.ENTREPRENEUR, owner.full_name, password)
        made.append((person, Actor(user.id, Role.ENTREPRENEUR, user.full_name, unit.id)))
    return made


def write_portfolio(
    stories: Sequence[Story],
    owners: Sequence[Actor],
    advisors: Sequence[Actor],
    partners: Mapping[str, uuid.UUID],
) -> None:
    """Write each story's case, the advisors taking them in turn."""
    for index, (story, owner) in enumerate(zip(stories, owners, strict=True)):
        write_story(story.steps, Cast(advisors[index % len(advisors)], owner, partners))
