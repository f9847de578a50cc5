"""The `portfolio-report` flow: the unit's figures published as Prefect artifacts.

Deployed on a weekly schedule by `casework serve` (`flows/schedule_runner.py`) and run
now by `casework report`. Each run computes the whole unit's portfolio (the same
figures as `GET /reports/portfolio`) and publishes them under stable keys, so that the
Artifacts page shows the latest report and each key's history:

- `portfolio-summary`: the headline figures, in words (markdown);
- `portfolio-pipeline`: one row per stage: cases, open, who is served, time, gate;
- `portfolio-served`: one row per group (women, men, diaspora, local): the same figures;
- `portfolio-partners`: one row per partner: referrals, answers, money.

Only counts, shares, days, amounts and partner organisations' names go in: Prefect's
database lies outside the case store and is never erased.
"""

from datetime import UTC, datetime
from typing import Any

from prefect import flow, get_run_logger
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.runtime import deployment

from casework.database import open_session
from casework.number_style import format_money
from casework.services.portfolio import Portfolio, portfolio
from flows.run_names import run_name

SUMMARY, PIPELINE, SERVED, PARTNERS = (
    "portfolio-summary",
    "portfolio-pipeline",
    "portfolio-served",
    "portfolio-partners",
)
GROUPS = (("by_gender", "woman", "women"), ("by_gender", "man", "men"))
ORIGINS = (("by_origin", "diaspora", "diaspora"), ("by_origin", "local", "local"))
STAGES = ("reception", "support", "linkage", "follow_up", "completed")
# What a cell says when a figure has no value (a lone "-" would render as a list bullet).
_NONE = "n/a"


def _run_name() -> str:
    return run_name("portfolio-report", datetime.now(UTC).date().isoformat())


@flow(name="portfolio-report", flow_run_name=_run_name)
def portfolio_report() -> dict[str, Any]:
    """Compute the unit's portfolio and publish it as artifacts; the headline figures."""
    logger = get_run_logger()
    started = "the weekly schedule" if deployment.id else "the casework report command"
    logger.info("Started by %s", started)
    with open_session() as session:
        figures = portfolio(session=session)
    create_markdown_artifact(
        key=SUMMARY, markdown=summary(figures), description="The unit's portfolio in words"
    )
    create_table_artifact(
        key=PIPELINE,
        table=pipeline_rows(figures),
        description="Per stage: cases, who they serve, days spent, the share passing its gate",
    )
    create_table_artifact(
        key=SERVED,
        table=served_rows(figures),
        description="Women and men, diaspora and local entrepreneurs, side by side",
    )
    create_table_artifact(
        key=PARTNERS,
        table=partner_rows(figures),
        description="Per partner: referrals, acceptance, first response, financing obtained",
    )
    logger.info(
        "Published the portfolio of %d case(s): %d open, %d partner(s)",
        figures.total_cases,
        sum(figures.open_by_stage.values()),
        len(figures.partners.get("by_partner", {})),
    )
    return headline(figures)


def headline(figures: Portfolio) -> dict[str, Any]:
    """What `casework report` prints: the counts a manager looks at first."""
    cost = figures.support_cost
    return {
        "cases": figures.total_cases,
        "open": sum(figures.open_by_stage.values()),
        "open_by_stage": figures.open_by_stage,
        "businesses_started": figures.outcomes["businesses_started"],
        "jobs_created": figures.outcomes["jobs_created"]["total"],
        "advisor_hours": cost["advisor_hours"],
        "support_cost": _eur(cost["cost_eur"]),
        "requested": _eur(figures.financing["requested_eur"]),
        "obtained": _eur(figures.financing["obtained_eur"]),
    }


