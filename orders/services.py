"""Writes about orders: placing, moving through the states, stock and refunds.

Stripe calls never happen inside a transaction: what needs Stripe is scheduled with
``transaction.on_commit`` as a task receiving ids (``orders.tasks``), and each
task checks the state first, so running it twice does no harm.
"""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from orders.basket import BasketError, ShopPart, basket_parts
from orders.models import (
    Basket,
    Order,
    OrderLine,
    ShopOrder,
    StockReservation,
)
from orders.queue import tasks
from orders.slots import pickup_slots
from orders.states import (
    ACTIVE_STATUSES,
    InvalidOrderTransition,
    ShopOrderStatus,
    transition_allowed,
)
from shops.choices import CollectPayment
from shops.models import Product, ShopPage
from web.page_cache import page_cache_purge

S = ShopOrderStatus


class OrderProblem(Exception):
    """The order cannot be placed as it is; ``messages`` say what to change."""

    def __init__(self, messages: list[str]):
        self.messages = messages
        super().__init__(" ".join(messages))


class CodeMismatch(Exception):
    pass


@dataclass(frozen=True)
class Customer:
    name: str
    email: str
    phone: str = ""
    language: str = "fr"
    user: object = None


def _slot_problem(part: ShopPart, pickup: datetime | None, now: datetime) -> str:
    if pickup is None:
        return _("Please choose a pickup time at %(shop)s.") % {"shop": part.shop.title}
    if pickup < now:
        return _("The pickup time chosen at %(shop)s is already past.") % {
            "shop": part.shop.title
        }
    if all(slot.starts_at != pickup for slot in pickup_slots(part.shop, now=now)):
        return _(
            "%(shop)s cannot take an order for the time chosen (closed, too soon "
            "or fully booked): please choose another time."
        ) % {"shop": part.shop.title}
    return ""


def _reserve(products: dict[int, Product], needed: dict[int, int]) -> list[str]:
    """Take the units off stock, or say what is missing (nothing taken then)."""
    problems = []
    for product_id, quantity in needed.items():
        product = products[product_id]
        if product.stock is not None and product.stock < quantity:
            problems.append(
                _("“%(product)s” is out of stock.") % {"product": product.name}
                if product.stock == 0
                else _(
                    "Only %(stock)s of “%(product)s” left: please lower the quantity."
                )
                % {"stock": product.stock, "product": product.name}
            )
    if problems:
        return problems
    counted = [pid for pid in needed if products[pid].stock is not None]
    for product_id in counted:
        Product.objects.filter(pk=product_id).update(
            stock=F("stock") - needed[product_id]
        )
    _stock_shown_changed(counted)
    return []


def checkout_token_bind(*, basket: Basket, token: str) -> str:
    """The form's token tied to the basket (hence the session) that placed it.

    The token comes from the browser, so on its own it would be a bearer key to
    the order it created. Stored hashed with the basket's own secret token, it
    only ever finds an order placed from the same basket.
    """
    return hashlib.sha256(f"{basket.token}:{token}".encode()).hexdigest()


def order_place(
    *,
    basket: Basket,
    customer: Customer,
    pickups: dict[int, datetime | None],
    checkout_token: str,
    now: datetime | None = None,
) -> Order:
    """Turn the basket into an order, one part per shop, stock taken at once.

    Prices come from the products in the database. Parts for shops paid at pickup
    are placed at once; parts paid online wait for Stripe's webhook, their stock
    reserved until the Checkout Session expires. A second submission of the same
    checkout form (same token, same basket) returns the first order; the same token
    sent from another basket is a new checkout, never a way into someone's order.
    """
    checkout_token = checkout_token_bind(basket=basket, token=checkout_token)
    existing = Order.objects.filter(checkout_token=checkout_token).first()
    if existing is not None:
        return existing
    now = now or timezone.now()
    parts = basket_parts(basket)
    if not parts:
        raise OrderProblem([_("Your basket is empty.")])
    problems = [problem for part in parts for problem in part.problems]
    problems += [
        problem
        for part in parts
        if (problem := _slot_problem(part, pickups.get(part.shop.pk), now))
    ]
    if problems:
        raise OrderProblem(problems)
    try:
        with transaction.atomic():
            order = _order_create(parts, customer, pickups, checkout_token, now)
    except IntegrityError:
        # The same form submitted twice at once: the other request created it.
        existing = Order.objects.filter(checkout_token=checkout_token).first()
        if existing is None:
            raise
        return existing
    if not order.online_total_cents:
        _notify_placed(order)
    return order


