"""The case store's tables."""

from casework.models.access_log import AccessLog
from casework.models.case_figures import CaseFigures
from casework.models.cases import Case, CaseEvent, CaseEventText, ReferenceCounter
from casework.models.consents import Consent
from casework.models.dossiers import Dossier
from casework.models.erasure import ErasureRequest
from casework.models.follow_up import FollowUpReport, Milestone, TimeLog
from casework.models.guides import CaseGuide, CountryGuide
from casework.models.intake import CaseIntake, CaseIntakeReason
from casework.models.partners import Partner, PartnerMatch
from casework.models.pending_moves import PendingMove
from casework.models.referrals import Referral
from casework.models.reorientation import ReorientationActivity, ReorientationOutcome
from casework.models.sign_in import SignInFailures
from casework.models.support import (
    Assessment,
    FeasibilityStudy,
    InvestmentPlanVersion,
    TrainingEnrolment,
)
from casework.models.tasks import Task
from casework.models.units import Unit
from casework.models.users import EntrepreneurProfile, User

__all__ = [
    "AccessLog",
    "Assessment",
    "Case",
    "CaseEvent",
    "CaseEventText",
    "CaseFigures",
    "CaseGuide",
    "CaseIntake",
    "CaseIntakeReason",
    "Consent",
    "CountryGuide",
    "Dossier",
    "EntrepreneurProfile",
    "ErasureRequest",
    "FeasibilityStudy",
    "FollowUpReport",
    "InvestmentPlanVersion",
    "Milestone",
    "Partner",
    "PartnerMatch",
    "PendingMove",
    "ReferenceCounter",
    "Referral",
    "ReorientationActivity",
    "ReorientationOutcome",
    "SignInFailures",
    "Task",
    "TimeLog",
    "TrainingEnrolment",
    "Unit",
    "User",
]

# Registers the rule that a change to any row of a case moves the case's version.
import casework.models.case_version  # noqa: F401
