"""A shop's part of an order moves through explicit states, by its merchant."""

import re

from django.core import mail
from django.core.management import call_command
from django.http import HttpRequest

import pytest

from orders.links import tracking_path
from orders.models import MorningSummary, ShopOrder
from orders.states import (
    TRANSITIONS,
    InvalidOrderTransition,
    ShopOrderStatus,
)
from tests.factories.people import PASSWORD
from tests.orders.conftest import add, checkout_data, product

pytestmark = pytest.mark.django_db
S = ShopOrderStatus


@pytest.fixture
def placed(client, baker, cheesemonger):
    add(client, baker, "Pain au levain", 2)
    add(client, cheesemonger, "Maroilles", 1)
    client.post("/basket/checkout/", checkout_data(client, [baker, cheesemonger]))
    return ShopOrder.objects.get(shop=baker)


def test_every_state_has_a_row_in_the_transition_table():
    assert set(TRANSITIONS) == set(S.values)
    assert TRANSITIONS[S.COLLECTED] == frozenset()


def test_merchant_accepts_prepares_and_hands_over_with_the_code(
    client, placed, merchant_of, django_capture_on_commit_callbacks
):
    merchant = merchant_of(placed.shop)
    client.force_login(merchant)
    url = f"/admin/orders/{placed.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "accept"})
        client.post(url, {"action": "ready"})
        wrong = client.post(url, {"action": "collect", "code": "AAAAAA"})
    placed.refresh_from_db()
    assert wrong.status_code == 400
    assert "not the pickup code" in wrong.text
    assert placed.status == S.READY
    ready_mail = mail.outbox[-1]
    assert "ready" in ready_mail.subject
    assert "12 rue Nationale" in ready_mail.body
    assert "Tu" in ready_mail.body or "Tuesday" in ready_mail.body
    assert "shipped" not in ready_mail.body.lower()

    client.post(url, {"action": "collect", "code": placed.pickup_code.lower()})

    placed.refresh_from_db()
    assert placed.status == S.COLLECTED


def test_a_move_the_table_does_not_allow_is_refused(client, placed, merchant_of):
    from orders.services import shop_order_transition

    with pytest.raises(InvalidOrderTransition):
        shop_order_transition(shop_order=placed, target=S.READY)
    client.force_login(merchant_of(placed.shop))

    response = client.post(
        f"/admin/orders/{placed.pk}/", {"action": "collect", "code": placed.pickup_code}
    )

    assert response.status_code == 400
    placed.refresh_from_db()
    assert placed.status == S.PLACED


def test_refusing_needs_a_reason_that_the_resident_receives(
    client, placed, merchant_of, django_capture_on_commit_callbacks
):
    client.force_login(merchant_of(placed.shop))
    url = f"/admin/orders/{placed.pk}/"
    assert client.post(url, {"action": "refuse", "reason": " "}).status_code == 400

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "refuse", "reason": "Four en panne"})

    placed.refresh_from_db()
    assert placed.status == S.REFUSED
    assert "Four en panne" in mail.outbox[-1].body
    assert mail.outbox[-1].to == ["camille@example.org"]


def test_merchant_sees_only_their_own_shops_orders(client, placed, merchant_of):
    other = ShopOrder.objects.exclude(pk=placed.pk).get()
    client.force_login(merchant_of(placed.shop))

    listing = client.get("/admin/orders/")

    assert placed.order.reference in listing.text
    assert "Maroilles" not in listing.text
    assert client.get(f"/admin/orders/{other.pk}/").status_code == 404
    assert (
        client.post(f"/admin/orders/{other.pk}/", {"action": "accept"}).status_code
        == 404
    )


def test_commune_staff_cannot_open_a_shops_orders(client, placed):
    from tests.factories.people import commune_staff

    client.force_login(commune_staff())

    assert client.get(f"/admin/orders/{placed.pk}/").status_code == 404
    assert placed.order.reference not in client.get("/admin/orders/").text


def test_orders_are_listed_by_pickup_time(client, baker, merchant_of):
    for slot in ("2026-11-24T11:00", "2026-11-24T09:30"):
        add(client, baker, "Croissant", 1)
        client.post(
            "/basket/checkout/",
            checkout_data(client, [baker], **{f"pickup_{baker.pk}": slot}),
        )
    client.force_login(merchant_of(baker))

    listing = client.get("/admin/orders/").text

    early, late = ShopOrder.objects.order_by("pickup_at")
    assert listing.index(early.order.reference) < listing.index(late.order.reference)


