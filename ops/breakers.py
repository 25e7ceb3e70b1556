"""Circuit-breaker state shared by every web worker through Redis.

With one breaker per process, each of N gunicorn workers paid the search
engine's timeout ``fail_max`` times before its own circuit opened. Kept in Redis,
the first workers' failures open the circuit for all of them.

Redis going away must not break searches: every operation falls back to this
process's memory (the old behaviour) and Redis is not asked again for
``REDIS_RETRY_SECONDS``, so a stopped Redis costs one refused connection per
worker every few seconds, not one per request.
"""

import calendar
import logging
import time
from datetime import UTC, datetime

from django.conf import settings

import pybreaker
import redis

logger = logging.getLogger(__name__)
REDIS_RETRY_SECONDS = 5.0
REDIS_TIMEOUT_SECONDS = 0.2


class SharedCircuitStorage(pybreaker.CircuitBreakerStorage):
    """pybreaker storage: Redis when it answers, this process's memory otherwise."""

    def __init__(self, *, url: str, namespace: str, state: str = "closed") -> None:
        super().__init__("redis-or-memory")
        self._redis = redis.Redis.from_url(
            url,
            socket_timeout=REDIS_TIMEOUT_SECONDS,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        )
        self._prefix = f"{namespace}:breaker"
        self._initial = state
        self._local = pybreaker.CircuitMemoryStorage(state)
        self._redis_down_until = 0.0

    def _shared(self, operation, fallback):
        if time.monotonic() < self._redis_down_until:
            return fallback()
        try:
            return operation(self._redis)
        except redis.RedisError as error:
            logger.warning("circuit state in Redis unavailable (%s): local", error)
            self._redis_down_until = time.monotonic() + REDIS_RETRY_SECONDS
            return fallback()

    def _key(self, name: str) -> str:
        return f"{self._prefix}:{name}"

    @property
    def state(self) -> str:
        def read(client):
            value = client.get(self._key("state"))
            return value.decode() if value else self._initial

        return self._shared(read, lambda: self._local.state)

    @state.setter
    def state(self, state: str) -> None:
        self._local.state = state
        self._shared(lambda client: client.set(self._key("state"), state), lambda: 0)

    def increment_counter(self) -> None:
        self._local.increment_counter()
        self._shared(lambda client: client.incr(self._key("fails")), lambda: 0)

    def reset_counter(self) -> None:
        self._local.reset_counter()
        self._shared(lambda client: client.set(self._key("fails"), 0), lambda: 0)

    def increment_success_counter(self) -> None:
        self._local.increment_success_counter()
        self._shared(lambda client: client.incr(self._key("successes")), lambda: 0)

    def reset_success_counter(self) -> None:
        self._local.reset_success_counter()
        self._shared(lambda client: client.set(self._key("successes"), 0), lambda: 0)

    def _count(self, name: str, local: int) -> int:
        return self._shared(
            lambda client: int(client.get(self._key(name)) or 0), lambda: local
        )

    @property
    def counter(self) -> int:
        return self._count("fails", self._local.counter)

    @property
    def success_counter(self) -> int:
        return self._count("successes", self._local.success_counter)

    @property
    def opened_at(self) -> datetime | None:
        def read(client):
            value = client.get(self._key("opened_at"))
            return datetime.fromtimestamp(int(value), UTC) if value else None

        return self._shared(read, lambda: self._local.opened_at)

    @opened_at.setter
    def opened_at(self, now: datetime) -> None:
        self._local.opened_at = now
        stamp = calendar.timegm(now.timetuple())
        self._shared(lambda client: client.set(self._key("opened_at"), stamp), int)


def circuit_storage(name: str) -> pybreaker.CircuitBreakerStorage:
    """Shared when ``BREAKER_REDIS_URL`` is set (production), else per process."""
    url = getattr(settings, "BREAKER_REDIS_URL", "")
    if not url:
        return pybreaker.CircuitMemoryStorage(pybreaker.STATE_CLOSED)
    return SharedCircuitStorage(url=url, namespace=f"vitrine:{name}")
