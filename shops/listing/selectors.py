"""Reads about shops that pages and views need."""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from shops.models import Category, Family, ShopPage

FEATURED_PER_FAMILY = 2


@dataclass(frozen=True)
class FamilyOfShops:
    """One family of trades in a commune: how many, which trades, a few shops."""

    family: str
    label: str
    count: int
    categories: list[tuple[Category, int]]
    featured: list[ShopPage]


def _featured_first(shop: ShopPage) -> tuple:
    # Verified listings whose hours were confirmed lately are the safest to send
    # a resident to; then by name, so that the page is stable between visits.
    confirmed = shop.hours_confirmed_at.timestamp() if shop.hours_confirmed_at else 0
    return (shop.verified_at is None, -confirmed, shop.title)


def shops_by_family(
    shops: Iterable[ShopPage], *, featured: int = FEATURED_PER_FAMILY
) -> list[FamilyOfShops]:
    """A commune's shops by family: its trades with their counts and a few shops.

    A commune page listing every shop grew to hundreds of rows (Lille: 283); each
    trade's count links to the search filtered on the commune, where all are.
    """
    members: dict[str, list[ShopPage]] = {family: [] for family in Family.values}
    for shop in shops:
        members[shop.category.family].append(shop)
    groups = []
    for family, family_shops in members.items():
        if not family_shops:
            continue
        counts = Counter(shop.category for shop in family_shops)
        groups.append(
            FamilyOfShops(
                family=family,
                label=Family(family).label,
                count=len(family_shops),
                categories=sorted(
                    counts.items(), key=lambda item: (-item[1], item[0].name)
                ),
                featured=sorted(family_shops, key=_featured_first)[:featured],
            )
        )
    return groups
