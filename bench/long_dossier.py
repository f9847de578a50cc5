"""A dossier that its readers lengthened: does its render cost grow with its pages, or faster?

Run with `.venv/bin/python bench/long_dossier.py [--repeats N]`. A throwaway SQLite
store in a temporary folder, no Prefect: an entrepreneur opens a case and saves
their plan 1, 50 and 150 times (each save is a line of the dossier's timeline).
Each dossier is gathered and rendered (unit's copy); the report gives the median
per page, and the ratio of the longest dossier's cost per page to the shortest's,
next to a one-paragraph page measured in the same run. Lists anyone can lengthen
are laid out with fixed table columns: an automatic layout measured every word of
every row, and a 150-save dossier cost 2.8 times more per page than a 1-save one (1.2 now).
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from measurements import Row, measure, nothing, print_ratio, print_rows
from sample_case import open_sample_case

SAVES = (1, 50, 150)


def main() -> int:
    """Build the case, time its dossier at each length, print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="timed renders of each length")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="casework-bench-") as tmp:
        os.environ["CASEWORK_DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.db'}"
        run(args.repeats)
    return 0


def run(repeats: int) -> None:
    """Time the dossier of one case after each number of plan saves."""
    from weasyprint import HTML

    from casework.database import open_session
    from casework.dossier.gather import gather_dossier
    from casework.dossier.render import render_dossier
    from casework.investment_plan import InvestmentPlan
    from casework.investment_plan.examples import design_example
    from casework.models import Case
    from casework.services.plans import save_plan
    from casework.vocabulary import Audience

    case_id, actor = open_sample_case()

    rows, saved = [], 0
    for saves in SAVES:
        with open_session() as session:
            case = session.get(Case, case_id)
            assert case is not None
            for n in range(saved, saves):
                body = {**design_example(), "revenues": [6e6 + n, 9e6, 11e6, 12e6, 12e6]}
                save_plan(case, InvestmentPlan.model_validate(body), actor, session=session)
            session.commit()
            saved = saves
            context = gather_dossier(case, session=session)
        row = measure(
            f"dossier after {saves} plan saves",
            lambda ctx=context: render_dossier(ctx, Audience.UNIT),
            repeats=repeats,
            warmup=1,
            before=nothing,
        )
        pages = _pages(render_dossier(context, Audience.UNIT))
        row.label += f" ({pages} pages)"
        rows.append((row, pages))

    baseline = measure(
        "one-paragraph page",
        lambda: HTML(string="<p>Hello.</p>").write_pdf(),
        repeats=repeats,
        warmup=1,
        before=nothing,
    )
    print_rows(
        "dossier render as its timeline grows",
        [r for r, _ in rows] + [baseline],
        show_samples=False,
    )
    per_page = [Row(f"{r.label}, per page", [s / p for s in r.samples]) for r, p in rows]
    print_rows("per page", [*per_page, baseline], show_samples=False)
    print_ratio("per page, longest / shortest", per_page[-1], per_page[0])
    print_ratio("per page, shortest / one-paragraph page", per_page[0], baseline)


def _pages(content: bytes) -> int:
    from io import BytesIO

    from pypdf import PdfReader

    return len(PdfReader(BytesIO(content)).pages)


if __name__ == "__main__":
    started = time.perf_counter()
    status = main()
    print(f"\n(run took {time.perf_counter() - started:.0f} s)")
    sys.exit(status)
