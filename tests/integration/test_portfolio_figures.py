"""Portfolio figures on a constructed unit whose answers were worked out by hand.

Five cases, written straight into the store with their events, plans and time:

- C1: a woman of the diaspora (origin SN), advisor A1, agri-food in SN; in follow-up,
  active; 10 days in reception, 20 in support, 29 in linkage; plan v2 micro 10,000 €
  (v1 was meso); 600 minutes.
- C2: a local woman, A1, retail in SN; in linkage, active; reception 4 days, support 20;
  meso 100,000 €; 300 minutes.
- C3: a man of the diaspora (origin MA), A2, agri-food in MA; reoriented from support
  (not viable market); reception 30 days; micro 20,000 €; 120 minutes.
- C4: no profile, A2, crafts in SN; withdrawn in reception; no plan; 60 minutes.
- C5: the same man, A1, retail in SN; on hold in support; reception 2 days; micro
  4,000 €; no minutes.

Nearest rank: of n sorted values, the ⌈p/100 × n⌉-th. Days in reception: 2, 4, 10, 30:
median the 2nd (4), 90th percentile the 4th (30).
"""

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import Session

from api.tokens import issue_token
from casework.database import open_session
from casework.models import (
    Case,
    CaseEvent,
    EntrepreneurProfile,
    InvestmentPlanVersion,
    TimeLog,
    User,
)
from casework.services.portfolio import Portfolio, PortfolioFilter, SupportCostRule, portfolio
from casework.services.units import default_unit
from casework.vocabulary import Role

JAN = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def day(n: int) -> datetime:
    """Day n of January 2026 (n may run past 31), at 09:00 UTC."""
    return JAN + timedelta(days=n - 1)


def person(session: Session, name: str, role: Role, **profile) -> uuid.UUID:
    user = User(email=f"{name}@unit.example", full_name=name, role=role, password_hash="-")
    session.add(user)
    session.flush()
    if profile:
        session.add(EntrepreneurProfile(user_id=user.id, **profile))
    return user.id


def a_case(
    session: Session,
    ref: str,
    owner,
    advisor,
    country,
    sector,
    stage,
    status,
    moves,
    plans=(),
    minutes=0,
    code=None,
) -> uuid.UUID:
    case = Case(
        reference=ref,
        title=ref,
        sector=sector,
        country=country,
        summary="-",
        stage=stage,
        status=status,
        entrepreneur_id=owner,
        advisor_id=advisor,
        unit_id=default_unit(session=session).id,
        reorientation_code=code,
        created_at=day(moves[0][1]),
    )
    session.add(case)
    session.flush()
    for stage_then, on in moves:
        session.add(
            CaseEvent(case_id=case.id, at=day(on), kind="moved", stage=stage_then, summary="-")
        )
        # A later event at the same stage does not move its entry.
        session.add(
            CaseEvent(
                case_id=case.id,
                at=day(on) + timedelta(hours=5),
                kind="note",
                stage=stage_then,
                summary="-",
            )
        )
    for version, (band, euros) in enumerate(plans, start=1):
        session.add(
            InvestmentPlanVersion(
                case_id=case.id,
                version=version,
                body={},
                results={},
                author_id=owner,
                author_role=Role.ENTREPRENEUR,
                funding_band=band,
                investment_eur=euros,
            )
        )
    if minutes:
        session.add(
            TimeLog(
                case_id=case.id, advisor_id=advisor, minutes=minutes, logged_on=date(2026, 2, 1)
            )
        )
    return case.id


@pytest.fixture
def unit(database):
    with open_session() as session:
        a1 = person(session, "a1", Role.ADVISOR)
        a2 = person(session, "a2", Role.ADVISOR)
        w1 = person(
            session, "w1", Role.ENTREPRENEUR, gender="woman", diaspora=True, country_of_origin="SN"
        )
        w2 = person(session, "w2", Role.ENTREPRENEUR, gender="woman", diaspora=False)
        m1 = person(
            session, "m1", Role.ENTREPRENEUR, gender="man", diaspora=True, country_of_origin="MA"
        )
        u = person(session, "u", Role.ENTREPRENEUR)
        a_case(
            session,
            "C1",
            w1,
            a1,
            "SN",
            "agri_food",
            "follow_up",
            "active",
            [("reception", 1), ("support", 11), ("linkage", 31), ("follow_up", 60)],
            plans=[("meso", 90_000.0), ("micro", 10_000.0)],
            minutes=600,
        )
        a_case(
            session,
            "C2",
            w2,
            a1,
            "SN",
            "retail",
            "linkage",
            "active",
            [("reception", 2), ("support", 6), ("linkage", 26)],
            plans=[("meso", 100_000.0)],
            minutes=300,
        )
        a_case(
            session,
            "C3",
            m1,
            a2,
            "MA",
            "agri_food",
            "support",
            "reoriented",
            [("reception", 3), ("support", 33)],
            plans=[("micro", 20_000.0)],
            minutes=120,
            code="not_viable_market",
        )
        a_case(
            session,
            "C4",
            u,
            a2,
            "SN",
            "crafts",
            "reception",
            "withdrawn",
            [("reception", 5)],
            minutes=60,
        )
        a_case(
            session,
            "C5",
            m1,
            a1,
            "SN",
            "retail",
            "support",
            "on_hold",
            [("reception", 7), ("support", 9)],
            plans=[("micro", 4_000.0)],
        )
        session.commit()
    return {"a1": a1, "a2": a2}


