from django.core.exceptions import ValidationError
from django.utils import translation

import pytest
import time_machine

from shops.templatetags.shop_tags import price
from tests.factories.pages import ShopPageFactory

pytestmark = pytest.mark.django_db

TUESDAY_MORNING = "2026-11-24 10:00 +01:00"
MONDAY_MORNING = "2026-11-23 10:00 +01:00"


@pytest.fixture
def bakery():
    return ShopPageFactory(
        title="Le Fournil de la Grand-Place",
        products=[
            {
                "name": "Baguette tradition",
                "price_cents": 130,
                "unit": "pièce",
                "stock": 40,
            },
            {"name": "Merveilleux", "price_cents": 450, "unit": "pièce", "stock": 0},
            {
                "name": "Pièce montée",
                "price_cents": 9000,
                "unit": "pièce",
                "stock": None,
            },
            {"name": "Ancien produit", "price_cents": 100, "active": False},
        ],
    )


@time_machine.travel(TUESDAY_MORNING, tick=False)
def test_the_shop_page_shows_what_a_resident_needs(client, bakery):
    html = client.get(bakery.url).content.decode()
    assert "Le Fournil de la Grand-Place" in html
    assert "Boulangerie" in html
    assert "12 rue Nationale" in html and "59000 Lille" in html
    assert "1,30\u00a0€" in html and "90,00\u00a0€" in html
    assert "Ancien produit" not in html
    assert 'class="status status--open"' in html


@time_machine.travel(MONDAY_MORNING, tick=False)
def test_a_closed_shop_says_so_and_when_it_reopens(client, bakery):
    html = client.get(bakery.url).content.decode()
    assert 'class="status status--closed"' in html
    assert "09:00" not in html.split("status--closed")[1][:80]
    assert "07:00" in html.split("status--closed")[1][:120]


def test_a_draft_shop_is_not_visible_to_the_public(client, bakery):
    bakery.unpublish()
    assert client.get(bakery.url).status_code == 404


def test_the_shop_knows_its_commune_from_its_place_in_the_tree():
    shop = ShopPageFactory(insee_code="59512", latitude=50.6903, longitude=3.1817)
    assert shop.commune.name == "Roubaix"


def test_a_shop_with_unreadable_hours_is_refused():
    with pytest.raises(ValidationError) as error:
        ShopPageFactory(opening_hours="quand ça nous chante")
    assert "opening_hours" in error.value.message_dict


def test_hours_typed_the_french_way_are_stored_in_osm_syntax():
    shop = ShopPageFactory(opening_hours="du lundi au vendredi 9h-18h")
    assert shop.opening_hours == "Mo-Fr 09:00-18:00"


def test_prices_are_written_the_way_each_language_writes_them():
    assert price(130) == "1,30\u00a0€"
    with translation.override("en"):
        assert price(123456) == "1,234.56\u00a0€" or price(123456) == "1234.56\u00a0€"
