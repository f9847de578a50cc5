"""A country guide past its age is a task for the managers who keep it.

The task concerns no case: it belongs to the guide's unit (its managers act on it), or
to the programme's managers for a shared guide. It opens when the guide's last check
grows older than `CASEWORK_GUIDE_CHECK_DAYS` (found by the daily sweep, or on writing
a guide already that old) and closes when the guide is checked again or retired.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlmodel import Session, col, select

from casework.countries import country_name
from casework.models import CountryGuide, Task
from casework.models.columns import utc_now
from casework.settings import get_settings
from casework.vocabulary import Role, TaskKind


@dataclass(frozen=True)
class StaleGuide:
    """A guide the sweep found past its age, whose task it opened."""

    guide_id: str
    country: str
    topic: str
    due_on: date


def check_due_on(guide: CountryGuide) -> date:
    """The day after which the guide is stale, unless checked again."""
    return guide.checked_on + timedelta(days=get_settings().guide_check_days)


def is_stale(guide: CountryGuide, on: date) -> bool:
    """Whether, on `on`, the guide's last check is older than the unit allows."""
    return guide.active and on > check_due_on(guide)


def reconcile_guide_task(guide: CountryGuide, on: date, *, session: Session) -> StaleGuide | None:
    """Open the guide's task if it is stale on `on` and has none open; close an open one if it
    is not. The guide, if its task was opened now."""
    task = session.exec(
        select(Task).where(
            Task.kind == TaskKind.STALE_GUIDE,
            Task.subject == str(guide.id),
            col(Task.case_id).is_(None),
            col(Task.closed_at).is_(None),
        )
    ).first()
    stale = is_stale(guide, on)
    if task is not None and not stale:
        task.closed_at = utc_now()
        session.add(task)
    elif task is not None:
        task.summary, task.unit_id = _summary(guide), guide.unit_id
        session.add(task)
    elif stale:
        session.add(
            Task(
                kind=TaskKind.STALE_GUIDE,
                subject=str(guide.id),
                unit_id=guide.unit_id,
                for_role=Role.MANAGER,
                summary=_summary(guide),
                due_on=check_due_on(guide),
                created_at=utc_now(),
            )
        )
        session.flush()
        return StaleGuide(str(guide.id), guide.country, guide.topic, check_due_on(guide))
    session.flush()
    return None


def sweep_guides(on: date, *, session: Session) -> list[StaleGuide]:
    """Bring every guide's task in line with `on`; the guides whose task opened now."""
    guides = session.exec(select(CountryGuide).order_by(col(CountryGuide.country))).all()
    opened = [reconcile_guide_task(guide, on, session=session) for guide in guides]
    return [found for found in opened if found is not None]


def _summary(guide: CountryGuide) -> str:
    sector = f", {guide.sector.replace('_', ' ')}" if guide.sector else ""
    return (
        f"The guide “{guide.title}” ({country_name(guide.country)}{sector}, "
        f"{guide.topic.replace('_', ' ')}, {guide.language}) was last checked on "
        f"{guide.checked_on.isoformat()}: check it again and record the day."
    )