def _slots_full(parts: list[ShopPart], pickups: dict) -> list[str]:
    """Check slot limits again under a lock on the shop, for simultaneous orders."""
    problems = []
    for part in parts:
        limit = part.shop.pickup_orders_per_slot
        if not limit:
            continue
        ShopPage.objects.select_for_update().filter(pk=part.shop.pk).exists()
        taken = ShopOrder.objects.filter(
            shop=part.shop, pickup_at=pickups[part.shop.pk], status__in=ACTIVE_STATUSES
        ).count()
        if taken >= limit:
            problems.append(
                _(
                    "%(shop)s cannot take an order for the time chosen (closed, too "
                    "soon or fully booked): please choose another time."
                )
                % {"shop": part.shop.title}
            )
    return problems


def _order_create(parts, customer, pickups, checkout_token, now) -> Order:
    needed: dict[int, int] = {}
    for part in parts:
        for line in part.lines:
            needed[line.product_id] = needed.get(line.product_id, 0) + line.quantity
    # Rows locked in a fixed order: concurrent checkouts queue instead of deadlocking.
    products = {
        product.pk: product
        for product in Product.objects.select_for_update()
        .filter(pk__in=needed)
        .order_by("pk")
    }
    problems = _slots_full(parts, pickups) or _reserve(products, needed)
    if problems:
        raise OrderProblem(problems)
    expires = now + timedelta(minutes=settings.ORDERS_RESERVATION_MINUTES)
    order = Order(
        checkout_token=checkout_token,
        user=customer.user
        if getattr(customer.user, "is_authenticated", False)
        else None,
        customer_name=customer.name,
        customer_email=customer.email,
        customer_phone=customer.phone,
        language=customer.language,
        payment_expires_at=expires,
    )
    order.full_clean(exclude=["reference"])
    order.save()
    online_total = 0
    for part in parts:
        online = part.shop.takes_online_payment
        # Prices as read under the lock, the same that the lines keep.
        total = sum(
            products[line.product_id].price_cents * line.quantity for line in part.lines
        )
        shop_order = ShopOrder(
            order=order,
            shop=part.shop,
            status=S.AWAITING_PAYMENT if online else S.PLACED,
            payment=CollectPayment.ONLINE if online else CollectPayment.AT_PICKUP,
            pickup_at=pickups[part.shop.pk],
            total_cents=total,
        )
        shop_order.full_clean(exclude=["order", "shop"])
        shop_order.save()
        OrderLine.objects.bulk_create(
            OrderLine(
                shop_order=shop_order,
                product=line.product,
                product_name=line.product.name,
                unit=line.product.unit,
                unit_price_cents=products[line.product_id].price_cents,
                quantity=line.quantity,
            )
            for line in part.lines
        )
        if online:
            online_total += total
            StockReservation.objects.bulk_create(
                StockReservation(
                    shop_order=shop_order,
                    product_id=line.product_id,
                    quantity=line.quantity,
                    expires_at=expires,
                )
                for line in part.lines
            )
    if online_total:
        order.online_total_cents = online_total
        order.save(update_fields=["online_total_cents"])
    return order


def _notify_placed(order: Order) -> None:

    ids = list(order.shop_orders.filter(status=S.PLACED).values_list("pk", flat=True))
    for shop_order_id in ids:
        transaction.on_commit(
            lambda pk=shop_order_id: tasks.shop_order_placed_notify.enqueue(pk)
        )