def figures(only: PortfolioFilter | None = None) -> Portfolio:
    with open_session() as session:
        return portfolio(session=session, only=only)


def test_the_pipeline_counts_every_case_and_only_open_ones_wait(unit):
    found = figures()
    assert found.total_cases == 5
    assert found.by_stage == {
        "reception": 1,
        "support": 2,
        "linkage": 1,
        "follow_up": 1,
        "completed": 0,
    }
    assert found.open_by_stage == {
        "reception": 0,
        "support": 1,
        "linkage": 1,
        "follow_up": 1,
        "completed": 0,
    }
    assert found.by_status == {
        "active": 2,
        "on_hold": 1,
        "reoriented": 1,
        "withdrawn": 1,
        "completed": 0,
    }
    assert found.by_sector == {"agri_food": 2, "retail": 2, "crafts": 1}
    assert found.reorientations == {"support": {"not_viable_market": 1}}


def test_who_is_served_splits_add_up_to_the_whole(unit):
    found = figures()
    assert found.by_gender_and_stage["woman"] == {
        "reception": 0,
        "support": 0,
        "linkage": 1,
        "follow_up": 1,
        "completed": 0,
    }
    assert found.by_gender_and_stage["man"]["support"] == 2
    assert found.by_gender_and_stage["undisclosed"]["reception"] == 1
    for stage, count in found.by_stage.items():
        assert sum(split[stage] for split in found.by_gender_and_stage.values()) == count
    assert {origin: group["cases"] for origin, group in found.diaspora_vs_local.items()} == {
        "diaspora": 3,
        "local": 1,
        "unknown": 1,
    }
    diaspora = found.diaspora_vs_local["diaspora"]
    assert (diaspora["reoriented"], diaspora["completed"]) == (1, 0)
    assert sum(g["cases"] for g in found.diaspora_vs_local.values()) == found.total_cases


def test_time_in_stage_and_conversion_follow_the_nearest_rank_rule(unit):
    found = figures()
    assert found.time_in_stage == {
        "reception": {"cases": 4, "median_days": 4.0, "p90_days": 30.0},
        "support": {"cases": 2, "median_days": 20.0, "p90_days": 20.0},
        "linkage": {"cases": 1, "median_days": 29.0, "p90_days": 29.0},
        "follow_up": {"cases": 0, "median_days": None, "p90_days": None},
    }
    assert found.conversion == {
        "reception_to_support": {"reached": 5, "passed": 4, "share": 0.8},
        "support_to_linkage": {"reached": 4, "passed": 2, "share": 0.5},
        "linkage_to_follow_up": {"reached": 2, "passed": 1, "share": 0.5},
        "follow_up_to_completed": {"reached": 1, "passed": 0, "share": 0.0},
    }


def test_bands_and_support_cost_read_the_current_plan_version(unit):
    found = figures()
    # C1's current version is micro; its first, meso, no longer counts.
    assert found.by_funding_band == {"micro": 3, "meso": 1, "sme": 0}
    # Micro: minutes 0, 120, 600 (median 120 = 2 h); 4,000, 10,000, 20,000 € (median 10,000);
    # 12 h over 34,000 €: 3.53 h per 10,000 €.
    assert found.support_cost_by_band == {
        "micro": {
            "cases": 3,
            "median_advisor_hours": 2.0,
            "median_investment_eur": 10_000.0,
            "advisor_hours_per_10k_eur": 3.53,
        },
        "meso": {
            "cases": 1,
            "median_advisor_hours": 5.0,
            "median_investment_eur": 100_000.0,
            "advisor_hours_per_10k_eur": 0.5,
        },
        "sme": {
            "cases": 0,
            "median_advisor_hours": None,
            "median_investment_eur": None,
            "advisor_hours_per_10k_eur": None,
        },
    }


def test_filters_keep_the_cases_asked_for(unit):
    assert figures(PortfolioFilter(advisor_id=unit["a1"])).total_cases == 3
    assert figures(PortfolioFilter(country="MA")).by_stage["support"] == 1
    assert figures(PortfolioFilter(origin_country="SN")).total_cases == 1
    assert figures(PortfolioFilter(sector="retail")).total_cases == 2
    window = figures(PortfolioFilter(opened_from=date(2026, 1, 3), opened_until=date(2026, 1, 5)))
    assert window.total_cases == 2
    assert window.time_in_stage["reception"] == {"cases": 1, "median_days": 30.0, "p90_days": 30.0}


