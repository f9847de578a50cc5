"""What of a person's data a read shows, as the access log records it."""

from enum import StrEnum


class PersonalField(StrEnum):
    """A kind of personal data an answer carries."""

    NAME = "name"
    CONTACT = "contact"
    GENDER = "gender"
    RESIDENCE = "residence"
    ORIGIN = "origin"
    DIASPORA = "diaspora"
    LANGUAGE = "language"
    FINANCES = "finances"
    APPRAISAL = "appraisal"
    # Why the project, the person's experience, contribution, skills and networks, and (to
    # those who may read them) what they intend and their residence status.
    INTAKE = "intake"


_F = PersonalField

# A case dossier prints the entrepreneur's name, profile and project finances.
DOSSIER = (_F.NAME, _F.GENDER, _F.RESIDENCE, _F.ORIGIN, _F.DIASPORA, _F.FINANCES)
# A partner's copy: the name, how to reach the person, and the finances they agreed to share.
PARTNER_DOSSIER = (_F.NAME, _F.CONTACT, _F.FINANCES)
# The investment plan, its versions and the reported figures: the person's money.
FINANCES = (_F.FINANCES,)
# The advisor's appraisal of the person (skills, motivation, the decision's notes).
APPRAISAL = (_F.APPRAISAL,)
INTAKE = (_F.INTAKE,)
PROFILE = (_F.GENDER, _F.RESIDENCE, _F.ORIGIN, _F.DIASPORA, _F.LANGUAGE)
# A person's export: everything of theirs (their own read of it is logged too).
EXPORT = tuple(PersonalField)
