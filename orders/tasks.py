"""Background work on orders. Tasks receive ids, never objects, and can run twice.

Twice is safe: emails carry a sent-once key (``ops.once``), refunds and transfers
a Stripe idempotency key plus a state check (``services``). A failure is retried
with backoff (``ops.retry``).
"""

from ops.retry import retried_task
from orders import notifications, services
from orders.models import Order, ShopOrder


@retried_task()
def shop_order_placed_notify(shop_order_id: int) -> None:
    notifications.shop_order_placed(ShopOrder.objects.get(pk=shop_order_id))


@retried_task()
def shop_order_status_notify(shop_order_id: int, status: str) -> None:
    notifications.shop_order_status(ShopOrder.objects.get(pk=shop_order_id), status)


@retried_task()
def shop_order_partial_refund_notify(
    shop_order_id: int, amount_cents: int, refund_key: str = ""
) -> None:
    notifications.shop_order_partial_refund(
        ShopOrder.objects.get(pk=shop_order_id), amount_cents, refund_key
    )


@retried_task()
def shop_order_refund(shop_order_id: int) -> None:
    services.shop_order_refund(shop_order=ShopOrder.objects.get(pk=shop_order_id))


@retried_task()
def order_transfers_create(order_id: int) -> None:
    services.order_transfers_create(order=Order.objects.get(pk=order_id))
