"""Insights benchmark: beacon cost, buffer flush, a year's roll-up, the dashboard.

    make bench-insights   (or: .venv/bin/python bench/insights.py --shops 200)

Runs in a throw-away test database with the local-memory cache (production uses
Redis, whose round trips add about 0.1-0.3 ms per beacon on a local network).
Reports:
- the beacon: one counted hit through the whole Django stack (the only cost a page
  view adds on the server, since the page itself may come from the page cache),
  and the counting call alone;
- the flush of 50,000 buffered events into raw rows;
- the roll-up of one year of raw events for N shops (views, search impressions
  with words, clicks) and 300 searched words a day;
- the merchant dashboard (90 days, chart per measure) rendered with that data.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"

BROWSER = {
    "HTTP_USER_AGENT": (
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"
    ),
    "HTTP_ACCEPT_LANGUAGE": "fr-FR,fr;q=0.9",
}
WORDS = [f"mot{n} recherche" for n in range(300)]


def _p(samples: list[float], q: float) -> float:
    return sorted(samples)[int(q * (len(samples) - 1))]


def _line(label: str, samples: list[float]) -> str:
    return (
        f"{label}: p50 {statistics.median(samples):.3f} ms, "
        f"p95 {_p(samples, 0.95):.3f} ms"
    )


def _timed(function, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _year_of_events(shop_ids: list[int], days: int, today) -> int:
    from insights.models import Measure, PageEvent, SearchEvent

    rng = random.Random(16)  # noqa: S311 (repeatable figures, not secrets)
    batch, written = [], 0
    for offset in range(days):
        day = today - timedelta(days=offset)
        for page_id in shop_ids:
            batch.append(
                PageEvent(
                    day=day,
                    page_id=page_id,
                    measure=Measure.VIEW,
                    count=rng.randint(1, 40),
                )
            )
            batch.append(
                PageEvent(
                    day=day,
                    page_id=page_id,
                    measure=Measure.IMPRESSION,
                    words=rng.choice(WORDS),
                    count=rng.randint(1, 20),
                    position_sum=rng.randint(1, 200),
                )
            )
            if rng.random() < 0.2:
                batch.append(
                    PageEvent(day=day, page_id=page_id, measure=Measure.PHONE, count=1)
                )
        batch += [
            SearchEvent(
                day=day,
                words=words,
                commune_code="59512",
                result_count=rng.randint(0, 5),
                count=rng.randint(1, 9),
            )
            for words in WORDS
        ]
        if len(batch) > 20_000:
            PageEvent.objects.bulk_create(
                [e for e in batch if isinstance(e, PageEvent)], batch_size=5000
            )
            SearchEvent.objects.bulk_create(
                [e for e in batch if isinstance(e, SearchEvent)], batch_size=5000
            )
            written += len(batch)
            batch = []
    PageEvent.objects.bulk_create(
        [e for e in batch if isinstance(e, PageEvent)], batch_size=5000
    )
    SearchEvent.objects.bulk_create(
        [e for e in batch if isinstance(e, SearchEvent)], batch_size=5000
    )
    return written + len(batch)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--shops", type=int, default=2000)
    parser.add_argument("--days", type=int, default=365)
    arguments = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.utils import timezone

    from cms.services import communes_load
    from insights.recording import page_hit_record
    from insights.services import day_rollup, events_flush
    from shops.listing.categories import categories_load
    from tests.factories.people import merchant_with_shop

    setup_test_environment()
    # As in production, the buffer holds every event until the flush (the test
    # settings' local-memory cache would drop all but 300).
    settings.CACHES["insights"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "insights-bench",
        "OPTIONS": {"MAX_ENTRIES": 1_000_000},
    }
    connection.creation.create_test_db(verbosity=0)
    communes_load()
    categories_load()
    merchant, shop = merchant_with_shop()
    client = Client()
    beacon = f"/insights/hit/view/{shop.pk}/"

    hit = _timed(lambda: client.get(beacon, **BROWSER), 2000)
    request = client.get(beacon, **BROWSER).wsgi_request
    call = _timed(
        lambda: page_hit_record(request, measure="view", page_id=shop.pk), 2000
    )
    for _ in range(50_000 - 4001):
        page_hit_record(request, measure="view", page_id=shop.pk)
    started = time.perf_counter()
    flushed = events_flush()
    flush_s = time.perf_counter() - started

    today = timezone.localdate()
    shop_ids = [shop.pk] + list(range(100_000, 100_000 + arguments.shops - 1))
    started = time.perf_counter()
    events = _year_of_events(shop_ids, arguments.days, today)
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    rows = sum(
        day_rollup(day=today - timedelta(days=offset))
        for offset in range(arguments.days)
    )
    rollup_s = time.perf_counter() - started

    client.force_login(merchant)
    url = "/admin/insights/?days=90"
    assert client.get(url).status_code == 200
    dashboard = _timed(lambda: client.get(url), 30)
    export = _timed(lambda: client.get("/admin/insights/export.csv?days=90"), 30)

    print(_line("beacon request, whole Django stack (locmem cache)", hit))
    print(_line("counting call alone (bot check + 2 cache operations)", call))
    print(
        f"flush: {flushed.events} buffered events -> {flushed.rows} raw rows "
        f"in {flush_s:.2f} s"
    )
    print(
        f"one year for {arguments.shops} shops: {events} raw event rows "
        f"(written in {load_s:.0f} s), rolled up into {rows} daily rows in "
        f"{rollup_s:.1f} s ({rollup_s / arguments.days * 1000:.0f} ms per day)"
    )
    print(_line("merchant dashboard, 90 days, 7 charts + tables", dashboard))
    print(_line("merchant CSV export, 90 days", export))


if __name__ == "__main__":
    main()
