"""Reads: who may see which figures, and the figures of each audience.

Every figure comes from the daily roll-ups (``PageDay``, ``SearchDay``) or from the
shops' and orders' own tables, never from the raw events.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.cache import cache
from django.db.models import Count, Min, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from wagtail.models import PageLogEntry

from cms.models import Commune
from cms.permissions import METROPOLITAN_EDITORS
from insights.models import Measure, PageDay, PublicCall, SearchDay
from orders.selectors import shop_ids_owned_by
from shops.access.permissions import commune_staff_group_name
from shops.models import ShopPage
from shops.verification.freshness import STALE_AFTER
from territory.geo import haversine_km

PERIODS = (7, 30, 90)
SHOP_MEASURES = (
    Measure.VIEW,
    Measure.IMPRESSION,
    Measure.PHONE,
    Measure.DIRECTIONS,
    Measure.WEBSITE,
    Measure.BASKET,
    Measure.ORDER,
)
FEW_RESULTS = 2
PUBLIC_WORDS_MIN_SEARCHES = 5
NEAREST_SECONDS = 3600


@dataclass(frozen=True)
class Period:
    days: int
    end: date

    @property
    def start(self) -> date:
        return self.end - timedelta(days=self.days - 1)

    @property
    def previous_start(self) -> date:
        return self.start - timedelta(days=self.days)

    def dates(self) -> list[date]:
        return [self.start + timedelta(days=n) for n in range(self.days)]


def period_parse(value: str | None, *, today: date | None = None) -> Period:
    days = int(value) if value in {str(n) for n in PERIODS} else PERIODS[1]
    return Period(days=days, end=today or timezone.localdate())


# Who sees what ---------------------------------------------------------------


def shops_visible_to(user):
    """A merchant's own shops; all shops for administrators."""
    shops = ShopPage.objects.order_by("title")
    if user.is_superuser:
        return shops
    return shops.filter(pk__in=shop_ids_owned_by(user))


def user_sees_all_communes(user) -> bool:
    return user.is_superuser or user.groups.filter(name=METROPOLITAN_EDITORS).exists()


def communes_visible_to(user):
    """The communes whose staff ``user`` is; every commune for metropolitan editors."""
    if user_sees_all_communes(user):
        return Commune.objects.all()
    names = set(user.groups.values_list("name", flat=True))
    codes = [
        commune.insee_code
        for commune in Commune.objects.all()
        if commune_staff_group_name(commune) in names
    ]
    return Commune.objects.filter(insee_code__in=codes)


# Merchants ---------------------------------------------------------------------


@dataclass
class MeasureFigures:
    measure: str
    label: str
    total: int
    previous: int
    series: list[tuple[date, int]]
    amount_cents: int = 0
    previous_amount_cents: int = 0
    average_position: float | None = None

    @property
    def change_percent(self) -> int | None:
        if not self.previous:
            return None
        return round(100 * (self.total - self.previous) / self.previous)


@dataclass
class ShopFigures:
    period: Period
    measures: list[MeasureFigures] = field(default_factory=list)
    words: list[tuple[str, int]] = field(default_factory=list)


