"""Run inside ``manage.py shell`` by the smoke test: shops that take orders.

Prints one JSON object: the shops taking click-and-collect orders (paid at pickup)
with their products, stock and merchant login, and pages to browse. Idempotent.
"""

import json

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.models import CommunePage, PointOfInterestPage
from search.models import PendingIndexUpdate
from search.tasks import pending_updates_drain
from shops.access.permissions import shop_group_ensure
from shops.choices import CollectPayment
from shops.models import Product, ShopPage

SHOPS = 20
STOCK = 40
PASSWORD = "smoke-merchant-password"  # noqa: S105 (a throw-away local stack)

User = get_user_model()
shops = []
candidates = ShopPage.objects.live().filter(products__isnull=False).distinct()
for shop in candidates.order_by("pk")[:SHOPS]:
    ShopPage.objects.filter(pk=shop.pk).update(
        offers_click_and_collect=True,
        collect_payment=CollectPayment.AT_PICKUP,
        pickup_orders_per_slot=0,
    )
    products = list(shop.products.filter(active=True).order_by("pk")[:3])
    Product.objects.filter(pk__in=[p.pk for p in products]).update(stock=STOCK)
    username = f"smoke-merchant-{shop.pk}"
    user, _ = User.objects.get_or_create(
        username=username, defaults={"email": f"{username}@vitrine.localhost"}
    )
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(shop_group_ensure(shop))
    ShopPage.objects.filter(pk=shop.pk).update(owner=user)
    # The changes above bypass publishing: ring the index's doorbell as page
    # events do (the outbox row, then a drain task).
    PendingIndexUpdate.objects.update_or_create(
        page_id=shop.pk, defaults={"queued_at": timezone.now()}
    )
    shops.append(
        {
            "pk": shop.pk,
            "url": shop.url,
            "products": [p.pk for p in products],
            "merchant": username,
            "password": PASSWORD,
        }
    )
pending_updates_drain.enqueue()
print(
    json.dumps(
        {
            "shops": shops,
            "shop_pages": [s.url for s in ShopPage.objects.live().order_by("?")[:60]],
            "communes": [c.url for c in CommunePage.objects.live()[:30]],
            "places": [p.url for p in PointOfInterestPage.objects.live()[:30]],
        }
    )
)
