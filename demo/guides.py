"""The demo unit's country guides: examples, in the unit's own words, dated.

They say what to ask and of whom rather than quote rules that change: the agencies
and central banks named are real, the advice is the unit's. One guide is left past
its age, so that the managers' stale-guide task shows in the demo.
"""

from datetime import date, timedelta
from typing import Any

from sqlmodel import Session

from casework.actors import Actor
from casework.services.guides import GuideInput, add_guide

_BCEAO = "https://www.bceao.int"

# country, sector, topic, title, text, sources, language, days since last checked
# fmt: off
GUIDES: list[tuple[str, str | None, str, str, str, list[str], str, int]] = [
    ("SN", None, "special_economic_zones", "Special economic zones around Dakar",
     "Projects that export or process goods can be set up in a special economic zone. "
     "Ask APIX, the investment promotion agency, which zone suits your activity, what it "
     "asks of you (jobs, exports) and what it offers in return (taxes, customs, a single "
     "window for the paperwork).", ["https://www.investinsenegal.com"], "en", 40),
    ("SN", None, "foreign_currency_accounts", "Keeping money in euros while you invest",
     "Exchange rules in the WAEMU zone are set by the BCEAO. Before you move savings, ask "
     "your bank in Senegal which accounts a person living abroad may hold, and how to "
     "bring money back out if the project stops. Keep the bank's receipts of every "
     "transfer: the unit's partners will ask for them.", [_BCEAO], "en", 40),
    ("SN", None, "customs_incentives", "Importer son équipement",
     "Le matériel d'un nouvel investissement peut bénéficier d'avantages douaniers. "
     "Demandez à l'APIX la liste des biens concernés avant d'acheter : une facture établie "
     "avant l'agrément ne compte souvent pas.", ["https://www.investinsenegal.com"], "fr", 90),
    ("ML", None, "investor_protection", "Protecting your investment in Mali",
     "Register the company and every property title in your own name, keep copies abroad, "
     "and ask the investment agency which guarantees the investment code gives. Family "
     "arrangements help, but a written contract protects you and them.",
     ["https://www.apimali.gov.ml"], "en", 120),
    ("ML", "agriculture", "land_and_property", "Farmland: customary and registered rights",
     "Much farmland is held under customary rights. Before you pay for a plot, have the "
     "village authorities and the land office confirm who may sell it, and turn the "
     "agreement into a registered title.", ["https://www.apimali.gov.ml"], "en", 200),
    ("CI", None, "investment_opportunities", "Where the investment agency sees openings",
     "The investment promotion centre publishes the sectors it promotes and the "
     "incentives attached. Read them with your advisor: an opening on paper still needs "
     "customers near you.", ["https://www.cepici.gouv.ci"], "en", 60),
    ("CI", None, "foreign_currency_accounts", "Moving savings to Côte d'Ivoire",
     "As in the rest of the WAEMU zone, the BCEAO sets the exchange rules. Ask your bank "
     "which account suits a resident abroad and keep every transfer receipt.",
     [_BCEAO], "en", 60),
    ("MA", None, "financing_programmes", "Programmes for Moroccans abroad who invest",
     "Public programmes co-finance projects of Moroccans living abroad. Ask the investment "
     "agency which one fits your project's size, and what share of your own money they "
     "expect.", ["https://www.morocconow.com"], "en", 150),
    ("MA", None, "foreign_currency_accounts", "Convertible accounts",
     "Bank Al-Maghrib's rules let Moroccans living abroad hold accounts in convertible "
     "dirhams. Ask your bank how money placed there can be used for an investment and "
     "brought back out.", ["https://www.bkam.ma"], "en", 150),
    ("CM", None, "customs_incentives", "Incentives for new investments in Cameroon",
     "The investment promotion agency explains the incentives the law gives new "
     "investments, customs included. Apply before you import: most advantages are not "
     "given after the fact.", ["https://www.investincameroon.net"], "en", 75),
    ("CM", None, "foreign_currency_accounts", "Exchange rules in the CEMAC zone",
     "The BEAC sets the exchange rules of the CEMAC zone. Ask your bank which account a "
     "person living abroad may open and what a transfer out requires.",
     ["https://www.beac.int"], "en", 75),
    ("TN", None, "land_and_property", "Buying land or premises in Tunisia",
     "Check the title at the land registry before paying, and ask a notary what a purchase "
     "by a Tunisian living abroad requires. This guide waits for its yearly check.",
     ["https://www.investintunisia.tn"], "en", 400),
    ("TN", None, "special_economic_zones", "Economic activity parks",
     "Export-oriented activities may settle in an economic activity park with its own "
     "customs and tax rules. The investment agency says which park suits you.",
     ["https://www.investintunisia.tn"], "en", 100),
    ("CD", None, "investor_protection", "Investing in the DRC: securing your rights",
     "Register the company and its assets, keep every contract in writing and ask the "
     "national investment agency which guarantees apply to your project.",
     ["https://www.investindrc.cd"], "en", 180),
    ("GH", None, "investment_opportunities", "Registering a foreign-owned business in Ghana",
     "A business owned from abroad may need to register with the investment centre and "
     "bring a minimum capital. Ask the centre whether your project is concerned before "
     "you sign a lease.", ["https://www.gipc.gov.gh"], "en", 210),
]
# fmt: on


def guide_inputs(today: date) -> list[GuideInput]:
    """The demo guides as a manager would write them on `today`."""
    return [
        GuideInput.model_validate(
            {
                "country": country,
                "sector": sector,
                "topic": topic,
                "title": title,
                "text": text,
                "sources": sources,
                "language": language,
                "checked_on": today - timedelta(days=age),
                "is_example": True,
            }
        )
        for country, sector, topic, title, text, sources, language, age in GUIDES
    ]


def write_guides(manager: Actor, today: date, *, session: Session) -> list[Any]:
    """Write the demo guides as `manager` (the programme's, so they are shared)."""
    return [add_guide(data, manager, session=session) for data in guide_inputs(today)]
