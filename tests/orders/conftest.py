"""Shops that take click-and-collect orders, at a fixed moment of a fixed week.

Tuesday 24 November 2026, 08:00 in Lille: the test shops open Tuesday to Saturday
07:00-13:00 and 15:00-19:30, so with an hour to prepare the first slot is 09:00.
"""

import json
from datetime import datetime

import pytest
import responses
import stripe
import time_machine

from orders.models import BasketLine, Order
from shops.access.permissions import shop_group_ensure
from shops.choices import CollectPayment
from shops.models import ShopPage
from territory.hours import PARIS
from tests.factories.pages import ShopPageFactory
from tests.factories.people import PASSWORD

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=PARIS)
FIRST_SLOT = "2026-11-24T09:00"
WEBHOOK_SECRET = "whsec_test_secret"
STRIPE_API = "https://api.stripe.com"
SESSION_URL = "https://checkout.stripe.com/c/pay/cs_test_1"


@pytest.fixture(autouse=True)
def tuesday_morning():
    with time_machine.travel(NOW, tick=False):
        yield


def shop_with_products(title: str, *products, **fields) -> ShopPage:
    return ShopPageFactory(
        title=title,
        offers_click_and_collect=True,
        products=[
            {"name": name, "price_cents": price, "stock": stock}
            for name, price, stock in products
        ],
        **fields,
    )


@pytest.fixture
def baker(db):
    return shop_with_products(
        "Fournil du Vieux-Lille",
        ("Pain au levain", 420, 10),
        ("Croissant", 120, 30),
        email="fournil@example.org",
    )


@pytest.fixture
def cheesemonger(db):
    return shop_with_products(
        "Fromagerie des Flandres",
        ("Maroilles", 890, 5),
        ("Mimolette", 1250, None),
        email="fromages@example.org",
    )


def product(shop: ShopPage, name: str):
    return shop.products.get(name=name)


def add(client, shop, name, quantity=1, **extra):
    return client.post(
        "/basket/add/",
        {"product": product(shop, name).pk, "quantity": quantity, **extra},
    )


def basket_lines(client) -> dict[str, int]:
    from orders.basket import SESSION_KEY

    token = client.session.get(SESSION_KEY)
    return {
        line.product.name: line.quantity
        for line in BasketLine.objects.filter(basket__token=token).select_related(
            "product"
        )
    }


def checkout_data(client, shops, **overrides) -> dict:
    page = client.get("/basket/checkout/")
    form = page.context["form"]
    data = {
        "checkout_token": form.initial["checkout_token"],
        "name": "Camille Durand",
        "email": "camille@example.org",
        "phone": "",
        "accept_terms": "on",
    }
    for shop in shops:
        data[f"pickup_{shop.pk}"] = FIRST_SLOT
    data.update(overrides)
    return data


@pytest.fixture
def merchant_of():
    from django.contrib.auth import get_user_model

    def make(shop: ShopPage, username: str = "marchand"):
        user = get_user_model().objects.create_user(
            username=username, email=f"{username}@example.org", password=PASSWORD
        )
        user.groups.add(shop_group_ensure(shop))
        ShopPage.objects.filter(pk=shop.pk).update(owner=user)
        return user

    return make


@pytest.fixture
def stripe_on(settings):
    settings.STRIPE_SECRET_KEY = "sk_test_platform"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = ""
    return settings


def online(shop: ShopPage, account: str = "acct_shop") -> ShopPage:
    ShopPage.objects.filter(pk=shop.pk).update(
        collect_payment=CollectPayment.ONLINE,
        stripe_account_id=account,
        stripe_charges_enabled=True,
    )
    shop.refresh_from_db()
    return shop


def signed_post(client, event: dict, secret: str = WEBHOOK_SECRET):
    payload = json.dumps(event)
    header = stripe.WebhookSignature.generate_signature_header(payload, secret)
    return client.post(
        "/stripe/webhook/",
        data=payload,
        content_type="application/json",
        headers={"Stripe-Signature": header},
    )


def event(event_id: str, kind: str, obj: dict) -> dict:
    return {
        "id": event_id,
        "object": "event",
        "type": kind,
        "api_version": "2025-01-27",
        "created": int(NOW.timestamp()),
        "data": {"object": obj},
    }


@pytest.fixture
def client(client):
    """Messages are asserted in English whatever the translations become."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def fake_stripe():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(
            f"{STRIPE_API}/v1/checkout/sessions",
            json={"id": "cs_test_1", "object": "checkout.session", "url": SESSION_URL},
        )
        mock.get(
            f"{STRIPE_API}/v1/payment_intents/pi_1",
            json={"id": "pi_1", "object": "payment_intent", "latest_charge": "ch_1"},
        )
        mock.post(
            f"{STRIPE_API}/v1/transfers", json={"id": "tr_1", "object": "transfer"}
        )
        mock.post(f"{STRIPE_API}/v1/refunds", json={"id": "re_1", "object": "refund"})
        mock.post(
            f"{STRIPE_API}/v1/transfers/tr_1/reversals",
            json={"id": "trr_1", "object": "transfer_reversal"},
        )
        yield mock


def calls_to(mock, path: str) -> list:
    return [
        call for call in mock.calls if call.request.url.startswith(STRIPE_API + path)
    ]


@pytest.fixture
def online_order(client, stripe_on, fake_stripe, baker, cheesemonger):
    """Bread paid at pickup, cheese paid online (its Checkout Session created)."""
    online(cheesemonger)
    add(client, baker, "Pain au levain", 1)
    add(client, cheesemonger, "Maroilles", 2)
    response = client.post(
        "/basket/checkout/", checkout_data(client, [baker, cheesemonger])
    )
    assert response.status_code == 302
    assert response.url == SESSION_URL
    return Order.objects.get()


def completed(order, event_id="evt_paid"):
    return event(
        event_id,
        "checkout.session.completed",
        {
            "id": "cs_test_1",
            "object": "checkout.session",
            "client_reference_id": order.reference,
            "payment_status": "paid",
            "payment_intent": "pi_1",
            "amount_total": order.online_total_cents,
            "currency": order.currency.lower(),
        },
    )


def paid_then_refused(client, order, shop, merchant_of, capture_on_commit):
    """The online order is paid, then the shop's merchant refuses its part."""
    with capture_on_commit(execute=True):
        signed_post(client, completed(order))
    part = order.shop_orders.get(shop=shop)
    client.force_login(merchant_of(shop))
    with capture_on_commit(execute=True):
        client.post(
            f"/admin/orders/{part.pk}/",
            {"action": "refuse", "reason": "Plus de maroilles affiné"},
        )
    return part
