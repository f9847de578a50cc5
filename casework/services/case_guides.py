"""The country guides on a case: those that apply to its country and sector, and those an
advisor chose.

A case gains the guides that apply when it is opened, when its country or sector is
corrected, and when a guide is written or changed; an automatic guide leaves the case
when it no longer applies (or is retired). An advisor adds a guide or removes one, with
a note; a guide an advisor removed stays removed. Only open cases follow the
directory: a closed case keeps the guides it had.
"""

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm.attributes import flag_modified
from sqlmodel import Session, col, select

from casework.actors import Actor
from casework.errors import Conflict, InvalidInput, NotFound
from casework.models import Case, CaseGuide, CountryGuide, User
from casework.models.columns import utc_now
from casework.services.timeline import record_event
from casework.vocabulary import CaseStatus, GuideAttachment, GuideTopic

_OPEN = (CaseStatus.ACTIVE, CaseStatus.ON_HOLD)
_NOTE_MAX = 1000

# The topics as a sentence names them.
TOPIC_WORDS = {
    GuideTopic.CUSTOMS_INCENTIVES: "customs and import incentives",
    GuideTopic.SPECIAL_ECONOMIC_ZONES: "special economic zones",
    GuideTopic.FOREIGN_CURRENCY_ACCOUNTS: "foreign-currency accounts",
    GuideTopic.LAND_AND_PROPERTY: "access to land and property",
    GuideTopic.INVESTOR_PROTECTION: "the rule of law and investor protection",
    GuideTopic.INVESTMENT_OPPORTUNITIES: "investment opportunities",
    GuideTopic.FINANCING_PROGRAMMES: "financing programmes",
    GuideTopic.OTHER: "other matters",
}


class GuideChoice(BaseModel):
    """An advisor's choice of a guide for the case, and why."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    guide_id: uuid.UUID
    note: str | None = Field(default=None, min_length=1, max_length=_NOTE_MAX)


class GuideRemoval(BaseModel):
    """Why the advisor takes a guide off the case: the entrepreneur will no longer see it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    note: str = Field(min_length=3, max_length=_NOTE_MAX)


@dataclass(frozen=True)
class GuideOnCase:
    """A guide on a case, as the case's readers see it."""

    guide: CountryGuide
    link: CaseGuide
    attached_by: str | None
    removed_by: str | None


def applies(guide: CountryGuide, case: Case) -> bool:
    """Whether the guide is about the case's country (and sector) and reaches its unit."""
    return (
        guide.active
        and guide.country == case.country
        and guide.sector in (None, case.sector)
        and guide.serves_unit(case.unit_id)
    )


def attach_guides(case: Case, *, session: Session) -> None:
    """Bring the case's automatic guides in line with the guides that apply to it now."""
    applying = {
        g.id: g
        for g in session.exec(
            select(CountryGuide).where(
                CountryGuide.country == case.country, col(CountryGuide.active).is_(True)
            )
        ).all()
        if applies(g, case)
    }
    links = session.exec(select(CaseGuide).where(CaseGuide.case_id == case.id)).all()
    _reconcile(case, applying, list(links), session=session)
    session.flush()


def follow_guide_change(guide: CountryGuide, *, countries: set[str], session: Session) -> None:
    """After a guide was written or changed: the open cases of `countries` gain or lose it."""
    cases = session.exec(
        select(Case).where(col(Case.country).in_(countries), col(Case.status).in_(_OPEN))
    ).all()
    if not cases:
        return
    links = {
        link.case_id: link
        for link in session.exec(
            select(CaseGuide).where(
                CaseGuide.guide_id == guide.id,
                col(CaseGuide.case_id).in_([c.id for c in cases]),
            )
        ).all()
    }
    for case in cases:
        wanted = {guide.id: guide} if applies(guide, case) else {}
        found = [links[case.id]] if case.id in links else []
        _reconcile(case, wanted, found, session=session, only=guide.id)
    session.flush()


def touch_cases_showing(guide: CountryGuide, *, session: Session) -> None:
    """The open cases that show the guide change with it: their versions move, so that
    every answer kept for them (the status view's) is read again."""
    cases = session.exec(
        select(Case)
        .join(CaseGuide, col(CaseGuide.case_id) == col(Case.id))
        .where(CaseGuide.guide_id == guide.id, col(CaseGuide.removed_at).is_(None))
        .where(col(Case.status).in_(_OPEN))
    ).all()
    for case in cases:
        flag_modified(case, "updated_at")
    session.flush()


def _reconcile(
    case: Case,
    applying: dict[uuid.UUID, CountryGuide],
    links: list[CaseGuide],
    *,
    session: Session,
    only: uuid.UUID | None = None,
) -> None:
    """Attach what applies and is not on the case; detach automatic guides that no longer
    apply. A link an advisor made, or removed, stays as it is."""
    held = {link.guide_id for link in links}
    for link in links:
        automatic = link.attached == GuideAttachment.AUTOMATIC and link.removed_at is None
        if automatic and link.guide_id not in applying and only in (None, link.guide_id):
            session.delete(link)
    for guide_id in applying.keys() - held:
        session.add(
            CaseGuide(case_id=case.id, guide_id=guide_id, attached=GuideAttachment.AUTOMATIC)
        )


