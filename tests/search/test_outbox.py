"""Index updates are never lost: they wait in the database while the engine is down."""

import io

from django.core.management import call_command

import pytest

from search.embedded_engine import embedded_engine, free_port
from search.engine import client, index_name
from search.indexing import index_rebuild
from search.models import PendingIndexUpdate
from shops.models import ShopPage
from tests.factories.pages import ShopPageFactory

pytestmark = pytest.mark.django_db
CLOSED_PORT_URL = "http://127.0.0.1:9"


def _publish(shop, title: str) -> None:
    shop = ShopPage.objects.get(pk=shop.pk)
    shop.title = title
    shop.save_revision().publish()


def test_publishing_while_the_engine_is_down_never_fails_and_is_caught_up(
    shops_index, settings, django_capture_on_commit_callbacks
):
    shop = ShopPageFactory(title="Cordonnerie Desmet")
    index_rebuild("shops")
    engine_url = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = CLOSED_PORT_URL
    with django_capture_on_commit_callbacks(execute=True):
        _publish(shop, "Cordonnerie Desmet et Fils")
    pending = PendingIndexUpdate.objects.get(page_id=shop.pk)
    assert pending.attempts == 1 and pending.last_error
    settings.ELASTICSEARCH_URL = engine_url
    call_command("search_index", "--drain")
    assert not PendingIndexUpdate.objects.exists()
    document = client().get(index=index_name("shops"), id=str(shop.pk))
    assert document["_source"]["name"] == "Cordonnerie Desmet et Fils"


def test_engine_stopped_fifty_edits_restarted_and_the_index_equals_the_database(
    tmp_path, settings, django_capture_on_commit_callbacks
):
    port, data_dir = free_port(), tmp_path / "engine"
    shops = [ShopPageFactory(title=f"Boutique {number}") for number in range(50)]
    with embedded_engine(port=port, data_dir=data_dir) as url:
        settings.ELASTICSEARCH_URL = url
        assert index_rebuild("shops") == 50
    # The engine process is stopped now: every publication must still succeed.
    with django_capture_on_commit_callbacks(execute=True):
        for number, shop in enumerate(shops):
            _publish(shop, f"Boutique renommée {number}")
    assert PendingIndexUpdate.objects.count() == 50
    with embedded_engine(port=port, data_dir=data_dir):
        call_command("search_index", "--drain")
        assert not PendingIndexUpdate.objects.exists()
        found = client().mget(index=index_name("shops"), ids=[str(s.pk) for s in shops])
        indexed = {int(doc["_id"]): doc["_source"]["name"] for doc in found["docs"]}
    expected = dict(ShopPage.objects.filter(pk__in=indexed).values_list("pk", "title"))
    assert indexed == expected
    assert set(indexed.values()) == {f"Boutique renommée {n}" for n in range(50)}


def test_a_full_rebuild_absorbs_updates_queued_before_it(shops_index):
    shop = ShopPageFactory()
    PendingIndexUpdate.objects.create(page_id=shop.pk)
    index_rebuild("shops")
    # One index rebuilt: the others still need the update.
    assert PendingIndexUpdate.objects.exists()
    call_command(
        "search_index", "--rebuild", stdout=io.StringIO(), stderr=io.StringIO()
    )
    assert not PendingIndexUpdate.objects.exists()


def test_publishing_and_unpublishing_a_place_updates_the_places_index(
    shops_index, django_capture_on_commit_callbacks
):
    from search.indexing import index_ensure
    from tests.factories.pages import PlaceFactory

    index_ensure("places")
    with django_capture_on_commit_callbacks(execute=True):
        place = PlaceFactory(title="Musée de l'Hospice Comtesse")
        place.save_revision().publish()
    found = client().get(index=index_name("places"), id=str(place.pk))
    assert found["_source"]["name"] == "Musée de l'Hospice Comtesse"
    with django_capture_on_commit_callbacks(execute=True):
        place.unpublish()
    assert not client().exists(index=index_name("places"), id=str(place.pk))
