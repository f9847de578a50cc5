"""The filters a report was drawn with, in words for its heading."""

import uuid

import pycountry
from sqlmodel import Session

from casework.manager_report.formats import format_name
from casework.models import User
from casework.services.portfolio_queries import PortfolioFilter

WHOLE_UNIT = "none (every case of the unit)"


def filters_applied(only: PortfolioFilter, *, advisor_name: str | None) -> tuple[str, ...]:
    """Each filter of `only` as a phrase; `advisor_name` names the advisor whose cases it keeps."""
    phrases = []
    if only.opened_from and only.opened_until:
        phrases.append(f"opened {only.opened_from.isoformat()} to {only.opened_until.isoformat()}")
    elif only.opened_from:
        phrases.append(f"opened on or after {only.opened_from.isoformat()}")
    elif only.opened_until:
        phrases.append(f"opened on or before {only.opened_until.isoformat()}")
    if only.advisor_id:
        phrases.append(f"advisor {advisor_name or only.advisor_id}")
    if only.country:
        phrases.append(f"project in {_country(only.country)}")
    if only.sector:
        phrases.append(f"sector {format_name(only.sector)}")
    if only.origin_country:
        phrases.append(f"entrepreneur from {_country(only.origin_country)}")
    return tuple(phrases) or (WHOLE_UNIT,)


def _country(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code)
    return f"{country.name} ({code})" if country else code


def advisor_name(advisor_id: uuid.UUID | None, *, session: Session) -> str | None:
    """The full name of the advisor a report is narrowed to; None when none or unknown."""
    user = session.get(User, advisor_id) if advisor_id else None
    return user.full_name if user else None
