"""What residents mean by the words around their search: where, and when open.

"boulangerie ouverte dimanche près de Lambersart" is a category, a day and a
place. The words about the place and the day become filters, and the rest is
searched as text; the search box keeps what the resident typed. Pure functions: the
communes come in as data, so this is tested without a database.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

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
NOW_WORDS = r"(?:maintenant|now|nu|en ce moment|actuellement)"
NEAR_WORDS = r"(?:pres de|pres|autour de|a cote de|near|dichtbij|bij)"
AT_WORDS = r"(?:a|au|in|sur)"


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


def query_understand(
    text: str, *, communes: dict[str, CommuneRef], today: date
) -> Understood:
    """Split ``text`` into words to search and filters (place, open now, day).

    ``communes`` maps folded names ("villeneuve-d'ascq", "villeneuve d'ascq") to
    communes. A commune named after "près de" becomes a position to search
    around; named otherwise, a commune to search in.
    """
    folded = _folded_text(text)
    found: list[CommuneRef] = []
    near: CommuneRef | None = None
    if communes:
        for match in list(_commune_pattern(communes).finditer(folded))[::-1]:
            name = match.group("name")
            qualified = match.group("near") or match.group("at")
            if name in AMBIGUOUS_COMMUNES and not qualified:
                continue
            if match.group("near"):
                near = communes[name]
            else:
                found.append(communes[name])
            folded = folded[: match.start()] + folded[match.end() :]
    open_now, open_on = False, None
    days = "|".join(sorted([*DAYS, *RELATIVE_DAYS], key=len, reverse=True))
    day_match = re.search(
        rf"\b{OPEN_WORDS}\s+(?:le\s+|on\s+|op\s+)?(?P<day>{days})\b"
        rf"|\b(?P<day_first>{days})\s+{OPEN_WORDS}\b",
        folded,
    )
    if day_match:
        word = day_match.group("day") or day_match.group("day_first")
        open_on = (
            today + timedelta(days=RELATIVE_DAYS[word])
            if word in RELATIVE_DAYS
            else _day_after(today, DAYS[word])
        )
        folded = folded[: day_match.start()] + folded[day_match.end() :]
    else:
        now_match = re.search(
            rf"\b{OPEN_WORDS}(?:\s+{NOW_WORDS})?\b|\b{NOW_WORDS}\s+{OPEN_WORDS}\b",
            folded,
        )
        if now_match:
            open_now = True
            folded = folded[: now_match.start()] + folded[now_match.end() :]
    if not (found or near or open_now or open_on):
        return Understood(text=text)
    return Understood(
        text=" ".join(folded.split()),
        communes=tuple(dict.fromkeys(found[::-1])),
        near=near,
        open_now=open_now,
        open_on=open_on,
    )
