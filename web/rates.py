"""Uses counted in the shared cache, per address or per key, against several rates.

The open-data API and the search both pace their clients with these; a key's own
rate and quota are the open-data app's business (``opendata.api.access``).
"""

from django_ratelimit.core import get_usage


class UnknownKey(Exception):
    """A client sent an API key that was never issued or has been revoked."""


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
