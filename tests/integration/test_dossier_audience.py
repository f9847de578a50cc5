"""Every field marked internal, found by its marker, stays out of the entrepreneur's copy."""

import io
import re
import uuid
from dataclasses import fields, is_dataclass, replace
from typing import Any, get_args

import pytest
from pypdf import PdfReader

from casework.actors import Actor
from casework.dossier.audience import audience_for, copy_for, restricted_fields
from casework.dossier.context import DossierContext
from casework.dossier.render import render_dossier
from casework.errors import Forbidden
from casework.vocabulary import Audience, Role
from tests.dossier_samples import sample_context

# Every field some copy leaves out, read from the markers on the dataclasses: no hand list.
INTERNAL = {
    (kind, part.name) for kind, part in restricted_fields(DossierContext, Audience.ENTREPRENEUR)
}


def _text(pdf: bytes) -> str:
    # pypdf can run neighbouring blocks together: compare on collapsed whitespace.
    reader = PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _with_every_internal_field_filled(
    context: DossierContext,
) -> tuple[DossierContext, dict[str, str]]:
    """The context with a phrase of its own in each internal field; the phrases by field."""
    phrases: dict[str, str] = {}

    def fill(value: Any) -> Any:
        if isinstance(value, list):
            return [fill(item) for item in value]
        if not is_dataclass(value) or isinstance(value, type):
            return value
        changes = {}
        for part in fields(value):
            name = f"{type(value).__name__}.{part.name}"
            if (type(value), part.name) in INTERNAL:
                # A new internal field of another type needs a sample value here.
                assert str in get_args(part.type), f"teach this test to fill {name}: {part.type}"
                phrases[name] = f"Staff remark ZQX{len(phrases)}INTERNAL on {part.name}"
                changes[part.name] = phrases[name]
            else:
                changes[part.name] = fill(getattr(value, part.name))
        return replace(value, **changes)

    return fill(context), phrases


@pytest.fixture(scope="module")
def filled() -> tuple[DossierContext, dict[str, str]]:
    return _with_every_internal_field_filled(sample_context())


def test_the_assessment_notes_are_marked_internal() -> None:
    assert {f"{kind.__name__}.{name}" for kind, name in INTERNAL} >= {"AssessmentSummary.notes"}


def test_the_units_copy_leaves_nothing_out() -> None:
    assert restricted_fields(DossierContext, Audience.UNIT) == []


def test_every_internal_field_can_be_left_out() -> None:
    for kind, part in restricted_fields(DossierContext, Audience.ENTREPRENEUR):
        assert type(None) in get_args(part.type), f"{kind.__name__}.{part.name} must admit None"


def test_the_sample_case_has_every_internal_field(filled) -> None:
    _, phrases = filled
    assert set(phrases) == {f"{kind.__name__}.{name}" for kind, name in INTERNAL}


def test_the_entrepreneurs_context_holds_no_internal_value(filled) -> None:
    context, phrases = filled
    copy = copy_for(context, Audience.ENTREPRENEUR)
    assert all(phrase not in repr(copy) for phrase in phrases.values())
    assert copy.assessment is not None
    assert copy.assessment.notes is None
    assert copy_for(context, Audience.UNIT) == context


def test_the_entrepreneurs_pdf_holds_no_internal_field_and_the_units_holds_them_all(
    filled,
) -> None:
    context, phrases = filled
    entrepreneurs = _text(render_dossier(context, Audience.ENTREPRENEUR))
    units = _text(render_dossier(context, Audience.UNIT))
    for name, phrase in phrases.items():
        token = phrase.split()[2]  # one word, so a line break cannot hide it
        assert token not in entrepreneurs, f"{name} reached the entrepreneur's copy"
        assert phrase in units, f"{name} is missing from the unit's copy"
    # The person's own data stays in their copy.
    person = context.entrepreneur
    for own in (person.email, person.full_name, "Woman", "Country of residence France"):
        assert own in entrepreneurs
    assert "Entrepreneur's copy" in entrepreneurs
    assert "Unit's copy" in units


@pytest.mark.parametrize(
    ("role", "asked", "printed"),
    [
        (Role.ENTREPRENEUR, None, Audience.ENTREPRENEUR),
        (Role.ENTREPRENEUR, Audience.ENTREPRENEUR, Audience.ENTREPRENEUR),
        (Role.ADVISOR, None, Audience.UNIT),
        (Role.ADVISOR, Audience.ENTREPRENEUR, Audience.ENTREPRENEUR),
        (Role.MANAGER, None, Audience.UNIT),
        (Role.MANAGER, Audience.UNIT, Audience.UNIT),
    ],
)
def test_each_role_gets_its_own_copy_unless_it_asks_for_one_it_may_read(role, asked, printed):
    assert audience_for(Actor(uuid.uuid4(), role), asked) == printed


def test_an_entrepreneur_may_not_ask_for_the_units_copy() -> None:
    with pytest.raises(Forbidden, match="audience may be: entrepreneur"):
        audience_for(Actor(uuid.uuid4(), Role.ENTREPRENEUR), Audience.UNIT)
