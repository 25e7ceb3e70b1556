"""What residents mean by the words around their search: where, and when open.

"boulangerie ouverte dimanche près de Lambersart" is a category, a day and a
place. The words about the place and the day become filters, and the rest is
searched as text; the search box keeps what the resident typed. Pure functions: the
communes come in as data, so this is tested without a database.
"""

import re
from dataclasses import dataclass
from datetime import date, time, timedelta

from search.synonyms import fold

NEAR_RADIUS_KM = 3.0
# Bare commune names that are also everyday words only count after "à" or "près de".
AMBIGUOUS_COMMUNES = {"croix", "don", "hem", "loos", "santes", "provin", "comines"}
DAYS = {
    # French, English and Dutch, folded: the three languages of the site.
    "lundi": 0,
    "monday": 0,
    "maandag": 0,
    "mardi": 1,
    "tuesday": 1,
    "dinsdag": 1,
    "mercredi": 2,
    "wednesday": 2,
    "woensdag": 2,
    "jeudi": 3,
    "thursday": 3,
    "donderdag": 3,
    "vendredi": 4,
    "friday": 4,
    "vrijdag": 4,
    "samedi": 5,
    "saturday": 5,
    "zaterdag": 5,
    "dimanche": 6,
    "sunday": 6,
    "zondag": 6,
}
RELATIVE_DAYS = {
    "aujourd'hui": 0,
    "aujourdhui": 0,
    "today": 0,
    "vandaag": 0,
    "demain": 1,
    "tomorrow": 1,
    "morgen": 1,
}
OPEN_WORDS = r"(?:ouvert|ouverte|ouverts|ouvertes|open|geopend)"
OPEN_WORDS_RE = re.compile(rf"\b{OPEN_WORDS}\b")
NOW_WORDS = r"(?:maintenant|now|nu|en ce moment|actuellement)"
NEAR_WORDS = r"(?:pres de|pres|autour de|a cote de|near|dichtbij|bij)"
AT_WORDS = r"(?:a|au|in|sur)"
MOMENTS = {
    "matin": time(10, 0),
    "midi": time(12, 30),
    "apres-midi": time(15, 0),
    "apres midi": time(15, 0),
    "soir": time(18, 30),
    "morning": time(10, 0),
    "afternoon": time(15, 0),
    "evening": time(18, 30),
    "ochtend": time(10, 0),
    "middag": time(15, 0),
    "avond": time(18, 30),
}
# Words for "a shop" in the three languages, dropped when other words remain.
GENERIC_WORDS = {
    "shop",
    "shops",
    "store",
    "magasin",
    "magasins",
    "boutique",
    "boutiques",
    "commerce",
    "commerces",
    "winkel",
    "winkels",
    "zaak",
}


@dataclass(frozen=True)
class CommuneRef:
    insee_code: str
    name: str
    position: tuple[float, float]


@dataclass(frozen=True)
class Understood:
    """The text left to search, and the filters its other words asked for."""

    text: str
    communes: tuple[CommuneRef, ...] = ()
    near: CommuneRef | None = None
    open_now: bool = False
    open_on: date | None = None
    # "dimanche matin": a time of that day, to ask for shops open then.
    open_time: time | None = None


def _folded_text(text: str) -> str:
    words = re.findall(r"[\w'\u2019-]+", text.lower().replace("œ", "oe"))
    return " ".join(fold(word).replace("\u2019", "'") for word in words)


def commune_spellings(name: str) -> set[str]:
    """How residents type a commune: "Marcq-en-Barœul", "marcq en baroeul"…"""
    return {_folded_text(name), _folded_text(name.replace("-", " "))}


def _commune_pattern(communes: dict[str, CommuneRef]) -> re.Pattern:
    names = sorted(communes, key=len, reverse=True)
    return re.compile(
        r"(?:(?P<near>" + NEAR_WORDS + r")\s+|(?P<at>" + AT_WORDS + r")\s+)?"
        r"\b(?P<name>" + "|".join(re.escape(name) for name in names) + r")\b"
    )


