"""Reads about shops that pages and views need."""

from collections.abc import Iterable

from shops.models import Family, ShopPage


def shops_by_family(shops: Iterable[ShopPage]) -> list[tuple[str, list[ShopPage]]]:
    """Shops grouped under their family's label, families in their usual order."""
    grouped: dict[str, list[ShopPage]] = {family: [] for family in Family.values}
    for shop in shops:
        grouped[shop.category.family].append(shop)
    return [
        (Family(family).label, members)
        for family, members in grouped.items()
        if members
    ]
