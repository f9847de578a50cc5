"""A plan version's results are read, kept and printed through one typed model, however old."""

import uuid
from typing import Any

from casework.dossier.gather import plan_summary
from casework.investment_plan import InvestmentPlan, PlanResults, evaluate
from casework.investment_plan.measures import ReturnMeasures, Returns
from casework.models import InvestmentPlanVersion
from casework.services.facts import EXTERNAL_FINANCING_KEY
from casework.services.plans import results_json, results_of
from casework.vocabulary import FundingBand, Role
from tests.dossier_samples import LEGACY_BODY, LEGACY_RESULTS, PLAN_BODY, POLICY


def _version(body: dict[str, Any], results: dict[str, Any]) -> InvestmentPlanVersion:
    return InvestmentPlanVersion(
        case_id=uuid.uuid4(),
        version=1,
        body=body,
        results=results,
        author_id=uuid.uuid4(),
        author_role=Role.ENTREPRENEUR,
    )


def _fresh() -> PlanResults:
    return evaluate(InvestmentPlan.model_validate(PLAN_BODY), POLICY)


def test_results_saved_before_the_lenders_figures_read_with_those_figures_absent() -> None:
    results = results_of(_version(LEGACY_BODY, LEGACY_RESULTS))
    assert (results.npv, results.funding_band) == (8_762_081.58, FundingBand.MICRO)
    later = ("mirr", "mirr_note", "discounted_payback_years", "discounted_payback_note")
    later += ("equity", "break_even", "sources_and_uses", "warnings")
    later += ("min_dscr", "min_dscr_year", "dscr_note")
    assert {name: getattr(results, name) for name in later} == dict.fromkeys(later)
    tables = ("cash_flow_table", "loans", "sensitivity")
    assert [getattr(results, name) for name in tables] == [[], [], []]


def test_old_results_are_kept_again_in_their_own_shape_never_with_nulls_added() -> None:
    assert results_json(results_of(_version(LEGACY_BODY, LEGACY_RESULTS))) == LEGACY_RESULTS


def test_fresh_results_are_kept_whole_and_read_back_equal() -> None:
    results = _fresh()
    kept = results_json(results)
    assert kept == results.model_dump(mode="json")
    assert list(kept) == list(PlanResults.model_fields)  # every figure, in the model's order
    assert results_of(_version(PLAN_BODY, kept)) == results


def test_the_total_capital_and_equity_views_are_read_alike() -> None:
    results = _fresh()
    assert results.equity is not None
    views: list[Returns] = [results.total_capital, results.equity]
    for name in Returns.model_fields:
        assert all(hasattr(view, name) for view in views)
    assert results.total_capital.npv == results.npv
    # The owners' view also says its rate; the total-capital view is at the plan's own.
    assert set(ReturnMeasures.model_fields) - set(Returns.model_fields) == {"discount_rate"}


def test_the_dossier_prints_the_model_itself_with_old_tables_left_out() -> None:
    old = plan_summary(_version(LEGACY_BODY, LEGACY_RESULTS))
    assert old is not None
    assert old.results == results_of(_version(LEGACY_BODY, LEGACY_RESULTS))
    assert old.revenues == LEGACY_BODY["revenues"]  # the body's yearly totals
    fresh = plan_summary(_version(PLAN_BODY, results_json(_fresh())))
    assert fresh is not None
    assert fresh.results == _fresh()
    # A plan given as lines has no yearly totals in its body: the results' table gives them.
    assert fresh.revenues == [row.revenues for row in fresh.results.cash_flow_table[1:]]


def test_the_status_views_one_figure_read_in_the_database_is_a_field_of_the_model() -> None:
    # The status view reads this figure by its key in SQL, to keep its read cheap.
    assert EXTERNAL_FINANCING_KEY in PlanResults.model_fields
