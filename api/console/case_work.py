"""Which of a case's forms the reader may fill now: the rule table says who, the edits table
says at which stage (the same checks the services make before they write)."""

from casework.actors import Action, Actor, is_allowed
from casework.models import Case
from casework.stages import Edit, edit_refusal
from casework.vocabulary import CaseStatus, Stage

# The console's forms: their page under the case's, who may fill them, and when.
FORMS: tuple[tuple[str, Action, Edit], ...] = (
    ("assessment", Action.ASSESS, Edit.ASSESSMENT),
    ("feasibility", Action.WRITE_FEASIBILITY, Edit.FEASIBILITY),
    ("plan", Action.WRITE_PLAN, Edit.INVESTMENT_PLAN),
    ("linkage", Action.READ_MATCHES, Edit.REFERRALS),
    ("follow-up", Action.READ_CASE, Edit.FOLLOW_UP_PERIOD),
)


# The pages a case's readers may open at any stage (what they hold is read; their forms say
# themselves when they are closed), and the action that opens each.
READINGS: tuple[tuple[str, Action, frozenset[Stage]], ...] = (
    ("intake", Action.READ_INTAKE, frozenset(Stage)),
    ("training", Action.READ_CASE, frozenset(Stage)),
    ("guides", Action.READ_CASE, frozenset(Stage)),
    # The year's figures are reported in follow-up, against the plan approved by then.
    ("reports", Action.READ_CASE, frozenset({Stage.FOLLOW_UP, Stage.COMPLETED})),
)


def pages_to_read(case: Case, actor: Actor) -> list[str]:
    """The case's pages `actor` may read at its stage, by their name under the case's page."""
    owner, stage = case.entrepreneur_id, Stage(case.stage)
    return [
        name
        for name, action, stages in READINGS
        if stage in stages and is_allowed(action, actor, owner_id=owner)
    ]


def open_forms(case: Case, actor: Actor) -> list[str]:
    """The forms of `case` that `actor` may fill now, by their page's name."""
    stage, status = Stage(case.stage), CaseStatus(case.status)
    return [
        name
        for name, action, edit in FORMS
        if is_allowed(action, actor, owner_id=case.entrepreneur_id)
        and edit_refusal(edit, stage, status, actor.role) is None
    ]
