"""Foundation benchmarks: index build, and search latency split into engine and site.

    make bench        (uses the demo database of `make run`; starts its own engine)

The embedded engine scans every document per query (see ../shared/PLATFORM.md), so the
figures separate what the engine takes from what the site adds on top of it.
"""

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

QUERIES = [
    "boulangerie",
    "fleuriste",
    "boulangeri",
    "cordonnier",
    "bakery",
    "fromagerie lille",
    "coiffeur roubaix",
    "epicerie fine",
    "pain",
    "vélo",
]
ROUNDS = 10


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from search.embedded_engine import embedded_engine, free_port
    from search.engine import client
    from search.indexing import shops_rebuild
    from search.queries import shop_search
    from shops.models import ShopPage

    shops = ShopPage.objects.live().count()
    if shops == 0:
        sys.exit("No shops in the database: run `make run` once first.")
    with embedded_engine(
        port=free_port(), data_dir=ROOT / ".data" / "bench-search"
    ) as url:
        settings.ELASTICSEARCH_URL = url
        started = time.perf_counter()
        indexed = shops_rebuild()
        rebuild_s = time.perf_counter() - started

        engine_ms, site_ms = [], []
        browser = Client(HTTP_HOST="localhost")
        for _ in range(ROUNDS):
            for text in QUERIES:
                started = time.perf_counter()
                shop_search(text=text).using(client()).execute()
                engine_ms.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                response = browser.get("/search/", {"q": text})
                site_ms.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200

    engine_p50, site_p50 = statistics.median(engine_ms), statistics.median(site_ms)
    engine_p95, site_p95 = _percentile(engine_ms, 0.95), _percentile(site_ms, 0.95)
    print(f"live shops: {shops}, indexed: {indexed}, rebuild: {rebuild_s:.2f} s")
    print(f"search, engine only: p50 {engine_p50:.1f} ms, p95 {engine_p95:.1f} ms")
    print(f"search, whole page:  p50 {site_p50:.1f} ms, p95 {site_p95:.1f} ms")
    print(
        f"site's own share of a search page (p50): {site_p50 - engine_p50:.1f} ms, "
        f"page/engine ratio {site_p50 / engine_p50:.2f}"
    )


if __name__ == "__main__":
    main()
