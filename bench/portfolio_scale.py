"""The portfolio on generated stores of 1k, 10k and 100k cases, against a bare GROUP BY.

    .venv/bin/python bench/portfolio_scale.py [--sizes 1000,10000,100000] [--repeats 5]

Each store is a fresh SQLite file in a temporary folder, built by bulk inserts from a
fixed seed: entrepreneurs with profiles (gender, diaspora or local, origin), advisors,
partners, and cases that each went some way along the stages, with one event per stage
entered plus a note, a plan version once in support (band and amounts as the services
keep them), one to three time logs, referrals once in linkage (some answered, some
accepted with an amount), and the case's `case_figures` row. The generated figures
rows are checked against what the services draw (`refresh_case_figures`) on a sample
of cases before anything is timed.
For each size it prints the median of `portfolio()`
(every figure of GET /reports/portfolio) and of `SELECT stage, count(*) FROM cases
GROUP BY stage` on the same file, their ratio, and the growth from one size to the next.
"""

import argparse
import os
import random
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from measurements import Row, fmt, measure, nothing, p90  # noqa: E402

STAGES = ("reception", "support", "linkage", "follow_up", "completed")
SECTORS = ("agri_food", "retail", "crafts", "digital", "transport", "tourism", "energy")
COUNTRIES = ("SN", "MA", "CM", "ML", "CI", "TN")
BANDS = ((25_000, "micro"), (250_000, "meso"), (10**9, "sme"))


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="cases per store")
    parser.add_argument("--repeats", type=int, default=5, help="timed calls per measure")
    parser.add_argument("--warmup", type=int, default=1, help="untimed calls before them")
    args = parser.parse_args()
    args.sizes = [int(size) for size in args.sizes.split(",")]
    if min(args.sizes) < 10 or max(args.sizes) > 1_000_000 or args.repeats < 1:
        parser.error("sizes from 10 to 1,000,000 cases; at least one repeat")
    return args


def build(url: str, cases: int, rng: random.Random) -> None:
    """A store of `cases` generated cases, inserted in bulk."""
    from sqlalchemy import insert, select
    from sqlmodel import col

    from casework.database import create_tables, make_engine
    from casework.models import (
        Case,
        CaseEvent,
        CaseFigures,
        EntrepreneurProfile,
        InvestmentPlanVersion,
        Partner,
        Referral,
        TimeLog,
        Unit,
        User,
    )

    engine = make_engine(url)
    create_tables(engine)
    with engine.connect() as connection:
        unit = connection.execute(select(Unit.id).where(col(Unit.is_default))).scalar_one()
    start = datetime(2024, 1, 1, tzinfo=UTC)
    people = max(10, cases // 3)
    users = [_user(f"e{i}", "entrepreneur", start, unit) for i in range(people)]
    advisors = [_user(f"a{i}", "advisor", start, unit) for i in range(20)]
    profiles = {
        user["id"]: {
            "user_id": user["id"],
            "gender": rng.choice(("woman", "man", "woman", "man", None)),
            "country_of_residence": rng.choice(("FR", "BE", "SN", "MA")),
            "country_of_origin": rng.choice(COUNTRIES),
            "diaspora": rng.random() < 0.6,
            "updated_at": start,
        }
        for user in users
    }
    partners = [_partner(name, kind, start) for name, kind in PARTNERS]
    rows: dict[str, list[dict[str, Any]]] = {key: [] for key in TABLES}
    for number in range(cases):
        _case(number, rng, start, users, advisors, partners, profiles, rows)
    with engine.begin() as connection:
        connection.execute(insert(User.__table__), users + advisors)
        connection.execute(insert(EntrepreneurProfile.__table__), list(profiles.values()))
        connection.execute(insert(Partner.__table__), partners)
        for table in (Case, CaseEvent, InvestmentPlanVersion, TimeLog, Referral, CaseFigures):
            batch = rows[table.__tablename__]
            for at in range(0, len(batch), 20_000):
                connection.execute(insert(table.__table__), batch[at : at + 20_000])
    engine.dispose()


TABLES = (
    "cases",
    "case_events",
    "investment_plan_versions",
    "time_logs",
    "referrals",
    "case_figures",
)
PARTNERS = (
    ("Meso-credit fund", "financial"),
    ("Microfinance network", "financial"),
    ("BIO", "financial"),
    ("CDE", "technical"),
    ("Diaspora investors club", "both"),
)


def _user(name: str, role: str, at: datetime, unit: uuid.UUID) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "email": f"{name}@bench.example",
        "full_name": name,
        "role": role,
        "unit_id": unit,
        "password_hash": "-",
        "is_active": True,
        "created_at": at,
    }


