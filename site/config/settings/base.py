"""Settings shared by every environment.

Values that differ between machines come from environment variables (listed in
``.env.example``) through django-environ; the dev and test modules give them
embedded defaults, production insists on them.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _

import environ

CONFIG_DIR = Path(__file__).resolve().parent.parent
SITE_DIR = CONFIG_DIR.parent
BASE_DIR = SITE_DIR.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])

INSTALLED_APPS = [
    "cms",
    "shops",
    "orders",
    "search",
    "insights",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.frontend_cache",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "ops",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_ratelimit",
    "axes",
    "csp",
    "opendata",
    "demo",
    "rest_framework",
    "drf_spectacular",
    "residents",
    "allauth",
    "allauth.account",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before sessions and routing: a cached public page costs no SQL (web.page_cache).
    "web.page_cache.PageCacheMiddleware",
    # The request's Wagtail site from the cache, not one SQL query (web.sites).
    "web.sites.SiteCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "config.security_headers.SecurityHeadersMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into its 429 page.
    "axes.middleware.AxesMiddleware",
]

# Sign-ins (the admin's and the residents') are throttled by django-axes: after
# AXES_FAILURE_LIMIT failures from one address, or on one account, that address or
# account waits AXES_COOLOFF_TIME. The wait is not restarted by further attempts,
# so an attacker cannot keep the real owner out for more than a quarter of an hour
# at a time; a success clears the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Residents sign in with their email address (django-allauth, residents app).
    "allauth.account.auth_backends.AuthenticationBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "config.lockout.sign_in_paused"
# Behind a reverse proxy, name the header it sets with the client's address
# (for example HTTP_X_REAL_IP); the same one is used by the rate limits.
AXES_IPWARE_META_PRECEDENCE_ORDER = [env("CLIENT_IP_HEADER", default="REMOTE_ADDR")]
RATELIMIT_IP_META_KEY = env("CLIENT_IP_HEADER", default="REMOTE_ADDR")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SITE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
    {"NAME": f"{_VALIDATORS}.MinimumLengthValidator"},
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.NumericPasswordValidator"},
]

# French first: the metropolis speaks French; Dutch for the Belgian neighbours and
# Flemish-speaking visitors, English for everyone else.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English")), ("nl", _("Dutch"))]
LOCALE_PATHS = [SITE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [SITE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Vitrine"
# No Gravatar: the admin would send a hash of each email to a third party and
# load its pictures from elsewhere (the CSP refuses them); initials instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Nor the upgrade check: superusers' dashboards fetched releases.wagtail.org, which
# the admin's connect-src refuses (a CSP error on every visit). Upgrades are ours.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# A CDN or Varnish in front of the site, purged with the page cache (README).
WAGTAILFRONTENDCACHE = {}
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Vitrine <no-reply@vitrine.localhost>"
)
# Residents sign in on allauth's page; Wagtail's admin keeps its own login page
# (WAGTAILADMIN_LOGIN_URL, which does not follow this setting).
LOGIN_URL = "account_login"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
# Wagtail's own admin search stays on the database; the public search is ours.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAIL_I18N_ENABLED = False
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"png": "webp", "jpeg": "webp"}
WAGTAILDOCS_EXTENSIONS = ["csv", "pdf", "txt"]

# Background work (indexing, emails, Stripe refunds and transfers) goes through
# django-tasks. The immediate backend runs it in-process after the commit
# (development, tests); production queues it in the database for the worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Where the scheduler and periodic jobs keep their locks when the database is not
# PostgreSQL (ops.locks; on PostgreSQL they are advisory locks).
OPS_LOCK_DIR = env.path("OPS_LOCK_DIR", default=BASE_DIR / ".data" / "locks")

# One shared cache: rate limits (django-ratelimit) count in it. Production gives a
# Redis URL; dev and tests run in one process, where the local-memory cache is shared.
CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
RATELIMIT_USE_CACHE = "default"

ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
# Every index name starts with this prefix, so that tests, several sites or a
# rebuild never collide on one cluster.
SEARCH_INDEX_PREFIX = env("SEARCH_INDEX_PREFIX", default="vitrine")
# Each new index's layout: one shard and no copy on a single node; on the
# metropolis's three-node cluster, e.g. 3 shards and 1 replica (README "Production").
SEARCH_INDEX_SHARDS = env.int("SEARCH_INDEX_SHARDS", default=1)
SEARCH_INDEX_REPLICAS = env.int("SEARCH_INDEX_REPLICAS", default=0)
# A search answers within 1.5 s even when the engine hangs: one try, then the
# database fallback. After SEARCH_BREAKER_FAILURES failures in a row, requests skip
# the engine for SEARCH_BREAKER_RESET_SECONDS (search.selectors.engine_breaker).
SEARCH_TIMEOUT_SECONDS = env.float("SEARCH_TIMEOUT_SECONDS", default=1.0)
# Writes (bulk rebuilds, single updates) may take longer than a resident waits.
SEARCH_INDEXING_TIMEOUT_SECONDS = env.float(
    "SEARCH_INDEXING_TIMEOUT_SECONDS", default=60.0
)
SEARCH_BREAKER_FAILURES = env.int("SEARCH_BREAKER_FAILURES", default=3)
SEARCH_BREAKER_RESET_SECONDS = env.int("SEARCH_BREAKER_RESET_SECONDS", default=30)
# Empty: each process keeps its own breaker state (production shares it in Redis).
BREAKER_REDIS_URL = ""
# Tiles under the results map, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png;
# empty: the map draws the commune outlines only (works offline).
SEARCH_MAP_TILES_URL = env("SEARCH_MAP_TILES_URL", default="")
# The credit the tile provider requires, shown on the map (plain text).
SEARCH_MAP_TILES_ATTRIBUTION = env(
    "SEARCH_MAP_TILES_ATTRIBUTION", default="© OpenStreetMap contributors"
)

# Content-Security-Policy (django-csp; areas in config.security_headers): scripts
# from our own origin only, never inline; images also from the tile server.
_TILES_ORIGIN = urlsplit(SEARCH_MAP_TILES_URL.replace("{s}", "*"))
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"]
        + (
            [f"{_TILES_ORIGIN.scheme}://{_TILES_ORIGIN.netloc}"]
            if _TILES_ORIGIN.netloc
            else []
        ),
        "connect-src": ["'self'"],
        "font-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        # Checkout hands over to Stripe's payment page.
        "form-action": ["'self'", "https://checkout.stripe.com"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "elastic_transport": {"level": "WARNING"},
        # One line per background task and page creation drowns what matters.
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "stripe": {"level": "WARNING"},
    },
}

# Merchant image uploads: shops.uploads.images decides; these keep Wagtail's help text,
# file picker and client-side checks in step with it.
WAGTAILIMAGES_IMAGE_FORM_BASE = "shops.uploads.forms.SafeImageForm"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000

# Click-and-collect (orders). Pay at pickup needs nothing; pay online needs the
# platform's Stripe keys. STRIPE_API_BASE only points the SDK elsewhere (benchmarks).
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
STRIPE_API_BASE = env("STRIPE_API_BASE", default="")
STRIPE_TIMEOUT_SECONDS = env.float("STRIPE_TIMEOUT_SECONDS", default=10.0)
# The platform's share of each online shop order, in basis points (150 = 1.5 %).
ORDERS_PLATFORM_FEE_BPS = env.int("ORDERS_PLATFORM_FEE_BPS", default=0)
# Stock held for an unpaid online order; Stripe Checkout Sessions expire after as
# long (Stripe accepts 30 minutes to 24 hours).
ORDERS_RESERVATION_MINUTES = env.int("ORDERS_RESERVATION_MINUTES", default=30)
ORDERS_SLOT_MINUTES = 30
ORDERS_DAYS_AHEAD = 7
# Open data (opendata): the public API, its quotas, the export files.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["opendata.api.access.ApiKeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["opendata.api.access.ApiQuotaThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "opendata.api.pagination.ApiCursorPagination",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Vitrine API",
    "DESCRIPTION": (
        "Read-only open data of the Lille metropolis shop window: shops, their "
        "active products, points of interest, communes and categories. Licence "
        "Ouverte 2.0."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Only our API: Wagtail's own (admin) API views are not part of it.
    "SERVE_URLCONF": "opendata.api.schema_urls",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Its deploy check walks the root URLs (Wagtail's admin API too); our schema is
    # checked by the test suite (schemathesis) instead.
    "ENABLE_DJANGO_DEPLOY_CHECK": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "opendata.api.schema.add_common_responses",
    ],
}
# Anonymous clients, per IP address; keyed clients, per key (and a daily quota
# set on each key). django-ratelimit's syntax: "120/m", "5000/h".
API_ANONYMOUS_RATE = env("API_ANONYMOUS_RATE", default="60/m")
API_KEY_RATE = env("API_KEY_RATE", default="1200/m")
# The search page and search API, per address (search.pacing): a burst and an hourly
# rate, sized for a person typing, paging and panning the map. Suggestions come as
# one types, hence more of them.
SEARCH_RATES = env.list("SEARCH_RATES", default=["30/10s", "600/h"])
SEARCH_SUGGEST_RATES = env.list("SEARCH_SUGGEST_RATES", default=["60/10s", "1800/h"])
# A search API client sending an open-data key is paced by that key: the open-data
# app (above search in the layers) judges it, named here rather than imported.
SEARCH_API_KEY_WAIT = "opendata.api.access.search_key_wait"
# A signed-in resident's communes (INSEE codes), which lead their search results.
SEARCH_HOME_COMMUNES = "residents.selectors.home_commune_codes"
# Where the generated export files are kept (regenerated when the data changes).
OPENDATA_ROOT = env.path("OPENDATA_ROOT", default=BASE_DIR / ".data" / "open-data")

# Residents' accounts (residents app, django-allauth). Sign-in by email, verified
# before the first sign-in; sign-up, sign-in and reset answer the same whether the
# address is known or not (a known address is told by email instead).
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Vitrine: "
ACCOUNT_ADAPTER = "residents.adapter.ResidentAccountAdapter"
LOGIN_REDIRECT_URL = "/accounts/"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
# Counted in the shared cache (production's Redis), per address and per account.
ACCOUNT_RATE_LIMITS = {
    "signup": "10/m/ip,30/h/ip",
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "confirm_email": "1/3m/key",
    "reset_password": "10/m/ip,5/h/key",
    "reset_password_from_key": "20/m/ip",
    "change_email": "1/m/user",
    "request_login_code": "10/m/ip,3/15m/key",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
# django-axes counts allauth's failed sign-ins on the address typed (``email``).
AXES_USERNAME_CALLABLE = "residents.throttle.axes_username"
# Guest orders' names, emails and phones are replaced this many months after the
# last pickup (manage.py residents_anonymise_orders, daily).
RESIDENTS_GUEST_ORDERS_KEPT_MONTHS = env.int(
    "RESIDENTS_GUEST_ORDERS_KEPT_MONTHS", default=12
)
