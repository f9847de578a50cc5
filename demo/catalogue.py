"""What the demo portfolio's stories are made of: countries, people's names, project ideas.

Plain data. Amounts are in EUR here; each story converts them to the plan's currency.
"""

from dataclasses import dataclass

from casework.vocabulary import Sector


@dataclass(frozen=True)
class Country:
    """A country the unit's projects go to, its currency and a few of its people's names."""

    code: str
    currency: str
    eur_rate: float  # units of the currency that make one euro
    towns: tuple[str, ...]
    women: tuple[str, ...]
    men: tuple[str, ...]
    surnames: tuple[str, ...]


@dataclass(frozen=True)
class Idea:
    """A kind of project: its title and summary (with {town}), sector, assets and scale."""

    title: str
    summary: str
    sector: Sector
    # What the money buys: (label, share of the investment, useful life in years).
    assets: tuple[tuple[str, float, int], ...]
    investment_eur: tuple[int, int]  # the range a plan's investment is drawn from
    margin: float  # operating margin once the business runs at full speed
    countries: tuple[str, ...]


_FCFA = 655.957  # XOF and XAF are both pegged to the euro at this rate

# fmt: off
COUNTRIES: dict[str, Country] = {c.code: c for c in (
    Country("SN", "XOF", _FCFA, ("Thiès", "Mbour", "Saint-Louis", "Ziguinchor", "Kaolack"),
            ("Aïssatou", "Khady", "Ndeye", "Coumba", "Mame Diarra"),
            ("Cheikh", "Babacar", "Ousmane", "Modou", "Pape"),
            ("Ndiaye", "Fall", "Sarr", "Gueye", "Diop", "Faye")),
    Country("ML", "XOF", _FCFA, ("Ségou", "Sikasso", "Kayes", "Bamako", "Koutiala"),
            ("Fatoumata", "Oumou", "Kadiatou", "Assitan"),
            ("Bakary", "Seydou", "Drissa", "Mamadou"),
            ("Keïta", "Coulibaly", "Traoré", "Diarra", "Konaté")),
    Country("CI", "XOF", _FCFA, ("Bouaké", "Yamoussoukro", "San-Pédro", "Daloa", "Abidjan"),
            ("Adjoua", "Aya", "Affoué", "Mariam"),
            ("Kouassi", "Yao", "Serge", "Konan"),
            ("Kouamé", "N'Guessan", "Bamba", "Koffi", "Ouattara")),
    Country("MA", "MAD", 10.85, ("Agadir", "Fès", "Oujda", "Tanger", "Béni Mellal"),
            ("Fatima Zahra", "Khadija", "Salma", "Nadia"),
            ("Hamid", "Karim", "Rachid", "Mehdi"),
            ("Benali", "El Idrissi", "Amrani", "Tazi", "Bennani")),
    Country("CM", "XAF", _FCFA, ("Douala", "Bafoussam", "Garoua", "Kribi", "Yaoundé"),
            ("Brigitte", "Solange", "Hélène", "Clarisse"),
            ("Emmanuel", "Patrice", "Hervé", "Alain"),
            ("Nkoulou", "Tchamba", "Ngo Bassa", "Fotso", "Mbida")),
    Country("TN", "TND", 3.38, ("Sfax", "Sousse", "Kairouan", "Bizerte", "Gabès"),
            ("Amel", "Imen", "Sonia", "Leïla"),
            ("Sami", "Walid", "Anis", "Mourad"),
            ("Ben Salah", "Trabelsi", "Jaziri", "Gharbi", "Mejri")),
)}

# Where the diaspora entrepreneurs live.
RESIDENCES = ("BE", "FR", "FR", "NL", "DE", "IT", "ES", "CA")

_WEST = ("SN", "ML", "CI", "CM")
_NORTH = ("MA", "TN")