def shop_figures(*, shop_id: int, period: Period) -> ShopFigures:
    rows = (
        PageDay.objects.filter(
            page_id=shop_id, day__gte=period.previous_start, day__lte=period.end
        )
        .values("day", "measure")
        .annotate(
            n=Sum("count"), amount=Sum("amount_cents"), positions=Sum("position_sum")
        )
    )
    by_day: dict[tuple[str, date], dict] = {(r["measure"], r["day"]): r for r in rows}
    figures = ShopFigures(period=period)
    for measure in SHOP_MEASURES:
        current = [by_day.get((measure, day), {}) for day in period.dates()]
        previous = [
            row
            for (name, day), row in by_day.items()
            if name == measure and day < period.start
        ]
        total = sum(row.get("n", 0) for row in current)
        positions = sum(row.get("positions", 0) for row in current)
        figures.measures.append(
            MeasureFigures(
                measure=measure,
                label=str(Measure(measure).label),
                total=total,
                previous=sum(row["n"] for row in previous),
                series=[
                    (day, row.get("n", 0))
                    for day, row in zip(period.dates(), current, strict=True)
                ],
                amount_cents=sum(row.get("amount", 0) for row in current),
                previous_amount_cents=sum(row["amount"] for row in previous),
                average_position=round(positions / total, 1)
                if measure == Measure.IMPRESSION and total
                else None,
            )
        )
    figures.words = list(
        PageDay.objects.filter(
            page_id=shop_id,
            measure=Measure.IMPRESSION,
            day__gte=period.start,
            day__lte=period.end,
        )
        .exclude(words="")
        .values_list("words")
        .annotate(n=Sum("count"))
        .order_by("-n", "words")[:15]
    )
    return figures


def shop_daily_rows(*, shop_ids, period: Period) -> list[dict]:
    """One row per shop and day of the period, every measure a column (the CSV)."""
    rows: dict[tuple[date, int], dict] = {}
    for row in (
        PageDay.objects.filter(
            page_id__in=shop_ids, day__gte=period.start, day__lte=period.end
        )
        .values("day", "page_id", "measure")
        .annotate(n=Sum("count"), amount=Sum("amount_cents"))
    ):
        line = rows.setdefault(
            (row["day"], row["page_id"]),
            {"date": row["day"], "shop_id": row["page_id"], "order_amount_cents": 0},
        )
        line[row["measure"]] = row["n"]
        line["order_amount_cents"] += row["amount"] or 0
    return [rows[key] for key in sorted(rows)]


# Communes -----------------------------------------------------------------------


@dataclass
class DemandGap:
    words: str
    searches: int
    fewest_results: int
    nearest_km: float | None = None


def demand_gaps(
    *, commune: Commune | None, period: Period, limit: int = 20
) -> list[DemandGap]:
    """Words searched in the commune (anywhere for the metropolis) that found no
    or few shops, the most searched first."""
    searches = SearchDay.objects.filter(day__gte=period.start, day__lte=period.end)
    if commune is not None:
        searches = searches.filter(commune_code=commune.insee_code)
    rows = (
        searches.values("words")
        .annotate(n=Sum("searches"), fewest=Min("fewest_results"))
        .filter(fewest__lte=FEW_RESULTS)
        .order_by("-n", "words")[:limit]
    )
    return [
        DemandGap(words=row["words"], searches=row["n"], fewest_results=row["fewest"])
        for row in rows
    ]


def _nearest_km(words: str, commune: Commune) -> float | None:
    from search.params import SearchParams
    from search.selectors import shops_search

    results = shops_search(params=SearchParams(text=words))
    distances = [
        haversine_km(commune.latitude, commune.longitude, lat, lon)
        for lat, lon in ((shop.latitude, shop.longitude) for shop in results.shops)
    ]
    return round(min(distances), 1) if distances else None


def nearest_answers(*, gaps: list[DemandGap], commune: Commune) -> None:
    """Fill each gap's distance from the town hall to the closest shop the same
    words find anywhere in the metropolis ("nearest result 3 km"), kept an hour:
    one search per gap, which staff reload more often than shops open."""
    for gap in gaps:
        digest = hashlib.sha256(gap.words.encode()).hexdigest()[:20]
        key = f"insights:nearest:{commune.insee_code}:{digest}"
        found = cache.get(key)
        if found is None:
            found = (_nearest_km(gap.words, commune),)
            cache.set(key, found, NEAREST_SECONDS)
        gap.nearest_km = found[0]


