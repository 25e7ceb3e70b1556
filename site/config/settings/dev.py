"""Local development: embedded defaults so that ``make run`` needs no account or key."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
SECRET_KEY = env(
    "DJANGO_SECRET_KEY", default="dev-only-insecure-key-do-not-use-in-production"
)
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"]
)
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="http://127.0.0.1:9201")
# The embedded engine scans every document per query (about 0.3-0.8 s for the
# 1,500 demo shops on two cores), so development waits longer than production's 1 s
# before falling back to the database.
SEARCH_TIMEOUT_SECONDS = env.float("SEARCH_TIMEOUT_SECONDS", default=3.0)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Counted visits wait in files until ``manage.py insights_flush`` (another process)
# moves them to the database; production keeps them in the shared Redis cache.
CACHES["insights"] = {
    "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
    "LOCATION": BASE_DIR / ".data" / "insights-buffer",
    "OPTIONS": {"MAX_ENTRIES": 1_000_000},
}

# A single runserver process shares its local-memory cache, which is enough to
# rate-limit in development (production uses Redis).
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
