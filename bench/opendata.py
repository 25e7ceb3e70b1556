"""Open-data benchmarks: the GeoJSON export of 10,000 shops, and the API under load.

    make bench-opendata            (SHOPS=10000 CLIENTS=20 REQUESTS=50 by default)

Builds a throw-away SQLite database in a temporary folder (nothing touches the demo
data): the 95 communes, the categories, then SHOPS published shops inserted in bulk
under their commune pages. Then:

1. writes shops.geojson and shops.csv as the site does (``export_write``), timing
   each and measuring the peak of Python memory (tracemalloc) and the growth of the
   process's resident memory, to show memory stays flat however many shops;
2. starts gunicorn (2 workers x 4 threads, the two cores of this machine) on a free
   loopback port and sends CLIENTS concurrent clients, REQUESTS requests each, to
   ``/api/v1/shops/`` (pages of 50, following cursors, some filtered by commune), and
   reports p50 / p95 / p99 latency and throughput, once with the API's response
   cache and once without it (``CACHE_URL=dummycache://``: every answer serialised).
"""

import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
WORKDIR = Path(tempfile.mkdtemp(prefix="vitrine-bench-opendata-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{WORKDIR / 'bench.sqlite3'}"
os.environ["OPENDATA_ROOT"] = str(WORKDIR / "files")
os.environ["API_ANONYMOUS_RATE"] = "10000000/m"

SHOPS = int(os.environ.get("SHOPS", "10000"))
CLIENTS = int(os.environ.get("CLIENTS", "20"))
REQUESTS = int(os.environ.get("REQUESTS", "50"))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _seed(count: int) -> None:
    """SHOPS published shops, inserted in bulk (the page tree's paths computed here)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.utils import timezone

    from wagtail.models import Locale, Page

    from cms.models import CommunePage
    from shops.models import Category, ShopPage

    parents = list(CommunePage.objects.select_related("commune").order_by("pk"))
    categories = list(Category.objects.order_by("pk"))
    content_type = ContentType.objects.get_for_model(ShopPage)
    locale = Locale.get_default()
    now = timezone.now()
    children = {parent.pk: parent.numchild for parent in parents}
    shops = []
    for number in range(count):
        parent = parents[number % len(parents)]
        children[parent.pk] += 1
        slug = f"commerce-{number}"
        commune = parent.commune
        shops.append(
            ShopPage(
                path=ShopPage._get_path(
                    parent.path, parent.depth + 1, children[parent.pk]
                ),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                content_type=content_type,
                locale=locale,
                translation_key=uuid.uuid4(),
                title=f"Commerce {number}",
                draft_title=f"Commerce {number}",
                slug=slug,
                live=True,
                first_published_at=now,
                last_published_at=now,
                commune=commune,
                category=categories[number % len(categories)],
                street_address=f"{number % 200 + 1} rue de la Bench",
                postal_code=(commune.postal_codes or [""])[0],
                latitude=commune.latitude + (number % 7) * 0.0003,
                longitude=commune.longitude + (number % 5) * 0.0003,
                opening_hours="Tu-Sa 09:00-12:30,14:00-19:00; PH off",
                phone="03 20 00 00 00",
                website="https://commerce.example.org",
                pitch="Un commerce de quartier pour le banc d'essai.",
                hours_confirmed_at=now,
            )
        )
    with transaction.atomic():
        # Wagtail pages are two tables (page, shop page): insert both in bulk.
        for start in range(0, len(shops), 500):
            batch = shops[start : start + 500]
            Page.objects.bulk_create(batch, batch_size=500)
            for shop in batch:
                shop.page_ptr_id = shop.id
            ShopPage._base_manager._insert(
                batch, fields=ShopPage._meta.local_concrete_fields, using="default"
            )
        for parent in parents:
            Page.objects.filter(pk=parent.pk).update(numchild=children[parent.pk])


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _export_figures() -> None:
    from opendata.datasets import DATASETS
    from opendata.files import export_write

    dataset = DATASETS["shops"]
    for fmt in ("geojson", "csv"):
        path = WORKDIR / f"shops.{fmt}"
        started = time.perf_counter()
        count = export_write(dataset=dataset, fmt=fmt, path=path)
        elapsed = time.perf_counter() - started
        # A second run under tracemalloc (which slows Python down) for the peak.
        rss_before = _rss_mb()
        tracemalloc.start()
        export_write(dataset=dataset, fmt=fmt, path=path)
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"export {fmt}: {count} shops in {elapsed:.2f} s "
            f"({count / elapsed:,.0f} shops/s), file "
            f"{path.stat().st_size / 1e6:.1f} MB, peak Python memory "
            f"{peak / 1e6:.1f} MB (tracemalloc), max RSS {rss_before:.0f} -> "
            f"{_rss_mb():.0f} MB"
        )


def _api_load(base: str) -> None:
    import json

    urls = [f"{base}/api/v1/shops/?page_size=50"]
    first = json.load(urllib.request.urlopen(urls[0], timeout=30))  # noqa: S310
    if first["next"]:
        urls.append(first["next"])
    urls += [
        f"{base}/api/v1/shops/?commune=59350",
        f"{base}/api/v1/shops/?category=shop-bakery&page_size=20",
        f"{base}/api/v1/shops/?bbox=3.0,50.6,3.1,50.7",
    ]
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def client(number: int) -> None:
        mine = []
        for index in range(REQUESTS):
            url = urls[(number + index) % len(urls)]
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
                    response.read()
                    status = response.status
            except Exception as error:
                with lock:
                    errors.append(str(error))
                continue
            mine.append((time.perf_counter() - started) * 1000)
            if status != 200:
                errors.append(str(status))
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)

    def pct(fraction):
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]

    print(
        f"API /api/v1/shops/ with {CLIENTS} concurrent clients, {len(ordered)} "
        f"requests: p50 {statistics.median(ordered):.0f} ms, p95 {pct(0.95):.0f} ms, "
        f"p99 {pct(0.99):.0f} ms, {len(ordered) / elapsed:.0f} req/s, "
        f"errors {len(errors)}"
    )


def main() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from cms.services import communes_load
    from shops.listing.categories import categories_load

    print(f"Throw-away database in {WORKDIR}")
    call_command("migrate", verbosity=0)
    communes_load()
    categories_load()
    started = time.perf_counter()
    _seed(SHOPS)
    print(f"seeded {SHOPS} shops in {time.perf_counter() - started:.1f} s")
    _export_figures()

    # With the response cache (as in production), then without it (every
    # request serialised): the cache is per gunicorn worker here, shared (Redis)
    # in production.
    for label, cache_url in (
        ("response cache on", "locmemcache://"),
        ("response cache off", "dummycache://"),
    ):
        print(f"-- {label}")
        _serve_and_load({**os.environ, "CACHE_URL": cache_url})


def _serve_and_load(env: dict) -> None:
    port = _free_port()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv" / "bin" / "gunicorn"),
            "--pythonpath",
            "site",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "4",
            "--log-level",
            "warning",
            "config.wsgi",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/api/v1/categories/", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        _api_load(base)
    finally:
        server.terminate()
        server.wait(timeout=20)


if __name__ == "__main__":
    main()
