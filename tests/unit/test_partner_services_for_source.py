"""Which partner services can fund each source of a plan's financing."""

import pytest

from casework.partner_matching import services_for_source
from casework.vocabulary import FinancingSource, PartnerService

S = PartnerService


@pytest.mark.parametrize(
    ("source", "services"),
    [
        (FinancingSource.MESO_CREDIT, {S.MESO_CREDIT}),
        (FinancingSource.MICROCREDIT, {S.MICROCREDIT}),
        (FinancingSource.BANK_LOAN, {S.LOAN}),
        (FinancingSource.PARTNER_LOAN, {S.LOAN}),
        (FinancingSource.GRANT, {S.GRANT}),
        (FinancingSource.MATCHING_FUND, {S.GRANT}),
        (FinancingSource.INVESTOR_EQUITY, {S.EQUITY}),
        (FinancingSource.OWN_FUNDS, set()),
        (FinancingSource.FAMILY_AND_DIASPORA, set()),
    ],
)
def test_each_financing_source_maps_to_the_services_that_can_fund_it(source, services):
    assert services_for_source(source) == services


def test_every_financing_source_has_an_answer():
    for source in FinancingSource:
        assert isinstance(services_for_source(source), frozenset)
