"""Ranking partners for a case, each match with the reasons behind it."""

from dataclasses import dataclass, field
from uuid import UUID

from casework.vocabulary import FinancingSource, FundingBand, PartnerKind, PartnerService

_COUNTRY_LISTED = 3.0
_COUNTRY_ANYWHERE = 2.0
_SECTOR_LISTED = 2.0
_SECTOR_ANY = 1.0
_TICKET_FITS = 3.0
_MESO_CREDIT_FOR_MESO_NEED = 2.0
_TECHNICAL_HELP = 1.0

# Which services can fund a plan line of each source; the entrepreneur's own circle is not external.
_SERVICES_FOR_SOURCE: dict[FinancingSource, frozenset[PartnerService]] = {
    FinancingSource.OWN_FUNDS: frozenset(),
    FinancingSource.FAMILY_AND_DIASPORA: frozenset(),
    FinancingSource.GRANT: frozenset({PartnerService.GRANT}),
    FinancingSource.MATCHING_FUND: frozenset({PartnerService.GRANT}),
    FinancingSource.MICROCREDIT: frozenset({PartnerService.MICROCREDIT}),
    FinancingSource.MESO_CREDIT: frozenset({PartnerService.MESO_CREDIT}),
    FinancingSource.BANK_LOAN: frozenset({PartnerService.LOAN}),
    FinancingSource.PARTNER_LOAN: frozenset({PartnerService.LOAN}),
    FinancingSource.INVESTOR_EQUITY: frozenset({PartnerService.EQUITY}),
}


def services_for_source(source: FinancingSource) -> frozenset[PartnerService]:
    """The partner services that can fund a plan line of this source (none for the own circle)."""
    return _SERVICES_FOR_SOURCE[source]


@dataclass(frozen=True)
class PartnerProfile:
    """What matching needs to know of a partner."""

    id: UUID
    name: str
    kind: PartnerKind
    services: tuple[str, ...]
    sectors: tuple[str, ...]
    countries: tuple[str, ...]
    ticket_min_eur: float | None
    ticket_max_eur: float | None


@dataclass(frozen=True)
class CaseNeeds:
    """What matching needs to know of a case."""

    sector: str
    country: str
    external_financing_eur: float | None
    funding_band: FundingBand | None


@dataclass(frozen=True)
class Match:
    """A partner, its score for the case, and why."""

    partner_id: UUID
    partner_name: str
    score: float
    reasons: list[str] = field(default_factory=list)


def rank_partners(needs: CaseNeeds, partners: list[PartnerProfile]) -> list[Match]:
    """Partners working in the case's country, best match first (ties by name)."""
    matches = [m for p in partners if (m := _match(needs, p)) is not None]
    return sorted(matches, key=lambda m: (-m.score, m.partner_name))


def _match(needs: CaseNeeds, partner: PartnerProfile) -> Match | None:
    reasons: list[str] = []
    score = 0.0
    if not partner.countries:
        score += _COUNTRY_ANYWHERE
        reasons.append("Works in every country.")
    elif needs.country in partner.countries:
        score += _COUNTRY_LISTED
        reasons.append(f"Works in {needs.country}.")
    else:
        return None
    if not partner.sectors:
        score += _SECTOR_ANY
        reasons.append("Open to every sector.")
    elif needs.sector in partner.sectors:
        score += _SECTOR_LISTED
        reasons.append(f"Supports the {needs.sector.replace('_', ' ')} sector.")
    else:
        reasons.append(f"Does not list the {needs.sector.replace('_', ' ')} sector.")
    if partner.kind in (PartnerKind.TECHNICAL, PartnerKind.BOTH):
        score += _TECHNICAL_HELP
        services = ", ".join(partner.services) or "technical assistance"
        reasons.append(f"Offers technical help: {services}.")
    if partner.kind in (PartnerKind.FINANCIAL, PartnerKind.BOTH):
        score += _financial_fit(needs, partner, reasons)
    return Match(partner.id, partner.name, score, reasons)


def _financial_fit(needs: CaseNeeds, partner: PartnerProfile, reasons: list[str]) -> float:
    need = needs.external_financing_eur
    if need is None:
        reasons.append("Finances projects; the case has no approved plan to size the need.")
        return 0.0
    low, high = partner.ticket_min_eur or 0.0, partner.ticket_max_eur
    if need < low:
        reasons.append(f"Its minimum ticket ({low:,.0f} EUR) is above the need ({need:,.0f} EUR).")
        return 0.0
    if high is not None and need > high:
        reasons.append(f"Its maximum ticket ({high:,.0f} EUR) is below the need ({need:,.0f} EUR).")
        return 0.0
    score = _TICKET_FITS
    reasons.append(f"Its tickets cover the external financing need of {need:,.0f} EUR.")
    if needs.funding_band == FundingBand.MESO and "meso_credit" in partner.services:
        score += _MESO_CREDIT_FOR_MESO_NEED
        reasons.append("Offers meso-credit, the band this project falls in.")
    return score
