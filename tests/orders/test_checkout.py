"""A resident fills one basket at two shops and orders for pickup, paying there."""

from django.core import mail

import pytest

from orders.models import Order, ShopOrder, StockReservation
from shops.models import ShopClosure
from tests.orders.conftest import (
    add,
    basket_lines,
    checkout_data,
    product,
    shop_with_products,
)

pytestmark = pytest.mark.django_db


def test_two_shop_basket_becomes_one_order_per_shop_paid_at_pickup(
    client, baker, cheesemonger, django_capture_on_commit_callbacks
):
    add(client, baker, "Pain au levain", 2)
    add(client, cheesemonger, "Maroilles", 1)
    basket = client.get("/basket/")
    assert basket.status_code == 200
    assert "Fournil du Vieux-Lille" in basket.text
    assert "Fromagerie des Flandres" in basket.text

    data = checkout_data(client, [baker, cheesemonger])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/basket/checkout/", data)

    order = Order.objects.get()
    assert response.status_code == 302
    assert response.url.startswith("/basket/order/")
    parts = {part.shop.title: part for part in order.shop_orders.all()}
    assert parts["Fournil du Vieux-Lille"].total_cents == 840
    assert parts["Fromagerie des Flandres"].total_cents == 890
    assert {part.status for part in parts.values()} == {"placed"}
    assert {part.payment for part in parts.values()} == {"pickup"}
    assert product(baker, "Pain au levain").stock == 8
    assert product(cheesemonger, "Maroilles").stock == 4
    assert basket_lines(client) == {}
    assert not StockReservation.objects.exists()
    resident_mails = [m for m in mail.outbox if m.to == ["camille@example.org"]]
    assert len(resident_mails) == 2
    assert "12 rue Nationale" in resident_mails[0].body
    assert any(
        parts["Fournil du Vieux-Lille"].pickup_code in m.body for m in resident_mails
    )
    merchant_mails = [m.to[0] for m in mail.outbox if m not in resident_mails]
    assert sorted(merchant_mails) == ["fournil@example.org", "fromages@example.org"]
    tracking = client.get(response.url)
    assert "Fournil du Vieux-Lille" in tracking.text
    assert parts["Fournil du Vieux-Lille"].pickup_code in tracking.text
    assert "<svg" in tracking.text


def test_prices_sent_by_the_browser_are_ignored(client, baker):
    client.post(
        "/basket/add/",
        {
            "product": product(baker, "Croissant").pk,
            "quantity": 3,
            "price_cents": 1,
            "price": "0.01",
        },
    )
    data = checkout_data(client, [baker], total_cents="1", price="0")

    client.post("/basket/checkout/", data)

    shop_order = ShopOrder.objects.get()
    assert shop_order.total_cents == 360
    assert shop_order.lines.get().unit_price_cents == 120


@pytest.mark.parametrize(
    ("quantity", "message"),
    [
        ("0", "at least 1"),
        ("-3", "at least 1"),
        ("100000", "at most 99"),
        ("trois", "whole number"),
        ("11", "Only 10"),
    ],
)
def test_bad_quantities_are_refused_and_the_basket_kept(
    client, baker, quantity, message
):
    add(client, baker, "Croissant", 2)

    response = add(client, baker, "Pain au levain", quantity)

    assert response.status_code == 302
    shown = client.get("/basket/")
    assert message in shown.text
    assert basket_lines(client) == {"Croissant": 2}


def test_a_product_that_cannot_be_ordered_is_refused(client, baker, db):
    no_collect = shop_with_products("Sans retrait", ("Tarte", 900, 4))
    no_collect.offers_click_and_collect = False
    no_collect.save_revision().publish()
    unpublished = shop_with_products("Fermé", ("Brioche", 500, 4))
    unpublished.unpublish()

    for shop, name in ((no_collect, "Tarte"), (unpublished, "Brioche")):
        add(client, shop, name)
    client.post("/basket/add/", {"product": 999999, "quantity": 1})

    assert basket_lines(client) == {}
    assert "cannot be ordered" in client.get("/basket/").text


