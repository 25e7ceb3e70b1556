"""On refusal the merchant says what becomes of the units: back in stock, or gone."""

import pytest

from orders.models import ShopOrder
from orders.states import RefusedStock, ShopOrderStatus
from tests.orders.conftest import add, checkout_data, product

pytestmark = pytest.mark.django_db


@pytest.fixture
def placed(client, baker):
    add(client, baker, "Pain au levain", 2)
    client.post("/basket/checkout/", checkout_data(client, [baker]))
    assert product(baker, "Pain au levain").stock == 8
    return ShopOrder.objects.get(shop=baker)


def test_refusal_puts_the_units_back_by_default(client, placed, baker, merchant_of):
    client.force_login(merchant_of(baker))
    page = client.get(f"/admin/orders/{placed.pk}/")
    assert 'value="restock" checked' in page.text

    client.post(
        f"/admin/orders/{placed.pk}/", {"action": "refuse", "reason": "Fermé lundi"}
    )

    placed.refresh_from_db()
    assert placed.status == ShopOrderStatus.REFUSED
    assert product(baker, "Pain au levain").stock == 10


def test_refusal_can_mark_the_products_out_of_stock(client, placed, baker, merchant_of):
    client.force_login(merchant_of(baker))

    client.post(
        f"/admin/orders/{placed.pk}/",
        {
            "action": "refuse",
            "reason": "Plus de levain",
            "refused_stock": RefusedStock.OUT_OF_STOCK,
        },
    )

    assert product(baker, "Pain au levain").stock == 0
    assert product(baker, "Croissant").stock == 30  # not in the order


def test_refusal_with_an_unknown_stock_choice_changes_nothing(
    client, placed, baker, merchant_of
):
    client.force_login(merchant_of(baker))

    response = client.post(
        f"/admin/orders/{placed.pk}/",
        {"action": "refuse", "reason": "Plus de levain", "refused_stock": "burn"},
    )

    assert response.status_code == 400
    placed.refresh_from_db()
    assert placed.status == ShopOrderStatus.PLACED
    assert product(baker, "Pain au levain").stock == 8
