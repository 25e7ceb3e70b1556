"""A place's page: structured data, visiting facts, and the shops open around it."""

import json
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from django.test import override_settings
from django.utils import timezone

import pytest
import time_machine

from cms.models import PlaceClosure
from cms.selectors import shops_open_now_near
from search.indexing import index_rebuild
from tests.factories.pages import PlaceFactory, ShopPageFactory

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
WEDNESDAY_11AM = datetime(2030, 3, 13, 11, 0, tzinfo=PARIS)
CLOSED_PORT_URL = "http://127.0.0.1:9"


def _json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_a_place_describes_itself_as_a_tourist_attraction_for_search_engines(client):
    place = PlaceFactory(
        title="Palais des Beaux-Arts",
        kind="museum",
        is_free=False,
        price_note="Gratuit le premier dimanche du mois",
        official_url="https://pba.lille.fr",
        opening_hours="We-Mo 10:00-18:00",
    )
    data = _json_ld(client.get(place.url).content.decode())
    assert data["@type"] == ["TouristAttraction", "Museum"]
    assert data["name"] == "Palais des Beaux-Arts"
    assert data["isAccessibleForFree"] is False
    assert data["address"]["addressLocality"] == "Lille"
    assert data["sameAs"] == "https://pba.lille.fr"
    assert {spec["opens"] for spec in data["openingHoursSpecification"]} == {"10:00"}


def test_a_place_page_shows_price_accessibility_history_and_closure(client):
    place = PlaceFactory(
        is_free=False,
        price_note="8 € ; gratuit pour les moins de 12 ans",
        wheelchair="limited",
        accessibility_note="Ascenseur côté jardin",
        history="<p>Construit en 1892.</p>",
        opening_hours="Mo-Su 10:00-18:00",
    )
    PlaceClosure.objects.create(
        place=place,
        start_date=timezone.localdate(),
        end_date=timezone.localdate(),
        reason="Travaux",
    )
    html = client.get(place.url).content.decode()
    assert "8 € ; gratuit pour les moins de 12 ans" in html
    assert "Ascenseur côté jardin" in html
    assert "Construit en 1892." in html
    assert "Travaux" in html
    assert "status--closed" in html  # the closure closes it today


@pytest.fixture
def shops_around_the_belfry(shops_index):
    # Opening hours are indexed for the week ahead of the moment the index is built.
    traveller = time_machine.travel(datetime(2030, 3, 12, 8, 0, tzinfo=PARIS))
    traveller.start()
    ShopPageFactory(title="Boulangerie Ouverte", latitude=50.6368, longitude=3.0640)
    ShopPageFactory(
        title="Fromagerie Fermée",
        latitude=50.6367,
        longitude=3.0637,
        opening_hours="Mo 09:00-10:00",
    )
    ShopPageFactory(
        title="Épicerie Lointaine",
        insee_code="59512",
        latitude=50.6903,
        longitude=3.1817,
    )
    index_rebuild("shops")
    yield
    traveller.stop()


def test_shops_open_now_nearby_come_from_the_engine_and_the_hours(
    shops_around_the_belfry,
):
    nearby = shops_open_now_near(latitude=50.6366, longitude=3.0635, at=WEDNESDAY_11AM)
    assert nearby.engine_available
    assert [shop.title for shop, _km in nearby.rows] == ["Boulangerie Ouverte"]
    assert nearby.rows[0][1] == pytest.approx(0.04, abs=0.02)
    assert nearby.closest == []


def test_when_nothing_is_open_the_closest_shops_say_when_they_open(
    shops_around_the_belfry,
):
    sunday_night = datetime(2030, 3, 17, 23, 0, tzinfo=PARIS)
    nearby = shops_open_now_near(latitude=50.6366, longitude=3.0635, at=sunday_night)
    assert nearby.rows == []
    assert [shop.title for shop, _km in nearby.closest] == [
        "Fromagerie Fermée",
        "Boulangerie Ouverte",
    ]


def test_the_place_page_lists_the_shops_open_around_it(client, shops_around_the_belfry):
    place = PlaceFactory()
    with time_machine.travel(WEDNESDAY_11AM, tick=False):
        html = client.get(place.url).content.decode()
    assert "Boulangerie Ouverte" in html
    assert "Fromagerie Fermée" not in html and "Épicerie Lointaine" not in html


def test_the_place_page_stands_when_the_engine_is_down(client):
    place = PlaceFactory(title="Vieille Bourse")
    with override_settings(ELASTICSEARCH_URL=CLOSED_PORT_URL):
        response = client.get(place.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vieille Bourse" in html
    assert "momentanément indisponible" in html
