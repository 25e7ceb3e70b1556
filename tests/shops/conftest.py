"""Fixtures shared by the shop tests that go through the admin's page editor."""

import pytest

from shops.models import ShopPage
from shops.verification.services import shop_verify
from tests.factories.people import commune_staff, merchant_with_shop


@pytest.fixture
def merchant_and_shop():
    """A verified merchant (who publishes without review) and their shop."""
    merchant, shop = merchant_with_shop()
    shop_verify(shop=shop, by=commune_staff())
    return merchant, ShopPage.objects.get(pk=shop.pk)