def _partner(name: str, kind: str, at: datetime) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "name": name,
        "kind": kind,
        "services": [],
        "countries": list(COUNTRIES),
        "sectors": [],
        "languages": [],
        "description": "",
        "active": True,
        "is_example": False,
        "created_at": at,
    }


def _case(
    number: int,
    rng: random.Random,
    start: datetime,
    users: list[dict[str, Any]],
    advisors: list[dict[str, Any]],
    partners: list[dict[str, Any]],
    profiles: dict[uuid.UUID, dict[str, Any]],
    rows: dict[str, list[dict[str, Any]]],
) -> None:
    """One case's rows, and its figures row as the services would draw it."""
    case_id = uuid.uuid4()
    opened = start + timedelta(days=rng.randrange(700), hours=rng.randrange(24))
    reached = rng.choices(range(5), weights=(30, 30, 15, 15, 10))[0]
    status = (
        "completed"
        if reached == 4
        else rng.choice(("active",) * 6 + ("on_hold", "reoriented", "withdrawn"))
    )
    person = rng.choice(users)
    entrepreneur = person["id"]
    profile = profiles[entrepreneur]
    advisor = rng.choice(advisors)["id"]
    entered: dict[str, datetime] = {}
    at = opened
    for stage in STAGES[: reached + 1]:
        entered[stage] = at
        rows["case_events"].append(_event(case_id, at, stage, "moved"))
        rows["case_events"].append(_event(case_id, at + timedelta(days=1), stage, "note"))
        at += timedelta(days=rng.randrange(3, 90))
    case_row = {
        "id": case_id,
        "reference": f"BN-{number:07d}",
        "title": "Generated",
        "sector": rng.choice(SECTORS),
        "country": rng.choice(COUNTRIES),
        "summary": "-",
        "stage": STAGES[reached],
        "status": status,
        "entrepreneur_id": entrepreneur,
        "advisor_id": advisor,
        "unit_id": person["unit_id"],
        "version": 1,
        "project_leader_supplanted": False,
        "financed_outside": {},
        "reorientation_suggestions": [],
        "reorientation_activity_ids": [],
        "reorientation_code": "not_viable_market" if status == "reoriented" else None,
        "created_at": opened,
        "updated_at": at,
        "stage_entered_at": at,
    }
    rows["cases"].append(case_row)
    figures: dict[str, Any] = {
        "case_id": case_id,
        **{key: case_row[key] for key in ("stage", "status", "sector", "country")},
        "advisor_id": advisor,
        "unit_id": person["unit_id"],
        "opened_on": opened.date(),
        "reorientation_code": case_row["reorientation_code"],
        "gender": profile["gender"] or "undisclosed",
        "origin": "diaspora" if profile["diaspora"] else "local",
        "origin_country": profile["country_of_origin"],
        "band": None,
        "investment_eur": None,
        "external_financing_eur": None,
        **{f"entered_{stage}_at": entered.get(stage) for stage in STAGES},
        **{
            f"days_{stage}": round((entered[after] - entered[stage]).total_seconds() / 86400, 1)
            if after in entered
            else None
            for stage, after in pairwise(STAGES)
        },
        "reports_confirmed": 0,
        "reports_awaiting": 0,
        "jobs_created_women": 0,
        "jobs_created_men": 0,
        "revenue_eur": None,
        "planned_revenue_eur": None,
    }
    if reached >= 1:
        investment = round(rng.lognormvariate(10, 1), 2)
        external = round(investment * rng.random(), 2)
        band = next(band for top, band in BANDS if external <= top)
        rows["investment_plan_versions"].append(
            {
                "case_id": case_id,
                "version": 1,
                "body": {
                    "eur_rate": 1.0,
                    "financing": [{"source": "bank_loan", "amount": external}],
                },
                "results": {},
                "author_id": advisor,
                "author_role": "entrepreneur",
                "created_at": opened,
                "advisor_share": 0.0,
                "funding_band": band,
                "investment_eur": investment,
                "external_financing_eur": external,
            }
        )
        figures.update(band=band, investment_eur=investment, external_financing_eur=external)
    minutes = dict.fromkeys(STAGES[:4], 0)
    for _ in range(rng.randrange(1, 4)):
        stage = rng.choice(STAGES[: min(reached, 3) + 1])
        logged_on = entered[stage].date()
        spent = rng.randrange(15, 240)
        minutes[stage] += spent
        rows["time_logs"].append(
            {
                "case_id": case_id,
                "advisor_id": advisor,
                "minutes": spent,
                "activity": "",
                "logged_on": logged_on,
                "created_at": opened,
            }
        )
    figures["minutes"] = sum(minutes.values())
    figures.update({f"minutes_{stage}": spent for stage, spent in minutes.items()})
    if reached >= 2:
        _referrals(case_id, rng, entered["linkage"], advisor, partners, figures, rows)
    rows["case_figures"].append(figures)


