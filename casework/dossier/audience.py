"""Who reads which copy of a dossier, and what each copy leaves out.

A field of the dossier's context is marked once, where it is declared, with the
audiences that may read it (`field(metadata=INTERNAL)`). `copy_for` empties
every field an audience may not read before the context reaches a template, so
no template can print it by accident; a new audience (a partner's copy) is one
more `Audience` and one more set of readers, not a change to the templates.
"""

from collections.abc import Mapping
from dataclasses import Field, fields, is_dataclass, replace
from types import MappingProxyType
from typing import Any, TypeVar, get_args, get_type_hints

from casework.actors import Actor
from casework.errors import Forbidden
from casework.language import N_
from casework.vocabulary import Audience

_T = TypeVar("_T")
_READERS = "readers"

EVERYONE = frozenset(Audience)
UNIT_ONLY = frozenset({Audience.UNIT})

# A field's marker, as `field(metadata=INTERNAL)`: written by staff for staff, only the unit's
# copy holds it. A copy's leaving it out makes it None, so a marked field's type admits None.
INTERNAL: Mapping[str, frozenset[Audience]] = MappingProxyType({_READERS: UNIT_ONLY})

# The copies every transition keeps; a partner's copy belongs to a referral, not to a move.
KEPT_AUDIENCES = (Audience.ENTREPRENEUR, Audience.UNIT)

_COPY_TITLES = {
    Audience.ENTREPRENEUR: N_("Entrepreneur's copy"),
    Audience.UNIT: N_("Unit's copy, with the staff's internal notes"),
    Audience.PARTNER: N_("Partner's copy, shared with the entrepreneur's consent"),
}


def readers(part: Field[Any]) -> frozenset[Audience]:
    """The audiences whose copy holds the field `part`; an unmarked field is in every copy."""
    marked: frozenset[Audience] = part.metadata.get(_READERS, EVERYONE)
    return marked


def copy_for(context: _T, audience: Audience) -> _T:
    """`context` as `audience` may read it: every field it may not read is None."""
    copy: _T = _redacted(context, audience)
    return copy


def _redacted(value: Any, audience: Audience) -> Any:
    if isinstance(value, list | tuple):
        return type(value)(_redacted(item, audience) for item in value)
    if isinstance(value, dict):
        return {key: _redacted(item, audience) for key, item in value.items()}
    if not is_dataclass(value) or isinstance(value, type):
        return value
    return replace(
        value,
        **{
            part.name: (
                _redacted(getattr(value, part.name), audience)
                if audience in readers(part)
                else None
            )
            for part in fields(value)
        },
    )


def restricted_fields(root: type, audience: Audience) -> list[tuple[type, Field[Any]]]:
    """Every field of `root`, and of the dataclasses it holds, that `audience` may not read."""
    return [
        (kind, part)
        for kind in _parts(root)
        for part in fields(kind)
        if audience not in readers(part)
    ]


def _parts(root: type) -> list[type]:
    # Every dataclass reachable from `root` through its fields' declared types, once each.
    found: list[type] = []
    pending = [root]
    while pending:
        kind = pending.pop()
        if kind not in found:
            found.append(kind)
            for hint in get_type_hints(kind).values():
                pending.extend(_dataclasses_in(hint))
    return found


def _dataclasses_in(hint: Any) -> list[type]:
    own = [hint] if isinstance(hint, type) and is_dataclass(hint) else []
    return own + [kind for arg in get_args(hint) for kind in _dataclasses_in(arg)]


def audiences_of(actor: Actor) -> frozenset[Audience]:
    """The kept copies `actor` may list: staff read every copy, an entrepreneur only their own.

    A partner's copy is also read by the entrepreneur, through the referral it was sent with.
    """
    return EVERYONE if actor.is_staff else frozenset({Audience.ENTREPRENEUR})


def audience_for(actor: Actor, asked: Audience | None = None) -> Audience:
    """The copy printed for `actor`: the one asked for if they may read it, else their own."""
    if asked is None:
        return Audience.UNIT if actor.is_staff else Audience.ENTREPRENEUR
    if asked not in KEPT_AUDIENCES:
        raise Forbidden(
            "A partner's copy is printed only when a referral is sent, with the entrepreneur's "
            "consent: read it at /cases/{id}/referrals/{referral_id}/dossier.pdf."
        )
    if asked not in audiences_of(actor):
        allowed = ", ".join(sorted(audiences_of(actor)))
        raise Forbidden(
            f"{actor.role_in_words.capitalize()} may not read the {asked.value}'s copy "
            f"of the dossier; audience may be: {allowed}."
        )
    return asked


def copy_title(audience: Audience) -> str:
    """The copy's name as its cover prints it, in English: the cover translates it."""
    return _COPY_TITLES[audience]
