"""Searches paced for people: bursts welcome, sustained scraping stopped.

Each search, suggestion or map query is an engine query, so the search page and
the search API have limits per address sized for a person typing and paging
(``SEARCH_RATES``, ``SEARCH_SUGGEST_RATES``: a burst rate and an hourly one). A
re-user sending an open-data key gets that key's rate and daily quota instead,
the same as on the open-data API, so the search is not a way around it.
"""

from functools import wraps

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.module_loading import import_string
from django.utils.translation import gettext

from web.rates import UnknownKey, address_key, rate_wait


def _too_many_html(request, wait: int):
    response = render(request, "search/too_many.html", {"wait": wait}, status=429)
    response["Retry-After"] = str(wait)
    return response


def _too_many_json(request, wait: int):
    response = JsonResponse(
        {
            "errors": [
                gettext(
                    "Too many searches in a short time: please wait %(seconds)d "
                    "seconds. Re-users can ask for an API key (see /api/v1/docs/)."
                )
                % {"seconds": wait}
            ]
        },
        status=429,
    )
    response["Retry-After"] = str(wait)
    return response


def _unknown_key(error: UnknownKey):
    return JsonResponse({"errors": [str(error)]}, status=401)


def _key_wait(request, raw_key: str) -> int | None:
    # Keys belong to the open-data API, a layer above search: the setting
    # SEARCH_API_KEY_WAIT names its function instead of an import.
    return import_string(settings.SEARCH_API_KEY_WAIT)(request, raw_key=raw_key)


def paced(*, rates: str, json: bool = False):
    """Limit a search view to the rates named by the ``rates`` setting."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            raw_key = request.headers.get("X-API-Key", "").strip()
            if json and raw_key:
                try:
                    wait = _key_wait(request, raw_key)
                except UnknownKey as error:
                    return _unknown_key(error)
            else:
                wait = rate_wait(
                    request,
                    group=f"search-{rates}",
                    key=address_key(request),
                    rates=getattr(settings, rates),
                )
            if wait is not None:
                return (_too_many_json if json else _too_many_html)(request, wait)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
