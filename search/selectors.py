"""Reads from the search engine, shaped for views.

Results are ids from the engine, then the pages themselves from the database, so a
page never shows a shop that was unpublished a second ago.
"""

import logging
from dataclasses import dataclass, field

from search.engine import ENGINE_ERRORS, client
from search.queries import shop_search
from shops.models import ShopPage

logger = logging.getLogger(__name__)
PER_PAGE = 20


@dataclass
class ShopResults:
    shops: list[ShopPage] = field(default_factory=list)
    total: int = 0
    page: int = 1
    per_page: int = PER_PAGE
    engine_available: bool = True

    @property
    def has_next(self) -> bool:
        return self.page * self.per_page < self.total

    @property
    def has_previous(self) -> bool:
        return self.page > 1


def shops_search(*, text: str, page: int = 1) -> ShopResults:
    query = shop_search(text=text, page=page, per_page=PER_PAGE)
    try:
        response = query.using(client()).execute()
    except ENGINE_ERRORS:
        logger.exception("search engine unavailable for %r", text)
        return ShopResults(page=page, engine_available=False)
    ids = [int(hit.meta.id) for hit in response]
    pages = (
        ShopPage.objects.live()
        .filter(pk__in=ids)
        .select_related("category", "commune", "image")
        .prefetch_related("closures")
        .in_bulk()
    )
    return ShopResults(
        shops=[pages[pk] for pk in ids if pk in pages],
        total=response.hits.total.value,
        page=page,
    )
