"""The home page: what waits on the person signed in."""

from fastapi import APIRouter
from fastapi.responses import Response

from api.console.visit import ConsoleVisit
from casework.models.pending_moves import moves_under_way
from casework.services.cases import list_cases
from casework.services.tasks import tasks_for
from casework.vocabulary import Role

router = APIRouter()


@router.get("/")
def home(visit: ConsoleVisit) -> Response:
    """The to-do list (`GET /tasks`); an entrepreneur also sees their cases and where each is."""
    actor, session = visit.actor, visit.session
    tasks, open_tasks = tasks_for(actor, session=session, limit=100)
    cases = []
    if actor.role == Role.ENTREPRENEUR:
        mine, _ = list_cases(actor, session=session, limit=100)
        moving = moves_under_way({c.id: c.version for c in mine}, session=session)
        cases = [(case, moving.get(case.id)) for case in mine]
    context = {"tasks": tasks, "open_tasks": open_tasks, "cases": cases}
    return visit.page("home.html.j2", context)
