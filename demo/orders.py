"""Click-and-collect in the demo: the demo merchant's shop takes orders, and has some.

Runs after the demo accounts exist. Orders are placed through the real service, one
per demo customer, so running it twice places nothing new. Every demo shop is
paid at pickup: the demo needs no Stripe account.
"""

import secrets

from django.contrib.auth import get_user_model
from django.db import transaction

from orders.models import Basket, BasketLine, Order
from orders.services import Customer, OrderProblem, order_place
from orders.slots import pickup_slots
from shops.models import Product, ShopPage

DEMO_CUSTOMERS = (
    ("Camille Lefebvre", "camille.lefebvre@example.org", "fr"),
    ("Pieter Janssens", "pieter.janssens@example.org", "nl"),
    ("Sam Taylor", "sam.taylor@example.org", "en"),
)


def _merchant_shop() -> ShopPage | None:
    user = get_user_model().objects.filter(username="marchand").first()
    return ShopPage.objects.filter(owner=user).first() if user else None


def _neighbour_with_collect(shop: ShopPage) -> ShopPage | None:
    return (
        ShopPage.objects.live()
        .filter(commune=shop.commune, offers_click_and_collect=True)
        .exclude(pk=shop.pk)
        .filter(products__stock__gt=0)
        .order_by("pk")
        .first()
    )


def _open_for_orders(shop: ShopPage) -> None:
    Product.objects.filter(shop=shop, stock=0).update(stock=12)
    if not shop.offers_click_and_collect:
        shop = ShopPage.objects.get(pk=shop.pk)
        shop.offers_click_and_collect = True
        shop.save_revision().publish()


def demo_orders_seed() -> int:
    """Place the demo orders that do not exist yet; the number placed."""
    shop = _merchant_shop()
    if shop is None:
        return 0
    _open_for_orders(shop)
    neighbour = _neighbour_with_collect(shop)
    placed = 0
    for number, (name, email, language) in enumerate(DEMO_CUSTOMERS, start=1):
        # One order per demo customer: what makes a second run place nothing.
        if Order.objects.filter(customer_email=email).exists():
            continue
        shops = [shop] + ([neighbour] if neighbour and number == 1 else [])
        with transaction.atomic():
            basket = Basket.objects.create()
            for index, part in enumerate(shops):
                product = (
                    part.products.filter(active=True)
                    .exclude(stock=0)
                    .order_by("sort_order")[index + number - 1 :]
                    .first()
                ) or part.products.exclude(stock=0).first()
                if product:
                    BasketLine.objects.create(
                        basket=basket, product=product, quantity=number
                    )
        pickups = {}
        for part in shops:
            slots = pickup_slots(part)
            if slots:
                pickups[part.pk] = slots[min(len(slots) - 1, number * 3)].starts_at
        try:
            order_place(
                basket=basket,
                customer=Customer(name=name, email=email, language=language),
                pickups=pickups,
                checkout_token=secrets.token_urlsafe(24),
            )
            placed += 1
        except OrderProblem:
            pass
        basket.delete()
    return placed
