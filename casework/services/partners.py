"""The partner directory, and partners ranked for a case."""

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_extra_types.country import CountryAlpha2
from sqlmodel import Session, col, select

from casework.models import Case, Partner
from casework.partner_matching import CaseNeeds, Match, PartnerProfile, rank_partners
from casework.services.plans import current_plan, results_of
from casework.vocabulary import PartnerKind, Sector


class PartnerInput(BaseModel):
    """A partner as the directory records it."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    name: str = Field(min_length=2, max_length=200)
    kind: PartnerKind
    services: list[str] = Field(default_factory=list, max_length=30)
    sectors: list[Sector] = Field(default_factory=list, description="empty: every sector")
    countries: list[CountryAlpha2] = Field(default_factory=list, description="empty: everywhere")
    ticket_min_eur: float | None = Field(default=None, ge=0)
    ticket_max_eur: float | None = Field(default=None, ge=0)
    is_example: bool = False

    @field_validator("ticket_max_eur")
    @classmethod
    def _tickets_in_order(cls, high: float | None, info: ValidationInfo) -> float | None:
        low = info.data.get("ticket_min_eur")
        if low is not None and high is not None and high < low:
            raise ValueError(f"must not be below ticket_min_eur ({low:,.0f})")
        return high


def add_partner(data: PartnerInput, *, session: Session) -> Partner:
    """Add a partner to the directory; names are unique."""
    partner = Partner(**data.model_dump(mode="json"))
    session.add(partner)
    session.flush()
    return partner


def list_partners(*, session: Session) -> list[Partner]:
    """The directory, by name."""
    return list(session.exec(select(Partner).order_by(col(Partner.name))).all())


def case_needs(case: Case, *, session: Session) -> CaseNeeds:
    """What the case needs from partners, sized by its current plan where there is one."""
    plan = current_plan(case, session=session)
    results = results_of(plan) if plan else None
    return CaseNeeds(
        sector=case.sector,
        country=case.country,
        external_financing_eur=results.external_financing_eur if results else None,
        funding_band=results.funding_band if results else None,
    )


def match_partners(case: Case, *, session: Session) -> list[Match]:
    """Partners ranked for the case now, each with its reasons."""
    profiles = [
        PartnerProfile(
            id=p.id,
            name=p.name,
            kind=PartnerKind(p.kind),
            services=tuple(p.services),
            sectors=tuple(p.sectors),
            countries=tuple(p.countries),
            ticket_min_eur=p.ticket_min_eur,
            ticket_max_eur=p.ticket_max_eur,
        )
        for p in list_partners(session=session)
    ]
    return rank_partners(case_needs(case, session=session), profiles)
