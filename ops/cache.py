"""Django's Redis cache, answering like an empty cache while Redis is down.

The cache holds copies only (pages, search answers, rate-limit counters), so a
missing Redis must cost speed, never a page: reads miss, writes are dropped, and
``incr`` raises ``ValueError`` (what Django raises for a missing key), which
django-ratelimit counts as "no count", i.e. not limited (``RATELIMIT_FAIL_OPEN``,
README "Production" says why). After a failure Redis is left alone for
``RETRY_SECONDS`` so that each request does not wait on a dead server again.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

import redis

logger = logging.getLogger(__name__)
RETRY_SECONDS = 2.0


class RedisDown(Exception):
    pass


class _FailSoftClient(RedisCacheClient):
    _down_until = 0.0

    def _guard(self, operation, *args):
        if time.monotonic() < self._down_until:
            raise RedisDown
        try:
            return operation(*args)
        except redis.RedisError as error:
            logger.warning("cache unavailable (%s): serving without it", error)
            type(self)._down_until = time.monotonic() + RETRY_SECONDS
            raise RedisDown from error

    def _or(self, fallback, operation, *args):
        try:
            return self._guard(operation, *args)
        except RedisDown:
            return fallback

    def add(self, key, value, timeout):
        return self._or(False, super().add, key, value, timeout)

    def get(self, key, default):
        return self._or(default, super().get, key, default)

    def set(self, key, value, timeout):
        return self._or(None, super().set, key, value, timeout)

    def touch(self, key, timeout):
        return self._or(False, super().touch, key, timeout)

    def delete(self, key):
        return self._or(False, super().delete, key)

    def get_many(self, keys):
        return self._or({}, super().get_many, keys)

    def has_key(self, key):
        return self._or(False, super().has_key, key)

    def incr(self, key, delta):
        try:
            return self._guard(super().incr, key, delta)
        except RedisDown as error:
            raise ValueError("cache unavailable") from error

    def set_many(self, data, timeout):
        return self._or([], super().set_many, data, timeout)

    def delete_many(self, keys):
        return self._or(None, super().delete_many, keys)

    def clear(self):
        return self._or(False, super().clear)


class FailSoftRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _FailSoftClient
