"""Shop page benchmark: a shop with 12 products and 6 photos, against a simple page.

    make bench

Runs in a throw-away test database (nothing touches the demo data). Reports the
queries per request and the uncached render time (p50/p95, cache disabled) of the
shop page and of a point-of-interest page (a plain Wagtail page with a photo and
hours), then the requests per second once each is in the page cache, and ratios.
"""

import os
import statistics
import sys
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"

REQUESTS = 200


def _image(title: str):
    from django.core.files.images import ImageFile

    from wagtail.images.models import Image

    from PIL import Image as PillowImage

    buffer = BytesIO()
    PillowImage.new("RGB", (1600, 1000), (200, 120, 80)).save(buffer, "JPEG")
    image = Image(title=title)
    image.file = ImageFile(BytesIO(buffer.getvalue()), name=f"{title}.jpg")
    image.save()
    return image


def _cached_rate(client, url: str, seconds: float = 3.0) -> float:
    """Requests per second an anonymous visitor gets once the page is cached."""
    client.get(url)
    done, started = 0, time.perf_counter()
    while time.perf_counter() - started < seconds:
        assert client.get(url).status_code == 200
        done += 1
    return done / (time.perf_counter() - started)


def _timings(client, url: str) -> tuple[list[float], int]:
    from django.db import connection, reset_queries
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # renditions are made once, then read
    reset_queries()  # Django empties the log when a request starts; do the same
    with CaptureQueriesContext(connection):
        client.get(url)
        count = len(connection.queries_log)
    samples = []
    for _ in range(REQUESTS):
        started = time.perf_counter()
        response = client.get(url)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return samples, count


def main() -> None:
    import django

    django.setup()
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import setup_test_environment

    from cms.services import communes_load
    from shops.listing.categories import categories_load
    from shops.models import Product, ShopPhoto
    from tests.factories.pages import PlaceFactory, ShopPageFactory

    setup_test_environment()
    connection.creation.create_test_db(verbosity=0)
    communes_load()
    categories_load()
    shop = ShopPageFactory(image=_image("vitrine"))
    for number in range(12):
        Product.objects.create(
            shop=shop,
            name=f"Produit {number}",
            price_cents=150 + number,
            sort_order=number,
        )
    for number in range(6):
        ShopPhoto.objects.create(
            shop=shop,
            image=_image(f"photo-{number}"),
            alt_text=f"Photo {number}",
            sort_order=number,
        )
    place = PlaceFactory(image=_image("lieu"), opening_hours="We-Su 10:00-18:00")
    client = Client()
    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    ):
        shop_ms, shop_queries = _timings(client, shop.url)
        place_ms, place_queries = _timings(client, place.url)
    shop_rate, place_rate = (
        _cached_rate(client, shop.url),
        _cached_rate(client, place.url),
    )

    def p95(samples):
        return sorted(samples)[int(0.95 * len(samples))]

    print(
        f"shop page (12 products, 6 photos): {shop_queries} queries, "
        f"p50 {statistics.median(shop_ms):.1f} ms, p95 {p95(shop_ms):.1f} ms"
    )
    print(
        f"place page (plain Wagtail page):   {place_queries} queries, "
        f"p50 {statistics.median(place_ms):.1f} ms, p95 {p95(place_ms):.1f} ms"
    )
    p50_ratio = statistics.median(shop_ms) / statistics.median(place_ms)
    p95_ratio = p95(shop_ms) / p95(place_ms)
    print(f"uncached ratio shop/place: p50 {p50_ratio:.2f}, p95 {p95_ratio:.2f}")
    print(
        f"cached, in-process client: shop {shop_rate:.0f} req/s, "
        f"place {place_rate:.0f} req/s, ratio {shop_rate / place_rate:.2f}"
    )


if __name__ == "__main__":
    main()
