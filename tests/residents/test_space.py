"""'Mon espace': a resident's orders, cancelling, ordering again, attaching."""

from django.core import mail

import pytest

from orders.models import BasketLine, Order
from shops.models import Product
from tests.residents.conftest import order_as, resident_make, signed_in

pytestmark = pytest.mark.django_db


def test_an_order_placed_signed_in_is_in_my_space_with_slot_and_code(
    client, resident, baker
):
    signed_in(client, resident)
    order_as(client, baker)
    order = Order.objects.get()
    assert order.user == resident
    part = order.shop_orders.get()
    page = client.get("/accounts/")
    assert order.reference in page.text
    assert part.pickup_code in page.text
    assert "Fournil du Vieux-Lille" in page.text
    assert "09:00" in page.text


def test_cancel_from_my_space_gives_the_stock_back(client, resident, baker):
    signed_in(client, resident)
    order_as(client, baker, quantity=3)
    part = Order.objects.get().shop_orders.get()
    client.post(f"/accounts/orders/{part.pk}/cancel/")
    part.refresh_from_db()
    assert part.status == "cancelled"
    assert baker.products.get(name="Pain au levain").stock == 10


def test_order_again_refills_the_basket_and_says_what_is_missing(
    client, resident, baker
):
    signed_in(client, resident)
    order_as(client, baker, quantity=2)
    order_as(client, baker, product_name="Croissant", quantity=1)
    first, second = Order.objects.order_by("pk")
    Product.objects.filter(name="Croissant").update(active=False)
    client.post(f"/accounts/orders/{first.pk}/again/")
    response = client.post(f"/accounts/orders/{second.pk}/again/", follow=True)
    lines = {
        line.product.name: line.quantity
        for line in BasketLine.objects.filter(basket__user=resident)
    }
    assert lines == {"Pain au levain": 2}
    assert "Croissant" in response.text
    assert response.request["PATH_INFO"] == "/basket/"


def test_guest_orders_with_my_verified_email_are_attached_in_one_click(
    client, resident, baker
):
    order_as(client, baker)  # as a guest, same email
    order_as(client, baker, email="someone.else@example.org")
    signed_in(client, resident)
    page = client.get("/accounts/")
    assert "Add them to my account" in page.text or "ajouter" in page.text.lower()
    client.post("/accounts/orders/attach/")
    assert list(Order.objects.filter(user=resident).values_list("customer_email")) == [
        ("camille@example.org",)
    ]


def test_an_unverified_email_attaches_nothing(client, baker):
    order_as(client, baker)
    unverified = resident_make("camille@example.org", verified=False)
    signed_in(client, unverified)
    client.post("/accounts/orders/attach/")
    assert not Order.objects.filter(user=unverified).exists()


def test_a_resident_cannot_see_or_touch_another_residents_orders(
    client, resident, baker
):
    signed_in(client, resident)
    order_as(client, baker)
    order = Order.objects.get()
    part = order.shop_orders.get()
    other = resident_make("other@example.org")
    client.logout()
    signed_in(client, other)
    assert order.reference not in client.get("/accounts/").text
    client.post(f"/accounts/orders/{part.pk}/cancel/")
    client.post(f"/accounts/orders/{order.pk}/again/")
    part.refresh_from_db()
    assert part.status == "placed"
    assert not BasketLine.objects.filter(basket__user=other).exists()
    assert order.reference not in client.get("/accounts/export/").text


def test_my_space_needs_signing_in(client):
    response = client.get("/accounts/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert not mail.outbox