def guides_on(case: Case, *, session: Session, with_removed: bool = False) -> list[GuideOnCase]:
    """The guides on the case, by topic and language (with those removed, for staff)."""
    query = (
        select(CaseGuide, CountryGuide)
        .join(CountryGuide, col(CountryGuide.id) == col(CaseGuide.guide_id))
        .where(CaseGuide.case_id == case.id)
    )
    if not with_removed:
        query = query.where(col(CaseGuide.removed_at).is_(None), col(CountryGuide.active).is_(True))
    rows = session.exec(
        query.order_by(col(CountryGuide.topic), col(CountryGuide.language), col(CountryGuide.title))
    ).all()
    people = _names(
        {p for link, _ in rows for p in (link.attached_by_id, link.removed_by_id)}, session=session
    )
    return [
        GuideOnCase(
            guide,
            link,
            people.get(link.attached_by_id) if link.attached_by_id else None,
            people.get(link.removed_by_id) if link.removed_by_id else None,
        )
        for link, guide in rows
    ]


def _names(ids: Iterable[uuid.UUID | None], *, session: Session) -> dict[uuid.UUID, str]:
    wanted = [i for i in ids if i is not None]
    if not wanted:
        return {}
    return dict(session.exec(select(User.id, User.full_name).where(col(User.id).in_(wanted))).all())


def guides_to_choose(case: Case, *, session: Session) -> list[CountryGuide]:
    """The guides an advisor may add to the case (active, read by its unit, not on it now; one
    taken off may come back), those of the case's country first."""
    on_case = select(CaseGuide.guide_id).where(
        CaseGuide.case_id == case.id, col(CaseGuide.removed_at).is_(None)
    )
    query = select(CountryGuide).where(
        col(CountryGuide.active).is_(True),
        col(CountryGuide.id).not_in(on_case),
        col(CountryGuide.unit_id).is_(None) | (col(CountryGuide.unit_id) == case.unit_id),
    )
    found = session.exec(
        query.order_by(col(CountryGuide.country), col(CountryGuide.title), col(CountryGuide.id))
    ).all()
    return sorted(found, key=lambda guide: guide.country != case.country)


def add_guide_to_case(case: Case, data: GuideChoice, actor: Actor, *, session: Session) -> None:
    """An advisor puts a guide on the case (one removed before comes back), with a note."""
    guide = session.get(CountryGuide, data.guide_id)
    if guide is None or not guide.active or not guide.serves_unit(case.unit_id):
        raise InvalidInput("guide_id", "no active guide the case's unit reads has this id")
    link = session.get(CaseGuide, (case.id, guide.id))
    if link is not None and link.removed_at is None:
        raise Conflict("This guide is on the case already.", field="guide_id")
    if link is None:
        link = CaseGuide(case_id=case.id, guide_id=guide.id, attached=GuideAttachment.ADVISOR)
    link.attached, link.attached_at, link.attached_by_id = (
        GuideAttachment.ADVISOR,
        utc_now(),
        actor.id,
    )
    link.note, link.removed_at, link.removed_by_id = data.note, None, None
    session.add(link)
    record_event(
        case,
        "guide_added",
        "The guide “{title}” was added to the case" + (": {note}" if data.note else "."),
        session=session,
        actor_id=actor.id,
        detail={"guide_id": str(guide.id), "topic": guide.topic},
        texts={"title": guide.title, "note": data.note},
    )
    session.flush()


def remove_guide_from_case(
    case: Case, guide_id: uuid.UUID, data: GuideRemoval, actor: Actor, *, session: Session
) -> None:
    """An advisor takes a guide off the case, saying why; it does not come back by itself."""
    link = session.get(CaseGuide, (case.id, guide_id))
    if link is None or link.removed_at is not None:
        raise NotFound("This guide is not on the case.")
    guide = session.get(CountryGuide, guide_id)
    assert guide is not None
    link.removed_at, link.removed_by_id, link.note = utc_now(), actor.id, data.note
    session.add(link)
    record_event(
        case,
        "guide_removed",
        "The guide “{title}” was taken off the case: {note}",
        session=session,
        actor_id=actor.id,
        detail={"guide_id": str(guide.id), "topic": guide.topic},
        texts={"title": guide.title, "note": data.note},
    )
    session.flush()


def topics_in_words(topics: Iterable[str]) -> str:
    """The topics as a sentence lists them, in the order of the topic list, each once."""
    present = set(topics)
    return ", ".join(words for topic, words in TOPIC_WORDS.items() if topic in present)
