"""Fifty residents buy the last five units at once: five orders, never below zero.

Real concurrency needs real row locks: SQLite serialises every write to the whole
database, so this runs on PostgreSQL only (``make test-postgres``).
"""

import threading
from datetime import datetime

from django.db import connection

import pytest

from orders.models import Basket, BasketLine, Order
from orders.services import Customer, OrderProblem, order_place
from territory.hours import PARIS
from tests.orders.conftest import product, shop_with_products

BUYERS = 50
UNITS = 5


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL row locks (select_for_update); run make test-postgres",
)
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_buyers_of_the_last_five_units_make_five_orders():
    shop = shop_with_products("Dernières galettes", ("Galette des rois", 2400, UNITS))
    galette = product(shop, "Galette des rois")
    baskets = []
    for _ in range(BUYERS):
        basket = Basket.objects.create()
        BasketLine.objects.create(basket=basket, product=galette, quantity=1)
        baskets.append(basket)
    pickup = datetime(2026, 11, 24, 10, 0, tzinfo=PARIS)
    start = threading.Barrier(BUYERS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def buy(number: int, basket: Basket) -> None:
        try:
            start.wait()
            order_place(
                basket=basket,
                customer=Customer(name=f"Client {number}", email="c@example.org"),
                pickups={shop.pk: pickup},
                checkout_token=f"buyer-{number}",
            )
            outcome = "ordered"
        except OrderProblem:
            outcome = "sold out"
        except Exception as error:
            outcome = f"error: {error!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(outcome)

    threads = [
        threading.Thread(target=buy, args=(number, basket))
        for number, basket in enumerate(baskets)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(set(outcomes)) == ["ordered", "sold out"], outcomes
    assert outcomes.count("ordered") == UNITS
    assert Order.objects.count() == UNITS
    galette.refresh_from_db()
    assert galette.stock == 0
