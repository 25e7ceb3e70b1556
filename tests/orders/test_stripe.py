"""Paying online: one Checkout Session, signed webhooks, transfers, refunds.

Stripe's servers are faked at the HTTP boundary (``responses``); webhooks are signed
with the SDK's own helper so that the real verification runs.
"""

import json
from urllib.parse import parse_qs

from django.core.management import call_command

import pytest
import requests
import responses
import time_machine

from orders.models import Order, ProcessedStripeEvent, ShopOrder
from orders.states import ShopOrderStatus
from shops.models import ShopPage
from tests.orders.conftest import (
    NOW,
    STRIPE_API,
    add,
    basket_lines,
    calls_to,
    checkout_data,
    completed,
    event,
    online,
    paid_then_refused,
    product,
    signed_post,
)

pytestmark = pytest.mark.django_db
S = ShopOrderStatus


def form_of(call) -> dict:
    return {key: values[0] for key, values in parse_qs(call.request.body).items()}


def expired(order, event_id="evt_expired"):
    return event(
        event_id,
        "checkout.session.expired",
        {
            "id": "cs_test_1",
            "object": "checkout.session",
            "client_reference_id": order.reference,
            "payment_status": "unpaid",
        },
    )


def test_checkout_session_is_priced_from_the_database_with_an_idempotency_key(
    online_order, fake_stripe, cheesemonger, client
):
    (call,) = calls_to(fake_stripe, "/v1/checkout/sessions")
    sent = form_of(call)
    assert (
        call.request.headers["Idempotency-Key"] == f"checkout-{online_order.reference}"
    )
    assert sent["line_items[0][price_data][unit_amount]"] == "890"
    assert sent["line_items[0][quantity]"] == "2"
    assert sent["payment_intent_data[transfer_group]"] == online_order.transfer_group
    assert "line_items[1][quantity]" not in sent  # the bread is paid at pickup
    assert online_order.online_total_cents == 1780
    cheese = online_order.shop_orders.get(shop=cheesemonger)
    assert cheese.status == S.AWAITING_PAYMENT
    assert product(cheesemonger, "Maroilles").stock == 3
    assert cheese.reservations.get().expires_at == online_order.payment_expires_at
    assert int(sent["expires_at"]) == int(online_order.payment_expires_at.timestamp())
    assert basket_lines(client) == {}


def test_only_the_signed_webhook_marks_the_order_paid_and_pays_the_shop(
    online_order, fake_stripe, client, cheesemonger, django_capture_on_commit_callbacks
):
    from orders.links import tracking_path

    client.get(tracking_path(online_order) + "?paid=1")
    online_order.refresh_from_db()
    assert online_order.paid_at is None

    with django_capture_on_commit_callbacks(execute=True):
        response = signed_post(client, completed(online_order))

    assert response.status_code == 200
    online_order.refresh_from_db()
    cheese = online_order.shop_orders.get(shop=cheesemonger)
    assert online_order.paid_at is not None
    assert cheese.status == S.PLACED
    reservation = cheese.reservations.get()
    assert reservation.settled_at is not None and not reservation.released
    (transfer,) = calls_to(fake_stripe, "/v1/transfers")
    sent = form_of(transfer)
    assert sent["destination"] == "acct_shop"
    assert sent["amount"] == "1780"
    assert sent["transfer_group"] == online_order.transfer_group
    assert sent["source_transaction"] == "ch_1"
    assert transfer.request.headers["Idempotency-Key"] == f"transfer-{cheese.pk}"
    assert ShopOrder.objects.get(pk=cheese.pk).stripe_transfer_id == "tr_1"


