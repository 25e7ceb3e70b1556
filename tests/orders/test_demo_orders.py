from django.core.management import call_command

import pytest

from orders.models import Order, ShopOrder

pytestmark = pytest.mark.django_db


def test_demo_merchant_gets_demo_orders_once(baker, merchant_of):
    merchant_of(baker, username="marchand")

    call_command("load_demo_orders")
    call_command("load_demo_orders")

    assert Order.objects.count() == 3
    assert set(ShopOrder.objects.values_list("status", flat=True)) == {"placed"}
    assert set(ShopOrder.objects.values_list("payment", flat=True)) == {"pickup"}
    assert {order.language for order in Order.objects.all()} == {"fr", "nl", "en"}
