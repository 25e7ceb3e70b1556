"""A place instead of coordinates: "where" names a commune, a street or a
landmark from the offline gazetteer, in the page and in the API."""

import pytest

from search.gazetteer import gazetteer_forget, place_find, places_matching, street_of
from search.indexing import index_rebuild
from tests.factories.pages import PlaceFactory, ShopPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_gazetteer():
    gazetteer_forget()
    yield
    gazetteer_forget()


@pytest.fixture
def street(shops_index):
    ShopPageFactory(
        title="Fleurs du Marché",
        street_address="10 rue Nationale",
        latitude=50.6360,
        longitude=3.0600,
    )
    ShopPageFactory(
        title="Fleurs Lointaines",
        street_address="2 rue de Lannoy",
        postal_code="59100",
        latitude=50.6900,
        longitude=3.1800,
        insee_code="59512",
    )
    ShopPageFactory(
        title="Boulangerie Nationale",
        street_address="20bis rue Nationale",
        latitude=50.6380,
        longitude=3.0640,
    )
    PlaceFactory(title="Vieille Bourse", latitude=50.6370, longitude=3.0636)
    index_rebuild("shops")


@pytest.mark.parametrize(
    ("address", "street_name"),
    [
        ("12 rue Nationale", "Rue Nationale"),
        ("20bis rue Nationale", "Rue Nationale"),
        ("3-5, place du Général-de-Gaulle", "Place du Général-de-Gaulle"),
        ("Grand-Place", "Grand-Place"),
    ],
)
def test_the_house_number_is_not_part_of_the_street(address, street_name):
    assert street_of(address) == street_name


def test_the_gazetteer_knows_communes_streets_and_landmarks(street):
    assert place_find("roubaix").kind == "commune"
    assert place_find("Marcq en Baroeul").name == "Marcq-en-Barœul"
    nationale = place_find("rue nationale lille")
    assert (nationale.kind, nationale.commune) == ("street", "Lille")
    # The centre of the two addresses known on the street.
    assert nationale.lat == pytest.approx(50.6370)
    assert place_find("vieille bourse").kind == "landmark"
    assert place_find("atlantide") is None
    assert [p.label for p in places_matching("rue nat")][:1] == ["Rue Nationale, Lille"]


def test_the_page_searches_around_the_place_named(client, street):
    response = client.get(
        "/search/",
        {"q": "fleurs", "where": "rue Nationale, Lille"},
        headers={"accept-language": "fr"},
    )

    assert response.status_code == 200
    assert "Fleurs du Marché" in response.text
    assert "Fleurs Lointaines" not in response.text
    assert "Près de Rue Nationale, Lille" in response.text
    assert "shop-row__distance" in response.text


def test_an_unknown_place_says_what_to_give_instead(client, street):
    response = client.get("/search/", {"where": "Atlantide"})

    assert response.status_code == 400
    assert "Atlantide" in response.text


def test_the_api_answers_with_the_place_it_understood_and_distances(client, street):
    answer = client.get("/api/v1/search", {"where": "Vieille Bourse"}).json()

    assert answer["place"]["kind"] == "landmark"
    assert answer["place"]["label"] == "Vieille Bourse, Lille"
    names = [result["name"] for result in answer["results"]]
    assert names[0] == "Fleurs du Marché" or names[0] == "Boulangerie Nationale"
    assert "Fleurs Lointaines" not in names
    assert all(result["distance_km"] is not None for result in answer["results"])

    bad = client.get("/api/v1/search", {"where": "Atlantide"})
    assert bad.status_code == 400


def test_the_places_api_suggests_as_you_type(client, street):
    answer = client.get("/api/v1/search/places", {"q": "vieille"}).json()

    assert [place["label"] for place in answer["places"]] == ["Vieille Bourse, Lille"]
    assert client.get("/api/v1/search/places", {"q": "v"}).json() == {"places": []}
