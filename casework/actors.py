"""Who is acting, and what each role may do with a case."""

import uuid
from dataclasses import dataclass
from enum import StrEnum

from casework.errors import Forbidden
from casework.stages import REQUESTED_MOVES, TRANSITIONS, roles_that_may_trigger
from casework.vocabulary import Role, Transition


@dataclass(frozen=True)
class Actor:
    """The signed-in person on whose behalf an operation runs."""

    id: uuid.UUID
    role: Role
    full_name: str = ""
    # The unit they work in; None: the programme's (a manager with no unit reads every unit).
    unit_id: uuid.UUID | None = None

    @property
    def role_in_words(self) -> str:
        """The role as a sentence names it: "an entrepreneur", "an advisor", "a manager"."""
        article = "an" if self.role.value[0] in "aeiou" else "a"
        return f"{article} {self.role.value}"

    @property
    def is_staff(self) -> bool:
        """Advisors and managers: the unit's own people."""
        return self.role in (Role.ADVISOR, Role.MANAGER)

    @property
    def is_programme_staff(self) -> bool:
        """Staff with no unit: the programme's, who read and run every unit."""
        return self.is_staff and self.unit_id is None

    def sees_unit(self, unit_id: uuid.UUID | None) -> bool:
        """Whether, as staff, they see what belongs to `unit_id` (their own unit's, or all)."""
        return self.unit_id is None or self.unit_id == unit_id


class Action(StrEnum):
    READ_CASE = "read the case"
    READ_INTERNAL = "read the staff's internal timeline"
    OPEN_CASE = "open a case"
    ASSESS = "record the assessment"
    WRITE_FEASIBILITY = "write the feasibility study"
    REVIEW = "review the feasibility study"
    WRITE_PLAN = "save an investment plan"
    APPROVE_PLAN = "approve the investment plan"
    MOVE_STAGE = "move the case to another stage or status"
    REORIENT = "reorient the case"
    READ_MATCHES = "see partner matches"
    REFRESH_MATCHES = "rank the partners for the case again"
    REFER = "manage referrals"
    CONSENT = "give or withdraw consent to share the dossier with a partner"
    WRITE_MILESTONES = "record milestones"
    LOG_TIME = "log advisor time"
    SET_FOLLOW_UP = "set the follow-up period"
    MANAGE_PARTNERS = "change the partner directory"
    READ_PARTNERS = "see the partner directory"
    MANAGE_USERS = "run the accounts: create staff, list, change roles, deactivate"
    READ_REPORTS = "see portfolio reports"
    READ_ACCESS_LOG = "see who read people's data"
    MANAGE_UNITS = "create, rename or choose the default unit"
    EDIT_CASE = "correct the case's details"
    ASSIGN_ADVISOR = "assign the case's advisor"
    READ_ACTIVITIES = "see the reorientation activities"
    MANAGE_ACTIVITIES = "change the reorientation activities"
    FOLLOW_REORIENTATION = "record what became of a reoriented entrepreneur"
    READ_TASKS = "see what waits on them"
    REPORT_FOLLOW_UP = "report the business's figures for a plan year"
    CONFIRM_REPORT = "confirm a follow-up report"
    READ_GUIDES = "read the country guides"
    MANAGE_GUIDES = "write or change the country guides"
    CHOOSE_GUIDES = "add or remove a country guide on a case"
    READ_INTAKE = "read the intake"
    WRITE_INTAKE = "record the intake"
    ASK_ERASURE = "ask to be forgotten"
    DECIDE_ERASURE = "confirm or decline a request to be forgotten"


@dataclass(frozen=True)
class Rule:
    """Roles allowed for an action; `owner` lets the case's entrepreneur do it too."""

    roles: frozenset[Role]
    owner: bool = False
    # Only the programme's staff (no unit): a unit's own staff are refused.
    programme: bool = False


_ADVISOR = frozenset({Role.ADVISOR})
_STAFF = frozenset({Role.ADVISOR, Role.MANAGER})
_MANAGER = frozenset({Role.MANAGER})
_NOBODY: frozenset[Role] = frozenset()

