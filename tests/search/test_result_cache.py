"""One round trip per search page (a second only when the words find fewer than
three shops as written, to forgive typos); the same question answered from a
short cache."""

from unittest import mock

import pytest
from elasticsearch import Elasticsearch

from search.indexing import index_rebuild, page_sync
from tests.factories.pages import PlaceFactory, ShopPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(shops_index):
    ShopPageFactory(title="Fournil du Beffroi")
    # Enough shops for "beffroi" as written: no second query forgiving typos.
    ShopPageFactory(title="Cordonnerie du Beffroi")
    ShopPageFactory(title="Fleurs du Beffroi")
    PlaceFactory(title="Beffroi de Lille")
    for noun in ("shops", "places", "events"):
        index_rebuild(noun)


def _round_trips():
    """Every request the client sends to the engine, whichever API call made it."""
    return mock.patch.object(
        Elasticsearch,
        "perform_request",
        autospec=True,
        side_effect=Elasticsearch.perform_request,
    )


def test_shops_places_and_events_come_in_one_round_trip(client, indexed):
    with _round_trips() as engine:
        html = client.get("/search/?q=beffroi").content.decode()
    assert engine.call_count == 1
    assert "Fournil du Beffroi" in html and "Beffroi de Lille" in html


def test_paging_back_to_a_page_asks_the_engine_nothing(client, indexed):
    client.get("/search/?q=beffroi")
    with _round_trips() as engine:
        again = client.get("/search/?q=beffroi").content.decode()
    assert engine.call_count == 0 and "Fournil du Beffroi" in again


def test_an_index_update_makes_the_kept_answers_stale_at_once(client, indexed):
    assert (
        "Fournil de la Treille" not in client.get("/search/?q=fournil").content.decode()
    )
    new = ShopPageFactory(title="Fournil de la Treille")
    page_sync(new.pk)
    assert "Fournil de la Treille" in client.get("/search/?q=fournil").content.decode()


def test_an_unpublished_shop_never_shows_even_from_kept_answers(client, indexed):
    from shops.models import ShopPage

    client.get("/search/?q=beffroi")
    ShopPage.objects.get(title="Fournil du Beffroi").unpublish()
    assert "Fournil du Beffroi" not in client.get("/search/?q=beffroi").content.decode()
