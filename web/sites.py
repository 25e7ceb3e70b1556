"""The Wagtail site of a request, read from the shared cache rather than SQL.

Wagtail finds the site of every request that serves a page or builds a page's URL
(``Site.find_for_request``) with one SQL query ranking hosts and ports in a CASE
expression. Building that query costs about a millisecond of CPU: a tenth of a
search API answer, one query of every uncached page. Sites change a few times in a
project's life, so ``SiteCacheMiddleware`` keeps Wagtail's answer per host and port
in the shared cache (Redis in production, so every worker sees the same) and puts
it where Wagtail keeps it for the rest of the request, ``request._wagtail_site``
(the memo ``find_for_request`` documents). On a miss Wagtail looks the site up
itself, when and if the request needs it, and its answer is kept afterwards: which
site answers a host stays Wagtail's rule.

Saving or deleting a site forgets every answer at once (``sites_forget``, connected
in ``cms.signals``). An answer also lives at most ``SECONDS``: a worker that read a
site just before it changed cannot keep the old one for longer than that.
"""

from django.core.cache import cache
from django.http.request import split_domain_port

CACHE_KEY = "wagtail-sites-by-host"
SECONDS = 300
# Hosts are the allowed ones (``get_host`` refuses others first); a site with
# ALLOWED_HOSTS = ["*"] must still not fill the entry with every Host header sent.
MAX_HOSTS = 32


class SiteCacheMiddleware:
    """Hands Wagtail the request's site from the cache; place it before anything
    that asks for the site (Wagtail's redirects, page serving, page URLs)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        host = (split_domain_port(request.get_host())[0], request.get_port())
        known = cache.get(CACHE_KEY) or {}
        if host in known:
            request._wagtail_site = known[host]
            return self.get_response(request)
        response = self.get_response(request)
        # Kept only if something in the request asked Wagtail for the site (a
        # request that needs none, the API schema or a static file, reads
        # nothing), and never after a POST: the one that saves a site would keep
        # the site it read before.
        if (
            request.method in ("GET", "HEAD")
            and hasattr(request, "_wagtail_site")
            and len(known) < MAX_HOSTS
        ):
            cache.set(CACHE_KEY, {**known, host: request._wagtail_site}, SECONDS)
        return response


def sites_forget(**_signal) -> None:
    """A site was saved or deleted: every worker asks Wagtail again."""
    cache.delete(CACHE_KEY)
