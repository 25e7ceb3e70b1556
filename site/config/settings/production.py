"""Production: every secret comes from the environment, with no default.

A missing variable stops the process at start-up (django-environ raises
ImproperlyConfigured naming it) instead of running half-configured.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=60)
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL")
CACHES = {"default": env.cache("CACHE_URL")}
# Redis down costs speed, never a page (ops.cache): reads miss, writes are dropped.
# Rate limits then fail open: residents keep searching and ordering while an
# abuser is unlimited for as long as Redis is out (sign-in lockouts are kept in the
# database by django-axes and stay closed). README "Production".
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "ops.cache.FailSoftRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(
        socket_timeout=0.25, socket_connect_timeout=0.25
    )
RATELIMIT_FAIL_OPEN = True
# The search circuit breaker's state, shared by every worker (ops.breakers); the
# cache's Redis unless another is named.
BREAKER_REDIS_URL = env(
    "BREAKER_REDIS_URL",
    default=CACHES["default"]["LOCATION"]
    if "Redis" in CACHES["default"]["BACKEND"]
    else "",
)
# Django's own Redis backend increments atomically; django-ratelimit only lists the
# third-party django-redis as "officially supported".
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL")

# Emails, Stripe refunds and transfers, index updates leave the request: they are
# rows in the database (committed with the order), run by ``manage.py db_worker``
# and retried with backoff (ops.retry). README "Production" says why this backend.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# WhiteNoise serves the collected static files from the WSGI process itself, so
# production needs no separate static server (a CDN can sit in front of it).
MIDDLEWARE = [
    MIDDLEWARE[0],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# `make prod` and its smoke test serve plain HTTP on this machine's loopback. Only
# this explicit variable allows it, and only when every allowed host is loopback:
# no redirect to HTTPS, no HSTS, cookies sent over HTTP.
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
if env.bool("DJANGO_LOOPBACK_HTTP", default=False):
    if not set(ALLOWED_HOSTS) <= LOOPBACK_HOSTS:
        raise ImproperlyConfigured(
            "DJANGO_LOOPBACK_HTTP serves plain HTTP: DJANGO_ALLOWED_HOSTS may then "
            "name loopback addresses only."
        )
    SECURE_SSL_REDIRECT = False
    SECURE_HSTS_SECONDS = 0
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"
)
# Only for the file backend (`make prod` on a machine without a mail server).
EMAIL_FILE_PATH = env("DJANGO_EMAIL_FILE_PATH", default="")
EMAIL_HOST = env("EMAIL_HOST")
EMAIL_PORT = env.int("EMAIL_PORT", default=587)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
