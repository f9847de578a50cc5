"""Ranking partners for a case, each match with the reasons for and against it.

A partner is weighed on the case's country and sector, on each external financing line of
the plan (does it offer that kind of money, and does its ticket cover the line's amount in
EUR), and on the technical help the case still lacks. Inactive partners, and partners that
do not work in the case's country, are never matched.
"""

from dataclasses import dataclass
from uuid import UUID

from casework.vocabulary import FinancingSource, PartnerKind, PartnerService

_COUNTRY_LISTED = 3.0
_COUNTRY_ANYWHERE = 2.0
_SECTOR_LISTED = 2.0
_SECTOR_ANY = 1.0
_TECHNICAL_NEEDED = 2.0
_FEASIBILITY_NEEDED = 2.0
_SERVICE_FOR_LINE = 2.0
_TICKET_COVERS_LINE = 3.0
_GUARANTEE_FOR_LOAN = 1.0

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

_LOANS = frozenset(
    {
        FinancingSource.MICROCREDIT,
        FinancingSource.MESO_CREDIT,
        FinancingSource.BANK_LOAN,
        FinancingSource.PARTNER_LOAN,
    }
)

_SOURCE_WORDS = {
    FinancingSource.MESO_CREDIT: "meso-credit",
    FinancingSource.MATCHING_FUND: "matching-fund",
    FinancingSource.INVESTOR_EQUITY: "equity",
}

SERVICE_WORDS: dict[str, str] = {
    PartnerService.FEASIBILITY_STUDY: "feasibility studies",
    PartnerService.TECHNICAL_ASSISTANCE: "technical assistance",
    PartnerService.FIELD_ASSISTANCE: "field assistance",
    PartnerService.TRAINING: "training",
    PartnerService.LOAN: "loans",
    PartnerService.MESO_CREDIT: "meso-credit",
    PartnerService.MICROCREDIT: "microcredit",
    PartnerService.EQUITY: "equity",
    PartnerService.GUARANTEE: "guarantees",
    PartnerService.GRANT: "grants",
}

_FINANCING_SERVICES = frozenset().union(*_SERVICES_FOR_SOURCE.values())


def services_for_source(source: FinancingSource) -> frozenset[PartnerService]:
    """The partner services that can fund a plan line of this source (none for the own circle)."""
    return _SERVICES_FOR_SOURCE[source]


def service_in_words(service: str) -> str:
    """A service as a person reads it; one outside the vocabulary is shown as written."""
    return SERVICE_WORDS.get(service, service)


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
    active: bool = True


@dataclass(frozen=True)
class FinancingNeed:
    """One external financing line of the case's plan, in EUR."""

    source: FinancingSource
    amount_eur: float
    label: str | None = None


@dataclass(frozen=True)
class CaseNeeds:
    """What matching needs to know of a case.

    `financing` is None when the case has no plan yet; an empty tuple when the plan needs no
    outside money.
    """

    sector: str
    country: str
    country_name: str
    financing: tuple[FinancingNeed, ...] | None
    has_technical_partner: bool = False
    feasibility_done: bool = False


@dataclass(frozen=True)
class Match:
    """A partner, its score for the case, and why it fits or does not."""

    partner_id: UUID
    partner_name: str
    score: float
    reasons_for: tuple[str, ...] = ()
    reasons_against: tuple[str, ...] = ()

    @property
    def reasons(self) -> list[str]:
        """Every reason, those for first."""
        return [*self.reasons_for, *self.reasons_against]


def rank_partners(needs: CaseNeeds, partners: list[PartnerProfile]) -> list[Match]:
    """Active partners working in the case's country, best match first (ties by name)."""
    matches = [m for p in partners if (m := _match(needs, p)) is not None]
    return sorted(matches, key=lambda m: (-m.score, m.partner_name))


class _Weighing:
    def __init__(self) -> None:
        self.score = 0.0
        self.for_: list[str] = []
        self.against: list[str] = []

    def yes(self, points: float, reason: str) -> None:
        self.score += points
        self.for_.append(reason)

    def no(self, reason: str) -> None:
        self.against.append(reason)


