"""The filters a report was drawn with, in words for its heading, in the report's language."""

import uuid

import pycountry
from sqlmodel import Session

from casework.dossier.wording import Wording
from casework.language import N_
from casework.models import User
from casework.services.portfolio_queries import PortfolioFilter

WHOLE_UNIT = N_("none (every case of the unit)")


def filters_applied(
    only: PortfolioFilter, words: Wording, *, advisor_name: str | None
) -> tuple[str, ...]:
    """Each filter of `only` as a phrase in `words`' language; `advisor_name` names the
    advisor whose cases it keeps."""
    phrases = []
    if only.opened_from and only.opened_until:
        phrases.append(
            words.gettext(
                "opened %(start)s to %(end)s",
                start=words.day(only.opened_from),
                end=words.day(only.opened_until),
            )
        )
    elif only.opened_from:
        phrases.append(words.gettext("opened on or after %(day)s", day=words.day(only.opened_from)))
    elif only.opened_until:
        phrases.append(
            words.gettext("opened on or before %(day)s", day=words.day(only.opened_until))
        )
    if only.advisor_id:
        phrases.append(words.gettext("advisor %(name)s", name=advisor_name or only.advisor_id))
    if only.country:
        phrases.append(
            words.gettext("project in %(country)s", country=_country(only.country, words))
        )
    if only.sector:
        phrases.append(words.gettext("sector %(sector)s", sector=words.name(only.sector)))
    if only.origin_country:
        phrases.append(
            words.gettext(
                "entrepreneur from %(country)s", country=_country(only.origin_country, words)
            )
        )
    return tuple(phrases) or (words.gettext(WHOLE_UNIT),)


def _country(code: str, words: Wording) -> str:
    """A country by its name in `words`' language and its code: Senegal (SN); an unknown
    code as it is (Babel would name some, ZZ for one, as regions)."""
    if pycountry.countries.get(alpha_2=code) is None:
        return code
    return f"{words.country(code)} ({code})"


def advisor_name(advisor_id: uuid.UUID | None, *, session: Session) -> str | None:
    """The full name of the advisor a report is narrowed to; None when none or unknown."""
    user = session.get(User, advisor_id) if advisor_id else None
    return user.full_name if user else None
