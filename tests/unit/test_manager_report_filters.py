"""The report's heading says, in words, which cases it counts."""

import uuid
from datetime import date

from casework.dossier.wording import wording
from casework.manager_report.filters import WHOLE_UNIT, filters_applied
from casework.services.portfolio_queries import PortfolioFilter
from casework.vocabulary import Language

EN = wording(Language.EN)


def test_no_filter_is_the_whole_unit() -> None:
    assert filters_applied(PortfolioFilter(), EN, advisor_name=None) == (WHOLE_UNIT,)


def test_every_filter_is_a_phrase_with_names_in_words() -> None:
    only = PortfolioFilter(
        opened_from=date(2026, 1, 1),
        opened_until=date(2026, 6, 30),
        advisor_id=uuid.uuid4(),
        country="SN",
        sector="agri_food",
        origin_country="MA",
    )
    assert filters_applied(only, EN, advisor_name="Awa Ndiaye") == (
        "opened Jan 1, 2026 to Jun 30, 2026",
        "advisor Awa Ndiaye",
        "project in Senegal (SN)",
        "sector Agri-food",
        "entrepreneur from Morocco (MA)",
    )


def test_open_ended_periods_and_unknown_names_still_read() -> None:
    advisor = uuid.uuid4()
    assert filters_applied(
        PortfolioFilter(opened_until=date(2026, 3, 1), advisor_id=advisor, country="ZZ"),
        EN,
        advisor_name=None,
    ) == ("opened on or before Mar 1, 2026", f"advisor {advisor}", "project in ZZ")
    opened_from = PortfolioFilter(opened_from=date(2026, 3, 1))
    assert filters_applied(opened_from, EN, advisor_name=None) == (
        "opened on or after Mar 1, 2026",
    )