def test_a_duplicate_event_takes_effect_once(
    online_order, fake_stripe, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        signed_post(client, completed(online_order))
        again = signed_post(client, completed(online_order))
        other_id = signed_post(client, completed(online_order, event_id="evt_2"))

    assert again.status_code == 200 and other_id.status_code == 200
    assert len(calls_to(fake_stripe, "/v1/transfers")) == 1
    assert ProcessedStripeEvent.objects.filter(event_id="evt_paid").count() == 1


def test_platform_fee_is_kept_from_each_transfer(
    online_order, fake_stripe, client, settings, django_capture_on_commit_callbacks
):
    settings.ORDERS_PLATFORM_FEE_BPS = 500
    with django_capture_on_commit_callbacks(execute=True):
        signed_post(client, completed(online_order))

    (transfer,) = calls_to(fake_stripe, "/v1/transfers")
    assert form_of(transfer)["amount"] == str(1780 - 89)


def test_a_webhook_with_a_bad_signature_is_refused(online_order, client):
    response = signed_post(client, completed(online_order), secret="whsec_wrong")
    unsigned = client.post(
        "/stripe/webhook/",
        data=json.dumps(completed(online_order)),
        content_type="application/json",
    )

    assert response.status_code == 400
    assert unsigned.status_code == 400
    online_order.refresh_from_db()
    assert online_order.paid_at is None
    assert not ProcessedStripeEvent.objects.exists()


def test_expiry_releases_the_reserved_stock_exactly_once(
    online_order, client, cheesemonger
):
    signed_post(client, expired(online_order))
    signed_post(client, expired(online_order, event_id="evt_expired_again"))
    with time_machine.travel(NOW.replace(hour=10), tick=False):
        call_command("orders_release_expired")

    cheese = online_order.shop_orders.get(shop=cheesemonger)
    assert cheese.status == S.CANCELLED
    assert product(cheesemonger, "Maroilles").stock == 5
    bread = online_order.shop_orders.exclude(pk=cheese.pk).get()
    assert bread.status == S.PLACED


def test_abandoned_payment_is_released_by_the_sweep_after_the_session_expiry(
    online_order, cheesemonger
):
    with time_machine.travel(NOW.replace(hour=8, minute=20), tick=False):
        call_command("orders_release_expired")
    assert product(cheesemonger, "Maroilles").stock == 3

    with time_machine.travel(NOW.replace(hour=9), tick=False):
        call_command("orders_release_expired")
        call_command("orders_release_expired")

    assert product(cheesemonger, "Maroilles").stock == 5
    assert online_order.shop_orders.get(shop=cheesemonger).status == S.CANCELLED


def test_payment_arriving_after_expiry_is_refunded(
    online_order, fake_stripe, client, cheesemonger, django_capture_on_commit_callbacks
):
    signed_post(client, expired(online_order))
    with django_capture_on_commit_callbacks(execute=True):
        signed_post(client, completed(online_order))

    cheese = online_order.shop_orders.get(shop=cheesemonger)
    assert cheese.status == S.REFUNDED
    assert len(calls_to(fake_stripe, "/v1/refunds")) == 1
    assert not calls_to(fake_stripe, "/v1/transfers")
    assert product(cheesemonger, "Maroilles").stock == 5


def test_refused_online_order_is_refunded_and_the_transfer_reversed(
    online_order,
    fake_stripe,
    client,
    cheesemonger,
    merchant_of,
    django_capture_on_commit_callbacks,
):
    cheese = paid_then_refused(
        client,
        online_order,
        cheesemonger,
        merchant_of,
        django_capture_on_commit_callbacks,
    )

    cheese.refresh_from_db()
    assert cheese.status == S.REFUNDED
    (refund,) = calls_to(fake_stripe, "/v1/refunds")
    sent = form_of(refund)
    assert (sent["payment_intent"], sent["amount"]) == ("pi_1", "1780")
    (reversal,) = calls_to(fake_stripe, "/v1/transfers/tr_1/reversals")
    assert form_of(reversal)["amount"] == "1780"


def test_merchant_refunds_some_units_of_a_line(
    online_order,
    fake_stripe,
    client,
    cheesemonger,
    merchant_of,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        signed_post(client, completed(online_order))
    cheese = online_order.shop_orders.get(shop=cheesemonger)
    line = cheese.lines.get()
    client.force_login(merchant_of(cheesemonger))
    url = f"/admin/orders/{cheese.pk}/"

    too_many = client.post(url, {"action": "refund_lines", f"refund_{line.pk}": "3"})
    client.post(url, {"action": "refund_lines", f"refund_{line.pk}": "1"})

    assert too_many.status_code == 400
    cheese.refresh_from_db()
    line.refresh_from_db()
    assert cheese.refunded_cents == 890
    assert line.refunded_quantity == 1
    assert cheese.status == S.PLACED
    (refund,) = calls_to(fake_stripe, "/v1/refunds")
    assert form_of(refund)["amount"] == "890"


@pytest.mark.parametrize(
    "failure",
    [
        {"status": 500, "json": {"error": {"type": "api_error", "message": "boom"}}},
        {"body": requests.exceptions.ReadTimeout("Stripe took too long")},
    ],
    ids=["server-error", "timeout"],
)
def test_stripe_down_at_checkout_orders_nothing_and_keeps_the_basket(
    client, stripe_on, baker, cheesemonger, failure
):
    online(cheesemonger)
    add(client, baker, "Pain au levain", 1)
    add(client, cheesemonger, "Maroilles", 2)
    data = checkout_data(client, [baker, cheesemonger])
    with responses.RequestsMock() as mock:
        mock.post(f"{STRIPE_API}/v1/checkout/sessions", **failure)
        response = client.post("/basket/checkout/", data, follow=True)
        assert len(mock.calls) == 3  # the SDK retried with the same idempotency key
        keys = {call.request.headers["Idempotency-Key"] for call in mock.calls}
        assert len(keys) == 1

    assert "nothing was ordered" in response.text
    assert not Order.objects.exists()
    assert product(cheesemonger, "Maroilles").stock == 5
    assert product(baker, "Pain au levain").stock == 10
    assert basket_lines(client) == {"Pain au levain": 1, "Maroilles": 2}


def test_shop_without_a_ready_stripe_account_is_paid_at_pickup(
    client, stripe_on, cheesemonger
):
    online(cheesemonger)
    ShopPage.objects.filter(pk=cheesemonger.pk).update(stripe_charges_enabled=False)
    add(client, cheesemonger, "Maroilles", 1)

    response = client.post("/basket/checkout/", checkout_data(client, [cheesemonger]))

    assert response.url.startswith("/basket/order/")
    assert ShopOrder.objects.get().payment == "pickup"


def test_merchant_onboards_with_stripe_connect_express(
    client, stripe_on, cheesemonger, merchant_of
):
    client.force_login(merchant_of(cheesemonger))
    with responses.RequestsMock() as mock:
        mock.post(
            f"{STRIPE_API}/v1/accounts", json={"id": "acct_new", "object": "account"}
        )
        mock.post(
            f"{STRIPE_API}/v1/account_links",
            json={"object": "account_link", "url": "https://connect.stripe.com/x"},
        )
        response = client.post(f"/admin/orders/stripe/{cheesemonger.pk}/connect/")
        assert form_of(mock.calls[0])["type"] == "express"

    assert response.url == "https://connect.stripe.com/x"
    cheesemonger.refresh_from_db()
    assert cheesemonger.stripe_account_id == "acct_new"
    assert not cheesemonger.stripe_charges_enabled

    signed_post(
        client,
        event(
            "evt_acct",
            "account.updated",
            {"id": "acct_new", "object": "account", "charges_enabled": True},
        ),
    )

    cheesemonger.refresh_from_db()
    assert cheesemonger.stripe_charges_enabled


def test_another_merchant_cannot_onboard_a_shop(
    client, stripe_on, cheesemonger, baker, merchant_of
):
    client.force_login(merchant_of(baker))

    response = client.post(f"/admin/orders/stripe/{cheesemonger.pk}/connect/")

    assert response.status_code == 404


def test_transfers_refused_by_stripe_are_retried_later_once(
    online_order, fake_stripe, client, cheesemonger, django_capture_on_commit_callbacks
):
    with responses.RequestsMock(assert_all_requests_are_fired=False) as down:
        down.get(f"{STRIPE_API}/v1/payment_intents/pi_1", status=503, json={})
        with django_capture_on_commit_callbacks(execute=True):
            signed_post(client, completed(online_order))
    cheese = online_order.shop_orders.get(shop=cheesemonger)
    assert cheese.status == S.PLACED and not cheese.stripe_transfer_id

    call_command("orders_retry_payments")
    call_command("orders_retry_payments")

    cheese.refresh_from_db()
    assert cheese.stripe_transfer_id == "tr_1"
    assert len(calls_to(fake_stripe, "/v1/transfers")) == 1


def test_webhook_answers_nothing_while_stripe_is_not_configured(client, settings):
    settings.STRIPE_WEBHOOK_SECRET = ""

    assert (
        client.post(
            "/stripe/webhook/", data="{}", content_type="application/json"
        ).status_code
        == 404
    )
    assert client.get("/stripe/webhook/").status_code == 405


def test_back_from_stripe_onboarding_the_shop_learns_it_can_take_payments(
    client, stripe_on, cheesemonger, merchant_of
):
    ShopPage.objects.filter(pk=cheesemonger.pk).update(stripe_account_id="acct_new")
    client.force_login(merchant_of(cheesemonger))
    with responses.RequestsMock() as mock:
        mock.get(
            f"{STRIPE_API}/v1/accounts/acct_new",
            json={"id": "acct_new", "object": "account", "charges_enabled": True},
        )
        response = client.get(
            f"/admin/orders/stripe/{cheesemonger.pk}/return/", follow=True
        )

    assert "can take online payments" in response.text
    cheesemonger.refresh_from_db()
    assert cheesemonger.stripe_charges_enabled


@pytest.mark.parametrize(
    "tampered", [{"amount_total": 1}, {"currency": "usd"}, {"amount_total": None}]
)
def test_a_payment_of_another_amount_or_currency_is_refused_and_reported(
    online_order, fake_stripe, client, settings, tampered
):
    from django.core import mail

    settings.ADMINS = [("Plateforme", "plateforme@example.org")]
    paid = completed(online_order)
    paid["data"]["object"].update(tampered)

    response = signed_post(client, paid)

    assert response.status_code == 200  # acknowledged: Stripe must not retry
    online_order.refresh_from_db()
    assert online_order.paid_at is None
    assert not calls_to(fake_stripe, "/v1/transfers")
    (alert,) = [m for m in mail.outbox if "plateforme@example.org" in m.to]
    assert online_order.reference in alert.subject


@pytest.mark.parametrize(
    "malformed",
    [
        {"id": "evt_x", "data": {"object": {}}},
        {"type": "checkout.session.completed", "data": {"object": {}}},
        {"id": "evt_y", "type": "checkout.session.completed"},
        {"id": "evt_z", "type": "account.updated", "data": {"object": {}}},
        {"id": "evt_w", "type": "checkout.session.completed", "data": "x"},
    ],
)
def test_a_signed_but_malformed_event_is_acknowledged_never_a_500(
    client, stripe_on, malformed
):
    client.raise_request_exception = False
    response = signed_post(client, malformed)
    assert response.status_code == 200
