"""Baskets, orders split by shop, their lines, stock reservations and Stripe events.

Money is in integer cents with its currency. A resident's order (``Order``) holds one
``ShopOrder`` per shop: each shop accepts, prepares and hands over its own part, and
is paid its own share. Prices are copied into the lines when the order is placed, so
a later price change never alters an order.
"""

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from orders.states import ShopOrderStatus
from shops.choices import CollectPayment
from shops.models import Product, ShopPage

MAX_QUANTITY = 99
# No 0/O, 1/I/L: the code is read aloud at the counter.
PICKUP_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def pickup_code_new() -> str:
    return "".join(secrets.choice(PICKUP_CODE_ALPHABET) for _ in range(6))


def order_reference_new() -> str:
    return secrets.token_hex(5).upper()


class Basket(models.Model):
    """A resident's basket: found by a token kept in the session, or by the account."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="basket",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("basket")
        verbose_name_plural = _("baskets")

    def __str__(self) -> str:
        return f"basket {self.pk}"


class BasketLine(models.Model):
    basket = models.ForeignKey(Basket, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveSmallIntegerField(
        _("quantity"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_QUANTITY)],
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["basket", "product"], name="basket_line_one_per_product"
            )
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.product_id}"


class Order(models.Model):
    """What a resident checked out in one go, possibly from several shops."""

    reference = models.CharField(
        _("reference"), max_length=12, unique=True, default=order_reference_new
    )
    # The checkout form's one-time token: a second submission finds this order.
    checkout_token = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="orders",
    )
    customer_name = models.CharField(_("name"), max_length=120)
    customer_email = models.EmailField(_("email"))
    customer_phone = models.CharField(_("phone"), max_length=20, blank=True)
    language = models.CharField(max_length=8, default="fr")
    currency = models.CharField(max_length=3, default="EUR")
    online_total_cents = models.PositiveIntegerField(default=0)
    stripe_session_id = models.CharField(max_length=255, blank=True)
    stripe_session_url = models.URLField(max_length=2000, blank=True)
    stripe_payment_intent_id = models.CharField(max_length=255, blank=True)
    stripe_charge_id = models.CharField(max_length=255, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    payment_expires_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("order")
        verbose_name_plural = _("orders")

    def __str__(self) -> str:
        return self.reference

    @property
    def transfer_group(self) -> str:
        return f"order-{self.reference}"

    @property
    def total_cents(self) -> int:
        return sum(part.total_cents for part in self.shop_orders.all())


class ShopOrder(models.Model):
    """One shop's part of an order: prepared, handed over and paid on its own."""

    order = models.ForeignKey(
        Order, on_delete=models.CASCADE, related_name="shop_orders"
    )
    shop = models.ForeignKey(
        ShopPage, on_delete=models.PROTECT, related_name="shop_orders"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ShopOrderStatus.choices, db_index=True
    )
    payment = models.CharField(
        _("payment"), max_length=10, choices=CollectPayment.choices
    )
    pickup_at = models.DateTimeField(_("pickup time"), db_index=True)
    pickup_code = models.CharField(
        _("pickup code"), max_length=8, default=pickup_code_new
    )
    total_cents = models.PositiveIntegerField(_("total (cents)"))
    refunded_cents = models.PositiveIntegerField(default=0)
    refusal_reason = models.CharField(_("reason"), max_length=300, blank=True)
    stripe_transfer_id = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("shop order")
        verbose_name_plural = _("shop orders")
        ordering = ["pickup_at", "pk"]

    def __str__(self) -> str:
        return f"{self.order.reference}-{self.pk}"

    @property
    def is_online(self) -> bool:
        return self.payment == CollectPayment.ONLINE

    @property
    def status_label(self) -> str:
        return ShopOrderStatus(self.status).label


class OrderLine(models.Model):
    shop_order = models.ForeignKey(
        ShopOrder, on_delete=models.CASCADE, related_name="lines"
    )
    product = models.ForeignKey(
        Product, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    product_name = models.CharField(max_length=120)
    unit = models.CharField(max_length=30, blank=True)
    unit_price_cents = models.PositiveIntegerField()
    quantity = models.PositiveSmallIntegerField()
    refunded_quantity = models.PositiveSmallIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.quantity} x {self.product_name}"

    @property
    def total_cents(self) -> int:
        return self.unit_price_cents * self.quantity


class StockReservation(models.Model):
    """Units taken from a product's stock for an order that is not paid yet.

    Placing the order takes the units off ``Product.stock`` at once (so no one else
    can buy them); payment consumes the reservation, expiry gives the units back.
    Both are conditional updates on ``settled_at IS NULL``, so each happens once.
    """

    shop_order = models.ForeignKey(
        ShopOrder, on_delete=models.CASCADE, related_name="reservations"
    )
    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="+")
    quantity = models.PositiveSmallIntegerField()
    expires_at = models.DateTimeField(db_index=True)
    settled_at = models.DateTimeField(null=True, blank=True)
    released = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.quantity} x {self.product_id} until {self.expires_at}"


class ProcessedStripeEvent(models.Model):
    """A Stripe event that took effect, recorded in the same transaction as it."""

    event_id = models.CharField(max_length=255, unique=True)
    event_type = models.CharField(max_length=100)
    processed_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.event_id


class MorningSummary(models.Model):
    """The day's summary already sent to a shop (the command can run twice)."""

    shop = models.ForeignKey(ShopPage, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["shop", "day"], name="one_summary_a_day")
        ]

    def __str__(self) -> str:
        return f"{self.shop_id} {self.day}"
