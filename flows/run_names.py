"""How casework's flow runs and artifacts are named in Prefect: one spelling, kebab-case.

A flow is named for what it does (`enter-linkage`, `send-referral`). A move's run is
named for the transition it makes and the case (`follow-up-RU-2026-0007`); any other
run for its flow, its subject, then what it is about (`send-referral-RU-2026-0007-bio`).
Artifact keys are the same words in lowercase, the only spelling Prefect accepts. A run
is tagged with the role that started it (`by:advisor`). Only references, stages, roles
and partner slugs go in: Prefect's database lies outside the case store and is never
erased, so no person's name, email or free text may reach it.
"""

import re
import unicodedata
import uuid
from collections.abc import Callable, Iterable

from prefect.runtime import flow_run

from casework.database import open_session
from casework.models import User
from casework.vocabulary import Transition

SLUG_LENGTH = 20
_BY = "by:"


def kebab(word: str) -> str:
    """A word of the vocabulary as a name carries it: `follow_up` -> `follow-up`."""
    return word.lower().replace("_", "-")


def slug(name: str, limit: int = SLUG_LENGTH) -> str:
    """A partner's name, short: lowercase ASCII words joined by hyphens, cut between words."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", ascii_name.lower())
    kept = words[0][:limit] if words else "partner"
    for word in words[1:]:
        if len(f"{kept}-{word}") > limit:
            break
        kept = f"{kept}-{word}"
    return kept


def run_name(what: str, subject: str, *about: str) -> str:
    """`what` and `about` in kebab-case around the subject as it is written (a reference)."""
    return "-".join([kebab(what), subject, *(kebab(word) for word in about)])


def move_run_name(transition: str, reference: str) -> str:
    """A move's run, named for its transition: `follow-up-RU-2026-0007`, `resume-RU-...`."""
    return run_name(Transition(transition).name, reference)


def artifact_key(*words: str) -> str:
    """An artifact key Prefect accepts: the words in lowercase, joined by dashes."""
    return re.sub(r"[^a-z0-9]+", "-", "-".join(words).lower()).strip("-")


def named(what: str, *about: str) -> Callable[[], str]:
    """A `flow_run_name`: `what`, the run's `reference`, then its parameters named `about`."""

    def name() -> str:
        parameters = flow_run.parameters
        return run_name(what, parameters["reference"], *(str(parameters[p]) for p in about))

    return name


def move_named(transition: Transition | None = None) -> Callable[[], str]:
    """A move's `flow_run_name`: its `transition` (else the run's parameter) and reference."""

    def name() -> str:
        parameters = flow_run.parameters
        return move_run_name(transition or parameters["transition"], parameters["reference"])

    return name


def by_tag(role: str | None) -> str:
    """The tag saying which role started a run: `by:advisor`; `by:casework` without one."""
    return f"{_BY}{kebab(role or 'casework')}"


def started_by(tags: Iterable[str]) -> str:
    """Who started the run, as a sentence ends: "an advisor", "a manager", "casework"."""
    role = next((t.removeprefix(_BY) for t in tags if t.startswith(_BY)), "casework")
    if role == "casework":
        return "casework"
    return f"{'an' if role[0] in 'aeiou' else 'a'} {role.replace('-', ' ')}"


def role_of(actor_id: uuid.UUID | None) -> str | None:
    """The role of the person a run is started for: a run says who moved a case by role only."""
    if actor_id is None:
        return None
    with open_session() as session:
        user = session.get(User, actor_id)
        return None if user is None else str(user.role)
