"""A demo case's partners and figures: referrals with their answers, and follow-up reports.

The plan's outside money goes to the lender its kind and size call for: a microfinance
institution of the country, the meso-credit fund (diaspora), a bank, or BIO beyond
the meso band. A case that leaves linkage has an accepted offer covering it; one still
in linkage waits on an answer, a decline, or an offer short of what was asked.
"""

import random
from datetime import UTC, date, datetime, time, timedelta

from demo import steps as s
from demo.plans import MESO_MAX_EUR

MICROFINANCE = {
    "SN": "Sahel Microfinance (example)",
    "ML": "Sahel Microfinance (example)",
    "MA": "Atlas Microcredit (example)",
    "TN": "Atlas Microcredit (example)",
    "CI": "Gulf of Guinea Microfinance (example)",
    "CM": "Gulf of Guinea Microfinance (example)",
}
CDE = "CDE (example)"
NETWORK = "Diaspora Business Network (example)"

DECLINES = (
    "The guarantee asked is beyond what the project leader can offer.",
    "The sector is outside the lender's priorities this year.",
    "Repayment capacity is too tight in year 1 for the amount asked.",
)
_INSTRUMENT = {"microcredit": "microcredit", "meso_credit": "loan", "bank_loan": "loan"}


def lender(country: str, plan: s.Body) -> tuple[str, float]:
    """The partner asked for the plan's outside money, and how much that is."""
    outside = [line for line in plan["financing"] if line["source"] not in _OWN_CIRCLE]
    amount = sum(line["amount"] for line in outside)
    source = outside[0]["source"]
    if source == "microcredit":
        return MICROFINANCE[country], amount
    if source == "meso_credit":
        return "Diaspora Meso-Credit Fund (example)", amount
    big = amount / plan["eur_rate"] > MESO_MAX_EUR
    return ("BIO (example)" if big else "Coastal Commercial Bank (example)"), amount


def linkage_referrals(
    rng: random.Random, country: str, plan: s.Body, *, passes: bool, nth: int
) -> list[s.Action]:
    """The referrals of linkage: an accepted offer if the case `passes`, else one of the waits."""
    partner, amount = lender(country, plan)
    purpose = f"Financing of the plan's outside money ({amount:,.0f} {plan['currency']})"
    asked: list[s.Action] = [s.Refer(partner, "draft", purpose), s.Refer(partner, "sent")]
    note = {"note": "Asked for the latest bank statements."}
    waits: list[list[s.Action]] = [
        asked,
        [*asked, s.Refer(partner, "acknowledged", answer=note)],
        [*asked, _decline(rng, partner), s.Refer(CDE, "draft", "Technical assistance")],
        [*asked, s.Refer(partner, "accepted", answer=_offer(amount * 0.7, short=True))],
        [*_technical(NETWORK, "Mentoring by an entrepreneur of the network"), *asked],
        asked[:1],
        [*asked, _decline(rng, partner)],
    ]
    if not passes:
        return waits[nth % len(waits)]
    work = [*asked]
    if rng.random() < 0.5:
        work.append(s.Refer(partner, "acknowledged", answer=note))
    work.append(s.Refer(partner, "accepted", answer=_offer(amount)))
    if rng.random() < 0.4:
        work += _technical(CDE, "Technical assistance for the equipment")
    if rng.random() < 0.3:
        work += [s.Refer(NETWORK, "draft", "Mentoring"), s.Refer(NETWORK, "sent")]
        reason = "No mentor is available for this sector this quarter."
        work.append(s.Refer(NETWORK, "declined", answer={"decline_reason": reason}))
    return work


def follow_up_referrals(
    rng: random.Random, country: str, plan: s.Body, *, completed: bool
) -> list[s.Action]:
    """The lender's support completed, with what it granted (always once a case is completed)."""
    if not completed and rng.random() < 0.5:
        return []
    partner, amount = lender(country, plan)
    outside = next(line for line in plan["financing"] if line["source"] not in _OWN_CIRCLE)
    terms = f"{outside.get('term_years', 5)} years at {outside.get('interest_rate', 0):.1%}"
    outcome = {"amount_granted": amount, "instrument": _INSTRUMENT.get(outside["source"], "loan"),
               "terms": terms}  # fmt: skip
    return [s.Refer(partner, "completed", answer={"outcome": outcome})]


def reports(rng: random.Random, plan: s.Body, as_of: date) -> list[s.Step]:
    """A report for each plan year ended (or in its last month) by `as_of`, most confirmed."""
    start = date.fromisoformat(plan["start_date"])
    found: list[s.Step] = []
    for period in (1, 2):
        ends = start + timedelta(days=365 * period)
        if ends - timedelta(days=30) > as_of:
            break
        # At the yearly review visit, or the last visit of a follow-up ending before it.
        reported = min(ends + timedelta(days=rng.randint(5, 30)), as_of - timedelta(days=2))
        revenue = plan["revenues"][period - 1] * rng.uniform(0.7, 1.15)
        costs = plan["operating_costs"][period - 1] * rng.uniform(0.9, 1.1)
        body = {
            "period": period,
            "visit_date": reported.isoformat(),
            "revenue": round(revenue, -2),
            "operating_costs": round(costs, -2),
            "jobs_created": {"women": rng.randint(0, 4), "men": rng.randint(0, 3)},
            "jobs_kept": {"women": rng.randint(0, 2), "men": rng.randint(0, 2)},
            "notes": "Figures from the cash book, checked at the visit.",
        }
        found.append(s.Step(_at(reported, 10), s.Report(body)))
        # The last report of a case still followed may wait for its confirmation.
        confirmed = min(reported + timedelta(days=rng.randint(1, 12)), as_of)
        if rng.random() > 0.2:
            found.append(s.Step(_at(confirmed, 15), s.Confirm(period)))
    return found


def _technical(partner: str, purpose: str) -> list[s.Action]:
    return [s.Refer(partner, "draft", purpose), s.Refer(partner, "sent"),
            s.Refer(partner, "accepted")]  # fmt: skip


def _decline(rng: random.Random, partner: str) -> s.Refer:
    return s.Refer(partner, "declined", answer={"decline_reason": rng.choice(DECLINES)})


def _offer(amount: float, short: bool = False) -> s.Body:
    if short:
        return {"amount_offered": round(amount, -2), "note": "Less than asked; the rest is open."}
    return {"amount_offered": amount, "note": "Offer made for the whole amount."}


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), UTC)


_OWN_CIRCLE = ("own_funds", "family_and_diaspora")
