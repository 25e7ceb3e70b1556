"""What a resident expects for each query of the relevance set, as graded judgements.

Grades: 3 = exactly what was asked (right kind of shop, right place or condition,
or the shop named); 2 = a good answer but a weaker one (the right kind of shop one
commune away, an unverified listing for a bare category word, a close kind of
shop); 1 = acceptable (a related kind of shop, or one that merely sells the
product). Shops not listed have grade 0.

For a bare kind of shop ("boulangerie"), verified listings get 3 and the others 2:
the issue asks for verified and complete listings first.

``needs`` names what the search must learn before the query can score well:
"understanding" for words that should become filters ("près de Lambersart", "à
Tourcoing", "ouvert dimanche", a craftworker's served commune typed as a word).
These queries stay in the set so that the figures show the gain when it lands.
"""

from dataclasses import dataclass, field

from tests.search.relevance import corpus
from tests.search.relevance.corpus import SHOPS

UNDERSTANDING = "understanding"


@dataclass(frozen=True)
class Judgement:
    kind: str
    query: str
    # (title, grade) pairs, best first.
    expected: tuple[tuple[str, int], ...]
    # Extra search parameters, as the site's query string would carry them.
    params: dict[str, str] = field(default_factory=dict)
    needs: str = ""

    @property
    def grades(self) -> dict[str, int]:
        return dict(self.expected)


def _sunday(spec) -> bool:
    """Open some time on Sundays ("Su 08:00-12:30", "Mo-Su", "Sa-Su")."""
    return "Su" in spec.hours


def of_category(*tags: str, grade: int | None = None, where=None) -> dict[str, int]:
    """Every shop of these OSM tags: verified 3, others 2 (or ``grade`` for all)."""
    wanted = {tuple(tag.split("=")) for tag in tags}
    return {
        spec.title: grade if grade is not None else (3 if spec.verified else 2)
        for spec in SHOPS
        if spec.category in wanted and (where is None or where(spec))
    }


def selling(*words: str, grade: int = 3) -> dict[str, int]:
    """Shops listing a product whose name contains one of ``words`` (any case)."""
    return {
        spec.title: grade
        for spec in SHOPS
        if any(w.lower() in p.lower() for p in spec.products for w in words)
    }


def graded(*parts: dict[str, int]) -> tuple[tuple[str, int], ...]:
    """Merge grade maps (the highest grade wins), best first, stable within a grade."""
    merged: dict[str, int] = {}
    for part in parts:
        for title, grade in part.items():
            merged[title] = max(grade, merged.get(title, 0))
    return tuple(sorted(merged.items(), key=lambda item: -item[1]))


def only(*titles: str, grade: int = 3) -> dict[str, int]:
    return dict.fromkeys(titles, grade)


def J(kind, query, *parts, params=None, needs=""):
    return Judgement(
        kind=kind,
        query=query,
        expected=graded(*parts),
        params=params or {},
        needs=needs,
    )


BAKERIES = of_category("shop=bakery")
PASTRY_AS_BAKERY = of_category("shop=pastry", grade=1)
CHEESE = of_category("shop=cheese")
SEAFOOD = of_category("shop=seafood")
FLORISTS = of_category("shop=florist")
SHOE_REPAIR = of_category("shop=shoe_repair")
OPTICIANS = of_category("shop=optician")
BOOKS = of_category("shop=books")
WINE = of_category("shop=wine")
BUTCHERS = of_category("shop=butcher")
HAIR = of_category("shop=hairdresser")
PLUMBERS = of_category("craft=plumber")

_LAMBERSART_TOWN_HALL = {"lat": "50.647552", "lon": "3.021647"}
_MARCQ_TOWN_HALL = {"lat": "50.672001", "lon": "3.09697"}


def _in(*codes):
    return lambda spec: spec.commune in codes


