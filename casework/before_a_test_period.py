"""What a person planning a test period in their country of origin should settle before
leaving: information the status view gives, never a condition of support."""

TEST_PERIOD_CHECKLIST = (
    "Check that your residence permit stays valid while you are away, and for how long "
    "you may be absent without losing it.",
    "Ask your social-security, health-insurance and pension bodies which of your rights "
    "you keep abroad and which you can carry with you.",
    "Ask your employer about sabbatical or unpaid leave, so that your job is there if you "
    "come back.",
    "Keep an address, a bank account and your tax affairs in order in your country of "
    "residence while you test the project.",
    "This list is information only: your support never depends on whether you return.",
)
