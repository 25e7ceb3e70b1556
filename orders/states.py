"""The states of a shop's part of an order, and the one table of allowed moves.

Every change of state goes through ``orders.services.shop_order_transition``,
which consults ``TRANSITIONS`` and raises ``InvalidOrderTransition`` otherwise.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ShopOrderStatus(models.TextChoices):
    AWAITING_PAYMENT = "awaiting_payment", _("Awaiting online payment")
    PLACED = "placed", _("Placed")
    ACCEPTED = "accepted", _("Accepted")
    READY = "ready", _("Ready for pickup")
    COLLECTED = "collected", _("Collected")
    REFUSED = "refused", _("Refused by the shop")
    CANCELLED = "cancelled", _("Cancelled")
    REFUNDED = "refunded", _("Refunded")


S = ShopOrderStatus

TRANSITIONS: dict[str, frozenset[str]] = {
    # Only the Stripe webhook leaves AWAITING_PAYMENT for PLACED (payment received);
    # an expired Checkout Session cancels it.
    S.AWAITING_PAYMENT: frozenset({S.PLACED, S.CANCELLED}),
    S.PLACED: frozenset({S.ACCEPTED, S.REFUSED, S.CANCELLED}),
    S.ACCEPTED: frozenset({S.READY, S.REFUSED, S.CANCELLED}),
    S.READY: frozenset({S.COLLECTED, S.CANCELLED}),
    S.COLLECTED: frozenset(),
    # Money paid online goes back; refunds of collected lines are partial refunds,
    # which keep the state (see services.shop_order_refund_lines).
    S.REFUSED: frozenset({S.REFUNDED}),
    S.CANCELLED: frozenset({S.REFUNDED}),
    S.REFUNDED: frozenset(),
}

# Pickup slots count these against the shop's orders-per-slot limit.
ACTIVE_STATUSES = frozenset({S.AWAITING_PAYMENT, S.PLACED, S.ACCEPTED, S.READY})
# What a merchant still has to do something about.
OPEN_STATUSES = frozenset({S.PLACED, S.ACCEPTED, S.READY})


class InvalidOrderTransition(Exception):
    """A move the table does not allow, e.g. collecting an order never accepted."""

    def __init__(self, current: str, target: str):
        self.current, self.target = current, target
        super().__init__(current, target)

    def __str__(self) -> str:
        return str(
            _("An order that is “%(current)s” cannot become “%(target)s”.")
            % {"current": S(self.current).label, "target": S(self.target).label}
        )


def transition_allowed(current: str, target: str) -> bool:
    return target in TRANSITIONS[current]
