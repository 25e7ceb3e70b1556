"""The smoke test's load: residents searching and browsing, API clients, residents
ordering (paid at pickup) and merchants accepting or refusing the orders.

Run by ``bench/prod_smoke.py`` (headless, loopback only). Reads the shops prepared
by ``prod/smoke_setup.py`` from ``SMOKE_DATA``; writes every request (time, group,
status, latency) and every checkout attempt to ``SMOKE_OUT``.
"""

# ruff: noqa: S311 (random picks of a load test, not secrets)
import json
import os
import random
import re
import time
import uuid
from pathlib import Path

from locust import HttpUser, between, events, task

DATA = json.loads(Path(os.environ["SMOKE_DATA"]).read_text())
OUT = Path(os.environ["SMOKE_OUT"])
REQUESTS: list[tuple] = []
CHECKOUTS: list[dict] = []
DECISIONS: list[dict] = []
TO_DECIDE: dict[int, int] = {}  # shop pk -> orders placed there, not yet decided
DECIDED: set[str] = set()  # each shop order is decided once: one status email

QUERIES = [
    "boulangerie",
    "boulanjerie",  # a typo
    "fromage",
    "fromagrie",
    "librairie lille",
    "fleuriste roubaix",
    "pain",
    "café",
    "boucherie près de Tourcoing",
    "ouvert dimanche",
]
NEAR = [(50.6292, 3.0573), (50.6942, 3.1746), (50.7239, 3.1612)]
SLOT = re.compile(r'name="pickup_(\d+)"[^>]*>.*?<option value="(\d{4}-[^"]+)"', re.S)
TOKEN = re.compile(r'name="checkout_token"[^>]*value="([^"]+)"')
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ORDER_LINK = re.compile(r"/admin/orders/(\d+)/")


@events.request.add_listener
def _record(request_type, name, response_time, response, exception, **kwargs):
    status = getattr(response, "status_code", 0) if response is not None else 0
    REQUESTS.append((time.time(), name, status, response_time, bool(exception)))


@events.quitting.add_listener
def _dump(environment, **kwargs):
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "requests.json").write_text(json.dumps(REQUESTS))
    (OUT / "checkouts.json").write_text(json.dumps(CHECKOUTS))
    (OUT / "decisions.json").write_text(json.dumps(DECISIONS))


def _csrf(user: HttpUser, path: str, name: str) -> str:
    page = user.client.get(path, name=name)
    found = CSRF.search(page.text or "")
    return found.group(1) if found else user.client.cookies.get("csrftoken", "")


class Resident(HttpUser):
    """Searches (typos, open now, near a place) and reads shop, commune, place pages."""

    weight = 6
    wait_time = between(0.5, 2)

    @task(4)
    def search(self):
        params = {"q": random.choice(QUERIES)}
        if random.random() < 0.3:
            params["open_now"] = "1"
        if random.random() < 0.3:
            params["lat"], params["lon"] = random.choice(NEAR)
        self.client.get("/search/", params=params, name="search")

    @task(1)
    def suggest(self):
        self.client.get(
            "/api/v1/search/suggest",
            params={"q": random.choice(QUERIES)[:4]},
            name="search",
        )

    @task(3)
    def shop_page(self):
        self.client.get(random.choice(DATA["shop_pages"]), name="shop page")

    @task(1)
    def commune_page(self):
        if DATA["communes"]:
            self.client.get(random.choice(DATA["communes"]), name="commune page")

    @task(1)
    def place_page(self):
        if DATA["places"]:
            self.client.get(random.choice(DATA["places"]), name="place page")


class ApiClient(HttpUser):
    weight = 2
    wait_time = between(0.5, 2)

    @task
    def browse(self):
        path = random.choice(
            ["shops/", "products/", "places/", "communes/", "categories/"]
        )
        self.client.get(f"/api/v1/{path}", name="api")

    @task
    def search(self):
        self.client.get(
            "/api/v1/search", params={"q": random.choice(QUERIES)}, name="api"
        )


class Customer(HttpUser):
    """Basket → checkout, paid at pickup; every attempt is recorded by its email."""

    weight = 2
    wait_time = between(1, 3)

    @task
    def order(self):
        shop = random.choice(DATA["shops"])
        self.client.cookies.clear()
        self.client.get(shop["url"], name="shop page")
        units = {}
        for product in random.sample(shop["products"], k=min(2, len(shop["products"]))):
            quantity = random.randint(1, 2)
            added = self.client.post(
                "/basket/add/",
                {"product": product, "quantity": quantity, "shop": shop["pk"]},
                name="basket",
            )
            if added.status_code < 400:
                units[str(product)] = quantity
        if not units:
            return
        page = self.client.get("/basket/checkout/", name="checkout")
        slot, checkout_token = (
            SLOT.search(page.text or ""),
            TOKEN.search(page.text or ""),
        )
        if not slot or not checkout_token:
            return  # out of stock or no slot: the basket page says so
        email = f"smoke-{uuid.uuid4().hex[:12]}@example.org"
        attempt = {"email": email, "shop": shop["pk"], "units": units, "outcome": "?"}
        CHECKOUTS.append(attempt)
        with self.client.post(
            "/basket/checkout/",
            {
                "csrfmiddlewaretoken": CSRF.search(page.text).group(1),
                "checkout_token": checkout_token.group(1),
                "name": "Client Smoke",
                "email": email,
                "phone": "",
                "accept_terms": "on",
                f"pickup_{slot.group(1)}": slot.group(2),
            },
            name="checkout",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            location = response.headers.get("Location", "")
            if response.status_code == 302 and "/basket/order/" in location:
                attempt["outcome"] = "placed"
                TO_DECIDE[shop["pk"]] = TO_DECIDE.get(shop["pk"], 0) + 1
                response.success()
            elif (
                response.status_code in (0, 502, 503, 504)
                or response.status_code >= 500
            ):
                attempt["outcome"] = "unknown"  # the server may have committed it
            else:
                attempt["outcome"] = "refused"  # e.g. stock gone meanwhile: 400
                response.success()


class Merchant(HttpUser):
    """Opens the orders of a shop that has new ones; accepts most, refuses some."""

    weight = 1
    wait_time = between(2, 4)

    @task
    def decide(self):
        waiting = [pk for pk, count in TO_DECIDE.items() if count > 0]
        if not waiting:
            return
        shop_pk = random.choice(waiting)
        TO_DECIDE[shop_pk] = 0
        shop = next(s for s in DATA["shops"] if s["pk"] == shop_pk)
        self.client.cookies.clear()
        token = _csrf(self, "/admin/login/", "merchant")
        self.client.post(
            "/admin/login/",
            {
                "username": shop["merchant"],
                "password": shop["password"],
                "csrfmiddlewaretoken": token,
            },
            name="merchant",
        )
        listing = self.client.get("/admin/orders/?status=placed", name="merchant")
        for shop_order in sorted(set(ORDER_LINK.findall(listing.text or ""))):
            if shop_order in DECIDED:
                continue
            DECIDED.add(shop_order)
            token = self.client.cookies.get("csrftoken", "")
            refuse = random.random() < 0.25
            data = {
                "action": "refuse" if refuse else "accept",
                "csrfmiddlewaretoken": token,
            }
            if refuse:
                data |= {"reason": "Rupture (smoke test)", "refused_stock": "restock"}
            response = self.client.post(
                f"/admin/orders/{shop_order}/", data, name="merchant"
            )
            DECISIONS.append(
                {
                    "shop_order": int(shop_order),
                    "action": data["action"],
                    "status": response.status_code,
                }
            )