def _referrals(
    case_id: uuid.UUID,
    rng: random.Random,
    sent: datetime,
    advisor: uuid.UUID,
    partners: list[dict[str, Any]],
    figures: dict[str, Any],
    rows: dict[str, list[dict[str, Any]]],
) -> None:
    for partner in rng.sample(partners, rng.randrange(1, 3)):
        status = rng.choice(("sent", "acknowledged", "accepted", "declined", "completed"))
        answered = sent + timedelta(days=rng.randrange(2, 40), hours=rng.randrange(24))
        requested = figures["external_financing_eur"]
        offered = (
            round(requested * rng.uniform(0.5, 1), 2)
            if status in ("accepted", "completed")
            else None
        )
        rows["referrals"].append(
            {
                "id": uuid.uuid4(),
                "case_id": case_id,
                "partner_id": partner["id"],
                "purpose": "-",
                "status": status,
                "note": "",
                "internal_note": "",
                "flags": [],
                "created_by": advisor,
                "created_at": sent,
                "updated_at": answered,
                "sent_at": sent,
                "acknowledged_at": answered if status != "sent" else None,
                "answered_at": answered
                if status in ("accepted", "declined", "completed")
                else None,
                "financing_lines": [0],
                "amount_offered": offered,
                "requested_eur": requested,
                "obtained_eur": offered,
                "source": "bank_loan",
            }
        )


def _event(case_id: uuid.UUID, at: datetime, stage: str, kind: str) -> dict[str, Any]:
    return {
        "case_id": case_id,
        "at": at,
        "kind": kind,
        "stage": stage,
        "summary": "-",
        "detail": {},
    }


def check_figures(session: Any, sample: int = 50) -> None:
    """The generated figures rows equal what the services draw, on a sample of cases."""
    from sqlmodel import select

    from casework.models import Case, CaseFigures
    from casework.services.case_figures import refresh_case_figures

    ids = session.exec(select(Case.id).order_by(Case.reference).limit(sample)).all()
    generated = [session.get(CaseFigures, case_id).model_dump() for case_id in ids]
    session.expunge_all()
    refresh_case_figures(ids, session=session)
    session.flush()
    drawn = [session.get(CaseFigures, case_id).model_dump() for case_id in ids]
    session.rollback()
    for ours, theirs in zip(generated, drawn, strict=True):
        differ = {key for key in ours if ours[key] != theirs[key]}
        if differ:
            raise SystemExit(f"generated figures differ from the services' on {sorted(differ)}")


def main() -> int:
    args = parse_args()
    folder = Path(tempfile.mkdtemp(prefix="casework-portfolio-"))
    os.environ["CASEWORK_DATABASE_URL"] = f"sqlite:///{folder / 'unused.db'}"
    from sqlalchemy import text
    from sqlmodel import Session

    from casework.database import make_engine
    from casework.services.portfolio import portfolio

    print("portfolio at scale (SQLite, one fresh store per size)")
    previous: tuple[Row, int] | None = None
    for size in args.sizes:
        url = f"sqlite:///{folder / f'portfolio-{size}.db'}"
        began = time.perf_counter()
        build(url, size, random.Random(size))
        built = time.perf_counter() - began
        engine = make_engine(url)
        with Session(engine) as session:
            check_figures(session)
            baseline = measure(
                "SELECT stage, count(*) GROUP BY stage",
                lambda: session.execute(
                    text("SELECT stage, count(*) FROM cases GROUP BY stage")
                ).all(),
                repeats=args.repeats,
                warmup=args.warmup,
                before=nothing,
            )
            figures = measure(
                "portfolio() (every figure)",
                lambda: portfolio(session=session),
                repeats=args.repeats,
                warmup=args.warmup,
                before=nothing,
            )
            total = portfolio(session=session).total_cases
        engine.dispose()
        print(f"\n{size:,} cases ({total:,} counted; store built in {built:.0f} s)")
        for row in (baseline, figures):
            print(f"  {row.label:<38} median {fmt(row.median)}  p90 {fmt(p90(row.samples))}")
        print(f"  ratio portfolio / GROUP BY stage: {figures.median / baseline.median:.0f}x")
        verdict = "under" if figures.median < 1 else "OVER"
        print(f"  goal: under 1 s on SQLite: {verdict} ({fmt(figures.median).strip()})")
        if previous is not None:
            last, last_size = previous
            growth = figures.median / last.median
            print(
                f"  growth from the last size: {growth:.1f}x for {size / last_size:.0f}x the cases"
            )
        previous = (figures, size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
