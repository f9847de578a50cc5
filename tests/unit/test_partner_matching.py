"""Ranking partners for a case, on a table of cases × partners, each match with its reasons."""

import uuid

import pytest

from casework.partner_matching import (
    CaseNeeds,
    FinancingNeed,
    PartnerProfile,
    eur_in_words,
    rank_partners,
    ticket_in_words,
)
from casework.vocabulary import FinancingSource, PartnerKind

F = FinancingSource
TECH, FIN, BOTH = PartnerKind.TECHNICAL, PartnerKind.FINANCIAL, PartnerKind.BOTH


def partner(
    name,
    kind=TECH,
    services=(),
    sectors=(),
    countries=(),
    low=None,
    high=None,
    active=True,
):
    return PartnerProfile(
        uuid.uuid4(),
        name,
        kind,
        tuple(services),
        tuple(sectors),
        tuple(countries),
        low,
        high,
        active,
    )


def needs(*lines, sector="agri_food", technical=False, feasibility=False, plan=True):
    financing = tuple(FinancingNeed(source, amount) for source, amount in lines) if plan else None
    return CaseNeeds(sector, "SN", "Senegal", financing, technical, feasibility)


MESO_LINE = needs((F.MESO_CREDIT, 10_671.0))

CDE = partner(
    "CDE", TECH, ["feasibility_study", "technical_assistance", "field_assistance"], countries=[]
)
BIO = partner("BIO", BOTH, ["feasibility_study", "loan", "equity"], low=250_000, high=5_000_000)
MESO = partner("Meso fund", FIN, ["meso_credit", "guarantee"], countries=["SN"], low=25_000)
MESO_SMALL = partner("Small meso", FIN, ["meso_credit"], low=5_000, high=50_000)
MICRO = partner("Micro", FIN, ["microcredit"], countries=["SN", "ML"], low=500, high=25_000)
MALI = partner("Mali only", TECH, countries=["ML"])
ASLEEP = partner("Asleep", TECH, active=False)
ENERGY = partner("Energy", TECH, ["training"], sectors=["energy"])
MENTORS = partner("Mentors", TECH, ["mentoring", "market introductions"])
FUNDERS = partner("Funders", FIN, ["funding"])


def names(case, partners):
    return [m.partner_name for m in rank_partners(case, partners)]


def match(case, p):
    (found,) = rank_partners(case, [p])
    return found


# case × partners → the ranking expected
RANKINGS = [
    (
        "meso line: the meso lender whose ticket covers it first",
        MESO_LINE,
        [MALI, MESO, MESO_SMALL, MICRO, CDE],
        ["Small meso", "CDE", "Meso fund", "Micro"],
    ),
    (
        "partners outside the country and inactive ones are never matched",
        MESO_LINE,
        [MALI, ASLEEP, CDE],
        ["CDE"],
    ),
    (
        "microcredit line: the microfinance lender",
        needs((F.MICROCREDIT, 3_000.0), technical=True),
        [MESO_SMALL, MICRO],
        ["Micro", "Small meso"],
    ),
    (
        "bank loan: BIO's ticket covers a large line",
        needs((F.BANK_LOAN, 400_000.0), technical=True, feasibility=True),
        [MICRO, BIO],
        ["BIO", "Micro"],
    ),
    (
        "no technical partner yet, study not done: CDE leads",
        needs(plan=False),
        [MENTORS, CDE, MESO_SMALL],
        ["CDE", "Mentors", "Small meso"],
    ),
    (
        "sector listed ranks above sector not listed",
        needs(),
        [ENERGY, MENTORS],
        ["Mentors", "Energy"],
    ),
    ("ties broken by name", needs(), [partner("B"), partner("A")], ["A", "B"]),
]


@pytest.mark.parametrize(
    ("case", "partners", "expected"),
    [row[1:] for row in RANKINGS],
    ids=[row[0] for row in RANKINGS],
)
def test_partners_are_ranked_for_the_case(case, partners, expected):
    assert names(case, partners) == expected