IDEAS: tuple[Idea, ...] = (
    Idea("Poultry farm near {town}",
         "Layers and broilers for the markets of {town}, with a feed store of its own.",
         Sector.AGRICULTURE, (("Poultry houses", 0.55, 10), ("Chicks and feed stock", 0.25, 2),
                              ("Egg incubator", 0.2, 6)), (6_000, 30_000), 0.24, _WEST),
    Idea("Solar cold room in {town}",
         "Cold storage rented by the crate to fishers and traders in {town}.",
         Sector.AGRI_FOOD, (("Cold room", 0.7, 10), ("Solar panels and batteries", 0.3, 12)),
         (15_000, 60_000), 0.3, ("SN", "CI", "MA")),
    Idea("Cashew processing unit in {town}",
         "Shelling and roasting local cashews for export instead of selling them raw.",
         Sector.AGRI_FOOD, (("Shelling line", 0.6, 8), ("Building works", 0.4, 15)),
         (60_000, 380_000), 0.22, ("CI", "SN", "ML")),
    Idea("Wax-print and fabric stall in {town}",
         "Fabric bought in bulk and sold by the piece at {town}'s central market.",
         Sector.INFORMAL_TRADE, (("Opening stock", 0.8, 2), ("Stall fittings", 0.2, 5)),
         (1_500, 6_000), 0.18, _WEST),
    Idea("Cross-border food trade from {town}",
         "Onions, rice and oil bought wholesale and resold to market women around {town}.",
         Sector.INFORMAL_TRADE, (("Trading stock", 0.75, 1), ("Tricycle", 0.25, 5)),
         (2_000, 9_000), 0.15, _WEST),
    Idea("Shea butter cooperative in {town}",
         "Thirty women press shea kernels into butter for cosmetics buyers.",
         Sector.AGRICULTURE, (("Butter press and mill", 0.6, 8), ("Storage shed", 0.4, 12)),
         (8_000, 35_000), 0.26, ("ML", "CI")),
    Idea("Bakery in {town}",
         "Bread and pastries baked at dawn for the neighbourhood shops of {town}.",
         Sector.AGRI_FOOD, (("Oven", 0.5, 10), ("Kneader and proofer", 0.3, 8),
                            ("Shop fittings", 0.2, 6)), (12_000, 45_000), 0.2, _WEST + _NORTH),
    Idea("Drip irrigation for market gardens near {town}",
         "Solar-pumped drip irrigation so that vegetables grow through the dry season.",
         Sector.AGRICULTURE, (("Solar pump", 0.45, 10), ("Drip network", 0.35, 6),
                              ("Water tank", 0.2, 15)), (7_000, 40_000), 0.3, _WEST + _NORTH),
    Idea("Argan oil workshop in {town}",
         "A women's workshop pressing argan oil for shops and hotels.",
         Sector.CRAFTS, (("Presses", 0.5, 10), ("Workshop fit-out", 0.5, 12)),
         (10_000, 50_000), 0.28, ("MA",)),
    Idea("Olive oil mill in {town}",
         "A modern two-phase mill pressing the olives of {town}'s smallholders.",
         Sector.MANUFACTURING, (("Two-phase mill", 0.65, 12), ("Building works", 0.35, 20)),
         (120_000, 600_000), 0.25, ("TN", "MA")),
    Idea("Guest house in {town}",
         "Six rooms for visitors, with meals cooked from local produce.",
         Sector.TOURISM, (("Renovation works", 0.7, 20), ("Furniture and linen", 0.3, 6)),
         (30_000, 150_000), 0.3, ("MA", "TN", "SN")),
    Idea("Mobile money and phone repair shop in {town}",
         "Airtime, mobile money and phone repairs at the bus station of {town}.",
         Sector.DIGITAL, (("Repair tools and stock", 0.6, 3), ("Kiosk", 0.4, 6)),
         (2_000, 8_000), 0.2, _WEST),
    Idea("Web and software studio in {town}",
         "Websites and bookkeeping software for small firms, with clients in Europe too.",
         Sector.DIGITAL, (("Computers and servers", 0.6, 4), ("Office fit-out", 0.4, 6)),
         (10_000, 60_000), 0.35, ("SN", "MA", "TN", "CI")),
    Idea("Medical laboratory in {town}",
         "Blood tests and diagnostics for {town}, where patients now travel for them.",
         Sector.HEALTH, (("Analysers", 0.7, 7), ("Premises fit-out", 0.3, 12)),
         (80_000, 400_000), 0.26, _WEST + _NORTH),
    Idea("Private nursery school in {town}",
         "Early schooling for sixty children, with trained teachers.",
         Sector.EDUCATION, (("Classroom works", 0.7, 15), ("Furniture and materials", 0.3, 6)),
         (15_000, 70_000), 0.22, _WEST + _NORTH),
    Idea("Tailoring workshop in {town}",
         "Uniforms and made-to-measure clothes sewn by a team of six.",
         Sector.CRAFTS, (("Sewing machines", 0.6, 8), ("Fabric stock", 0.4, 2)),
         (3_000, 15_000), 0.2, _WEST + _NORTH),
    Idea("Cement block yard in {town}",
         "Blocks and paving stones for {town}'s builders, made with a vibrating press.",
         Sector.CONSTRUCTION, (("Block press", 0.55, 8), ("Mixer and moulds", 0.45, 6)),
         (10_000, 45_000), 0.2, _WEST),
    Idea("Refrigerated delivery van in {town}",
         "Fresh fish and dairy carried from the coast to the shops of {town}.",
         Sector.TRANSPORT, (("Refrigerated van", 1.0, 6),), (20_000, 55_000), 0.22,
         _WEST + _NORTH),
    Idea("Fish smoking ovens in {town}",
         "Improved ovens that smoke fish with half the wood and less smoke for the women.",
         Sector.AGRI_FOOD, (("Improved ovens", 0.7, 8), ("Drying racks", 0.3, 5)),
         (3_000, 14_000), 0.24, ("SN", "CI", "CM")),
)

# Reception and support notes, as an advisor writes them.
ASSESSMENT_NOTES = (
    "Knows the trade well; bookkeeping is the weak point.",
    "Clear idea of the customers; needs help with the figures.",
    "Has run a similar business for years; strong local network.",
    "Motivated and well prepared; own savings already set aside.",
    "Good technical skills; first time managing staff.",
)

TRAININGS = (
    ("Bookkeeping for small firms", "Chamber of commerce"),
    ("Managing a small business (ILO SIYB)", "Local SIYB trainer"),
    ("Food hygiene and safety", "National food safety agency"),
)
# fmt: on
