"""Public pages answered from the cache before routing, purged when they change.

``PageCacheMiddleware`` sits near the top of the middleware stack: an anonymous GET
of a page kept in the cache is answered there, before sessions, URL routing and
Wagtail's page lookup, so a hit costs one cache read and no SQL query. The key is
the path and the language (read from the cookie or ``Accept-Language``, as Django's
``LocaleMiddleware`` would), and the stored answer keeps the headers the rest of
the stack had set (language, security policies).

What may be stored is decided by the page (``CachedPageMixin``): public page types
mark their 200 answers with how long they stay right. A page showing "open now"
lives only until its hours next change; every page at most ``MAX_SECONDS``.
Requests carrying a session (signed-in people, visitors with a basket), a flash
message or a query string, and every POST, pass through untouched; an answer that
sets a cookie is never stored.

Changes purge at once (``page_cache_purge``, called from ``cms.signals`` and from
the services that change what a page shows without publishing it: stock, hours
confirmation): the page and its ancestors (its commune page, the communes index,
the home page), in every language, and in a CDN or Varnish placed in front when
``WAGTAILFRONTENDCACHE`` names one.
"""

from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone, translation

MAX_SECONDS = 300
KEY_PREFIX = "page-cache"
# Never pages: no need to ask the cache.
SKIPPED_PREFIXES = ("/admin/", "/static/", "/media/", "/documents/", "/api/")


def _key(path: str, language: str) -> str:
    return f"{KEY_PREFIX}:{language}:{path}"


def _anonymous_get(request) -> bool:
    return (
        request.method in ("GET", "HEAD")
        and not request.META.get("QUERY_STRING")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
        and not request.path_info.startswith(SKIPPED_PREFIXES)
    )


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _anonymous_get(request):
            return self.get_response(request)
        key = _key(request.path_info, translation.get_language_from_request(request))
        stored = cache.get(key)
        if stored is not None:
            headers, content = stored
            response = HttpResponse(content, headers=headers)
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        seconds = getattr(response, "page_cache_seconds", None)
        if seconds and response.status_code == 200 and not response.cookies:
            cache.set(key, (dict(response.items()), response.content), seconds)
        return response


def _seconds_until(moment: datetime | None) -> int:
    if moment is None:
        return MAX_SECONDS
    return max(1, min(MAX_SECONDS, int((moment - timezone.now()).total_seconds())))


class CachedPageMixin:
    """A public page type whose anonymous answers the page cache may keep."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if args or kwargs or request.user.is_authenticated:
            return response
        if hasattr(response, "render"):
            response.render()
        status = self.hours_status() if hasattr(self, "hours_status") else None
        response.page_cache_seconds = _seconds_until(
            status.next_change if status else None
        )
        return response


def _paths(page) -> list[str]:
    parts = page.get_url_parts()
    return [parts[2]] if parts and parts[2] else []


def page_cache_purge(pages) -> None:
    """Forget the cached answers of ``pages`` and of their ancestors, everywhere."""
    urls: set[str] = set()
    paths: set[str] = set()
    for page in pages:
        for shown in page.get_ancestors(inclusive=True).filter(depth__gt=1):
            paths.update(_paths(shown))
            if settings.WAGTAILFRONTENDCACHE and (full_url := shown.full_url):
                urls.add(full_url)
    _forget(paths)
    if urls:
        from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

        purge_urls_from_cache(sorted(urls))


def page_cache_purge_path(path: str) -> None:
    """Forget a path that no longer leads to its page (after a move)."""
    _forget([path])


def _forget(paths) -> None:
    cache.delete_many(
        [_key(path, language) for path in paths for language, _ in settings.LANGUAGES]
    )