def order_checkout_started(*, order: Order, session_id: str, session_url: str) -> None:
    """The Checkout Session exists: remember it, confirm the parts paid at pickup."""
    order.stripe_session_id = session_id
    order.stripe_session_url = session_url
    order.save(update_fields=["stripe_session_id", "stripe_session_url"])
    _notify_placed(order)


@transaction.atomic
def order_discard(*, order: Order) -> None:
    """Stripe could not start the payment: give every unit back, forget the order.

    Nobody has been told about the order yet and nothing was paid, so removing it
    leaves no trace; the resident's basket was kept and they can try again.
    """
    for line in OrderLine.objects.filter(shop_order__order=order):
        reserved = StockReservation.objects.filter(
            shop_order_id=line.shop_order_id, product_id=line.product_id
        )
        if reserved.exists():
            continue
        _restock(line.product_id, line.quantity)
    for reservation in StockReservation.objects.filter(shop_order__order=order):
        _reservation_release(reservation)
    order.delete()


def _restock(product_id: int | None, quantity: int) -> None:
    if product_id is not None and Product.objects.filter(
        pk=product_id, stock__isnull=False
    ).update(stock=F("stock") + quantity):
        _stock_shown_changed([product_id])


def _stock_shown_changed(product_ids: list[int]) -> None:
    """Shop pages show "out of stock": once committed, their cached copies go."""
    if product_ids:
        shops = ShopPage.objects.filter(products__pk__in=product_ids).distinct()
        transaction.on_commit(lambda: page_cache_purge(list(shops)))


def _reservation_release(reservation: StockReservation) -> bool:
    """Give the units back, once: False when already consumed or released."""
    settled = StockReservation.objects.filter(
        pk=reservation.pk, settled_at__isnull=True
    ).update(settled_at=timezone.now(), released=True)
    if settled:
        _restock(reservation.product_id, reservation.quantity)
    return bool(settled)


def reservations_release_expired(*, now: datetime | None = None) -> int:
    """Cancel online parts whose payment window closed, and give their stock back.

    A short grace period leaves Stripe's own expiry webhook the first word.
    """
    now = now or timezone.now()
    expired = (
        ShopOrder.objects.filter(
            status=S.AWAITING_PAYMENT,
            reservations__expires_at__lt=now - timedelta(minutes=5),
        )
        .values_list("order_id", flat=True)
        .distinct()
    )
    count = 0
    for order_id in list(expired):
        count += order_payment_expire(order=Order.objects.get(pk=order_id))
    return count


@transaction.atomic
def order_payment_expire(*, order: Order) -> int:
    """The resident did not pay in time: cancel the online parts, release stock."""

    cancelled = 0
    for shop_order in order.shop_orders.select_for_update().filter(
        status=S.AWAITING_PAYMENT
    ):
        for reservation in shop_order.reservations.all():
            _reservation_release(reservation)
        _transition(shop_order, S.CANCELLED, reason=_("Payment not completed in time."))
        transaction.on_commit(
            lambda pk=shop_order.pk: tasks.shop_order_status_notify.enqueue(
                pk, S.CANCELLED
            )
        )
        cancelled += 1
    return cancelled


@transaction.atomic
def order_payment_received(
    *, order: Order, payment_intent_id: str, now: datetime | None = None
) -> None:
    """Stripe says the online part is paid (called by the webhook only).

    Parts still waiting are placed and their reservations consumed; a part that was
    cancelled meanwhile (its window closed before this event arrived) is refunded.
    """

    now = now or timezone.now()
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.paid_at is not None:
        return
    order.paid_at = now
    order.stripe_payment_intent_id = payment_intent_id
    order.save(update_fields=["paid_at", "stripe_payment_intent_id"])
    for shop_order in order.shop_orders.filter(payment=CollectPayment.ONLINE):
        if shop_order.status == S.AWAITING_PAYMENT:
            StockReservation.objects.filter(
                shop_order=shop_order, settled_at__isnull=True
            ).update(settled_at=now)
            _transition(shop_order, S.PLACED)
            transaction.on_commit(
                lambda pk=shop_order.pk: tasks.shop_order_placed_notify.enqueue(pk)
            )
        elif shop_order.status == S.CANCELLED:
            transaction.on_commit(
                lambda pk=shop_order.pk: tasks.shop_order_refund.enqueue(pk)
            )
    transaction.on_commit(lambda: tasks.order_transfers_create.enqueue(order.pk))


