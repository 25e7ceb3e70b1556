"""Commerce words residents use for the shops that sell them, expanded at search time.

Each line is one group of equivalent words, lowercase and without accents. The query
builder expands each word of a search into its group (any of them may match), which
works the same on every engine: the embedded one reads a synonym filter's
same-position tokens as all required. Applied at search time, the list can change
without reindexing.
"""

import re
import unicodedata
from functools import cache

COMMERCE_SYNONYMS = [
    "boulangerie, boulanger, boulangere, pain, baguette, viennoiserie, fournil",
    "patisserie, patissier, gateau, gateaux, entremets",
    "boucherie, boucher, viande, charcuterie, charcutier",
    "fromagerie, fromager, fromage, fromages, cremerie, cremier, cheese, "
    "cheesemonger, kaas",
    "poissonnerie, poissonnier, poisson, poissons, maree, huitres, crustaces, "
    "fishmonger, fish",
    "primeur, primeurs, fruits, legumes, maraicher",
    "caviste, cave, vin, vins, vigneron, spiritueux",
    "biere, bieres, brasserie, brasseur",
    "chocolatier, chocolaterie, chocolat, chocolats",
    "confiserie, confiseur, bonbons, sucreries",
    "epicerie, epicier, superette, alimentation",
    "traiteur, plats, cuisine",
    "torrefacteur, cafe, cafes",
    "the, thes, infusion",
    "miel, apiculteur, ruche",
    "fleuriste, fleurs, fleur, bouquet, bouquets, plantes",
    "jardinerie, jardin, pepiniere",
    "quincaillerie, quincaillier, bricolage, outils, visserie",
    "cordonnier, cordonnerie, ressemelage, chaussure, chaussures, cles, cle",
    "serrurier, serrurerie, serrure, serrures, depannage",
    "coiffeur, coiffeuse, coiffure, barbier, coupe",
    "esthetique, estheticienne, beaute, institut, onglerie, manucure",
    "opticien, optique, lunettes, lentilles",
    "audioprothesiste, audition, appareils",
    "pharmacie, parapharmacie, droguerie",
    "parfumerie, parfum, parfums, cosmetiques, maquillage",
    "herboriste, herboristerie, plantes",
    "librairie, libraire, livres, livre, bd, manga",
    "papeterie, fournitures, cartes",
    "presse, journaux, magazines, tabac, buraliste",
    "disquaire, vinyles, disques, musique",
    "jouets, jouet, jeux, ludotheque",
    "velo, velos, cycles, cycliste, bicyclette",
    "sport, sports, articles",
    "vetements, vetement, habits, mode, boutique, pret-a-porter",
    "bijouterie, bijoutier, bijoux, joaillier, joaillerie",
    "horloger, horlogerie, montre, montres, pendule",
    "maroquinerie, maroquinier, sacs, sac, cuir",
    "mercerie, couture, tissus, tissu, laine",
    "retouches, retoucherie, couturiere, couturier",
    "pressing, nettoyage, teinturerie",
    "laverie, lavomatique, linge",
    "animalerie, animaux, toilettage, toiletteur",
    "electricien, electricite",
    "plombier, plomberie, chauffagiste, chauffage",
    "menuisier, menuiserie, ebeniste, ebenisterie",
    "encadrement, encadreur, cadres, cadre",
    "photographe, photo, photos",
    "informatique, ordinateur, ordinateurs, reparation",
    "telephone, telephonie, smartphone, portable",
    "antiquaire, antiquites, brocante, brocanteur",
    "depot-vente, occasion, friperie, seconde-main",
    "meubles, meuble, ameublement, mobilier",
    "decoration, deco, decorateur",
    "tapissier, tapisserie, sellier",
    "potier, poterie, ceramique, ceramiste",
]


def fold(word: str) -> str:
    """Lowercase, accents off, French elision off: "L'Épicerie" → "epicerie"."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return re.sub(r"^(?:[lmtnsjdc]|qu|jusqu|lorsqu|puisqu)['\u2019]", "", plain)


@cache
def _groups_by_word() -> dict[str, tuple[str, ...]]:
    groups: dict[str, tuple[str, ...]] = {}
    for line in COMMERCE_SYNONYMS:
        words = tuple(word.strip() for word in line.split(","))
        for word in words:
            groups[word] = tuple(dict.fromkeys(groups.get(word, ()) + words))
    return groups


def word_alternatives(word: str) -> tuple[str, ...]:
    """The word and the commerce words that mean the same shop, the word first."""
    group = _groups_by_word().get(fold(word))
    return tuple(dict.fromkeys((word, *group))) if group else (word,)