def test_stock_gone_before_checkout_keeps_the_basket_and_orders_nothing(client, baker):
    add(client, baker, "Pain au levain", 4)
    data = checkout_data(client, [baker])
    bread = product(baker, "Pain au levain")
    bread.stock = 2
    bread.save()

    response = client.post("/basket/checkout/", data)

    assert response.status_code == 400
    assert "Only 2" in response.text
    assert not Order.objects.exists()
    assert not StockReservation.objects.exists()
    assert basket_lines(client) == {"Pain au levain": 4}
    assert product(baker, "Pain au levain").stock == 2


@pytest.mark.parametrize(
    "slot",
    [
        "2026-11-24T07:30",  # before the preparation time
        "2026-11-23T10:00",  # in the past
        "2026-11-24T13:30",  # lunch break
        "2026-11-30T10:00",  # Monday, closed
        "2026-12-25T10:00",  # Christmas, public holiday
        "demain midi",
    ],
)
def test_pickup_time_outside_the_shops_slots_is_refused(client, baker, slot):
    add(client, baker, "Croissant", 2)

    response = client.post(
        "/basket/checkout/",
        checkout_data(client, [baker], **{f"pickup_{baker.pk}": slot}),
    )

    assert response.status_code == 400
    assert not Order.objects.exists()
    assert basket_lines(client) == {"Croissant": 2}


def test_closed_shop_or_closure_day_offers_no_slot_that_day(client, baker):
    from datetime import date

    ShopClosure.objects.create(
        shop=baker, start_date=date(2026, 11, 25), end_date=date(2026, 11, 26)
    )
    from orders.slots import pickup_slots

    days = {slot.starts_at.date() for slot in pickup_slots(baker)}

    assert date(2026, 11, 24) in days
    assert date(2026, 11, 25) not in days
    assert date(2026, 11, 26) not in days
    assert date(2026, 11, 27) in days


def test_a_full_slot_is_no_longer_offered(client, baker, cheesemonger):
    from orders.slots import pickup_slots

    baker.pickup_orders_per_slot = 1
    baker.save()
    add(client, baker, "Croissant", 1)
    client.post("/basket/checkout/", checkout_data(client, [baker]))

    assert ShopOrder.objects.count() == 1
    assert first_slot_taken(pickup_slots(baker))
    add(client, baker, "Croissant", 1)
    response = client.post("/basket/checkout/", checkout_data(client, [baker]))
    assert response.status_code == 400
    assert ShopOrder.objects.count() == 1


def first_slot_taken(slots) -> bool:
    return all(slot.value != "2026-11-24T09:00" for slot in slots)


def test_submitting_the_checkout_form_twice_orders_once(client, baker):
    add(client, baker, "Croissant", 2)
    data = checkout_data(client, [baker])

    first = client.post("/basket/checkout/", data)
    add(client, baker, "Croissant", 2)
    second = client.post("/basket/checkout/", data)

    assert Order.objects.count() == 1
    assert second.url == first.url
    assert product(baker, "Croissant").stock == 28


def test_terms_and_details_are_required_and_the_basket_kept(client, baker):
    add(client, baker, "Croissant", 2)
    data = checkout_data(client, [baker], accept_terms="", email="pas-une-adresse")

    response = client.post("/basket/checkout/", data)

    assert response.status_code == 400
    assert not Order.objects.exists()
    assert basket_lines(client) == {"Croissant": 2}


def test_guest_basket_is_merged_into_the_account_on_login(client, baker, db):
    from django.contrib.auth import get_user_model

    from orders.models import Basket, BasketLine

    user = get_user_model().objects.create_user(
        username="camille", email="camille@example.org", password="Pain-et-beurre-59"
    )
    account_basket = Basket.objects.create(user=user)
    BasketLine.objects.create(
        basket=account_basket, product=product(baker, "Croissant"), quantity=1
    )
    add(client, baker, "Croissant", 2)
    add(client, baker, "Pain au levain", 1)

    client.post(
        "/basket/login/", {"username": "camille", "password": "Pain-et-beurre-59"}
    )

    lines = {
        line.product.name: line.quantity
        for line in Basket.objects.get(user=user).lines.select_related("product")
    }
    assert lines == {"Croissant": 3, "Pain au levain": 1}
    assert Basket.objects.count() == 1
    assert "Pain au levain" in client.get("/basket/").text


