"""A commune's page as residents see it, and its dashboard as its staff see it."""

import re
from datetime import time, timedelta

from django.utils import timezone

import pytest

from cms.models import CommuneHighlight, Weekday, WeeklyMarket
from shops.models import Offer, ShopPage
from tests.factories.pages import (
    EventPageFactory,
    PlaceFactory,
    ShopPageFactory,
    commune_page,
)
from tests.factories.people import commune_staff, merchant_with_shop

pytestmark = pytest.mark.django_db


@pytest.fixture
def lille():
    page = commune_page()
    page.practical_info = "<p>Métro ligne 1, station Rihour.</p>"
    page.save()
    bakery = ShopPageFactory(title="Au Pain de Maryse")
    museum = PlaceFactory(title="Palais des Beaux-Arts")
    hidden = PlaceFactory(title="Lieu dépublié")
    hidden.unpublish()
    for position, highlight in enumerate([museum, hidden, bakery]):
        CommuneHighlight.objects.create(
            commune_page=page, page=highlight, note=f"Note {position}"
        )
    WeeklyMarket.objects.create(
        commune_page=page,
        weekday=Weekday.SUNDAY,
        opens=time(7),
        closes=time(14, 30),
        location_name="Place de la Nouvelle Aventure",
    )
    today = timezone.localdate()
    Offer.objects.create(
        shop=bakery,
        title="Galette des rois",
        text="À commander la veille",
        valid_from=today,
        valid_until=today + timedelta(days=5),
    )
    Offer.objects.create(
        shop=bakery,
        title="Offre expirée",
        text="Trop tard",
        valid_from=today - timedelta(days=9),
        valid_until=today - timedelta(days=1),
    )
    EventPageFactory(title="Braderie de Lille")
    EventPageFactory(
        title="Braderie de Roubaix",
        insee_code="59512",
        latitude=50.6903,
        longitude=3.1817,
    )
    return page


def test_the_commune_page_gathers_highlights_markets_offers_events_and_map(
    client, lille
):
    html = client.get(lille.url).content.decode()
    assert "Métro ligne 1, station Rihour." in html
    assert "Note 0" in html and "Note 2" in html
    assert "Lieu dépublié" not in html
    assert "Place de la Nouvelle Aventure" in html and "07:00\u201314:30" in html
    assert "Galette des rois" in html and "Offre expirée" not in html
    assert "Braderie de Lille" in html and "Braderie de Roubaix" not in html
    assert 'class="place-map place-map--commune"' in html
    # One shop: one small square in the shops' single path.
    assert re.search(r'class="place-map__shops" d="M[0-9-]+ [0-9-]+h4v4h-4z"', html)
    assert "/agenda/lille.ics" in html


def test_a_market_closing_before_it_opens_is_refused(lille):
    from django.core.exceptions import ValidationError

    market = WeeklyMarket(
        commune_page=lille,
        weekday=Weekday.MONDAY,
        opens=time(14),
        closes=time(7),
        location_name="Place du Concert",
    )
    with pytest.raises(ValidationError) as error:
        market.full_clean()
    assert "closes" in error.value.message_dict


def test_staff_see_the_dashboard_of_their_commune(client, lille):
    ShopPageFactory(title="Horaires anciens")  # never confirmed: stale
    fresh = ShopPageFactory(title="Horaires frais")
    ShopPage.objects.filter(pk=fresh.pk).update(
        hours_confirmed_at=timezone.now(), verified_at=timezone.now()
    )
    merchant_with_shop(name="Boutique à vérifier")
    client.force_login(commune_staff())
    html = client.get("/admin/").content.decode()
    assert "Lille" in html and "Horaires anciens" in html
    assert "Horaires frais" not in html.split("Horaires à vérifier")[1]
    # Three published shops, one of them verified: 33 %.
    assert "1 (33\u00a0%)" in html
    assert f"/admin/pages/add/cms/eventpage/{lille.pk}/" in html


def test_merchants_do_not_get_a_commune_dashboard(client, lille):
    merchant, _shop = merchant_with_shop()
    client.force_login(merchant)
    assert "Hours to check" not in client.get("/admin/").content.decode()
    assert "Add an event" not in client.get("/admin/").content.decode()
