"""Pages under load: the page cache, uncached renders and the search, vs a ceiling.

    make bench-pages

Builds a throw-away demo (its own SQLite database, embedded search engine and
Redis, all on free loopback ports), serves it with gunicorn (2 sync workers,
production settings: ``bench/pages_settings.py``), and sends ``wrk -t2 -c8`` to
each page in turn, ``ROUNDS`` alternating rounds of ``SECONDS`` each:

- the shop page from the page cache, and uncached (a query string bypasses it);
- the commune page (Lille) and the home page from the cache;
- the search page (``?q=boulangerie``; its answers are kept 30 s);
- the ceiling: the same HTML as the shop page, from a bare Django view behind
  Django's cache middleware, in the same server.

Prints req/s (median of the rounds), p50/p99 latency, SQL queries per uncached
render, and the ratios the issue sets as goals (cached pages >= 0.8x the ceiling;
uncached shop page >= 100 req/s on this 2-core machine). Timings are reported,
never asserted.
"""

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "site")]
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "5"))
PYTHON = str(ROOT / ".venv" / "bin" / "python")


def _tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        sys.exit(f"{name} is needed: apt-get install -y {name} (make bench-pages does)")
    return found


def _wait(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5)  # noqa: S310
            return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer")


def _manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"manage.py {args[0]} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def _wrk(url: str) -> dict:
    out = subprocess.run(
        [_tool("wrk"), "-t2", "-c8", f"-d{SECONDS}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def ms(label: str) -> float:
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": ms("50"),
        "p99": ms("99"),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


QUERY_COUNT = """
import json
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client = Client(SERVER_NAME="127.0.0.1")
counts = {}
for name, url in json.loads(URLS).items():
    url += "&" if "?" in url else "?"
    client.get(url + "warm")
    with CaptureQueriesContext(connection) as queries:
        client.get(url + "count")
    counts[name] = len(queries)
print(json.dumps(counts))
"""


def main() -> None:
    from search.embedded_engine import embedded_engine, free_port

    work = Path(tempfile.mkdtemp(prefix="vitrine-bench-pages-"))
    engine_port, redis_port, web_port = free_port(), free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "pages_settings",
        "PYTHONPATH": f"{ROOT}:{ROOT / 'site'}:{ROOT / 'bench'}",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-bench-only-secret-key-0123456789",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}",
        "ELASTICSEARCH_URL": f"http://127.0.0.1:{engine_port}",
        "CACHE_URL": f"redis://127.0.0.1:{redis_port}/0",
        "WAGTAILADMIN_BASE_URL": "http://127.0.0.1",
        "EMAIL_HOST": "127.0.0.1",
        "DEFAULT_FROM_EMAIL": "bench@example.org",
        "BENCH_CEILING_HTML": str(work / "ceiling.html"),
        "DJANGO_STATIC_ROOT": str(work / "static"),
        "SEARCH_RATES": "1000000/10s",
    }
    processes = [
        subprocess.Popen(
            [
                _tool("redis-server"),
                "--port",
                str(redis_port),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
    ]

    try:
        with embedded_engine(port=engine_port, data_dir=work / "engine"):
            started = time.perf_counter()
            for command in (
                ["collectstatic", "--no-input", "-v", "0"],
                ["migrate", "--no-input", "-v", "0"],
                ["load_communes"],
                ["load_categories"],
                ["load_demo"],
                ["search_index", "--rebuild"],
            ):
                _manage(env, *command)
            print(f"demo seeded and indexed in {time.perf_counter() - started:.0f} s")
            shop_url = (
                _manage(
                    env,
                    "shell",
                    "-c",
                    "from shops.models import ShopPage;"
                    "print(ShopPage.objects.live().filter(commune__insee_code='59350')"
                    ".order_by('pk').first().url)",
                )
                .strip()
                .splitlines()[-1]
            )  # Django 5.2 shell first says what it imported
            pages = {
                "shop page (cached)": shop_url,
                "shop page (uncached)": shop_url + "?uncached",
                "commune page (cached)": "/communes/lille/",
                "home (cached)": "/",
                "search page": "/search/?q=boulangerie",
                "ceiling (bare view, cache middleware)": "/__bench__/ceiling/",
            }
            counted = {
                "shop page": shop_url,
                "commune page": "/communes/lille/",
                "home": "/",
                "search page": "/search/?q=boulangerie",
            }
            queries = json.loads(
                _manage(
                    env,
                    "shell",
                    "-c",
                    f"URLS={json.dumps(json.dumps(counted))}\n" + QUERY_COUNT,
                )
                .strip()
                .splitlines()[-1]
            )
            gunicorn = subprocess.Popen(
                [
                    str(ROOT / ".venv" / "bin" / "gunicorn"),
                    "--pythonpath",
                    "site,bench",
                    "--bind",
                    f"127.0.0.1:{web_port}",
                    "--workers",
                    "2",
                    "--log-level",
                    "warning",
                    "config.wsgi",
                ],
                cwd=ROOT,
                env=env,
            )
            processes.append(gunicorn)
            base = f"http://127.0.0.1:{web_port}"
            _wait(base + "/healthz")
            html = urllib.request.urlopen(base + shop_url).read()  # noqa: S310
            (work / "ceiling.html").write_bytes(html)
            for url in pages.values():
                urllib.request.urlopen(base + url).read()  # noqa: S310  (warm)
            figures: dict[str, list[dict]] = {name: [] for name in pages}
            for _round in range(ROUNDS):
                for name, url in pages.items():
                    figures[name].append(_wrk(base + url))
            _report(figures, queries, len(html))
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=20)
        shutil.rmtree(work, ignore_errors=True)


def _report(figures: dict, queries: dict, html_bytes: int) -> None:
    def median(name, key):
        return statistics.median(run[key] for run in figures[name])

    print(
        f"\nwrk -t2 -c8, {ROUNDS} alternating rounds of {SECONDS} s; gunicorn 2 "
        f"workers, production settings, SQLite, Redis; shop page {html_bytes} bytes"
    )
    print(
        f"{'page':42} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8}  "
        "rounds (req/s)"
    )
    for name in figures:
        rounds = ", ".join(f"{run['rps']:.0f}" for run in figures[name])
        errors = sum(run["errors"] for run in figures[name])
        print(
            f"{name:42} {median(name, 'rps'):8.0f} {median(name, 'p50'):8.1f} "
            f"{median(name, 'p99'):8.1f} {errors:8d}  {rounds}"
        )
    print(
        "\nSQL queries per uncached render: "
        + ", ".join(f"{name} {count}" for name, count in queries.items())
    )
    ceiling = median("ceiling (bare view, cache middleware)", "rps")
    for name in ("shop page (cached)", "commune page (cached)", "home (cached)"):
        print(f"{name} / ceiling: {median(name, 'rps') / ceiling:.2f}x (goal >= 0.8x)")
    print(
        f"shop page (uncached): {median('shop page (uncached)', 'rps'):.0f} req/s "
        "(goal >= 100 req/s on 2 cores)"
    )


if __name__ == "__main__":
    main()
