"""The partner directory, and partners ranked for a case."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    HttpUrl,
    ValidationInfo,
    field_validator,
)
from pydantic_extra_types.country import CountryAlpha2
from pydantic_extra_types.language_code import LanguageAlpha2
from sqlmodel import Session, col, delete, select

from casework.actors import Action, Actor, is_allowed
from casework.countries import country_name
from casework.errors import Forbidden, InvalidInput, NotFound
from casework.models import Case, FeasibilityStudy, Partner, PartnerMatch, Referral
from casework.partial_updates import given_or_left_out
from casework.partner_matching import (
    CaseNeeds,
    FinancingNeed,
    Match,
    PartnerProfile,
    rank_partners,
)
from casework.services.plans import current_plan
from casework.services.units import owning_unit
from casework.vocabulary import (
    FeasibilityConclusion,
    FinancingSource,
    PartnerKind,
    ReferralStatus,
    Sector,
)

_DESCRIPTION_MAX = 2000
_PHONE = r"^\+?[0-9 ()./-]{4,40}$"


class PartnerContact(BaseModel):
    """Whom the unit talks to at a partner."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str | None = Field(default=None, min_length=1, max_length=200)
    email: EmailStr | None = None
    phone: str | None = Field(default=None, pattern=_PHONE, description="digits, spaces, + ( ) - .")
    website: HttpUrl | None = None


class PartnerInput(BaseModel):
    """A partner as the directory records it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=2, max_length=200)
    kind: PartnerKind
    services: list[str] = Field(
        default_factory=list,
        max_length=30,
        description="PartnerService values are understood by matching; others are kept as written",
    )
    sectors: list[Sector] = Field(default_factory=list, description="empty: every sector")
    countries: list[CountryAlpha2] = Field(default_factory=list, description="empty: everywhere")
    ticket_min_eur: float | None = Field(default=None, ge=0)
    ticket_max_eur: float | None = Field(default=None, ge=0)
    languages: list[LanguageAlpha2] = Field(
        default_factory=list, max_length=30, description="ISO 639-1 codes"
    )
    contact: PartnerContact | None = None
    description: str = Field(default="", max_length=_DESCRIPTION_MAX)
    active: bool = True
    is_example: bool = False
    unit: str | None = Field(
        default=None,
        max_length=32,
        description="The code of the unit whose own partner it is; none: shared by the "
        "programme (a unit's manager adds their unit's own)",
    )

    @field_validator("ticket_max_eur")
    @classmethod
    def _tickets_in_order(cls, high: float | None, info: ValidationInfo) -> float | None:
        low = info.data.get("ticket_min_eur")
        if low is not None and high is not None and high < low:
            raise ValueError(f"must not be below ticket_min_eur ({low:,.0f})")
        return high


# Fields a partner always has: leaving one out keeps it, null is refused.
_REQUIRED_ON_UPDATE = [
    *("name", "kind", "services", "sectors", "countries"),
    *("languages", "description", "active", "is_example"),
]


class PartnerUpdate(BaseModel):
    """A change to a partner: only the fields given change; `active: false` deactivates it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str | None = Field(default=None, min_length=2, max_length=200)
    kind: PartnerKind | None = None
    services: list[str] | None = Field(default=None, max_length=30)
    sectors: list[Sector] | None = None
    countries: list[CountryAlpha2] | None = None
    ticket_min_eur: float | None = Field(default=None, ge=0)
    ticket_max_eur: float | None = Field(default=None, ge=0)
    languages: list[LanguageAlpha2] | None = Field(default=None, max_length=30)
    contact: PartnerContact | None = None
    description: str | None = Field(default=None, max_length=_DESCRIPTION_MAX)
    active: bool | None = None
    is_example: bool | None = None

    _required = field_validator(*_REQUIRED_ON_UPDATE)(given_or_left_out)


