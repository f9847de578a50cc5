"""The managers' PDF report: what its charts, template and layout cost next to an empty page.

Run with `.venv/bin/python bench/manager_report.py [--cases 300,3000] [--repeats 5]`.
A throwaway SQLite store per size in a temporary folder, no Prefect, generated the way
`bench/portfolio_scale.py` builds its stores (fixed seed). The figures are counted once
(`portfolio()`, measured by portfolio_scale.py); what is timed is the report made from
them, as `GET /reports/portfolio.pdf` makes it: the view, the pygal charts, the Jinja
template and WeasyPrint's layout and PDF, behind the locked fetcher. The report's size
does not grow with the unit (its tables list stages, bands, groups and partners), so
neither should its cost. The baseline is a one-paragraph page rendered in the same run.
"""

import argparse
import gc
import random
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from measurements import Row, measure, print_ratio, print_rows  # noqa: E402
from portfolio_scale import build  # noqa: E402


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default="300,3000", help="cases per generated unit")
    parser.add_argument("--repeats", type=int, default=5, help="timed renders of each")
    parser.add_argument("--warmup", type=int, default=1, help="untimed renders before them")
    parser.add_argument("--write", type=Path, help="also write the largest unit's PDF here")
    args = parser.parse_args()
    args.cases = [int(size) for size in args.cases.split(",")]
    if min(args.cases) < 10 or max(args.cases) > 100_000 or args.repeats < 1:
        parser.error("from 10 to 100,000 cases; at least one repeat")
    return args


def main() -> int:
    """Build each unit, time its report and its parts, then the baseline page."""
    args = parse_args()
    from sqlmodel import Session
    from weasyprint import HTML

    from casework.database import make_engine
    from casework.dossier.render import UNIT_NAME
    from casework.dossier.wording import wording
    from casework.manager_report import manager_report, render, render_manager_report
    from casework.manager_report.filters import WHOLE_UNIT
    from casework.manager_report.render import render_manager_report_html
    from casework.manager_report.report_charts import report_charts
    from casework.services.portfolio import portfolio
    from casework.vocabulary import Language

    # The report in English, as before the report had languages: the same work in any.
    words = wording(Language.EN)

    folder = Path(tempfile.mkdtemp(prefix="casework-report-"))
    rows: list[tuple[Row, int]] = []
    parts: list[Row] = []
    content = b""
    for size in args.cases:
        url = f"sqlite:///{folder / f'unit-{size}.db'}"
        build(url, size, random.Random(size))
        engine = make_engine(url)
        with Session(engine) as session:
            figures = portfolio(session=session)
        engine.dispose()
        report = manager_report(
            figures,
            words=words,
            unit_name=words.gettext(UNIT_NAME),
            filters=(words.gettext(WHOLE_UNIT),),
            generated_at=datetime.now(UTC),
        )
        # A collection before each sample: the store just built leaves garbage that a render
        # would otherwise pay for (0.75 s against 0.95 s for the same report, measured).
        timed = {"repeats": args.repeats, "warmup": args.warmup, "before": gc.collect}
        row = measure(
            f"report of {size:,} cases", lambda r=report: render_manager_report(r), **timed
        )
        content = render_manager_report(report)
        pages = _pages(content)
        row.label += f" ({pages} pages, {len(content) // 1024} KiB)"
        rows.append((row, pages))
        parts += [
            measure(
                f"  of which charts ({size:,})", lambda r=report: report_charts(r, words), **timed
            ),
            measure(
                f"  of which HTML: view, charts, Jinja ({size:,})",
                lambda r=report: render_manager_report_html(r),
                **timed,
            ),
            measure(
                f"  the same without its charts ({size:,})",
                lambda r=report: _without_charts(render, r),
                **timed,
            ),
        ]

    baseline = measure(
        "one-paragraph page",
        lambda: HTML(string="<p>Hello.</p>").write_pdf(),
        repeats=args.repeats,
        warmup=args.warmup,
        before=gc.collect,
    )
    print_rows(
        "managers' report render", [*(r for r, _ in rows), *parts, baseline], show_samples=False
    )
    per_page = [
        Row(f"{r.label.split(' (')[0]}, per page", [s / p for s in r.samples]) for r, p in rows
    ]
    print_rows("per page", [*per_page, baseline], show_samples=False)
    print_ratio("report / one-paragraph page", rows[-1][0], baseline)
    print_ratio("per page / one-paragraph page", per_page[-1], baseline)
    if len(rows) > 1:
        print_ratio("largest unit / smallest unit", rows[-1][0], rows[0][0])
    if args.write:
        args.write.write_bytes(content)
        print(f"\n  wrote {args.write}")
    return 0


def _without_charts(render, report) -> bytes:
    """The report with every chart left out (the template prints "nothing to draw")."""
    from casework.manager_report.report_charts import ReportCharts

    drawn = render.report_charts
    render.report_charts = lambda _report, _words: ReportCharts(None, None, None, None, None)
    try:
        return render.render_manager_report(report)
    finally:
        render.report_charts = drawn


def _pages(content: bytes) -> int:
    from io import BytesIO

    from pypdf import PdfReader

    return len(PdfReader(BytesIO(content)).pages)


if __name__ == "__main__":
    started = time.perf_counter()
    status = main()
    print(f"\n(run took {time.perf_counter() - started:.0f} s)")
    sys.exit(status)
