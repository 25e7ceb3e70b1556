"""What a search request may ask for, checked before any query is built.

The HTML page and the JSON API read the same parameters; both get either clean
:class:`SearchParams` or sentences saying what to fix.
"""

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache

from django.http import QueryDict
from django.utils import formats, timezone
from django.utils.translation import gettext

from search.documents import OPEN_HORIZON_DAYS
from search.gazetteer import Place, place_find
from search.queries import Area
from search.understanding import (
    NEAR_RADIUS_KM,
    CommuneRef,
    Understood,
    commune_spellings,
    query_understand,
)
from shops.models.categories import Family
from territory.communes import Commune
from territory.hours import PARIS

MAX_TEXT_LENGTH = 200
MAX_PAGE = 500
MAX_CHOICES = 10
MAX_RADIUS_KM = 50.0
# The Lille metropolis and a margin; the engine accepts any latitude, so we check.
LATITUDE_RANGE = (50.4, 50.9)
LONGITUDE_RANGE = (2.7, 3.35)
INSEE_CODE = re.compile(r"^\d[\dAB]\d{3}$")
CATEGORY_SLUG = re.compile(r"^[-a-z0-9_]{1,60}$")
TRUE_VALUES = {"1", "true", "on", "yes"}
# "Open at" is known for the days the index covers; one day is kept in hand
# because documents are rebuilt nightly, not at midnight sharp.
OPEN_AT_DAYS = OPEN_HORIZON_DAYS - 1


@dataclass(frozen=True)
class SearchParams:
    text: str = ""
    page: int = 1
    communes: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    family: str | None = None
    click_and_collect: bool = False
    verified_only: bool = False
    wheelchair: bool = False
    near: tuple[float, float] | None = None
    radius_km: float | None = None
    open_at: datetime | None = None
    open_on: date | None = None
    area: Area | None = None
    # The place named in "where" (a commune, a street, a landmark), if any.
    place: Place | None = None
    # What the words of the query were read as ("Roubaix", "open on Sunday"),
    # shown above the results so a resident sees why a filter applies.
    understood: tuple[str, ...] = ()
    # A signed-in resident's own communes (INSEE codes): they order, never filter.
    # Set by the search page, never read from the query string.
    home_communes: tuple[str, ...] = ()

    @property
    def sort_by_distance(self) -> bool:
        """Near me without words: the closest shops come first."""
        return self.near is not None and not self.text

    def query_kwargs(self) -> dict:
        """The keyword arguments of :func:`search.queries.shop_search`, page aside."""
        return {
            "text": self.text,
            "communes": self.communes,
            "categories": self.categories,
            "family": self.family,
            "click_and_collect": self.click_and_collect,
            "verified_only": self.verified_only,
            "wheelchair": self.wheelchair,
            "near": self.near,
            "radius_km": self.radius_km,
            "sort_by_distance": self.sort_by_distance,
            "open_at": self.open_at,
            "open_on": self.open_on,
            "area": self.area,
            "home_communes": self.home_communes,
        }


def clean_text(value: str) -> str:
    """Control characters out, at most ``MAX_TEXT_LENGTH`` characters."""
    kept = "".join(
        " " if char.isspace() else char
        for char in value
        if char.isspace() or unicodedata.category(char)[0] != "C"
    )
    return " ".join(kept.split())[:MAX_TEXT_LENGTH].strip()


def _flag(data: QueryDict, name: str) -> bool:
    return data.get(name, "").strip().lower() in TRUE_VALUES


def _number(value: str) -> float | None:
    try:
        return float(value.strip().replace(",", "."))
    except ValueError:
        return None


def _page(value: str, errors: list[str], *, lenient: bool) -> int:
    try:
        page = int(value.strip() or 1)
    except ValueError:
        page = None
    if page is not None and 1 <= page <= MAX_PAGE:
        return page
    if lenient:
        return 1 if page is None or page < 1 else MAX_PAGE
    errors.append(
        gettext("The page number must be a whole number from 1 to %(max)d.")
        % {"max": MAX_PAGE}
    )
    return 1


def _near(data: QueryDict, errors: list[str]) -> tuple[float, float] | None:
    raw_lat, raw_lon = data.get("lat", "").strip(), data.get("lon", "").strip()
    if not raw_lat and not raw_lon:
        return None
    lat, lon = _number(raw_lat), _number(raw_lon)
    # NaN fails every comparison, so it is refused with the out-of-range values.
    if lat is None or lon is None:
        errors.append(gettext("Give both a latitude and a longitude, as numbers."))
        return None
    if not _in_metropolis(lat, lon):
        errors.append(
            gettext(
                "This position is outside the Lille metropolis: search near a "
                "place within it."
            )
        )
        return None
    return lat, lon


