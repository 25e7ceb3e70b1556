"""Unguessable links to an order, signed with the site's secret key: no account."""

from django.core import signing
from django.urls import reverse

from orders.models import Order

SALT = "orders.tracking"


def tracking_token(order: Order) -> str:
    return signing.dumps(order.reference, salt=SALT)


def tracking_path(order: Order) -> str:
    return reverse("orders:track", args=[tracking_token(order)])


def order_from_token(token: str) -> Order | None:
    try:
        reference = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return Order.objects.filter(reference=reference).first()
