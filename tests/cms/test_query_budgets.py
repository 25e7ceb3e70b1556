"""Query budgets of uncached renders on data shaped like the demo's, and the view
restrictions the leaner reads must still honour.

The demo's Lille page ran 21 queries while the budget test, on a commune page with
shops only, counted 15: the highlights (places and a shop of the commune) were
read again, by page type, with their closures and categories. A commune page
here carries what the demo's does: highlights, markets, places, a trail, an
event, an offer.
"""

from datetime import time, timedelta

from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.models import PageViewRestriction

import pytest

from cms.models import CommuneHighlight, Weekday, WeeklyMarket
from shops.models import Offer, ShopClosure
from tests.factories.pages import (
    EventPageFactory,
    PlaceFactory,
    ShopPageFactory,
    commune_page,
    trail_page,
)

pytestmark = pytest.mark.django_db

COMMUNE_PAGE_BUDGET = 15


def _queries_for(client, url: str) -> int:
    """Queries of a render: a query string keeps the page cache out of the way."""
    url += "?uncached"
    client.get(url)  # first request fills per-process caches (site root, types)
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _curated_lille(*, shops: int, places: int, highlight_elsewhere: bool = False):
    """Lille's page the way the demo curates it, with ``shops`` and ``places``
    (and, ``highlight_elsewhere``, a highlighted place of another commune, which
    costs its own lookup)."""
    page = commune_page()
    today = timezone.localdate()
    own_shops = [ShopPageFactory(title=f"Boutique {n}") for n in range(shops)]
    own_places = [
        PlaceFactory(title=f"Lieu {n}", opening_hours="Tu-Su 10:00-18:00")
        for n in range(places)
    ]
    elsewhere = (
        [PlaceFactory(title="Lieu de Roubaix", insee_code="59512")]
        if highlight_elsewhere
        else []
    )
    for shop in own_shops[:2]:
        ShopClosure.objects.create(
            shop=shop, start_date=today, end_date=today + timedelta(days=2)
        )
    for position, highlighted in enumerate([*own_places[:3], own_shops[0], *elsewhere]):
        CommuneHighlight.objects.create(
            commune_page=page, page=highlighted, sort_order=position
        )
    WeeklyMarket.objects.create(
        commune_page=page,
        weekday=Weekday.SUNDAY,
        opens=time(8),
        closes=time(13),
        location_name="Wazemmes",
    )
    Offer.objects.create(
        shop=own_shops[1],
        title="Galette",
        text="-10 %",
        valid_from=today,
        valid_until=today + timedelta(days=5),
    )
    EventPageFactory(title="Braderie")
    trail_page(title="Vieux-Lille", stops=own_places[:2])
    return page


def test_a_curated_commune_page_keeps_its_budget_however_many_shops(client):
    page = _curated_lille(shops=3, places=3)
    few = _queries_for(client, page.url)
    for number in range(3, 12):
        ShopPageFactory(title=f"Boutique {number}")
        PlaceFactory(title=f"Lieu {number}")
    many = _queries_for(client, page.url)
    assert few <= COMMUNE_PAGE_BUDGET and many == few


def test_highlights_show_their_pages_from_the_commune_and_elsewhere(client):
    _curated_lille(shops=3, places=3, highlight_elsewhere=True)
    html = client.get(commune_page().url + "?uncached").content.decode()
    highlights = html.split('id="highlights-title"')[1].split("</section>")[0]
    for title in ("Lieu 0", "Lieu 1", "Lieu 2", "Boutique 0", "Lieu de Roubaix"):
        assert title in highlights
    assert "Boulangerie" in highlights  # the shop's trade


def test_a_password_on_the_commune_page_still_guards_its_shops(client):
    shop = ShopPageFactory(title="Boutique gardée")
    PageViewRestriction.objects.create(
        page=commune_page(),
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )
    html = client.get(shop.url + "?uncached").content.decode()
    assert 'name="password"' in html


def test_a_restriction_on_another_branch_does_not_guard_this_page(client):
    shop = ShopPageFactory(title="Boutique ouverte")
    PageViewRestriction.objects.create(
        page=commune_page("59512"),
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )
    html = client.get(shop.url + "?uncached").content.decode()
    assert "Boutique ouverte" in html and 'name="password"' not in html
