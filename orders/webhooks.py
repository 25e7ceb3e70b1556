"""Stripe's webhook: the only way an order becomes paid.

The signature is checked on the raw body. The event id is recorded in the same
transaction as the event's effect, so a duplicate delivery finds it and does
nothing, and a failure rolls both back for Stripe to retry. Effects check the
order's state first, which makes late or out-of-order events harmless. A paid
amount or currency that differs from the order's is refused and reported to the
platform's administrators; a signed but malformed event is acknowledged and logged
(a 500 would only make Stripe retry it for days).
"""

import logging

from django.conf import settings
from django.core.mail import mail_admins
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

import stripe

from orders import services
from orders.models import Order, ProcessedStripeEvent

logger = logging.getLogger(__name__)


def _order_for(session) -> Order | None:
    reference = session.get("client_reference_id") or (
        session.get("metadata") or {}
    ).get("order")
    return Order.objects.filter(reference=reference).first() if reference else None


def _session_completed(session) -> None:
    order = _order_for(session)
    if order is None:
        logger.warning("Checkout Session %s names no known order", session.get("id"))
        return
    if session.get("payment_status") != "paid":
        # Delayed payment methods: wait for checkout.session.async_payment_succeeded.
        return
    if _paid_amount_differs(order, session):
        return
    services.order_payment_received(
        order=order, payment_intent_id=session.get("payment_intent") or ""
    )


def _paid_amount_differs(order: Order, session) -> bool:
    """True (and the platform alerted) when Stripe reports another sum than ordered."""
    paid = (session.get("amount_total"), str(session.get("currency") or "").upper())
    expected = (order.online_total_cents, order.currency.upper())
    if paid == expected:
        return False
    logger.error(
        "Checkout Session %s paid %s %s for order %s, which expects %s %s: refused",
        session.get("id"),
        *paid,
        order.reference,
        *expected,
    )
    mail_admins(
        f"Stripe payment refused for order {order.reference}",
        f"Checkout Session {session.get('id')} reports {paid[0]} {paid[1]} (cents) "
        f"paid, but the order expects {expected[0]} {expected[1]}. The order was "
        "not marked paid: check the session in Stripe's dashboard and refund it.",
    )
    return True


def _session_expired(session) -> None:
    order = _order_for(session)
    if order is not None and order.paid_at is None:
        services.order_payment_expire(order=order)


def _account_updated(account) -> None:
    if not account.get("id"):
        logger.warning("account.updated without an account id: ignored")
        return
    services.shop_stripe_account_update(
        account_id=account["id"], charges_enabled=bool(account.get("charges_enabled"))
    )


HANDLERS = {
    "checkout.session.completed": _session_completed,
    "checkout.session.async_payment_succeeded": _session_completed,
    "checkout.session.expired": _session_expired,
    "checkout.session.async_payment_failed": _session_expired,
    "account.updated": _account_updated,
}


def _malformed(event: dict) -> bool:
    data = event.get("data")
    return not (
        isinstance(event.get("id"), str)
        and isinstance(event.get("type"), str)
        and isinstance(data, dict)
        and isinstance(data.get("object"), dict)
    )


def event_handle(event: dict) -> bool:
    """Apply one verified event; False when it had already been applied or is void."""
    if _malformed(event):
        logger.error("Signed Stripe event without id, type or object: %r", event)
        return False
    handler = HANDLERS.get(event["type"])
    try:
        with transaction.atomic():
            ProcessedStripeEvent.objects.create(
                event_id=event["id"], event_type=event["type"]
            )
            if handler is not None:
                handler(event["data"]["object"])
    except IntegrityError:
        if ProcessedStripeEvent.objects.filter(event_id=event["id"]).exists():
            return False
        raise
    return True


@csrf_exempt
@require_POST
def stripe_webhook_view(request):
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        return HttpResponse(status=404)
    try:
        event = stripe.Webhook.construct_event(
            request.body, request.headers.get("Stripe-Signature", ""), secret
        )
    except (ValueError, stripe.SignatureVerificationError):
        return HttpResponseBadRequest("invalid signature")
    event_handle(event.to_dict())
    return HttpResponse(status=200)