# case × partner → a reason for, and a reason against, in words
REASONS = [
    ("serves the country", MESO_LINE, MICRO, "serves Senegal", None),
    (
        "ticket covers the line",
        MESO_LINE,
        MESO_SMALL,
        "ticket 5–50 k€ covers the 10.7 k€ meso-credit line",
        None,
    ),
    (
        "ticket above the line",
        MESO_LINE,
        MESO,
        "serves Senegal",
        "ticket from 25 k€ is above the 10.7 k€ meso-credit line",
    ),
    (
        "ticket below the line",
        needs((F.MESO_CREDIT, 80_000.0)),
        MESO_SMALL,
        None,
        "ticket 5–50 k€ is below the 80 k€ meso-credit line",
    ),
    (
        "no service for the line",
        MESO_LINE,
        MICRO,
        None,
        "offers no meso-credit for the 10.7 k€ meso-credit line",
    ),
    (
        "a guarantor backs a loan line",
        needs((F.BANK_LOAN, 30_000.0)),
        MESO,
        "can guarantee the 30 k€ bank loan line",
        None,
    ),
    ("sector not served", needs(), ENERGY, None, "does not work in agri-food"),
    ("open sectors and countries", needs(), MENTORS, "works in every country", None),
    (
        "technical help the case lacks",
        needs(),
        CDE,
        "offers feasibility studies, technical assistance, field assistance; the case has no "
        "technical partner yet",
        None,
    ),
    (
        "study still to do",
        needs(),
        CDE,
        "does feasibility studies; the case's study is not done",
        None,
    ),
    (
        "study done",
        needs(feasibility=True),
        CDE,
        None,
        "the case's feasibility study is already done",
    ),
    (
        "technical partner already",
        needs(technical=True),
        MENTORS,
        None,
        "offers mentoring, market introductions, and the case already has a technical partner",
    ),
    (
        "no plan to size financing",
        needs(plan=False),
        MICRO,
        None,
        "finances projects; the case has no plan yet to size its financing",
    ),
    (
        "self-financed plan",
        needs(),
        MICRO,
        None,
        "finances projects; the plan needs no outside financing",
    ),
    (
        "services matching cannot read",
        MESO_LINE,
        FUNDERS,
        None,
        "lists no kind of financing that matching knows (loan, meso-credit, grant…)",
    ),
    (
        "equity line",
        needs((F.INVESTOR_EQUITY, 1_200_000.0)),
        BIO,
        "ticket 250 k€–5 M€ covers the 1.2 M€ equity line",
        None,
    ),
    (
        "own funds are not external",
        needs((F.OWN_FUNDS, 1_000.0)),
        MICRO,
        None,
        "finances projects; the plan needs no outside financing",
    ),
]


@pytest.mark.parametrize(
    ("case", "p", "reason_for", "reason_against"),
    [row[1:] for row in REASONS],
    ids=[row[0] for row in REASONS],
)
def test_each_match_says_why_it_fits_and_why_not(case, p, reason_for, reason_against):
    found = match(case, p)
    if reason_for is not None:
        assert reason_for in found.reasons_for
    if reason_against is not None:
        assert any(r.startswith(reason_against) for r in found.reasons_against), found
    assert list(found.reasons) == [*found.reasons_for, *found.reasons_against]


def test_each_external_line_is_weighed_on_its_own():
    case = needs((F.OWN_FUNDS, 5_000.0), (F.MESO_CREDIT, 10_671.0), (F.GRANT, 2_000.0))
    found = match(case, partner("Both", FIN, ["meso_credit", "grant"], low=5_000, high=20_000))
    assert "ticket 5–20 k€ covers the 10.7 k€ meso-credit line" in found.reasons_for
    assert "ticket 5–20 k€ is above the 2 k€ grant line" in found.reasons_against
    assert not any("own funds" in r for r in found.reasons)


def test_a_matchs_reasons_are_those_for_then_those_against():
    found = match(MESO_LINE, MESO)
    assert found.reasons_against
    assert found.reasons == [*found.reasons_for, *found.reasons_against]


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (10_671, "10.7 k€"),
        (250_000, "250 k€"),
        (500, "0.5 k€"),
        (5_000_000, "5 M€"),
        (999_600, "1 M€"),
        (1_250_000, "1.25 M€"),
    ],
)
def test_amounts_read_in_k_or_m_euros(amount, words):
    assert eur_in_words(amount) == words


@pytest.mark.parametrize(
    ("low", "high", "words"),
    [
        (25_000, 250_000, "ticket 25–250 k€"),
        (None, None, "any ticket"),
        (None, 25_000, "ticket up to 25 k€"),
        (250_000, 5e6, "ticket 250 k€–5 M€"),
    ],
)
def test_ticket_ranges_read_as_a_person_says_them(low, high, words):
    assert ticket_in_words(low, high) == words
