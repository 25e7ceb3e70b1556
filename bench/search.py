"""Search benchmarks on the embedded engine with 2,000 demo shops.

    make bench-search       (or: .venv/bin/python bench/search.py)

Builds its own SQLite database in .data/bench-search.sqlite3 (2,000 demo shops,
kept between runs) and starts its own engine. Reports, from one run:
- rebuild: documents built per second (Python only) and indexed per second;
- API (/api/v1/search), the HTML search page (/search/) and suggest
  (/api/v1/search/suggest): latency p50/p95, the time spent waiting for the
  engine, the application's own share of each request (total minus that wait;
  also in CPU time, which a busy machine does not inflate), and the engine round
  trips per request; every request misses the result cache;
- the same text queries through Wagtail's database search backend, as a ratio;
- a hanging engine: the search page's answer time before and after the circuit
  breaker opens.
Figures go to stdout and to .data/bench-search.json.
"""

import contextlib
import json
import os
import socket
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
DATA = ROOT / ".data"
DATA.mkdir(exist_ok=True)
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
# Timed as production runs: without DEBUG's SQL log and template reloading
# (DJANGO_DEBUG=true times the development server's extra work as well).
os.environ.setdefault("DJANGO_DEBUG", "false")
os.environ["DATABASE_URL"] = f"sqlite:///{DATA / 'bench-search.sqlite3'}"

SHOPS = 2000
PRODUCTION_TIMEOUT_SECONDS = 1.0
ROUNDS = 5
TEXT_QUERIES = [
    "boulangerie",
    "boulangeri",
    "fromagerie",
    "fleuriste",
    "cordonnier",
    "bakery",
    "bakkerij",
    "huitres",
    "epicerie fine",
    "pain",
    "vélo",
    "coiffeur",
    "caviste",
    "opticien",
    "librairie",
    "chocolat",
    "boucherie",
    "primeur",
    "plombier",
    "menuisier",
]
FILTERED_QUERIES = [
    {"q": "boulangerie roubaix"},
    {"q": "fromagerie près de lambersart"},
    {"q": "boulangerie ouverte dimanche"},
    {"q": "pain", "open_now": "1"},
    {"q": "fleuriste", "commune": ["59350", "59512"]},
    {"lat": "50.6366", "lon": "3.0635", "radius_km": "2"},
    {"q": "coiffeur", "click_and_collect": "1", "verified": "1"},
    {"family": "food", "bbox": "50.60,3.00,50.66,3.10"},
]
SUGGEST_PREFIXES = ["bo", "boul", "fro", "fleu", "cor", "bag", "hui", "cav", "lib"]


def _percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _summary(samples: list[float]) -> dict:
    return {
        "p50_ms": round(statistics.median(samples), 1),
        "p95_ms": round(_percentile(samples, 0.95), 1),
        "n": len(samples),
    }


def _prepare_database() -> None:
    from django.core.management import call_command

    from shops.models import ShopPage

    call_command("migrate", verbosity=0)
    call_command("load_communes", verbosity=0)
    call_command("load_categories", verbosity=0)
    if ShopPage.objects.live().count() < SHOPS:
        print(f"creating {SHOPS} demo shops (once; kept for later runs)…")
        call_command("load_demo", shops=SHOPS, verbosity=0)


class _EngineClock:
    """Adds up the time each request spends waiting for the engine, and counts
    its round trips: every call of the client, whichever code path made it."""

    def __init__(self):
        from elasticsearch import Elasticsearch

        self.client_class = Elasticsearch
        self.original = Elasticsearch.perform_request
        self.spent = self.cpu_spent = 0.0
        self.round_trips = 0

    def reset(self) -> None:
        self.spent = self.cpu_spent = 0.0
        self.round_trips = 0

    def __enter__(self):
        original = self.original

        def timed(client, *args, **kwargs):
            started, cpu_started = time.perf_counter(), time.process_time()
            try:
                return original(client, *args, **kwargs)
            finally:
                self.spent += time.perf_counter() - started
                self.cpu_spent += time.process_time() - cpu_started
                self.round_trips += 1

        self.client_class.perform_request = timed
        return self

    def __exit__(self, *exc):
        self.client_class.perform_request = self.original


def _rebuild_figures() -> dict:
    from prod.rebuild_timing import shop_rebuild_timed
    from search.indexing import KINDS, index_rebuild

    times = shop_rebuild_timed()
    for noun in KINDS.keys() - {"shops"}:
        index_rebuild(noun)
    return {
        "documents": times.indexed,
        "pages_read_per_s": round(times.pages / times.read_s),
        "built_per_s": round(times.built / times.build_s),
        "indexed_per_s": round(times.indexed / times.rebuild_s),
        "rebuild_s": round(times.rebuild_s, 2),
    }


def _timed_requests(browser, path: str, queries: list[dict]) -> dict:
    """Each query ``ROUNDS`` times, every one a miss of the result cache: total
    time, time waiting for the engine, the rest (the application's own share)."""
    from search.result_cache import generation_bump

    totals, own, own_cpu, engine, trips = [], [], [], [], []
    degraded, slowest = 0, {}
    with _EngineClock() as clock:
        for _round in range(ROUNDS):
            for query in queries:
                clock.reset()
                generation_bump()
                started, cpu_started = time.perf_counter(), time.process_time()
                response = browser.get(path, query)
                total = time.perf_counter() - started
                cpu = time.process_time() - cpu_started
                assert response.status_code == 200, response.content[:500]
                if response["Content-Type"].startswith("application/json"):
                    # Over SEARCH_TIMEOUT_SECONDS the API answers from the database.
                    degraded += response.json().get("degraded", False)
                key = json.dumps(query, ensure_ascii=False)
                slowest[key] = max(slowest.get(key, 0), round(clock.spent * 1000))
                totals.append(total * 1000)
                engine.append(clock.spent * 1000)
                own.append((total - clock.spent) * 1000)
                own_cpu.append((cpu - clock.cpu_spent) * 1000)
                trips.append(clock.round_trips)
    return {
        "total": _summary(totals),
        "engine": _summary(engine),
        "own": _summary(own),
        # The same share in CPU time: what the application itself costs, apart
        # from waiting for a core when the machine is busy.
        "own_cpu": _summary(own_cpu),
        "round_trips_per_request": sorted(set(trips)),
        "degraded_answers": degraded,
        "slowest_engine_ms": dict(
            sorted(slowest.items(), key=lambda item: -item[1])[:5]
        ),
    }


