"""The only code that talks to Stripe.

Every call that creates something carries an idempotency key derived from our own
ids, so a retry (by the SDK after a timeout, by a task running twice, by a double
click) never charges, transfers or refunds twice. The platform account takes the
Checkout payment; each shop's Stripe Connect Express account receives its share
by a transfer in the order's transfer group.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

import stripe

from orders.models import Order, ShopOrder
from shops.models import ShopPage

StripeError = stripe.StripeError


class PaymentsUnavailable(Exception):
    """Stripe is not configured, or did not answer: pay at pickup still works."""


def payments_enabled() -> bool:
    return bool(settings.STRIPE_SECRET_KEY)


def stripe_client() -> stripe.StripeClient:
    if not payments_enabled():
        raise PaymentsUnavailable(_("Online payment is not available."))
    options = {}
    if settings.STRIPE_API_BASE:
        options["base_addresses"] = {"api": settings.STRIPE_API_BASE}
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        http_client=stripe.RequestsClient(timeout=settings.STRIPE_TIMEOUT_SECONDS),
        max_network_retries=2,
        **options,
    )


def platform_fee_cents(amount_cents: int) -> int:
    return amount_cents * settings.ORDERS_PLATFORM_FEE_BPS // 10_000


def checkout_session_create(*, order: Order, base_url: str, tracking_url: str):
    """One Checkout Session for the online part of ``order``, priced from its lines."""
    line_items = []
    for part in order.shop_orders.filter(payment="online").select_related("shop"):
        for line in part.lines.all():
            line_items.append(
                {
                    "quantity": line.quantity,
                    "price_data": {
                        "currency": order.currency.lower(),
                        "unit_amount": line.unit_price_cents,
                        "product_data": {
                            "name": f"{line.product_name} — {part.shop.title}"
                        },
                    },
                }
            )
    return stripe_client().v1.checkout.sessions.create(
        {
            "mode": "payment",
            "line_items": line_items,
            "client_reference_id": order.reference,
            "customer_email": order.customer_email,
            "expires_at": int(order.payment_expires_at.timestamp()),
            "locale": order.language
            if order.language in ("fr", "en", "nl")
            else "auto",
            "metadata": {"order": order.reference},
            "payment_intent_data": {
                "transfer_group": order.transfer_group,
                "metadata": {"order": order.reference},
            },
            "success_url": f"{base_url}{tracking_url}?paid=1",
            "cancel_url": f"{base_url}{tracking_url}",
        },
        {"idempotency_key": f"checkout-{order.reference}"},
    )


def charge_id_for(payment_intent_id: str) -> str:
    intent = stripe_client().v1.payment_intents.retrieve(payment_intent_id)
    charge = intent.latest_charge
    return charge if isinstance(charge, str) else (charge.id if charge else "")


def transfer_create(*, shop_order: ShopOrder, charge_id: str):
    order = shop_order.order
    amount = shop_order.total_cents - platform_fee_cents(shop_order.total_cents)
    params = {
        "amount": amount,
        "currency": order.currency.lower(),
        "destination": shop_order.shop.stripe_account_id,
        "transfer_group": order.transfer_group,
        "metadata": {"order": order.reference, "shop_order": str(shop_order.pk)},
    }
    if charge_id:
        params["source_transaction"] = charge_id
    return stripe_client().v1.transfers.create(
        params, {"idempotency_key": f"transfer-{shop_order.pk}"}
    )


def refund_create(*, shop_order: ShopOrder, amount_cents: int, key: str):
    """Refund part of the payment and take the same share back from the shop."""
    client = stripe_client()
    refund = client.v1.refunds.create(
        {
            "payment_intent": shop_order.order.stripe_payment_intent_id,
            "amount": amount_cents,
            "metadata": {"shop_order": str(shop_order.pk)},
        },
        {"idempotency_key": f"refund-{shop_order.pk}-{key}"},
    )
    if shop_order.stripe_transfer_id:
        reversal = amount_cents - platform_fee_cents(amount_cents)
        client.v1.transfers.reversals.create(
            shop_order.stripe_transfer_id,
            {"amount": reversal},
            {"idempotency_key": f"reversal-{shop_order.pk}-{key}"},
        )
    return refund


def connect_account_link(*, shop: ShopPage, base_url: str) -> str:
    """The Stripe-hosted onboarding page for the shop's Express account."""
    client = stripe_client()
    if not shop.stripe_account_id:
        account = client.v1.accounts.create(
            {
                "type": "express",
                "country": "FR",
                "email": shop.contact_email or None,
                "business_profile": {"name": shop.title},
                "capabilities": {
                    "card_payments": {"requested": True},
                    "transfers": {"requested": True},
                },
                "metadata": {"shop": str(shop.pk)},
            },
            {"idempotency_key": f"connect-account-{shop.pk}"},
        )
        ShopPage.objects.filter(pk=shop.pk).update(stripe_account_id=account.id)
        shop.stripe_account_id = account.id
    back = base_url + reverse("orders_stripe_return", args=[shop.pk])
    link = client.v1.account_links.create(
        {
            "account": shop.stripe_account_id,
            "type": "account_onboarding",
            "refresh_url": base_url + reverse("orders_stripe_connect", args=[shop.pk]),
            "return_url": back,
        }
    )
    return link.url


def connect_account_refresh(*, shop: ShopPage) -> bool:
    """Whether the shop's account can receive transfers now (asked to Stripe)."""
    account = stripe_client().v1.accounts.retrieve(shop.stripe_account_id)
    enabled = bool(account.charges_enabled)
    ShopPage.objects.filter(pk=shop.pk).update(stripe_charges_enabled=enabled)
    return enabled
