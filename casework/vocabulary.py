"""The unit's own words: every closed list of values a case can carry."""

from enum import StrEnum


class Role(StrEnum):
    ENTREPRENEUR = "entrepreneur"
    ADVISOR = "advisor"
    MANAGER = "manager"


# Who a dossier copy is printed for; a partner's copy is kept when a referral is sent.
class Audience(StrEnum):
    ENTREPRENEUR = "entrepreneur"
    UNIT = "unit"
    PARTNER = "partner"


# Which dossier is printed: the whole case, or one stage's (a referral's is also a partner's copy).
class DossierKind(StrEnum):
    FULL = "full"
    RECEPTION = "reception"
    SUPPORT = "support"
    REFERRAL = "referral"
    FOLLOW_UP = "follow_up"


# A kept dossier's data is captured when the case moves; its PDF is printed right after.
class DossierStatus(StrEnum):
    PENDING = "pending"
    READY = "ready"
    FAILED = "failed"
    # Its person asked to be forgotten: the copy's content is gone, its record stays.
    ERASED = "erased"


class ErasureStatus(StrEnum):
    REQUESTED = "requested"
    CONFIRMED = "confirmed"
    DECLINED = "declined"


# The languages the unit prints in (dossiers, reports): ISO 639-1 codes with a catalogue.
class Language(StrEnum):
    EN = "en"
    FR = "fr"


class Gender(StrEnum):
    WOMAN = "woman"
    MAN = "man"
    OTHER = "other"
    UNDISCLOSED = "undisclosed"


class Stage(StrEnum):
    RECEPTION = "reception"
    SUPPORT = "support"
    LINKAGE = "linkage"
    FOLLOW_UP = "follow_up"
    COMPLETED = "completed"


class Transition(StrEnum):
    """The moves a case can make; the stage table (casework/stages.py) has a row for each."""

    SUPPORT = "support"
    LINKAGE = "linkage"
    FOLLOW_UP = "follow_up"
    COMPLETED = "completed"
    REORIENTATION = "reorientation"
    ON_HOLD = "on_hold"
    RESUME = "active"
    WITHDRAWAL = "withdrawn"


# Why a project is reoriented; the free-text reason says the rest.
class ReorientationReason(StrEnum):
    NOT_VIABLE_MARKET = "not_viable_market"
    INSUFFICIENT_OWN_CONTRIBUTION = "insufficient_own_contribution"
    SKILLS_GAP = "skills_gap"
    OTHER_PROGRAMME_FITS = "other_programme_fits"
    OTHER = "other"


# What a reorientation activity of the managers' catalogue is.
class ActivityKind(StrEnum):
    TRAINING = "training"
    EMPLOYMENT_SERVICES = "employment_services"
    OTHER_PROGRAMME = "other_programme"
    EXISTING_BUSINESS = "existing_business"
    OTHER = "other"


# What became of a reoriented entrepreneur, recorded later.
class ReorientationOutcomeKind(StrEnum):
    TOOK_UP_ACTIVITY = "took_up_activity"
    EMPLOYED = "employed"
    CAME_BACK_WITH_A_NEW_PROJECT = "came_back_with_a_new_project"
    NOT_TAKEN_UP = "not_taken_up"
    NO_NEWS = "no_news"
    OTHER = "other"


class CaseStatus(StrEnum):
    ACTIVE = "active"
    ON_HOLD = "on_hold"
    REORIENTED = "reoriented"
    WITHDRAWN = "withdrawn"
    COMPLETED = "completed"


class Sector(StrEnum):
    AGRICULTURE = "agriculture"
    AGRI_FOOD = "agri_food"
    INFORMAL_TRADE = "informal_trade"
    RETAIL = "retail"
    CRAFTS = "crafts"
    MANUFACTURING = "manufacturing"
    CONSTRUCTION = "construction"
    TRANSPORT = "transport"
    HEALTH = "health"
    EDUCATION = "education"
    DIGITAL = "digital"
    TOURISM = "tourism"
    ENERGY = "energy"
    SERVICES = "services"
    OTHER = "other"


class AssessmentDecision(StrEnum):
    PROCEED = "proceed"
    REORIENT = "reorient"


class TrainingStatus(StrEnum):
    PLANNED = "planned"
    ENROLLED = "enrolled"
    COMPLETED = "completed"
    DROPPED = "dropped"


class FeasibilityConclusion(StrEnum):
    PENDING = "pending"
    VIABLE = "viable"
    NOT_VIABLE = "not_viable"


class SectionStatus(StrEnum):
    MISSING = "missing"
    DRAFT = "draft"
    COMPLETE = "complete"


