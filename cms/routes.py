"""A trail's route: its stops in order, what is open, how far and how long.

Distances are straight lines between consecutive stops (haversine) multiplied by
``DETOUR_FACTOR``: streets do not go straight, and in European city centres a
walk is typically 1.2 to 1.4 times the crow-flies distance. Without a street
graph this is an estimate, and the page says so. Duration is walking time at
``WALKING_KMH`` plus the time the staff planned at each stop.
A stop whose page was unpublished or deleted stays in the list as unavailable
and is left out of the distance: the walk goes from the stop before to the next.
"""

from dataclasses import dataclass, field
from itertools import pairwise
from math import ceil

from wagtail.models import Page

from cms.models import Commune, PointOfInterestPage, TrailPage, TrailStop
from territory.geo import haversine_km

DETOUR_FACTOR = 1.3
WALKING_KMH = 4.5


@dataclass(frozen=True)
class RouteStop:
    number: int
    stop: TrailStop
    page: Page | None  # the specific live page, None when unavailable
    leg_km: float | None = None  # walk from the previous available stop

    @property
    def available(self) -> bool:
        return self.page is not None

    @property
    def is_place(self) -> bool:
        return isinstance(self.page, PointOfInterestPage)


@dataclass(frozen=True)
class TrailRoute:
    stops: list[RouteStop] = field(default_factory=list)
    distance_km: float = 0.0
    walking_minutes: int = 0
    visit_minutes: int = 0
    communes: list[Commune] = field(default_factory=list)

    @property
    def duration_minutes(self) -> int:
        return self.walking_minutes + self.visit_minutes

    @property
    def available_stops(self) -> list[RouteStop]:
        return [stop for stop in self.stops if stop.available]

    @property
    def unavailable_count(self) -> int:
        return len(self.stops) - len(self.available_stops)

    @property
    def map_stops(self) -> list[tuple[int, float, float, str]]:
        """(number, latitude, longitude, title) of the stops one can walk to."""
        return [
            (s.number, s.page.latitude, s.page.longitude, s.page.title)
            for s in self.available_stops
        ]


def walking_km(points: list[tuple[float, float]]) -> float:
    """Estimated walking distance along ``points`` in order (see the module doc)."""
    straight = sum(haversine_km(*start, *end) for start, end in pairwise(points))
    return straight * DETOUR_FACTOR


def walking_minutes(distance_km: float) -> int:
    return ceil(distance_km / WALKING_KMH * 60)


def _live_pages(stops: list[TrailStop]) -> dict[int, Page]:
    ids = [stop.page_id for stop in stops if stop.page_id]
    pages = Page.objects.live().filter(pk__in=ids).specific()
    return {page.pk: page for page in pages if hasattr(page, "latitude")}


def trail_route(trail: TrailPage) -> TrailRoute:
    stops = list(trail.stops.all())
    pages = _live_pages(stops)
    route_stops: list[RouteStop] = []
    previous: Page | None = None
    for number, stop in enumerate(stops, start=1):
        page = pages.get(stop.page_id)
        leg = None
        if page is not None and previous is not None:
            leg = walking_km(
                [
                    (previous.latitude, previous.longitude),
                    (page.latitude, page.longitude),
                ]
            )
        route_stops.append(RouteStop(number=number, stop=stop, page=page, leg_km=leg))
        previous = page or previous
    distance = sum(stop.leg_km or 0 for stop in route_stops)
    communes: dict[int, Commune] = {}
    for stop in route_stops:
        if stop.page is not None:
            commune = getattr(stop.page, "commune", None) or Commune.objects.containing(
                latitude=stop.page.latitude, longitude=stop.page.longitude
            )
            if commune is not None:
                communes.setdefault(commune.pk, commune)
    return TrailRoute(
        communes=list(communes.values()),
        stops=route_stops,
        distance_km=distance,
        walking_minutes=walking_minutes(distance),
        visit_minutes=sum(s.stop.visit_minutes for s in route_stops if s.available),
    )
