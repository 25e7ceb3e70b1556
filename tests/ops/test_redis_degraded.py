"""Redis shared by the workers, and missed without harm when it stops.

A real redis-server process is started on a free port; "down" is that process
stopped, not a mock.
"""

import contextlib
import shutil
import subprocess
import time

from django.core.cache import caches
from django.test import RequestFactory

import pybreaker
import pytest
import redis
from django_ratelimit.core import get_usage

from ops import breakers
from ops import cache as ops_cache
from ops.breakers import SharedCircuitStorage
from search.embedded_engine import free_port

pytestmark = pytest.mark.skipif(
    not shutil.which("redis-server"), reason="redis-server is not installed"
)


@pytest.fixture
def redis_url():
    port = free_port()
    server = subprocess.Popen(
        ["redis-server", "--port", str(port), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield url
    server.terminate()
    server.wait()


@pytest.fixture
def redis_cache(settings, redis_url):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "redis": {"BACKEND": "ops.cache.FailSoftRedisCache", "LOCATION": redis_url},
    }
    settings.RATELIMIT_USE_CACHE = "redis"
    settings.RATELIMIT_FAIL_OPEN = True
    ops_cache._FailSoftClient._down_until = 0.0
    yield caches["redis"]
    ops_cache._FailSoftClient._down_until = 0.0


def redis_stop(url: str) -> None:
    with contextlib.suppress(redis.ConnectionError):
        redis.Redis.from_url(url).shutdown(nosave=True)


def breaker(url: str) -> pybreaker.CircuitBreaker:
    storage = SharedCircuitStorage(url=url, namespace="test-breaker")
    return pybreaker.CircuitBreaker(fail_max=2, reset_timeout=60, state_storage=storage)


def fail():
    raise ConnectionError("engine down")


def test_one_workers_failures_open_the_circuit_for_every_worker(redis_url):
    first, second = breaker(redis_url), breaker(redis_url)
    with pytest.raises(ConnectionError):
        first.call(fail)
    with pytest.raises(pybreaker.CircuitBreakerError):
        first.call(fail)

    assert second.current_state == "open"
    with pytest.raises(pybreaker.CircuitBreakerError):
        second.call(lambda: "never asked")


def test_with_redis_down_each_worker_keeps_its_own_breaker(redis_url, monkeypatch):
    monkeypatch.setattr(breakers, "REDIS_RETRY_SECONDS", 0.0)
    worker = breaker(redis_url)
    redis_stop(redis_url)

    assert worker.call(lambda: "answer") == "answer"
    with pytest.raises(ConnectionError):
        worker.call(fail)
    with pytest.raises(pybreaker.CircuitBreakerError):
        worker.call(fail)
    assert worker.current_state == "open"


def test_with_redis_down_the_cache_misses_and_rate_limits_fail_open(
    redis_cache, redis_url
):
    redis_cache.set("greeting", "bonjour")
    assert redis_cache.get("greeting") == "bonjour"
    request = RequestFactory().get("/", REMOTE_ADDR="192.0.2.1")
    limited = get_usage(request, group="t", key="ip", rate="1/m", increment=True)
    limited = get_usage(request, group="t", key="ip", rate="1/m", increment=True)
    assert limited["should_limit"]

    redis_stop(redis_url)

    assert redis_cache.get("greeting", "missed") == "missed"
    redis_cache.set("greeting", "hallo")
    assert redis_cache.get_or_set("generation", 0) == 0
    with pytest.raises(ValueError):
        redis_cache.incr("generation")
    assert get_usage(request, group="t", key="ip", rate="1/m", increment=True) is None


@pytest.mark.django_db
def test_pages_answer_while_redis_is_down(settings, client, redis_url):
    settings.CACHES = {
        "default": {"BACKEND": "ops.cache.FailSoftRedisCache", "LOCATION": redis_url}
    }
    settings.RATELIMIT_FAIL_OPEN = True
    ops_cache._FailSoftClient._down_until = 0.0
    redis_stop(redis_url)

    assert client.get("/healthz").status_code in (200, 503)
    assert client.get("/search/?q=pain").status_code == 200
    ops_cache._FailSoftClient._down_until = 0.0