def test_over_http_a_manager_filters_and_an_advisor_reads_their_own_caseload(unit, client):
    manager = {"Authorization": f"Bearer {issue_token(_manager(), 0)}"}
    advisor = {"Authorization": f"Bearer {issue_token(unit['a2'], 0)}"}
    whole = client.get("/reports/portfolio", headers=manager).json()
    assert whole["total_cases"] == 5
    assert whole["open_by_stage"]["support"] == 1
    narrowed = client.get("/reports/portfolio", params={"country": "MA"}, headers=manager)
    assert narrowed.json()["total_cases"] == 1
    # An advisor's figures are their own cases' (C3, C4), whatever they ask for.
    own = client.get("/reports/portfolio", params={"advisor_id": str(unit["a1"])}, headers=advisor)
    assert own.json()["total_cases"] == 2
    refused = client.get("/reports/portfolio", params={"country": "Senegal"}, headers=manager)
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["query", "country"]


def _manager() -> uuid.UUID:
    with open_session() as session:
        manager = person(session, "m", Role.MANAGER)
        session.commit()
        return manager


def test_each_half_of_the_unit_adds_up_to_the_whole(unit):
    found = figures()
    for split in ("by_gender", "by_origin"):
        halves = found.served[split].values()
        assert sum(half["total_cases"] for half in halves) == found.total_cases
        for stage, count in found.by_stage.items():
            assert sum(half["by_stage"][stage] for half in halves) == count
        for gate, passed in found.conversion.items():
            assert sum(half["conversion"][gate]["passed"] for half in halves) == passed["passed"]
        assert sum(half["support_cost"]["advisor_hours"] for half in halves) == pytest.approx(
            found.support_cost["advisor_hours"]
        )
    women = found.served["by_gender"]["woman"]
    # C1 and C2: 10 and 4 days in reception, 20 and 20 in support.
    assert women["time_in_stage"]["reception"] == {"cases": 2, "median_days": 4.0, "p90_days": 10.0}
    assert women["time_in_stage"]["support"] == {"cases": 2, "median_days": 20.0, "p90_days": 20.0}
    # C3 (reoriented) and C4's owner is no woman; C5 is on hold: the men's open support case.
    assert found.served["by_gender"]["man"]["open_by_stage"]["support"] == 1
    assert found.served["by_origin"]["diaspora"]["reorientations"] == {
        "support": {"not_viable_market": 1}
    }


def test_support_cost_counts_hours_by_stage_and_flags_the_costly_cases(unit):
    with open_session() as session:
        found = portfolio(session=session, rule=SupportCostRule(40.0, 0.03))
    cost = found.support_cost
    # Minutes logged 600, 300, 120, 60: hours 1, 2, 5, 10; median the 2nd, p90 the 4th.
    assert cost["cases_with_time"] == 4
    assert cost["advisor_hours"] == 18.0
    assert cost["hours_per_case"] == {"median": 2.0, "p90": 10.0}
    # Logged on 1 February (day 32): C1 and C2 stood in linkage, C3 (support on day 33)
    # and C4 in reception.
    assert cost["hours_by_stage"] == {
        "reception": {"cases": 2, "hours": 3.0, "hours_per_case": 1.5},
        "support": {"cases": 0, "hours": 0.0, "hours_per_case": None},
        "linkage": {"cases": 2, "hours": 15.0, "hours_per_case": 7.5},
        "follow_up": {"cases": 0, "hours": 0.0, "hours_per_case": None},
    }
    # Investing cases C1, C2, C3, C5: 17 h × 40 € = 680 € against 134,000 €.
    assert (cost["investing_cases"], cost["cost_eur"], cost["investment_eur"]) == (
        4,
        680.0,
        134_000.0,
    )
    assert cost["cost_share"] == 0.0051
    # Only C1 passes 3 %: 400 € of support for 10,000 € invested.
    assert cost["over_share_cases"] == 1
    assert cost["over_share_examples"] == [
        {"reference": "C1", "advisor_hours": 10.0, "investment_eur": 10_000.0, "cost_share": 0.04}
    ]


def test_the_figures_follow_a_profile_change_and_are_drawn_again_after_an_upgrade(unit):
    from sqlmodel import delete, select

    from casework.database import get_engine
    from casework.models import CaseFigures
    from casework.services.case_figures import fill_missing_case_figures

    with open_session() as session:
        profile = session.exec(
            select(EntrepreneurProfile).where(EntrepreneurProfile.diaspora.is_(False))  # type: ignore[union-attr]
        ).one()
        profile.gender = "man"
        session.add(profile)
        session.commit()
    # C2's owner now says man: the halves move, the whole stays.
    found = figures()
    assert found.served["by_gender"]["woman"]["total_cases"] == 1
    assert found.served["by_gender"]["man"]["total_cases"] == 3
    with open_session() as session:
        before = sorted(row.model_dump_json() for row in session.exec(select(CaseFigures)))
        session.exec(delete(CaseFigures))  # type: ignore[call-overload]
        session.commit()
    assert figures().total_cases == 0
    assert fill_missing_case_figures(get_engine()) == 5
    with open_session() as session:
        after = sorted(row.model_dump_json() for row in session.exec(select(CaseFigures)))
    assert after == before