def test_tracking_link_is_signed_and_a_tampered_one_finds_nothing(client, placed):
    path = tracking_path(placed.order)

    assert client.get(path).status_code == 200
    assert client.get(path[:-3] + "xyz/").status_code == 404
    assert client.get(f"/basket/order/{placed.order.reference}/").status_code == 404


def test_resident_cancels_before_preparation_and_the_stock_comes_back(
    client, placed, baker
):
    path = tracking_path(placed.order)

    client.post(f"{path}cancel/{placed.pk}/")

    placed.refresh_from_db()
    assert placed.status == S.CANCELLED
    assert product(baker, "Pain au levain").stock == 10


def test_morning_summary_is_sent_once_a_day(placed, baker, cheesemonger):
    call_command("orders_morning_summary")
    call_command("orders_morning_summary")

    # Merchants are written to in the site's language (French).
    summaries = [m for m in mail.outbox if "du jour" in m.subject]
    assert sorted(m.to[0] for m in summaries) == [
        "fournil@example.org",
        "fromages@example.org",
    ]
    assert placed.order.reference in summaries[0].body + summaries[1].body
    assert MorningSummary.objects.count() == 2


def test_merchant_screen_needs_a_signed_in_merchant(client, placed):
    assert client.get("/admin/orders/").status_code == 302
    client.login(request=HttpRequest(), username="nobody", password=PASSWORD)
    assert client.get(f"/admin/orders/{placed.pk}/").status_code == 302


def test_merchant_moves_orders_on_from_the_list(client, placed, merchant_of):
    client.force_login(merchant_of(placed.shop))

    response = client.post(
        f"/admin/orders/{placed.pk}/", {"action": "accept", "next": "list"}
    )

    assert response.url == "/admin/orders/"
    placed.refresh_from_db()
    assert placed.status == S.ACCEPTED
    assert "Ready for pickup" in client.get("/admin/orders/").text


def test_publishing_an_edit_does_not_give_back_units_sold_meanwhile(
    client, baker, django_user_model
):
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    from tests.factories.editor import shop_edit_form

    baker.save_revision()  # a draft in progress, holding 10 loaves
    add(client, baker, "Pain au levain", 3)
    client.post("/basket/checkout/", checkout_data(client, [baker]))
    admin = django_user_model.objects.create_superuser("chef", "chef@example.org", "x")
    client.force_login(admin)

    edit_page = client.get(f"/admin/pages/{baker.pk}/edit/")

    bread, croissant = product(baker, "Pain au levain"), product(baker, "Croissant")
    assert bread.stock == 7
    stock_inputs = re.findall(
        r'<input[^>]*name="products-\d+-stock"[^>]*>', edit_page.text
    )
    assert any('value="7"' in field for field in stock_inputs), stock_inputs

    def row(item, stock):
        return {
            "id": item.pk,
            "name": item.name,
            "price_cents": item.price_cents,
            "unit": "",
            "stock": stock,
            "available_for_click_and_collect": "on",
            "active": "on",
            "description": "",
            "image": "",
            "ORDER": item.sort_order,
        }

    data = shop_edit_form(baker, pitch="Nouveau pitch")
    data.update(
        nested_form_data(
            {"products": inline_formset([row(bread, "7"), row(croissant, "50")])}
        )
    )
    data["products-INITIAL_FORMS"] = "2"

    response = client.post(f"/admin/pages/{baker.pk}/edit/", data)

    assert response.status_code == 302, response.text[:500]
    assert product(baker, "Pain au levain").stock == 7
    assert product(baker, "Croissant").stock == 50


def test_a_shop_with_orders_cannot_be_deleted(client, placed, django_user_model):
    admin = django_user_model.objects.create_superuser("chef", "chef@example.org", "x")
    client.force_login(admin)

    response = client.post(f"/admin/pages/{placed.shop.pk}/delete/", follow=True)

    assert "unpublish it instead" in response.text
    assert ShopOrder.objects.filter(pk=placed.pk).exists()
