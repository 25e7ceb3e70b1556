"""Click-and-collect benchmarks on PostgreSQL: checkout under load, webhook handling.

    make bench-orders   (a private PostgreSQL cluster through .ci/with-postgres)

Builds its own data in that throw-away database, serves the site with gunicorn, and
fakes Stripe with a local HTTP server that answers at once, so the figures are the
site's own cost. Reports:
- checkout: orders per second and p95 latency of the order POST with 20 concurrent
  clients, each one adding two products from two shops, opening the checkout page
  and placing the order (pay at pickup, all buying from the same few products so
  their rows are contended);
- webhook: p95 of handling a signed checkout.session.completed over HTTP (event
  recorded, order marked paid, reservations consumed, transfers sent to the fake).
"""

import json
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site"), str(ROOT / "bench")]

CLIENTS = 20
ORDERS_PER_CLIENT = 15
WEBHOOK_EVENTS = 200
SITE_PORT = int(os.environ.get("BENCH_SITE_PORT", "8731"))
STRIPE_PORT = int(os.environ.get("BENCH_STRIPE_PORT", "8732"))
WEBHOOK_SECRET = "whsec_bench"  # noqa: S105 (signs local test events only)

os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        # No search engine: index updates wait in the outbox, as when it is down.
        "ELASTICSEARCH_URL": "http://127.0.0.1:9",
        "STRIPE_SECRET_KEY": "sk_test_bench",
        "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET,
        "STRIPE_API_BASE": f"http://127.0.0.1:{STRIPE_PORT}",
        "DJANGO_LOG_LEVEL": "ERROR",
    }
)