@dataclass(frozen=True)
class PartnerFilter:
    """Which partners of the directory to list; None means any."""

    kind: PartnerKind | None = None
    service: str | None = None
    country: str | None = None
    sector: str | None = None
    active: bool | None = None
    # The unit whose view it is: the shared partners and its own; None: every partner.
    unit_id: uuid.UUID | None = None

    def admits(self, partner: Partner) -> bool:
        """Whether `partner` passes; a partner working everywhere (or in every sector) passes."""
        return (
            (self.unit_id is None or partner.serves_unit(self.unit_id))
            and (self.kind is None or partner.kind == self.kind)
            and (self.service is None or self.service in partner.services)
            and (self.country is None or not partner.countries or self.country in partner.countries)
            and (self.sector is None or not partner.sectors or self.sector in partner.sectors)
            and (self.active is None or partner.active == self.active)
        )


def _columns(data: dict[str, Any]) -> dict[str, Any]:
    """The input's fields as the partner's columns: the contact is kept flat."""
    if "contact" in data:
        contact = data.pop("contact") or {}
        for key in ("name", "email", "phone"):
            data[f"contact_{key}"] = contact.get(key)
        data["website"] = contact.get("website")
    return data


def add_partner(data: PartnerInput, *, session: Session, actor: Actor | None = None) -> Partner:
    """Add a partner to the directory (a unit's manager: their unit's own); names are unique."""
    columns = _columns(data.model_dump(mode="json"))
    columns["unit_id"] = owning_unit(
        columns.pop("unit"),
        actor,
        session=session,
        refusal="A unit's manager adds partners of their own unit only.",
    )
    partner = Partner(**columns)
    session.add(partner)
    session.flush()
    return partner


def get_partner(partner_id: uuid.UUID, *, session: Session) -> Partner:
    """The partner with this id."""
    partner = session.get(Partner, partner_id)
    if partner is None:
        raise NotFound("No partner with this id.")
    return partner


def partner_in_view(partner_id: uuid.UUID, actor: Actor, *, session: Session) -> Partner:
    """The partner, as the directory shows it to `actor`: a unit's staff know the shared
    partners and their unit's own; another unit's own reads as no partner at all."""
    partner = get_partner(partner_id, session=session)
    if actor.unit_id is not None and not partner.serves_unit(actor.unit_id):
        raise NotFound("No partner with this id.")
    return partner


def may_change_partner(partner: Partner, actor: Actor) -> bool:
    """Whether `actor` may change `partner` (see `update_partner`): a manager; a unit's
    manager, their unit's own partners only."""
    if not is_allowed(Action.MANAGE_PARTNERS, actor):
        return False
    return actor.unit_id is None or partner.unit_id == actor.unit_id


def update_partner(
    partner_id: uuid.UUID, data: PartnerUpdate, *, session: Session, actor: Actor | None = None
) -> Partner:
    """Change the fields given; a partner is never deleted, `active: false` retires it.

    A unit's manager changes their unit's own partners only: the shared ones are the
    programme's, and another unit's are not theirs to know.
    """
    if actor is None:
        partner = get_partner(partner_id, session=session)
    else:
        partner = partner_in_view(partner_id, actor, session=session)
        if actor.unit_id is not None and partner.unit_id is None:
            raise Forbidden("Shared partners are the programme's managers' to change.")
    changes = _columns(data.model_dump(mode="json", exclude_unset=True))
    low = changes.get("ticket_min_eur", partner.ticket_min_eur)
    high = changes.get("ticket_max_eur", partner.ticket_max_eur)
    if low is not None and high is not None and high < low:
        field = "ticket_max_eur" if "ticket_max_eur" in changes else "ticket_min_eur"
        raise InvalidInput(field, f"the ticket range would run from {low:,.0f} down to {high:,.0f}")
    for name, value in changes.items():
        setattr(partner, name, value)
    session.add(partner)
    session.flush()
    return partner


def list_partners(*, session: Session, only: PartnerFilter | None = None) -> list[Partner]:
    """The directory by name, or those of its partners the filter admits."""
    partners = session.exec(select(Partner).order_by(col(Partner.name))).all()
    return [p for p in partners if only is None or only.admits(p)]


def case_needs(case: Case, *, session: Session) -> CaseNeeds:
    """What the case needs from partners: its place, its plan's financing lines, its gaps."""
    plan = current_plan(case, session=session)
    return CaseNeeds(
        sector=case.sector,
        country=case.country,
        country_name=country_name(case.country),
        financing=_financing_needs(plan.body) if plan else None,
        has_technical_partner=_has_technical_partner(case, session=session),
        feasibility_done=_feasibility_done(case, session=session),
    )


