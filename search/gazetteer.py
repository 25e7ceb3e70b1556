"""Places residents name instead of coordinates: the offline gazetteer.

"Où ?" accepts a commune, a street or a landmark. Everything here comes from the
project's own data, so it works offline and by default:

- the 95 communes (their town-hall point, ``cms/data/communes_mel.json``);
- streets, each at the centre of the addresses known on it (published shops,
  imported OpenStreetMap listings and places of interest);
- places of interest (museums, belfries, parks…).

The reference data has no neighbourhoods and no metro or tram stations yet; when
it does, they join as two more kinds. The list is built from the database at
most every ``GAZETTEER_SECONDS`` per process and matched in memory: a few
thousand entries, folded once.
"""

import re
import time
from dataclasses import dataclass
from functools import lru_cache

from django.apps import apps
from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _

from search.indexing import PLACE_PAGE
from search.synonyms import fold
from shops.models import ShopPage
from territory.communes import Commune

GAZETTEER_SECONDS = 600
# Commune pages hold the places of interest; named by label, as search names cms.
COMMUNE_PAGE = "cms.CommunePage"
MAX_SUGGESTIONS = 8
MIN_SUGGEST_LENGTH = 2
# "12 rue Nationale", "12bis rue…", "3-5 place…": the number is not the street.
HOUSE_NUMBER = re.compile(
    r"^\s*\d+\s*(?:bis|ter|[a-d])?(?:\s*[-/]\s*\d+)?\s*,?\s+", re.I
)


class PlaceKind(TextChoices):
    COMMUNE = "commune", _("commune")
    STREET = "street", _("street")
    LANDMARK = "landmark", _("place of interest")


# How far around each kind of place a search looks by default (km).
RADIUS_BY_KIND = {
    PlaceKind.COMMUNE: 3.0,
    PlaceKind.STREET: 1.0,
    PlaceKind.LANDMARK: 1.0,
}
# Among equal matches, a commune before a street before a landmark.
KIND_ORDER = {PlaceKind.COMMUNE: 0, PlaceKind.STREET: 1, PlaceKind.LANDMARK: 2}


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    commune: str
    lat: float
    lon: float

    @property
    def label(self) -> str:
        """ "Rue Nationale, Lille"; a commune is its own name."""
        if self.kind == PlaceKind.COMMUNE:
            return self.name
        return f"{self.name}, {self.commune}"

    @property
    def radius_km(self) -> float:
        return RADIUS_BY_KIND[PlaceKind(self.kind)]


def _folded(text: str) -> str:
    text = text.lower().replace("œ", "oe").replace("-", " ").replace("\u2019", "'")
    words = re.findall(r"[\w']+", text)
    return " ".join(fold(word) for word in words)


def street_of(address: str) -> str:
    """The street of an address line, without its house number."""
    street = HOUSE_NUMBER.sub("", address.strip())
    return street[:1].upper() + street[1:] if street else ""


def _streets(commune_names: dict[int, str]) -> list[Place]:
    """Each street at the mean of the shops known on it, commune by commune
    (published shops and imported OpenStreetMap listings alike)."""
    points: dict[tuple[str, int], list[tuple[float, float, str]]] = {}
    rows = (
        ShopPage.objects.live()
        .exclude(street_address="")
        .values_list("street_address", "commune_id", "latitude", "longitude")
    )
    for address, commune_id, lat, lon in rows:
        street = street_of(address)
        if street and commune_id in commune_names:
            key = (_folded(street), commune_id)
            points.setdefault(key, []).append((lat, lon, street))
    return [
        Place(
            name=found[0][2],
            kind=PlaceKind.STREET,
            commune=commune_names[commune_id],
            lat=sum(point[0] for point in found) / len(found),
            lon=sum(point[1] for point in found) / len(found),
        )
        for (_street, commune_id), found in points.items()
    ]


def _landmarks() -> list[Place]:
    """Places of interest, each named with the commune whose page holds it."""
    communes_by_path = dict(
        apps.get_model(COMMUNE_PAGE).objects.values_list("path", "commune__name")
    )
    places = []
    for path, title, lat, lon in (
        apps.get_model(PLACE_PAGE)
        .objects.live()
        .values_list("path", "title", "latitude", "longitude")
    ):
        commune = next(
            (
                name
                for prefix, name in communes_by_path.items()
                if path.startswith(prefix)
            ),
            "",
        )
        places.append(Place(title, PlaceKind.LANDMARK, commune, lat, lon))
    return places


def _build() -> list[tuple[str, Place]]:
    communes = list(Commune.objects.all())
    names = {commune.pk: commune.name for commune in communes}
    places = [
        Place(
            commune.name,
            PlaceKind.COMMUNE,
            commune.name,
            commune.latitude,
            commune.longitude,
        )
        for commune in communes
        if commune.latitude is not None
    ]
    places += _streets(names) + _landmarks()
    return [(_folded(f"{place.name} {place.commune}"), place) for place in places]


@lru_cache(maxsize=1)
def _entries(generation: int) -> list[tuple[str, Place]]:
    return _build()


def gazetteer_forget() -> None:
    """Drop the built list (tests, and after loading new reference data)."""
    _entries.cache_clear()


def _all() -> list[tuple[str, Place]]:
    return _entries(int(time.monotonic() // GAZETTEER_SECONDS))


def _score(key: str, place: Place, query: str) -> int | None:
    """Higher is better; None when the words do not name this place."""
    name = _folded(place.name)
    if query in (name, key):
        return 100
    words = query.split()
    if not all(any(part.startswith(word) for part in key.split()) for word in words):
        return None
    if name.startswith(query):
        return 80
    return 60


def places_matching(text: str, *, limit: int = MAX_SUGGESTIONS) -> list[Place]:
    """The places whose name (and commune) start like the words, best first."""
    query = _folded(text)
    if len(query) < MIN_SUGGEST_LENGTH:
        return []
    scored = []
    for key, place in _all():
        score = _score(key, place, query)
        if score is not None:
            scored.append(
                (-score, KIND_ORDER[PlaceKind(place.kind)], place.label, place)
            )
    scored.sort(key=lambda item: item[:3])
    return [item[3] for item in scored[:limit]]


def place_find(text: str) -> Place | None:
    """The one place the words most likely name, or None."""
    found = places_matching(text, limit=1)
    return found[0] if found else None
