"""What casework adds to WeasyPrint when it prints a full dossier: template, words, fetcher, PDF/A.

Run with `.venv/bin/python bench/dossier_overhead.py [--repeats 5]`. A throwaway SQLite
store in a temporary folder, no Prefect: an entrepreneur opens a case and saves the
design example's plan (the heaviest section: schedules, chart, landscape cash-flow plan).
Its full dossier (unit's copy) is gathered once; then, in one run:

- casework's print, as the on-request route prints it: the Jinja template in the
  language's environment (catalogue, Babel figures), WeasyPrint behind `LockedFetcher`;
- raw WeasyPrint on the same HTML with its own default fetcher: the baseline;
- the same print in French, and the archival variant (PDF/A-3b with the data attached).

The goal is casework's print within 1.2 times the raw render of the same HTML.
"""

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from measurements import Row, measure, nothing, print_ratio, print_rows
from sample_case import open_sample_case

if TYPE_CHECKING:
    from casework.dossier.context import DossierContext

GOAL = 1.2


def main() -> int:
    """Build the case, time its dossier each way, print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="timed renders of each")
    parser.add_argument("--warmup", type=int, default=1, help="untimed renders before them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="casework-bench-") as tmp:
        os.environ["CASEWORK_DATABASE_URL"] = f"sqlite:///{Path(tmp) / 'bench.db'}"
        return run(args.repeats, args.warmup)


def run(repeats: int, warmup: int) -> int:
    """Time casework's print of one dossier against raw WeasyPrint on its HTML."""
    from weasyprint import HTML

    from casework.dossier.fetcher import static_root
    from casework.dossier.keeping import attachment_of, context_data
    from casework.dossier.render import render_dossier, render_dossier_html
    from casework.vocabulary import Audience, Language

    context = _sample_dossier()
    html = render_dossier_html(context, Audience.UNIT, Language.EN)
    data = attachment_of(context_data().dump_python(context, mode="json"))
    base_url = static_root().as_uri() + "/"

    def times(label: str, func: Callable[[], Any]) -> Row:
        return measure(label, func, repeats=repeats, warmup=warmup, before=nothing)

    raw = times(
        "raw WeasyPrint, same HTML", lambda: HTML(string=html, base_url=base_url).write_pdf()
    )
    ours = times("casework, full dossier (en)", lambda: render_dossier(context, Audience.UNIT))
    french = times(
        "casework, full dossier (fr)", lambda: render_dossier(context, Audience.UNIT, Language.FR)
    )
    archival = times(
        "casework, archival PDF/A-3b (en)",
        lambda: render_dossier(context, Audience.UNIT, data=data),
    )
    rows = [raw, ours, french, archival]
    print_rows("full dossier render", rows, show_samples=False)
    print_ratio("casework / raw WeasyPrint (goal <= 1.2x)", ours, raw)
    print_ratio("French / English", french, ours)
    print_ratio("archival / plain", archival, ours)
    return 0


def _sample_dossier() -> "DossierContext":
    """The full dossier of a case with the design example's plan, from a fresh store."""
    from casework.database import open_session
    from casework.dossier.gather import gather_dossier
    from casework.investment_plan import InvestmentPlan
    from casework.investment_plan.examples import design_example
    from casework.models import Case
    from casework.services.plans import save_plan

    case_id, actor = open_sample_case()
    with open_session() as session:
        case = session.get(Case, case_id)
        assert case is not None
        save_plan(case, InvestmentPlan.model_validate(design_example()), actor, session=session)
        session.commit()
        return gather_dossier(case, session=session)


if __name__ == "__main__":
    started = time.perf_counter()
    status = main()
    print(f"\n(run took {time.perf_counter() - started:.0f} s)")
    sys.exit(status)
