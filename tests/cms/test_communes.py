from django.core.exceptions import ValidationError
from django.core.management import call_command

import pytest

from cms.models import Commune, CommunePage
from cms.services import communes_load
from tests.factories.pages import PlaceFactory, ShopPageFactory

pytestmark = pytest.mark.django_db

LILLE_GRAND_PLACE = (50.6366, 3.0635)
PARIS_NOTRE_DAME = (48.8530, 2.3499)


def test_the_95_communes_of_the_metropolis_are_loaded_with_their_data():
    assert Commune.objects.count() == 95
    lille = Commune.objects.get(insee_code="59350")
    assert lille.name == "Lille"
    assert "59000" in lille.postal_codes
    assert lille.population > 200_000
    assert "Place Augustin-Laurent" in lille.town_hall_address
    total = sum(Commune.objects.values_list("population", flat=True))
    assert 1_150_000 < total < 1_250_000


def test_every_commune_has_its_page_under_the_communes_index():
    pages = CommunePage.objects.live()
    assert pages.count() == 95
    assert {page.get_parent().slug for page in pages[:5]} == {"communes"}
    assert CommunePage.objects.get(commune__insee_code="59011").slug == "annoeullin"


def test_loading_the_communes_again_changes_nothing():
    summary = communes_load()
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 95)
    assert CommunePage.objects.count() == 95


def test_the_load_command_prints_a_summary(capsys):
    call_command("load_communes")
    assert "0 created, 0 updated, 95 unchanged" in capsys.readouterr().out


def test_each_town_hall_lies_inside_its_own_commune():
    misplaced = [
        commune.name
        for commune in Commune.objects.all()
        if not commune.contains(latitude=commune.latitude, longitude=commune.longitude)
    ]
    assert misplaced == []


@pytest.mark.parametrize(
    ("point", "expected"),
    [
        (LILLE_GRAND_PLACE, "Lille"),
        ((50.6903, 3.1817), "Roubaix"),
        (PARIS_NOTRE_DAME, None),
    ],
)
def test_a_point_is_placed_in_the_commune_that_contains_it(point, expected):
    commune = Commune.objects.containing(latitude=point[0], longitude=point[1])
    assert (commune.name if commune else None) == expected


def test_a_place_outside_the_metropolis_is_refused_with_a_clear_message():
    with pytest.raises(ValidationError) as error:
        PlaceFactory(latitude=PARIS_NOTRE_DAME[0], longitude=PARIS_NOTRE_DAME[1])
    assert "en dehors de la métropole lilloise" in str(
        error.value.message_dict["latitude"]
    )


def test_swapped_or_impossible_coordinates_are_refused():
    with pytest.raises(ValidationError) as error:
        PlaceFactory(latitude=3.0635, longitude=50.6366)
    assert "latitude" in error.value.message_dict
    with pytest.raises(ValidationError):
        PlaceFactory(latitude=123.0, longitude=3.06)


def test_the_commune_page_lists_its_shops_by_family_and_its_places(client):
    ShopPageFactory(title="Fournil de la Grand-Place")
    PlaceFactory(title="Vieille Bourse")
    response = client.get("/communes/lille/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Fournil de la Grand-Place" in html
    assert "Vieille Bourse" in html
    assert "Place Augustin-Laurent" in html


def test_the_communes_index_lists_every_commune(client):
    response = client.get("/communes/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Wattrelos" in html and "Allennes-les-Marais" in html
    assert html.count('class="commune-list__meta"') == 95


def test_the_home_page_offers_the_search_box_and_the_largest_communes(client):
    ShopPageFactory()
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="search"' in html and 'name="q"' in html
    assert "/communes/roubaix/" in html


def test_a_busy_commune_page_stays_short_grouped_by_family_and_trade(client):
    """Lille has about 300 shops: the page shows trades, counts and a few shops."""
    from shops.models import Category

    categories = list(Category.objects.order_by("pk")[:40])
    for number in range(120):
        ShopPageFactory(
            title=f"Boutique numéro {number}", category=categories[number % 40]
        )
    html = client.get("/communes/lille/").content.decode()
    assert len(html.encode()) < 40_000
    assert html.count('class="shop-row"') <= 2 * html.count('class="family"')
    bakery = categories[0]
    assert (
        f"/search/?commune=59350&amp;category={bakery.slug}" in html
        and f"{bakery.name}</a>&nbsp;(3)" in html
    )
    assert "/search/?commune=59350&amp;family=" in html