def _day_after(today: date, weekday: int) -> date:
    return today + timedelta(days=(weekday - today.weekday()) % 7)


def _cut(text: str, match: re.Match) -> str:
    return " ".join((text[: match.start()] + " " + text[match.end() :]).split())


def _communes_named(
    folded: str, communes: dict[str, CommuneRef]
) -> tuple[str, list[CommuneRef], CommuneRef | None]:
    found: list[CommuneRef] = []
    near: CommuneRef | None = None
    for match in list(_commune_pattern(communes).finditer(folded))[::-1]:
        name = match.group("name")
        qualified = match.group("near") or match.group("at")
        # "croix" alone is a cross; as the last of several words, a place.
        last_of_several = match.end() == len(folded) and match.start() > 0
        if name in AMBIGUOUS_COMMUNES and not (qualified or last_of_several):
            continue
        if match.group("near"):
            near = communes[name]
        else:
            found.append(communes[name])
        folded = _cut(folded, match)
    return folded, found[::-1], near


def _day_named(folded: str, today: date) -> tuple[str, date | None, time | None]:
    """ "ouvert dimanche", "dimanche matin", "open on sunday": the day, maybe a time."""
    days = "|".join(sorted([*DAYS, *RELATIVE_DAYS], key=len, reverse=True))
    moments = "|".join(sorted(MOMENTS, key=len, reverse=True))
    match = re.search(
        rf"(?:\b{OPEN_WORDS}\s+(?:le\s+|on\s+|op\s+)?)?\b(?P<day>{days})\b"
        rf"(?:\s+(?P<moment>{moments})\b)?(?:\s+{OPEN_WORDS}\b)?",
        folded,
    )
    # A bare day word ("fleuriste dimanche") counts, unless it is the whole query.
    if match is None or (
        match.group(0) == folded and OPEN_WORDS_RE.search(match.group(0)) is None
    ):
        return folded, None, None
    word = match.group("day")
    day = (
        today + timedelta(days=RELATIVE_DAYS[word])
        if word in RELATIVE_DAYS
        else _day_after(today, DAYS[word])
    )
    moment = MOMENTS.get(match.group("moment") or "")
    return _cut(folded, match), day, moment


def _now_named(folded: str) -> tuple[str, bool]:
    match = re.search(
        rf"\b{OPEN_WORDS}(?:\s+{NOW_WORDS})?\b|\b{NOW_WORDS}\s+{OPEN_WORDS}\b",
        folded,
    )
    return (_cut(folded, match), True) if match else (folded, False)


def _without_generic_words(folded: str) -> str:
    """ "cheese shop" searches cheese: words for any shop say nothing of which."""
    words = folded.split()
    kept = [word for word in words if word not in GENERIC_WORDS]
    return " ".join(kept) if kept else folded


def query_understand(
    text: str, *, communes: dict[str, CommuneRef], today: date
) -> Understood:
    """Split ``text`` into words to search and filters (place, open now, day).

    ``communes`` maps folded names ("villeneuve-d'ascq", "villeneuve d'ascq") to
    communes. A commune named after "près de" becomes a position to search
    around; named otherwise, a commune to search in. Without any such words the
    text is searched exactly as typed.
    """
    folded = _folded_text(text)
    folded, found, near = (
        _communes_named(folded, communes)
        if communes
        else (
            folded,
            [],
            None,
        )
    )
    folded, open_on, open_time = _day_named(folded, today)
    open_now = False
    if open_on is None:
        folded, open_now = _now_named(folded)
    if not (found or near or open_now or open_on):
        generic_dropped = _without_generic_words(folded)
        if generic_dropped == folded:
            return Understood(text=text)
        return Understood(text=generic_dropped)
    return Understood(
        text=_without_generic_words(folded),
        communes=tuple(dict.fromkeys(found)),
        near=near,
        open_now=open_now,
        open_on=open_on,
        open_time=open_time,
    )