def _transition(shop_order: ShopOrder, target: str, *, reason: str = "") -> None:
    if not transition_allowed(shop_order.status, target):
        raise InvalidOrderTransition(shop_order.status, target)
    if target == S.REFUNDED and not shop_order.is_online:
        raise InvalidOrderTransition(shop_order.status, target)
    shop_order.status = target
    if reason:
        shop_order.refusal_reason = reason
    shop_order.full_clean(exclude=["order", "shop"])
    shop_order.save(update_fields=["status", "refusal_reason", "updated_at"])


def shop_order_transition(
    *, shop_order: ShopOrder, target: str, reason: str = "", code: str = ""
) -> ShopOrder:
    """The one way a merchant or a resident moves a shop order on.

    Collecting needs the pickup code the resident shows; refusing needs a reason.
    The resident is emailed after the commit, and money paid online for a refused
    or cancelled part goes back.
    """

    reason = reason.strip()
    if target == S.REFUSED and not reason:
        raise ValueError(_("Please tell the customer why you refuse the order."))
    with transaction.atomic():
        locked = ShopOrder.objects.select_for_update().get(pk=shop_order.pk)
        if target == S.COLLECTED and (
            code.strip().upper().replace(" ", "") != locked.pickup_code
        ):
            raise CodeMismatch(
                _("This is not the pickup code of this order: ask the customer again.")
            )
        previous = locked.status
        _transition(locked, target, reason=reason)
        if target == S.CANCELLED and previous in (S.PLACED, S.ACCEPTED):
            for line in locked.lines.all():
                _restock(line.product_id, line.quantity - line.refunded_quantity)
        transaction.on_commit(
            lambda: tasks.shop_order_status_notify.enqueue(locked.pk, target)
        )
        paid_online = locked.is_online and locked.order.paid_at is not None
        if target in (S.REFUSED, S.CANCELLED) and paid_online:
            transaction.on_commit(lambda: tasks.shop_order_refund.enqueue(locked.pk))
    return locked


def shop_order_refund(*, shop_order: ShopOrder) -> bool:
    """Refund what is left of a refused or cancelled part paid online (once)."""
    from orders import payments

    shop_order = ShopOrder.objects.select_related("order").get(pk=shop_order.pk)
    if shop_order.status not in (S.REFUSED, S.CANCELLED) or not shop_order.is_online:
        return False
    if shop_order.order.paid_at is None:
        return False
    amount = shop_order.total_cents - shop_order.refunded_cents
    if amount > 0:
        payments.refund_create(shop_order=shop_order, amount_cents=amount, key="rest")
    with transaction.atomic():
        locked = ShopOrder.objects.select_for_update().get(pk=shop_order.pk)
        if locked.status == S.REFUNDED:
            return False
        locked.refunded_cents = locked.total_cents
        locked.save(update_fields=["refunded_cents"])
        _transition(locked, S.REFUNDED)
        transaction.on_commit(
            lambda: tasks.shop_order_status_notify.enqueue(locked.pk, S.REFUNDED)
        )
    return True