def test_shop_unpublished_after_adding_blocks_checkout_and_keeps_the_basket(
    client, baker
):
    add(client, baker, "Croissant", 2)
    data = checkout_data(client, [baker])
    baker.unpublish()

    response = client.post("/basket/checkout/", data)

    assert response.status_code == 400
    assert "does not take click-and-collect orders" in response.text
    assert not Order.objects.exists()
    assert basket_lines(client) == {"Croissant": 2}


def test_another_baskets_line_cannot_be_changed(client, baker):
    from orders.models import Basket, BasketLine

    other = BasketLine.objects.create(
        basket=Basket.objects.create(), product=product(baker, "Croissant"), quantity=1
    )
    add(client, baker, "Croissant", 1)

    client.post("/basket/update/", {"line": other.pk, "quantity": 50})
    client.post("/basket/update/", {"remove": other.pk})

    other.refresh_from_db()
    assert other.quantity == 1


def test_resident_is_written_to_in_the_language_they_ordered_in(
    client, baker, django_capture_on_commit_callbacks
):
    add(client, baker, "Croissant", 1)
    data = checkout_data(client, [baker])
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/basket/checkout/", data, headers={"accept-language": "nl"})

    assert Order.objects.get().language == "nl"
    resident = next(m for m in mail.outbox if m.to == ["camille@example.org"])
    assert "dinsdag 24 november" in resident.body
    merchant = next(m for m in mail.outbox if m.to == ["fournil@example.org"])
    assert "mardi 24 novembre" in merchant.body


def test_a_product_of_another_shop_is_refused_from_a_shops_page(
    client, baker, cheesemonger
):
    response = client.post(
        "/basket/add/",
        {
            "product": product(cheesemonger, "Maroilles").pk,
            "shop": baker.pk,
            "quantity": 1,
            "next": baker.url,
        },
    )

    assert response.url == baker.url
    assert basket_lines(client) == {}
    assert "not sold by this shop" in client.get("/basket/").text


def test_the_shop_page_adds_to_the_basket(client, baker):
    page = client.get(baker.url)
    assert "Add to basket" in page.text

    client.post(
        "/basket/add/",
        {
            "product": product(baker, "Croissant").pk,
            "shop": baker.pk,
            "quantity": 4,
            "next": baker.url,
        },
    )

    assert basket_lines(client) == {"Croissant": 4}
    assert "is in your basket" in client.get(baker.url).text


def test_a_checkout_token_replayed_from_another_session_reveals_nothing(
    client, baker, django_capture_on_commit_callbacks
):
    from django.test import Client

    add(client, baker, "Pain au levain", 1)
    data = checkout_data(client, [baker])
    with django_capture_on_commit_callbacks(execute=True):
        placed = client.post("/basket/checkout/", data)
    tracking_url = placed.url

    attacker = Client()
    add(attacker, baker, "Croissant", 1)
    replay = checkout_data(
        attacker, [baker], name="Mallory", email="mallory@example.org"
    ) | {"checkout_token": data["checkout_token"]}
    response = attacker.post("/basket/checkout/", replay)

    assert response.status_code == 302 and response.url != tracking_url
    seen = attacker.get(response.url).text
    assert "Camille" not in seen and "Pain au levain" not in seen
    assert Order.objects.count() == 2


def test_the_same_checkout_submitted_twice_is_one_order(client, baker):
    add(client, baker, "Pain au levain", 1)
    data = checkout_data(client, [baker])
    first = client.post("/basket/checkout/", data)
    add(client, baker, "Pain au levain", 1)  # the basket is not empty again
    second = client.post("/basket/checkout/", data)
    assert first.url == second.url and Order.objects.count() == 1


def test_a_shop_page_shows_out_of_stock_as_soon_as_the_last_unit_is_ordered(
    client, django_capture_on_commit_callbacks
):
    from django.test import Client

    shop = shop_with_products("Fournil du Dernier Pain", ("Pain de seigle", 390, 1))
    visitor = Client(headers={"accept-language": "en"})
    url = shop.url
    assert "Out of stock" not in visitor.get(url).content.decode()
    assert visitor.get(url)["X-Page-Cache"] == "hit"

    add(client, shop, "Pain de seigle", 1)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/basket/checkout/", checkout_data(client, [shop]))

    assert "Out of stock" in visitor.get(url).content.decode()
