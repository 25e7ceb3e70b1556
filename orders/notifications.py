"""Emails about orders: to the resident at each step, to the merchant per new order.

Residents are written to in the language they ordered in; every email is about a
pickup (the shop's address and hours), never about a delivery.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from orders.links import tracking_path
from orders.models import ShopOrder
from orders.slots import pickup_hours
from orders.states import ShopOrderStatus
from shops.mail import mail_send

S = ShopOrderStatus

RESIDENT_SUBJECTS = {
    S.PLACED: _("Your order at %(shop)s is registered"),
    S.ACCEPTED: _("%(shop)s has accepted your order"),
    S.READY: _("Your order is ready to collect at %(shop)s"),
    S.COLLECTED: _("Thank you for collecting your order at %(shop)s"),
    S.REFUSED: _("%(shop)s cannot prepare your order"),
    S.CANCELLED: _("Your order at %(shop)s is cancelled"),
    S.REFUNDED: _("Your payment to %(shop)s has been refunded"),
}


def _context(shop_order: ShopOrder) -> dict:
    from territory.hours import hours_week

    shop = shop_order.shop
    return {
        "shop_order": shop_order,
        "order": shop_order.order,
        "shop": shop,
        "lines": list(shop_order.lines.all()),
        "week": hours_week(pickup_hours(shop)),
        "tracking_url": settings.WAGTAILADMIN_BASE_URL
        + tracking_path(shop_order.order),
        "admin_url": f"{settings.WAGTAILADMIN_BASE_URL}/admin/orders/{shop_order.pk}/",
    }


def _to_resident(shop_order: ShopOrder, status: str, template: str) -> None:
    mail_send(
        to=shop_order.order.customer_email,
        subject=RESIDENT_SUBJECTS[status],
        subject_args={"shop": shop_order.shop.title},
        template=template,
        context=_context(shop_order),
        language=shop_order.order.language,
    )


def shop_order_placed(shop_order: ShopOrder) -> None:
    _to_resident(shop_order, S.PLACED, "orders/email/resident_status.txt")
    mail_send(
        to=shop_order.shop.contact_email,
        subject=_("New click-and-collect order %(reference)s"),
        subject_args={"reference": shop_order.order.reference},
        template="orders/email/merchant_new_order.txt",
        context=_context(shop_order),
    )


def shop_order_status(shop_order: ShopOrder, status: str) -> None:
    if status in RESIDENT_SUBJECTS:
        _to_resident(shop_order, status, "orders/email/resident_status.txt")


def shop_order_partial_refund(shop_order: ShopOrder, amount_cents: int) -> None:
    context = _context(shop_order) | {"amount_cents": amount_cents}
    mail_send(
        to=shop_order.order.customer_email,
        subject=_("Part of your order at %(shop)s has been refunded"),
        subject_args={"shop": shop_order.shop.title},
        template="orders/email/resident_partial_refund.txt",
        context=context,
        language=shop_order.order.language,
    )