def shop_order_refund_lines(
    *, shop_order: ShopOrder, quantities: dict[int, int]
) -> int:
    """Refund some units of some lines of a part paid online; the state stays.

    The idempotency key names the lines and how much of each was refunded before,
    so the same click sent twice refunds once.
    """
    from orders import payments

    shop_order = ShopOrder.objects.select_related("order").get(pk=shop_order.pk)
    if not shop_order.is_online or shop_order.order.paid_at is None:
        raise ValueError(_("Only orders paid online can be refunded here."))
    if shop_order.status == S.REFUNDED:
        raise ValueError(_("This order is already fully refunded."))
    lines = {line.pk: line for line in shop_order.lines.all()}
    amount, key_parts = 0, []
    for line_id, quantity in quantities.items():
        line = lines.get(line_id)
        if line is None or quantity <= 0:
            continue
        if quantity > line.quantity - line.refunded_quantity:
            raise ValueError(
                _("You cannot refund more “%(product)s” than were ordered.")
                % {"product": line.product_name}
            )
        amount += quantity * line.unit_price_cents
        key_parts.append(f"{line.pk}x{quantity}from{line.refunded_quantity}")
    if not amount:
        raise ValueError(_("Choose at least one unit to refund."))
    payments.refund_create(
        shop_order=shop_order, amount_cents=amount, key="-".join(key_parts)
    )
    with transaction.atomic():
        for line_id, quantity in quantities.items():
            if line_id in lines and quantity > 0:
                OrderLine.objects.filter(pk=line_id).update(
                    refunded_quantity=F("refunded_quantity") + quantity
                )
        ShopOrder.objects.filter(pk=shop_order.pk).update(
            refunded_cents=F("refunded_cents") + amount
        )
        transaction.on_commit(
            lambda: tasks.shop_order_partial_refund_notify.enqueue(
                shop_order.pk, amount
            )
        )
    return amount


def order_transfers_create(*, order: Order) -> int:
    """Pay each shop its share of the online payment, once per shop order."""
    from orders import payments

    order = Order.objects.get(pk=order.pk)
    if order.paid_at is None:
        return 0
    parts = order.shop_orders.select_related("shop").filter(
        payment=CollectPayment.ONLINE,
        stripe_transfer_id="",
        status__in=[S.PLACED, S.ACCEPTED, S.READY, S.COLLECTED],
    )
    if not parts:
        return 0
    charge_id = order.stripe_charge_id or payments.charge_id_for(
        order.stripe_payment_intent_id
    )
    if charge_id and not order.stripe_charge_id:
        Order.objects.filter(pk=order.pk).update(stripe_charge_id=charge_id)
    made = 0
    for part in parts:
        if not part.shop.stripe_account_id:
            continue
        transfer = payments.transfer_create(shop_order=part, charge_id=charge_id)
        ShopOrder.objects.filter(pk=part.pk).update(stripe_transfer_id=transfer.id)
        made += 1
    return made


def shop_stripe_account_update(*, account_id: str, charges_enabled: bool) -> int:
    return ShopPage.objects.filter(stripe_account_id=account_id).update(
        stripe_charges_enabled=charges_enabled
    )


__all__ = [
    "BasketError",
    "CodeMismatch",
    "Customer",
    "OrderProblem",
    "order_checkout_started",
    "order_discard",
    "order_payment_expire",
    "order_payment_received",
    "order_place",
    "order_transfers_create",
    "reservations_release_expired",
    "shop_order_refund",
    "shop_order_refund_lines",
    "shop_order_transition",
]


def payments_catch_up() -> tuple[int, int]:
    """Retry the transfers and refunds Stripe refused or missed the first time.

    Both carry the same idempotency keys as the first try, so a call that did reach
    Stripe is not repeated there.
    """
    from orders import payments

    transfers = refunds = 0
    waiting = Order.objects.filter(
        paid_at__isnull=False,
        shop_orders__payment=CollectPayment.ONLINE,
        shop_orders__stripe_transfer_id="",
        shop_orders__shop__stripe_account_id__gt="",
        shop_orders__status__in=[S.PLACED, S.ACCEPTED, S.READY, S.COLLECTED],
    ).distinct()
    for order in waiting:
        try:
            transfers += order_transfers_create(order=order)
        except payments.StripeError:
            continue
    to_refund = ShopOrder.objects.filter(
        payment=CollectPayment.ONLINE,
        status__in=[S.REFUSED, S.CANCELLED],
        order__paid_at__isnull=False,
    )
    for shop_order in to_refund:
        try:
            refunds += shop_order_refund(shop_order=shop_order)
        except payments.StripeError:
            continue
    return transfers, refunds