JUDGEMENTS: list[Judgement] = [
    # --- Typos: a misspelled word of five letters or more still matches ------
    J("typos", "boulangrie", BAKERIES, PASTRY_AS_BAKERY),
    J("typos", "poissonerie", SEAFOOD, only("Traiteur de la Mer", grade=1)),
    J(
        "typos",
        "cordonier",
        SHOE_REPAIR,
        only("Atelier Bottier Delmotte", grade=2),
    ),
    J("typos", "fromagrie", CHEESE, of_category("shop=dairy", grade=1)),
    J("typos", "opticein", OPTICIANS),
    J("typos", "fleuritse", FLORISTS, of_category("shop=garden_centre", grade=1)),
    J("typos", "quincallerie", of_category("shop=hardware")),
    J(
        "typos",
        "chocolatrie",
        of_category("shop=chocolate"),
        of_category("shop=confectionery", grade=1),
    ),
    J(
        "typos",
        "librarie",
        BOOKS,
        only("La Bulle du Nord", "Maison de la Presse de Wambrechies", grade=1),
    ),
    J(
        "typos",
        "boucherei roubaix",
        of_category("shop=butcher", grade=3, where=_in(corpus.ROUBAIX)),
    ),
    # --- Missing accents -----------------------------------------------------
    J(
        "accents",
        "epicerie fine",
        of_category("shop=deli", grade=3),
        of_category("shop=convenience", grade=1),
    ),
    J(
        "accents",
        "cremerie",
        of_category("shop=dairy", grade=3),
        only("Fromagerie de Tourcoing", grade=2),
        of_category("shop=cheese", grade=1),
    ),
    J(
        "accents",
        "patisserie",
        of_category("shop=pastry", grade=3),
        only("Boulangerie Pâtisserie Wasquehal", "Aux Délices de Tourcoing", grade=2),
    ),
    J(
        "accents",
        "electricien",
        of_category("craft=electrician"),
    ),
    J(
        "accents",
        "ebeniste",
        only("Ébénisterie du Vieux-Lille", "Atelier Bois et Création"),
        only("Menuiserie Hennebelle", grade=1),
    ),
    J(
        "accents",
        "epices",
        only("Épices et Saveurs"),
        only("Alimentation Générale Mouhib", grade=1),
    ),
    J("accents", "torrefacteur cafe", of_category("shop=coffee", grade=3)),
    J("accents", "ceramiste", only("Atelier Terre et Feu")),
    # --- Plurals -------------------------------------------------------------
    J("plurals", "boulangeries", BAKERIES, PASTRY_AS_BAKERY),
    J("plurals", "fromageries", CHEESE, of_category("shop=dairy", grade=1)),
    J("plurals", "fleuristes", FLORISTS, of_category("shop=garden_centre", grade=1)),
    J("plurals", "opticiens", OPTICIANS),
    J(
        "plurals",
        "cordonniers",
        SHOE_REPAIR,
        only("Atelier Bottier Delmotte", grade=2),
    ),
    J("plurals", "cavistes", WINE, of_category("shop=beverages", grade=1)),
    J("plurals", "librairies", BOOKS, only("La Bulle du Nord", grade=1)),
    # "fleurs" must not bring the deli "La Fleur de Sel".
    J("plurals", "fleurs", FLORISTS, of_category("shop=garden_centre", grade=1)),
    # --- Elisions ------------------------------------------------------------
    J(
        "elisions",
        "l'epicerie",
        only(
            "L'Épicerie du Vieux-Lille",
            "L'Épicerie de Wambrechies",
            "Épicerie de Fives",
        ),
        only(
            "La Fleur de Sel",
            "Le Garde-Manger",
            "Alimentation Générale Mouhib",
            grade=2,
        ),
    ),
    # A name: the shop, and no need for other florists.
    J("elisions", "l'atelier floral", only("L'Atelier Floral")),
    J("elisions", "l'encre bleue", only("L'Encre Bleue")),
    J(
        "elisions",
        "plateau d'huitres",
        only("Traiteur de la Mer"),
        only("Aux Filets Bleus", grade=2),
        selling("huîtres", grade=1),
    ),
    J("elisions", "l'opticien", OPTICIANS),
    J(
        "elisions",
        "livres d'occasion",
        only("Librairie Vauban"),
        only("Dépôt-Vente de Marcq", grade=1),
    ),
    J("elisions", "l'encadreur", only("L'Encadreur de Croix")),
    # --- Products ------------------------------------------------------------
    J(
        "products",
        "huitres",
        selling("huîtres", grade=3),
        only("Traiteur de la Mer", grade=2),
        only("La Criée de Roubaix", grade=1),
    ),
    J(
        "products",
        "baguette",
        selling("baguette", grade=3),
        only("Le Pain d'Antan", grade=1),
    ),
    J(
        "products",
        "baguette tradition",
        selling("baguette tradition", grade=3),
        dict.fromkeys(selling("baguette"), 1),
    ),
    J(
        "products",
        "maroilles",
        of_category("shop=cheese", grade=3, where=lambda s: "Maroilles" in s.products),
        only("Crèmerie Sainte-Catherine", "L'Épicerie du Vieux-Lille", grade=2),
        of_category("shop=cheese", grade=1),
    ),
    J("products", "potjevleesch", selling("potjevleesch")),
    J(
        "products",
        "cote de boeuf",
        selling("côte de bœuf"),
        of_category("shop=butcher", grade=1),
    ),
    J("products", "gaufre", only("Pâtisserie Deledalle")),
    J("products", "pralines", selling("pralinés")),
    J(
        "products",
        "endives",
        selling("endives"),
        of_category("shop=greengrocer", grade=1),
    ),
    J(
        "products",
        "reproduction de cles",
        only("Cordonnerie Saint-Maurice", "Serrurerie Lambert"),
        only("Cordonnerie du Beffroi", "Cordonnerie de Marcq", grade=2),
        only("Quincaillerie Leclercq", grade=1),
    ),
    J("products", "tarte au sucre", selling("tarte au sucre")),
    J("products", "miel", only("Les Ruchers de Wambrechies")),
    # "Café du Pain" sells no bread.
    J(
        "products",
        "pain au levain",
        selling("pain au levain"),
        only("Le Fournil du Triolo", grade=2),
        dict.fromkeys(BAKERIES, 1),
    ),
    # --- English and Dutch words ---------------------------------------------
    J("en_nl", "bakery", BAKERIES, PASTRY_AS_BAKERY),
    J("en_nl", "bakkerij", BAKERIES, PASTRY_AS_BAKERY),
    J("en_nl", "cheese shop", CHEESE, of_category("shop=dairy", grade=1)),
    J("en_nl", "bloemist", FLORISTS, of_category("shop=garden_centre", grade=1)),
    J("en_nl", "butcher", BUTCHERS),
    J("en_nl", "slagerij", BUTCHERS),
    J("en_nl", "wine shop", WINE, of_category("shop=beverages", grade=1)),
    J("en_nl", "bookshop", BOOKS, only("La Bulle du Nord", grade=1)),
    J("en_nl", "hairdresser", HAIR),
    J("en_nl", "kapper", HAIR),
    J("en_nl", "fishmonger", SEAFOOD),
    J("en_nl", "loodgieter", PLUMBERS, of_category("craft=hvac", grade=1)),
    J("en_nl", "flowers", FLORISTS, of_category("shop=garden_centre", grade=1)),
    # --- Commune + kind of shop, both typed ----------------------------------
    J(
        "commune_category",
        "boulangerie roubaix",
        of_category("shop=bakery", grade=3, where=_in(corpus.ROUBAIX)),
        of_category("shop=bakery", grade=1, where=_in(corpus.CROIX, corpus.WASQUEHAL)),
    ),
    J(
        "commune_category",
        "fromagerie lambersart",
        only("La Cloche à Fromage"),
        only("Fromagerie des Flandres", grade=1),
    ),
    J("commune_category", "fleuriste marcq en baroeul", only("Bloem")),
    J("commune_category", "opticien tourcoing", only("Lunetterie de la Grand-Place")),
    J(
        "commune_category",
        "cordonnier villeneuve d'ascq",
        only("Cordonnerie de la Gare"),
    ),
    J(
        "commune_category",
        "caviste lille",
        only("Cave des Flandres"),
        only("Le Comptoir à Bières", grade=1),
    ),
    J("commune_category", "coiffeur roubaix", only("Coiffure Nathalie")),
    J("commune_category", "boucherie la madeleine", only("Boucherie de la Madeleine")),
    J(
        "commune_category",
        "librairie tourcoing",
        only("Librairie du Ferrain"),
        only("Papeterie Centrale", grade=1),
    ),
    J("commune_category", "poissonnerie marcq", only("Poissonnerie de Marcq")),
    # No greengrocer in Villeneuve-d'Ascq: the farm shop is the best answer.
    J(
        "commune_category",
        "primeur villeneuve d'ascq",
        only("Ferme du Héron", grade=2),
    ),
    # --- Filters given as parameters (as the search page's form sends them) --
    J(
        "filters",
        "boulangerie",
        of_category("shop=bakery", grade=3, where=_in(corpus.ROUBAIX)),
        params={"commune": corpus.ROUBAIX},
    ),
    J(
        "filters",
        "plombier",
        only("Plomberie Delcourt"),
        only("Chauffage Dumont", grade=2),
        params={"commune": corpus.WAMBRECHIES},
    ),
    J(
        "filters",
        "electricien",
        only("Électricité Bernard"),
        params={"commune": corpus.WAMBRECHIES},
    ),
    J(
        "filters",
        "menuisier",
        only("Menuiserie Hennebelle", "Atelier Bois et Création"),
        params={"commune": corpus.LAMBERSART},
    ),
    J(
        "filters",
        "fromagerie",
        only("La Cloche à Fromage"),
        only("Fromagerie des Flandres", "Fromagerie du Vieux-Lille", grade=2),
        only("Crèmerie Sainte-Catherine", grade=1),
        params={**_LAMBERSART_TOWN_HALL, "radius_km": "4"},
    ),
    J(
        "filters",
        "caviste",
        only("La Cave de Marcq"),
        only("Cave de Wasquehal", grade=2),
        only("Cave des Flandres", grade=1),
        params={**_MARCQ_TOWN_HALL, "radius_km": "5"},
    ),
    # --- Craftworkers found in the communes they serve (typed as a word) -----
    J(
        "craft_served",
        "plombier wambrechies",
        only("Plomberie Delcourt"),
        only("Chauffage Dumont", grade=2),
        needs=UNDERSTANDING,
    ),
    J(
        "craft_served",
        "electricien wambrechies",
        only("Électricité Bernard"),
        needs=UNDERSTANDING,
    ),
    J(
        "craft_served",
        "menuisier lambersart",
        only("Menuiserie Hennebelle", "Atelier Bois et Création"),
        needs=UNDERSTANDING,
    ),
    J(
        "craft_served",
        "couvreur marcq en baroeul",
        only("Couverture Lenoir"),
        needs=UNDERSTANDING,
    ),
    J(
        "craft_served",
        "plombier croix",
        only("Dépannage Plomberie Roubaisienne"),
        needs=UNDERSTANDING,
    ),
    J("craft_served", "peintre lille", only("Peinture Delattre"), needs=UNDERSTANDING),
    # --- "près de X", "à X": a place in the words ----------------------------
    J(
        "near",
        "fromagerie près de lambersart",
        only("La Cloche à Fromage"),
        only("Fromagerie des Flandres", "Fromagerie du Vieux-Lille", grade=2),
        only("Crèmerie Sainte-Catherine", grade=1),
        needs=UNDERSTANDING,
    ),
    J(
        "near",
        "boulangerie pres de roubaix",
        of_category("shop=bakery", grade=3, where=_in(corpus.ROUBAIX)),
        of_category("shop=bakery", grade=2, where=_in(corpus.CROIX, corpus.WASQUEHAL)),
        needs=UNDERSTANDING,
    ),
    J(
        "near",
        "caviste près de marcq en baroeul",
        only("La Cave de Marcq"),
        only("Cave de Wasquehal", grade=2),
        only("Cave des Flandres", grade=1),
        needs=UNDERSTANDING,
    ),
    J("near", "fleuriste à lambersart", only("L'Atelier Floral"), needs=UNDERSTANDING),
    J(
        "near",
        "cordonnier a tourcoing",
        only("Cordonnerie du Beffroi"),
        needs=UNDERSTANDING,
    ),
    J(
        "near",
        "poissonnerie près de la madeleine",
        only("Poissonnerie de la Marée"),
        only("Poissonnerie de Marcq", grade=2),
        only("Poissonnerie Wazemmes", grade=1),
        needs=UNDERSTANDING,
    ),
    # --- "ouvert dimanche": opening hours in the words -----------------------
    J(
        "sunday",
        "boulangerie ouverte dimanche",
        of_category("shop=bakery", grade=3, where=_sunday),
        of_category("shop=pastry", grade=1, where=_sunday),
        needs=UNDERSTANDING,
    ),
    J(
        "sunday",
        "boulangerie ouverte le dimanche roubaix",
        only("Boulangerie Vandamme"),
        only("Au Fournil de Roubaix", grade=1),
        needs=UNDERSTANDING,
    ),
    J(
        "sunday",
        "fromagerie ouverte dimanche",
        of_category("shop=cheese", grade=3, where=_sunday),
        needs=UNDERSTANDING,
    ),
    J(
        "sunday",
        "fleuriste dimanche",
        of_category("shop=florist", grade=3, where=_sunday),
        of_category("shop=garden_centre", grade=1, where=_sunday),
        needs=UNDERSTANDING,
    ),
    J(
        "sunday",
        "poissonnerie ouverte dimanche matin",
        of_category("shop=seafood", grade=3, where=_sunday),
        needs=UNDERSTANDING,
    ),
    J(
        "sunday",
        "epicerie ouverte dimanche",
        of_category("shop=convenience", grade=3, where=_sunday),
        only("L'Épicerie du Vieux-Lille"),
        needs=UNDERSTANDING,
    ),
    # --- Exact names ---------------------------------------------------------
    J("names", "Cave des Flandres", only("Cave des Flandres")),
    J("names", "la fleur de sel", only("La Fleur de Sel")),
    J("names", "cafe du pain", only("Café du Pain")),
    J("names", "boulangerie vandamme", only("Boulangerie Vandamme")),
    J("names", "au temps des fleurs", only("Au Temps des Fleurs")),
    J("names", "le marque page", only("Le Marque-Page")),
    J("names", "la bulle du nord", only("La Bulle du Nord")),
    # Also Dutch for "flower": other florists are fair answers after the shop.
    J("names", "bloem", only("Bloem"), {t: 1 for t in FLORISTS if t != "Bloem"}),
    J("names", "maison lefebvre", only("Maison Lefebvre")),
    J("names", "hair du temps", only("Hair du Temps")),
]

