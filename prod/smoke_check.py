"""Run inside ``manage.py shell`` by the smoke test: what the database says now.

Prints one JSON object about the smoke's orders (customers ``smoke-…``), the
stock of the smoke shops' products, the emails recorded as sent for those orders,
and the background tasks.
"""

import json
import os
from collections import Counter

from django.db.models import Sum

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from ops.models import SentEmail
from ops.selectors import tasks_given_up
from orders.models import Order, OrderLine, ShopOrder
from shops.models import Product

product_ids = json.loads(os.environ["SMOKE_PRODUCTS"])
orders = Order.objects.filter(customer_email__startswith="smoke-")
shop_orders = ShopOrder.objects.filter(order__in=orders)
statuses = Counter(shop_orders.values_list("status", flat=True))
kept = OrderLine.objects.filter(shop_order__in=shop_orders).exclude(
    shop_order__status__in=["refused", "cancelled"]
)
print(
    json.dumps(
        {
            "orders_by_email": dict(
                Counter(orders.values_list("customer_email", flat=True))
            ),
            "units_by_product": {
                str(row["product_id"]): row["units"]
                for row in OrderLine.objects.filter(shop_order__in=shop_orders)
                .values("product_id")
                .annotate(units=Sum("quantity"))
            },
            "units_kept_by_product": {
                str(row["product_id"]): row["units"]
                for row in kept.values("product_id").annotate(units=Sum("quantity"))
            },
            "stock": {
                str(pk): stock
                for pk, stock in Product.objects.filter(pk__in=product_ids).values_list(
                    "pk", "stock"
                )
            },
            "shop_order_statuses": dict(statuses),
            "emails_expected": 2 * shop_orders.count()
            + shop_orders.exclude(status="placed").count(),
            "emails_recorded": SentEmail.objects.filter(
                key__regex=r"^shop-order-("
                + "|".join(str(pk) for pk in shop_orders.values_list("pk", flat=True))
                + r")-"
            ).count()
            if shop_orders.exists()
            else 0,
            "tasks_failed": DBTaskResult.objects.filter(
                status=TaskResultStatus.FAILED
            ).count(),
            "tasks_given_up": len(
                tasks_given_up(since=orders.earliest("created_at").created_at)
            )
            if orders.exists()
            else 0,
            "tasks_waiting": DBTaskResult.objects.filter(
                status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
            ).count(),
        }
    )
)
