"""The API's parameters mean what its schema says: unreadable values are 400s."""

import pytest

from tests.factories.pages import ShopPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("updated_since=", "updated_since"),
        ("claimed=null", "claimed"),
        ("claimed=2", "claimed"),
        ("page_size=0", "page_size"),
        ("page_size=501", "page_size"),
        ("page_size=ten", "page_size"),
        ("bbox=", "bbox"),
        ("bbox=1e3,50,3,51", "bbox"),
    ],
)
def test_an_unreadable_parameter_is_refused_by_name(client, query, parameter):
    response = client.get(f"/api/v1/shops/?{query}")
    assert response.status_code == 400
    assert parameter in response.json()


def test_a_box_with_its_corners_swapped_or_beyond_the_world_still_finds_shops(client):
    ShopPageFactory(title="Fournil des essais")
    found = client.get("/api/v1/shops/?bbox=3.2,50.8,2.9,50.5").json()["results"]
    assert [shop["name"] for shop in found] == ["Fournil des essais"]
    world = client.get("/api/v1/shops/?bbox=-500,-100,500,100").json()["results"]
    assert len(world) == 1


def test_any_address_under_a_resource_answers_in_json(client):
    response = client.get("/api/v1/shops/%C2%A3%0A%C3%A6/")
    assert response.status_code == 404 and response["Content-Type"].startswith(
        "application/json"
    )
