"""A short cache of public page HTML, for visitors who are not signed in.

The key names the page, its last publication, the language and the day, so that a
publication, a translation and the next day each get a fresh page. A page showing
"open now" lives in the cache only until its hours next change (five minutes at
most), so the status is never stale. Signed-in editors, pages carrying a message,
and requests with a query string always get a fresh render.
"""

from datetime import datetime

from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

MAX_SECONDS = 300


def _cacheable(request) -> bool:
    return (
        request.method == "GET"
        and not request.GET
        and not request.user.is_authenticated
        and "messages" not in request.COOKIES
    )


def _seconds_until(moment: datetime | None) -> int:
    if moment is None:
        return MAX_SECONDS
    return max(1, min(MAX_SECONDS, int((moment - timezone.now()).total_seconds())))


class CachedPageMixin:
    """Serve the page's public HTML from the cache when it is safe to."""

    def serve(self, request, *args, **kwargs):
        if not _cacheable(request) or args or kwargs:
            return super().serve(request, *args, **kwargs)
        published = self.last_published_at.timestamp() if self.last_published_at else 0
        key = f"page-html:{self.pk}:{published}:{get_language()}:{timezone.localdate()}"
        html = cache.get(key)
        if html is not None:
            return HttpResponse(html)
        response = super().serve(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
        if response.status_code == 200:
            status = self.hours_status() if hasattr(self, "hours_status") else None
            timeout = _seconds_until(status.next_change if status else None)
            cache.set(key, response.content, timeout)
        return response
