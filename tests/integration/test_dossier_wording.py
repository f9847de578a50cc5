"""The dossier speaks to a lender and an entrepreneur: their words, countries by name, no code."""

import copy
import re
from dataclasses import replace
from datetime import date

import pytest

from casework.dossier.context import FeasibilitySectionLine, FeasibilitySummary, MilestoneLine
from casework.dossier.render import render_dossier, render_dossier_html
from casework.vocabulary import Audience
from tests.dossier_samples import PLAN_BODY, pdf_text, sample_context, stored_plan


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def _unfinished(status: str):
    """A case left with nothing done: no advisor, an unapproved plan, an open milestone."""
    context = sample_context()
    assert context.plan is not None
    assert context.assessment is not None
    return replace(
        context,
        case=replace(context.case, status=status, advisor_name=None),
        assessment=replace(context.assessment, training_completed=False),
        feasibility=FeasibilitySummary(
            "viable", [FeasibilitySectionLine("legal", "Legal", "", "")]
        ),
        plan=replace(context.plan, approved=False, approved_on=None),
        partner_matches=[],
        referrals=[],
        milestones=[MilestoneLine("Cold room installed", date(2026, 9, 30), None, "")],
        timeline=[],
    )


@pytest.mark.parametrize("status", ["completed", "reoriented", "withdrawn"])
def test_a_closed_case_never_says_what_is_not_yet_recorded(status) -> None:
    text = _text(render_dossier_html(_unfinished(status), Audience.UNIT))
    assert "not yet" not in text.lower()
    assert "Partner matches: none recorded before the case closed." in text
    assert "Not approved by the project leader" in text
    assert "Advisor None assigned" in text
    assert "Open" not in text.split("Follow-up milestones")[1].split("Plan against actual")[0]


def test_an_open_case_still_says_what_is_not_yet_recorded() -> None:
    text = _text(render_dossier_html(_unfinished("active"), Audience.UNIT))
    assert "Partner matches: not yet recorded." in text
    assert "Not yet approved by the project leader" in text


def test_countries_are_printed_by_name() -> None:
    text = _text(render_dossier_html(sample_context(), Audience.UNIT))
    assert "Country of residence France" in text
    assert "Country of origin Senegal" in text
    assert "Country of the project Senegal" in text
    assert "(SN)" not in text


def test_countries_are_named_by_babel_not_by_the_gathered_name() -> None:
    context = sample_context()
    case = replace(context.case, country="CD", country_name="The Democratic Republic of the Congo")
    person = replace(context.entrepreneur, country_of_residence="CI")
    text = _text(
        render_dossier_html(replace(context, case=case, entrepreneur=person), Audience.UNIT)
    )
    assert "Country of the project Congo - Kinshasa" in text
    assert "Country of residence Côte d’Ivoire" in text
    assert "Republic of the Congo" not in text


def test_a_plan_with_costs_as_yearly_totals_prints_no_field_name() -> None:
    body = copy.deepcopy(PLAN_BODY)
    del body["variable_cost_lines"], body["fixed_cost_lines"]
    body["operating_costs"] = [5_800_000, 7_400_000, 7_800_000, 8_200_000, 8_300_000]
    text = pdf_text(render_dossier(sample_context(plan=stored_plan(body)), Audience.UNIT))
    assert "splits its costs into variable and fixed ones" in text  # why no break-even
    assert re.findall(r"\b[a-z]+_[a-z_]+\b", text) == []