def summary(figures: Portfolio) -> str:
    """The headline figures in words, for the Artifacts page."""
    served = figures.served
    women = served["by_gender"]["woman"]["total_cases"]
    men = served["by_gender"]["man"]["total_cases"]
    diaspora = served["by_origin"]["diaspora"]["total_cases"]
    local = served["by_origin"]["local"]["total_cases"]
    cost, outcomes, money = figures.support_cost, figures.outcomes, figures.financing
    partners = figures.partners
    jobs = outcomes["jobs_created"]
    waiting = ", ".join(f"{n} in {_stage(s)}" for s, n in figures.open_by_stage.items() if n)
    lines = [
        f"# Portfolio of the unit, {datetime.now(UTC):%d %B %Y}",
        "",
        f"- **{figures.total_cases} cases**, {sum(figures.open_by_stage.values())} open"
        + (f": {waiting}" if waiting else "")
        + ".",
        f"- **Who is served**: {women} women and {men} men; {diaspora} diaspora and "
        f"{local} local entrepreneurs.",
        f"- **Outcomes**: {outcomes['businesses_started']} businesses started; "
        f"{jobs['total']} jobs created ({jobs['women']} for women, {jobs['men']} for men).",
        f"- **Financing**: {_eur(money['requested_eur'])} asked of partners, "
        f"{_eur(money['obtained_eur'])} obtained.",
        f"- **Partners**: {partners.get('sent', 0)} referrals sent, "
        f"acceptance {_share(partners.get('acceptance_rate'))}, "
        f"median first response {_days(partners.get('median_response_days'))}.",
        f"- **Support cost**: {cost['advisor_hours']:,.1f} advisor hours; "
        f"{_eur(cost['cost_eur'])} at {_eur(cost['hourly_cost_eur'])} an hour against "
        f"{_eur(cost['investment_eur'])} invested ({_share(cost['cost_share'])}); "
        f"{cost['over_share_cases']} case(s) above {_share(cost['flag_share'])} of "
        "their project.",
    ]
    return "\n".join(lines) + "\n"


def pipeline_rows(figures: Portfolio) -> list[dict[str, Any]]:
    """One row per stage: how many, who, how long, and the share passing its gate."""
    by_gender, by_origin = figures.served["by_gender"], figures.served["by_origin"]
    gates = {gate.split("_to_")[0]: share for gate, share in figures.conversion.items()}
    rows = []
    for stage in STAGES:
        time = figures.time_in_stage.get(stage, {})
        rows.append(
            {
                "stage": _stage(stage),
                "cases": figures.by_stage[stage],
                "open": figures.open_by_stage[stage],
                "women": by_gender["woman"]["by_stage"][stage],
                "men": by_gender["man"]["by_stage"][stage],
                "diaspora": by_origin["diaspora"]["by_stage"][stage],
                "local": by_origin["local"]["by_stage"][stage],
                "median days": _days(time.get("median_days")),
                "p90 days": _days(time.get("p90_days")),
                "passed the gate": _share(gates.get(stage, {}).get("share")),
            }
        )
    return rows


def served_rows(figures: Portfolio) -> list[dict[str, Any]]:
    """One row per half of the unit: cases, reached linkage, outcomes, money, support."""
    rows = []
    for split, key, label in (*GROUPS, *ORIGINS):
        group = figures.served[split][key]
        rows.append(
            {
                "group": label,
                "cases": group["total_cases"],
                "reached linkage": group["conversion"]["support_to_linkage"]["passed"],
                "businesses started": group["outcomes"]["businesses_started"],
                "jobs created": group["outcomes"]["jobs_created"]["total"],
                "requested": _eur(group["financing"]["requested_eur"]),
                "obtained": _eur(group["financing"]["obtained_eur"]),
                "advisor hours": f"{group['support_cost']['advisor_hours']:,.1f}",
            }
        )
    return rows


def partner_rows(figures: Portfolio) -> list[dict[str, Any]]:
    """One row per partner: referrals, acceptance, first response, money asked and obtained."""
    money = figures.financing["by_partner"]
    rows = [
        {
            "partner": name,
            "sent": standing["sent"],
            "accepted": standing["accepted"],
            "acceptance": _share(standing["acceptance_rate"]),
            "first response": _days(standing["median_response_days"]),
            # A partner asked for no financing (a technical one) has no amounts.
            "asked": _eur(money[name]["requested_eur"]) if name in money else _NONE,
            "obtained": _eur(money[name]["obtained_eur"]) if name in money else _NONE,
        }
        for name, standing in figures.partners["by_partner"].items()
    ]
    return rows or [{"partner": "none yet", "sent": 0}]


def _eur(amount: float) -> str:
    return format_money(amount, "EUR")


def _share(value: float | None) -> str:
    return _NONE if value is None else f"{value * 100:.1f} %"


def _days(value: float | None) -> str:
    return _NONE if value is None else f"{value:.1f} days"


def _stage(stage: str) -> str:
    return stage.replace("_", "-")
