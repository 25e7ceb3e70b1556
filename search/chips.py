"""The search page's active filters as removable chips, and their count.

Each chip links to the same search without that one filter, so removing it works
without JavaScript; "Filters (3)" counts the same things.
"""

from dataclasses import dataclass

from django.http import QueryDict
from django.utils import formats
from django.utils.translation import gettext

from search.params import SearchParams
from search.selectors import ShopResults
from shops.models.categories import Family


@dataclass(frozen=True)
class Chip:
    label: str
    remove_query: str


def _without(data: QueryDict, name: str, value: str | None = None, *also: str) -> str:
    kept = data.copy()
    kept.pop("page", None)
    if value is None:
        kept.pop(name, None)
    else:
        kept.setlist(name, [v for v in kept.getlist(name) if v != value])
    for other in also:
        kept.pop(other, None)
    return kept.urlencode()


def active_filters(
    data: QueryDict, params: SearchParams, results: ShopResults, *, place: str = ""
) -> list[Chip]:
    """The filters chosen in the form (not those read from the words: the
    "Searching with" line names those)."""
    chips = []
    labels = results.labels
    for code in data.getlist("commune"):
        if code in params.communes:
            label = labels.get("commune", {}).get(code, code)
            chips.append(Chip(label, _without(data, "commune", code)))
    for slug in params.categories:
        label = labels.get("category", {}).get(slug, slug)
        chips.append(Chip(label, _without(data, "category", slug)))
    if params.family:
        chips.append(Chip(Family(params.family).label, _without(data, "family")))
    flags = (
        ("click_and_collect", params.click_and_collect, gettext("Click-and-collect")),
        ("verified", params.verified_only, gettext("Verified shops only")),
        ("wheelchair", params.wheelchair, gettext("Wheelchair accessible")),
    )
    for name, active, label in flags:
        if active:
            chips.append(Chip(label, _without(data, name)))
    if data.get("open_now"):
        chips.append(Chip(gettext("Open now"), _without(data, "open_now")))
    elif data.get("open_on") and (params.open_on or params.open_at):
        day = params.open_on or params.open_at.date()
        label = gettext("Open on %(day)s") % {"day": formats.date_format(day, "l j F")}
        if params.open_at:
            label += " · " + formats.time_format(params.open_at, "TIME_FORMAT")
        chips.append(Chip(label, _without(data, "open_on", None, "open_time")))
    if place:
        chips.append(
            Chip(
                gettext("Near %(place)s") % {"place": place},
                _without(data, "where", None, "lat", "lon", "radius_km"),
            )
        )
    elif data.get("lat") and params.near:
        chips.append(
            Chip(
                gettext("Near a position"),
                _without(data, "lat", None, "lon", "radius_km"),
            )
        )
    if params.area:
        chips.append(Chip(gettext("Map area"), _without(data, "bbox")))
    return chips
