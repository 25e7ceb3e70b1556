"""Background work on orders. Tasks receive ids, never objects, and can run twice."""

from django_tasks import task

from orders import notifications, services
from orders.models import Order, ShopOrder


@task()
def shop_order_placed_notify(shop_order_id: int) -> None:
    notifications.shop_order_placed(ShopOrder.objects.get(pk=shop_order_id))


@task()
def shop_order_status_notify(shop_order_id: int, status: str) -> None:
    notifications.shop_order_status(ShopOrder.objects.get(pk=shop_order_id), status)


@task()
def shop_order_partial_refund_notify(shop_order_id: int, amount_cents: int) -> None:
    notifications.shop_order_partial_refund(
        ShopOrder.objects.get(pk=shop_order_id), amount_cents
    )


@task()
def shop_order_refund(shop_order_id: int) -> None:
    services.shop_order_refund(shop_order=ShopOrder.objects.get(pk=shop_order_id))


@task()
def order_transfers_create(order_id: int) -> None:
    services.order_transfers_create(order=Order.objects.get(pk=order_id))
