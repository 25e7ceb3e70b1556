"""Reads about the territory that pages need."""

from dataclasses import dataclass

from django.db.models import Count, Q

from cms.models import CommunePage, PointOfInterestPage
from shops.models import ShopPage


@dataclass(frozen=True)
class HomeOverview:
    commune_count: int
    shop_count: int
    place_count: int
    largest_communes: list[CommunePage]
    featured_places: list[PointOfInterestPage]


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
    )