class FakeStripe(BaseHTTPRequestHandler):
    counter = 0

    def _answer(self):
        FakeStripe.counter += 1
        body = json.dumps(
            {
                "id": f"obj_{FakeStripe.counter}",
                "object": "transfer",
                "latest_charge": "ch_bench",
                "url": "https://checkout.stripe.test/pay",
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self._answer()

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self._answer()

    def log_message(self, *args):
        pass


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _database_create() -> None:
    """The cluster of .ci/with-postgres is empty: create the database it names."""
    import environ
    import psycopg

    config = environ.Env.db_url_config(os.environ["DATABASE_URL"])
    options = {
        "host": config["HOST"] or config.get("OPTIONS", {}).get("host"),
        "port": config["PORT"] or config.get("OPTIONS", {}).get("port"),
        "user": config["USER"] or "postgres",
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **options) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')


def _setup() -> dict:
    import django

    _database_create()

    django.setup()
    from django.core.management import call_command

    from cms.models import CommunePage
    from shops.choices import CollectPayment
    from shops.models import Category, Product, ShopPage

    call_command("migrate", verbosity=0)
    call_command("load_communes", stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("load_categories", stdout=open(os.devnull, "w"))  # noqa: SIM115
    parent = CommunePage.objects.get(commune__insee_code="59350")
    bakery = Category.objects.get(osm_key="shop", osm_value="bakery")
    shops = []
    for number in range(6):
        online = number >= 4
        shop = ShopPage(
            title=f"Banc d'essai {number}",
            slug=f"banc-essai-{number}",
            category=bakery,
            street_address="1 rue du Banc",
            postal_code="59000",
            latitude=50.6366,
            longitude=3.0635,
            opening_hours="Mo-Su 00:00-24:00",
            offers_click_and_collect=True,
            pickup_lead_minutes=0,
            collect_payment=CollectPayment.ONLINE if online else "pickup",
            stripe_account_id=f"acct_bench_{number}" if online else "",
            stripe_charges_enabled=online,
        )
        for position in range(3):
            shop.products.add(
                Product(
                    sort_order=position,
                    name=f"Produit {position}",
                    price_cents=250 + 100 * position,
                    stock=1_000_000,
                )
            )
        parent.add_child(instance=shop)
        shops.append(shop)
    return {"pickup": shops[:4], "online": shops[4:]}


def _checkout_client(number: int, shops, latencies: list, failures: list) -> None:
    import requests

    base = f"http://127.0.0.1:{SITE_PORT}"
    session = requests.Session()
    first, second = shops[number % 4], shops[(number + 1) % 4]
    products = [first.products.first().pk, second.products.last().pk]
    for _ in range(ORDERS_PER_CLIENT):
        for product in products:
            session.post(
                f"{base}/basket/add/", data={"product": product, "quantity": 1}
            )
        page = session.get(f"{base}/basket/checkout/", timeout=30).text
        data = {
            "csrfmiddlewaretoken": re.search(
                r'name="csrfmiddlewaretoken" value="([^"]+)"', page
            ).group(1),
            "checkout_token": re.search(
                r'name="checkout_token" value="([^"]+)"', page
            ).group(1),
            "name": f"Client {number}",
            "email": f"client{number}@example.org",
            "accept_terms": "on",
        }
        for field, value in re.findall(
            r'<select name="(pickup_\d+)".*?<option value="(\d{4}-[^"]+)"', page, re.S
        ):
            data[field] = value
        started = time.perf_counter()
        response = session.post(
            f"{base}/basket/checkout/",
            data=data,
            headers={"Referer": f"{base}/basket/checkout/"},
            allow_redirects=False,
            timeout=30,
        )
        latencies.append((time.perf_counter() - started) * 1000)
        if response.status_code != 302:
            failures.append(response.status_code)


def _wait_for(url: str) -> None:
    import requests

    for _ in range(100):
        try:
            requests.get(url, timeout=5)
            return
        except requests.RequestException:
            time.sleep(0.2)
    sys.exit(f"{url} did not answer")


def main() -> None:
    if "postgres" not in os.environ.get("DATABASE_URL", ""):
        sys.exit("Run through `make bench-orders` (it starts PostgreSQL).")
    shops = _setup()
    stripe_server = ThreadingHTTPServer(("127.0.0.1", STRIPE_PORT), FakeStripe)
    threading.Thread(target=stripe_server.serve_forever, daemon=True).start()
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "--pythonpath",
            "site,bench",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{SITE_PORT}",
            "--workers",
            "4",
            "--threads",
            "4",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=os.environ,
    )
    try:
        _wait_for(f"http://127.0.0.1:{SITE_PORT}/basket/")
        _bench_checkout(shops["pickup"])
        _bench_webhook(shops["online"])
    finally:
        server.terminate()
        server.wait()
        stripe_server.shutdown()


def _bench_checkout(shops) -> None:
    from orders.models import Order

    latencies: list[float] = []
    failures: list[int] = []
    threads = [
        threading.Thread(target=_checkout_client, args=(n, shops, latencies, failures))
        for n in range(CLIENTS)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    orders = Order.objects.count()
    print(
        f"checkout, {CLIENTS} concurrent clients: {orders} orders in {elapsed:.1f} s "
        f"= {orders / elapsed:.1f} orders/s (whole flow: add x2, checkout page, order)"
    )
    print(
        f"checkout, order POST: p50 {statistics.median(latencies):.0f} ms, "
        f"p95 {_percentile(latencies, 0.95):.0f} ms, failures: {len(failures)}"
    )


def _online_orders(shops, count: int, prefix: str) -> list:
    from orders.models import Basket, BasketLine
    from orders.services import Customer, order_place
    from orders.slots import pickup_slots

    orders = []
    for number in range(count):
        basket = Basket.objects.create()
        for shop in shops:
            BasketLine.objects.create(
                basket=basket, product=shop.products.first(), quantity=1
            )
        orders.append(
            order_place(
                basket=basket,
                customer=Customer(name="Bench", email="bench@example.org"),
                pickups={shop.pk: pickup_slots(shop)[0].starts_at for shop in shops},
                checkout_token=f"{prefix}-{number}",
            )
        )
    return orders


def _signed_completion(order, number: int, prefix: str) -> tuple[str, str]:
    import stripe

    payload = json.dumps(
        {
            "id": f"evt_{prefix}_{number}",
            "object": "event",
            "type": "checkout.session.completed",
            "data": {
                "object": {
                    "id": f"cs_{prefix}_{number}",
                    "object": "checkout.session",
                    "client_reference_id": order.reference,
                    "payment_status": "paid",
                    "payment_intent": f"pi_{prefix}_{number}",
                }
            },
        }
    )
    return payload, stripe.WebhookSignature.generate_signature_header(
        payload, WEBHOOK_SECRET
    )


def _bench_webhook(shops) -> None:
    from django.test import Client, override_settings

    import requests

    from orders.models import Order

    # 1. The handler itself: signature, event record, order paid, reservations
    # consumed, follow-up work queued (tasks go to a queue, as with a worker).
    latencies = []
    browser = Client(HTTP_HOST="127.0.0.1")
    queued = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with override_settings(TASKS=queued):
        for number, order in enumerate(_online_orders(shops, WEBHOOK_EVENTS, "q")):
            payload, header = _signed_completion(order, number, "q")
            started = time.perf_counter()
            response = browser.post(
                "/stripe/webhook/",
                data=payload,
                content_type="application/json",
                headers={"Stripe-Signature": header},
            )
            latencies.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, response.status_code
    print(
        f"webhook checkout.session.completed, handler (2 shops, tasks queued): "
        f"p50 {statistics.median(latencies):.0f} ms, "
        f"p95 {_percentile(latencies, 0.95):.0f} ms ({WEBHOOK_EVENTS} events)"
    )

    # 2. Over HTTP with the follow-up work run in the request (immediate tasks):
    # a transfer per shop to the local fake Stripe and the emails.
    orders = _online_orders(shops, WEBHOOK_EVENTS, "h")
    latencies = []
    for number, order in enumerate(orders):
        payload, header = _signed_completion(order, number, "h")
        started = time.perf_counter()
        response = requests.post(
            f"http://127.0.0.1:{SITE_PORT}/stripe/webhook/",
            data=payload,
            headers={"Stripe-Signature": header, "Content-Type": "application/json"},
            timeout=30,
        )
        latencies.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    paid = Order.objects.filter(paid_at__isnull=False).count()
    print(
        f"webhook over HTTP, transfers (local fake Stripe) and emails in the request: "
        f"p50 {statistics.median(latencies):.0f} ms, "
        f"p95 {_percentile(latencies, 0.95):.0f} ms; {paid} orders paid in all"
    )


if __name__ == "__main__":
    main()