def _api_figures(browser) -> dict:
    queries = [{"q": text} for text in TEXT_QUERIES] + FILTERED_QUERIES
    return _timed_requests(browser, "/api/v1/search", queries)


def _page_figures(browser) -> dict:
    """The HTML search page: shops, facets, places and events in one round trip."""
    queries = [{"q": text} for text in TEXT_QUERIES[:5]] + FILTERED_QUERIES[:4]
    return _timed_requests(browser, "/search/", queries)


def _suggest_figures(browser) -> dict:
    queries = [{"q": prefix} for prefix in SUGGEST_PREFIXES]
    return _timed_requests(browser, "/api/v1/search/suggest", queries)


def _wagtail_figures() -> dict:
    from django.core.management import call_command

    from shops.models import ShopPage

    call_command("update_index", verbosity=0)
    samples = []
    for _round in range(ROUNDS):
        for text in TEXT_QUERIES:
            started = time.perf_counter()
            list(ShopPage.objects.live().search(text)[:20])
            samples.append((time.perf_counter() - started) * 1000)
    return _summary(samples)


def _hanging_engine_figures(browser) -> dict:
    from django.conf import settings

    from search.selectors import engine_breaker

    server = socket.create_server(("127.0.0.1", 0))
    held = []
    server.settimeout(0.01)
    url = f"http://127.0.0.1:{server.getsockname()[1]}"
    previous = settings.ELASTICSEARCH_URL
    settings.ELASTICSEARCH_URL = url
    samples = []
    try:
        for _request in range(settings.SEARCH_BREAKER_FAILURES + 5):
            started = time.perf_counter()
            response = browser.get("/search/", {"q": "boulangerie"})
            samples.append(round((time.perf_counter() - started) * 1000))
            assert response.status_code == 200
            with contextlib.suppress(OSError):
                held.append(server.accept()[0])
    finally:
        settings.ELASTICSEARCH_URL = previous
        engine_breaker.close()
        server.close()
        for connection in held:
            connection.close()
    return {"answer_ms_each_request": samples}


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    from search.embedded_engine import embedded_engine, free_port

    settings.ALLOWED_HOSTS = ["*"]
    _prepare_database()
    with embedded_engine(
        port=free_port(), data_dir=DATA / "bench-search-engine"
    ) as url:
        # Latency is measured in full: no request may give up and fall back, and
        # none may be refused by the pacing meant for people.
        settings.SEARCH_TIMEOUT_SECONDS = 60
        settings.SEARCH_RATES = settings.SEARCH_SUGGEST_RATES = ["1000000/10s"]
        settings.ELASTICSEARCH_URL = url
        browser = Client()
        figures = {"rebuild": _rebuild_figures()}
        browser.get("/api/v1/search", {"q": "warm up"})
        figures["api"] = _api_figures(browser)
        figures["page"] = _page_figures(browser)
        figures["suggest"] = _suggest_figures(browser)
        figures["wagtail_database_backend"] = _wagtail_figures()
        # The hanging engine is timed with production's patience (base settings).
        settings.SEARCH_TIMEOUT_SECONDS = PRODUCTION_TIMEOUT_SECONDS
        figures["hanging_engine"] = _hanging_engine_figures(browser)
    api, wagtail = figures["api"]["total"], figures["wagtail_database_backend"]
    figures["ratio_api_to_wagtail_p50"] = round(api["p50_ms"] / wagtail["p50_ms"], 2)
    rebuild = figures["rebuild"]
    print(
        f"machine load average (1 min) at the end: {os.getloadavg()[0]:.1f} "
        f"on {os.cpu_count()} cores"
    )
    print(
        f"rebuild: {rebuild['documents']} shops; pages read from the database "
        f"{rebuild['pages_read_per_s']}/s, documents built "
        f"{rebuild['built_per_s']}/s, whole rebuild {rebuild['indexed_per_s']} "
        f"documents/s ({rebuild['rebuild_s']} s)"
    )
    for label, noun in (("API", "api"), ("page", "page"), ("suggest", "suggest")):
        for name in ("total", "engine", "own", "own_cpu"):
            part = figures[noun][name]
            print(
                f"{label:7} {name:6}: p50 {part['p50_ms']} ms, p95 {part['p95_ms']} ms"
            )
        print(
            f"{label:7} engine round trips per request: "
            f"{figures[noun]['round_trips_per_request']}"
        )
    print(
        f"API answers from the database fallback: {figures['api']['degraded_answers']}"
    )
    print(f"slowest engine waits (ms): {figures['api']['slowest_engine_ms']}")
    print(
        f"Wagtail database backend (titles, same words): p50 {wagtail['p50_ms']} ms, "
        f"p95 {wagtail['p95_ms']} ms; API/Wagtail p50 ratio "
        f"{figures['ratio_api_to_wagtail_p50']}"
    )
    print(
        "hanging engine, search page answer per request (ms): "
        f"{figures['hanging_engine']['answer_ms_each_request']}"
    )
    (DATA / "bench-search.json").write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
