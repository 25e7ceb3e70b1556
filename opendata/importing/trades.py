"""Which of Vitrine's categories an OpenStreetMap feature's trade tags name.

Mappers tag one trade as ``shop=*`` or ``craft=*`` (a locksmith is
``shop=locksmith`` or ``craft=locksmith``, a baker ``shop=bakery`` or
``craft=bakery``), while the taxonomy (``shops/data/categories_osm.json``, from
the iD presets) lists each trade once, under one key. So a tag is looked up as
written, then with the same value under the other key, then through the few
presets whose two keys spell the trade differently.
"""

from shops.models import Category

TRADE_KEYS = ("shop", "craft")
# Trades the iD presets name with different values under the two keys.
SPELLED_DIFFERENTLY = {
    ("craft", "jeweller"): ("shop", "jewelry"),
    ("craft", "photographic_laboratory"): ("shop", "photo"),
    ("craft", "cabinet_maker"): ("craft", "joiner"),
    ("craft", "winery"): ("shop", "wine"),
    ("shop", "watchmaker"): ("craft", "watchmaker"),
    ("shop", "clocks"): ("craft", "clockmaker"),
}


def _other_key(key: str) -> str:
    return "craft" if key == "shop" else "shop"


def trade_category(
    tags: dict[str, str], categories: dict[tuple[str, str], Category]
) -> Category | None:
    """The category of the first trade tag the taxonomy knows, else None."""
    for key in TRADE_KEYS:
        for value in filter(None, (v.strip() for v in tags.get(key, "").split(";"))):
            for candidate in (
                (key, value),
                (_other_key(key), value),
                SPELLED_DIFFERENTLY.get((key, value)),
            ):
                if candidate in categories:
                    return categories[candidate]
    return None


def trade_tags(tags: dict[str, str]) -> list[str]:
    """The feature's trade tags as written ("shop=supermarket"), for reports."""
    return [f"{key}={tags[key]}" for key in TRADE_KEYS if tags.get(key)]
