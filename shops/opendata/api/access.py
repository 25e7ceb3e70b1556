"""Who is calling the API and how much they may: API keys, rates, daily quotas.

Anonymous clients get ``API_ANONYMOUS_RATE`` per IP address; a client sending a
key in the ``X-API-Key`` header gets ``API_KEY_RATE`` per key and the key's daily
quota. Rates count in the shared cache (django-ratelimit), daily usage in the
database so that administrators see it. Over either: 429 with Retry-After.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from django_ratelimit.core import get_usage
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.throttling import BaseThrottle

from insights.recording import public_call_record
from shops.opendata.keys import api_key_find, api_key_record_use, seconds_until_tomorrow
from shops.opendata.models import ApiKey

API_KEY_HEADER = "X-API-Key"
UNKNOWN_KEY = _(
    "This API key is unknown or has been revoked. Check the "
    "X-API-Key header, or leave it out to use the anonymous quota."
)


class ApiKeyAuthentication(BaseAuthentication):
    def authenticate(self, request):
        raw_key = request.META.get("HTTP_X_API_KEY", "").strip()
        if not raw_key:
            return None
        key = api_key_find(raw_key)
        if key is None:
            raise AuthenticationFailed(UNKNOWN_KEY)
        return (None, key)

    def authenticate_header(self, request) -> str:
        return API_KEY_HEADER


class ApiKeyAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = ApiKeyAuthentication
    name = "ApiKey"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": API_KEY_HEADER}


def rate_wait(request, *, group: str, key, rates) -> int | None:
    """Count one use; the seconds to wait if any of ``rates`` is spent, else None.

    Several rates let people through in bursts while stopping sustained use:
    ``["30/10s", "600/h"]``. ``key`` is django-ratelimit's (``"ip"`` or a callable).
    """
    for rate in rates:
        usage = get_usage(request, group=group, key=key, rate=rate, increment=True)
        if usage and usage["should_limit"]:
            return max(1, usage["time_left"])
    return None


def address_key(request) -> str | object:
    # Every server sets REMOTE_ADDR; a bare WSGI call may not, and must not fail.
    return "ip" if request.META.get("REMOTE_ADDR") else (lambda group, req: "unknown")


def key_quota_wait(request, *, key: ApiKey) -> int | None:
    """A keyed client's rate, then its daily quota: the seconds to wait, or None."""
    wait = rate_wait(
        request,
        group="api-key",
        key=lambda group, req: key.prefix,
        rates=[settings.API_KEY_RATE],
    )
    if wait is not None:
        return wait
    if api_key_record_use(key=key) > key.daily_quota:
        return seconds_until_tomorrow()
    return None


class ApiQuotaThrottle(BaseThrottle):
    def allow_request(self, request, view) -> bool:
        public_call_record(request)
        key = request.auth if isinstance(request.auth, ApiKey) else None
        if key is None:
            self._wait = rate_wait(
                request._request,
                group="api-anonymous",
                key=address_key(request._request),
                rates=[settings.API_ANONYMOUS_RATE],
            )
        else:
            self._wait = key_quota_wait(request._request, key=key)
        return self._wait is None

    def wait(self) -> int | None:
        return self._wait
