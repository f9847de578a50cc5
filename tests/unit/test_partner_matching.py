"""Ranking partners for a case, each match with its reasons."""

import uuid

from casework.partner_matching import CaseNeeds, PartnerProfile, rank_partners
from casework.vocabulary import FundingBand, PartnerKind


def partner(
    name, kind=PartnerKind.TECHNICAL, services=(), sectors=(), countries=(), low=None, high=None
):
    return PartnerProfile(
        uuid.uuid4(), name, kind, tuple(services), tuple(sectors), tuple(countries), low, high
    )


NEEDS = CaseNeeds("agri_food", "SN", 30_000.0, FundingBand.MESO)


def test_partners_outside_the_case_country_are_left_out():
    ranked = rank_partners(NEEDS, [partner("Mali only", countries=["ML"]), partner("Everywhere")])
    assert [m.partner_name for m in ranked] == ["Everywhere"]


def test_a_meso_credit_lender_whose_ticket_fits_ranks_first_and_says_why():
    lender = partner("Meso fund", PartnerKind.FINANCIAL, ["meso_credit"], low=10_000, high=250_000)
    too_big = partner("Big investor", PartnerKind.FINANCIAL, ["funding"], low=250_000)
    ranked = rank_partners(NEEDS, [too_big, partner("CDE"), lender])
    assert ranked[0].partner_name == "Meso fund"
    assert "Offers meso-credit, the band this project falls in." in ranked[0].reasons
    big = next(m for m in ranked if m.partner_name == "Big investor")
    assert any("minimum ticket" in r for r in big.reasons)


def test_sector_listed_scores_above_sector_not_listed():
    ranked = rank_partners(
        NEEDS, [partner("Energy only", sectors=["energy"]), partner("Food", sectors=["agri_food"])]
    )
    assert [m.partner_name for m in ranked] == ["Food", "Energy only"]


def test_without_a_plan_financial_partners_are_listed_but_not_sized():
    needs = CaseNeeds("agri_food", "SN", None, None)
    ranked = rank_partners(needs, [partner("Bank", PartnerKind.FINANCIAL, low=1_000)])
    assert "no approved plan" in ranked[0].reasons[-1]


def test_ties_are_broken_by_name():
    ranked = rank_partners(NEEDS, [partner("B"), partner("A")])
    assert [m.partner_name for m in ranked] == ["A", "B"]
