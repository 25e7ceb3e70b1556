"""Fixtures shared by the whole suite.

The session starts its own search engine process (noida-db) on a free loopback
port unless ELASTICSEARCH_URL points at a running Elasticsearch, and loads the
95 communes and the category taxonomy once into the test database.
"""

import os

from django.conf import settings

import pytest

from search.embedded_engine import embedded_engine, free_port


@pytest.fixture(scope="session", autouse=True)
def search_engine_url(tmp_path_factory):
    if os.environ.get("ELASTICSEARCH_URL"):
        settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
        yield settings.ELASTICSEARCH_URL
        return
    data_dir = tmp_path_factory.mktemp("search-engine")
    with embedded_engine(port=free_port(), data_dir=data_dir) as url:
        settings.ELASTICSEARCH_URL = url
        yield url


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from cms.services import communes_load
    from shops.listing.categories import categories_load

    with django_db_blocker.unblock():
        communes_load()
        categories_load()


@pytest.fixture
def shops_index(search_engine_url):
    """An empty shops index for one test, dropped afterwards (by name: no wildcards)."""
    from search.engine import client, index_name
    from search.indexing import KINDS, index_ensure

    alias = index_ensure("shops")
    yield alias
    es = client()
    for noun in KINDS:
        if es.indices.exists_alias(name=index_name(noun)):
            for concrete in es.indices.get_alias(name=index_name(noun)):
                es.indices.delete(index=concrete)


@pytest.fixture(autouse=True)
def _closed_search_breaker():
    """A test that stops the engine must not leave the next one on the fallback."""
    from search.selectors import engine_breaker

    engine_breaker.close()
    yield
    engine_breaker.close()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate limits and cached pages must not leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def merchant_a_private():
    """Merchant A's draft shop, revision, private image and quote request: what
    the permission walks name as merchant B (ids by kind)."""
    from wagtail.images.models import Image
    from wagtail.models import GroupCollectionPermission

    from shops.access.permissions import shop_group_ensure
    from shops.models import QuoteRequest
    from tests.factories.people import merchant_with_shop

    merchant, shop = merchant_with_shop(
        name="Atelier Secret de A", email="a@example.org"
    )
    shop.pitch = "pitch privé de A"
    revision = shop.save_revision(user=merchant)
    collection = (
        GroupCollectionPermission.objects.filter(group=shop_group_ensure(shop))
        .first()
        .collection
    )
    image = Image.objects.create(
        title="Image privée de A",
        file="original_images/a.jpg",
        width=10,
        height=10,
        collection=collection,
    )
    quote = QuoteRequest.objects.create(
        shop=shop, name="Client de A", email="c@example.org", message="Devis privé"
    )
    return shop, {
        "page": shop.pk,
        "image": image.pk,
        "revision": revision.pk,
        "quote": quote.pk,
    }


def pytest_collection_modifyitems(items):
    """Browser tests (tests/browser/) run last, the checkout's last of all. Their
    page server shares the test's database connection from another thread, and
    the checkout test (a shop without an index rebuild, a session cookie) was
    seen leaving its rows committed (cause not found yet): run last, nothing
    after them reads those rows.

    Transactional tests stay after them all, where pytest-django put them: their
    flush empties the communes and categories loaded once for the whole run, which
    the browser tests need (on PostgreSQL, where the concurrency test runs)."""
    items.sort(
        key=lambda item: (
            _transactional(item),
            "tests/browser/" in item.nodeid,
            "tests/browser/test_checkout" in item.nodeid,
        )
    )


def _transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    return "transactional_db" in getattr(item, "fixturenames", ())