class FeasibilitySection(StrEnum):
    MARKET = "market"
    TECHNICAL = "technical"
    ORGANISATION = "organisation"
    LEGAL = "legal"
    ENVIRONMENTAL_SOCIAL = "environmental_social"
    FINANCIAL = "financial"
    RISKS = "risks"


class PartnerKind(StrEnum):
    TECHNICAL = "technical"
    FINANCIAL = "financial"
    BOTH = "both"


class ReferralStatus(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    ACKNOWLEDGED = "acknowledged"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    COMPLETED = "completed"
    WITHDRAWN = "withdrawn"


class FundingBand(StrEnum):
    MICRO = "micro"
    MESO = "meso"
    SME = "sme"


class FinancingSource(StrEnum):
    OWN_FUNDS = "own_funds"
    FAMILY_AND_DIASPORA = "family_and_diaspora"
    GRANT = "grant"
    MATCHING_FUND = "matching_fund"
    MICROCREDIT = "microcredit"
    MESO_CREDIT = "meso_credit"
    BANK_LOAN = "bank_loan"
    INVESTOR_EQUITY = "investor_equity"
    PARTNER_LOAN = "partner_loan"


# What a partner offers; matching understands these, and a partner may list others as written.
class PartnerService(StrEnum):
    FEASIBILITY_STUDY = "feasibility_study"
    TECHNICAL_ASSISTANCE = "technical_assistance"
    FIELD_ASSISTANCE = "field_assistance"
    TRAINING = "training"
    LOAN = "loan"
    MESO_CREDIT = "meso_credit"
    MICROCREDIT = "microcredit"
    EQUITY = "equity"
    GUARANTEE = "guarantee"
    GRANT = "grant"


# What a task asks someone to do (GET /tasks): the README lists who acts on each kind.
class TaskKind(StrEnum):
    # The unit's staff
    ASSIGN_ADVISOR = "assign_advisor"
    MOVE_CASE = "move_case"
    COMPLETE_REFERRAL_RECORD = "complete_referral_record"
    CONSENT_WITHDRAWN = "consent_withdrawn"
    REVIEW_PLAN = "review_plan"
    CONFIRM_REPORT = "confirm_report"
    # Flagged by the daily follow-up sweep
    MILESTONE_OVERDUE = "milestone_overdue"
    REPAYMENT_OVERDUE = "repayment_overdue"
    REFERRAL_UNANSWERED = "referral_unanswered"
    STALE_CASE = "stale_case"
    PLAN_DEVIATION = "plan_deviation"
    REPORT_FIGURES = "report_figures"
    # A country guide past its age (about no case: the guide's unit's managers, or the
    # programme's for a shared guide)
    STALE_GUIDE = "stale_guide"
    # The entrepreneur
    GIVE_CONSENT = "give_consent"
    APPROVE_PLAN = "approve_plan"


# Where a follow-up milestone comes from: typed in, or drawn from the approved plan.
class MilestoneKind(StrEnum):
    MANUAL = "manual"
    START_OF_OPERATIONS = "start_of_operations"
    INSTALMENT = "instalment"
    YEARLY_REVIEW = "yearly_review"


# What a country guide tells a person about investing in their country of origin.
class GuideTopic(StrEnum):
    CUSTOMS_INCENTIVES = "customs_incentives"
    SPECIAL_ECONOMIC_ZONES = "special_economic_zones"
    FOREIGN_CURRENCY_ACCOUNTS = "foreign_currency_accounts"
    LAND_AND_PROPERTY = "land_and_property"
    INVESTOR_PROTECTION = "investor_protection"
    INVESTMENT_OPPORTUNITIES = "investment_opportunities"
    FINANCING_PROGRAMMES = "financing_programmes"
    OTHER = "other"


# How a guide came to be on a case: it applied to the case's country and sector, or an
# advisor chose it.
class GuideAttachment(StrEnum):
    AUTOMATIC = "automatic"
    ADVISOR = "advisor"


# Why the person brings the project (intake): asked to understand it, never weighed.
class ProjectReason(StrEnum):
    INVESTMENT = "investment"
    PREPARING_RETURN = "preparing_return"
    SUPPORTING_FAMILY = "supporting_family"
    CREATING_JOBS_AT_HOME = "creating_jobs_at_home"
    OTHER = "other"


# What the person intends to do themself (intake, sensitive): never a condition of support.
class Mobility(StrEnum):
    STAY_ABROAD = "stay_abroad"
    TEST_PERIOD = "test_period"
    RETURN = "return"
    UNDECIDED = "undecided"


# The person's standing in their country of residence (intake, sensitive).
class ResidenceStatus(StrEnum):
    CITIZEN = "citizen"
    LONG_TERM_RESIDENT = "long_term_resident"
    TEMPORARY_PERMIT = "temporary_permit"
    OTHER = "other"
    UNDISCLOSED = "undisclosed"
