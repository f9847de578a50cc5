"""Money, partners and outcomes on a constructed unit worked out by hand.

One woman's case in linkage, plan in XOF at 655.957 to the euro: own funds and a
meso-credit line of 6,559,570 XOF (10,000 €). Both lines' credit is asked of two
partners, sent on day 10:
- Sahel Fund (financial) acknowledged on day 12 and accepted, offering 3,279,785 XOF
  (5,000 €);
- Caisse Rurale (financial) declined on day 20.
A man's case in follow-up reports two plan years: year 1 confirmed (2 women's and 3
men's jobs), year 2 not yet confirmed (it counts as awaiting, not in the jobs).
"""

from datetime import timedelta

import pytest

from casework.database import open_session
from casework.models import FollowUpReport, Partner, Referral
from casework.services.portfolio import portfolio
from casework.vocabulary import Role
from tests.integration.test_portfolio_figures import a_case, day, person

XOF = 655.957


@pytest.fixture
def unit(database):
    with open_session() as session:
        advisor = person(session, "a", Role.ADVISOR)
        woman = person(session, "w", Role.ENTREPRENEUR, gender="woman", diaspora=True)
        man = person(session, "m", Role.ENTREPRENEUR, gender="man", diaspora=False)
        linked = a_case(
            session,
            "L1",
            woman,
            advisor,
            "SN",
            "agri_food",
            "linkage",
            "active",
            [("reception", 1), ("support", 3), ("linkage", 9)],
        )
        session.add(_plan(linked, woman))
        followed = a_case(
            session,
            "F1",
            man,
            advisor,
            "SN",
            "retail",
            "follow_up",
            "active",
            [("reception", 1), ("support", 2), ("linkage", 3), ("follow_up", 4)],
        )
        sahel = Partner(name="Sahel Fund", kind="financial")
        rurale = Partner(name="Caisse Rurale", kind="financial")
        session.add_all([sahel, rurale])
        session.flush()
        session.add(
            _referral(linked, sahel.id, advisor, "accepted", acknowledged=12, offered=XOF * 5000)
        )
        session.add(_referral(linked, rurale.id, advisor, "declined", answered=20))
        for period, confirmed, jobs in ((1, True, (2, 3)), (2, False, (5, 5))):
            session.add(
                FollowUpReport(
                    case_id=followed,
                    period=period,
                    revenue=1000.0,
                    operating_costs=500.0,
                    jobs_created_women=jobs[0],
                    jobs_created_men=jobs[1],
                    reported_by=advisor,
                    reporter_role=Role.ADVISOR,
                    confirmed_by=advisor if confirmed else None,
                    confirmed_at=day(5) if confirmed else None,
                )
            )
        session.commit()


def _plan(case_id, owner):
    from casework.models import InvestmentPlanVersion

    return InvestmentPlanVersion(
        case_id=case_id,
        version=1,
        body={
            "currency": "XOF",
            "eur_rate": XOF,
            "financing": [
                {"source": "own_funds", "amount": 1_000_000},
                {"source": "meso_credit", "amount": XOF * 10_000},
            ],
        },
        results={},
        author_id=owner,
        author_role=Role.ENTREPRENEUR,
        funding_band="micro",
        investment_eur=11_524.5,
        external_financing_eur=10_000.0,
    )


def _referral(case_id, partner_id, advisor, status, acknowledged=None, answered=None, offered=None):
    sent = day(10)
    return Referral(
        case_id=case_id,
        partner_id=partner_id,
        purpose="Meso-credit for the cold room",
        status=status,
        created_by=advisor,
        sent_at=sent,
        acknowledged_at=day(acknowledged) if acknowledged else None,
        answered_at=day(answered)
        if answered
        else day(acknowledged) + timedelta(days=1)
        if acknowledged
        else None,
        financing_lines=[1],
        amount_offered=offered,
    )


def test_financing_requested_and_obtained_per_partner_and_source(unit):
    with open_session() as session:
        found = portfolio(session=session)
    assert (found.financing["requested_eur"], found.financing["obtained_eur"]) == (
        20_000.0,
        5_000.0,
    )
    assert found.financing["by_partner"] == {
        "Caisse Rurale": {
            "referrals": 1,
            "accepted": 0,
            "requested_eur": 10_000.0,
            "obtained_eur": 0.0,
        },
        "Sahel Fund": {
            "referrals": 1,
            "accepted": 1,
            "requested_eur": 10_000.0,
            "obtained_eur": 5_000.0,
        },
    }
    assert found.financing["by_source"] == {
        "meso_credit": {
            "referrals": 2,
            "accepted": 1,
            "requested_eur": 20_000.0,
            "obtained_eur": 5_000.0,
        }
    }
    # All of it asked for a woman of the diaspora.
    woman = found.served["by_gender"]["woman"]["financing"]
    assert woman == {"requested_eur": 20_000.0, "obtained_eur": 5_000.0}
    assert found.served["by_gender"]["man"]["financing"]["requested_eur"] == 0.0


def test_partners_acceptance_and_response_time(unit):
    with open_session() as session:
        found = portfolio(session=session)
    # First responses: 2 days (acknowledged) and 10 days (declined): the median is the 1st.
    assert {k: v for k, v in found.partners.items() if k != "by_partner"} == {
        "sent": 2,
        "answered": 2,
        "accepted": 1,
        "declined": 1,
        "acceptance_rate": 0.5,
        "median_response_days": 2.0,
    }
    assert found.partners["by_partner"]["Caisse Rurale"] == {
        "kind": "financial",
        "sent": 1,
        "answered": 1,
        "accepted": 0,
        "declined": 1,
        "acceptance_rate": 0.0,
        "median_response_days": 10.0,
    }


def test_outcomes_count_confirmed_figures_only(unit):
    with open_session() as session:
        found = portfolio(session=session)
    assert found.outcomes["businesses_started"] == 1
    assert found.outcomes["reports_confirmed"] == 1
    assert found.outcomes["reports_awaiting_confirmation"] == 1
    assert found.outcomes["jobs_created"] == {"women": 2, "men": 3, "total": 5}
    assert found.served["by_origin"]["local"]["outcomes"]["jobs_created"]["total"] == 5


def test_the_csv_holds_every_figure_of_the_json(unit, client):
    import csv
    import io

    from api.tokens import issue_token

    with open_session() as session:
        manager = person(session, "boss", Role.MANAGER)
        session.commit()
    headers = {"Authorization": f"Bearer {issue_token(manager, 0)}"}
    whole = client.get("/reports/portfolio", headers=headers).json()
    answer = client.get("/reports/portfolio.csv", headers=headers)
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "text/csv; charset=utf-8"
    lines = list(csv.reader(io.StringIO(answer.text)))
    assert lines[0] == ["figure", "value"]
    rebuilt: dict = {}
    for path, value in lines[1:]:
        *parents, leaf = path.split(".")
        node = rebuilt
        for part in parents:
            node = node.setdefault(part, {})
        node[leaf] = value
    assert rebuilt == _as_text(whole)
    assert ["financing.by_partner.Sahel Fund.obtained_eur", "5000.0"] in lines
    assert ["served.by_gender.woman.financing.requested_eur", "20000.0"] in lines


def _as_text(figures):
    """The JSON as the CSV writes it: lists numbered, values as text, null as empty."""
    if isinstance(figures, list):
        figures = dict(enumerate(figures)) if figures else figures
    if isinstance(figures, dict) and figures:
        return {str(key): _as_text(value) for key, value in figures.items()}
    if figures is None:
        return ""
    if figures == {} or figures == []:
        return "{}" if figures == {} else "[]"
    return str(figures)
