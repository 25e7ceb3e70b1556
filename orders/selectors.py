"""Reads about orders for the merchant's screens and the morning summary."""

from datetime import date, datetime, time, timedelta
from types import SimpleNamespace

from django.contrib.auth.models import Group
from django.db.models import QuerySet

from orders.models import ShopOrder
from orders.states import OPEN_STATUSES
from shops.access.permissions import shop_group_name
from shops.models import ShopPage
from territory.hours import PARIS

# "Merchant of shop " — the name of a shop's group, less its id.
MERCHANT_GROUP_PREFIX = shop_group_name(SimpleNamespace(pk=""))


def shop_ids_owned_by(user) -> list[int]:
    """The shops whose merchant group ``user`` is in (shops.access.permissions' groups).

    Commune staff can edit their commune's shops but are no part of their trade:
    orders are for the shop's own merchants (and administrators).
    """
    names = Group.objects.filter(
        user=user, name__startswith=MERCHANT_GROUP_PREFIX
    ).values_list("name", flat=True)
    ids = []
    for name in names:
        suffix = name.removeprefix(MERCHANT_GROUP_PREFIX)
        if suffix.isdigit():
            ids.append(int(suffix))
    return ids


def shop_orders_for(user) -> QuerySet[ShopOrder]:
    orders = ShopOrder.objects.select_related("order", "shop")
    if user.is_superuser:
        return orders
    return orders.filter(shop_id__in=shop_ids_owned_by(user))


def shop_orders_listing(user, *, show: str = "open") -> QuerySet[ShopOrder]:
    """The merchant's orders by pickup time: what is to do, or everything."""
    orders = shop_orders_for(user).prefetch_related("lines")
    if show == "open":
        return orders.filter(status__in=OPEN_STATUSES).order_by("pickup_at", "pk")
    return orders.order_by("-pickup_at", "-pk")


def shops_with_click_and_collect(user) -> QuerySet[ShopPage]:
    shops = ShopPage.objects.filter(offers_click_and_collect=True)
    if user.is_superuser:
        return shops.none()
    return shops.filter(pk__in=shop_ids_owned_by(user)).order_by("title")


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=PARIS)
    return start, start + timedelta(days=1)


def shop_orders_to_hand_over(day: date) -> dict[ShopPage, list[ShopOrder]]:
    start, end = day_bounds(day)
    grouped: dict[ShopPage, list[ShopOrder]] = {}
    orders = (
        ShopOrder.objects.filter(
            status__in=OPEN_STATUSES, pickup_at__gte=start, pickup_at__lt=end
        )
        .select_related("order", "shop__owner")
        .order_by("shop_id", "pickup_at")
    )
    for shop_order in orders:
        grouped.setdefault(shop_order.shop, []).append(shop_order)
    return grouped