# Managers see everything advisors see; acting on a case is the advisors' job.
RULES: dict[Action, Rule] = {
    Action.READ_CASE: Rule(_STAFF, owner=True),
    Action.READ_INTERNAL: Rule(_STAFF),
    Action.OPEN_CASE: Rule(frozenset({Role.ENTREPRENEUR, Role.ADVISOR})),
    Action.ASSESS: Rule(_ADVISOR),
    Action.WRITE_FEASIBILITY: Rule(_ADVISOR, owner=True),
    Action.REVIEW: Rule(_ADVISOR),
    Action.WRITE_PLAN: Rule(_ADVISOR, owner=True),
    # Ownership: only the project leader signs off their own plan.
    Action.APPROVE_PLAN: Rule(_NOBODY, owner=True),
    # Who may move a case is the stage table's to say, row by row; these are its unions.
    Action.MOVE_STAGE: Rule(
        roles_that_may_trigger(REQUESTED_MOVES) - {Role.ENTREPRENEUR},
        # An entrepreneur triggers moves on their own case only (withdrawal).
        owner=Role.ENTREPRENEUR in roles_that_may_trigger(REQUESTED_MOVES),
    ),
    Action.REORIENT: Rule(TRANSITIONS[Transition.REORIENTATION].roles),
    # The entrepreneur sees whom the unit would refer them to, so they know whom they consent to.
    Action.READ_MATCHES: Rule(_STAFF, owner=True),
    Action.REFRESH_MATCHES: Rule(_STAFF),
    Action.REFER: Rule(_ADVISOR),
    # Sharing the dossier is the entrepreneur's own decision: nobody gives consent for them.
    Action.CONSENT: Rule(_NOBODY, owner=True),
    Action.WRITE_MILESTONES: Rule(_ADVISOR, owner=True),
    Action.LOG_TIME: Rule(_ADVISOR),
    Action.SET_FOLLOW_UP: Rule(_ADVISOR),
    Action.MANAGE_PARTNERS: Rule(_MANAGER),
    Action.READ_PARTNERS: Rule(_STAFF),
    Action.MANAGE_USERS: Rule(_MANAGER),
    # An advisor reads the figures of their own caseload (the route narrows it).
    Action.READ_REPORTS: Rule(_STAFF),
    Action.READ_ACCESS_LOG: Rule(_MANAGER),
    # Units are the programme's to shape: a unit's own manager runs their unit only.
    Action.MANAGE_UNITS: Rule(_MANAGER, programme=True),
    # Which stages each may correct at is the edits table's to say (casework/stages.py).
    Action.EDIT_CASE: Rule(_ADVISOR, owner=True),
    # A manager assigns anyone; an advisor may only take an unassigned case (services).
    Action.ASSIGN_ADVISOR: Rule(_STAFF),
    # Everyone may see what the unit can point a reoriented entrepreneur to.
    Action.READ_ACTIVITIES: Rule(frozenset(Role)),
    Action.MANAGE_ACTIVITIES: Rule(_MANAGER),
    Action.FOLLOW_REORIENTATION: Rule(_STAFF),
    # Everyone has a to-do list; what is on it is the tasks service's to say.
    Action.READ_TASKS: Rule(frozenset(Role)),
    # The entrepreneur reports their own figures; an advisor confirms them, or reports a visit.
    Action.REPORT_FOLLOW_UP: Rule(_ADVISOR, owner=True),
    Action.CONFIRM_REPORT: Rule(_ADVISOR),
    # What to know before investing is for everyone; keeping it right is the managers'.
    Action.READ_GUIDES: Rule(frozenset(Role)),
    Action.MANAGE_GUIDES: Rule(_MANAGER),
    Action.CHOOSE_GUIDES: Rule(_ADVISOR),
    # The intake is the person's own account: they or an advisor write it (the sensitive
    # answers: the person or the case's advisor only, services/intake.py).
    Action.READ_INTAKE: Rule(_STAFF, owner=True),
    Action.WRITE_INTAKE: Rule(_ADVISOR, owner=True),
    # A person asks for themself; a manager checks and carries it out.
    Action.ASK_ERASURE: Rule(frozenset({Role.ENTREPRENEUR})),
    Action.DECIDE_ERASURE: Rule(_MANAGER),
}


def is_allowed(action: Action, actor: Actor, *, owner_id: uuid.UUID | None = None) -> bool:
    """Whether `actor` may do `action` (on a case owned by `owner_id`, where there is one)."""
    rule = RULES[action]
    is_owner = owner_id is not None and actor.role == Role.ENTREPRENEUR and actor.id == owner_id
    if rule.programme and actor.unit_id is not None:
        return False
    return actor.role in rule.roles or (rule.owner and is_owner)


def require(action: Action, actor: Actor, *, owner_id: uuid.UUID | None = None) -> None:
    """Raise Forbidden unless `actor` may do `action`."""
    if is_allowed(action, actor, owner_id=owner_id):
        return
    if RULES[action].programme and actor.role in RULES[action].roles:
        raise Forbidden(f"Only the programme's managers may {action.value}, not a unit's.")
    raise Forbidden(f"{actor.role_in_words.capitalize()} may not {action.value}.")
