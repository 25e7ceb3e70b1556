"""Favourite shops and places: a plain POST toggles, unpublished ones hide."""

from datetime import timedelta

import pytest

from residents.models import Favourite
from tests.factories.pages import PlaceFactory, ShopPageFactory
from tests.residents.conftest import resident_make, signed_in

pytestmark = pytest.mark.django_db


def test_favourite_button_on_a_shop_page_toggles_without_javascript(
    client, resident, baker
):
    anonymous = client.get(baker.url)
    assert "/accounts/login/?next=" in anonymous.text
    signed_in(client, resident)
    page = client.get(baker.url)
    assert 'action="/accounts/favourites/"' in page.text
    response = client.post(
        "/accounts/favourites/", {"page": baker.pk, "next": baker.url}
    )
    assert response.status_code == 302 and response.url == baker.url
    assert Favourite.objects.filter(user=resident, page=baker).exists()
    listing = client.get("/accounts/favourites/")
    assert "Fournil du Vieux-Lille" in listing.text
    client.post("/accounts/favourites/", {"page": baker.pk})
    assert not Favourite.objects.exists()


def test_places_can_be_favourites_but_other_pages_cannot(client, resident):
    place = PlaceFactory(title="Musée d'essai")
    signed_in(client, resident)
    assert "/accounts/favourites/" in client.get(place.url).text
    client.post("/accounts/favourites/", {"page": place.pk})
    client.post("/accounts/favourites/", {"page": place.get_parent().pk})
    client.post("/accounts/favourites/", {"page": "not-a-number"})
    assert list(Favourite.objects.values_list("page_id", flat=True)) == [place.pk]


def test_an_unpublished_favourite_disappears_quietly(client, resident):
    shops = [ShopPageFactory(title=f"Boutique {n}") for n in range(3)]
    signed_in(client, resident)
    for shop in shops:
        client.post("/accounts/favourites/", {"page": shop.pk})
    shops[1].unpublish()
    listing = client.get("/accounts/favourites/")
    assert listing.status_code == 200
    shown = [favourite.page.title for favourite in listing.context["favourites"]]
    assert sorted(shown) == ["Boutique 0", "Boutique 2"]


def test_a_resident_cannot_see_another_residents_favourites(client, resident, baker):
    signed_in(client, resident)
    client.post("/accounts/favourites/", {"page": baker.pk})
    client.logout()
    signed_in(client, resident_make("other@example.org"))
    assert "Fournil du Vieux-Lille" not in client.get("/accounts/favourites/").text


def test_favourites_need_signing_in(client, baker):
    response = client.post("/accounts/favourites/", {"page": baker.pk})
    assert response.status_code == 302
    assert not Favourite.objects.exists()


def test_my_communes_are_added_and_removed(client, resident):
    from territory.communes import Commune

    roubaix = Commune.objects.get(insee_code="59512")
    signed_in(client, resident)
    client.post("/accounts/communes/", {"commune": roubaix.pk})
    assert "Roubaix" in client.get("/accounts/communes/").text
    client.post("/accounts/communes/", {"remove": roubaix.pk})
    assert not resident.communes.exists()


def test_home_events_of_my_communes_come_first(client, resident):
    from residents.models import ResidentCommune
    from territory.communes import Commune
    from tests.factories.pages import EventPageFactory

    lille = EventPageFactory(title="Braderie de Lille")
    later = lille.starts_at + timedelta(days=1)
    roubaix = EventPageFactory(
        title="Marché de Roubaix",
        insee_code="59512",
        starts_at=later,
        latitude=50.691214,
        longitude=3.174044,
    )
    for event in (lille, roubaix):
        event.save_revision().publish()
    anonymous = client.get("/").text
    assert anonymous.index("Braderie de Lille") < anonymous.index("Marché de Roubaix")
    ResidentCommune.objects.create(
        user=resident, commune=Commune.objects.get(insee_code="59512")
    )
    mine = signed_in(client, resident).get("/").text
    assert mine.index("Marché de Roubaix") < mine.index("Braderie de Lille")


def test_my_communes_lead_my_search_results(
    client, resident, shops_index, django_capture_on_commit_callbacks
):
    """Two equally good bakeries: the one of my commune comes first once I say
    where I live; anonymous visitors and a chosen commune filter are unchanged."""
    from residents.models import ResidentCommune
    from shops.models import Category
    from territory.communes import Commune

    bakery = Category.objects.get(osm_value="bakery")
    # Publishing rings the index's doorbell; its drain runs after commit.
    with django_capture_on_commit_callbacks(execute=True):
        for title, place in (
            ("Boulangerie Alpha", {"insee_code": "59350"}),
            ("Boulangerie Zeta", {"insee_code": "59512", "latitude": 50.6903}),
        ):
            shop = ShopPageFactory(title=title, category=bakery, **place)
            shop.save_revision().publish()

    def order(response) -> bool:
        return response.text.index("Boulangerie Zeta") < response.text.index(
            "Boulangerie Alpha"
        )

    assert not order(client.get("/search/?q=boulangerie"))
    ResidentCommune.objects.create(
        user=resident, commune=Commune.objects.get(insee_code="59512")
    )
    signed_in(client, resident)
    assert order(client.get("/search/?q=boulangerie"))
    assert order(client.get("/search/"))  # no words: my commune, then A to Z
    # A commune I choose is a filter, and my own communes do not reorder it.
    chosen = client.get("/search/?q=boulangerie&commune=59350").text
    assert "Boulangerie Alpha" in chosen and "Boulangerie Zeta" not in chosen