def _where(
    data: QueryDict, near: tuple[float, float] | None, errors: list[str]
) -> Place | None:
    """The place "where" names; a position given as lat/lon takes precedence
    ("around me" sends both: the browser's position is the more precise)."""
    text = clean_text(data.get("where", ""))
    if not text or near is not None:
        return None
    place = place_find(text)
    if place is None:
        errors.append(
            gettext(
                "We do not know the place “%(place)s”: give a commune, a street or "
                "a landmark of the Lille metropolis."
            )
            % {"place": text}
        )
    return place


def _radius(
    data: QueryDict, near: tuple[float, float] | None, errors: list[str]
) -> float | None:
    raw = data.get("radius_km", "").strip()
    if not raw:
        return None
    radius = _number(raw)
    if radius is None or not 0 < radius <= MAX_RADIUS_KM:
        errors.append(
            gettext(
                "The radius must be a number of kilometres above 0 and up to %(max)d."
            )
            % {"max": MAX_RADIUS_KM}
        )
        return None
    if near is None and "lat" not in data and not data.get("where", "").strip():
        errors.append(
            gettext("A radius needs a position: give a place (where) or lat and lon.")
        )
        return None
    return radius


def _choices(
    data: QueryDict, name: str, pattern: re.Pattern, message: str, errors: list[str]
) -> tuple[str, ...]:
    values = list(dict.fromkeys(v.strip() for v in data.getlist(name) if v.strip()))
    if len(values) > MAX_CHOICES:
        errors.append(
            gettext("Choose at most %(max)d values for “%(name)s”.")
            % {"max": MAX_CHOICES, "name": name}
        )
        return ()
    if not all(pattern.match(value) for value in values):
        errors.append(message)
        return ()
    return tuple(values)


def _in_metropolis(lat: float, lon: float) -> bool:
    return (
        LATITUDE_RANGE[0] <= lat <= LATITUDE_RANGE[1]
        and LONGITUDE_RANGE[0] <= lon <= LONGITUDE_RANGE[1]
    )


def _area(data: QueryDict, errors: list[str]) -> Area | None:
    raw = data.get("bbox", "").strip()
    if not raw:
        return None
    numbers = [_number(part) for part in raw.split(",")]
    if len(numbers) == 4 and None not in numbers:
        south, west, north, east = numbers
        if south < north and west < east and _overlaps_metropolis(numbers):
            return Area(south=south, west=west, north=north, east=east)
    errors.append(
        gettext(
            "The map area is four numbers, south,west,north,east, around the "
            "Lille metropolis."
        )
    )
    return None


def _overlaps_metropolis(numbers: list[float]) -> bool:
    south, west, north, east = numbers
    return (
        south <= LATITUDE_RANGE[1]
        and north >= LATITUDE_RANGE[0]
        and west <= LONGITUDE_RANGE[1]
        and east >= LONGITUDE_RANGE[0]
    )