def _financing_needs(body: dict[str, Any]) -> tuple[FinancingNeed, ...]:
    """The plan's financing lines in EUR (a saved plan's body was validated when saved)."""
    rate = float(body["eur_rate"])
    return tuple(
        FinancingNeed(FinancingSource(line["source"]), line["amount"] / rate, line.get("label"))
        for line in body.get("financing", [])
    )


def _has_technical_partner(case: Case, *, session: Session) -> bool:
    query = (
        select(Referral.id)
        .join(Partner, col(Partner.id) == col(Referral.partner_id))
        .where(col(Referral.case_id) == case.id)
        .where(col(Referral.status).in_([ReferralStatus.ACCEPTED, ReferralStatus.COMPLETED]))
        .where(col(Partner.kind).in_([PartnerKind.TECHNICAL, PartnerKind.BOTH]))
    )
    return session.exec(query).first() is not None


def _feasibility_done(case: Case, *, session: Session) -> bool:
    study = session.get(FeasibilityStudy, case.id)
    return study is not None and study.conclusion != FeasibilityConclusion.PENDING


def profile_of(partner: Partner) -> PartnerProfile:
    """What matching reads of a partner."""
    return PartnerProfile(
        id=partner.id,
        name=partner.name,
        kind=PartnerKind(partner.kind),
        services=tuple(partner.services),
        sectors=tuple(partner.sectors),
        countries=tuple(partner.countries),
        ticket_min_eur=partner.ticket_min_eur,
        ticket_max_eur=partner.ticket_max_eur,
        active=partner.active,
    )


def match_partners(case: Case, *, session: Session) -> list[Match]:
    """The active partners the case's unit sees (shared, or its own), ranked for the case
    now, each with its reasons for and against."""
    only = PartnerFilter(active=True, unit_id=case.unit_id)
    active = list_partners(session=session, only=only)
    return rank_partners(case_needs(case, session=session), [profile_of(p) for p in active])


def record_matches(case: Case, *, session: Session) -> list[PartnerMatch]:
    """Rank the partners for the case now and keep that ranking in place of the last one."""
    matches = match_partners(case, session=session)
    session.exec(delete(PartnerMatch).where(col(PartnerMatch.case_id) == case.id))
    recorded = [
        PartnerMatch(
            case_id=case.id,
            partner_id=m.partner_id,
            rank=rank,
            score=m.score,
            reasons=m.reasons,
            reasons_against=list(m.reasons_against),
        )
        for rank, m in enumerate(matches, start=1)
    ]
    session.add_all(recorded)
    session.flush()
    return recorded


def recorded_matches(case: Case, *, session: Session) -> list[tuple[PartnerMatch, Partner]]:
    """The matches kept for the case, best first, each with its partner."""
    query = (
        select(PartnerMatch, Partner)
        .join(Partner, col(Partner.id) == col(PartnerMatch.partner_id))
        .where(col(PartnerMatch.case_id) == case.id)
        .order_by(col(PartnerMatch.rank))
    )
    return [(m, p) for m, p in session.exec(query).all()]


@dataclass(frozen=True)
class CaseMatch:
    """A partner as ranked for a case, with its reasons; `recorded_at` None: ranked just now."""

    partner: Partner
    rank: int
    score: float
    reasons: list[str]
    reasons_for: list[str]
    reasons_against: list[str]
    recorded_at: datetime | None


def standing_matches(case: Case, *, session: Session) -> list[CaseMatch]:
    """The partners recorded for the case when linkage began; before, ranked now."""
    recorded = recorded_matches(case, session=session)
    if recorded:
        return [
            CaseMatch(
                p, m.rank, m.score, m.reasons, m.reasons_for, m.reasons_against, m.recorded_at
            )
            for m, p in recorded
        ]
    directory = {p.id: p for p in list_partners(session=session)}
    return [
        CaseMatch(
            directory[m.partner_id],
            rank,
            m.score,
            list(m.reasons),
            list(m.reasons_for),
            list(m.reasons_against),
            None,
        )
        for rank, m in enumerate(match_partners(case, session=session), start=1)
    ]
