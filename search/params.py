"""What a search request may ask for, checked before any query is built.

The HTML page and the JSON API read the same parameters; both get either clean
:class:`SearchParams` or sentences saying what to fix.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext

from shops.models.categories import Family

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
    if not (
        LATITUDE_RANGE[0] <= lat <= LATITUDE_RANGE[1]
        and LONGITUDE_RANGE[0] <= lon <= LONGITUDE_RANGE[1]
    ):
        errors.append(
            gettext(
                "This position is outside the Lille metropolis: search near a "
                "place within it."
            )
        )
        return None
    return lat, lon


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
    if near is None and "lat" not in data:
        errors.append(gettext("A radius needs a position: give lat and lon too."))
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


def search_params_parse(
    data: QueryDict, *, lenient_page: bool = False
) -> tuple[SearchParams | None, list[str]]:
    """Clean parameters and no errors, or None and what the user should fix.

    ``lenient_page`` sends a bad page number to the nearest page instead: the HTML
    page forgives hand-edited links, the API says what is wrong.
    """
    errors: list[str] = []
    page = _page(data.get("page", ""), errors, lenient=lenient_page)
    near = _near(data, errors)
    radius_km = _radius(data, near, errors)
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
    if errors:
        return None, errors
    return (
        SearchParams(
            text=clean_text(data.get("q", "")),
            page=page,
            communes=communes,
            categories=categories,
            family=family,
            click_and_collect=_flag(data, "click_and_collect"),
            verified_only=_flag(data, "verified"),
            wheelchair=_flag(data, "wheelchair"),
            near=near,
            radius_km=radius_km,
        ),
        [],
    )