def _match(needs: CaseNeeds, partner: PartnerProfile) -> Match | None:
    if not partner.active:
        return None
    w = _Weighing()
    if not partner.countries:
        w.yes(_COUNTRY_ANYWHERE, "works in every country")
    elif needs.country in partner.countries:
        w.yes(_COUNTRY_LISTED, f"serves {needs.country_name}")
    else:
        return None
    sector = sector_in_words(needs.sector)
    if not partner.sectors:
        w.yes(_SECTOR_ANY, "open to every sector")
    elif needs.sector in partner.sectors:
        w.yes(_SECTOR_LISTED, f"works in {sector}")
    else:
        w.no(f"does not work in {sector}")
    if partner.kind in (PartnerKind.TECHNICAL, PartnerKind.BOTH):
        _weigh_technical(needs, partner, w)
    if partner.kind in (PartnerKind.FINANCIAL, PartnerKind.BOTH):
        _weigh_financing(needs, partner, w)
    return Match(partner.id, partner.name, w.score, tuple(w.for_), tuple(w.against))


def _weigh_technical(needs: CaseNeeds, partner: PartnerProfile, w: _Weighing) -> None:
    help_ = [s for s in partner.services if s not in _FINANCING_SERVICES]
    offered = ", ".join(service_in_words(s) for s in help_) or "technical help"
    if needs.has_technical_partner:
        if partner.kind == PartnerKind.TECHNICAL:
            w.no(f"offers {offered}, and the case already has a technical partner")
    else:
        w.yes(_TECHNICAL_NEEDED, f"offers {offered}; the case has no technical partner yet")
    if PartnerService.FEASIBILITY_STUDY in partner.services:
        if needs.feasibility_done:
            w.no("the case's feasibility study is already done")
        else:
            w.yes(_FEASIBILITY_NEEDED, "does feasibility studies; the case's study is not done")


def _weigh_financing(needs: CaseNeeds, partner: PartnerProfile, w: _Weighing) -> None:
    if needs.financing is None:
        w.no("finances projects; the case has no plan yet to size its financing")
        return
    external = [line for line in needs.financing if services_for_source(line.source)]
    if not external:
        w.no("finances projects; the plan needs no outside financing")
        return
    if not _FINANCING_SERVICES.intersection(partner.services):
        w.no("lists no kind of financing that matching knows (loan, meso-credit, grant…)")
        return
    for line in external:
        _weigh_line(line, partner, w)


def _weigh_line(line: FinancingNeed, partner: PartnerProfile, w: _Weighing) -> None:
    name = line_in_words(line)
    if not services_for_source(line.source).intersection(partner.services):
        if line.source in _LOANS and PartnerService.GUARANTEE in partner.services:
            w.yes(_GUARANTEE_FOR_LOAN, f"can guarantee {name}")
        else:
            w.no(f"offers no {_source_in_words(line.source)} for {name}")
        return
    # Offering the right kind of money counts even when the ticket is off: the lender is closer.
    w.score += _SERVICE_FOR_LINE
    low, high = partner.ticket_min_eur, partner.ticket_max_eur
    ticket = ticket_in_words(low, high)
    if low is not None and line.amount_eur < low:
        w.no(f"{ticket} is above {name}")
    elif high is not None and line.amount_eur > high:
        w.no(f"{ticket} is below {name}")
    else:
        w.yes(_TICKET_COVERS_LINE, f"{ticket} covers {name}")


def line_in_words(line: FinancingNeed) -> str:
    """A financing line as a reason names it: "the 10.7 k€ meso-credit line"."""
    label = f" ({line.label})" if line.label else ""
    return f"the {eur_in_words(line.amount_eur)} {_source_in_words(line.source)} line{label}"


def ticket_in_words(low: float | None, high: float | None) -> str:
    """A ticket range in k€ or M€: "ticket 25–250 k€", "ticket from 500 k€", "any ticket"."""
    if low is None and high is None:
        return "any ticket"
    if low is None:
        return f"ticket up to {eur_in_words(high or 0.0)}"
    if high is None:
        return f"ticket from {eur_in_words(low)}"
    low_words, high_words = eur_in_words(low), eur_in_words(high)
    if low_words[-2:] == high_words[-2:]:
        low_words = low_words[:-3]
    return f"ticket {low_words}–{high_words}"


def eur_in_words(amount: float) -> str:
    """An amount in EUR to three figures: "10.7 k€", "250 k€", "5 M€"."""
    if amount >= 999_500:
        millions = amount / 1_000_000
        return f"{millions:.3g} M€" if millions < 1000 else f"{millions:,.0f} M€"
    return f"{amount / 1000:.3g} k€"


def sector_in_words(sector: str) -> str:
    """A sector as a sentence names it: "agri-food", "informal trade"."""
    return "agri-food" if sector == "agri_food" else sector.replace("_", " ")


def _source_in_words(source: FinancingSource) -> str:
    return _SOURCE_WORDS.get(source, source.value.replace("_", " "))