# --- Page 1: a trade word finds that trade, products find their sellers, and
# near-spellings never pad a page of real answers (issue 17). A place can be named
# in "where" (the gazetteer's communes and streets). Many of these have fewer than
# five right answers, so their own figure is page-1 precision: the share of page 1
# that is relevant.
OYSTERS = selling("huître")
KEYS = selling("clés")
LOCKSMITHS = of_category("shop=locksmith")
PAGE_ONE: list[Judgement] = [
    J("page1", "huitres", OYSTERS, of_category("shop=seafood", grade=1)),
    J("page1", "huîtres", OYSTERS, of_category("shop=seafood", grade=1)),
    J("page1", "huitre tourcoing", only("Aux Filets Bleus")),
    J("page1", "reproduction de clés", KEYS, LOCKSMITHS),
    J("page1", "double de cles", KEYS, LOCKSMITHS),
    J("page1", "serrurier", LOCKSMITHS, dict.fromkeys(KEYS, 1)),
    J("page1", "cordonnier", SHOE_REPAIR, of_category("craft=shoemaker", grade=1)),
    J("page1", "cordonnier roubaix", only("Cordonnerie Roubaisienne")),
    J("page1", "ressemelage", selling("ressemelage"), dict.fromkeys(SHOE_REPAIR, 1)),
    J("page1", "boucherie", BUTCHERS),
    J("page1", "merguez", selling("merguez")),
    J("page1", "potjevleesch", selling("potjevleesch")),
    J("page1", "endives", selling("endive"), of_category("shop=greengrocer", grade=1)),
    J("page1", "maroilles", selling("maroilles"), dict.fromkeys(CHEESE, 1)),
    J("page1", "tarte au sucre", selling("tarte au sucre")),
    J(
        "page1",
        "crevettes grises",
        selling("crevettes grises"),
        dict.fromkeys(SEAFOOD, 1),
    ),
    J("page1", "caviste", WINE),
    J("page1", "photo d'identite", only("Studio Photo Lumière")),
    J("page1", "pile de montre", selling("pile"), only("Bijouterie Dubois", grade=1)),
    J("page1", "retouches", only("Retouches Express")),
    J("page1", "ourlet", only("Retouches Express")),
    J("page1", "plombier", PLUMBERS),
    J("page1", "miel", selling("miel")),
    J("page1", "vinyles", only("Vinyles du Nord")),
    J("page1", "velo", of_category("shop=bicycle")),
    J("page1", "livres jeunesse", selling("jeunesse"), dict.fromkeys(BOOKS, 1)),
    J(
        "page1",
        "boulangerie",
        of_category("shop=bakery", grade=3, where=_in(corpus.ROUBAIX)),
        of_category("shop=bakery", grade=1, where=_in(corpus.CROIX, corpus.WASQUEHAL)),
        params={"where": "Roubaix"},
    ),
    J(
        "page1",
        "fromagerie",
        of_category("shop=cheese", grade=3, where=_in(corpus.LAMBERSART)),
        of_category("shop=cheese", grade=1, where=_in(corpus.LILLE)),
        params={"where": "Lambersart"},
    ),
    J(
        "page1",
        "fleuriste",
        only("Fleurs de Lys"),
        params={"where": "rue Esquermoise, Lille"},
    ),
    J(
        "page1",
        "cordonnerie",
        only("Cordonnerie de Marcq"),
        of_category("shop=shoe_repair", grade=1),
        params={"where": "avenue Foch, Marcq-en-Barœul"},
    ),
]
