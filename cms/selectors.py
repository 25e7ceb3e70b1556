"""Reads about the territory that pages need."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q, prefetch_related_objects
from django.utils import timezone

from wagtail.models import Page

from cms.models import (
    Commune,
    CommunePage,
    EventPage,
    PointOfInterestPage,
    TrailPage,
)
from shops.models import Offer, ShopPage
from shops.verification.freshness import STALE_AFTER
from territory.places import closures_read_together

NEARBY_RADIUS_KM = 1.0
NEARBY_LIMIT = 6
COMMUNE_OFFERS_LIMIT = 12
UPCOMING_EVENTS_LIMIT = 10
HOME_EVENTS_LIMIT = 4
HOME_TRAILS_LIMIT = 4


@dataclass(frozen=True)
class HomeOverview:
    commune_count: int
    shop_count: int
    place_count: int
    largest_communes: list[CommunePage]
    featured_places: list[PointOfInterestPage]
    upcoming_events: list[EventPage] = field(default_factory=list)
    trails: list[TrailPage] = field(default_factory=list)


def communes_with_counts():
    """Commune pages in alphabetical order, each annotated with its live shops."""
    return (
        CommunePage.objects.live()
        .select_related("commune")
        .annotate(
            shop_count=Count(
                "commune__shops", filter=Q(commune__shops__live=True), distinct=True
            )
        )
        .order_by("title")
    )


def home_overview() -> HomeOverview:
    largest = list(communes_with_counts().order_by("-commune__population")[:12])
    return HomeOverview(
        commune_count=CommunePage.objects.live().count(),
        shop_count=ShopPage.objects.live().count(),
        place_count=PointOfInterestPage.objects.live().count(),
        largest_communes=largest,
        featured_places=list(
            PointOfInterestPage.objects.live()
            .select_related("image")
            .order_by("-first_published_at", "pk")[:6]
        ),
        upcoming_events=list(upcoming_events()[:HOME_EVENTS_LIMIT]),
        trails=list(TrailPage.objects.live().order_by("title")[:HOME_TRAILS_LIMIT]),
    )


# Commune pages ---------------------------------------------------------------


def upcoming_events(*, commune: Commune | None = None, now: datetime | None = None):
    """Live events not yet over, soonest first; those of one commune if given."""
    events = (
        EventPage.objects.live()
        .filter(ends_at__gte=now or timezone.now())
        .select_related("commune")
        .order_by("starts_at", "pk")
    )
    return events.filter(commune=commune) if commune is not None else events


def commune_current_offers(*, commune: Commune, today=None) -> list[Offer]:
    today = today or timezone.localdate()
    return list(
        Offer.objects.filter(
            shop__commune=commune,
            shop__live=True,
            valid_from__lte=today,
            valid_until__gte=today,
        )
        .select_related("shop")
        .order_by("valid_until", "pk")[:COMMUNE_OFFERS_LIMIT]
    )


def live_highlights(
    commune_page: CommunePage, *, loaded: Iterable[Page] = ()
) -> list[tuple[Page, str]]:
    """(specific live page, note) of each highlight; unpublished ones are skipped.

    Highlights are mostly the commune's own shops and places, which its page has
    already ``loaded`` (live, with their category): those are reused, and only
    pages from elsewhere are looked up (a query per page type otherwise).
    """
    highlights = list(commune_page.highlights.all())
    wanted = {highlight.page_id for highlight in highlights}
    by_id = {page.pk: page for page in loaded if page.pk in wanted}
    elsewhere = wanted - by_id.keys()
    if elsewhere:
        found = Page.objects.live().filter(pk__in=elsewhere).specific()
        by_id.update((page.pk, page) for page in found)
    # Their cards show the open status and a shop's category: read together,
    # for the pages that lack them.
    closures_read_together(by_id.values())
    prefetch_related_objects(
        [page for page in by_id.values() if isinstance(page, ShopPage)], "category"
    )
    return [(by_id[h.page_id], h.note) for h in highlights if h.page_id in by_id]


def markets_by_place(commune_page: CommunePage) -> list[tuple[str, list]]:
    """The weekly markets grouped by place, days in week order."""
    grouped: dict[str, list] = {}
    for market in sorted(
        commune_page.markets.all(), key=lambda m: (m.weekday, m.opens)
    ):
        grouped.setdefault(market.location_name, []).append(market)
    return list(grouped.items())


def commune_page_context(commune_page: CommunePage) -> dict:
    from shops.listing.selectors import shops_by_family

    shops = list(commune_page.live_shops())
    places = list(commune_page.live_places().select_related("image"))
    return {
        "families": shops_by_family(shops),
        "places": places,
        "map_shops": shops,
        "highlights": live_highlights(commune_page, loaded=[*shops, *places]),
        "markets": markets_by_place(commune_page),
        "offers": commune_current_offers(commune=commune_page.commune),
        "events": upcoming_events(commune=commune_page.commune)[:UPCOMING_EVENTS_LIMIT],
        "trails": TrailPage.objects.child_of(commune_page).live().order_by("title"),
    }


# Shops around a place --------------------------------------------------------


@dataclass(frozen=True)
class NearbyShops:
    rows: list[tuple[ShopPage, float | None]] = field(default_factory=list)
    # When none is open: the closest shops anyway, whose status says when they open.
    closest: list[tuple[ShopPage, float | None]] = field(default_factory=list)
    engine_available: bool = True


def shops_open_now_near(
    *,
    latitude: float,
    longitude: float,
    radius_km: float = NEARBY_RADIUS_KM,
    limit: int = NEARBY_LIMIT,
    at: datetime | None = None,
) -> NearbyShops:
    """The closest shops open now within ``radius_km``, from the search engine.

    "Open now" is the engine's query-time filter (closures and public holidays
    included); when none is open, the closest shops come instead, with the time
    they open. An engine that does not answer gives an empty block saying so,
    never an error page.
    """
    from search.params import SearchParams
    from search.selectors import shops_search

    near = (latitude, longitude)
    open_now = shops_search(
        params=SearchParams(
            near=near, radius_km=radius_km, open_at=at or timezone.now()
        )
    )
    if not open_now.engine_available:
        return NearbyShops(engine_available=False)
    if open_now.rows:
        return NearbyShops(rows=open_now.rows[:limit])
    closest = shops_search(params=SearchParams(near=near, radius_km=radius_km))
    return NearbyShops(closest=closest.rows[: limit // 2])


# Area notices ----------------------------------------------------------------


def notices_for_shop(shop: ShopPage, *, now: datetime | None = None) -> list[EventPage]:
    return EventPage.notices_for_shops([shop], now=now)[shop.pk]


# Staff dashboard --------------------------------------------------------------


def share_percent(part: int, whole: int) -> int:
    """``part`` as a whole percentage of ``whole`` that never claims more than is true.

    282 verified shops of 283 is 99 %, not 100 %: rounding up would tell a
    commune its work is finished when one listing still waits. Likewise one of
    300 is 1 %, not 0 %. (The insights dashboards use it too.)
    """
    if not whole:
        return 0
    percent = round(100 * part / whole)
    if percent == 100 and part < whole:
        return 99
    if percent == 0 and part > 0:
        return 1
    return percent


@dataclass(frozen=True)
class CommuneDashboard:
    commune: Commune
    commune_page: CommunePage
    live_shop_count: int
    verified_count: int
    stale_hours_shops: list[ShopPage]
    stale_hours_count: int
    pending_count: int
    upcoming_event_count: int
    place_count: int

    @property
    def verified_percent(self) -> int:
        return share_percent(self.verified_count, self.live_shop_count)


def commune_dashboard(
    *, commune: Commune, now: datetime | None = None, limit: int = 10
) -> CommuneDashboard:
    """What a commune's staff keep an eye on: coverage, trust, freshness."""
    now = now or timezone.now()
    live = ShopPage.objects.live().filter(commune=commune)
    stale = live.filter(
        Q(hours_confirmed_at__isnull=True) | Q(hours_confirmed_at__lt=now - STALE_AFTER)
    ).order_by("hours_confirmed_at", "title")
    # Listed one by one in the shops' own panel ("Shops waiting for verification").
    pending = ShopPage.objects.filter(commune=commune, verified_at__isnull=True)
    commune_page = CommunePage.objects.get(commune=commune)
    return CommuneDashboard(
        commune=commune,
        commune_page=commune_page,
        live_shop_count=live.count(),
        verified_count=live.filter(verified_at__isnull=False).count(),
        stale_hours_shops=list(stale[:limit]),
        stale_hours_count=stale.count(),
        pending_count=pending.count(),
        upcoming_event_count=upcoming_events(commune=commune, now=now).count(),
        place_count=PointOfInterestPage.objects.child_of(commune_page).live().count(),
    )