def share_percent(part: int, whole: int) -> int:
    """``part`` as a whole percentage of ``whole`` that never claims more than is true.

    282 verified shops of 283 is 99 %, not 100 %: rounding up would tell a
    commune its work is finished when one listing still waits. Likewise one of
    300 is 1 %, not 0 %.
    """
    if not whole:
        return 0
    percent = round(100 * part / whole)
    if percent == 100 and part < whole:
        return 99
    if percent == 0 and part > 0:
        return 1
    return percent


@dataclass
class ListingFigures:
    live: int
    verified: int
    fresh: int
    new: int
    closed: int
    orders: int
    order_amount_cents: int

    @property
    def verified_percent(self) -> int:
        return share_percent(self.verified, self.live)

    @property
    def fresh_percent(self) -> int:
        return share_percent(self.fresh, self.live)


def listing_figures(*, commune: Commune | None, period: Period) -> ListingFigures:
    """Shops of the commune (or all): verified and fresh shares, arrivals and
    departures in the period, and its orders."""
    shops = ShopPage.objects.all()
    if commune is not None:
        shops = shops.filter(commune=commune)
    live = shops.filter(live=True)
    fresh_since = timezone.now() - STALE_AFTER
    counts = live.aggregate(
        live=Count("pk"),
        verified=Count("pk", filter=Q(verified_at__isnull=False)),
        fresh=Count("pk", filter=Q(hours_confirmed_at__gte=fresh_since)),
        new=Count("pk", filter=Q(first_published_at__date__gte=period.start)),
    )
    closed = (
        PageLogEntry.objects.filter(
            action="wagtail.unpublish",
            timestamp__date__gte=period.start,
            page__in=shops.filter(live=False).values("pk"),
        )
        .values("page")
        .distinct()
        .count()
    )
    orders = PageDay.objects.filter(
        measure=Measure.ORDER,
        day__gte=period.start,
        day__lte=period.end,
        page_id__in=shops.values("pk"),
    ).aggregate(n=Sum("count"), amount=Sum("amount_cents"))
    return ListingFigures(
        **counts,
        closed=closed,
        orders=orders["n"] or 0,
        order_amount_cents=orders["amount"] or 0,
    )


# Everyone -------------------------------------------------------------------------


def public_stats(*, today: date | None = None) -> dict:
    """The directory's own figures, the same on ``/stats/`` and in the API.

    Search words appear only when searched at least five times in the last 30
    days: a rare query could point at the one person who typed it.
    """
    period = Period(days=30, end=today or timezone.localdate())
    year_start = (period.end.replace(day=1) - timedelta(days=335)).replace(day=1)
    listings = listing_figures(commune=None, period=period)
    communes = ShopPage.objects.filter(live=True).values("commune").distinct().count()
    orders = (
        PageDay.objects.filter(measure=Measure.ORDER, day__gte=year_start)
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(n=Sum("count"))
        .order_by("month")
    )
    calls = dict(
        PublicCall.objects.filter(day__gte=period.start, day__lte=period.end)
        .values("kind")
        .annotate(n=Sum("count"))
        .values_list("kind", "n")
    )
    words = (
        SearchDay.objects.filter(day__gte=period.start, day__lte=period.end)
        .values("words")
        .annotate(n=Sum("searches"))
        .filter(n__gte=PUBLIC_WORDS_MIN_SEARCHES)
        .order_by("-n", "words")[:20]
    )
    return {
        "period": {"start": period.start, "end": period.end},
        "shops": listings.live,
        "communes_covered": communes,
        "communes_total": Commune.objects.count(),
        "verified_percent": listings.verified_percent,
        "fresh_percent": listings.fresh_percent,
        "orders_per_month": [
            {"month": row["month"].strftime("%Y-%m"), "orders": row["n"]}
            for row in orders
        ],
        "open_data_downloads": calls.get(PublicCall.Kind.DOWNLOAD, 0),
        "api_calls": calls.get(PublicCall.Kind.API, 0),
        "top_searches": [
            {"words": row["words"], "searches": row["n"]} for row in words
        ],
    }
