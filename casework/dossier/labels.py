"""The words a dossier or report prints for a stored value: meso_credit -> Meso credit.

Every value a case can carry is listed once with its English words, marked for the
catalogues (`N_`), so a translator sees each of them; a value not listed (a newer one)
prints by the generic rule, in English, until it is added here.
"""

from casework.language import N_

LABELS: dict[str, str] = {
    # ActivityKind
    "training": N_("Training"),
    "employment_services": N_("Employment services"),
    "other_programme": N_("Other programme"),
    "existing_business": N_("Existing business"),
    "other": N_("Other"),
    # AssessmentDecision
    "proceed": N_("Proceed"),
    "reorient": N_("Reorient"),
    # CaseStatus
    "active": N_("Active"),
    "on_hold": N_("On hold"),
    "reoriented": N_("Reoriented"),
    "withdrawn": N_("Withdrawn"),
    "completed": N_("Completed"),
    # FeasibilityConclusion
    "pending": N_("Pending"),
    "viable": N_("Viable"),
    "not_viable": N_("Not viable"),
    # FeasibilitySection
    "market": N_("Market"),
    "technical": N_("Technical"),
    "organisation": N_("Organisation"),
    "legal": N_("Legal"),
    "environmental_social": N_("Environmental and social"),
    "financial": N_("Financial"),
    "risks": N_("Risks"),
    # FinancingSource
    "own_funds": N_("Own funds"),
    "family_and_diaspora": N_("Family and diaspora"),
    "grant": N_("Grant"),
    "matching_fund": N_("Matching fund"),
    "microcredit": N_("Microcredit"),
    "meso_credit": N_("Meso credit"),
    "bank_loan": N_("Bank loan"),
    "investor_equity": N_("Investor equity"),
    "partner_loan": N_("Partner loan"),
    # FundingBand
    "micro": N_("Micro"),
    "meso": N_("Meso"),
    "sme": N_("SME"),
    # GuideTopic
    "customs_incentives": N_("Customs and import incentives"),
    "special_economic_zones": N_("Special economic zones"),
    "foreign_currency_accounts": N_("Foreign-currency accounts"),
    "land_and_property": N_("Land and property"),
    "investor_protection": N_("Rule of law and investor protection"),
    "investment_opportunities": N_("Investment opportunities"),
    "financing_programmes": N_("Financing programmes"),
    # Gender
    "woman": N_("Woman"),
    "man": N_("Man"),
    "undisclosed": N_("Undisclosed"),
    # MilestoneKind
    "manual": N_("Manual"),
    "start_of_operations": N_("Start of operations"),
    "instalment": N_("Instalment"),
    "yearly_review": N_("Yearly review"),
    # PartnerKind
    "both": N_("Both"),
    # PartnerService
    "feasibility_study": N_("Feasibility study"),
    "technical_assistance": N_("Technical assistance"),
    "field_assistance": N_("Field assistance"),
    "loan": N_("Loan"),
    "equity": N_("Equity"),
    "guarantee": N_("Guarantee"),
    # ReferralStatus
    "draft": N_("Draft"),
    "sent": N_("Sent"),
    "acknowledged": N_("Acknowledged"),
    "accepted": N_("Accepted"),
    "declined": N_("Declined"),
    # ReorientationOutcomeKind
    "took_up_activity": N_("Took up activity"),
    "employed": N_("Employed"),
    "came_back_with_a_new_project": N_("Came back with a new project"),
    "not_taken_up": N_("Not taken up"),
    "no_news": N_("No news"),
    # ReorientationReason
    "not_viable_market": N_("Not viable market"),
    "insufficient_own_contribution": N_("Insufficient own contribution"),
    "skills_gap": N_("Skills gap"),
    "other_programme_fits": N_("Other programme fits"),
    # SectionStatus
    "missing": N_("Missing"),
    "complete": N_("Complete"),
    # Sector
    "agriculture": N_("Agriculture"),
    "agri_food": N_("Agri-food"),
    "informal_trade": N_("Informal trade"),
    "retail": N_("Retail"),
    "crafts": N_("Crafts"),
    "manufacturing": N_("Manufacturing"),
    "construction": N_("Construction"),
    "transport": N_("Transport"),
    "health": N_("Health"),
    "education": N_("Education"),
    "digital": N_("Digital"),
    "tourism": N_("Tourism"),
    "energy": N_("Energy"),
    "services": N_("Services"),
    # Stage
    "reception": N_("Reception"),
    "support": N_("Support"),
    "linkage": N_("Linkage"),
    "follow_up": N_("Follow-up"),
    # TrainingStatus
    "planned": N_("Planned"),
    "enrolled": N_("Enrolled"),
    "dropped": N_("Dropped"),
    # events
    "advisor_assigned": N_("Advisor assigned"),
    "assessment_recorded": N_("Assessment recorded"),
    "came_back": N_("Came back"),
    "case_edited": N_("Case edited"),
    "case_opened": N_("Case opened"),
    "consent_given": N_("Consent given"),
    "consent_withdrawn": N_("Consent withdrawn"),
    "feasibility_reviewed": N_("Feasibility reviewed"),
    "feasibility_saved": N_("Feasibility saved"),
    "financed_outside": N_("Financed outside"),
    "financed_outside_withdrawn": N_("Financed outside withdrawn"),
    "follow_up_confirmed": N_("Follow up confirmed"),
    "follow_up_period_set": N_("Follow up period set"),
    "follow_up_reported": N_("Follow up reported"),
    "milestone_added": N_("Milestone added"),
    "milestone_updated": N_("Milestone updated"),
    "plan_approved": N_("Plan approved"),
    "plan_saved": N_("Plan saved"),
    "referral_created": N_("Referral created"),
    "referral_updated": N_("Referral updated"),
    "reorientation_followed": N_("Reorientation followed"),
    "training_planned": N_("Training planned"),
    "training_updated": N_("Training updated"),
    "stage_changed": N_("Stage changed"),
    "put_on_hold": N_("Put on hold"),
    "resumed": N_("Resumed"),
    # Repayments against the plan, and the plan's loans
    "none_due": N_("None due"),
    "on_schedule": N_("On schedule"),
    "behind": N_("Behind"),
    "not_reported": N_("Not reported"),
    "annuity": N_("Annuity"),
    "linear": N_("Linear"),
}

# Groups of people as a report's rows and columns name them: plural where the label is one.
GROUP_NAMES: dict[str, str] = {
    "woman": N_("Women"),
    "man": N_("Men"),
    "diaspora": N_("Diaspora"),
    "local": N_("Local"),
    "unknown": N_("Unknown"),
}

# The occasions a copy is kept for: the stage table's moments, and a print on request.
MOMENTS = (
    N_("On request"),
    N_("Entry into support"),
    N_("Entry into linkage"),
    N_("Entry into follow-up"),
    N_("Completion"),
    N_("Reorientation"),
    N_("Put on hold"),
    N_("Resumption"),
    N_("Withdrawal"),
)


def english_label(value: str) -> str:
    """A stored value in the unit's English words, before any translation."""
    text = str(value)
    return LABELS.get(text, text.replace("_", " ").capitalize())


def english_group_name(value: str) -> str:
    """A group of people, or any stored value, as a report's heading names it in English."""
    return GROUP_NAMES.get(str(value)) or english_label(value)
