"""Tests: fast and hermetic.

The search engine URL is set by the pytest session fixture, which starts its own
engine process unless ``ELASTICSEARCH_URL`` points at a running one.
"""

import tempfile

from .base import *  # noqa: F403
from .base import env

DEBUG = False
SECRET_KEY = "test-only-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="vitrine-test-media-")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", default="test-vitrine")

# Tests run in one process, where the local-memory cache is shared.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.E003", "django_ratelimit.W001"]
OPENDATA_ROOT = tempfile.mkdtemp(prefix="vitrine-test-opendata-")
