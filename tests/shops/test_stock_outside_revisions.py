"""A product's stock is live: no revision, copy or revert can rewrite it."""

import pytest

from shops.models import ShopPage
from shops.stock import product_stock_set
from tests.factories.pages import ShopPageFactory, commune_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def bakery():
    shop = ShopPageFactory(
        products=[{"name": "Pain au levain", "price_cents": 420, "stock": 10}]
    )
    shop.save_revision().publish()
    return shop


def loaves(shop: ShopPage) -> int | None:
    return shop.products.get(name="Pain au levain").stock


def test_publishing_an_old_revision_keeps_the_live_stock(bakery):
    old = bakery.get_latest_revision()
    product_stock_set(product_id=bakery.products.get().pk, stock=3)  # units sold

    old.publish()

    assert loaves(bakery) == 3


def test_reverting_to_an_old_revision_keeps_the_live_stock(bakery):
    old = bakery.get_latest_revision()
    page = ShopPage.objects.get(pk=bakery.pk)
    page.pitch = "Nouveau pitch"
    page.save_revision().publish()
    product_stock_set(product_id=bakery.products.get().pk, stock=2)

    # What Wagtail's "revert" does: the old content, saved and published anew.
    reverted = old.as_object()
    reverted.save_revision().publish()

    assert ShopPage.objects.get(pk=bakery.pk).pitch == bakery.pitch
    assert loaves(bakery) == 2


def test_copying_a_shop_leaves_the_original_stock_and_copies_the_live_one(bakery):
    product_stock_set(product_id=bakery.products.get().pk, stock=4)

    copy = bakery.copy(
        to=commune_page(),
        update_attrs={"title": "Fournil bis", "slug": "fournil-bis"},
        copy_revisions=True,
    )
    copy.get_latest_revision().publish()  # the revision still says 10

    assert loaves(bakery) == 4
    assert loaves(copy) == 4


def test_a_product_created_by_a_revision_starts_with_its_count(bakery):
    page = ShopPage.objects.get(pk=bakery.pk)
    page.products.add(
        page.products.model(name="Croissant", price_cents=120, stock=30, sort_order=1)
    )

    page.save_revision().publish()

    assert bakery.products.get(name="Croissant").stock == 30