def _day(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


def _opening(
    data: QueryDict, now: datetime, errors: list[str]
) -> tuple[datetime | None, date | None]:
    """When the shops must be open: (a moment, or a day), from the parameters.

    ``open_now``; ``open_at=2026-11-29T10:30``; ``open_on=2026-11-29`` (open some
    time that day), with ``open_time=10:30`` to choose the moment (the page's form).
    """
    today = now.astimezone(PARIS).date()
    last_day = today + timedelta(days=OPEN_AT_DAYS)
    raw_at = data.get("open_at", "").strip()
    raw_on = data.get("open_on", "").strip()
    raw_time = data.get("open_time", "").strip()
    if _flag(data, "open_now"):
        return now, None
    if not (raw_at or raw_on):
        return None, None
    moment = None
    if raw_at:
        try:
            moment = datetime.fromisoformat(raw_at)
        except ValueError:
            moment = None
    elif raw_time:
        day = _day(raw_on)
        try:
            clock = time.fromisoformat(raw_time)
        except ValueError:
            clock = None
        moment = datetime.combine(day, clock) if day and clock else None
    else:
        day = _day(raw_on)
        if day is not None and today <= day <= last_day:
            return None, day
        if day is None:
            errors.append(gettext("Give the day as a date, e.g. 2026-11-29."))
            return None, None
    if moment is None and (raw_at or raw_time):
        errors.append(
            gettext("Give the day and time as a date and hour, e.g. 2026-11-29T10:30.")
        )
        return None, None
    if moment is not None:
        moment = moment if moment.tzinfo else moment.replace(tzinfo=PARIS)
        if now - timedelta(hours=1) <= moment and moment.date() <= last_day:
            return moment, None
    errors.append(
        gettext(
            "Opening hours are known from today to %(last)s: choose a day in "
            "that range."
        )
        % {"last": formats.date_format(last_day, "DATE_FORMAT")}
    )
    return None, None


@cache
def _commune_spellings() -> dict[str, CommuneRef]:
    """Every way of writing each commune; reference data, read once per process."""
    spellings = {}
    for insee_code, name, lat, lon in Commune.objects.values_list(
        "insee_code", "name", "latitude", "longitude"
    ):
        reference = CommuneRef(insee_code=insee_code, name=name, position=(lat, lon))
        for spelling in commune_spellings(name):
            spellings[spelling] = reference
    return spellings


def _understood_labels(understood: Understood) -> tuple[str, ...]:
    labels = [commune.name for commune in understood.communes]
    if understood.near:
        labels.append(gettext("near %(place)s") % {"place": understood.near.name})
    if understood.open_now:
        labels.append(gettext("open now"))
    if understood.open_on and understood.open_time:
        labels.append(
            gettext("open on %(day)s at %(time)s")
            % {
                "day": formats.date_format(understood.open_on, "l j F"),
                "time": formats.time_format(understood.open_time, "TIME_FORMAT"),
            }
        )
    elif understood.open_on:
        labels.append(
            gettext("open on %(day)s")
            % {"day": formats.date_format(understood.open_on, "l j F")}
        )
    return tuple(labels)


def search_params_parse(
    data: QueryDict, *, lenient_page: bool = False, now: datetime | None = None
) -> tuple[SearchParams | None, list[str]]:
    """Clean parameters and no errors, or None and what the user should fix.

    ``lenient_page`` sends a bad page number to the nearest page instead: the HTML
    page forgives hand-edited links, the API says what is wrong. Words of the query
    about a commune or opening days become filters (``search.understanding``).
    """
    now = now or timezone.now()
    errors: list[str] = []
    page = _page(data.get("page", ""), errors, lenient=lenient_page)
    near = _near(data, errors)
    place = _where(data, near, errors)
    radius_km = _radius(data, near, errors)
    if place is not None:
        near = (place.lat, place.lon)
        radius_km = radius_km or place.radius_km
    communes = _choices(
        data,
        "commune",
        INSEE_CODE,
        gettext("A commune is given by its five-character INSEE code, e.g. 59350."),
        errors,
    )
    categories = _choices(
        data,
        "category",
        CATEGORY_SLUG,
        gettext("A category is given by its short name, e.g. bakery."),
        errors,
    )
    family = data.get("family", "").strip() or None
    if family is not None and family not in Family.values:
        errors.append(
            gettext("Unknown family of shops: choose one of %(families)s.")
            % {"families": ", ".join(Family.values)}
        )
    open_at, open_on = _opening(data, now, errors)
    area = _area(data, errors)
    if errors:
        return None, errors
    understood = query_understand(
        clean_text(data.get("q", "")),
        communes=_commune_spellings(),
        today=now.astimezone(PARIS).date(),
    )
    if understood.near and near is None:
        near = understood.near.position
        radius_km = radius_km or NEAR_RADIUS_KM
    if open_at is None and open_on is None:
        if understood.open_now:
            open_at = now
        elif understood.open_on and understood.open_time:
            open_at = datetime.combine(
                understood.open_on, understood.open_time, tzinfo=PARIS
            )
        else:
            open_on = understood.open_on
    extra_communes = tuple(commune.insee_code for commune in understood.communes)
    return (
        SearchParams(
            text=understood.text,
            page=page,
            communes=tuple(dict.fromkeys(communes + extra_communes)),
            categories=categories,
            family=family,
            click_and_collect=_flag(data, "click_and_collect"),
            verified_only=_flag(data, "verified"),
            wheelchair=_flag(data, "wheelchair"),
            near=near,
            radius_km=radius_km,
            open_at=open_at,
            open_on=open_on,
            area=area,
            place=place,
            understood=_understood_labels(understood),
        ),
        [],
    )
