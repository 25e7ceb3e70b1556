"""Who is calling the API and how much they may: API keys, rates, daily quotas.

Anonymous clients get ``API_ANONYMOUS_RATE`` per IP address; a client sending a
key in the ``X-API-Key`` header gets ``API_KEY_RATE`` per key and the key's daily
quota. Rates count in the shared cache (django-ratelimit), daily usage in the
database so that administrators see it. Over either: 429 with Retry-After.
"""

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.throttling import BaseThrottle

from opendata.keys import api_key_find, api_key_record_use, seconds_until_tomorrow
from opendata.measurement import API_CALL, public_call_made
from opendata.models import ApiKey
from web.rates import UnknownKey, address_key, rate_wait

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
        public_call_made.send(sender=None, request=request, kind=API_CALL)
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


def search_key_wait(request, *, raw_key: str) -> int | None:
    """The search API's pacing for a client sending a key (``SEARCH_API_KEY_WAIT``).

    The same rate and daily quota as on the open-data API, so the search is not a
    way around them; an unknown or revoked key raises ``UnknownKey``.
    """
    key = api_key_find(raw_key)
    if key is None:
        raise UnknownKey(UNKNOWN_KEY)
    return key_quota_wait(request, key=key)
