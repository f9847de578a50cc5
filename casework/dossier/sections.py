"""Which sections each dossier prints, in order, and their titles for the table of contents.

The full case dossier prints every section; each stage's dossier the ones its stage is
about. Sections are numbered by their place in the dossier printed.
"""

from dataclasses import dataclass

from casework.language import N_
from casework.vocabulary import DossierKind

# Every section a case dossier can print (a template _section_<key>.html.j2 each), with its title.
TITLES = {
    "project": N_("Entrepreneur and project"),
    "guidance": N_("Before investing in the country"),
    "assessment": N_("Assessment at reception"),
    "feasibility": N_("Feasibility study"),
    "plan": N_("Investment plan"),
    "matches": N_("Partner matches"),
    "referrals": N_("Referrals"),
    "milestones": N_("Follow-up milestones"),
    "plan_vs_actual": N_("Plan against actual"),
    "reorientation": N_("Reorientation"),
    "timeline": N_("Timeline"),
}

_SECTIONS: dict[DossierKind, tuple[str, ...]] = {
    DossierKind.FULL: tuple(TITLES),
    DossierKind.RECEPTION: ("project", "guidance", "assessment", "reorientation", "timeline"),
    DossierKind.SUPPORT: ("project", "assessment", "feasibility", "plan"),
    DossierKind.REFERRAL: ("project", "plan", "matches", "referrals"),
    DossierKind.FOLLOW_UP: ("project", "milestones", "plan_vs_actual", "timeline"),
}

# The dossiers' names, on their covers and in their file names' words.
KIND_TITLES = {
    DossierKind.FULL: N_("Case dossier"),
    DossierKind.RECEPTION: N_("Reception summary"),
    DossierKind.SUPPORT: N_("Support dossier"),
    DossierKind.REFERRAL: N_("Referral dossier"),
    DossierKind.FOLLOW_UP: N_("Follow-up report"),
}


@dataclass(frozen=True, slots=True)
class Section:
    """One section of a printed dossier: its template's key, number and English title."""

    key: str
    number: int
    title: str


def sections_of(kind: DossierKind) -> list[Section]:
    """The sections the `kind` dossier prints, numbered in order."""
    keys = _SECTIONS[kind]
    return [Section(key, number, TITLES[key]) for number, key in enumerate(keys, start=1)]
