"""The portfolio on generated stores of 1k, 10k and 100k cases, against a bare GROUP BY.

    .venv/bin/python bench/portfolio_scale.py [--sizes 1000,10000,100000] [--repeats 5]

Each store is a fresh SQLite file in a temporary folder, built by bulk inserts from a
fixed seed: entrepreneurs with profiles (gender, diaspora or local, origin), advisors,
and cases that each went some way along the stages, with one event per stage entered
plus a note, a plan version once in support (band and amounts as the services keep
them) and one to three time logs. For each size it prints the median of `portfolio()`
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
from datetime import UTC, date, datetime, timedelta
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
    from sqlalchemy import insert

    from casework.database import create_tables, make_engine
    from casework.models import (
        Case,
        CaseEvent,
        EntrepreneurProfile,
        InvestmentPlanVersion,
        TimeLog,
        User,
    )

    engine = make_engine(url)
    create_tables(engine)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    people = max(10, cases // 3)
    users = [_user(f"e{i}", "entrepreneur", start) for i in range(people)]
    advisors = [_user(f"a{i}", "advisor", start) for i in range(20)]
    profiles = [
        {
            "user_id": user["id"],
            "gender": rng.choice(("woman", "man", "woman", "man", None)),
            "country_of_residence": rng.choice(("FR", "BE", "SN", "MA")),
            "country_of_origin": rng.choice(COUNTRIES),
            "diaspora": rng.random() < 0.6,
            "updated_at": start,
        }
        for user in users
    ]
    rows: dict[str, list[dict[str, Any]]] = {"cases": [], "events": [], "plans": [], "logs": []}
    for number in range(cases):
        _case(number, rng, start, users, advisors, rows)
    with engine.begin() as connection:
        connection.execute(insert(User.__table__), users + advisors)
        connection.execute(insert(EntrepreneurProfile.__table__), profiles)
        for table, key in (
            (Case.__table__, "cases"),
            (CaseEvent.__table__, "events"),
            (InvestmentPlanVersion.__table__, "plans"),
            (TimeLog.__table__, "logs"),
        ):
            batch = rows[key]
            for at in range(0, len(batch), 20_000):
                connection.execute(insert(table), batch[at : at + 20_000])
    engine.dispose()


def _user(name: str, role: str, at: datetime) -> dict[str, Any]:
    return {
        "id": uuid.uuid4(),
        "email": f"{name}@bench.example",
        "full_name": name,
        "role": role,
        "password_hash": "-",
        "is_active": True,
        "created_at": at,
    }


def _case(
    number: int,
    rng: random.Random,
    start: datetime,
    users: list[dict[str, Any]],
    advisors: list[dict[str, Any]],
    rows: dict[str, list[dict[str, Any]]],
) -> None:
    case_id = uuid.uuid4()
    opened = start + timedelta(days=rng.randrange(700), hours=rng.randrange(24))
    reached = rng.choices(range(5), weights=(30, 30, 15, 15, 10))[0]
    status = (
        "completed"
        if reached == 4
        else rng.choice(("active",) * 6 + ("on_hold", "reoriented", "withdrawn"))
    )
    at = opened
    for stage in STAGES[: reached + 1]:
        rows["events"].append(_event(case_id, at, stage, "moved"))
        rows["events"].append(_event(case_id, at + timedelta(days=1), stage, "note"))
        at += timedelta(days=rng.randrange(3, 90))
    advisor = rng.choice(advisors)["id"]
    rows["cases"].append(
        {
            "id": case_id,
            "reference": f"BN-{number:07d}",
            "title": "Generated",
            "sector": rng.choice(SECTORS),
            "country": rng.choice(COUNTRIES),
            "summary": "-",
            "stage": STAGES[reached],
            "status": status,
            "entrepreneur_id": rng.choice(users)["id"],
            "advisor_id": advisor,
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
    )
    if reached >= 1:
        investment = round(rng.lognormvariate(10, 1), 2)
        external = round(investment * rng.random(), 2)
        rows["plans"].append(
            {
                "case_id": case_id,
                "version": 1,
                "body": {},
                "results": {},
                "author_id": advisor,
                "author_role": "entrepreneur",
                "created_at": opened,
                "advisor_share": 0.0,
                "funding_band": next(band for top, band in BANDS if external <= top),
                "investment_eur": investment,
                "external_financing_eur": external,
            }
        )
    for _ in range(rng.randrange(1, 4)):
        rows["logs"].append(
            {
                "case_id": case_id,
                "advisor_id": advisor,
                "minutes": rng.randrange(15, 240),
                "activity": "",
                "logged_on": date(2025, 1, 1),
                "created_at": opened,
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
