"""Production settings as `make prod` uses them: tasks queued, HTTP on loopback."""

from tests.test_settings import PRODUCTION_ENV, _manage

SHOW = (
    "from django.conf import settings as s; "
    "print(s.TASKS['default']['BACKEND'], s.CACHES['default']['BACKEND'], "
    "s.RATELIMIT_FAIL_OPEN, s.BREAKER_REDIS_URL, s.SECURE_SSL_REDIRECT)"
)


def test_production_queues_tasks_and_shares_redis_with_an_https_redirect():
    result = _manage("shell", "-v", "0", "-c", SHOW, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django_tasks_db.DatabaseBackend",
        "ops.cache.FailSoftRedisCache",
        "True",
        "redis://127.0.0.1:6379/0",
        "True",
    ]


def test_plain_http_only_when_asked_for_and_only_on_loopback():
    loopback = PRODUCTION_ENV | {
        "DJANGO_LOOPBACK_HTTP": "true",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    result = _manage("shell", "-v", "0", "-c", SHOW, env=loopback)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == "False"

    public = PRODUCTION_ENV | {"DJANGO_LOOPBACK_HTTP": "true"}
    refused = _manage("check", env=public)
    assert refused.returncode != 0
    assert "DJANGO_LOOPBACK_HTTP" in refused.stderr
